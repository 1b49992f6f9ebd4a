"""The language table: validated once, with the facts derived from it.

A table is ``{code: {"name": str, "dir": "ltr"|"rtl", "locale": str}}`` in order. Its first
entry is the default language, served at the site root; every other language is served under
``/<code>/``. `Languages` is the only place that decides which language is the default.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from babel import Locale, UnknownLocaleError


class LanguageTableError(ValueError):
    """The LANGUAGES setting is malformed; the message names the entry and the field."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself: "العربية"
    dir: str  # "ltr" | "rtl"
    locale: str  # CLDR locale for Babel: dates, numbers, plurals
    default: bool

    @property
    def prefix(self) -> str:
        """URL prefix of the language's root: '' for the default language, else 'xx/'."""
        return "" if self.default else f"{self.code}/"

    @property
    def rtl(self) -> bool:
        return self.dir == "rtl"


class Languages(Mapping[str, Language]):
    """The site's languages in table order; ``default`` is the first."""

    def __init__(self, languages: list[Language]):
        self._by_code = {language.code: language for language in languages}
        self.default = languages[0]

    def __getitem__(self, code: str) -> Language:
        return self._by_code[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_code)

    def __len__(self) -> int:
        return len(self._by_code)

    def __repr__(self) -> str:
        return f"Languages({list(self._by_code)})"

    @property
    def others(self) -> list[Language]:
        """Every language but the default, in table order."""
        return [language for language in self.values() if not language.default]

    def ordered(self, codes: Mapping[str, Any]) -> list[str]:
        """The codes of ``codes`` that are languages of the site, in table order."""
        return [code for code in self if code in codes]


def load_languages(table: object) -> Languages:
    """Validate the LANGUAGES table and return it as `Languages`, in table order."""
    if not isinstance(table, Mapping) or not table:
        raise LanguageTableError("LANGUAGES must be a non-empty mapping of language codes.")
    languages = []
    for position, (code, entry) in enumerate(table.items()):
        if not isinstance(code, str) or not code.isalpha() or not code.islower():
            raise LanguageTableError(f"LANGUAGES: {code!r} is not a lowercase language code.")
        for field in ("name", "dir", "locale"):
            if not isinstance(entry, Mapping) or not entry.get(field):
                raise LanguageTableError(f"LANGUAGES[{code!r}] needs a {field!r} value.")
        assert isinstance(entry, Mapping)
        if entry["dir"] not in ("ltr", "rtl"):
            raise LanguageTableError(f"LANGUAGES[{code!r}]['dir'] must be 'ltr' or 'rtl'.")
        try:
            Locale.parse(entry["locale"])
        except (UnknownLocaleError, ValueError) as exc:
            raise LanguageTableError(
                f"LANGUAGES[{code!r}]['locale']: Babel does not know {entry['locale']!r}."
            ) from exc
        languages.append(
            Language(
                code=code,
                name=str(entry["name"]),
                dir=str(entry["dir"]),
                locale=str(entry["locale"]),
                default=position == 0,
            )
        )
    return Languages(languages)


def default_code(table: object) -> str:
    """The default language's code, for pelicanconf.py's DEFAULT_LANG."""
    return load_languages(table).default.code
