"""The plugin's settings (prefix CONTENT_CHECKS_), their defaults in one place, validated once
with messages that name the setting."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rart.aliases import Rename
from rart.contract import MAX_FILE_BYTES
from rart.htmlpolicy import theme_ids
from rart.messages import LANGUAGES as MESSAGE_LANGUAGES
from rart.messages import Messages
from rart.site import Site

DEFAULTS: dict[str, Any] = {
    # Language of the messages for editors: a language of rart.messages.LANGUAGES.
    "CONTENT_CHECKS_LANGUAGE": "it",
    # {content language: [((form, form, …), suggested alternative), …]}; see pelicanconf.py.
    "CONTENT_CHECKS_DISCOURAGED_TERMS": {},
    # The most a content file may weigh, in bytes.
    "CONTENT_CHECKS_MAX_FILE_BYTES": MAX_FILE_BYTES,
    # A sentence longer than this many words gets a warning (readability.py): readers include
    # people who read the language of the page with difficulty.
    "CONTENT_CHECKS_MAX_SENTENCE_WORDS": 30,
    # Run the checks inside Pelican too (for `python -m pelican`). The safe build
    # (rart_tools.build) has already run them, so it turns this off.
    "CONTENT_CHECKS_IN_PELICAN": True,
}


class SettingsError(ValueError):
    """A CONTENT_CHECKS_ setting is malformed; the message names it."""


@dataclass(frozen=True)
class Term:
    pattern: re.Pattern[str]
    suggestion: str


@dataclass
class Config:
    """Everything the validator needs from the settings, as plain values."""

    site: Site
    messages: Messages
    max_bytes: int = MAX_FILE_BYTES
    terms: dict[str, list[Term]] = field(default_factory=dict)
    max_sentence_words: int = DEFAULTS["CONTENT_CHECKS_MAX_SENTENCE_WORDS"]
    ignore: tuple[str, ...] = ()  # IGNORE_FILES patterns
    today: dt.date = field(default_factory=dt.date.today)
    # Files renamed since the base branch (rart_tools/renames.py reads them from git; the
    # plugin inside Pelican has none): each needs its old address in Aliases.
    renames: tuple[Rename, ...] = ()
    # Ids the theme's templates write (exact, prefixes): content must not repeat them.
    reserved_ids: tuple[frozenset[str], tuple[str, ...]] = (frozenset(), ())

    @property
    def content_dir(self) -> Path:
        return self.site.content_dir


def setting(settings: Mapping[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])


def messages_for(settings: Mapping[str, Any]) -> Messages:
    """The editors' messages in the language CONTENT_CHECKS_LANGUAGE names."""
    return Messages(Path(settings["I18N_TRANSLATIONS_DIR"]), setting(settings, "CONTENT_CHECKS_LANGUAGE"))


def load_config(settings: Mapping[str, Any], today: dt.date | None = None,
                renames: tuple[Rename, ...] = ()) -> Config:
    """A Config from Pelican settings (a dict with PATH, LANGUAGES, CONTENT_TYPES, …)."""
    language = setting(settings, "CONTENT_CHECKS_LANGUAGE")
    if language not in MESSAGE_LANGUAGES:
        raise SettingsError(
            f"CONTENT_CHECKS_LANGUAGE is {language!r}; messages exist in: {', '.join(MESSAGE_LANGUAGES)}"
        )
    max_bytes = setting(settings, "CONTENT_CHECKS_MAX_FILE_BYTES")
    if not isinstance(max_bytes, int) or max_bytes <= 0:
        raise SettingsError("CONTENT_CHECKS_MAX_FILE_BYTES must be a positive whole number of bytes")
    max_words = setting(settings, "CONTENT_CHECKS_MAX_SENTENCE_WORDS")
    if isinstance(max_words, bool) or not isinstance(max_words, int) or max_words <= 0:
        raise SettingsError("CONTENT_CHECKS_MAX_SENTENCE_WORDS must be a positive whole number of words")
    return Config(
        site=Site.from_settings(settings),
        messages=messages_for(settings),
        max_bytes=max_bytes,
        terms=compile_terms(setting(settings, "CONTENT_CHECKS_DISCOURAGED_TERMS")),
        max_sentence_words=max_words,
        ignore=tuple(settings.get("IGNORE_FILES", ())),
        today=today or dt.date.today(),
        renames=tuple(renames),
        reserved_ids=theme_ids(settings.get("THEME")),
    )



def compile_terms(table: object) -> dict[str, list[Term]]:
    """{'it': [(('clandestino', 'clandestini'), 'persona migrante'), …]} -> compiled patterns.
    Forms match whole words, case-insensitively; a space in a form matches any run of spaces."""
    name = "CONTENT_CHECKS_DISCOURAGED_TERMS"
    if not isinstance(table, Mapping):
        raise SettingsError(f"{name} must map a language code to a list of (forms, suggestion)")
    compiled = {}
    for lang, entries in table.items():
        terms = []
        for entry in entries:
            if (
                not isinstance(entry, (tuple, list)) or len(entry) != 2
                or not isinstance(entry[1], str) or not entry[1].strip()
            ):
                raise SettingsError(f"{name}[{lang!r}]: each entry is ((form, …), 'suggestion'); got {entry!r}")
            forms = (entry[0],) if isinstance(entry[0], str) else tuple(entry[0])
            if not forms or not all(isinstance(f, str) and f.strip() for f in forms):
                raise SettingsError(f"{name}[{lang!r}]: {entry!r} needs at least one non-empty form")
            alternatives = "|".join(
                r"\s+".join(re.escape(word) for word in form.split())
                for form in sorted(forms, key=len, reverse=True)
            )
            pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
            terms.append(Term(pattern, entry[1].strip()))
        compiled[lang] = terms
    return compiled
