"""The member organisations: one record per organisation and language, in reading order."""

from __future__ import annotations

from collections import defaultdict


def build_registry(items, languages) -> dict[str, list]:
    """lang -> member records in that language, sorted by name (the item's title).

    ``items`` are content items of type 'member' in every language; ``languages`` is the
    site's `rart.languages.Languages`. A member missing in a language is listed there in the
    default language, so the directory of every language names every organisation.
    """
    default = languages.default.code
    by_key: dict[str, dict] = defaultdict(dict)
    for item in items:
        by_key[item.key][item.lang] = item
    registry = {}
    for code in languages:
        members = [
            versions.get(code) or versions[default]
            for versions in by_key.values()
            if code in versions or default in versions
        ]
        members.sort(key=lambda member: member.title.casefold())
        registry[code] = members
    return registry
