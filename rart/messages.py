"""Messages for editors: what is wrong, how to fix it, a correct example; and the words of the
reports and of the tools (build, preview, scaffolding).

Every text here is an English msgid of the gettext domain `editors` (extracted by
`make extract` into translations/editors.pot, translated in translations/<lang>/LC_MESSAGES/
editors.po, counted by `make i18n-status`). Editors read them in Italian: the language is the
setting CONTENT_CHECKS_LANGUAGE. Placeholders are Python's named `%(name)s`; a message is
found by its code, so the validator, the plugins and the tools say the same thing the same
way. `N_` and `Nn_` only mark strings for extraction.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from .catalogs import load_catalog

DOMAIN = "editors"
# Languages the editors' messages exist in (a catalog each); Italian is the editors' language.
LANGUAGES = ("it", "en")
LOCALES = {"it": "it_IT", "en": "en_GB"}


def N_(text: str) -> str:
    """Marks a msgid for extraction; translated when the message is rendered."""
    return text


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a singular/plural pair for extraction."""
    return singular, plural


class Message(NamedTuple):
    what: str
    fix: str
    example: str = ""


MESSAGES: dict[str, Message] = {
    "outside-folders": Message(
        what=N_("the file is outside the content folders: the site does not read it"),
        fix=N_("move it into one of: %(folders)s"),
        example=N_("content/notizie/a-news-item.md"),
    ),
    "subfolder": Message(
        what=N_("the site does not read subfolders of content/%(folder)s/"),
        fix=N_("move the file into content/%(folder)s/ itself"),
        example=N_("content/%(folder)s/%(name)s"),
    ),
    "not-markdown": Message(
        what=N_("content/%(folder)s/ only holds Markdown (.md) texts: this file would not be published"),
        fix=N_("images go in content/immagini/, downloads in content/materiali/"),
        example=N_("content/immagini/%(name)s"),
    ),
    "other-markup": Message(
        what=N_("the file is .%(ext)s: the site only publishes Markdown (.md)"),
        fix=N_("rewrite it as a .md file (make new creates one)"),
        example=N_("content/%(folder)s/%(stem)s.md"),
    ),
    "bad-file-name": Message(
        what=N_("the file name «%(name)s» is not valid: it becomes the page's address"),
        fix=N_("use lowercase letters without accents, digits and hyphens"),
        example="%(suggestion)s",
    ),
    "unknown-language": Message(
        what=N_("«%(lang)s» in the file name is not a language of the site (%(languages)s)"),
        fix=N_("the language code goes between the name and .md"),
        example="%(suggestion)s",
    ),
    "default-language-suffix": Message(
        what=N_("files in %(default_name)s have no language code in their name"),
        fix=N_("remove «.%(lang)s» from the file name"),
        example="%(suggestion)s",
    ),
    "too-large": Message(
        what=N_("the file is too large (%(size)s; the limit is %(limit)s)"),
        fix=N_("split the text; put downloads in content/materiali/"),
    ),
    "binary": Message(
        what=N_("the file is not text: perhaps an image or a Word document saved as .md"),
        fix=N_("open it in a text editor, or recreate it with make new"),
        example=N_("make new TYPE=news TITLE=\"News title\""),
    ),
    "unreadable": Message(
        what=N_("the file cannot be read (%(detail)s)"),
        fix=N_("check that it exists and is readable"),
    ),
    "utf16": Message(
        what=N_("the file is saved as UTF-16; the site reads UTF-8 only"),
        fix=N_("save it as UTF-8"),
    ),
    "not-utf8": Message(
        what=N_("the file is not UTF-8: the character at column %(column)s cannot be read (byte %(byte)s)"),
        fix=N_("save the file as UTF-8 and check accented letters"),
    ),
    "control-char": Message(
        what=N_("there is an invisible control character (%(char)s) at column %(column)s"),
        fix=N_("delete it and retype the words around it"),
    ),
    "empty-file": Message(
        what=N_("the file is empty"),
        fix=N_("write the header, a blank line and the text"),
        example="%(example)s",
    ),
    "no-front-matter": Message(
        what=N_("the file does not start with its header («Field: value» lines)"),
        fix=N_("put the fields at the top, one per line, then a blank line, then the text"),
        example="%(example)s",
    ),
    "blank-first-line": Message(
        what=N_("the file starts with a blank line, so the site sees no header"),
        fix=N_("delete the blank lines at the top"),
        example="%(example)s",
    ),
    "fence": Message(
        what=N_("«---» lines are not used: the header is not YAML"),
        fix=N_("delete the «---» line; the header ends at the first blank line"),
        example=N_("Title: About us\nSummary: One sentence.\n\nThe text."),
    ),
    "bad-field-line": Message(
        what=N_("this line is in the header but is not a «Name: value» field"),
        fix=N_("if it is a field, write name, colon, value; if it starts the text, leave a blank line before it"),
        example="%(example)s",
    ),
    "missing-colon": Message(
        what=N_("the colon after «%(name)s» is missing"),
        fix=N_("write name, colon, value"),
        example="%(example)s",
    ),
    "space-before-colon": Message(
        what=N_("there is a space before the colon in «%(text)s»"),
        fix=N_("write the field name right before the colon"),
        example="%(example)s",
    ),
    "bad-field-name": Message(
        what=N_("the field name «%(name)s» has spaces, accents or symbols"),
        fix=N_("field names are English words without spaces%(hint)s"),
        example="%(example)s",
    ),
    "empty-body": Message(
        what=N_("the text is missing: the file only has a header"),
        fix=N_("leave a blank line after the header and write the text"),
        example=N_("Summary: One sentence.\n\nThe text."),
    ),
    "unknown-field": Message(
        what=N_("the field «%(name)s» does not exist"),
        fix=N_("%(hint)s; if not needed, delete the line. Fields of %(type)s: %(names)s"),
        example="%(example)s",
    ),
    "field-not-for-type": Message(
        what=N_("the field «%(name)s» is not used in %(type)s"),
        fix=N_("delete the line. Fields of %(type)s: %(names)s"),
    ),
    "reserved-lang": Message(
        what=N_("the %(name)s field is not used: the language is in the file name"),
        fix=N_("delete the line; an English translation is named %(stem)s.en.md"),
    ),
    "reserved-template": Message(
        what=N_("the %(name)s field is not written in content"),
        fix=N_("delete the line"),
    ),
    "reserved-address": Message(
        what=N_("the %(name)s field is not written in content: the address comes from the file name"),
        fix=N_("delete the line; rename the file, or use Slug in a translation"),
        example=N_("Slug: new-address"),
    ),
    "reserved-author": Message(
        what=N_("the %(name)s field is not used"),
        fix=N_("delete the line; if needed, name the author in the text"),
    ),
    "reserved-key": Message(
        what=N_("the %(name)s field is not written: the file name is the key"),
        fix=N_("delete the line"),
    ),
    "duplicate-field": Message(
        what=N_("the field %(name)s is written twice (first on line %(other)s)"),
        fix=N_("keep one %(name)s line"),
    ),
    "multiline-field": Message(
        what=N_("the field %(name)s continues on this line but must fit on one line"),
        fix=N_("join the lines; if this starts the text, leave a blank line before it"),
        example="%(example)s",
    ),
    "missing-field": Message(
        what=N_("the required field %(name)s is missing"),
        fix=N_("add it to the header"),
        example="%(example)s",
    ),
    "empty-required": Message(
        what=N_("the required field %(name)s is empty"),
        fix=N_("write its value after the colon"),
        example="%(example)s",
    ),
    "empty-date": Message(
        what=N_("the field %(name)s is empty"),
        fix=N_("write the date or delete the line"),
        example="%(example)s",
    ),
    "needs-image_alt": Message(
        what=N_("there is an image (%(field)s, line %(line_of_field)s) but no Image_alt text"),
        fix=N_("describe what the image shows, for people who cannot see it"),
        example="%(example)s",
    ),
    "needs-consent": Message(
        what=N_("the photo shows identifiable people (%(field)s: %(value)s) but %(needs)s is missing"),
        fix=N_("write the reference of the signed consent form, or use another photo"),
        example="%(example)s",
    ),
    "needs-people": Message(
        what=N_("%(field)s has a picture (%(value)s) but %(needs)s does not say whether identifiable people are in it"),
        fix=N_("write %(needs)s: sì if people can be recognised (then the consent form's reference), "
               "no if not, also for decorative pictures, drawings and logos"),
        example="%(example)s",
    ),
    "bad-people": Message(
        what=N_("«%(value)s» in %(name)s does not say whether identifiable people are in the picture"),
        fix=N_("write sì (people can be recognised: the consent form's reference is needed) or no "
               "(nobody can be recognised, also for decorative pictures, drawings and logos)"),
        example="%(example)s",
    ),
    "bad-consent": Message(
        what=N_("«%(value)s» in %(name)s is not a consent form's reference"),
        fix=N_("write the reference under which the signed form is filed: the archive's code in "
               "capitals, the year and the number, separated by hyphens, such as %(reference)s; "
               "never a person's name"),
        example="%(example)s",
    ),
    "bad-image-row": Message(
        what=N_("the line «%(value)s» of Body_images is not «file | sì or no | reference»"),
        fix=N_("write one image of the text per line: its file, then sì or no (identifiable "
               "people), then, with sì, the consent form's reference, separated by |"),
        example="%(example)s",
    ),
    "duplicate-image-row": Message(
        what=N_("the image %(value)s is already in Body_images (line %(other)s)"),
        fix=N_("keep one line per image"),
    ),
    "undeclared-image": Message(
        what=N_("the image %(file)s in the text does not say whether identifiable people are in it"),
        fix=N_("add a line for it to the Body_images field: the file, then sì (with the consent "
               "form's reference) or no (nobody can be recognised, also for decorative pictures)"),
        example="%(example)s",
    ),
    "unused-image-row": Message(
        what=N_("Body_images names %(file)s, which is not in the text"),
        fix=N_("remove the line, or check the image's file name in the text"),
    ),
    "needs": Message(
        what=N_("%(field)s is set but %(needs)s is missing"),
        fix=N_("add %(needs)s"),
        example="%(example)s",
    ),
    "bad-date": Message(
        what=N_("«%(value)s» is not a date in the right form"),
        fix=N_("write YYYY-MM-DD%(hint)s"),
        example="%(example)s",
    ),
    "bad-date-calendar": Message(
        what=N_("the day «%(value)s» does not exist"),
        fix=N_("check month and day"),
        example="%(example)s",
    ),
    "future-date": Message(
        what=N_("the date %(value)s is in the future"),
        fix=N_("%(name)s is the publication day: fix the typo"),
        example=N_("%(name)s: %(today)s"),
    ),
    "date-order": Message(
        what=N_("%(later)s (%(later_value)s) comes before %(earlier)s (%(earlier_value)s, line %(earlier_line)s)"),
        fix=N_("check both dates"),
    ),
    "bad-choice": Message(
        what=N_("«%(value)s» is not allowed for %(name)s"),
        fix=N_("use one of: %(choices)s"),
        example="%(example)s",
    ),
    "bad-integer": Message(
        what=N_("%(name)s is «%(value)s» but must be a whole number"),
        fix=N_("write digits only"),
        example="%(example)s",
    ),
    "bad-slug": Message(
        what=N_("«%(value)s» is not a valid Slug"),
        fix=N_("lowercase letters, digits and hyphens"),
        example=N_("Slug: %(suggestion)s"),
    ),
    "bad-url": Message(
        what=N_("«%(value)s» is not a complete web address"),
        fix=N_("write it with https://"),
        example="%(example)s",
    ),
    "html-in-text": Message(
        what=N_("%(name)s contains HTML («%(tag)s»)"),
        fix=N_("write plain text"),
        example="%(example)s",
    ),
    "unsafe-html": Message(
        what=N_("the text contains code that is not allowed («%(tag)s»)"),
        fix=N_(
            "no scripts, iframes, forms, styles, on… attributes or media from other sites: the site "
            "removes them; link to the video or the form instead"
        ),
        example=N_("[Watch the video](https://www.example.org/video)"),
    ),
    "html-removed": Message(
        what=N_("the HTML «%(tag)s» is not used on this site: it is removed from the page (its text stays)"),
        fix=N_("write the text in Markdown: **bold**, lists, [links](https://…), ## headings"),
    ),
    "reserved-id": Message(
        what=N_(
            "the id «%(value)s» is already used by the site's own pages (menus, sections): the same "
            "id twice confuses links and screen readers, so the site removes it"
        ),
        fix=N_("choose another id, for example one made of the heading's words"),
        example=N_("## The network's goals {#network-goals}"),
    ),
    "unclosed-fence": Message(
        what=N_(
            "a code block opens here with ``` (or ~~~) but never closes: what follows is not code, "
            "and any HTML in it would be read as HTML"
        ),
        fix=N_("close the block with a line holding the same ``` alone, or delete the opening line"),
    ),
    "bidi-control": Message(
        what=N_(
            "there is an invisible character that changes the direction of the text (%(char)s) at "
            "column %(column)s: it can show words in another order than they are written"
        ),
        fix=N_("delete it (retype the words around it); the site sets the direction of Arabic and Latin words itself"),
    ),
    "title-too-long": Message(
        what=N_("the title is %(length)s characters long (the most is %(limit)s)"),
        fix=N_("write a shorter title: the details go in the Summary or in the text"),
    ),
    "too-deep": Message(
        what=N_("lists or quotes are nested %(depth)s levels deep here (the most is %(limit)s)"),
        fix=N_("use fewer levels: split the list, or write the inner levels as sentences"),
    ),
    "block-too-long": Message(
        what=N_("the paragraph that starts here is %(size)s characters long (the most is %(limit)s)"),
        fix=N_("split it with blank lines; a long document goes in content/materiali/ as a PDF"),
    ),
    "too-complex": Message(
        what=N_(
            "the paragraph that starts here contains %(count)s «%(what)s» (the most is %(limit)s): "
            "the site cannot convert it in a reasonable time"
        ),
        fix=N_("split the paragraph with blank lines, or delete the repeated characters"),
    ),
    "too-complex-file": Message(
        what=N_("the file contains %(count)s «%(what)s» (the most is %(limit)s): the site cannot convert it in a reasonable time"),
        fix=N_("split the text into several pages, or delete the repeated characters"),
    ),
    "markdown-failed": Message(
        what=N_("the text cannot be converted into a page (%(error)s)"),
        fix=N_("check the lines changed last; if that does not help, ask a developer (make html DEBUG=1 shows the details)"),
    ),
    "symlink-outside": Message(
        what=N_(
            "this is a link (a symbolic link) to %(target)s, outside the content folder: the site "
            "never reads or publishes files from outside content/"
        ),
        fix=N_("copy the file itself into content/ in place of the link"),
    ),
    "reserved-path": Message(
        what=N_("this file would be published at %(url)s, inside %(folder)s, which the site keeps for its own files: no page may be published there"),
        fix=N_("rename the file (or change its Slug), for example by adding a word"),
    ),
    "material-name": Message(
        what=N_("the download «%(name)s» is not named as the site expects: lowercase words joined by dashes, then the language if it is not Italian, then the extension"),
        fix=N_("rename the file"),
        example=N_("%(suggestion)s"),
    ),
    "material-hidden": Message(
        what=N_("this is a hidden file (its name starts with a dot): hidden files are never published, they often hold passwords or settings"),
        fix=N_("delete it from content/"),
    ),
    "material-dangerous": Message(
        what=N_("files «.%(ext)s» are not published: a browser would run them as part of the site"),
        fix=N_("publish the document as PDF, or link the page where it is"),
    ),
    "material-type": Message(
        what=N_("files «.%(ext)s» cannot be downloads (allowed: %(allowed)s)"),
        fix=N_("save the document as PDF (File → Export as PDF)"),
    ),
    "material-empty": Message(
        what=N_("the file is empty"),
        fix=N_("copy the document again, or delete the empty file"),
    ),
    "material-too-large": Message(
        what=N_("the file weighs %(megabytes)s MB (the most is %(limit)s MB): readers on prepaid data cannot download it"),
        fix=N_("export a smaller PDF (lower image quality), or split it"),
    ),
    "material-not-text": Message(
        what=N_("the file is named .txt but is not plain UTF-8 text (or it contains web page code)"),
        fix=N_("save it as plain UTF-8 text, or as PDF"),
    ),
    "material-mismatch": Message(
        what=N_("the file is named «.%(ext)s» but its content is %(found)s"),
        fix=N_("give it the extension of what it is («.%(usual)s»), or save it again in the right format"),
    ),
    "material-unreadable": Message(
        what=N_("the %(kind)s file cannot be opened to remove its hidden data (author, computer paths) (%(detail)s)"),
        fix=N_("save or export it again from the program that made it"),
    ),
    "material-metadata": Message(
        what=N_("the PDF says who made it and with what (%(fields)s): the site publishes a copy without these data, but this file keeps them in the repository, where anyone can read them"),
        fix=N_("if a name should not be public, export the PDF again without its document properties (in Word: File › Info › Check Document) and replace this file"),
    ),
    "static-not-material": Message(
        what=N_("this file is in a folder whose files are published as they are; downloads go in %(folder)s"),
        fix=N_("move it to %(folder)s"),
    ),
    "placeholder": Message(
        what=N_("this line is still marked ✎ (to write or to translate)"),
        fix=N_("write the final text and remove ✎"),
    ),
    "bad-material": Message(
        what=N_("the material «%(value)s» must read «Title | link»"),
        fix=N_("separate them with |"),
        example=N_("Materials: Leaflet (PDF) | {static}/materiali/volantino.pdf"),
    ),
    "empty-list-item": Message(
        what=N_("the list «%(value)s» has an empty item"),
        fix=N_("use single commas"),
        example="%(example)s",
    ),
    "no-letters": Message(
        what=N_("«%(value)s» has no letters or digits"),
        fix=N_("write a word"),
        example="%(example)s",
    ),
    "unknown-member": Message(
        what=N_("the member «%(value)s» is not in content/membri/"),
        fix=N_("write the member's file name without .md%(hint)s"),
        example=N_("Members: babel, cisv"),
    ),
    "broken-filename": Message(
        what=N_("the link «%(target)s» points to a file that does not exist"),
        fix=N_("check the path, which starts at content/%(hint)s"),
        example=N_("[Contacts]({filename}/pagine/contatti.md)"),
    ),
    "broken-static": Message(
        what=N_("the file «%(target)s» does not exist"),
        fix=N_("put it in content/%(where)s or fix the name%(hint)s"),
        example=N_("[Leaflet]({static}/materiali/volantino.pdf)"),
    ),
    "filename-static": Message(
        what=N_("«%(target)s» links a file with {filename}"),
        fix=N_("use {static} for files"),
        example=N_("[Leaflet]({static}/%(path)s)"),
    ),
    "field-link": Message(
        what=N_("in this field the link «%(target)s» cannot be written like this"),
        fix=N_("write {filename}/ plus the page's path from content/ (no # or ?), {static}/ plus a file's path, or a full https:// address"),
        example=N_("Cta_url: {filename}/pagine/contatti.md"),
    ),
    "static-outside": Message(
        what=N_("«%(target)s» is not in a published folder (%(folders)s)"),
        fix=N_("images in content/immagini/, downloads in content/materiali/"),
        example=N_("[Leaflet]({static}/materiali/volantino.pdf)"),
    ),
    "bad-marker": Message(
        what=N_("«%(marker)s» is not a valid link marker"),
        fix=N_("use {filename} for pages and {static} for files"),
        example=N_("[Contacts]({filename}/pagine/contatti.md)"),
    ),
    "relative-link": Message(
        what=N_("the link «%(target)s» is incomplete and would not work"),
        fix=N_("use {filename} plus the path from content/, or a full https:// address"),
        example="%(example)s",
    ),
    "unknown-url": Message(
        what=N_("the address «%(target)s» matches no page of the site"),
        fix=N_("link the file instead: {filename} plus the path from content/"),
        example=N_("[About]({filename}/pagine/chi-siamo.md)"),
    ),
    "unsafe-link": Message(
        what=N_("the link «%(target)s» is not allowed"),
        fix=N_("link pages of the site, https:// addresses, mailto: or tel: only"),
        example=N_("[Write to us](mailto:info@example.org)"),
    ),
    "empty-link": Message(
        what=N_("the link «%(text)s» goes nowhere"),
        fix=N_("write where it goes between the parentheses"),
        example=N_("[Contacts]({filename}/pagine/contatti.md)"),
    ),
    "missing-alt": Message(
        what=N_("the image «%(target)s» has no alternative text"),
        fix=N_("describe what it shows between the square brackets"),
        example=N_("![Staff of the members in a meeting](%(target)s)"),
    ),
    "bad-alt": Message(
        what=N_("the alternative text «%(value)s» does not describe the image"),
        fix=N_("say what the image shows, not its file name"),
        example="%(example)s",
    ),
    "missing-file": Message(
        what=N_("the file «%(value)s» named in %(name)s does not exist"),
        fix=N_("put the file in content/%(where)s or fix the name (upper and lower case matter)%(hint)s"),
        example="%(example)s",
    ),
    "not-an-image": Message(
        what=N_("«%(value)s» is not an image (JPEG, PNG, WebP, AVIF, GIF)"),
        fix=N_("name an image file in content/immagini/"),
        example="%(example)s",
    ),
    "image-format": Message(
        what=N_("«%(value)s» is in a format the site does not publish (SVG, HEIC)"),
        fix=N_("export it as JPEG or PNG"),
        example="%(example)s",
    ),
    "image-external": Message(
        what=N_("the image «%(target)s» is on another site"),
        fix=N_("download it into content/immagini/ and use it from there"),
        example=N_("![Staff in a meeting]({static}/immagini/assemblea.jpg)"),
    ),
    "translation-without-source": Message(
        what=N_("this translation has no original in %(default_name)s (%(source)s)"),
        fix=N_("the name must be the original's plus the language code%(hint)s"),
        example="%(example)s",
    ),
    "duplicate-url": Message(
        what=N_("the address /%(url)s is already used by %(other)s"),
        fix=N_("rename one of the files or change its Slug"),
        example=N_("Slug: %(suggestion)s"),
    ),
    "missing-home": Message(
        what=N_("the home page in %(language)s is missing (%(expected)s)"),
        fix=N_("every language needs its home page"),
        example=N_("make translate FILE=content/pagine/home.md LANG=%(lang)s"),
    ),
    # --- images (plugins/images): the file, and where it is used ---------------------------
    "image-too-big": Message(
        what=N_("the image %(file)s is too large to process"),
        fix=N_("reduce it below %(megapixels)s megapixels and replace the file"),
    ),
    "image-heic": Message(
        what=N_("the image %(file)s is in HEIC format (iPhone photos), which the site does not take"),
        fix=N_(
            "on the phone choose Settings > Camera > Formats > Most Compatible; or export the "
            "image as JPEG (photos) or PNG (logos and graphics) and replace the file, keeping its name"
        ),
    ),
    "image-svg": Message(
        what=N_("the image %(file)s is an SVG, which the site does not take"),
        fix=N_("export it as JPEG (photos) or PNG (logos and graphics) and replace the file, keeping its name"),
    ),
    "image-unreadable": Message(
        what=N_("%(file)s is not a readable image: the file is damaged, incomplete or in an unknown format"),
        fix=N_("export it again as JPEG (photos) or PNG (logos and graphics) and replace the file, keeping its name"),
    ),
    "image-cannot-read": Message(
        what=N_("the file %(file)s cannot be read (%(detail)s)"),
        fix=N_("check that the file exists and can be opened; export it again as JPEG or PNG if needed"),
    ),
    "image-unsupported": Message(
        what=N_("the image %(file)s is in %(format)s format, which the site does not take"),
        fix=N_("export it as JPEG (photos) or PNG (logos and graphics) and replace the file, keeping its name"),
    ),
    "image-damaged": Message(
        what=N_("the image %(file)s is damaged or incomplete (%(detail)s)"),
        fix=N_("copy the file again from the original, or export it again as JPEG or PNG"),
    ),
    "image-over-budget": Message(
        what=N_("not even the smallest version of the image %(file)s fits under %(kilobytes)s kB"),
        fix=N_("reduce or simplify the image and try again"),
    ),
    "image-very-large": Message(
        what=N_(
            "the image %(file)s is very large (%(megapixels)s megapixels, %(megabytes)s MB): the "
            "site reduces it anyway, but the build slows down"
        ),
        fix=N_(
            "next time, resize it first (4000 pixels on the longest side are enough) and keep it "
            "under %(max_megapixels)s megapixels and %(max_megabytes)s MB"
        ),
    ),
    "no-avif": Message(
        what=N_("Pillow cannot write AVIF or WebP images on this computer"),
        fix=N_("reinstall the pinned dependencies: make distclean, then make html (Pillow's wheel includes both)"),
    ),
    "no-latin-font": Message(
        what=N_("the share cards have no %(weight)s font for the Latin alphabet in %(where)s"),
        fix=N_(
            "install the package %(package)s (Debian or Ubuntu: sudo apt-get install %(package)s, "
            "or bash scripts/system-fonts.sh), or name a font in IMAGES_CARD['fonts']"
        ),
    ),
    "no-arabic-font": Message(
        what=N_("the share cards have no %(weight)s font for the Arabic alphabet in %(where)s"),
        fix=N_(
            "install the package %(package)s (Debian or Ubuntu: sudo apt-get install %(package)s, "
            "or bash scripts/system-fonts.sh), or name a font in IMAGES_CARD['fonts']"
        ),
    ),
    "no-text-layout": Message(
        what=N_(
            "Pillow has no complex text layout on this computer (missing: %(missing)s): Arabic "
            "would be drawn with its letters apart and from left to right"
        ),
        fix=N_("install %(packages)s (Debian or Ubuntu: sudo apt-get install %(packages)s) and build again"),
    ),
    # --- sentences, and the claims ledger (claims.py) ----------------------------------------
    "long-sentence": Message(
        what=N_("this sentence is %(words)s words long (the limit is %(limit)s): «%(start)s»"),
        fix=N_("split it into shorter sentences, one piece of information each: readers who know the language little follow short sentences better"),
    ),
    "source-missing": Message(
        what=N_("the Source field is missing: nobody can tell which passage of the source the facts of this file come from"),
        fix=N_("add Source: with the passages of docs/source/ the facts come from, copied word for word, one per line; a page that does not speak about the network (search, privacy…) has Source: nessuna"),
        example=N_("Source: Avviato un tavolo di confronto presso la Prefettura di Torino\n    una rete di secondo livello che riunisce 12 degli enti"),
    ),
    "source-empty": Message(
        what=N_("the Source field is empty"),
        fix=N_("write the passages of docs/source/ the facts come from, copied word for word, one per line; if the page does not speak about the network, write Source: nessuna"),
        example=N_("Source: Avviato un tavolo di confronto presso la Prefettura di Torino"),
    ),
    "source-too-short": Message(
        what=N_("the quote «%(quote)s» is too short to tell where the fact comes from"),
        fix=N_("quote at least %(min)s consecutive words, as they are in the source"),
    ),
    "source-not-verbatim": Message(
        what=N_("the quote «%(quote)s» is not, word for word, in any text of docs/source/%(hint)s"),
        fix=N_("copy the passage exactly as it is in the source (same words, same punctuation); for two passages far apart use two lines"),
    ),
    "source-none-names": Message(
        what=N_("the page says Source: nessuna, but names «%(value)s», which appears in the network's texts"),
        fix=N_("if the page reports a fact about the network, quote the passage in Source instead of «nessuna»"),
    ),
    "claim-number": Message(
        what=N_("the number «%(value)s» is not in the passages quoted in Source"),
        fix=N_("if the number comes from the source, add to Source the passage that contains it; if not, remove it: the site publishes no number the source does not give"),
    ),
    "claim-date-word": Message(
        what=N_("the date «%(value)s» is not in the passages quoted in Source"),
        fix=N_("if the date comes from the source, add to Source the passage that contains it; if not, remove it"),
    ),
    "claim-legal": Message(
        what=N_("the legal reference «%(value)s» is not in the passages quoted in Source"),
        fix=N_("add to Source the passage of the source that cites it, or remove it"),
    ),
    "claim-legal-form": Message(
        what=N_("«%(value)s»: this act is a legislative decree, not a law"),
        fix=N_("write %(expected)s; the first time, say what it is (the Third Sector Code)"),
        example=N_("%(expected)s, il Codice del Terzo settore"),
    ),
    "claim-name": Message(
        what=N_("the name «%(value)s» is not in the passages quoted in Source"),
        fix=N_("if the name comes from the source, add to Source the passage that contains it; if not, remove it: the site names no person, organisation or place the source does not name"),
    ),
    "claim-member-name": Message(
        what=N_("the member is written «%(found)s», but the network writes «%(expected)s»"),
        fix=N_("write the member's name exactly as in the announcement's list of members"),
        example="%(expected)s",
    ),
    "claim-member-title": Message(
        what=N_("the title «%(value)s» is not the name of a member as the announcement writes it%(hint)s"),
        fix=N_("the profile's title is the member's name, copied from the announcement's list of members (docs/source/)"),
    ),
    "translation-status": Message(
        what=N_("this translation has Status: %(status)s, but its original (%(source)s) is %(original)s"),
        fix=N_(
            "delete the Status line: a translation is published, hidden or drafted together with "
            "its original (only «Status: draft» is allowed, while the translation is not ready)"
        ),
    ),
    # --- old addresses (Aliases), short links, renamed files (rart/aliases.py) --------------
    "alias-external": Message(
        what=N_("«%(value)s» is an address of another site: Aliases lists old addresses of this site"),
        fix=N_("write the old address from the / that follows the site's name, without https:// and the name"),
        example="%(example)s",
    ),
    "alias-not-rooted": Message(
        what=N_("«%(value)s» does not start with /"),
        fix=N_("write the old address as the browser showed it, from the / that follows the site's name"),
        example="%(example)s",
    ),
    "alias-query": Message(
        what=N_("«%(value)s» contains ? or #: only the address of the page is needed"),
        fix=N_("delete the ? or # and what follows it"),
        example="%(example)s",
    ),
    "alias-home": Message(
        what=N_("«%(value)s» is the home page's address: it cannot lead to another page"),
        fix=N_("delete the line"),
    ),
    "alias-characters": Message(
        what=N_("«%(value)s» is not an address this site ever had: its addresses have only lowercase letters without accents, digits, hyphens and /"),
        fix=N_("copy the old address exactly as the browser showed it"),
        example="%(example)s",
    ),
    "alias-file": Message(
        what=N_("«%(value)s» is a file, not a page"),
        fix=N_("Aliases lists old addresses of pages (they end with / or .html); a file in content/materiali/ keeps its name, or the pages that link it change the link"),
        example="%(example)s",
    ),
    "alias-own": Message(
        what=N_("«%(value)s» is this page's own address, not an old one"),
        fix=N_("delete the line"),
    ),
    "alias-taken": Message(
        what=N_("«%(value)s» is the address of %(other)s, which exists: readers would never reach this page through it"),
        fix=N_("delete the line, or check the address"),
    ),
    "alias-reserved": Message(
        what=N_("«%(value)s» is an address the site uses for its own files (style, images, short links, print materials)"),
        fix=N_("delete the line, or check the address"),
    ),
    "alias-duplicate": Message(
        what=N_("«%(value)s» is already an old address of %(other)s"),
        fix=N_("keep it in one file only: the page readers of the old address should reach"),
    ),
    "renamed-without-alias": Message(
        what=N_(
            "this file was renamed from %(old_file)s: its old address %(old)s would stop working "
            "for whoever has it (printed QR codes, shared links, search engines)"
        ),
        fix=N_("add the old address to the Aliases field: readers who open it will reach this page"),
        example="%(example)s",
    ),
    "short-link-taken": Message(
        what=N_("the print materials of this file would have the short link %(url)s, which is already the one of %(other)s: the two files have the same name"),
        fix=N_("rename one of the two files (and add its old address to Aliases), or remove «Print: sì»"),
    ),
    # --- events (rart/events.py) ------------------------------------------------------------
    "event-time-format": Message(
        what=N_("«%(value)s» is not a day and a time: %(name)s needs both"),
        fix=N_("write year-month-day, a space and hours:minutes, Turin time%(hint)s"),
        example="%(example)s",
    ),
    "event-time-gap": Message(
        what=N_("%(value)s does not exist in %(zone)s: that night the clocks go forward from 2:00 to 3:00"),
        fix=N_("check the time"),
        example="%(example)s",
    ),
    "event-time-ambiguous": Message(
        what=N_("%(value)s happens twice in %(zone)s: that night the clocks go back from 3:00 to 2:00; the site takes the first time (summer time)"),
        fix=N_("if that is right, nothing to do; an event at that hour is rare, so check the time"),
    ),
    "unknown-campaign": Message(
        what=N_("the campaign «%(value)s» is not in content/campagne/%(hint)s"),
        fix=N_("write the campaign's file name without .md"),
        example=N_("Campaign: un-estate-di-accoglienza"),
    ),
    # --- print materials (plugins/printing) --------------------------------------------------
    "no-shaping": Message(
        what=N_(
            "the print materials cannot set Arabic text on this computer (missing: %(missing)s): "
            "its letters would be printed apart and from left to right"
        ),
        fix=N_("reinstall the pinned dependencies: rm -rf .venv, then make html (the uharfbuzz wheel needs nothing else)"),
    ),
    "no-print-font": Message(
        what=N_("the print materials have no %(weight)s font for the %(script)s alphabet in %(where)s"),
        fix=N_(
            "install the package %(package)s (Debian or Ubuntu: sudo apt-get install %(package)s, "
            "or bash scripts/system-fonts.sh), or name a font in IMAGES_CARD['fonts']"
        ),
    ),
    "print-failed": Message(
        what=N_("the print materials of this page could not be drawn: %(error)s"),
        fix=N_("check the title, the summary and the image; if they look right, tell the developers (the error is above)"),
    ),
    "wording": Message(
        what=N_("«%(found)s» is discouraged by the Carta di Roma guidelines"),
        fix=N_("instead: %(suggestion)s"),
    ),
}

# The words around messages: report layout, hints, summaries, and the tools' own lines.
TEXTS: dict[str, str] = {
    "location": N_("%(path)s, line %(line)s"),
    "fix": N_("How to fix"),
    "example": N_("Example"),
    "error": N_("ERROR"),
    "warning": N_("WARNING"),
    "consent-reference": N_("the consent form's reference"),
    "hint-did-you-mean": N_("; did you mean «%(suggestion)s»?"),
    "hint-field": N_("did you mean «%(suggestion)s»?"),
    "hint-no-field": N_("check the name"),
    "hint-members": N_("; members are: %(names)s"),
    "hint-date": N_(" (for example %(suggestion)s)"),
    "hint-translation": N_("; is the original %(suggestion)s?"),
    "listing-news": N_("the news listing"),
    "listing-events": N_("the events listing"),
    "listing-library": N_("the materials library"),
    "hint-campaigns": N_("; campaigns are: %(names)s"),
    "hint-no-campaigns": N_("; the site has no campaign yet"),
    "script-latin": N_("Latin"),
    "script-arabic": N_("Arabic"),
    "summary-errors": N_(
        "Content checks: %(errors)s in %(files)s. The site was not built and output/ is "
        "unchanged: fix them and run the command again."
    ),
    "summary-warnings": N_("%(warnings)s about the writing: they do not stop the build, but reread those sentences."),
    "ok": N_("Content checks: no errors in %(files)s."),
    "type-news": N_("news items"),
    "type-page": N_("pages"),
    "type-campaign": N_("campaigns"),
    "type-member": N_("member profiles"),
    "type-achievement": N_("achievements"),
    "type-event": N_("events"),
    "weight-bold": N_("bold"),
    "weight-regular": N_("regular"),
    "todo-files": N_("%(files)s have fields to fill in: `make content-todo` lists them."),
    # The build and the preview.
    "pelican-error": N_("ERROR (Pelican):"),
    "pelican-warning": N_("WARNING (Pelican):"),
    "pelican-crashed": N_("Pelican stopped: %(error)s"),
    "failed-pelican": N_(
        "The build failed (see the messages above) and %(output)s is unchanged. If no message "
        "names a file to fix, the problem is in the theme or plugins (DEBUG=1 shows details)."
    ),
    "built": N_("Site built in %(output)s (%(seconds)s s)."),
    "output-restored": N_(
        "%(output)s was missing: a build had been stopped while it replaced the site. The "
        "previous site is back in %(output)s."),
    "output-missing": N_(
        "%(output)s does not exist: there is no previous site to keep. The next build that "
        "succeeds creates it."),
    "output-not-folder": N_(
        "ERROR %(output)s is a file, not a folder: the site cannot be built there and the "
        "file was left as it is. Move or delete it (or build elsewhere with OUTPUTDIR=…), then "
        "run the command again."),
    "output-mount-point": N_(
        "ERROR %(output)s is a mount point: the build replaces the folder as a whole, which a "
        "mount point does not allow; nothing was changed. Build into a folder inside it, for "
        "example OUTPUTDIR=%(output)ssito, or into another folder."),
    "disk-full": N_(
        "ERROR the disk is full (%(path)s): the site was not built and %(output)s is as it "
        "was. Free some space (delete old copies, empty the bin), then run the command again."),
    "disk-permission": N_(
        "ERROR the build may not write in %(path)s: the site was not built and "
        "%(output)s is as it was. Check that the folder and the one that contains it can be "
        "written by you (or build elsewhere with OUTPUTDIR=…), then run the command again."),
    "disk-error": N_(
        "ERROR the disk refused to write in %(path)s (%(error)s): the site was not built and "
        "%(output)s is as it was. Check the disk and run the command again."),
    "settings-error": N_("The settings (%(file)s) cannot be read: %(error)s"),
    "serving": N_(
        "Preview at %(url)s: every save rebuilds the site and reloads the page. Stop: Ctrl+C."
    ),
    "rebuilding": N_("Changed: %(files)s. Rebuilding…"),
    "page-updated": N_("Page updated: %(pages)s (%(seconds)s s). The rest of the site follows."),
    "kept": N_("The preview still shows the previous version: fix and save again."),
    "restart": N_("Plugin code changed (%(files)s): stop (Ctrl+C) and run make devserver again."),
    "port-busy": N_("Port %(port)s is in use. Use another: make devserver PORT=8001"),
    "stopped": N_("Preview stopped."),
    "overlay-title": N_("The site was not updated: there are errors"),
    "preview-title": N_("Preview"),
    # `make new`, `make translate`, `make content-todo`.
    "nothing-created": N_("Nothing created: %(reason)s."),
    "scaffold-unknown-type": N_(
        "the type «%(name)s» does not exist. Use one of: %(types)s. Example: make new TYPE=news "
        'TITLE="A new news item"'
    ),
    "scaffold-no-title": N_('the title is missing. Example: make new TYPE=news TITLE="A new news item"'),
    "scaffold-bad-title": N_("the title is plain text: no HTML code and no ✎ sign"),
    "scaffold-title-letters": N_("the title must contain at least one letter or digit"),
    "scaffold-exists": N_("the file %(file)s already exists: edit it, or choose another title"),
    "translate-no-file-given": N_(
        "the file is missing. Example: make translate FILE=content/pagine/obiettivi.md LANG=en"
    ),
    "translate-no-lang": N_(
        "the language is missing. Example: make translate FILE=content/pagine/obiettivi.md "
        "LANG=en (languages: %(languages)s)"
    ),
    "translate-unknown-lang": N_("«%(lang)s» is not a language of the site; use one of: %(languages)s"),
    "translate-default-lang": N_(
        "«%(lang)s» is the site's original language; translate into one of: %(languages)s"
    ),
    "translate-no-file": N_(
        "the file %(file)s does not exist. Example: make translate "
        "FILE=content/pagine/obiettivi.md LANG=%(lang)s"
    ),
    "translate-outside": N_("the file %(file)s is not in the content folder (%(folder)s/)"),
    "translate-not-content": N_(
        "%(file)s is not a content file of the site (a .md file in a folder of content/)"
    ),
    "translate-is-translation": N_("%(file)s is already a translation: name the original, %(original)s"),
    "translate-exists": N_("the translation %(file)s already exists: edit it"),
    "translate-unreadable": N_(
        "%(file)s cannot be read (it is not UTF-8 text): fix it first, make html says how"
    ),
    "translate-no-header": N_("%(file)s has no header: fix it first, make html says how"),
    "new-created": N_("Created %(file)s."),
    "new-next": N_(
        "Now open it and:\n"
        "  1. write the summary after «Summary:» (one or two sentences);\n"
        "  2. write the text in place of the line that starts with ✎;\n"
        "  3. fill in the other fields you know; the empty ones may stay empty;\n"
        "  4. look at the preview with make devserver (http://localhost:8000).\n"
        "As long as something is left to write, make html reminds you of it with the exact line."
    ),
    "translate-created": N_("Created %(file)s (%(language)s)."),
    "translate-next": N_(
        "Now open it and translate every line that starts with ✎, then remove the ✎ sign.\n"
        "Dates, links and images are already copied; links to pages point to their translation,\n"
        "where it exists. make html reminds you of the lines still to translate."
    ),
    # The browser editor at /admin/ (rart_tools/admin.py) and `make edit`.
    "editor-title": N_("Editing the site – %(site)s"),
    "editor-noscript": N_("The editor needs JavaScript: switch it on, or use another browser."),
    "editor-body": N_("Text"),
    "editor-body-hint": N_("The text of the page. Leave an empty line between paragraphs."),
    "editor-image-hint": N_(
        "A photo or picture, with what it shows for people who cannot see it and, when people "
        "can be recognised in it, the reference of their signed consent."
    ),
    "editor-image-file": N_("Image file"),
    "editor-image-people": N_("Identifiable people"),
    "editor-image-consent": N_("Consent form's reference (with sì)"),
    "editor-material-label": N_("Title"),
    "editor-material-link": N_("Link"),
    "editor-pattern-date": N_("Write the date as YYYY-MM-DD, for example %(example)s."),
    "editor-pattern-datetime": N_(
        "Write the day and the time as YYYY-MM-DD HH:MM, Turin time, for example %(example)s."
    ),
    "editor-pattern-slug": N_(
        "Only lowercase letters without accents, digits and hyphens, for example %(example)s."
    ),
    "editor-pattern-url": N_("Write the full address, with https://, for example %(example)s."),
    "editor-pattern-consent": N_(
        "The reference under which the signed consent form is filed: the archive's code in "
        "capitals, the year and the number, for example %(example)s; never a name."),
    "editor-pattern-link": N_(
        "A page of the site ({filename}/pagine/….md), a file ({static}/materiali/…) or an "
        "address that starts with https://, for example %(example)s."
    ),
    "ci-summary-title": N_("Content checks"),
    "edit-no-bundle": N_(
        "The browser editor is not installed yet: make edit installs it (it needs Node.js and "
        "npm, which make test also uses)."
    ),
    "edit-open": N_(
        "Editor at %(url)s (this computer only, no account needed).\n"
        "  1. Open it in Chrome or Edge (other browsers cannot write files on this computer).\n"
        "  2. Click «Lavora con Repository Locale» and choose this folder: %(folder)s\n"
        "  3. Every save writes into content/ and rebuilds the site: the preview is at %(site)s\n"
        "When you are done, propose the changes as usual (docs/EDITING.md, part 2). Stop: Ctrl+C."
    ),
    "todo-title": N_("To fill in:"),
    "todo-none": N_("Nothing is missing: every field is filled in."),
    "todo-sources": N_("Sources to fix (the Source field; docs/EDITING.md, «Regole per scrivere»):"),
    "todo-sources-ok": N_("Sources: every fact of the %(files)s in Italian is in the passages quoted in Source."),
    "todo-readability": N_(
        "Readability of the Italian texts (Gulpease index: the higher, the easier the text;\n"
        "under 80 it is hard for readers with primary schooling, under 60 for readers with\n"
        "lower secondary schooling):\n"
        " index  longest sentence (words)   file"
    ),
    "not-built-title": N_("The site has not been built yet"),
    "not-built-text": N_(
        "Fix the errors shown below (and in the terminal) and save: the page updates by itself."
    ),
}

COUNTS: dict[str, tuple[str, str]] = {
    "errors": Nn_("%(n)s error", "%(n)s errors"),
    "files": Nn_("%(n)s file", "%(n)s files"),
    "warnings": Nn_("%(n)s warning", "%(n)s warnings"),
}


class MessagesError(ValueError):
    """A message language without a catalog; the message names the setting."""


class Messages:
    """The editors' messages in one language, read from translations/<lang>/editors.po."""

    def __init__(self, translations_dir: Path, lang: str = "it"):
        if lang not in LANGUAGES:
            raise MessagesError(
                f"CONTENT_CHECKS_LANGUAGE is {lang!r}; messages exist in: {', '.join(LANGUAGES)}"
            )
        self.lang = lang
        self.locale = LOCALES[lang]
        self._catalog = load_catalog(translations_dir, lang, LOCALES[lang], DOMAIN)

    @classmethod
    def for_settings(cls, settings: Mapping[str, object]) -> Messages:
        """The messages in the language the setting CONTENT_CHECKS_LANGUAGE names."""
        return cls(Path(str(settings["I18N_TRANSLATIONS_DIR"])),
                   str(settings.get("CONTENT_CHECKS_LANGUAGE", "it")))

    def _(self, msgid: str, params: Mapping[str, object] | None = None) -> str:
        """`msgid` translated, its placeholders filled from `params`: a placeholder with no
        value (a hint that does not apply here) is left empty, never an error."""
        text = self._catalog.gettext(msgid) if msgid else ""
        if "%(" not in text:
            return text
        return text % _complete(text, params or {})

    def message(self, code: str, params: Mapping[str, object]) -> Message:
        """The message `code`, translated, its placeholders filled from `params`."""
        return Message(*(self._(part, params) for part in MESSAGES[code]))

    def text(self, key: str, **params: object) -> str:
        return self._(TEXTS[key], params)

    def count(self, key: str, n: int) -> str:
        singular, plural = COUNTS[key]
        return self._catalog.ngettext(singular, plural, n) % {"n": n}

    def location(self, path: str, line: int | None) -> str:
        """One location format everywhere: 'content/notizie/x.md, riga 12'."""
        return path if line is None else self.text("location", path=path, line=line)


def _complete(template: str, params: Mapping[str, object]) -> dict[str, str]:
    """`params` as text, with an empty value for any placeholder of `template` that has none."""
    values = {key: str(value) for key, value in params.items()}
    start = 0
    while (start := template.find("%(", start)) != -1:
        end = template.find(")s", start)
        if end == -1:
            break
        values.setdefault(template[start + 2 : end], "")
        start = end
    return values
