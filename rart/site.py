"""The site as the build, the validator and the tools see it: languages, content types and
addresses, read once from Pelican's settings dictionary (which pelicanconf.py fills)."""

from __future__ import annotations

import os
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from .addresses import NOWHERE, Address, at, pattern_prefix
from .events import zone
from .languages import Language, Languages, load_languages
from .types import ContentType, ContentTypes, load_types

CONTEXT_KEY = "RART_SITE"

# The listings every language has: name -> the setting that holds its pattern.
LISTING_SETTINGS = {
    "news": "NEWS_INDEX_PATH",
    "archives": "ARCHIVES_PATH",
    "category": "CATEGORY_PATH",
    "tag": "TAG_PATH",
    "feed": "FEED_PATH",
    "calendar": "PUBLISHING_CALENDAR_PATH",
    "events": "EVENTS_INDEX_PATH",
    "events_calendar": "EVENTS_CALENDAR_PATH",
    "library": "LIBRARY_PATH",
    "library_language": "LIBRARY_LANGUAGE_PATH",
}
# Listings every language always has (the others exist only when there is something to list).
ALWAYS_LISTED = ("news", "archives", "feed")


class SettingsError(ValueError):
    """A setting the site needs is missing or malformed; the message names it."""


@dataclass(frozen=True)
class Site:
    languages: Languages
    types: ContentTypes
    content_dir: Path
    static_dirs: tuple[str, ...]  # under content/, published as they are (after checks)
    listings: Mapping[str, str]  # listing name -> pattern relative to a language's root
    fixed_pages: Mapping[str, str]  # page key -> pattern ("home" -> "")
    page_templates: Mapping[str, str]  # page key -> template drawing it
    paged_pattern: str  # "{base_name}/pagina/{number}/": pages 2, 3, … of a listing
    sitemap_path: str
    generated_dirs: tuple[str, ...]  # folders the build writes at the site root
    short_link_pattern: str = ""  # "c/{key}/": the stable short link of a printable item
    print_pattern: str = ""  # "stampa/{key}-{format}.pdf": a generated print material
    redirects_file: str = ""  # "_redirects": the redirect rules, for hosts that read them
    timezone: str = "Europe/Rome"  # TIMEZONE: where editors' local times are (events)
    materials_dir: str = "materiali"  # downloads, under content/ and at the site root

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Site:
        languages = load_languages(settings.get("LANGUAGES"))
        declared = settings.get("DEFAULT_LANG")
        if declared is not None and declared != languages.default.code:
            raise SettingsError(
                f"DEFAULT_LANG is {declared!r} but the first entry of LANGUAGES is "
                f"{languages.default.code!r}; they must be the same."
            )
        listings = {
            name: str(settings[setting])
            for name, setting in LISTING_SETTINGS.items()
            if settings.get(setting)
        }
        patterns = settings.get("PAGINATION_PATTERNS") or ()
        paged = next((str(p[1]) for p in patterns if int(p[0]) > 1), "")
        card = settings.get("IMAGES_CARD") or {}
        short_link = str(settings.get("SHORT_LINK_PATH") or "")
        print_pattern = str(settings.get("PRINT_PATH") or "")
        for name, pattern, fields in (("SHORT_LINK_PATH", short_link, ("{key}",)),
                                      ("PRINT_PATH", print_pattern, ("{key}", "{format}"))):
            if pattern and not all(f in pattern for f in fields):
                raise SettingsError(f"{name} must contain {' and '.join(fields)}.")
        generated = [
            str(settings.get("THEME_STATIC_DIR", "theme")),
            "pagefind",
            str(settings.get("IMAGES_SOURCE_DIR", "immagini")),
            str(card.get("output_dir", "anteprime")),
            pattern_prefix(short_link).strip("/"),
            pattern_prefix(print_pattern).strip("/"),
            str(settings.get("MATERIALS_SOURCE_DIR", "materiali")),
            str(settings.get("EDITOR_PATH", "admin")),
        ]
        return cls(
            languages=languages,
            types=load_types(settings.get("CONTENT_TYPES")),
            content_dir=Path(str(settings.get("PATH", "content"))),
            static_dirs=tuple(str(p).strip("/") for p in settings.get("STATIC_PATHS", ())),
            listings=listings,
            fixed_pages=dict(settings.get("FIXED_PAGE_PATHS", {})),
            page_templates=dict(settings.get("PAGE_TEMPLATES", {})),
            paged_pattern=paged,
            sitemap_path=str(settings.get("SITEMAP_PATH", "")),
            generated_dirs=tuple(d.strip("/") for d in generated if d),
            short_link_pattern=short_link,
            print_pattern=print_pattern,
            redirects_file=str(settings.get("REDIRECTS_FILE") or ""),
            timezone=str(settings.get("TIMEZONE") or "Europe/Rome"),
            materials_dir=str(settings.get("MATERIALS_SOURCE_DIR", "materiali")).strip("/"),
        )

    @classmethod
    def of(cls, context: MutableMapping[str, Any], settings: Mapping[str, Any]) -> Site:
        """The build's Site, made once and kept in its context (never in a module global:
        Pelican's autoreload runs the build again in the same process)."""
        site = context.get(CONTEXT_KEY)
        if not isinstance(site, Site):
            site = context[CONTEXT_KEY] = cls.from_settings(settings)
        return site

    @property
    def zone(self) -> ZoneInfo:
        return zone(self.timezone)

    # --- where files are ----------------------------------------------------------------
    def shown(self, rel: str) -> str:
        """A content-relative path as editors see it: 'content/notizie/x.md'."""
        return f"{self.content_dir.name or 'content'}/{rel}"

    def contains(self, path: str | os.PathLike[str]) -> bool:
        """Whether `path`, every symbolic link resolved, is inside the content folder: no file
        outside it is ever read, whatever a link in content/ points to."""
        root = os.path.realpath(self.content_dir)
        real = os.path.realpath(path)
        return real == root or real.startswith(root + os.sep)

    def reserved_root(self, save_as: str) -> str | None:
        """The folder at the site root that `save_as` ('theme/index.html') would write into
        although the build owns it (assets, search, images, share cards, downloads, the
        editor), or None."""
        first = save_as.strip("/").split("/", 1)[0]
        return first if "/" in save_as.strip("/") and first in self.generated_dirs else None

    def is_static(self, rel: str) -> bool:
        return any(rel == d or rel.startswith(d + "/") for d in self.static_dirs)

    def type_of(self, folder: str) -> ContentType | None:
        return self.types.get(folder)

    # --- where things are published -----------------------------------------------------
    def template_for(self, content_type: ContentType, key: str) -> str:
        if content_type.name == "page":
            return self.page_templates.get(key, content_type.template)
        return content_type.template

    def item_address(
        self, content_type: ContentType, key: str, lang: str, slug: str | None = None,
        draft: bool = False,
    ) -> Address:
        """Where an item is published: its type's pattern with its slug (the key unless a
        translation chose its own), a fixed address for pages like the home page, nowhere
        for drafts and for types without pages."""
        if draft:
            # An explicit address would make Pelican write the draft; drafts are never published.
            return NOWHERE
        language = self.languages[lang]
        if content_type.name == "page" and key in self.fixed_pages:
            return at(self.fixed_pages[key], language)
        if not content_type.has_pages:
            return NOWHERE
        return at(content_type.url, language, slug=slug or key)

    def listing(self, name: str, lang: str, **fields: str) -> Address:
        """A per-language listing: 'news', 'archives', 'feed', 'calendar', or a taxonomy
        page ('category', 'tag') with its slug."""
        return at(self.listings[name], self.languages[lang], **fields)

    def has_listing(self, name: str) -> bool:
        return name in self.listings

    def short_link(self, key: str, lang: str) -> Address:
        """The short, stable link of a printable item (its QR code points here): the item's
        key in the language's short-link space, 'c/attiva/' or 'ar/c/attiva/'. It depends
        on the file name only, so a new Slug or title never breaks a printed code; a renamed
        file keeps its old short link through its Aliases (plugins/redirects)."""
        if not self.short_link_pattern:
            return NOWHERE
        return at(self.short_link_pattern, self.languages[lang], key=key)

    def print_file(self, key: str, lang: str, name: str) -> Address:
        """A generated print material of item `key` in `lang`: `name` is the format's file
        word ('manifesto-a4'), e.g. 'stampa/attiva-manifesto-a4.pdf', 'ar/stampa/…'."""
        return at(self.print_pattern, self.languages[lang], key=key, format=name)

    @staticmethod
    def item_calendar(item_url: str, slug: str) -> Address:
        """An event's own calendar file, next to its page: 'eventi/x/' -> 'eventi/x/x.ics'."""
        url = f"{item_url}{slug}.ics"
        return Address(url, url)

    def listing_urls(self, name: str) -> dict[str, str]:
        """lang -> the listing's URL, every language: a listing's translations."""
        return {code: self.listing(name, code).url for code in self.languages}

    def listing_prefixes(self, language: Language) -> list[str]:
        """Address prefixes under which listings write pages whose names come from data:
        taxonomy pages and the later pages of the news index."""
        prefixes = [
            language.prefix + pattern_prefix(self.listings[name])
            for name in ("category", "tag") if name in self.listings
        ]
        for pattern in (self.short_link_pattern, self.print_pattern):
            if pattern:
                prefixes.append(language.prefix + pattern_prefix(pattern))
        if "news" in self.listings and self.paged_pattern:
            base = language.prefix + self.listings["news"]
            prefixes.append(pattern_prefix(self.paged_pattern.replace("{base_name}", base.rstrip("/"))))
        return prefixes
