"""The language table: validation and the derived facts every other module asks for.

A table is ``{code: {"name": str, "dir": "ltr"|"rtl", "locale": str}}``; its first entry is the
default language, served at the site root, and every other language is served under ``/<code>/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale, UnknownLocaleError


class LanguageTableError(ValueError):
    """The LANGUAGES setting is malformed; the message names the entry and the field."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    dir: str
    locale: str
    default: bool

    @property
    def prefix(self) -> str:
        """URL prefix of the language's root, '' for the default language, else 'xx/'."""
        return "" if self.default else f"{self.code}/"


def load_languages(table: dict) -> dict[str, Language]:
    """Validate the LANGUAGES table and return it as Language objects, in table order."""
    if not isinstance(table, dict) or not table:
        raise LanguageTableError("LANGUAGES must be a non-empty mapping of language codes.")
    languages = {}
    for position, (code, entry) in enumerate(table.items()):
        if not isinstance(code, str) or not code.isalpha() or not code.islower():
            raise LanguageTableError(f"LANGUAGES: {code!r} is not a lowercase language code.")
        for field in ("name", "dir", "locale"):
            if not isinstance(entry, dict) or not entry.get(field):
                raise LanguageTableError(f"LANGUAGES[{code!r}] needs a {field!r} value.")
        if entry["dir"] not in ("ltr", "rtl"):
            raise LanguageTableError(f"LANGUAGES[{code!r}]['dir'] must be 'ltr' or 'rtl'.")
        try:
            Locale.parse(entry["locale"])
        except (UnknownLocaleError, ValueError) as exc:
            raise LanguageTableError(
                f"LANGUAGES[{code!r}]['locale']: Babel does not know {entry['locale']!r}."
            ) from exc
        languages[code] = Language(
            code=code,
            name=entry["name"],
            dir=entry["dir"],
            locale=entry["locale"],
            default=position == 0,
        )
    return languages
