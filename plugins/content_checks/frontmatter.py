"""Front matter of a Markdown file as Pelican reads it ('Key: value' lines until the first
blank line, continuation lines indented), without building the site."""

from __future__ import annotations

from pathlib import Path


def parse_front_matter(text: str) -> dict[str, str | list[str]]:
    """{'title': 'Chi siamo', 'materials': ['a | b', 'c | d']}: keys lowercased, a value
    spread over several lines becomes a list, as Pelican's Markdown reader makes it."""
    metadata: dict[str, list[str]] = {}
    key = None
    for line in text.lstrip("\ufeff").splitlines():
        if not line.strip():
            break
        if line[:1] in (" ", "\t") and key:
            metadata[key].append(line.strip())
            continue
        name, sep, value = line.partition(":")
        if not sep:
            break
        key = name.strip().lower()
        metadata[key] = [value.strip()] if value.strip() else []
    return {k: (v[0] if len(v) == 1 else v) if v else "" for k, v in metadata.items()}


def read_front_matter(path: Path) -> dict:
    return parse_front_matter(path.read_text(encoding="utf-8"))
