"""`make content-todo`: list, file by file, what editors still have to fill in, what the claims
ledger (Source:) does not back yet, and how readable each Italian text is.

Reads the files directly (no build), so it works even while the site does not build."""

from __future__ import annotations

import sys
from pathlib import Path

from .claims import check_content
from .contract import todo_fields
from .frontmatter import read_front_matter
from .problems import format_report
from .readability import gulpease, prose_of, sentences

TYPES = {"notizie": "news", "pagine": "page", "campagne": "campaign", "membri": "member",
         "risultati": "achievement"}


def _originals(content_dir: Path):
    """Source files (default language) with their content type. Translations share their
    source's facts, so they are not listed again."""
    for path in sorted(content_dir.rglob("*.md")):
        content_type = TYPES.get(path.relative_to(content_dir).parts[0])
        if content_type is not None and path.name.count(".") == 1:
            yield path, content_type


def report(content_dir: Path) -> list[str]:
    """One line per source file (default language) with something to fill in."""
    lines = []
    for path, content_type in _originals(content_dir):
        items = todo_fields(content_type, read_front_matter(path))
        if items:
            lines.append(f"{path.relative_to(content_dir)}: {', '.join(items)}")
    return lines


def readability_report(content_dir: Path) -> list[str]:
    """The Gulpease index of each Italian file, hardest first, with its longest sentence."""
    rows = []
    for path, _ in _originals(content_dir):
        try:
            found = sentences(prose_of(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
        score = gulpease(found)
        if score is None:
            continue
        longest = max(s.words for s in found)
        rows.append((score.index, f"{score.index:6d} {longest:9d}   {path.relative_to(content_dir)} "
                                  f"({score.band})"))
    return [row for _, row in sorted(rows)]


def main(argv: list[str]) -> int:
    content_dir = Path(argv[1] if len(argv) > 1 else "content")
    lines = report(content_dir)
    print("Da completare:" if lines else "Non manca niente: tutti i campi sono compilati.")
    for line in lines:
        print(f"  {line}")
    sources = content_dir.resolve().parent / "docs" / "source"
    if sources.is_dir():
        problems, checked = check_content(content_dir, sources, TYPES)
        print()
        if problems:
            print("Fonti da sistemare (campo Source, vedi docs/EDITING.md, sezione 14):")
            print(format_report(problems))
        else:
            print(f"Fonti: ogni fatto dei {checked} file in italiano è nei passi citati in Source.")
    rows = readability_report(content_dir)
    if rows:
        print()
        print("Leggibilità dei testi in italiano (indice Gulpease: più è alto, più il testo è facile;")
        print("sotto 80 è difficile per chi ha la licenza elementare, sotto 60 per chi ha la licenza media):")
        print(" indice  frase più lunga (parole)   file")
        for row in rows:
            print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
