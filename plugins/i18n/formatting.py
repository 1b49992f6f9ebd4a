"""Dates and numbers by CLDR rules through Babel: no dependency on the machine's OS locales."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal


def format_date(value: dt.date | dt.datetime, locale: str, fmt: str = "long") -> str:
    """A date in the reader's language: format_date(date(2025, 3, 1), 'it_IT') -> '1 marzo 2025'."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return _format_day(value, locale, fmt)


@lru_cache(maxsize=8192)
def _format_day(day: dt.date, locale: str, fmt: str) -> str:
    # Listings show each date many times (a news item is on its index page, its category
    # and tag pages, the archive): Babel parses the locale and the pattern on every call.
    return babel_format_date(day, format=fmt, locale=locale)


def format_number(value: int | float, locale: str) -> str:
    """A number with the language's digits and separators."""
    return format_decimal(value, locale=locale)
