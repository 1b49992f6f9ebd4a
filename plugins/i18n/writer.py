"""A Writer that tells every template which language it renders.

Pelican's writer renders each file with one shared context. This subclass adds, per file, the
language (`lang`, `language`) and the page's translations (`alternates`: lang -> url), taken
from the content item or passed by the listings generator. Gettext in templates reads `lang`
from the render context, so one Jinja environment serves every language in a single pass.
"""

from __future__ import annotations

from pelican.writers import Writer

from .sitemap import SitemapEntry
from .state import CONTEXT_KEY


def item_alternates(item) -> dict[str, str]:
    """lang -> url of a content item and each of its published translations."""
    alternates = {item.lang: item.url}
    for translation in getattr(item, "translations", []):
        if translation.save_as:
            alternates.setdefault(translation.lang, translation.url)
    return alternates


class I18nWriter(Writer):
    def write_file(self, name, template, context, *args, url=None, **kwargs):
        state = context[CONTEXT_KEY]
        item = kwargs.get("article") or kwargs.get("page")
        if item is not None:
            kwargs.setdefault("lang", item.lang)
            kwargs.setdefault("alternates", item_alternates(item))
        lang = kwargs.setdefault("lang", state.default)
        kwargs.setdefault("alternates", {})
        kwargs["language"] = state.languages[lang]
        kwargs["nav"] = context.get("NAV", {}).get(lang, [])
        kwargs["footer_nav"] = context.get("FOOTER_NAV", {}).get(lang, [])
        kwargs["page_url"] = item.url if item is not None else (url or "")
        if name and kwargs["page_url"] != "" or name == "index.html":
            self._record(state, kwargs, item)
        return super().write_file(name, template, context, *args, url=url, **kwargs)

    def _record(self, state, kwargs, item):
        """Remember the page for the sitemap, unless it is one readers should not land on."""
        if item is not None and item.key in self.settings.get("SITEMAP_EXCLUDE_KEYS", ()):
            return
        order = list(state.languages)
        alternates = tuple(
            (code, kwargs["alternates"][code]) for code in order if code in kwargs["alternates"]
        )
        modified = getattr(item, "modified", None) or getattr(item, "date", None)
        state.sitemap.append(
            SitemapEntry(
                url=kwargs["page_url"],
                lang=kwargs["lang"],
                alternates=alternates,
                lastmod=modified.date().isoformat() if modified else None,
            )
        )
