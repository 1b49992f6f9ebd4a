"""Content items by type, from Pelican's lists, without importing Pelican (the items are used
through their public attributes: content_type, lang, translations)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def with_translations(originals: Iterable[Any]) -> Iterator[Any]:
    """Each item, then its translations."""
    for item in originals:
        yield item
        yield from getattr(item, "translations", ())


def items_of_type(lists: Iterable[Iterable[Any]], content_type: str) -> list[Any]:
    """Every item of `content_type` in Pelican's lists of originals (e.g. pages and
    hidden_pages), translations included: a hidden item is still shown where it is used."""
    return [
        item
        for originals in lists
        for item in with_translations(originals)
        if getattr(item, "content_type", None) == content_type
    ]
