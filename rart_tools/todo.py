"""`make content-todo`: list, file by file, what editors still have to fill in, what the claims
ledger (Source:) does not back yet, and how readable each Italian text is.

Reads the files directly (no build), so it works even while the site does not build."""

from __future__ import annotations

from pathlib import Path

from plugins.content_checks.claims import check_content
from plugins.content_checks.readability import gulpease, prose_of, sentences
from rart.contract import todo_fields
from rart.frontmatter import read_front_matter
from rart.naming import parse_name
from rart.problems import Problem
from rart.site import Site


def originals(site: Site):
    """(path, content-relative path, type name) of each source file (default language).
    Translations share their source's facts, so they are not listed again."""
    root = site.content_dir
    for path in sorted(Path(root).rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        content_type = site.type_of(rel.split("/")[0])
        name = parse_name(rel, site.languages)
        if content_type is not None and name.ok and name.lang == site.languages.default.code:
            yield path, rel, content_type.name


def report(site: Site) -> list[str]:
    """One line per source file with something to fill in."""
    lines = []
    for path, rel, content_type in originals(site):
        items = todo_fields(content_type, read_front_matter(path))
        if items:
            lines.append(f"{rel}: {', '.join(items)}")
    return lines


def claims_report(site: Site, sources: Path) -> tuple[list[Problem], int]:
    """What the claims ledger does not back yet (plugins/content_checks/claims.py)."""
    types = {folder: t.name for folder, t in site.types.items()}
    return check_content(site.content_dir, sources, types)


def readability_report(site: Site) -> list[str]:
    """The Gulpease index of each Italian file, hardest first, with its longest sentence."""
    rows = []
    for path, rel, _ in originals(site):
        try:
            found = sentences(prose_of(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
        score = gulpease(found)
        if score is None:
            continue
        longest = max(s.words for s in found)
        rows.append((score.index, f"{score.index:6d} {longest:9d}   {rel} ({score.band})"))
    return [row for _, row in sorted(rows)]
