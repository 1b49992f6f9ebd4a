"""Where each content item is published: pure functions of its folder, key, language and slug."""

from __future__ import annotations

from .languages import Language


def content_paths(pattern: str, slug: str, language: Language) -> tuple[str, str]:
    """Return (url, save_as) for a content item.

    ``pattern`` is relative to the language root and ends with '/' for a directory page
    ('membri/{slug}/') or names a file ('404.html').
    """
    url = language.prefix + pattern.format(slug=slug)
    return url, save_as_for(url)


def save_as_for(url: str) -> str:
    """The file behind a URL: directories get their index.html."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def listing_paths(pattern: str, language: Language, **fields: str) -> tuple[str, str]:
    """Return (url, save_as) of a per-language listing ('notizie/', 'notizie/tag/{slug}/')."""
    url = language.prefix + pattern.format(**fields)
    return url, save_as_for(url)
