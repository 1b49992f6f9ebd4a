"""Which old addresses lead where, from what every generator read. Pure over Pelican's
content objects (their public attributes), no writing."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

from markupsafe import Markup

from rart.aliases import AliasProblem, Redirect, former_key, normalise, reserved_prefixes
from rart.contract import prints
from rart.site import Site

CONTEXT_KEY = "REDIRECTS"
LISTS = ("articles", "hidden_articles", "pages", "hidden_pages")


def published_items(context) -> Iterator[Any]:
    """Every item that has a page, originals and translations (drafts have none)."""
    for name in LISTS:
        for original in context.get(name, []):
            for item in [original, *getattr(original, "translations", [])]:
                if getattr(item, "save_as", ""):
                    yield item


def aliases_of(item) -> list[str]:
    """The Aliases as written: one per line (Pelican passes several lines as a list)."""
    value = item.metadata.get("aliases")
    if not value:
        return []
    lines = [value] if isinstance(value, str) else list(value)
    return [line.strip() for line in lines if str(line).strip()]


def plain(value) -> str:
    return " ".join(html.unescape(Markup(str(value or "")).striptags()).split())


def collect(context, site: Site) -> list[Redirect]:
    """Every redirect of the site, first come first kept: a page's own address always wins,
    then short links of printable items, then Aliases, then the short links of the file
    names pages had before (derived from their Aliases). What the validator refuses (an alias
    that is a page's address, a reserved prefix) is skipped here too, never written."""
    items = list(published_items(context))
    taken = {item.save_as for item in items}
    reserved = reserved_prefixes(site.generated_dirs, site.languages)
    redirects: dict[str, Redirect] = {}

    def add(source, item, kind) -> None:
        if source.save_as in taken or source.save_as in redirects:
            return
        redirects[source.save_as] = Redirect(source, item.url, item.lang, plain(item.title), kind)

    for item in items:
        if prints(item.content_type, item.metadata.get("print")):
            add(site.short_link(item.key, item.lang), item, "short")
    formers = []
    for item in items:
        for value in aliases_of(item):
            try:
                source = normalise(value)
            except AliasProblem:
                continue
            if source.url.startswith(reserved):
                continue
            add(source, item, "alias")
            pattern = site.types.by_name(item.content_type).url
            key = former_key(source.url, pattern, site.languages[item.lang].prefix)
            if key and prints(item.content_type, item.metadata.get("print")):
                formers.append((site.short_link(key, item.lang), item))
    for source, item in formers:
        add(source, item, "short")
    return sorted(redirects.values(), key=lambda r: r.source.url)
