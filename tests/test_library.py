"""The materials library (plugins/library): in every language, a page listing every file of
the site to download (the generated print sheets and the editors' files of content/materiali/)
with its language, type and size as published, grouped by the campaign or page it belongs to;
links filter it by the files' language without JavaScript. The real site has no file to
download, so it has no library."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import FIXTURE
from sitetools import BuiltSite

from rart.site import Site
from rart.sizes import human_size

SETTINGS = __import__("runpy").run_path(str(FIXTURE / "fixtureconf.py"))
SITE = Site.from_settings(SETTINGS)


def downloads(site: BuiltSite) -> set[str]:
    """Every file of the built site a reader downloads: PDFs anywhere, and whatever else is
    under materiali/ but the library's own pages."""
    found = set()
    for path in site.root.rglob("*"):
        rel = path.relative_to(site.root).as_posix()
        if path.is_file() and (path.suffix == ".pdf" or (rel.startswith("materiali/") and path.suffix != ".html")):
            found.add(rel)
    return found


def rows(site: BuiltSite, rel: str) -> list[dict]:
    tree = site.tree(rel)
    out = []
    for section in tree.xpath("//main//section[contains(@class, 'rart-library__group')]"):
        group = " ".join(section.xpath("string(h2)").split())
        group_href = (section.xpath("h2/a/@href") or [""])[0]
        for li in section.xpath(".//li"):
            meta = [b.text_content().strip() for b in li.xpath(".//span[@class='rart-library__meta']/bdi")]
            out.append({"href": li.xpath("a/@href")[0], "hreflang": li.xpath("a/@hreflang")[0],
                        "group": group, "group_href": group_href, "meta": meta})
    return out


def test_the_library_lists_every_downloadable_file_with_its_language_type_and_size(fixture_site):
    files = downloads(fixture_site)
    assert any(f.startswith("materiali/") for f in files) and any("/stampa/" in "/" + f for f in files)
    for code, language in SITE.languages.items():
        listed = rows(fixture_site, SITE.listing("library", code).save_as)
        hrefs = Counter(r["href"].lstrip("/") for r in listed)
        assert set(hrefs) == files, code
        assert max(hrefs.values()) == 1, code
        for row in listed:
            path = fixture_site.root / row["href"].lstrip("/")
            name, kind, size = row["meta"]
            assert name == SITE.languages[row["hreflang"]].name
            assert kind == "PDF" if path.suffix == ".pdf" else kind == path.suffix[1:].upper()
            assert size == human_size(path.stat().st_size, language.locale), row


def test_each_file_is_under_the_campaign_it_belongs_to(fixture_site):
    """A sheet under the page it was drawn from; an editor's file under the campaign whose
    Materials field lists it, titled in the reader's language."""
    for code in ("it", "ar"):
        for row in rows(fixture_site, SITE.listing("library", code).save_as):
            page = fixture_site.file_for(row["group_href"])
            assert page is not None and page.is_file(), row
            key = row["href"].rstrip("/").rpartition("/")[2].split("-manifesto")[0].split("-volantino")[0]
            if "/stampa/" in "/" + row["href"].lstrip("/"):
                assert f"/{key}/" in row["group_href"], row
            else:
                assert row["group_href"] == "/" + SITE.item_address(SITE.types["campagne"], "attiva", code).url


def test_campaigns_with_a_page_in_the_reader_s_language_come_first(fixture_site):
    for code in ("it", "ar"):
        groups = fixture_site.tree(SITE.listing("library", code).save_as).xpath(
            "//main//section[contains(@class, 'rart-library__group')]/h2/a")
        langs = [a.get("hreflang") or code for a in groups]
        assert langs[0] == code and langs == sorted(langs, key=lambda lang: lang != code), langs


def test_language_links_filter_the_library_without_javascript(fixture_site):
    for code in SITE.languages:
        home = SITE.listing("library", code).save_as
        tree = fixture_site.tree(home)
        nav = tree.xpath("//nav[contains(@class, 'rart-library__filter')]")[0]
        assert nav.xpath(".//a[@aria-current='page']/@href") == ["/" + SITE.listing("library", code).url]
        links = nav.xpath(".//a/@href")[1:]
        everything = rows(fixture_site, home)
        assert len(links) == len({r["hreflang"] for r in everything}) >= 3
        for href in links:
            rel = fixture_site.rel(fixture_site.file_for(href))
            filtered = rows(fixture_site, rel)
            lang = href.rstrip("/").rpartition("/")[2]
            assert filtered and {r["hreflang"] for r in filtered} == {lang}, href
            assert len(filtered) == sum(r["hreflang"] == lang for r in everything)
            current = fixture_site.tree(rel).xpath("//nav[contains(@class, 'rart-library__filter')]//a[@aria-current='page']/@href")
            assert current == [href]


def test_the_library_is_in_the_sitemap_and_linked_from_a_campaign(fixture_site):
    sitemap = (fixture_site.root / "sitemap.xml").read_text(encoding="utf-8")
    for code in SITE.languages:
        assert f"/{SITE.listing('library', code).url}<" in sitemap, code
    tree = fixture_site.tree(SITE.item_address(SITE.types["campagne"], "attiva", "ar").save_as)
    assert tree.xpath("//section[@aria-labelledby='print-materials']//a[@href='/ar/materiali/']")


def test_the_real_site_has_no_library_without_files(site):
    assert not (site.root / "materiali").exists()
    assert "/materiali/" not in (site.root / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.browser
def test_with_javascript_a_language_link_filters_the_list_in_place(browser, fixture_server):
    """library.js: the link shows only its language's files without loading a page, with the
    filtered page's address, title and current link; Back shows every file again."""
    page = browser.new_page(viewport={"width": 360, "height": 800})
    try:
        page.goto(fixture_server.url("ar/materiali/"))
        page.evaluate("window.stayed = true")
        rows = page.locator("[data-lang]")
        total = rows.count()
        page.locator("[data-library-filter] a[data-filter='it']").click()
        page.wait_for_url("**/ar/materiali/lingua/it/")
        assert page.evaluate("window.stayed") is True  # no new page was loaded
        visible = [rows.nth(i).get_attribute("data-lang") for i in range(total) if rows.nth(i).is_visible()]
        assert visible and set(visible) == {"it"} and len(visible) < total
        assert page.title() == page.evaluate("document.querySelector(\"[data-filter='it']\").dataset.title")
        assert page.locator("[data-library-filter] a[aria-current='page']").get_attribute("data-filter") == "it"
        # The server's filtered page shows the same files.
        served = rows_of(fixture_server, "ar/materiali/lingua/it/")
        assert served == [rows.nth(i).locator("a").get_attribute("href") for i in range(total) if rows.nth(i).is_visible()]
        page.go_back()
        page.wait_for_url("**/ar/materiali/")
        assert sum(rows.nth(i).is_visible() for i in range(total)) == total
    finally:
        page.close()


def rows_of(server, rel: str) -> list[str]:
    from urllib.request import urlopen

    from lxml import html as lxml_html

    with urlopen(server.url(rel)) as response:
        tree = lxml_html.fromstring(response.read())
    return tree.xpath("//main//li[@data-lang]/a/@href")
