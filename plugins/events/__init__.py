"""Events: content/eventi/, one file per event and language, with a start and end in the
site's time zone, a place, organisers, a campaign and a registration link.

Per language: a listing with the upcoming events (soonest first) and the past ones, a page
per event, an .ics file per event and a calendar to subscribe to (webcal:), and the upcoming
events for the home page. "Now" is the build's time (rart.clock): the nightly build moves an
event to the past list once it is over. A language without events gets no listing at all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals
from pelican.generators import Generator

from rart.catalogs import load_catalog
from rart.clock import build_time
from rart.collections import items_of_type
from rart.events import partition
from rart.links import field_target
from rart.messages import Messages
from rart.problems import Problem
from rart.site import Site

from .calendar import calendar_file
from .model import EventFieldError, describe, keys, parse_when
from .model import translate as _translate

logger = logging.getLogger(__name__)
CONTEXT_KEY = "EVENTS"
NAV_KEY = "eventi"  # the events listing's key in NAV_PAGES


@dataclass
class EventLists:
    """One language's events at the build's time."""

    upcoming: list = field(default_factory=list)  # soonest first
    past: list = field(default_factory=list)  # most recent first

    @property
    def all(self) -> list:
        return self.upcoming + self.past

    def __bool__(self) -> bool:
        return bool(self.upcoming or self.past)


def _report(item, problem: EventFieldError, settings) -> None:
    site = Site.from_settings(settings)
    where = site.shown(item.relative_source_path)
    logger.error("%s", Problem(where, None, problem.code, problem.params).format(
        Messages.for_settings(settings)))


def _catalogs(settings, site: Site) -> dict:
    directory = Path(settings["I18N_TRANSLATIONS_DIR"])
    return {code: load_catalog(directory, code, language.locale, "messages")
            for code, language in site.languages.items()}


def _text(value) -> str:
    from markupsafe import Markup

    return " ".join(Markup(str(value or "")).striptags().split())


def read_events(generator):
    # Runs when pages are read, before any template: every event's fields become values,
    # hidden ones included (a hidden event is published, only not listed).
    settings = generator.settings
    site = Site.of(generator.context, settings)
    catalogs = _catalogs(settings, site)
    events = {code: [] for code in site.languages}
    for item in items_of_type([generator.pages, generator.hidden_pages], "event"):
        try:
            item.when = parse_when(getattr(item, "start", None), getattr(item, "end", None),
                                   site.zone)
        except EventFieldError as problem:
            _report(item, problem, settings)
            continue
        language = site.languages[item.lang]
        item.when_text = describe(item.when, language.locale, catalogs[item.lang])
        item.organizer_keys = keys(getattr(item, "organizers", None))
        item.campaign_key = str(getattr(item, "campaign", "") or "").strip()
        item.calendar_file = site.item_calendar(item.url, item.slug)
        # What a poster or flyer says about the event under its title (plugins/printing).
        item.print_details = [item.when_text.text, _text(getattr(item, "place", ""))]
        if getattr(item, "status", "published") != "hidden":
            events[item.lang].append(item)
    now = build_time()
    for item in items_of_type([generator.pages, generator.hidden_pages], "event"):
        if hasattr(item, "when"):
            item.is_upcoming = item.when.upcoming(now)
    generator.context[CONTEXT_KEY] = {
        code: EventLists(*partition(items, now)) for code, items in events.items()
    }
    # The menu gets "Events" in each language that has some (plugins/i18n reads NAV_LISTINGS
    # when it builds the menus, once all content is read; the key is in NAV_PAGES).
    listings = generator.context.setdefault("NAV_LISTINGS", {})
    for code, items in events.items():
        if items:
            url = site.listing("events", code).url
            listings.setdefault(code, {})[NAV_KEY] = (url, _translate(catalogs[code], "Events"))


def link_events(generators):
    # Organisers, campaign and registration point to other items and files: all are known
    # once every generator has read its files (StaticGenerator last).
    context = generators[0].context
    settings = generators[0].settings
    site = Site.of(context, settings)
    default = site.languages.default.code
    lists = [context.get("pages", []), context.get("hidden_pages", [])]
    by_key = {}
    for kind in ("member", "campaign"):
        for item in items_of_type(lists, kind):
            by_key[(kind, item.key, item.lang)] = item
    for item in items_of_type(lists, "event"):
        if not hasattr(item, "when"):
            continue  # its fields could not be read: reported by read_events

        def find(kind, key, lang=item.lang):
            return by_key.get((kind, key, lang)) or by_key.get((kind, key, default))

        item.organizers_found = [m for m in (find("member", k) for k in item.organizer_keys) if m]
        item.campaign_found = find("campaign", item.campaign_key) if item.campaign_key else None
        registration = str(getattr(item, "registration", "") or "").strip()
        target = field_target(registration, context.get("generated_content", {}),
                              context.get("static_content", {}), settings.get("SITEURL", ""))
        if target is None:
            code = "broken-filename" if registration.startswith("{filename}") else "broken-static"
            _report(item, EventFieldError(code, {"target": registration, "where": "materiali/"}),
                    settings)
            target = ""
        item.registration_href = target


class EventsGenerator(Generator):
    """Per language that has events: the listing and the calendar to subscribe to; per event,
    its own .ics file next to its page."""

    def generate_context(self):
        site = Site.of(self.context, self.settings)
        lists = self.context.get(CONTEXT_KEY, {})
        self.languages = [code for code in site.languages if lists.get(code)]
        self.urls = {code: site.listing("events", code).url for code in self.languages}
        self.context["EVENTS_URL"] = self.urls
        self.context["EVENTS_CALENDAR_URL"] = {
            code: site.listing("events_calendar", code).url for code in self.languages}
        state = self.context.get("I18N")
        if state is not None:
            for code in self.languages:
                state.register_page(self.urls[code], code, self.urls)

    def generate_output(self, writer):
        site = Site.of(self.context, self.settings)
        lists = self.context.get(CONTEXT_KEY, {})
        origin = self.settings["SITE_ORIGIN"].rstrip("/")
        host = urlsplit(origin).hostname or "localhost"
        catalogs = _catalogs(self.settings, site)
        stamp = build_time()

        def describe_item(item):
            return _text(item.title), _text(item.summary), _text(getattr(item, "place", ""))

        for code in self.languages:
            url, save_as = site.listing("events", code)
            writer.write_file(save_as, self.get_template("events"), self.context, url=url,
                              lang=code, alternates=self.urls, events=lists[code])
            name = f"{self.settings['SITENAME']} – {_translate(catalogs[code], 'Events')}"
            path = Path(self.output_path) / site.listing("events_calendar", code).save_as
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(calendar_file(lists[code].all, self.settings["SITENAME"], name,
                                           origin, host, stamp, site.zone, describe_item))
        every = [self.context.get("pages", []), self.context.get("hidden_pages", [])]
        for item in items_of_type(every, "event"):
            if not hasattr(item, "when") or not item.save_as:
                continue
            path = Path(self.output_path) / item.calendar_file.save_as
            path.parent.mkdir(parents=True, exist_ok=True)
            name = f"{self.settings['SITENAME']} – {_text(item.title)}"
            path.write_bytes(calendar_file([item], self.settings["SITENAME"], name, origin, host,
                                           stamp, site.zone, describe_item))


def add_generator(pelican):
    return EventsGenerator


def register():
    signals.page_generator_finalized.connect(read_events)
    signals.all_generators_finalized.connect(link_events)
    signals.get_generators.connect(add_generator)
