"""Campaign fields that Pelican leaves as text: dates, status and downloadable materials."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

STATUSES = ("active", "past")


class CampaignFieldError(ValueError):
    """A campaign field has a value the site cannot use; the message is for editors."""


@dataclass(frozen=True)
class Material:
    label: str
    url: str


def parse_day(value: str | None, field: str) -> dt.date | None:
    """'2025-03-01' -> date(2025, 3, 1); empty -> None."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise CampaignFieldError(
            f"il campo {field} vale «{value}»: scrivi la data come AAAA-MM-GG, per esempio 2025-03-01"
        ) from None


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
            raise CampaignFieldError(
                f"il materiale «{line.strip()}» va scritto come «Titolo | collegamento», "
                "per esempio: Volantino (PDF) | {static}/materiali/volantino.pdf"
            )
        materials.append(Material(label.strip(), url.strip()))
    return materials


def check_status(value: str | None) -> str:
    if value not in STATUSES:
        raise CampaignFieldError(
            f"il campo status vale «{value}»: usa active (in corso) oppure past (conclusa)"
        )
    return value


def check_period(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise CampaignFieldError(
            f"la campagna finisce ({end.isoformat()}) prima di cominciare ({start.isoformat()})"
        )


def resolve_link(value: str, context: dict) -> str:
    """A link written as Pelican writes links in Markdown: '{filename}/pagine/membri.md' points
    to another content file (in its language), '{static}/materiali/x.pdf' to a static file,
    anything else is kept as written. Returns a URL relative to the site root."""
    if not value:
        return ""
    siteurl = context.get("SITEURL", "")
    for marker, registry in (("{filename}", "generated_content"), ("{static}", "static_content")):
        if value.startswith(marker):
            path = value[len(marker) :].lstrip("/")
            target = context.get(registry, {}).get(path)
            if target is None:
                raise CampaignFieldError(
                    f"il collegamento «{value}» punta a un file che non esiste: "
                    f"controlla il percorso a partire dalla cartella content/"
                )
            return f"{siteurl}/{target.url}"
    return value
