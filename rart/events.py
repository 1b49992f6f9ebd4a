"""Events (content/eventi/): when they happen, in the site's time zone, and whether they are
still to come.

Editors write local times, as on a poster: `Start: 2025-05-10 18:00` means 18:00 in Turin
(the TIMEZONE setting, Europe/Rome), summer or winter time as the day has it. "Now" is the
build's time (rart.clock.build_time): a static site changes only when it is built, so CI
builds every night with SOURCE_DATE_EPOCH at that day's midnight and an event moves from
the upcoming list to the past one on the first build after it ends.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo

# AAAA-MM-GG HH:MM, ASCII digits (\d would take Arabic-Indic digits too).
LOCAL_TIME_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})[ T]([0-9]{2}):([0-9]{2})")


class EventTimeProblem(ValueError):
    """A time an editor wrote cannot be used: a message code of rart.messages."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@cache
def zone(name: str) -> ZoneInfo:
    """The time zone `name` from the pinned `tzdata` package (requirements.txt), never from
    the machine's /usr/share/zoneinfo: two machines with different system tz databases build
    the same calendar files."""
    try:
        parts = name.split("/")
        data = resources.files("tzdata").joinpath("zoneinfo", *parts).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return ZoneInfo(name)
    from io import BytesIO

    return ZoneInfo.from_file(BytesIO(data), key=name)


def parse_local(value: str, tz: ZoneInfo) -> dt.datetime:
    """'2025-05-10 18:00' -> that instant in `tz` (an aware datetime). Raises
    EventTimeProblem: 'event-time-format' (no time, or not this form), 'bad-date-calendar'
    (no such day or hour), 'event-time-gap' (the hour skipped when clocks go forward)."""
    match = LOCAL_TIME_RE.fullmatch(str(value).strip())
    if not match:
        raise EventTimeProblem("event-time-format")
    year, month, day, hour, minute = (int(g) for g in match.groups())
    try:
        naive = dt.datetime(year, month, day, hour, minute)
    except ValueError:
        raise EventTimeProblem("bad-date-calendar") from None
    local = naive.replace(tzinfo=tz)
    # A local time that does not exist (02:30 on the last Sunday of March in Rome) comes back
    # different from a round trip through UTC.
    if local.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None) != naive:
        raise EventTimeProblem("event-time-gap")
    return local


def is_ambiguous(value: dt.datetime) -> bool:
    """Whether a local time happens twice (the hour repeated when clocks go back); the first
    one (summer time) is taken."""
    other = value.replace(fold=1)
    return other.utcoffset() != value.utcoffset()


def ends_at(start: dt.datetime, end: dt.datetime | None) -> dt.datetime:
    """When an event is over: its end, or without one the midnight after its start day."""
    if end is not None:
        return end
    next_day = start.date() + dt.timedelta(days=1)
    return dt.datetime.combine(next_day, dt.time(0, 0), tzinfo=start.tzinfo)


@dataclass(frozen=True)
class When:
    start: dt.datetime  # aware, in the site's time zone
    end: dt.datetime | None

    @property
    def over_at(self) -> dt.datetime:
        return ends_at(self.start, self.end)

    def upcoming(self, now: dt.datetime) -> bool:
        """Still to come or under way at `now` (an aware datetime)."""
        return now < self.over_at

    @property
    def same_day(self) -> bool:
        return self.end is None or self.end.date() == self.start.date()


class HasWhen(Protocol):
    when: When


T = TypeVar("T", bound=HasWhen)


def partition(items: Iterable[T], now: dt.datetime) -> tuple[list[T], list[T]]:
    """(upcoming soonest first, past most recent first) of `items` (each with a `when`) at
    `now`."""
    items = list(items)
    upcoming = sorted((i for i in items if i.when.upcoming(now)), key=lambda i: i.when.start)
    past = sorted((i for i in items if not i.when.upcoming(now)), key=lambda i: i.when.start,
                  reverse=True)
    return upcoming, past


def midnight(day: dt.date, tz: ZoneInfo) -> int:
    """The Unix time of `day`'s midnight in `tz`: what the nightly build sets as
    SOURCE_DATE_EPOCH (`python -m rart_tools epoch`)."""
    return int(dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz).timestamp())
