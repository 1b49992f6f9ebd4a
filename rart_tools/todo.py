"""`make content-todo`: list, file by file, what editors still have to fill in.

Reads front matter directly (no build), so it works even while the site does not build."""

from __future__ import annotations

from pathlib import Path

from rart.contract import todo_fields
from rart.frontmatter import read_front_matter
from rart.naming import parse_name
from rart.site import Site


def report(site: Site) -> list[str]:
    """One line per source file (default language) with something to fill in. Translations
    share their source's facts, so they are not listed again."""
    lines = []
    root = site.content_dir
    for path in sorted(Path(root).rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        content_type = site.type_of(rel.split("/")[0])
        name = parse_name(rel, site.languages)
        if content_type is None or not name.ok or name.lang != site.languages.default.code:
            continue
        items = todo_fields(content_type.name, read_front_matter(path))
        if items:
            lines.append(f"{rel}: {', '.join(items)}")
    return lines
