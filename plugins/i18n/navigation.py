"""Navigation menus per language, resolved from page keys once all content is read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    key: str
    title: str
    url: str
    lang: str  # the language of the target: differs from the page's when it is a fallback


def build_nav(keys, pages_by_key, listing_urls, listing_titles, lang, default) -> list[NavItem]:
    """The menu of one language.

    ``pages_by_key`` maps a page key to {lang: page}; ``listing_urls`` and ``listing_titles``
    map a listing key ('notizie') to its URL and title in this language. A page missing in
    ``lang`` falls back to the default language's version, marked with that language, so an
    untranslated page stays reachable and says what it is.
    """
    items = []
    for key in keys:
        if key in listing_urls:
            items.append(NavItem(key, listing_titles[key], listing_urls[key], lang))
            continue
        versions = pages_by_key.get(key, {})
        page = versions.get(lang) or versions.get(default)
        if page is None:
            continue
        items.append(NavItem(key, page.title, page.url, page.lang))
    return items
