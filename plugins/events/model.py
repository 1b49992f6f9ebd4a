"""Events as the site shows them: when (in the site's time zone, in the reader's language),
where, who organises them. Pure: no Pelican, no writing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date, format_time
from markupsafe import Markup

from rart.events import EventTimeProblem, When, parse_local


class EventFieldError(ValueError):
    """An event field the site cannot use: a message code and its values (rart.messages)."""

    def __init__(self, code: str, params: dict):
        super().__init__(code, params)
        self.code, self.params = code, params


def parse_when(start, end, tz) -> When:
    """The Start and End fields (local times) as a When; raises EventFieldError."""
    values: dict[str, dt.datetime | None] = {}
    for name, value in (("start", start), ("end", end)):
        if value in (None, ""):
            if name == "start":
                raise EventFieldError("missing-field", {
                    "name": "Start", "label": "inizio", "example": "Start: 2025-05-10 18:00"})
            values[name] = None
            continue
        try:
            values[name] = parse_local(str(value), tz)
        except EventTimeProblem as problem:
            raise EventFieldError(problem.code, {
                "value": value, "name": name.capitalize(), "zone": tz.key,
                "example": f"{name.capitalize()}: 2025-05-10 18:00"}) from None
    start_at = values["start"]
    assert start_at is not None
    when = When(start_at, values["end"])
    if when.end is not None and when.end < when.start:
        raise EventFieldError("date-order", {
            "later": "End", "later_value": end, "earlier": "Start", "earlier_value": start,
            "earlier_line": ""})
    return when


def keys(value) -> list[str]:
    """'babel, cisv' -> ['babel', 'cisv']."""
    if not value:
        return []
    text = value if isinstance(value, str) else ", ".join(value)
    separator = ";" if ";" in text else ","
    return [part.strip() for part in text.split(separator) if part.strip()]


def translate(catalog, message: str) -> str:
    """`message` in the catalog's language (extracted by `make extract`: keyword translate:2)."""
    return catalog.gettext(message)


@dataclass(frozen=True)
class WhenText:
    """How an event's time reads in one language: plain text (for print, calendars) and HTML
    with <time> elements (for pages)."""

    text: str
    html: Markup


def describe(when: When, locale: str, catalog) -> WhenText:
    """'sabato 10 maggio 2025, dalle 18:00 alle 20:00', with each part a <time datetime>."""
    tz = when.start.tzinfo

    def day(value: dt.datetime) -> str:
        return format_date(value.date(), "full", locale=locale)

    def hour(value: dt.datetime) -> str:
        return format_time(value, "short", locale=locale, tzinfo=tz)

    start, end = when.start, when.end
    parts = {"date": day(start), "start": hour(start)}
    stamps = {"date": start.date().isoformat(), "start": start.isoformat()}
    if end is None:
        pattern = translate(catalog, "%(date)s, %(start)s")
    elif when.same_day:
        pattern = translate(catalog, "%(date)s, from %(start)s to %(end)s")
        parts["end"], stamps["end"] = hour(end), end.isoformat()
    else:
        pattern = translate(catalog, "from %(date)s, %(start)s to %(end_date)s, %(end)s")
        parts.update(end_date=day(end), end=hour(end))
        stamps.update(end_date=end.date().isoformat(), end=end.isoformat())
    text = pattern % parts
    marked = {name: Markup('<time datetime="{}">{}</time>').format(stamps[name], value)
              for name, value in parts.items()}
    # The pattern is the translator's text: escaped, then the <time> elements put in.
    html = Markup(str(Markup.escape(pattern)) % {k: str(v) for k, v in marked.items()})
    return WhenText(text, html)
