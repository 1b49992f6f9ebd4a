"""Interface translations: one gettext catalog per language, compiled from its .po in memory.

Compiling at build time from the .po that is in git means no .mo file is ever committed or
stale, and `make html` always shows the translations as they are in the working tree.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations  # noqa: F401 (type)


class CatalogError(ValueError):
    """A .po file cannot be read; the message names the file."""


def compile_catalog(po_path: Path, locale: str) -> Translations:
    """Read a .po file and return gettext translations for it (fuzzy entries are left out)."""
    try:
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=locale, abort_invalid=True)
    except (PoFileError, OSError, UnicodeDecodeError, ValueError) as exc:
        raise CatalogError(f"{po_path}: cannot be read as a gettext catalog ({exc}).") from exc
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain="messages")


def load_catalogs(directory: Path, languages) -> dict[str, NullTranslations]:
    """One translations object per language code. Msgids are English, the developers'
    language, so every language, the default one included, needs its catalog."""
    catalogs: dict[str, NullTranslations] = {}
    for code, language in languages.items():
        po_path = directory / code / "LC_MESSAGES" / "messages.po"
        if po_path.exists():
            catalogs[code] = compile_catalog(po_path, language.locale)
        else:
            raise CatalogError(
                f"{po_path} is missing: run `make init-po LANG={code}` and translate it."
            )
    return catalogs
