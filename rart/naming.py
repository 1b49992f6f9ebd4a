"""The file-naming rule: a content file's place gives its type, key and language.

`content/<folder>/<key>.md` is the default language's original; `<key>.<lang>.md` is its
translation into `lang` (obiettivi.md, obiettivi.ar.md: key 'obiettivi'). The folder names
the type (types.py). Keys are Italian kebab-case, as every address is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unidecode import unidecode

from .languages import Languages

MARKDOWN_EXTENSIONS = ("md", "markdown", "mkd", "mdown")
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Pelican's PATH_METADATA: the same rule, for Pelican's reader (folder, key, filename_lang).
PATH_METADATA = r"(?P<folder>[^/]+)/(?P<key>[^/.]+)(?:\.(?P<filename_lang>[^/.]+))?\.[^/.]+$"


def slugify(text: str) -> str:
    """Italian kebab-case: "Perché l'accoglienza conta" -> 'perche-l-accoglienza-conta'."""
    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-")


@dataclass(frozen=True)
class Name:
    """What a content file's name says. `problem` is None when the name follows the rule,
    else the code of the message that explains it, with `suggestion` a correct name."""

    folder: str
    key: str
    lang: str
    extension: str  # lowercased, without the dot
    problem: str | None = None
    suggestion: str = ""

    @property
    def ok(self) -> bool:
        return self.problem is None


def split_stem(stem: str, languages: Languages) -> tuple[str, str]:
    """('obiettivi', 'ar') for 'obiettivi.ar'; the default language when there is no suffix."""
    key, dot, suffix = stem.partition(".")
    return (key, suffix) if dot else (stem, languages.default.code)


def parse_name(rel: str, languages: Languages) -> Name:
    """The name of the file at `rel` (posix, under content/: 'notizie/x.en.md')."""
    folder, _, name = rel.rpartition("/")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    pieces = stem.split(".")
    key = pieces[0]
    default = languages.default.code
    lang = pieces[1] if len(pieces) == 2 else default
    suffix = f".{lang.lower()}" if lang.lower() in languages and lang.lower() != default else ""
    good_key = slugify(key) or "nome"
    base = Name(folder, key, lang, extension.lower())
    if len(pieces) > 2 or not SLUG_RE.fullmatch(key):
        return _with(base, "bad-file-name", f"content/{folder}/{good_key}{suffix}.md")
    if len(pieces) == 2:
        if lang == default:
            return _with(base, "default-language-suffix", f"content/{folder}/{key}.md")
        if lang not in languages:
            fallback = suffix or "." + list(languages)[-1]
            return _with(base, "unknown-language", f"content/{folder}/{key}{fallback}.md")
    return base


def _with(name: Name, problem: str, suggestion: str) -> Name:
    return Name(name.folder, name.key, name.lang, name.extension, problem, suggestion)


def translation_name(folder: str, key: str, lang: str, languages: Languages) -> str:
    """content-relative path of `key`'s file in `lang`: 'pagine/home.md', 'pagine/home.ar.md'."""
    suffix = "" if lang == languages.default.code else f".{lang}"
    return f"{folder}/{key}{suffix}.md"
