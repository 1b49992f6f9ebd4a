"""Time `make html` against vanilla Pelican on the same generated corpus, from a truly cold start.

The corpus is the site's own content plus N news items, each in every configured language.
Every round copies the project's tracked files (what a fresh clone has: no output/, no cache/,
no __pycache__) and the corpus into a new temporary folder, then times, as a user waits for
them:

  cold     `make html` in the fresh copy (every share card drawn, every file read)
  warm     `make html` again, nothing changed (caches present)
  edit     `make html` after one article's text changed
  publish  `make publish` after that (adds the Pagefind index and .gz/.br; timed apart)
  vanilla  Pelican 4.12 on the same content: no plugins, default theme, one pass, translations
           through ARTICLE_LANG_SAVE_AS, into an empty folder

Vanilla runs first in even rounds and last in odd ones, so a change in the machine's load
during a round weighs on both sides alike. Each run is a child process; its wall time, CPU
time (user + system, the children included) and peak memory (the largest resident set of any
process of the run) come from os.wait4. Prints every round, the medians and the median of the
per-round ratios cold/vanilla and warm/vanilla; the CPU ratios are printed too, being less
sensitive to a shared machine's load. Timings are never tests: this is a bench.

    .venv/bin/python bench/multilingual.py                      # make bench: 500 news, 3 rounds
    .venv/bin/python bench/multilingual.py --articles 5000 --rounds 1
    .venv/bin/python bench/multilingual.py --articles 500,2000,5000 --rounds 1 --no-publish  # growth
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from corpus import DEFAULT, LANGUAGES, ROOT, make_project

VENV = Path(sys.prefix)  # the project's .venv, which runs this script
EDITED = "notizie/notizia-{:04d}.md"  # the article the `edit` run changes: the middle one
ADMIN_BUNDLE = "admin/dist/entry.js"

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


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds, children included
    peak: int  # the largest resident set of any process of the run, in kB
    load: float  # the 1-minute load average when it started

    def __str__(self) -> str:
        return f"{self.wall:6.2f} s (CPU {self.cpu:6.2f} s, {self.peak / 1024:4.0f} MB)"


def timed(command: list[str], cwd: Path, log: Path, env: dict | None = None) -> Run:
    """Run `command` and measure it; stops the bench with its log if it fails."""
    load = os.getloadavg()[0]
    with open(log, "wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT,
                                   env=env or clean_env())
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{tail}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, load)


def clean_env(**extra: str) -> dict:
    """The environment without make's own variables (when run by `make bench`)."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env.pop("SOURCE_DATE_EPOCH", None)
    env.update(extra)
    return env


def make(target: str, project: Path, log: Path, **env: str) -> Run:
    """`make TARGET` in the copy, as a user runs it, with the bootstrap (.venv) already done."""
    venv = str(VENV)
    # The browser editor's bundle (admin/dist, for make publish) is made once by npm, not per
    # content change: the copy gets the project's own bundle when it has one (bench()), and
    # make is told not to remake it, so `publish` times the build alone.
    return timed(["make", "--no-print-directory", "-o", f"{venv}/.runtime", "-o", ADMIN_BUNDLE,
                  target, f"VENV={venv}"], project, log, clean_env(**env))


def vanilla(project: Path, settings: Path, output: Path, log: Path) -> Run:
    shutil.rmtree(output, ignore_errors=True)
    return timed([sys.executable, "-m", "pelican", str(project / "content"), "-o", str(output),
                  "-s", str(settings), "-q"], project.parent, log)


KINDS = ("vanilla", "cold", "warm", "edit", "publish")
LABELS = {
    "vanilla": "vanilla Pelican 4.12",
    "cold": "make html, cold (fresh clone)",
    "warm": "make html, warm (no change)",
    "edit": "make html, one article edited",
    "publish": "make publish (+ Pagefind, .gz/.br)",
}


def one_round(project: Path, articles: int, settings: Path, vanilla_output: Path, logs: Path,
              vanilla_first: bool, kinds: tuple[str, ...] = KINDS) -> dict[str, Run]:
    runs = {}
    if vanilla_first:
        runs["vanilla"] = vanilla(project, settings, vanilla_output, logs / "vanilla.log")
    runs["cold"] = make("html", project, logs / "cold.log")
    runs["warm"] = make("html", project, logs / "warm.log")
    if "edit" in kinds:
        with open(project / "content" / EDITED.format(articles // 2), "a", encoding="utf-8") as handle:
            handle.write("\nUna frase aggiunta dal bench.\n")
        runs["edit"] = make("html", project, logs / "edit.log")
    if "publish" in kinds:
        runs["publish"] = make("publish", project, logs / "publish.log",
                               SITEURL="https://rart.example.org")
    if not vanilla_first:
        runs["vanilla"] = vanilla(project, settings, vanilla_output, logs / "vanilla.log")
    return runs


def bench(articles: int, rounds: int, work: Path, kinds: tuple[str, ...] = KINDS) -> dict[str, list[Run]]:
    template = work / f"project-{articles}"
    files = make_project(template, articles)
    if (ROOT / ADMIN_BUNDLE).is_file():  # built by make admin/publish/test: /admin/ is published
        shutil.copytree(ROOT / "admin" / "dist", template / "admin" / "dist")
    print(f"\ncorpus: the site's content + {articles} news × {len(LANGUAGES)} languages = "
          f"{files} Markdown files")
    settings = work / "vanilla.py"
    settings.write_text(VANILLA_SETTINGS.format(default=DEFAULT), encoding="utf-8")
    runs: dict[str, list[Run]] = {kind: [] for kind in kinds}
    for number in range(rounds):
        project = work / f"round-{articles}-{number}"
        shutil.rmtree(project, ignore_errors=True)
        shutil.copytree(template, project, symlinks=True)
        logs = work / f"logs-{articles}-{number}"
        logs.mkdir(exist_ok=True)
        ours = one_round(project, articles, settings, work / "vanilla-output", logs,
                         vanilla_first=number % 2 == 0, kinds=kinds)
        pages = {
            "rart": sum(1 for _ in (project / "output").rglob("*.html")),
            "vanilla": sum(1 for _ in (work / "vanilla-output").rglob("*.html")),
        }
        for kind in kinds:
            runs[kind].append(ours[kind])
        first = "vanilla first" if number % 2 == 0 else "vanilla last"
        print(f"round {number + 1} ({first}; load {ours['vanilla'].load:.1f}):")
        for kind in kinds:
            print(f"  {LABELS[kind]:<36} {ours[kind]}")
        print(f"  ratios: cold/vanilla {ours['cold'].wall / ours['vanilla'].wall:.2f}, "
              f"warm/vanilla {ours['warm'].wall / ours['vanilla'].wall:.2f}; "
              f"HTML pages: rart {pages['rart']}, vanilla {pages['vanilla']}")
        shutil.rmtree(project, ignore_errors=True)
    summarise(runs, files)
    shutil.rmtree(template, ignore_errors=True)
    return runs


def ratio(runs: dict[str, list[Run]], kind: str, measure: str) -> float:
    return statistics.median(getattr(a, measure) / getattr(b, measure)
                             for a, b in zip(runs[kind], runs["vanilla"]))


def summarise(runs: dict[str, list[Run]], files: int) -> None:
    print(f"\nmedians of {len(runs['vanilla'])} round(s)        wall        CPU     peak memory"
          "   wall per 1,000 files")
    for kind in runs:
        wall = statistics.median(r.wall for r in runs[kind])
        cpu = statistics.median(r.cpu for r in runs[kind])
        peak = max(r.peak for r in runs[kind]) / 1024
        print(f"  {LABELS[kind]:<36} {wall:7.2f} s {cpu:8.2f} s {peak:8.0f} MB"
              f"   {wall / files * 1000:6.2f} s")
    for kind, target in (("cold", 2.0), ("warm", 1.2)):
        wall, cpu = ratio(runs, kind, "wall"), ratio(runs, kind, "cpu")
        verdict = "within" if wall <= target else "OVER"
        print(f"  {kind}/vanilla: {wall:.2f} (CPU {cpu:.2f}); target ≤ {target}: {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", default="500",
                        help="news items per language; a comma-separated list runs each size")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-publish", action="store_true",
                        help="time cold, warm and vanilla only (the growth runs: no edit, no publish)")
    parser.add_argument("--keep", type=Path, help="work here and keep it (else a temp folder)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.articles.split(",")]

    import pelican

    print(f"machine: {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}, Pelican {pelican.__version__}; "
          f"load average {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="rart-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    growth = {}
    try:
        for size in sizes:
            kinds = ("vanilla", "cold", "warm") if args.no_publish else KINDS
            runs = bench(size, args.rounds, work, kinds)
            files = size * len(LANGUAGES)
            growth[size] = {kind: statistics.median(r.wall for r in runs[kind]) / files * 1000
                            for kind in ("cold", "warm", "vanilla")}
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if len(sizes) > 1:
        print("\ngrowth: wall seconds per 1,000 news files (cold, warm, vanilla)")
        for size, per in growth.items():
            print(f"  {size:>5} news × {len(LANGUAGES)}: cold {per['cold']:.2f}, "
                  f"warm {per['warm']:.2f}, vanilla {per['vanilla']:.2f}")
    print(f"load average at the end: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
