"""The plugin's settings (prefix CONTENT_CHECKS_), their defaults in one place, validated once
with messages that name the setting."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .contract import MAX_FILE_BYTES
from .messages import LANGUAGES as MESSAGE_LANGUAGES

DEFAULTS = {
    # Language of the messages for editors: a key of messages.CATALOGS.
    "CONTENT_CHECKS_LANGUAGE": "it",
    # {content language: [((form, form, …), suggested alternative), …]}; see pelicanconf.py.
    "CONTENT_CHECKS_DISCOURAGED_TERMS": {},
    # The most a content file may weigh, in bytes.
    "CONTENT_CHECKS_MAX_FILE_BYTES": MAX_FILE_BYTES,
    # A sentence longer than this many words gets a warning (readability.py): readers include
    # people who read the language of the page with difficulty.
    "CONTENT_CHECKS_MAX_SENTENCE_WORDS": 30,
    # Run the checks inside Pelican too (for `python -m pelican`). The safe build
    # (content_checks.safebuild) has already run them, so it turns this off.
    "CONTENT_CHECKS_IN_PELICAN": True,
}


class SettingsError(ValueError):
    """A CONTENT_CHECKS_ setting is malformed; the message names it."""


@dataclass(frozen=True)
class Term:
    pattern: re.Pattern
    suggestion: str


@dataclass
class Config:
    """Everything the validator needs from the settings, as plain values."""

    content_dir: Path
    settings: dict  # the full settings, for i18n.metadata.complete_metadata
    message_language: str = "it"
    max_bytes: int = MAX_FILE_BYTES
    terms: dict[str, list[Term]] = field(default_factory=dict)
    max_sentence_words: int = DEFAULTS["CONTENT_CHECKS_MAX_SENTENCE_WORDS"]
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def languages(self) -> dict:
        return self.settings["LANGUAGES"]

    @property
    def default_language(self) -> str:
        return next(iter(self.languages))


def setting(settings: dict, name: str):
    return settings.get(name, DEFAULTS[name])


def load_config(settings: dict, today: dt.date | None = None) -> Config:
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
        content_dir=Path(settings["PATH"]),
        settings=settings,
        message_language=language,
        max_bytes=max_bytes,
        terms=compile_terms(setting(settings, "CONTENT_CHECKS_DISCOURAGED_TERMS")),
        max_sentence_words=max_words,
        today=today or dt.date.today(),
    )


def compile_terms(table) -> dict[str, list[Term]]:
    """{'it': [(('clandestino', 'clandestini'), 'persona migrante'), …]} -> compiled patterns.
    Forms match whole words, case-insensitively; a space in a form matches any run of spaces."""
    name = "CONTENT_CHECKS_DISCOURAGED_TERMS"
    if not isinstance(table, dict):
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
