"""One sitemap for every language, each URL with its translations as xhtml:link alternates
(the sitemaps.org protocol plus the hreflang extension search engines read)."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class SitemapEntry:
    url: str  # relative to the site root
    lang: str
    alternates: tuple[tuple[str, str], ...]  # (lang, url) pairs, the entry's own included
    lastmod: str | None = None  # W3C date, YYYY-MM-DD


def item_alternates(item) -> dict[str, str]:
    """lang -> url of a content item and each of its published translations."""
    alternates = {item.lang: item.url}
    for translation in getattr(item, "translations", []):
        if translation.save_as:
            alternates.setdefault(translation.lang, translation.url)
    return alternates


def sitemap_entries(context, state, exclude_keys=()) -> list[SitemapEntry]:
    """Every page the build writes: each published content item (originals and translations,
    listed or hidden) and every page the generators registered in `state.listed`."""
    entries = list(state.listed)
    for kind in ("articles", "hidden_articles", "pages", "hidden_pages"):
        for original in context.get(kind, []):
            for item in [original, *original.translations]:
                if not item.save_as or getattr(item, "key", None) in exclude_keys:
                    continue
                alternates = item_alternates(item)
                modified = getattr(item, "modified", None) or getattr(item, "date", None)
                entries.append(SitemapEntry(
                    url=item.url,
                    lang=item.lang,
                    alternates=tuple((c, alternates[c]) for c in state.languages.ordered(alternates)),
                    lastmod=modified.date().isoformat() if modified else None,
                ))
    return entries


def render_sitemap(entries, origin: str, default_lang: str) -> str:
    """The sitemap document. Alternates are written only for pages that have translations,
    plus x-default pointing at the default language's version."""
    origin = origin.rstrip("/")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">',
    ]
    for entry in sorted(entries, key=lambda e: e.url):
        lines.append("  <url>")
        lines.append(f"    <loc>{_escape(origin + '/' + entry.url)}</loc>")
        if entry.lastmod:
            lines.append(f"    <lastmod>{entry.lastmod}</lastmod>")
        alternates = dict(entry.alternates)
        if len(alternates) > 1:
            for lang, url in entry.alternates:
                lines.append(
                    f'    <xhtml:link rel="alternate" hreflang="{lang}" '
                    f"href={quoteattr(origin + '/' + url)}/>"
                )
            if default_lang in alternates:
                lines.append(
                    '    <xhtml:link rel="alternate" hreflang="x-default" '
                    f"href={quoteattr(origin + '/' + alternates[default_lang])}/>"
                )
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
