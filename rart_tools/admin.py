"""/admin/: the browser editor (Sveltia CMS), configured from the front-matter contract.

The editor's JavaScript is bundled from npm by `make admin` (admin/build.mjs) into the folder
the setting EDITOR_BUNDLE names. Every build (`rart_tools build`: make html, make publish,
make devserver, make edit) then writes the site's /admin/ from it:

- `config.yml`: the editor's configuration, generated here from the contract
  (rart.contract), the content types and the languages (rart.site): one collection per
  content type, one field per contract field with its Italian label and meaning, whether it
  is required, the widget its kind asks for, the same patterns the validator applies, and
  whether its text differs per language (`Field.translatable`) or is copied from the Italian
  file, as `make translate` copies it;
- `index.html`: the page that loads the bundle, with what the bundle's front-matter format
  and previews need (`formats`: the order `make new` writes fields in, which are lists, …);
- the bundle itself (entry.js, chunks/, assets/).

Without a bundle (node was never installed, as on a machine that only runs `make html`) the
site is built without /admin/. Nothing here reaches the network.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rart.contract import (
    CONSENT_EXAMPLE,
    CONSENT_RE,
    CONTRACT,
    PELICAN_DATES,
    PEOPLE,
    RULES,
    Field,
    Requires,
)
from rart.frontmatter import split_document
from rart.images import USABLE_IMAGE_EXTENSIONS
from rart.links import FIELD_LINK_RE
from rart.messages import Messages
from rart.naming import SLUG_RE
from rart.site import Site
from rart.types import ITALIAN_SINGULAR

from .scaffold import ARCHETYPES, MAX_SLUG, NOT_COPIED, archetype_values

FORMAT = "pelican-{folder}-frontmatter"  # Sveltia reads a custom format on .md files only
# when its name ends in -frontmatter
# The hidden field that remembers how an existing file lays out its fields (frontmatter.js).
LAYOUT_FIELD = "rart_layout"
# The image and what goes with it, edited as one optional object: with an image its alt text
# is required (the contract's Requires("image", "image_alt")), without one nothing is.
IMAGE_GROUP = {"image": "src", "image_alt": "alt", "image_people": "people", "image_consent": "consent"}
# The columns of the fields written one «a | b | c» row per line (rart.contract).
ROWS = {"materials": ("label", "link"), "images": ("file", "people", "consent")}
MIME = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".jpe": "image/jpeg", ".png": "image/png",
        ".webp": "image/webp", ".avif": "image/avif", ".gif": "image/gif", ".tif": "image/tiff",
        ".tiff": "image/tiff", ".bmp": "image/bmp"}

# The validator's rules for single values, as patterns the editor checks before it saves.
# Written as /source/flags, which the editor reads as a JavaScript regular expression;
# tests/test_admin.py holds their verdicts to the validator's on the same values. What needs
# the other files (does the linked page exist?) or the calendar stays with the validator.
DAY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
PATTERNS = {
    "date": rf"/^{DAY}(?:[ T][0-9]{{2}}:[0-9]{{2}}(?::[0-9]{{2}})?)?$/",
    "day": rf"/^{DAY}$/",
    "datetime": rf"/^{DAY} [0-9]{{2}}:[0-9]{{2}}$/",
    "slug": rf"/^{SLUG_RE.pattern}$/",
    # http(s), a dot in the host name, no space (validate.py, _kind_url)
    "url": r"/^https?:\/\/[^\s\/?#]*\.\S*$/i",
    # a marker and a path ({filename}/…, {static}/…), a fragment, an address on this site, or
    # a scheme other than the unsafe ones (validate.py, _check_link)
    "link": r"/^(?:" + FIELD_LINK_RE.pattern + r"|#\S*|\/\S*"
            r"|(?!(?:javascript|vbscript|data)\s*:)[a-z][a-z0-9+.-]+:\S+)$/i",
    # an archive reference, RART-2025-014 (rart.contract.CONSENT_RE)
    "consent": rf"/^{CONSENT_RE.pattern}$/",
}
PATTERN_TEXTS = {"date": "editor-pattern-date", "day": "editor-pattern-date",
                 "datetime": "editor-pattern-datetime",
                 "slug": "editor-pattern-slug", "url": "editor-pattern-url",
                 "link": "editor-pattern-link", "consent": "editor-pattern-consent"}


GITHUB_REMOTE = re.compile(r"github\.com[:/]+(?P<repo>[\w.-]+/[\w.-]+?)(?:\.git)?/?$")


def repository(settings: Mapping[str, Any]) -> str:
    """owner/name of the GitHub repository the editor proposes changes to: EDITOR_BACKEND's
    `repo` (EDITOR_REPO, or GITHUB_REPOSITORY in GitHub Actions), else Netlify's
    REPOSITORY_URL, else the checkout's `origin` remote when it is on GitHub."""
    repo = str(dict(settings.get("EDITOR_BACKEND") or {}).get("repo") or "")
    if repo:
        return repo
    urls = [os.environ.get("REPOSITORY_URL", "")]
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        urls.append(subprocess.run(
            ["git", "-C", str(Path(str(settings.get("PATH", "."))).resolve().parent),
             "config", "--get", "remote.origin.url"],
            capture_output=True, text=True, timeout=10, check=False).stdout.strip())
    for url in urls:
        match = GITHUB_REMOTE.search(url)
        if match:
            return match["repo"]
    return ""


def bundle_dir(settings: Mapping[str, Any]) -> Path | None:
    value = settings.get("EDITOR_BUNDLE")
    return Path(str(value)) if value else None


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _hint(field: Field, messages: Messages) -> str:
    example = field.example.split(":", 1)[-1].strip()
    hint = field.meaning
    if example and field.kind not in ("choice",):
        hint += f" {messages.text('example')}: {example}"
    return hint


def field_config(field: Field, content_type: str, site: Site, messages: Messages,
                 defaults: Mapping[str, str]) -> dict[str, Any]:
    """One contract field as an editor field."""
    config: dict[str, Any] = {
        "name": field.name,
        "label": _capital(field.label),
        "required": field.required,
        "hint": _hint(field, messages),
        # Per language, as `make translate` does: its text is translated, or it is copied;
        # a field of the original only (the claims ledger) is not in the translations at all.
        "i18n": False if field.original_only else (
            True if field.translatable or field.name in NOT_COPIED else "duplicate"),
    }
    kind = field.kind
    if kind in ("text", "slug", "url", "link", "consent"):
        config["widget"] = "string"
    elif kind in ("markdown", "quotes", "aliases"):
        # quotes, aliases: one passage or old address per line, written as continuation lines
        config["widget"] = "text"
    elif kind in ("date", "day"):
        config.update(widget="datetime", time_format=False, date_format="YYYY-MM-DD",
                      format="YYYY-MM-DD", picker_utc=False)
    elif kind == "datetime":
        # A local time in the site's time zone, as written (rart.events): never converted.
        config.update(widget="datetime", date_format="YYYY-MM-DD", time_format="HH:mm",
                      format="YYYY-MM-DD HH:mm", picker_utc=False)
    elif kind in ("choice", "people"):
        config.update(widget="select", options=[
            {"value": value, "label": f"{value} — {meaning}"} for value, meaning in field.choices])
    elif kind == "integer":
        config.update(widget="number", value_type="int", min=0, step=1)
    elif kind == "file":
        config.update(widget="image", choose_url=False, accept=",".join(
            sorted({MIME[e] for e in USABLE_IMAGE_EXTENSIONS if e in MIME})))
        if field.name == "logo":
            config.update(media_folder="/content/immagini/loghi", public_folder="immagini/loghi")
    elif kind == "materials":
        link = {"name": "link", "label": messages.text("editor-material-link"), "widget": "string",
                "required": True, "pattern": _pattern("link", field, messages)}
        # Each language keeps its own list: a label copied without its translation would be
        # written as " | link".
        config.update(widget="list", fields=[
            {"name": "label", "label": messages.text("editor-material-label"), "widget": "string",
             "required": True},
            link,
        ])
    elif kind == "images":
        # One row per image of the text, written «file | sì/no | reference» (frontmatter.js).
        people = Field("people", messages.text("editor-image-people"), True, "", kind="people",
                       choices=PEOPLE)
        config.update(widget="list", fields=[
            {"name": "file", "label": messages.text("editor-image-file"), "widget": "image",
             "required": True, "choose_url": False},
            dict(field_config(people, content_type, site, messages, {}), required=True, i18n=False),
            {"name": "consent", "label": messages.text("editor-image-consent"), "widget": "string",
             "required": False, "pattern": [PATTERNS["consent"], messages.text(
                 "editor-pattern-consent", example=CONSENT_EXAMPLE)]},
        ])
    elif kind == "list":
        config["widget"] = "list"
    elif kind == "members":
        members = site.types.by_name("member").folder
        config.update(widget="relation", collection=members, multiple=True,
                      value_field="{{slug}}", search_fields=["title"], display_fields=["title"])
    elif kind == "campaign":
        campaigns = site.types.by_name("campaign").folder
        config.update(widget="relation", collection=campaigns, multiple=False,
                      value_field="{{slug}}", search_fields=["title"], display_fields=["title"])
    else:
        raise ValueError(f"The contract's kind {kind!r} ({content_type}.{field.name}) has no editor widget.")
    if kind in PATTERN_TEXTS:
        config["pattern"] = _pattern(kind, field, messages)
    if field.name in defaults and defaults[field.name]:
        config["default"] = defaults[field.name]
    return config


def _pattern(kind: str, field: Field, messages: Messages) -> list[str]:
    example = field.example.split(":", 1)[-1].strip()
    return [PATTERNS[kind], messages.text(PATTERN_TEXTS[kind], example=example)]


def _image_group(fields: list[dict[str, Any]], messages: Messages) -> list[dict[str, Any]]:
    """The four image fields as one optional object, where the contract's Requires rules
    without a condition become required subfields."""
    names = [f["name"] for f in fields]
    if not all(name in names for name in IMAGE_GROUP):
        return fields
    needed = {r.needs for r in RULES if isinstance(r, Requires) and r.field == "image" and not r.when}
    members = []
    for f in fields:
        if f["name"] in IMAGE_GROUP:
            member = dict(f, name=IMAGE_GROUP[f["name"]])
            if f["name"] == "image":
                member.update(label=messages.text("editor-image-file"), required=True)
            elif f["name"] in needed:
                member["required"] = True
            members.append(member)
    image = fields[names.index("image")]
    group = {"name": "image", "label": image["label"], "widget": "object",
             "required": False, "i18n": True, "collapsed": "auto",
             "hint": messages.text("editor-image-hint"), "fields": members}
    first = names.index("image")
    rest = [f for f in fields if f["name"] not in IMAGE_GROUP]
    return rest[:first] + [group] + rest[first:]


def defaults_for(content_type: str, site: Site, settings: Mapping[str, Any]) -> dict[str, str]:
    """What `make new` writes in a new file's fields, where the editor can write it too:
    the fields whose archetype line takes a value (`Date: $date` becomes today's date)."""
    values = archetype_values(content_type, site.content_dir, dict(settings))
    defaults = {}
    template = (ARCHETYPES / f"{content_type}.md").read_text(encoding="utf-8")
    for entry in split_document(template).entries:
        match = re.fullmatch(r"\$(\w+)", entry.value.strip())
        if not match or match[1] == "title":
            continue
        defaults[entry.key] = "{{now}}" if match[1] == "date" else values.get(match[1], "")
    return defaults


def editor_config(settings: Mapping[str, Any], messages: Messages, logo: str = "") -> dict[str, Any]:
    """The editor's configuration (Sveltia CMS's config.yml, written as JSON, which YAML reads)."""
    site = Site.from_settings(settings)
    languages = list(site.languages)
    backend = {k: v for k, v in dict(settings.get("EDITOR_BACKEND") or {}).items() if v}
    # Unknown (a local build from a clone that is not GitHub's): the local mode still works,
    # and asks for the folder by this name.
    project = Path(str(settings.get("PATH", "content"))).resolve().parent
    backend["repo"] = repository(settings) or f"local/{project.name}"
    images = str(settings.get("IMAGES_SOURCE_DIR", "immagini"))
    config: dict[str, Any] = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "media_folder": f"content/{images}",
        "public_folder": images,
        "site_url": str(settings.get("SITE_ORIGIN", "")).rstrip("/") or None,
        "i18n": {
            "structure": "multiple_files",
            "locales": languages,
            "default_locale": site.languages.default.code,
            # content/<folder>/<key>.md in the default language, <key>.<lang>.md for the others
            "omit_default_locale_from_file_path": True,
            # a new item starts in the default language only; a translation is added when
            # someone writes it (as `make translate`), never as an empty file
            "initial_locales": "default",
            "omit_default_locale_from_preview_path": True,
        },
        # Addresses as `make new` makes them (rart.naming.slugify, at most MAX_SLUG characters).
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-",
                 "maxlength": MAX_SLUG},
        # No stock-photo services: third-party requests, and photos of people without consent.
        "media_libraries": {"stock_assets": False},
        "editor": {"preview": True},
        "app_title": messages.text("editor-title", site=str(settings.get("SITE_SHORTNAME", ""))),
        "collections": [],
    }
    if not config["site_url"]:
        del config["site_url"]
    if logo:
        config["logo_url"] = logo  # the site's own mark on the sign-in page
    for folder, content_type in site.types.items():
        name = content_type.name
        defaults = defaults_for(name, site, settings)
        fields = [field_config(f, name, site, messages, defaults) for f in CONTRACT[name]]
        fields = _image_group(fields, messages)
        fields.append({"name": "body", "label": messages.text("editor-body"), "widget": "markdown",
                       "required": True, "i18n": True, "hint": messages.text("editor-body-hint")})
        fields.append({"name": LAYOUT_FIELD, "widget": "hidden", "i18n": True})
        collection: dict[str, Any] = {
            "name": folder,
            "label": _capital(messages.text(f"type-{name}")),
            "label_singular": _capital(ITALIAN_SINGULAR.get(name, name)),
            "folder": f"{site.content_dir.name or 'content'}/{folder}",
            "create": True,
            "format": FORMAT.format(folder=folder),
            "extension": "md",
            "identifier_field": "title",
            "summary": "{{title}}",
            "slug": "{{slug}}",
            "i18n": True,
            "fields": fields,
        }
        if any(f.name == "date" for f in CONTRACT[name]):
            collection["sortable_fields"] = {"fields": ["title", "date"],
                                             "default": {"field": "date", "direction": "descending"}}
        if content_type.has_pages:
            # "Visualizza sul Sito Live": the item's address in the version's language
            collection["preview_path"] = "{{locale}}/" + content_type.url.replace("{slug}", "{{slug}}")
        config["collections"].append(collection)
    return config


def formats(settings: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """What the bundle's front-matter format needs per content folder (admin/src/frontmatter.js)."""
    site = Site.from_settings(settings)
    out = {}
    for folder, content_type in site.types.items():
        fields = CONTRACT[content_type.name]
        names = [f.name for f in fields]
        out[folder] = {
            "format": FORMAT.format(folder=folder),
            "order": names,
            # written even when empty, as `make new` writes them; never a date Pelican parses
            # itself (an empty one stops the build)
            "always": [f.name for f in fields if f.scaffold and f.name not in PELICAN_DATES],
            "dates": [n for n in PELICAN_DATES if n in names],
            "lists": [f.name for f in fields if f.kind in ("list", "members")],
            "materials": [f.name for f in fields if f.kind == "materials"],
            # columns of the fields written one row per line, «a | b | c»
            "rows": {f.name: list(ROWS[f.kind]) for f in fields if f.kind in ROWS},
            "integers": [f.name for f in fields if f.kind == "integer"],
            # the original's only (the claims ledger): a translation's data never has them
            "originalOnly": [f.name for f in fields if f.original_only],
            "files": [f.name for f in fields if f.kind == "file"],
            "groups": {"image": IMAGE_GROUP} if all(n in names for n in IMAGE_GROUP) else {},
            "layout": LAYOUT_FIELD,
        }
    return out


def index_page(settings: Mapping[str, Any], messages: Messages, preview_style: str) -> str:
    """/admin/index.html: no inline script or style (the admin CSP forbids them); the data the
    bundle needs travels as a JSON block, which no browser executes."""
    site = Site.from_settings(settings)
    data = {
        "interface": messages.lang,
        "defaultLanguage": site.languages.default.code,
        "directions": {code: lang.dir for code, lang in site.languages.items()},
        "previewStyle": preview_style,
        "formats": formats(settings),
        "previews": {folder: {"meta": [n for n in ("date", "category") if n in
                                       {f.name for f in CONTRACT[t.name]}]}
                     for folder, t in site.types.items()},
    }
    # "<" escaped so no value can close the script element.
    block = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    title = html.escape(messages.text("editor-title", site=str(settings.get("SITE_SHORTNAME", ""))))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{messages.lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f"<title>{title}</title>\n"
        '<link href="config.yml" type="application/yaml" rel="cms-config-url">\n'
        f'<script type="application/json" id="rart-editor">{block}</script>\n'
        '<script type="module" src="entry.js"></script>\n'
        f"</head>\n<body>\n<noscript>{html.escape(messages.text('editor-noscript'))}</noscript>\n"
        "</body>\n</html>\n"
    )


def write_admin(settings: Mapping[str, Any], output: Path) -> bool:
    """Write /admin/ into a built site `output`; False (and nothing written) without a bundle."""
    bundle = bundle_dir(settings)
    if bundle is None or not (bundle / "entry.js").is_file():
        return False
    messages = Messages.for_settings(settings)
    target = output / str(settings.get("EDITOR_PATH", "admin")).strip("/")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(bundle, target)
    theme = str(settings.get("THEME_STATIC_DIR", "theme"))
    styles = sorted((output / theme / "css").glob("main.*.css"))
    preview_style = "../" + styles[0].relative_to(output).as_posix() if styles else ""
    icons = sorted((output / theme).glob("favicon.*.svg"))
    logo = "../" + icons[0].relative_to(output).as_posix() if icons else ""
    (target / "config.yml").write_text(
        json.dumps(editor_config(settings, messages, logo), ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8")
    (target / "index.html").write_text(index_page(settings, messages, preview_style), encoding="utf-8")
    if settings.get("SITEURL") and not repository(settings):
        print("EDITOR_REPO is not set and the checkout has no GitHub remote: /admin/ cannot sign "
              "in to GitHub (it still works with make edit). Set EDITOR_REPO=owner/name: "
              "docs/deploy.md.", file=sys.stderr)
    return True
