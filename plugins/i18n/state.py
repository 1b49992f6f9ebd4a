"""Per-build state of the i18n plugin, kept in the build's shared context (never in a module
global: Pelican's autoreload runs the build again in the same process)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel.support import Translations

from rart.catalogs import load_catalog
from rart.site import Site

from .sitemap import SitemapEntry

CONTEXT_KEY = "I18N"
DOMAIN = "messages"  # the interface's gettext domain (translations/<lang>/LC_MESSAGES/)


@dataclass
class I18nState:
    site: Site
    catalogs: dict[str, Translations]
    # Pages that generators other than Pelican's own write (listings), registered while
    # they read the content, so the sitemap knows them whatever order generators write in.
    listed: list[SitemapEntry] = field(default_factory=list)

    @property
    def languages(self):
        return self.site.languages

    @property
    def default(self) -> str:
        return self.site.languages.default.code

    def register_page(self, url: str, lang: str, alternates: dict[str, str]) -> None:
        """A page another plugin's generator writes (a listing), for the sitemap: `alternates`
        maps the languages that have it to their URLs."""
        ordered = tuple((code, alternates[code]) for code in self.languages.ordered(alternates))
        self.listed.append(SitemapEntry(url, lang, ordered))

    def translate(self, lang: str, message: str) -> str:
        return self.catalogs[lang].gettext(message)

    def ntranslate(self, lang: str, singular: str, plural: str, n: int) -> str:
        return self.catalogs[lang].ngettext(singular, plural, n)


def get_state(context: dict, settings: dict) -> I18nState:
    """The state of the current build, created on first use from the settings."""
    state = context.get(CONTEXT_KEY)
    if state is None:
        site = Site.of(context, settings)
        directory = Path(settings["I18N_TRANSLATIONS_DIR"])
        catalogs = {
            code: load_catalog(directory, code, language.locale, DOMAIN)
            for code, language in site.languages.items()
        }
        state = context[CONTEXT_KEY] = I18nState(site=site, catalogs=catalogs)
    return state
