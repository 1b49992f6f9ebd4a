"""The derivative cache: one folder per key under IMAGES_CACHE_PATH (outside output/, safe to
delete), holding the encoded files and a manifest.json that lists them. A key is a hash of the
source's bytes and of every setting that shapes the result (config.ImagesConfig.fingerprint),
so an unchanged image is never encoded twice and a changed setting never serves stale files.
Entries are written to a temporary folder and renamed into place, so a build that stops half
way, or two builds at once, never leave a partial entry behind."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile

MANIFEST = "manifest.json"


class Cache:
    def __init__(self, root: str):
        self.root = root

    def folder(self, key: str) -> str:
        return os.path.join(self.root, key[:2], key)

    def path(self, key: str, name: str) -> str:
        return os.path.join(self.folder(key), name)

    def load(self, key: str) -> dict | None:
        """The entry's manifest, or None if it is missing or incomplete."""
        try:
            with open(self.path(key, MANIFEST), encoding="utf-8") as handle:
                manifest = json.load(handle)
            for entry in manifest["files"]:
                if os.path.getsize(self.path(key, entry["file"])) != entry["bytes"]:
                    return None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return manifest

    def store(self, key: str, files: dict[str, bytes], manifest: dict) -> dict:
        """Write ``files`` and ``manifest`` (whose "files" list names them) as entry ``key``.
        A cold build stores thousands of entries: the folders are made only when missing,
        found by the call that needs them rather than checked before it."""
        try:
            staging = tempfile.mkdtemp(prefix="tmp-", dir=self.root)
        except FileNotFoundError:
            os.makedirs(self.root, exist_ok=True)
            staging = tempfile.mkdtemp(prefix="tmp-", dir=self.root)
        try:
            for name, data in files.items():
                with open(os.path.join(staging, name), "wb") as handle:
                    handle.write(data)
            with open(os.path.join(staging, MANIFEST), "w", encoding="utf-8") as handle:
                json.dump(manifest, handle, indent=1, sort_keys=True)
            final = self.folder(key)
            try:
                os.rename(staging, final)
            except FileNotFoundError:  # the first entry of its two-letter folder
                os.makedirs(os.path.dirname(final), exist_ok=True)
                self._replace(staging, final)
            except OSError:  # a stale or incomplete entry, or another build's just stored
                self._replace(staging, final)
        finally:
            if os.path.isdir(staging):  # not renamed into place
                shutil.rmtree(staging, ignore_errors=True)
        return manifest

    @staticmethod
    def _replace(staging: str, final: str) -> None:
        if os.path.isdir(final):
            shutil.rmtree(final, ignore_errors=True)
        with contextlib.suppress(OSError):  # another build stored the same entry meanwhile
            os.rename(staging, final)
