"""The bench's corpus: a fresh copy of the project (what a clone has) with N generated news
items in every language added to its content, in the project's own content format."""

from __future__ import annotations

import datetime as dt
import runpy
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = runpy.run_path(str(ROOT / "pelicanconf.py"))
LANGUAGES = list(SETTINGS["LANGUAGES"])
DEFAULT = LANGUAGES[0]

WORDS = ["accoglienza", "rete", "diritti", "comunità", "città", "lavoro", "formazione", "casa",
         "scuola", "lingua", "salute", "incontro", "progetto", "tavolo", "servizi", "persone",
         "percorso"]


def project_files() -> list[str]:
    """The files a fresh clone has: git's tracked files (or, outside git, the tree without
    what the build and the tools make)."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                                check=True).stdout.decode().split("\0")
        return [name for name in listed if name and (ROOT / name).is_file()]
    except (OSError, subprocess.CalledProcessError):
        skipped = {".git", ".venv", "output", "cache", "__pycache__", "node_modules", ".pytest_cache"}
        return [str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
                if p.is_file() and not skipped & set(p.relative_to(ROOT).parts)]


def news_text(i: int, lang: str) -> str:
    # Twelve hours apart from 2019 on: 5,000 items still end before 2026, so none is in the
    # future (which the content checks refuse).
    date = dt.datetime(2019, 1, 1, 9) + dt.timedelta(hours=12 * i)
    # Six paragraphs of 60 words, in sentences of 20 words: within the content checks' limit
    # of 30 words a sentence, so the build prints no readability warning for them (as for
    # editors' text that follows the guide).
    body = "\n\n".join(
        " ".join(
            " ".join(WORDS[(i + j + k) % len(WORDS)] for k in range(start, start + 20)).capitalize() + "."
            for start in (0, 20, 40)
        )
        for j in range(6)
    )
    return (f"Title: Notizia {i} ({lang})\nDate: {date:%Y-%m-%d %H:%M}\n"
            f"Category: Categoria {i % 5} {lang}\n"
            f"Tags: tag-{i % 7}-{lang}, tag-{i % 11}-{lang}\n"
            f"Summary: Riassunto della notizia {i}.\n\n{body}\n")


def make_project(folder: Path, articles: int) -> int:
    """A fresh copy of the project with `articles` news items in every language added to its
    content; returns the number of Markdown files."""
    for name in project_files():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    news = folder / "content" / "notizie"
    news.mkdir(parents=True, exist_ok=True)
    for i in range(articles):
        for lang in LANGUAGES:
            suffix = "" if lang == DEFAULT else f".{lang}"
            (news / f"notizia-{i:04d}{suffix}.md").write_text(news_text(i, lang), encoding="utf-8")
    return sum(1 for _ in (folder / "content").rglob("*.md"))
