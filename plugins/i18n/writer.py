"""A Writer that tells every template which language it renders.

Pelican's writer renders each file with one shared context. This subclass adds, per file, the
language (`lang`, `language`) and the page's translations (`alternates`: lang -> url), taken
from the content item or passed by the listings generator. Gettext in templates reads `lang`
from the render context, so one Jinja environment serves every language in a single pass.
"""

from __future__ import annotations

from pelican.writers import Writer

from .sitemap import item_alternates
from .state import CONTEXT_KEY


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
        return super().write_file(name, template, context, *args, url=url, **kwargs)
