"""Per-language categories and tags, and how they correspond across languages.

A translated article carries its own, translated category and tags. Two terms correspond when
an article and its translation carry them (categories), or carry them at the same position
(tags). That way an editor never maintains a separate table of translated term names.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(eq=False)
class Term:
    """A category or tag in one language. ``url`` is relative to the site root."""

    kind: str  # "category" | "tag"
    name: str
    slug: str  # in the URL
    lang: str
    url: str
    save_as: str
    key: str = ""  # the slug of its own name: what links it to its translations
    items: list = field(default_factory=list)
    names: set = field(default_factory=set)  # the names articles write it with

    def __str__(self) -> str:
        return self.name


def term_correspondence(groups, attribute: str) -> dict[tuple[str, str], dict[str, str]]:
    """(lang, slug) -> {other_lang: other_slug} from translation groups.

    ``groups`` is an iterable of lists of items that translate each other; ``attribute`` is
    'category' (one term per item) or 'tags' (a list, matched by position when the lengths agree).
    """
    mapping: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for group in groups:
        for item in group:
            for other in group:
                if other is item:
                    continue
                mine, theirs = _terms(item, attribute), _terms(other, attribute)
                if len(mine) != len(theirs):
                    continue
                for a, b in zip(mine, theirs):
                    mapping[(item.lang, a.slug)].setdefault(other.lang, b.slug)
    return mapping


def _terms(item, attribute):
    value = getattr(item, attribute, None)
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]
