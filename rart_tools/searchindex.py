"""The search index of the safe build, made again only when the pages it indexes change.

Pagefind reads every HTML page and writes one index per language (plugins/publishing runs
it after the build). On this site that is as much work as Pelican's whole build, and its
result depends only on the HTML pages and Pagefind's version. So the safe build (build.py)
runs Pelican without it, then looks for an index made from the same pages (the same bytes,
under the same names) in SEARCH_INDEX_CACHE_PATH: found, it is linked into place; not found,
the publishing plugin makes it (the same code as in a plain Pelican run), and a copy is
kept for next time. Precompression (make publish) comes after, as in a plain run.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

FOLDER = "pagefind"  # what Pagefind writes into the site
KEEP = 3  # indexes always kept: the last few versions of the site
KEEP_SECONDS = 24 * 3600  # and any used today


def pages_key(output: Path) -> str:
    """A hash of Pagefind's version and of every HTML page of ``output`` (name and bytes)."""
    digest = hashlib.sha256()
    try:
        digest.update(importlib.metadata.version("pagefind").encode())
    except importlib.metadata.PackageNotFoundError:
        digest.update(b"-")
    for path in sorted(output.rglob("*.html")):
        digest.update(path.relative_to(output).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:32]


def _link_tree(source: Path, target: Path) -> None:
    def link(src, dst):
        try:
            os.link(src, dst)
        except OSError:  # another filesystem, or links not allowed: a copy does
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link)


def publish_steps(settings: dict, output: Path) -> None:
    """After Pelican (run with the two steps off): the search index, from the cache or
    made and kept, then precompression, each as settings ask."""
    from plugins.publishing import index_and_compress

    if settings.get("PUBLISHING_SEARCH_INDEX"):
        cache = Path(settings["SEARCH_INDEX_CACHE_PATH"])
        entry = cache / pages_key(output)
        if (entry / FOLDER).is_dir():
            _link_tree(entry / FOLDER, output / FOLDER)
            os.utime(entry)
        else:
            index_and_compress(SimpleNamespace(
                settings={**settings, "PUBLISHING_PRECOMPRESS": False}, output_path=str(output)))
            if (output / FOLDER).is_dir():
                _keep(output / FOLDER, entry)
    if settings.get("PUBLISHING_PRECOMPRESS"):
        index_and_compress(SimpleNamespace(
            settings={**settings, "PUBLISHING_SEARCH_INDEX": False}, output_path=str(output)))


def _keep(folder: Path, entry: Path) -> None:
    """Store a copy of ``folder`` as ``entry`` (complete or not at all), forget old ones."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    staging = entry.with_name(f".{entry.name}.{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    _link_tree(folder, staging / FOLDER)
    try:
        os.rename(staging, entry)
    except OSError:  # another build stored the same index meanwhile
        shutil.rmtree(staging, ignore_errors=True)
    entries = sorted((p for p in entry.parent.iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    now = time.time()
    for old in entries[KEEP:]:
        if now - old.stat().st_mtime > KEEP_SECONDS:
            shutil.rmtree(old, ignore_errors=True)
