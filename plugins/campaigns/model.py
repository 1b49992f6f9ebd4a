"""Campaign fields that Pelican leaves as text: dates, status and downloadable materials.

The validator checks the same fields first, in the editors' words; these functions turn them
into values and stop a run that skipped it with the same message codes (rart.messages)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rart.links import field_target

STATUSES = ("active", "past")


class CampaignFieldError(ValueError):
    """A campaign field has a value the site cannot use: a message code and its values."""

    def __init__(self, code: str, params: dict):
        super().__init__(code, params)
        self.code, self.params = code, params


@dataclass(frozen=True)
class Material:
    label: str
    url: str


def parse_day(value, field: str) -> dt.date | None:
    """'2025-03-01' -> date(2025, 3, 1); empty -> None."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise CampaignFieldError("bad-date", {
            "value": value, "example": f"{field.capitalize()}: 2025-03-01"}) from None


def parse_materials(value) -> list[Material]:
    """Materials are written one per line as 'Label | link'. A single line arrives as a
    string, several lines as a list (that is how Pelican's Markdown reader passes them)."""
    if not value:
        return []
    lines = [value] if isinstance(value, str) else list(value)
    materials = []
    for line in lines:
        if not line.strip():
            continue
        label, sep, url = line.partition("|")
        if not sep or not label.strip() or not url.strip():
            raise CampaignFieldError("bad-material", {"value": line.strip()})
        materials.append(Material(label.strip(), url.strip()))
    return materials


def check_status(value) -> str:
    if value not in STATUSES:
        raise CampaignFieldError("bad-choice", {
            "value": value, "name": "Campaign_status", "choices": ", ".join(STATUSES),
            "example": "Campaign_status: active"})
    return value


def check_period(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise CampaignFieldError("date-order", {
            "later": "End", "later_value": end.isoformat(), "earlier": "Start",
            "earlier_value": start.isoformat(), "earlier_line": ""})


def resolve_link(value: str, context: dict) -> str:
    """A link written as Pelican writes links in Markdown: '{filename}/pagine/membri.md' points
    to another content file (in its language), '{static}/materiali/x.pdf' to a static file,
    anything else is kept as written (rart.links.field_target). Returns a URL relative to the
    site root."""
    target = field_target(value, context.get("generated_content", {}),
                          context.get("static_content", {}), context.get("SITEURL", ""))
    if target is None:
        code = "broken-filename" if value.startswith("{filename}") else "broken-static"
        raise CampaignFieldError(code, {"target": value, "where": "materiali/"})
    return target
