"""Where everything is published: content items, the per-language listings, and the paths
the build itself writes, which no content may claim.

Addresses are relative to the site root and have no leading slash; a directory address ends
with '/' and is saved as its index.html. The default language lives at the root, every other
language under its code: `notizie/x/` and `ar/notizie/x/`.
"""

from __future__ import annotations

from typing import NamedTuple

from .languages import Language


class Address(NamedTuple):
    url: str  # "ar/notizie/x/" ("" for the default language's home)
    save_as: str  # "ar/notizie/x/index.html" ("" when nothing is written)


NOWHERE = Address("", "")


def save_as_for(url: str) -> str:
    """The file behind a URL: directories get their index.html."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def at(pattern: str, language: Language, **fields: str) -> Address:
    """The address of `pattern` (relative to a language's root, e.g. 'notizie/tag/{slug}/')
    in `language`."""
    url = language.prefix + pattern.format(**fields)
    return Address(url, save_as_for(url))


def pattern_prefix(pattern: str) -> str:
    """The constant start of a pattern: 'notizie/tag/{slug}/' -> 'notizie/tag/'."""
    return pattern.split("{", 1)[0]
