"""What an editor's PDF says about who made it: the document information's Author, Creator
and Producer, and whether it has XMP metadata. plugins/materials publishes a copy without
them; the validator warns, because the file itself stays in the repository, which anyone can
read. Read with pikepdf, the library that cleans the published copy."""

from __future__ import annotations

from pathlib import Path

FIELDS = ("/Author", "/Creator", "/Producer")
MAX_SHOWN = 60  # characters of a value shown in the message


def identifying_metadata(path: Path) -> list[str]:
    """['Author: Mario Rossi', 'Producer: Microsoft® Word 2016', 'XMP'], or [] when the file
    says nothing about who made it (or cannot be read: the publishing step reports that)."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            found = []
            info = pdf.trailer.get("/Info")
            if info is not None:
                for key in FIELDS:
                    value = info.get(key)
                    text = " ".join(str(value).split()) if value is not None else ""
                    if text:
                        shown = text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"
                        found.append(f"{key[1:]}: {shown}")
            if "/Metadata" in pdf.Root:
                found.append("XMP")
            return found
    except Exception:  # noqa: BLE001 - any unreadable PDF: plugins/materials says why
        return []
