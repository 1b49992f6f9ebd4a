"""Atom feeds per language and the sitemap, as feed readers and search engines read them."""

from __future__ import annotations

import feedparser
import pytest
from lxml import etree
from test_i18n import DEFAULT, ORIGIN, TABLE


def prefix(code):
    return "" if code == DEFAULT else code + "/"


@pytest.mark.parametrize("code", list(TABLE))
def test_feed_parses_with_self_and_alternate_urls(site, code):
    feed = feedparser.parse((site.root / prefix(code) / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    links = {link["rel"]: link["href"] for link in feed.feed.links}
    assert links["self"] == f"{ORIGIN}/{prefix(code)}feed.xml"
    assert links["alternate"] == f"{ORIGIN}/{prefix(code)}"
    assert feed.feed.language == code if "language" in feed.feed else True
    assert feed.entries, code
    for entry in feed.entries:
        assert entry.link.startswith(f"{ORIGIN}/{prefix(code)}notizie/"), entry.link
        assert site.file_for(entry.link).is_file()


def test_feed_ids_are_distinct(site):
    ids = [feedparser.parse((site.root / prefix(c) / "feed.xml").read_bytes()).feed.id for c in TABLE]
    assert len(set(ids)) == len(TABLE)
    entry_ids = [e.id for c in TABLE
                 for e in feedparser.parse((site.root / prefix(c) / "feed.xml").read_bytes()).entries]
    assert len(set(entry_ids)) == len(entry_ids)


def test_pages_link_their_language_feed(site):
    for code in TABLE:
        href = site.tree(prefix(code) + "index.html").xpath(
            "//link[@type='application/atom+xml']/@href")
        assert href == [f"/{prefix(code)}feed.xml"]


def test_sitemap_validates_against_the_sitemaps_org_schema(site, sitemap_schema):
    document = etree.parse(str(site.root / "sitemap.xml"))
    assert sitemap_schema.validate(document), sitemap_schema.error_log


def test_sitemap_lists_every_indexable_page_and_only_existing_ones(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    document = etree.parse(str(site.root / "sitemap.xml"))
    locs = document.xpath("//s:loc/text()", namespaces=ns)
    hrefs = document.xpath("//x:link/@href", namespaces=ns)
    for url in locs + hrefs:
        assert site.file_for(url).is_file(), url
    pages = {p for p in site.pages if p.name == "index.html" and "/pagina/" not in site.rel(p)}
    assert {site.file_for(u) for u in locs} == pages
    assert not any(u.endswith("404.html") for u in locs)
