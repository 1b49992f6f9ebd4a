"""Content types: one folder under content/ per type.

The table is the CONTENT_TYPES setting: ``{folder: {"type": name, "url": pattern,
"template": name}}``. `url` is relative to the language's root and takes the item's {slug};
an empty `url` means the items are data for other pages and get no page of their own. News is
read by Pelican as articles, every other type as pages.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

# Types Pelican reads as articles (dated, in feeds); every other type is read as pages.
ARTICLE_TYPES = frozenset({"news"})

# The words editors may use for a type on the command line (`make new TYPE=…`), besides its
# name and its folder: the Italian singular.
ITALIAN_SINGULAR = {
    "news": "notizia",
    "page": "pagina",
    "campaign": "campagna",
    "member": "ente",
    "achievement": "risultato",
    "event": "evento",
}


class ContentTypeError(ValueError):
    """The CONTENT_TYPES setting is malformed; the message names the entry."""


@dataclass(frozen=True)
class ContentType:
    name: str  # "news"
    folder: str  # "notizie"
    url: str  # "notizie/{slug}/", or "" for items without a page
    template: str  # "article"

    @property
    def is_article(self) -> bool:
        return self.name in ARTICLE_TYPES

    @property
    def has_pages(self) -> bool:
        return bool(self.url)


class ContentTypes(Mapping[str, ContentType]):
    """Content types by folder, in table order; `by_name` finds one by its type name."""

    def __init__(self, types: list[ContentType]):
        self._by_folder = {t.folder: t for t in types}
        self._by_name = {t.name: t for t in types}

    def __getitem__(self, folder: str) -> ContentType:
        return self._by_folder[folder]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_folder)

    def __len__(self) -> int:
        return len(self._by_folder)

    def by_name(self, name: str) -> ContentType:
        return self._by_name[name]

    def names(self) -> list[str]:
        return list(self._by_name)

    def article_folders(self) -> list[str]:
        """Pelican's ARTICLE_PATHS."""
        return [t.folder for t in self.values() if t.is_article]

    def page_folders(self) -> list[str]:
        """Pelican's PAGE_PATHS."""
        return [t.folder for t in self.values() if not t.is_article]

    def resolve(self, word: str) -> ContentType | None:
        """The type an editor means by `word`: its name, its folder or its Italian singular
        ('news', 'notizie', 'notizia'), in any case; None if none."""
        word = (word or "").strip().lower()
        for t in self.values():
            if word in (t.name, t.folder, ITALIAN_SINGULAR.get(t.name)):
                return t
        return None


def load_types(table: object) -> ContentTypes:
    if not isinstance(table, Mapping) or not table:
        raise ContentTypeError("CONTENT_TYPES must map content folders to their type.")
    types = []
    for folder, spec in table.items():
        if not isinstance(spec, Mapping) or not spec.get("type") or "template" not in spec:
            raise ContentTypeError(f"CONTENT_TYPES[{folder!r}] needs 'type', 'url' and 'template'.")
        url = str(spec.get("url") or "")
        if url and "{slug}" not in url:
            raise ContentTypeError(f"CONTENT_TYPES[{folder!r}]['url'] must contain {{slug}}.")
        types.append(ContentType(str(spec["type"]), str(folder), url, str(spec["template"])))
    return ContentTypes(types)
