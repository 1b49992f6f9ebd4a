"""Each content type renders on the fixture site, whose content exercises every field."""

from __future__ import annotations

import re

import pytest


def test_news_article_renders_date_category_and_tags(fixture_site):
    tree = fixture_site.tree("notizie/notizia-3/index.html")
    assert tree.xpath("//h1")[0].text_content() == "Notizia di prova 3"
    assert tree.xpath("//time/@datetime") == ["2024-03-10"]
    assert "/notizie/categoria/prova/" in tree.xpath("//main//a/@href")
    assert {"/notizie/tag/uno/", "/notizie/tag/due/"} <= set(tree.xpath("//main//a/@href"))


def test_news_index_is_paginated_newest_first(fixture_site):
    first = fixture_site.tree("notizie/index.html")
    titles = [h.text_content().strip() for h in first.xpath("//main//article//h2")]
    assert titles == ["Notizia di prova 5", "Notizia di prova 4"]
    assert first.xpath("//a[@rel='next']/@href") == ["/notizie/pagina/2/"]
    last = fixture_site.tree("notizie/pagina/3/index.html")
    assert [h.text_content().strip() for h in last.xpath("//main//article//h2")] == ["Notizia di prova 1"]
    assert last.xpath("//a[@rel='prev']/@href") == ["/notizie/pagina/2/"]


def test_campaign_puts_call_to_action_first_and_lists_materials(fixture_site):
    tree = fixture_site.tree("campagne/attiva/index.html")
    header = tree.xpath("//article/header")[0]
    cta = header.xpath(".//a[contains(@class,'rart-cta')]")[0]
    assert cta.text_content().strip() == "Partecipa ora"
    assert cta.get("href") == "/membri/"
    assert tree.xpath("//time/@datetime") == ["2024-03-01", "2024-12-31"]
    materials = tree.xpath("//ul[@class='rart-materials']/li/a")
    assert [a.text_content() for a in materials] == ["Volantino (PDF)", "Manifesto"]
    for a in materials:
        assert fixture_site.file_for(a.get("href")).is_file()


def test_campaigns_page_separates_active_and_past(fixture_site):
    tree = fixture_site.tree("campagne/index.html")
    active = tree.xpath("//section[@aria-labelledby='campaigns-active']//h3")
    past = tree.xpath("//section[@aria-labelledby='campaigns-past']//h3")
    assert [h.text_content().strip() for h in active] == ["Campagna attiva di prova"]
    assert [h.text_content().strip() for h in past] == ["Campagna conclusa di prova", "Campagna senza date di prova"]
    # A campaign is running: no "no campaign" notice.
    assert not tree.xpath("//*[contains(@class,'rart-campaigns-status')]")


def test_home_puts_a_running_campaign_first_and_says_when_none_is_translated(fixture_site):
    home = fixture_site.tree("index.html")
    section = home.xpath("//section[@aria-labelledby='campaigns']")[0]
    assert section.xpath("h2")[0].text_content() == "Campagne in corso"
    assert [h.text_content().strip() for h in section.xpath(".//h3")] == ["Campagna attiva di prova"]
    # French has no campaign of its own: the home page says so, with the campaigns' goal from
    # the (Italian) campaigns page, marked as Italian.
    section = fixture_site.tree("fr/index.html").xpath("//section[@aria-labelledby='campaigns']")[0]
    assert section.xpath("h2")[0].text_content() == "Campagnes"
    assert section.xpath(".//p[@lang='it']")
    status = section.xpath(".//p[contains(@class,'rart-campaigns-status')]")[0].text_content()
    assert status == "Il n’y a pas encore de campagne dans cette langue."


@pytest.mark.parametrize("campaigns, expected", [
    ({"it": [], "en": []}, "The network has not published a campaign on this site yet."),
    ({"it": [], "en": ["past"]}, "There is no campaign in this language yet."),
    ({"it": ["past", "past"], "en": []}, "No campaign is running at the moment."),
    ({"it": ["past", "active"], "en": []}, ""),
])
def test_campaign_status_says_why_no_campaign_is_running(campaigns, expected):
    """The partial's branches, rendered on their own (the sites cover only some of them)."""
    from types import SimpleNamespace

    from conftest import ROOT
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"), extensions=["jinja2.ext.i18n"])
    env.install_null_translations(newstyle=True)
    context = {"lang": "it", "CAMPAIGNS": {code: [SimpleNamespace(status_value=v) for v in values]
                                           for code, values in campaigns.items()}}
    out = env.get_template("partials/_campaigns_status.html").render(context)
    assert re.sub(r"<[^>]+>", "", out).strip() == expected


def test_member_profile_shows_known_fields_only(fixture_site):
    alfa = fixture_site.tree("membri/alfa/index.html")
    assert alfa.xpath("//dd//a/@href") == ["https://alfa.example.org"]
    beta = fixture_site.tree("membri/beta/index.html")
    terms = [dt.text_content() for dt in beta.xpath("//dl/dt")]
    assert len(terms) == 1  # legal form only: no city, no website


def test_members_directory_lists_each_member_once_per_language(fixture_site):
    for rel in ["membri/index.html", "en/membri/index.html"]:
        names = fixture_site.tree(rel).xpath("//ul[contains(@class,'rart-list--members')]//h2")
        assert len(names) == 3, rel


def test_untranslated_member_is_listed_in_its_own_language(fixture_site):
    items = fixture_site.tree("en/membri/index.html").xpath(
        "//ul[contains(@class,'rart-list--members')]/li")
    by_name = {li.xpath("string(.//h2)").strip(): li.get("lang") for li in items}
    assert by_name["Beta Cooperativa Sociale"] == "it"
    assert by_name["Gamma ETS"] is None


def test_achievements_timeline_is_an_ordered_list_in_order(fixture_site):
    items = fixture_site.tree("risultati/index.html").xpath("//ol[@class='rart-timeline']/li")
    assert [li.xpath("string(h2)") for li in items] == ["Primo risultato", "Secondo risultato"]
    assert items[0].xpath(".//time/@datetime") == ["2024-02-01"]
    assert items[1].xpath(".//time") == []


def test_drafts_are_never_written(fixture_site):
    assert not (fixture_site.root / "notizie" / "bozza").exists()
    for page in fixture_site.pages:
        assert "Bozza segreta" not in page.read_text(encoding="utf-8"), fixture_site.rel(page)


def test_video_link_becomes_a_click_to_load_notice(fixture_site):
    tree = fixture_site.tree("notizie/notizia-2/index.html")
    # No third-party player: no frame, no video, no script but the theme's own (js/menu.js).
    assert not tree.xpath("//iframe | //video | //script[not(@type='application/ld+json')]"
                          "[not(starts-with(@src, '/theme/js/'))]")
    notice = tree.xpath("//aside[contains(@class,'rart-embed')]")[0]
    assert "YouTube" in notice.xpath("string(.//p[@class='rart-embed__notice'])")
    assert "indirizzo IP" in notice.text_content()
    assert notice.xpath(".//a/@href") == ["https://www.youtube.com/watch?v=abc123"]
