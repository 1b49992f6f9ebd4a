"""The real site builds cleanly, with the content the source text gives."""

from __future__ import annotations

import re

import pytest

LANGS = ["it", "en", "fr", "ar"]


def test_real_site_builds_without_warnings(real_build):
    result, output = real_build
    assert result.returncode == 0, result.stdout + result.stderr
    assert (output / "index.html").is_file()


def test_every_page_has_exactly_one_h1(site):
    offenders = {site.rel(p): len(site.tree(site.rel(p)).xpath("//h1")) for p in site.pages}
    assert {k: v for k, v in offenders.items() if v != 1} == {}


def test_every_page_has_landmarks_and_skip_link(site):
    for page in site.pages:
        tree = site.tree(site.rel(page))
        assert len(tree.xpath("//main[@id='main']")) == 1, site.rel(page)
        assert tree.xpath("//header") and tree.xpath("//footer"), site.rel(page)
        skip = tree.xpath("//body//a")[0]
        assert skip.get("href") == "#main", site.rel(page)


def test_every_internal_link_resolves_to_a_built_file(site):
    broken = [
        (site.rel(page), link)
        for page in site.pages
        for _, link, target in site.internal_links(site.rel(page))
        if not target.is_file()
    ]
    assert broken == []


def test_navigation_reaches_every_section(site):
    hrefs = [a.get("href") for a in site.tree("index.html").xpath("//nav[@class='rart-nav']//a")]
    for section in ["/chi-siamo/", "/obiettivi/", "/risultati/", "/campagne/", "/membri/", "/notizie/"]:
        assert section in hrefs


def test_twelve_member_profiles_linked_from_the_directory(site):
    tree = site.tree("membri/index.html")
    links = tree.xpath("//ul[contains(@class,'rart-list--members')]//a/@href")
    assert len(links) == 12
    for href in links:
        assert site.file_for(href).is_file()
        profile = site.tree(site.rel(site.file_for(href)))
        assert profile.xpath("//h1")[0].text_content().strip()


def test_member_names_come_from_the_source(source_text, source_members):
    # The source lists members in one run-on sentence after "La RART sono:".
    member_sentence = source_text.split("La RART sono:")[1].casefold()
    assert len(source_members) == 12
    for name in source_members:
        assert name.casefold() in member_sentence, name


def test_every_figure_in_italian_content_comes_from_the_source(source_text):
    """No invented figure: every number in the Italian body text appears in the source."""
    from conftest import ROOT

    for path in (ROOT / "content").rglob("*.md"):
        if path.name.count(".") != 1:
            continue  # translations are checked against their Italian source by reviewers
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[1]
        for number in re.findall(r"\d+", body):
            assert number in source_text, f"{path.relative_to(ROOT)}: {number}"


def test_members_are_named_as_in_the_source(site, source_members):
    names = [
        el.text_content().strip()
        for el in site.tree("membri/index.html").xpath("//ul[contains(@class,'rart-list--members')]//h2")
    ]
    assert sorted(names, key=str.casefold) == sorted(source_members, key=str.casefold)


def test_home_links_to_every_section(site):
    hrefs = set(site.tree("index.html").xpath("//main//a/@href"))
    for target in ["/obiettivi/", "/risultati/", "/membri/", "/campagne/", "/notizie/"]:
        assert target in hrefs


def test_four_goals_and_every_achievement(site):
    goals = site.tree("obiettivi/index.html").xpath("//main//ol/li")
    assert len(goals) == 4
    results = site.tree("risultati/index.html").xpath("//ol[@class='rart-timeline']/li")
    assert len(results) == 5


def test_acknowledgements_name_everyone_the_source_thanks(site):
    text = site.tree("ringraziamenti/index.html").xpath("string(//main)")
    for person in ["Jacopo Rosatelli", "Antonio Soggia", "Uberto Moreggia", "Salvatore Bottari",
                   "Massimo Semeraro", "Roberta Astegiano"]:
        assert person in text


def test_news_listing_is_not_empty(site):
    assert site.tree("notizie/index.html").xpath("//main//article")


PREFIX = {"it": "", "en": "en/", "fr": "fr/", "ar": "ar/"}


@pytest.mark.parametrize("lang", LANGS)
def test_no_campaign_is_shown_as_running_because_the_source_names_none(site, lang):
    """The announcement names no campaign: creating campaigns is one of the network's goals.
    The campaigns page and the home page say so, with the goal and how to propose one."""
    prefix = PREFIX[lang]
    assert [p for p in (site.root / prefix / "campagne").glob("*/index.html")] == []
    for page in site.pages:
        assert not site.tree(site.rel(page)).xpath("//*[contains(@class,'rart-campaign__status')]"), site.rel(page)
    listing = site.tree(f"{prefix}campagne/index.html")
    assert not listing.xpath("//section[starts-with(@aria-labelledby,'campaigns-')]")
    assert listing.xpath("//p[contains(@class,'rart-campaigns-status')]")
    assert f"/{prefix}contatti/" in listing.xpath("//main//a/@href")  # how to propose one
    home = site.tree(f"{prefix}index.html")
    section = home.xpath("//section[@aria-labelledby='campaigns']")[0]
    summary = site.tree(f"{prefix}campagne/index.html").xpath("//meta[@name='description']/@content")[0]
    assert summary in section.text_content()  # the network's campaign goal
    assert section.xpath(".//p[contains(@class,'rart-campaigns-status')]")
    assert section.xpath(f".//a[@href='/{prefix}campagne/']")


@pytest.mark.parametrize("lang", LANGS)
def test_home_has_no_empty_section(site, lang):
    for section in site.tree(f"{PREFIX[lang]}index.html").xpath("//main//section"):
        heading = section.xpath(".//h1 | .//h2")
        body = [el for el in section.xpath(".//p | .//li") if el.text_content().strip()]
        assert heading and body, section.get("aria-labelledby")


@pytest.mark.parametrize("lang", LANGS)
def test_member_profiles_guess_no_legal_form_and_no_seat(site, lang):
    """The source gives no legal form and says where members work, not where they are based."""
    for page in (site.root / PREFIX[lang] / "membri").glob("*/index.html"):
        assert not site.tree(site.rel(page)).xpath("//main//dl/dt"), site.rel(page)
    directory = site.tree(f"{PREFIX[lang]}membri/index.html")
    cards = directory.xpath("//ul[contains(@class,'rart-list--members')]//article")
    assert len(cards) == 12
    assert not directory.xpath("//ul[contains(@class,'rart-list--members')]//p[contains(@class,'rart-card__summary')]")


def test_unknown_member_fields_are_omitted_not_invented(site):
    # The source gives no member's website: no profile may show one.
    for page in (site.root / "membri").glob("*/index.html"):
        tree = site.tree(site.rel(page))
        assert not tree.xpath("//main//a[starts-with(@href,'http')]"), site.rel(page)


def test_no_placeholder_text_in_output(site):
    for page in site.pages:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"lorem ipsum|TODO|FIXME|\{filename\}|\{static\}", text, re.I), site.rel(page)


def test_content_todo_lists_what_the_source_does_not_give():
    import subprocess
    import sys

    from conftest import ROOT

    result = subprocess.run([sys.executable, "-m", "rart_tools", "todo"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    member_lines = [line for line in lines if line.strip().startswith("membri/")]
    assert len(member_lines) == 12
    assert all("sito web" in line and "logo" in line for line in member_lines)
    assert any(line.strip().startswith("pagine/contatti.md") for line in lines)
