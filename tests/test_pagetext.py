"""Page text (plugins/pagetext): glossary links on first use and French no-break spaces, as pure
functions and on the built pages."""

from __future__ import annotations

import dataclasses
import re

import pytest
from lxml import html as lxml_html

from plugins.pagetext.french import NBSP, NNBSP, space_html, space_text
from plugins.pagetext.glossary import Glossary, link_terms

LANGS = ["it", "en", "fr", "ar"]
PREFIX = {"it": "", "en": "en/", "fr": "fr/", "ar": "ar/"}


# --- French spacing ---------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Turin : la démarche", f"Turin{NBSP}: la démarche"),
    ("Note: bien", f"Note{NBSP}: bien"),
    ("Pourquoi ? Parce que !", f"Pourquoi{NNBSP}? Parce que{NNBSP}!"),
    ("Oui; non", f"Oui{NNBSP}; non"),
    ("« Bonjour »", f"«{NBSP}Bonjour{NBSP}»"),
    ("«Bonjour»", f"«{NBSP}Bonjour{NBSP}»"),
    # Left alone: times, addresses written in the text.
    ("à 10:30 heures", "à 10:30 heures"),
    ("voir https://example.org/a?b=1;c et mailto:x@example.org", "voir https://example.org/a?b=1;c et mailto:x@example.org"),
])
def test_french_spacing(text, expected):
    assert space_text(text) == expected
    assert space_text(expected) == expected  # idempotent


def test_french_spacing_leaves_markup_scripts_code_and_attributes_alone():
    page = ('<html><head><title>Titre : x</title><script>var a = "b : c ?";</script></head>'
            '<body><main><p title="a : b">Le <a href="https://x.org/?q=1">SAI</a>: oui &amp; non ?</p>'
            '<code>a : b</code></main></body></html>')
    out = space_html(page)
    assert f"<title>Titre{NBSP}: x</title>" in out
    assert '<script>var a = "b : c ?";</script>' in out
    assert '<p title="a : b">' in out and 'href="https://x.org/?q=1"' in out
    assert f"</a>{NBSP}: oui &amp; non{NNBSP}?" in out  # after an inline tag; the entity intact
    assert "<code>a : b</code>" in out
    assert space_html(out) == out


# --- glossary links ---------------------------------------------------------------------------
GLOSSARY = Glossary.build({
    "sai": ["SAI"], "terzo-settore": ["Terzo Settore", "Terzo settore"],
    "dlgs-117-2017": ["D.Lgs. 117/2017", "Codice del Terzo settore"],
    "co-programmazione": ["co-programmazione"], "ar-term": ["التخطيط المشترك"],
})


def linked(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="rart-term" href="/g/#([^"]+)">([^<]+)</a>', link_terms(page, GLOSSARY, "/g/"))


def test_first_use_in_main_is_linked_once():
    page = ("<header>SAI</header><main><h1>SAI</h1><p>Il <a href='/x'>SAI</a> e il SAI. Ancora SAI.</p>"
            "<p>Co-programmazione nel Codice del Terzo settore e nel Terzo Settore.</p><code>SAI</code></main>"
            "<footer>SAI</footer>")
    assert linked(page) == [("sai", "SAI"), ("co-programmazione", "Co-programmazione"),
                            ("dlgs-117-2017", "Codice del Terzo settore"), ("terzo-settore", "Terzo Settore")]


def test_glossary_links_are_idempotent_and_whole_words():
    once = link_terms("<main><p>SAIS e SAI, poi SAI.</p></main>", GLOSSARY, "/g/")
    assert once.count('class="rart-term"') == 1 and "SAIS" in once
    assert link_terms(once, GLOSSARY, "/g/") == once


def test_arabic_forms_match_with_glued_prepositions():
    assert linked("<main><p>فريق عمل للتخطيط المشترك.</p></main>") == [("ar-term", "للتخطيط المشترك")]
    assert linked("<main><p>والتخطيط المشترك.</p></main>") == [("ar-term", "والتخطيط المشترك")]


@pytest.mark.parametrize("text", [
    "Co-programmazione e co-programmazione.", "Co-programmazione, nel testo.", "Il Codice\u00a0del Terzo\n settore.",
    "فريق عمل للتخطيط المشترك.", "والتخطيط المشترك", "D.Lgs. 117/2017", "SAIS, niente.",
    "Terzo &amp; settore", "Nessun termine qui.",
])
def test_the_quick_look_for_pieces_of_the_forms_misses_no_term(text):
    """A page is searched for the forms only if it holds a piece of one as written (a
    lowercase first letter and the Arabic article may come otherwise): with the look or
    without it, the same links."""
    page = f"<main><p>{text}</p></main>"
    every_page = dataclasses.replace(GLOSSARY, needles=("",))
    assert link_terms(page, GLOSSARY, "/g/") == link_terms(page, every_page, "/g/")


def test_the_two_rewrites_do_not_depend_on_their_order():
    page = "<main><p>Le SAI : « tiers secteur » ? Le SAI !</p></main>"
    french = Glossary.build({"sai": ["SAI"], "terzo-settore": ["tiers secteur"]})
    assert space_html(link_terms(page, french, "/g/")) == link_terms(space_html(page), french, "/g/")


# --- on the built site ------------------------------------------------------------------------
def visible_text_nodes(tree):
    """Text of the page outside scripts, styles and code, element by element."""
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "code", "pre"):
            continue
        if element.text:
            yield element.text
        for child in element:
            if child.tail:
                yield child.tail


def test_french_pages_have_no_breakable_space_before_high_punctuation(site):
    pages = [p for p in site.pages if site.rel(p).startswith("fr/")]
    assert len(pages) > 20
    spaced = 0
    for page in pages:
        tree = lxml_html.fromstring(page.read_bytes())
        for text in visible_text_nodes(tree):
            assert not re.search(r" [;:!?»]|« ", text), (site.rel(page), text)
            spaced += len(re.findall(f"[{NNBSP}][;!?]|[{NBSP}][:»]|«[{NBSP}]", text))
        # Never added to attributes (addresses, metadata) or scripts (JSON-LD); the only
        # no-break spaces in attributes are the ones the French catalog carries itself.
        for value in tree.xpath("//@*"):
            assert NNBSP not in value, (site.rel(page), value)
        for value in tree.xpath("//@href | //@src"):
            assert NBSP not in value, (site.rel(page), value)
        for script in tree.xpath("//script/text()"):
            assert NNBSP not in script and NBSP not in script, site.rel(page)
    assert spaced > 50
    title = site.tree("fr/notizie/coprogrammazione-citta/index.html").xpath("//title")[0].text
    assert f"Turin{NBSP}: les étapes" in title


def test_other_languages_get_no_french_spacing(site):
    text = site.tree("en/risultati/index.html").xpath("string(//main)")
    assert NNBSP not in text


NOT_LINKED = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "button", "label", "nav",
              "header", "footer", "abbr", "script", "style"}


def in_order(element, skipped=False):
    """("text", str) and ("link", <a class=rart-term>) in document order, outside elements
    where terms are never linked."""
    skip = skipped or element.tag in NOT_LINKED
    if element.tag == "a" and element.get("class") == "rart-term" and not skipped:
        yield "link", element
    if element.text and not skip:
        yield "text", element.text
    for child in element:
        if isinstance(child.tag, str):
            yield from in_order(child, skip)
        if child.tail and not skip:
            yield "text", child.tail


GLOSSARY_TERMS = ["sai", "cas", "prefettura", "giunta-comunale", "co-programmazione", "co-progettazione",
                  "terzo-settore", "dlgs-117-2017"]


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_page_has_an_entry_for_every_term(site, lang):
    tree = site.tree(f"{PREFIX[lang]}glossario/index.html")
    ids = tree.xpath("//main//h2/@id")
    assert ids == GLOSSARY_TERMS
    assert not tree.xpath("//main//a[@class='rart-term']")  # the glossary does not link itself


@pytest.mark.parametrize("lang", LANGS)
def test_each_term_is_linked_at_its_first_use_on_every_page(site, lang):
    from pelicanconf import PAGETEXT_GLOSSARY_TERMS

    glossary = Glossary.build({anchor: forms[lang] for anchor, forms in PAGETEXT_GLOSSARY_TERMS.items()})
    checked = 0
    for page in site.pages:
        rel = site.rel(page)
        if not rel.startswith(PREFIX[lang]) or (lang == "it" and rel.split("/")[0] in ("en", "fr", "ar")):
            continue
        if "/glossario/" in f"/{rel}" or rel.endswith("404.html"):
            continue
        tree = lxml_html.fromstring(page.read_bytes())
        main = tree.xpath("//main")
        if not main:
            continue
        links = main[0].xpath(".//a[@class='rart-term']")
        anchors = [a.get("href").rpartition("#")[2] for a in links]
        assert len(anchors) == len(set(anchors)), (rel, anchors)  # once per page
        for a in links:
            assert a.get("href") == f"/{PREFIX[lang]}glossario/#{a.get('href').rpartition('#')[2]}", rel
        # The first use of each term in linkable text is the linked one.
        first = {}
        for kind, value in in_order(main[0]):
            if kind == "link":
                first.setdefault(value.get("href").rpartition("#")[2], "link")
            else:
                for match in glossary.pattern.finditer(value):
                    first.setdefault(glossary.anchors[int(match.lastgroup[1:])], value)
        for anchor, use in first.items():
            assert use == "link", (rel, anchor, use)
            checked += 1
    assert checked > 30
