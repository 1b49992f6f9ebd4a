"""Campaign dates as iCalendar files (RFC 5545) through the icalendar library."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event
from markupsafe import Markup


def campaign_calendar(campaigns, origin: str, host: str, stamp: dt.datetime, name: str) -> bytes:
    """One VCALENDAR with an all-day VEVENT per dated campaign. `stamp` is the DTSTAMP: the
    build passes SOURCE_DATE_EPOCH (or a fixed date) so the file is reproducible."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{name}//{host}//")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for campaign in campaigns:
        if not getattr(campaign, "start", None):
            continue
        event = Event()
        event.add("uid", f"{campaign.key}.{campaign.lang}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", Markup(str(campaign.title)).striptags())
        event.add("description", Markup(str(campaign.summary)).striptags())
        event.add("dtstart", campaign.start)
        # DTEND of an all-day event is exclusive: the day after the last day.
        event.add("dtend", (campaign.end or campaign.start) + dt.timedelta(days=1))
        event.add("url", f"{origin}/{campaign.url}")
        calendar.add_component(event)
    return calendar.to_ical()
