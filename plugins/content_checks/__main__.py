"""`make content-todo`: list, file by file, what editors still have to fill in.

Reads front matter directly (no build), so it works even while the site does not build."""

from __future__ import annotations

import sys
from pathlib import Path

from .contract import todo_fields
from .frontmatter import read_front_matter

TYPES = {"notizie": "news", "pagine": "page", "campagne": "campaign", "membri": "member",
         "risultati": "achievement"}


def report(content_dir: Path) -> list[str]:
    """One line per source file (default language) with something to fill in. Translations
    share their source's facts, so they are not listed again."""
    lines = []
    for path in sorted(content_dir.rglob("*.md")):
        content_type = TYPES.get(path.relative_to(content_dir).parts[0])
        if content_type is None or path.name.count(".") > 1:
            continue
        items = todo_fields(content_type, read_front_matter(path))
        if items:
            lines.append(f"{path.relative_to(content_dir)}: {', '.join(items)}")
    return lines


def main(argv: list[str]) -> int:
    content_dir = Path(argv[1] if len(argv) > 1 else "content")
    lines = report(content_dir)
    print("Da completare:" if lines else "Non manca niente: tutti i campi sono compilati.")
    for line in lines:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
