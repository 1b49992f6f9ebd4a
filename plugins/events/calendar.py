"""Events as iCalendar files (RFC 5545), through icalendar: one file per event and one per
language to subscribe to. Times are written in the site's time zone (DTSTART;TZID=…) with
its VTIMEZONE first, covering the years of the events only (Timezone.from_tzinfo), so the
file stays small and the same bytes come out of every build of the same content."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event, Timezone


def calendar_file(events, site_name: str, name: str, origin: str, host: str, stamp: dt.datetime,
                  tz, describe) -> bytes:
    """One VCALENDAR called `name`. `events` have `when` (rart.events.When), `key`, `lang`,
    `url`; `describe` gives an event's (title, summary, place) as plain text. `stamp` is
    DTSTAMP: the build's time (rart.clock), never the clock's."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{site_name}//{host}//")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", tz.key)
    events = sorted(events, key=lambda e: (e.when.start, e.key))
    if events:
        first = min(e.when.start for e in events).date().replace(month=1, day=1)
        last = max(e.when.over_at for e in events).date().replace(month=12, day=31)
        calendar.add_component(Timezone.from_tzinfo(
            tz, tz.key, first_date=first, last_date=last + dt.timedelta(days=1)))
    for item in events:
        title, summary, place = describe(item)
        event = Event()
        event.add("uid", f"{item.key}.{item.lang}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", title)
        if summary:
            event.add("description", summary)
        event.add("dtstart", item.when.start)
        if item.when.end is not None:
            event.add("dtend", item.when.end)
        if place:
            event.add("location", place)
        event.add("url", f"{origin}/{item.url}")
        calendar.add_component(event)
    return calendar.to_ical()
