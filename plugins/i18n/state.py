"""Per-build state of the i18n plugin, kept in the build's shared context (never in a module
global: Pelican's autoreload runs the build again in the same process)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .catalogs import load_catalogs
from .languages import Language, load_languages

CONTEXT_KEY = "I18N"


@dataclass
class I18nState:
    languages: dict[str, Language]
    default: str
    catalogs: dict
    # (type, key) -> {lang: content item}, filled once all content has been read
    groups: dict = field(default_factory=dict)
    # pages written so far, for the sitemap (plugins/i18n/sitemap.py)
    sitemap: list = field(default_factory=list)

    def translate(self, lang: str, message: str) -> str:
        return self.catalogs[lang].gettext(message)

    def ntranslate(self, lang: str, singular: str, plural: str, n: int) -> str:
        return self.catalogs[lang].ngettext(singular, plural, n)


def get_state(context: dict, settings: dict) -> I18nState:
    """The state of the current build, created on first use from the settings."""
    state = context.get(CONTEXT_KEY)
    if state is None:
        languages = load_languages(settings["LANGUAGES"])
        default = next(iter(languages))
        if settings.get("DEFAULT_LANG") != default:
            from .languages import LanguageTableError

            raise LanguageTableError(
                f"DEFAULT_LANG is {settings.get('DEFAULT_LANG')!r} but the first entry of "
                f"LANGUAGES is {default!r}; they must be the same."
            )
        catalogs = load_catalogs(Path(settings["I18N_TRANSLATIONS_DIR"]), languages)
        state = I18nState(languages=languages, default=default, catalogs=catalogs)
        context[CONTEXT_KEY] = state
    return state
