"""Time the multilingual build against vanilla Pelican on the same generated corpus.

Generates N news articles, each in every configured language, in the project's own content
format, next to a copy of the site's pages. Then runs cold builds in pairs, alternating which
goes first: this project (all plugins, the theme) and vanilla Pelican 4.12 (no plugins, default
theme, one pass, translations through ARTICLE_LANG_SAVE_AS). Prints the median time of each
and the median of the per-pair ratios. Usage:

    .venv/bin/python bench/multilingual.py [--articles 500] [--pairs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import runpy
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = runpy.run_path(str(ROOT / "pelicanconf.py"))
LANGUAGES = list(SETTINGS["LANGUAGES"])
DEFAULT = LANGUAGES[0]

WORDS = ["accoglienza", "rete", "diritti", "comunità", "città", "lavoro", "formazione", "casa", "scuola", "lingua", "salute", "incontro", "progetto", "tavolo", "servizi", "persone", "percorso"]

VANILLA_SETTINGS = """
AUTHOR = "RART"
SITENAME = "RART"
SITEURL = ""
TIMEZONE = "Europe/Rome"
DEFAULT_LANG = {default!r}
PLUGINS = []
ARTICLE_PATHS = ["notizie"]
PAGE_PATHS = ["pagine", "campagne", "membri", "risultati"]
PATH_METADATA = r"(?P<folder>[^/]+)/(?P<key>[^/.]+)(?:\\.(?P<lang>[^/.]+))?\\.[^/.]+$"
ARTICLE_TRANSLATION_ID = "key"
PAGE_TRANSLATION_ID = "key"
ARTICLE_URL = "notizie/{{slug}}/"
ARTICLE_SAVE_AS = "notizie/{{slug}}/index.html"
ARTICLE_LANG_URL = "{{lang}}/notizie/{{slug}}/"
ARTICLE_LANG_SAVE_AS = "{{lang}}/notizie/{{slug}}/index.html"
PAGE_LANG_SAVE_AS = "{{lang}}/pages/{{slug}}.html"
LOAD_CONTENT_CACHE = False
DEFAULT_PAGINATION = 10
FEED_DOMAIN = "http://localhost:8000"
"""


def make_corpus(folder: Path, articles: int) -> None:
    """The site's own pages plus `articles` news items in every language."""
    for sub in ("pagine", "campagne", "membri", "risultati"):
        shutil.copytree(ROOT / "content" / sub, folder / sub)
    news = folder / "notizie"
    news.mkdir()
    start = dt.date(2020, 1, 1)
    for i in range(articles):
        key = f"notizia-{i:04d}"
        date = start + dt.timedelta(days=i)
        body = "\n\n".join(
            " ".join(WORDS[(i + j + k) % len(WORDS)] for k in range(60)).capitalize() + "."
            for j in range(6)
        )
        for lang in LANGUAGES:
            suffix = "" if lang == DEFAULT else f".{lang}"
            (news / f"{key}{suffix}.md").write_text(
                f"Title: Notizia {i} ({lang})\nDate: {date.isoformat()}\nLang: {lang}\n"
                f"Slug: {key}\nCategory: Categoria {i % 5} {lang}\n"
                f"Tags: tag-{i % 7}-{lang}, tag-{i % 11}-{lang}\n"
                f"Summary: Riassunto della notizia {i}.\n\n{body}\n",
                encoding="utf-8",
            )


def timed_build(corpus: Path, settings: Path, output: Path) -> float:
    if output.exists():
        shutil.rmtree(output)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(corpus), "-o", str(output), "-s", str(settings), "-q"],
        cwd=ROOT, capture_output=True, text=True,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build failed with {settings.name}:\n{result.stdout}\n{result.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--pairs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="rart-bench-") as tmp:
        tmp = Path(tmp)
        corpus = tmp / "content"
        corpus.mkdir()
        make_corpus(corpus, args.articles)
        ours = tmp / "ours.py"
        ours.write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
            f"PATH = {str(corpus)!r}\n", encoding="utf-8")
        vanilla = tmp / "vanilla.py"
        vanilla.write_text(VANILLA_SETTINGS.format(default=DEFAULT), encoding="utf-8")

        files = sum(1 for _ in corpus.rglob("*.md"))
        print(f"corpus: {args.articles} news x {len(LANGUAGES)} languages + site pages = {files} files")
        timed_build(corpus, ours, tmp / "warm-up-ours")  # imports and disk cache, both sides
        timed_build(corpus, vanilla, tmp / "warm-up-vanilla")
        times = {"rart": [], "vanilla": []}
        ratios = []
        for pair in range(args.pairs):
            order = [("rart", ours), ("vanilla", vanilla)]
            if pair % 2:
                order.reverse()
            run = {name: timed_build(corpus, conf, tmp / f"out-{name}") for name, conf in order}
            for name, seconds in run.items():
                times[name].append(seconds)
            ratios.append(run["rart"] / run["vanilla"])
            print(f"pair {pair + 1}: rart {run['rart']:.2f} s, vanilla {run['vanilla']:.2f} s, "
                  f"ratio {ratios[-1]:.2f}")
        pages = {name: sum(1 for _ in (tmp / f"out-{name}").rglob("*.html")) for name in times}
        print(f"pages written: rart {pages['rart']}, vanilla {pages['vanilla']}")
        print(f"median: rart {statistics.median(times['rart']):.2f} s, "
              f"vanilla {statistics.median(times['vanilla']):.2f} s")
        print(f"ratio (median of pairs, rart / vanilla): {statistics.median(ratios):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
