"""Pelican's reader cache for the safe build: a Markdown file is read (Markdown, then the site's
transforms) again only when its bytes change.

Pelican keeps, per content file, the HTML and metadata its reader returned (the "reader"
caching layer), checked by CHECK_MODIFIED_METHOD. It does not know what else that result
depends on: here the settings, the interface catalogs (the site's reader translates embed
notices, plugins/markup), the code of rart/ and plugins/, and the versions of Pelican and
Markdown. So the cache lives in a folder of CACHE_PATH named by a hash of all of them
(`fingerprint`): any change to one of them starts from an empty cache, never from stale HTML.

Pelican writes its cache files in place, which a second build running at the same time (a
preview and a `make html`) could read half-written, and a failed build would leave behind.
So each build works on its own copy, in its staging folder, and `commit` puts the copy back
with one atomic rename per file, only after the build succeeded.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import sys
import time
from pathlib import Path

KEEP = 4  # fingerprint folders always kept: other settings files, content folders, code versions
KEEP_SECONDS = 24 * 3600  # and any used today (tests build many content folders)
# Settings that differ between builds of the same site (make html, make devserver) without
# changing what is read or checked.
NOT_READ = {"OUTPUT_PATH", "CACHE_PATH", "CACHE_CONTENT", "LOAD_CONTENT_CACHE",
            "CONTENT_CHECKS_IN_PELICAN", "DELETE_OUTPUT_DIRECTORY", "PUBLISHING_SEARCH_INDEX",
            "PUBLISHING_PRECOMPRESS"}


def _plain(value) -> str:
    """JSON for what JSON has no type for (sets, compiled patterns, objects): stable across
    runs, never a memory address."""
    if isinstance(value, (set, frozenset)):
        return json.dumps(sorted(map(str, value)))
    pattern = getattr(value, "pattern", None)
    if isinstance(pattern, str):
        return pattern
    return f"{type(value).__module__}.{type(value).__qualname__}"


def _files(folder: Path, suffix: str) -> list[Path]:
    return sorted(p for p in folder.rglob(f"*{suffix}") if "__pycache__" not in p.parts)


def fingerprint(settings: dict) -> str:
    """A hash of everything the reader's result depends on besides the file itself."""
    import plugins
    import rart

    digest = hashlib.sha256()
    versions = [sys.version]
    for name in ("pelican", "markdown", "pygments"):
        try:
            versions.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name} -")
    digest.update(json.dumps(versions).encode())
    chosen = {k: v for k, v in settings.items() if k.isupper() and k not in NOT_READ}
    digest.update(json.dumps(chosen, sort_keys=True, default=_plain).encode())
    sources = [(Path(str(package.__file__)).parent, ".py") for package in (rart, plugins)]
    if settings.get("I18N_TRANSLATIONS_DIR"):
        sources.append((Path(settings["I18N_TRANSLATIONS_DIR"]), ".po"))
    for folder, suffix in sources:
        for path in _files(folder, suffix):
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


class ContentCache:
    """The reader cache of one build: `settings` point Pelican at a private copy (made by
    `prepare`), which `commit` puts back once the build has succeeded. Its folder also keeps
    the content checks' results per file (incremental.IncrementalChecks), which depend on
    the same things."""

    def __init__(self, settings: dict):
        self.shared = Path(settings["CACHE_PATH"]) / fingerprint(settings)
        self.private = self.shared  # until `prepare`
        self.checks = self.shared / ".checks.pickle"

    def settings(self) -> dict:
        """What to tell Pelican: cache every file read, load what the last build kept."""
        return {"CACHE_PATH": str(self.private), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
                "CONTENT_CACHING_LAYER": "reader"}

    def prepare(self, workdir: Path) -> None:
        self.private = workdir / "cache"
        self.private.mkdir(parents=True, exist_ok=True)
        if self.shared.is_dir():
            for path in self.shared.iterdir():
                if path.is_file() and not path.name.startswith("."):
                    shutil.copyfile(path, self.private / path.name)

    def commit(self) -> None:
        """Put this build's cache files in place, one atomic rename each, and forget the
        folders of fingerprints not used lately."""
        self.shared.mkdir(parents=True, exist_ok=True)
        for path in self.private.iterdir():
            if not path.is_file():
                continue
            try:
                os.replace(path, self.shared / path.name)
            except OSError:  # another filesystem: copy beside the target, then rename
                temporary = self.shared / f".{path.name}.{os.getpid()}"
                shutil.copyfile(path, temporary)
                os.replace(temporary, self.shared / path.name)
        os.utime(self.shared)
        folders = sorted((p for p in self.shared.parent.iterdir() if p.is_dir()),
                         key=lambda p: p.stat().st_mtime, reverse=True)
        now = time.time()
        for old in folders[KEEP:]:
            if now - old.stat().st_mtime > KEEP_SECONDS:
                shutil.rmtree(old, ignore_errors=True)
