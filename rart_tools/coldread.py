"""A cold build reads its Markdown on every core: worker processes fill Pelican's reader cache
before Pelican starts, while this process checks the content, and then draw the share cards
of what they read while Pelican writes the site.

Pelican reads every file in one process: Python-Markdown, `smarty` and the site's reader
(plugins/markup) are most of a cold build's time. When the reader cache of this build's
fingerprint has no file yet for a generator (a fresh clone, new code or settings, `make
publish`'s own settings), `ColdRead` starts worker processes that read those files with the
same reader, the same settings and the same plugins, and `write` stores what they read as the
cache file Pelican then loads, exactly as a warm build loads the one the last build saved
(contentcache.py). Pelican still checks each entry's stamp, so a file changed meanwhile is
read again. A warm build, or one that changed a few files, starts no process.

What a worker keeps is only what Pelican itself would have cached: the reader's result, with
the stamp taken before the file was read. A file whose reading logs anything (a warning, a
refused file) or fails is left out, so that Pelican reads it again and the editor sees the
message from the build, as without this step. The result therefore depends neither on the
number of workers nor on the order they finish in (tests/test_coldread.py builds the same
site both ways and compares every byte).

The workers also return the share card each item will most likely need (the images plugin's
own guess, plugins/images/site.py `early_card_job`), and `write` hands those to the same
workers, in batches, after the reading: the images plugin adopts them (plugins/images/jobs.py
`EARLY`) instead of drawing them again, and draws itself whatever the guess missed.
"""

from __future__ import annotations

import contextlib
import fnmatch
import gzip
import logging
import os
import pickle
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

# Pelican's reader cache files (pelican.generators.CachingGenerator: class name + "-Readers")
# and the settings naming the folders each generator reads.
CACHES = {
    "ArticlesGenerator-Readers": ("ARTICLE_PATHS", "ARTICLE_EXCLUDES"),
    "PagesGenerator-Readers": ("PAGE_PATHS", "PAGE_EXCLUDES"),
}
MIN_FILES = 64  # fewer files to read than this: starting processes costs more than it saves
NICE = 10  # the workers' priority below the build's process (os.nice)
CHUNK = 32  # files per task: few enough round trips, small enough to share out evenly


def source_files(settings: dict, paths_setting: str, excludes_setting: str,
                 extensions: tuple[str, ...]) -> list[str]:
    """The files a generator reads (pelican.generators.Generator.get_files), absolute. One
    more or one fewer than Pelican reads costs time only: an entry nobody asks for is never
    used, a file without one is read by Pelican."""
    root = settings["PATH"]
    ignores = settings.get("IGNORE_FILES") or []
    excluded = {os.path.normpath(os.path.join(root, e)) for e in settings.get(excludes_setting) or []}
    found = []
    for folder in settings.get(paths_setting) or []:
        top = os.path.join(root, folder) if folder else root
        for dirpath, dirs, files in os.walk(top, followlinks=True):
            dirs[:] = sorted(d for d in dirs if os.path.join(dirpath, d) not in excluded
                             and not any(fnmatch.fnmatch(d, i) for i in ignores))
            for name in sorted(files):
                if name.rsplit(".", 1)[-1] in extensions and not any(
                        fnmatch.fnmatch(name, i) for i in ignores):
                    found.append(os.path.abspath(os.path.join(dirpath, name)))
    return found


class ColdRead:
    """Reads, in worker processes, the files of the generators whose reader cache file is
    missing from ``shared`` (the build's cache folder). Starts nothing when there are few."""

    def __init__(self, settings: dict, shared: Path, workers: int | None = None):
        from pelican.readers import MarkdownReader

        self.gzip = bool(settings.get("GZIP_CACHE"))
        self.futures: dict[str, list[Future]] = {}
        self.pool: ProcessPoolExecutor | None = None
        extensions = tuple(MarkdownReader.file_extensions)
        todo = {name: source_files(settings, *names, extensions)
                for name, names in CACHES.items() if not (shared / name).exists()}
        if sum(len(files) for files in todo.values()) < MIN_FILES:
            return
        workers = workers or os.cpu_count() or 1
        try:
            self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context(_method()),
                                            initializer=_start, initargs=(dict(settings),))
            for name, files in todo.items():
                self.futures[name] = [self.pool.submit(_read, files[i:i + CHUNK])
                                      for i in range(0, len(files), CHUNK)]
        except Exception:  # noqa: BLE001 - no workers here (a sandbox): Pelican reads it all
            self.close()
            self.futures = {}

    def write(self, folder: Path) -> None:
        """Wait for the workers and store what they read as the reader cache files in
        ``folder`` (the build's private copy of the cache), where none is yet."""
        cards = []
        for name, futures in self.futures.items():
            entries: dict = {}
            for future in futures:
                try:
                    read, jobs = future.result()
                except Exception:  # noqa: BLE001 - a worker lost: Pelican reads those files
                    continue
                entries.update(read)
                cards += jobs
            target = folder / name
            if entries and not target.exists():
                # A cache file that cannot be written: Pelican reads the files itself.
                with contextlib.suppress(OSError), (gzip.open if self.gzip else open)(
                        target, "wb") as handle:
                    pickle.dump(entries, handle)
        self.futures = {}  # what they read is in the file now: not kept twice in memory
        if cards and self.pool is not None:
            # The share cards of what was read, drawn by the same workers while Pelican
            # builds; the images plugin waits for them (plugins/images/jobs.py, EARLY).
            from plugins.images.jobs import submit_early

            with contextlib.suppress(Exception):  # a broken pool: the images plugin draws them
                submit_early(self.pool, cards)

    def close(self) -> None:
        """Stop the workers once the build is over (the cards nobody waited for were
        guesses that did not come true: they are dropped)."""
        if self.pool is not None:
            from plugins.images.jobs import EARLY, LENT

            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
            EARLY.clear()
            LENT.clear()


def _method() -> str:
    """Forked when this process has no other thread (``make html``): a fork starts with what
    this process has imported and costs about a third of the CPU of a spawned process, which
    imports Pelican, Markdown and the plugins again (0.5 against 1.1 to 1.4 s for two
    workers). Spawned otherwise (the preview serves pages from threads): a fork would copy a
    lock another thread holds. A pool that forks starts all its workers at once, before its
    own manager thread."""
    import multiprocessing
    import threading

    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


# --- in the worker processes ----------------------------------------------------------------
_readers = None
_settings: dict = {}


class _Logged(logging.Handler):
    """Notes that the file being read logged something Pelican's log would show."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, record):
        self.seen = True


_logged = _Logged()


def _start(settings: dict) -> None:
    """Register the site's plugins, as Pelican does (the reader is one of them), and make
    Pelican's readers."""
    global _readers, _settings
    _settings = settings
    # The build's own process is the one everything waits for (its checks, then Pelican's
    # reading and writing); the workers' reading and cards fill what CPU it leaves.
    with contextlib.suppress(OSError):
        os.nice(NICE)
    from pelican.plugins._utils import load_plugins
    from pelican.readers import Readers

    root = logging.getLogger()
    root.handlers = [_logged]  # a forked worker has its parent's: it must print nothing
    root.setLevel(logging.WARNING)
    for plugin in load_plugins(settings):
        plugin.register()
    # No cache of its own: it only reads, and computes stamps as Pelican does.
    _readers = Readers({**settings, "LOAD_CONTENT_CACHE": False}, "")


def _read(paths: list[str]) -> tuple[dict, list]:
    """Pelican's reader cache entries of ``paths`` (pelican.readers.Readers.read_file), and
    the jobs of the share cards their pages will need that the cache lacks."""
    from pelican.readers import _filter_discardable_metadata
    from pelican.utils import file_suffix

    entries, cards = {}, []
    assert _readers is not None, "_start runs first"
    for path in paths:
        reader = _readers.readers.get(file_suffix(path))
        if reader is None:
            continue
        # The stamp first: a file changed while it is read gets a stamp that no longer
        # matches, and Pelican reads it again.
        stamp = _readers._get_file_stamp(path)
        _logged.seen = False
        try:
            content, metadata = reader.read(path)
        except Exception:  # noqa: BLE001 - Pelican reads it again, and reports it
            continue
        if _logged.seen:
            continue
        metadata = _filter_discardable_metadata(metadata)
        entries[path] = (stamp, (content, metadata))
        card = _card(path, reader, metadata)
        if card is not None:
            cards.append(card)
    return entries, cards


def _card(path: str, reader, metadata: dict):
    """The card job plugins/images will ask for, from the metadata Pelican will give the
    item (pelican.readers.Readers.read_file, then plugins/i18n); None if there is none, or
    anything is unexpected: the build then draws what it needs itself."""
    from pelican.readers import parse_path_metadata
    from pelican.utils import posixize_path

    from plugins.i18n.metadata import complete_metadata
    from plugins.images.site import early_card_job
    from rart.site import Site

    try:
        source = posixize_path(os.path.relpath(path, _settings["PATH"]))
        full = {**parse_path_metadata(source_path=source, settings=_settings,
                                      process=reader.process_metadata), **metadata}
        site = getattr(reader, "site", None)  # the site's reader has one (plugins/markup)
        complete_metadata(full, site if isinstance(site, Site) else Site.from_settings(_settings))
        return early_card_job(_settings, full)
    except Exception:  # noqa: BLE001 - a guess only
        return None
