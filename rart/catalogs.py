"""Gettext catalogs compiled from the .po files in memory at the start of each run.

Compiling from the .po that is in git means no .mo file is ever committed or stale, and every
build shows the translations as they are in the working tree. Two domains use this: the
interface (`messages`, read by the theme) and the editors' messages (`editors`, messages.py).
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations


class CatalogError(ValueError):
    """A .po file is missing or cannot be read; the message names the file."""


def po_path(directory: Path, code: str, domain: str) -> Path:
    """translations/<code>/LC_MESSAGES/<domain>.po"""
    return Path(directory) / code / "LC_MESSAGES" / f"{domain}.po"


# Compiled catalogs of this process, by the .po file's bytes: a build asks for the same few
# dozens of times (every plugin, every Messages), and parsing a .po is slow.
_COMPILED: dict[tuple[bytes, str, str], Translations] = {}


def compile_catalog(path: Path, locale: str, domain: str) -> Translations:
    """Read a .po file and return gettext translations for it (fuzzy entries are left out).
    The same bytes give the same object, which nobody changes."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"{path}: cannot be read as a gettext catalog ({exc}).") from exc
    key = (hashlib.sha256(data).digest(), locale, domain)
    if key in _COMPILED:
        return _COMPILED[key]
    try:
        catalog = read_po(io.BytesIO(data), locale=locale, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as exc:
        raise CatalogError(f"{path}: cannot be read as a gettext catalog ({exc}).") from exc
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    translations = _COMPILED[key] = Translations(fp=buffer, domain=domain)
    return translations


def load_catalog(directory: Path, code: str, locale: str, domain: str) -> Translations:
    """The catalog of one language in one domain; msgids are English, the developers'
    language, so every language, the default one included, needs its catalog."""
    path = po_path(directory, code, domain)
    if not path.exists():
        raise CatalogError(
            f"{path} is missing: run `make init-po LANG={code}` and translate it."
        )
    return compile_catalog(path, locale, domain)
