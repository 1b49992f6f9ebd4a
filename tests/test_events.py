"""Events (content/eventi/, plugins/events): upcoming and past lists per language at the build's
date, a page per event with Event JSON-LD, an .ics per event and a calendar per language to
subscribe to, a home-page block only while an event is to come, nothing at all where there
are no events (the real site); and an event moves to the past list once SOURCE_DATE_EPOCH
passes its end."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import FIXTURE, FIXTURE_EPOCH, build
from sitetools import ORIGIN

from rart.frontmatter import read_front_matter
from rart.naming import parse_name
from rart.site import Site

SETTINGS = __import__("runpy").run_path(str(FIXTURE / "fixtureconf.py"))
SITE = Site.from_settings(SETTINGS)
ROME = ZoneInfo("Europe/Rome")
NOW = dt.datetime.fromtimestamp(int(FIXTURE_EPOCH), dt.UTC)


def local(value: str) -> dt.datetime:
    return dt.datetime.strptime(value, "%Y-%m-%d %H:%M").replace(tzinfo=ROME)


def events_of(lang: str) -> list[dict]:
    """The fixture's events in `lang`, read from the files, with their instants."""
    found = []
    for path in sorted((FIXTURE / "content" / "eventi").glob("*.md")):
        name = parse_name(f"eventi/{path.name}", SITE.languages)
        if name.lang != lang:
            continue
        meta = read_front_matter(path)
        start = local(meta["start"])
        end = local(meta["end"]) if meta.get("end") else dt.datetime.combine(
            start.date() + dt.timedelta(days=1), dt.time(), tzinfo=ROME)
        found.append({**meta, "key": name.key, "start_at": start, "over_at": end,
                      "url": SITE.item_address(SITE.types["eventi"], name.key, lang).url})
    return found


def titles(tree, section: str) -> list[str]:
    return [" ".join(h.text_content().split()) for h in
            tree.xpath(f"//section[@aria-labelledby='{section}']//h3")]


@pytest.mark.parametrize("lang", ["it", "ar"])
def test_listing_puts_upcoming_events_soonest_first_then_past_ones(fixture_site, lang):
    events = events_of(lang)
    upcoming = sorted((e for e in events if e["over_at"] > NOW), key=lambda e: e["start_at"])
    past = sorted((e for e in events if e["over_at"] <= NOW), key=lambda e: e["start_at"], reverse=True)
    assert upcoming  # the fixture has events on both sides of its date (Italian: both lists)
    tree = fixture_site.tree(SITE.listing("events", lang).save_as)
    assert titles(tree, "events-upcoming") == [e["title"] for e in upcoming]
    assert titles(tree, "events-past") == [e["title"] for e in past]
    if lang == "it":
        assert len(past) >= 2
    for link in tree.xpath("//main//h3/a/@href"):
        assert fixture_site.file_for(link).is_file()


def test_an_event_without_an_end_is_past_from_the_midnight_after_its_day(fixture_site):
    """The fixture is built at midnight of 1 June 2025: the 31 May event just became past."""
    event = next(e for e in events_of("it") if not e.get("end"))
    assert event["over_at"] == NOW
    tree = fixture_site.tree(SITE.listing("events", "it").save_as)
    assert event["title"] in titles(tree, "events-past")


def test_languages_without_events_have_no_listing_no_menu_entry_and_no_home_block(fixture_site):
    have = {lang for lang in SITE.languages if events_of(lang)}
    assert have == {"it", "ar"}
    for lang in SITE.languages:
        listing = SITE.listing("events", lang)
        home = fixture_site.tree(SITE.item_address(SITE.types["pagine"], "home", lang).save_as)
        menu = home.xpath("//nav[@class='rart-nav']//a/@href")
        if lang in have:
            assert (fixture_site.root / listing.save_as).is_file()
            assert "/" + listing.url in menu
            assert home.xpath("//section[@aria-labelledby='events']//h3")
        else:
            assert not (fixture_site.root / listing.save_as).exists()
            assert "/" + listing.url not in menu
            assert not home.xpath("//section[@aria-labelledby='events']")


def test_the_real_site_shows_no_empty_events_anything(site):
    """The source names no event: no listing, no calendar, no menu entry, no home block."""
    for lang in SITE.languages:
        assert not (site.root / SITE.listing("events", lang).save_as).exists()
        assert not (site.root / SITE.listing("events_calendar", lang).save_as).exists()
        home = site.tree(SITE.item_address(SITE.types["pagine"], "home", lang).save_as)
        assert not home.xpath("//section[@aria-labelledby='events']")
        assert "/" + SITE.listing("events", lang).url not in home.xpath("//a/@href")


def test_event_page_says_when_where_who_and_how_to_register(fixture_site):
    event = next(e for e in events_of("it") if e.get("registration"))
    tree = fixture_site.tree(event["url"] + "index.html")
    header = tree.xpath("//article/header")[0]
    assert header.xpath("string(.//p[contains(@class,'rart-event__status')])") == "Evento in programma"
    times = header.xpath(".//dd//time/@datetime")
    assert times[1] == event["start_at"].isoformat() and times[-1] == local(event["end"]).isoformat()
    assert "+02:00" in times[1]  # October 2031, before the clocks go back: summer time
    facts = dict(zip([" ".join(d.text_content().split()) for d in header.xpath(".//dt")],
                     [" ".join(d.text_content().split()) for d in header.xpath(".//dd")]))
    assert facts["Dove"] == event["place"]
    assert facts["Accessibilità"] == event["accessibility"]
    assert "dalle 18:30 alle 20:00" in facts["Quando"]
    for href in header.xpath(".//dd//a/@href") + header.xpath(".//a[contains(@class,'rart-cta')]/@href"):
        assert fixture_site.file_for(href).is_file(), href
    assert header.xpath(".//a[contains(@class,'rart-cta')]")[0].text_content().strip() == "Iscriviti"
    assert len(header.xpath(".//dd/ul/li/a")) == len(event["organizers"].split(","))


def test_a_past_event_says_so_and_offers_no_registration(fixture_site):
    past = next(e for e in events_of("it") if e["over_at"] <= NOW and e.get("end"))
    tree = fixture_site.tree(past["url"] + "index.html")
    assert tree.xpath("string(//p[contains(@class,'rart-event__status')])") == "Evento passato"
    assert not tree.xpath("//a[contains(@class,'rart-cta')]")


def test_event_json_ld(fixture_site):
    event = next(e for e in events_of("ar") if e["over_at"] > NOW)
    tree = fixture_site.tree(event["url"] + "index.html")
    data = json.loads(tree.xpath("//script[@type='application/ld+json']")[0].text)
    assert data["@type"] == "Event"
    assert dt.datetime.fromisoformat(data["startDate"]) == event["start_at"]
    assert data["inLanguage"] == "ar"
    assert data["location"] == {"@type": "Place", "name": event["place"], "address": event["place"]}
    assert [o["@type"] for o in data["organizer"]] == ["Organization", "Organization"]
    assert "offers" not in data  # nothing the content does not say (price, availability)


def read_calendar(path: Path):
    from icalendar import Calendar

    return Calendar.from_ical(path.read_bytes())


def test_each_event_has_its_calendar_file(fixture_site):
    for lang in ("it", "ar"):
        for event in events_of(lang):
            tree = fixture_site.tree(event["url"] + "index.html")
            href = tree.xpath("//a[@type='text/calendar']/@href")[0]
            calendar = read_calendar(fixture_site.file_for(href))
            components = [c.name for c in calendar.subcomponents]
            assert components[0] == "VTIMEZONE" and components[-1] == "VEVENT"
            vevent = calendar.walk("VEVENT")[0]
            assert vevent["DTSTART"].params["TZID"] == "Europe/Rome"
            assert vevent.decoded("DTSTART") == event["start_at"]
            assert str(vevent["LOCATION"]) == event["place"]
            assert str(vevent["URL"]) == f"{ORIGIN}/{event['url']}"
            assert vevent.decoded("DTSTAMP") == NOW  # the build's date, never the clock


def test_calendar_to_subscribe_to_per_language(fixture_site):
    tree = fixture_site.tree(SITE.listing("events", "it").save_as)
    webcal, https = tree.xpath("//p[@class='rart-events__calendar']/a/@href")
    assert webcal.startswith("webcal://") and webcal.removeprefix("webcal://") == \
        ORIGIN.split("://")[1] + https
    calendar = read_calendar(fixture_site.file_for(https))
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids)) == len(events_of("it"))
    assert calendar.subcomponents[0].name == "VTIMEZONE"


def test_the_calendar_sentence_is_translated_whole(fixture_site):
    """One sentence with its two links, translated as one (house style): the Arabic one has
    its own comma, which a template gluing pieces with ", " could not give."""
    for code, joint in (("it", ", oppure "), ("ar", "، أو ")):
        tree = fixture_site.tree(SITE.listing("events", code).save_as)
        text = " ".join(tree.xpath("string(//p[@class='rart-events__calendar'])").split())
        assert joint in text and text.endswith("."), (code, text)


def test_event_times_in_the_site_s_time_zone():
    from rart.events import EventTimeProblem, is_ambiguous, parse_local, zone

    rome = zone("Europe/Rome")
    assert parse_local("2025-07-01 18:00", rome).utcoffset() == dt.timedelta(hours=2)
    assert parse_local("2025-12-01 18:00", rome).utcoffset() == dt.timedelta(hours=1)
    for value, code in [("2025-03-30 02:30", "event-time-gap"), ("2025-05-10", "event-time-format"),
                        ("2025-02-30 10:00", "bad-date-calendar"), ("10/05/2025 18:00", "event-time-format")]:
        with pytest.raises(EventTimeProblem) as raised:
            parse_local(value, rome)
        assert raised.value.code == code
    assert is_ambiguous(parse_local("2025-10-26 02:30", rome))
    assert not is_ambiguous(parse_local("2025-10-26 03:30", rome))


@pytest.mark.slow
def test_an_event_moves_to_the_past_when_the_build_date_passes_its_end(tmp_path):
    content = tmp_path / "content"
    (content / "pagine").mkdir(parents=True)
    for path in (FIXTURE / "content" / "pagine").glob("home*.md"):
        shutil.copy(path, content / "pagine" / path.name)
    (content / "eventi").mkdir()
    (content / "eventi" / "serata.md").write_text(
        "Title: Serata di prova\nSummary: Una serata.\nStart: 2026-03-28 21:00\n"
        "End: 2026-03-29 01:30\nPlace: Torino\n\nTesto.\n", encoding="utf-8")
    end = local("2026-03-29 01:30")
    lists = {}
    for name, moment in (("before", end - dt.timedelta(minutes=1)), ("after", end)):
        output = tmp_path / name
        result = build(content, FIXTURE / "fixtureconf.py", output,
                       env={"SOURCE_DATE_EPOCH": str(int(moment.timestamp()))})
        assert result.returncode == 0, result.stdout + result.stderr
        from sitetools import BuiltSite

        built = BuiltSite(output)
        listing = built.tree(SITE.listing("events", "it").save_as)
        home = built.tree("index.html")
        lists[name] = (titles(listing, "events-upcoming"), titles(listing, "events-past"),
                       bool(home.xpath("//section[@aria-labelledby='events']")))
    assert lists["before"] == (["Serata di prova"], [], True)
    assert lists["after"] == ([], ["Serata di prova"], False)


@pytest.mark.parametrize("day, utc", [
    (dt.date(2025, 6, 1), "2025-05-31T22:00:00+00:00"),  # summer time: UTC+2
    (dt.date(2025, 1, 15), "2025-01-14T23:00:00+00:00"),  # winter: UTC+1
    (dt.date(2025, 3, 30), "2025-03-29T23:00:00+00:00"),  # the night clocks go forward
])
def test_the_nightly_build_date_is_midnight_in_turin(day, utc):
    """The workflow's SOURCE_DATE_EPOCH (`python -m rart_tools epoch`): that day's midnight in
    Europe/Rome, whatever the season; the fixture's build date is one of them."""
    from rart.events import midnight

    epoch = midnight(day, ZoneInfo("Europe/Rome"))
    assert dt.datetime.fromtimestamp(epoch, dt.UTC).isoformat() == utc
    assert midnight(dt.date(2025, 6, 1), ZoneInfo("Europe/Rome")) == int(FIXTURE_EPOCH)


def test_the_epoch_command_prints_today_s_midnight_in_turin():
    import subprocess
    import sys

    from conftest import ROOT

    result = subprocess.run([sys.executable, "-m", "rart_tools", "epoch"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    local = dt.datetime.fromtimestamp(int(result.stdout), ZoneInfo("Europe/Rome"))
    assert (local.hour, local.minute, local.second) == (0, 0, 0)
    assert dt.datetime.now(ZoneInfo("Europe/Rome")) - local < dt.timedelta(days=1)
