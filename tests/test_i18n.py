"""Multilingual behaviour, checked on every page of the real site and the fixture site."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

TABLE = __import__("runpy").run_path(str(ROOT / "pelicanconf.py"))["LANGUAGES"]
DEFAULT = next(iter(TABLE))
ORIGIN = "http://localhost:8000"


def page_lang(rel: str) -> str:
    first = rel.split("/", 1)[0]
    return first if first in TABLE and "/" in rel else DEFAULT


def every_page(site):
    return [site.rel(p) for p in site.pages]


@pytest.fixture(scope="module", params=["site", "fixture_site"])
def any_site(request):
    return request.getfixturevalue(request.param)


def test_html_lang_and_dir_on_every_page(any_site):
    for rel in every_page(any_site):
        root = any_site.tree(rel)
        lang = page_lang(rel)
        assert (root.get("lang"), root.get("dir")) == (lang, TABLE[lang]["dir"]), rel


def test_switcher_on_every_page(any_site):
    for rel in every_page(any_site):
        tree = any_site.tree(rel)
        links = tree.xpath("//nav[contains(@class,'rart-languages')]//a")
        assert [a.get("lang") for a in links] == list(TABLE), rel
        assert [a.get("hreflang") for a in links] == list(TABLE), rel
        assert [a.xpath("string(text())").strip() for a in links] == [t["name"] for t in TABLE.values()]
        current = [a for a in links if a.get("aria-current")]
        assert [a.get("lang") for a in current] == [page_lang(rel)], rel
        for a in links:
            target = any_site.file_for(a.get("href"), rel)
            assert target.is_file(), (rel, a.get("href"))
            if "rart-languages__link--fallback" in a.get("class"):
                prefix = "" if a.get("lang") == DEFAULT else a.get("lang") + "/"
                assert a.get("href") == "/" + prefix, rel
                assert a.xpath(".//span[@class='rart-languages__note']"), rel


def test_switcher_links_to_the_translation_of_this_page(fixture_site):
    links = fixture_site.tree("notizie/notizia-1/index.html").xpath(
        "//nav[contains(@class,'rart-languages')]//a/@href")
    assert links == ["/notizie/notizia-1/", "/en/notizie/notizia-1/", "/fr/", "/ar/notizie/notizia-1/"]


def test_untranslated_item_says_so_in_the_target_language(fixture_site):
    tree = fixture_site.tree("notizie/notizia-3/index.html")
    note = tree.xpath("//a[@lang='en']//span[@class='rart-languages__note']")[0].text_content()
    arabic = tree.xpath("//a[@lang='ar']//span[@class='rart-languages__note']")[0].text_content()
    assert note == "(no English version of this page: the link opens the home page)"
    assert re.search("[\u0600-\u06ff]", arabic)


def hreflang_map(tree) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href") for link in tree.xpath("//head/link[@rel='alternate'][@hreflang]")}


def to_rel(href: str) -> str:
    assert href.startswith(ORIGIN + "/"), href
    path = href[len(ORIGIN) + 1:]
    return path + "index.html" if path == "" or path.endswith("/") else path


def test_hreflang_reciprocal_with_x_default_and_targets_exist(any_site):
    checked = 0
    for rel in every_page(any_site):
        links = hreflang_map(any_site.tree(rel))
        if not links:
            continue
        checked += 1
        canonical = any_site.tree(rel).xpath("//link[@rel='canonical']/@href")[0]
        assert links.get(page_lang(rel)) == canonical, rel
        if DEFAULT in links:
            assert links["x-default"] == links[DEFAULT], rel
        for lang, href in links.items():
            target = to_rel(href)
            assert (any_site.root / target).is_file(), (rel, href)
            if lang != "x-default":
                assert hreflang_map(any_site.tree(target)).get(page_lang(rel)) == canonical, (rel, href)
    assert checked > 10


def test_no_parent_segments_in_urls(any_site):
    for rel in every_page(any_site):
        for _, _, link, _ in any_site.tree(rel).iterlinks():
            assert "/../" not in link and not link.startswith("../"), (rel, link)


def test_static_files_are_copied_once(any_site):
    for code in TABLE:
        if code != DEFAULT:
            assert not (any_site.root / code / "theme").exists()
            # Only the materials library's pages (plugins/library) are under <lang>/materiali/.
            copies = (any_site.root / code / "materiali").rglob("*")
            assert [p for p in copies if p.is_file() and p.name != "index.html"] == []


def test_listings_exist_in_every_language(any_site):
    for code in TABLE:
        prefix = "" if code == DEFAULT else code + "/"
        for path in ["index.html", "notizie/index.html", "notizie/archivio/index.html", "feed.xml"]:
            assert (any_site.root / prefix / path).is_file(), prefix + path


def test_news_lists_hold_only_their_language(fixture_site):
    def titles(rel):
        return [h.text_content().strip() for h in fixture_site.tree(rel).xpath("//main//article//h2")]

    assert titles("en/notizie/index.html") == ["Test news 2", "Test news 1"]
    assert titles("ar/notizie/index.html") == ["خبر تجريبي"]
    assert titles("fr/notizie/index.html") == []
    assert fixture_site.tree("fr/notizie/index.html").xpath("//main//p")


def test_category_pages_link_across_languages_under_the_italian_slug(fixture_site):
    links = hreflang_map(fixture_site.tree("notizie/categoria/prova/index.html"))
    assert links["en"] == ORIGIN + "/en/notizie/categoria/prova/"
    assert links["ar"] == ORIGIN + "/ar/notizie/categoria/prova/"
    english = fixture_site.tree("en/notizie/categoria/prova/index.html")
    assert "Test" in english.xpath("string(//h1)")  # the name stays the translated one


@pytest.mark.parametrize(
    "rel, expected",
    [
        ("notizie/notizia-1/index.html", "10 gennaio 2024"),
        ("en/notizie/notizia-1/index.html", "10 January 2024"),
    ],
)
def test_dates_follow_the_language(fixture_site, rel, expected):
    assert fixture_site.tree(rel).xpath("string(//article//time)") == expected


def test_arabic_dates_use_arabic_month_names(fixture_site):
    text = fixture_site.tree("ar/notizie/notizia-1/index.html").xpath("string(//article//time)")
    assert "يناير" in text


def test_latin_runs_in_arabic_text_are_isolated(site, fixture_site):
    body = fixture_site.tree("ar/notizie/notizia-1/index.html").xpath("//div[@class='rart-prose']")[0]
    assert [b.text for b in body.iter("bdi")] == ["Ente Alfa s.c.s."]
    for rel in every_page(site):
        if page_lang(rel) != "ar":
            continue
        for p in site.tree(rel).xpath("//main//div[contains(@class,'rart-prose')]//p"):
            loose = "".join(p.xpath("text()"))
            assert not re.search("[A-Za-z]{2,}", loose), (rel, loose)


def test_drafts_and_untranslated_items_do_not_leak_into_feeds(fixture_site):
    feed = (fixture_site.root / "en/feed.xml").read_text(encoding="utf-8")
    assert "Bozza" not in feed and "Notizia di prova" not in feed
