"""The core (rart): the site's facts, computed once. Pure functions, table-driven, and the
guarantees the architecture gives (no Pelican or Pillow needed to check content; the HTML
rewrites give the same result in any order)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from babel.messages.pofile import read_po
from conftest import ROOT

from plugins.markup.embeds import render_notice, replace_embeds
from plugins.markup.sanitise import sanitise
from plugins.markup.transforms import Context, transform
from rart.bidi import isolate_ltr_runs
from rart.catalogs import load_catalog
from rart.contract import status_of
from rart.html import body_html
from rart.images import candidates, find_image
from rart.messages import DOMAIN, LANGUAGES, MESSAGES, TEXTS, Messages
from rart.naming import parse_name
from rart.problems import Problem
from rart.site import Site

SETTINGS = __import__("runpy").run_path(str(ROOT / "pelicanconf.py"))
SITE = Site.from_settings(SETTINGS)


# --- languages, names, addresses -------------------------------------------------------------
def test_the_first_language_of_the_table_is_the_default_everywhere():
    assert SITE.languages.default.code == next(iter(SETTINGS["LANGUAGES"]))
    assert SETTINGS["DEFAULT_LANG"] == SITE.languages.default.code
    assert [lang.prefix for lang in SITE.languages.others] == [f"{c}/" for c in list(SITE.languages)[1:]]


@pytest.mark.parametrize(
    "rel, key, lang, problem",
    [
        ("pagine/obiettivi.md", "obiettivi", "it", None),
        ("pagine/obiettivi.ar.md", "obiettivi", "ar", None),
        ("pagine/obiettivi.it.md", "obiettivi", "it", "default-language-suffix"),
        ("pagine/obiettivi.de.md", "obiettivi", "de", "unknown-language"),
        ("pagine/Chi Siamo.md", "Chi Siamo", "it", "bad-file-name"),
        ("pagine/a.b.c.md", "a", "it", "bad-file-name"),
    ],
)
def test_file_names_give_key_language_and_problem(rel, key, lang, problem):
    name = parse_name(rel, SITE.languages)
    assert (name.key, name.lang, name.problem) == (key, lang, problem)
    if problem:
        assert name.suggestion.startswith("content/pagine/") and name.suggestion.endswith(".md")


def test_addresses_of_items_and_listings():
    types = SITE.types
    assert SITE.item_address(types["pagine"], "home", "it") == ("", "index.html")
    assert SITE.item_address(types["pagine"], "home", "ar") == ("ar/", "ar/index.html")
    assert SITE.item_address(types["notizie"], "x", "fr", slug="y") == ("fr/notizie/y/", "fr/notizie/y/index.html")
    assert SITE.item_address(types["risultati"], "x", "it") == ("", "")
    assert SITE.item_address(types["membri"], "x", "it", draft=True) == ("", "")
    assert SITE.listing("tag", "en", slug="sai") == ("en/notizie/tag/sai/", "en/notizie/tag/sai/index.html")
    assert SITE.listing_urls("news")["ar"] == "ar/notizie/"
    assert "ar/notizie/pagina/" in SITE.listing_prefixes(SITE.languages["ar"])


def test_pelican_reads_the_folders_the_core_names():
    assert SETTINGS["ARTICLE_PATHS"] == ["notizie"]
    assert set(SETTINGS["PAGE_PATHS"]) == set(SETTINGS["CONTENT_TYPES"]) - {"notizie"}


@pytest.mark.parametrize(
    "value, inherited, expected",
    [("", "published", "published"), ("Hidden", "published", "hidden"), (None, "draft", "draft"),
     ("draft", "hidden", "draft")],
)
def test_status_of(value, inherited, expected):
    assert status_of(value, inherited) == expected


def test_image_references_resolve_inside_content_only():
    files = {"immagini/a.jpg", "notizie/b.png"}
    assert find_image("{static}/immagini/a.jpg", "notizie", files.__contains__) == "immagini/a.jpg"
    assert find_image("b.png", "notizie", files.__contains__) == "notizie/b.png"
    assert find_image("immagini/a.jpg", "", files.__contains__, field=True) == "immagini/a.jpg"
    assert candidates("../../etc/passwd", "notizie") == []


# --- messages ---------------------------------------------------------------------------------
def test_every_editor_message_is_translated_in_every_language_of_the_messages():
    for lang in LANGUAGES:
        path = ROOT / "translations" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        with path.open("rb") as handle:
            catalog = read_po(handle)
        untranslated = [m.id for m in catalog if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)]
        assert untranslated == [], (lang, untranslated[:5])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_renders_without_placeholders_left(lang):
    messages = Messages(ROOT / "translations", lang)
    for code in MESSAGES:
        text = Problem("content/x.md", 3, code, {"value": "V"}).format(messages)
        assert "%(" not in text and "content/x.md" in text
    for key in TEXTS:
        assert "%(" not in messages.text(key)


def test_one_location_format():
    messages = Messages(ROOT / "translations", "it")
    assert messages.location("content/notizie/x.md", 12) == "content/notizie/x.md, riga 12"
    assert messages.location("content/notizie/x.md", None) == "content/notizie/x.md"


# --- HTML rewrites ------------------------------------------------------------------------------
PROVIDERS = SETTINGS["EMBED_PROVIDERS"]
LONE_VIDEO = '<p><a href="https://www.youtube.com/watch?v=abc">https://www.youtube.com/watch?v=abc</a></p>'


ARABIC = load_catalog(ROOT / "translations", "ar", "ar", "messages").gettext


def _embeds(html: str, rtl: bool) -> str:
    return replace_embeds(html, PROVIDERS, lambda url, p: render_notice(url, p, ARABIC, rtl))


def test_arabic_pages_get_click_to_load_embeds_whatever_runs_first():
    """Regression (issue 12): bidi isolation used to run first and break the lone link, so
    Arabic pages showed the raw URL instead of the notice."""
    html = f"<p>نص عربي مع Babel s.c.s.</p>{LONE_VIDEO}"
    one = isolate_ltr_runs(_embeds(html, rtl=True))
    other = _embeds(isolate_ltr_runs(html), rtl=True)
    assert one == other
    assert 'class="rart-embed rart-embed--video"' in one and "watch?v=abc</a></p>" not in one
    assert transform(html, Context(True, ARABIC, PROVIDERS)) == one


def test_each_rewrite_is_idempotent():
    """The sanitiser, embeds and bidi isolation each give the same result run twice. (The whole
    transform is not: the sanitiser, first, removes what the other two add, which is why it
    runs first and once.)"""
    html = f"<p>نص مع RART و D.M. 72/2021 <b onclick=x>&amp;</b>.</p>{LONE_VIDEO}"
    clean = sanitise(html)
    assert sanitise(clean) == clean and "onclick" not in clean
    embedded = _embeds(clean, rtl=True)
    assert _embeds(embedded, rtl=True) == embedded
    isolated = isolate_ltr_runs(embedded)
    assert isolate_ltr_runs(isolated) == isolated
    assert transform(html, Context(True, ARABIC, PROVIDERS)) == isolated


def test_pictures_take_the_place_of_their_img_tags_in_order():
    html = '<p><img src="a.jpg" alt="A"></p><p><img src="b.jpg" alt="B"><img src="c.jpg"></p>'
    out = body_html(html, ["<picture>A</picture>", None, "<picture>C</picture>"])
    assert out == '<p><picture>A</picture></p><p><img src="b.jpg" alt="B"><picture>C</picture></p>'
    assert body_html(html, []) == html


# --- the architecture's promises ------------------------------------------------------------------
def test_the_core_needs_no_pelican_and_the_validator_no_pillow():
    """Regression (issue 12): content_checks imported the images package, so checking content
    needed Pillow. The core needs neither Pelican nor Pillow; the validator needs no Pillow."""
    code = (
        "import sys\n"
        "sys.modules['PIL'] = None\n"
        "sys.modules['pelican'] = None\n"
        "import rart.site, rart.contract, rart.messages, rart.problems, rart.images\n"
        "del sys.modules['pelican']\n"
        "import plugins.content_checks.validate\n"
        "assert not any(name.startswith('plugins.images') for name in sys.modules)\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "ok", result.stderr


def test_no_module_outside_the_core_computes_the_core_s_facts():
    """The default language, folders of types and addresses come from rart; no plugin, tool
    or setting file computes them again (the ways they used to be computed)."""
    patterns = ["next(iter(", "LANGUAGES\"][0]", "listing_paths(", "content_paths(", "\"notizie\": \"news\""]
    for folder in ("plugins", "rart_tools"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for pattern in patterns:
                assert pattern not in text, (path, pattern)
