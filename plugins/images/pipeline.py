"""The pipeline as the build uses it, without Pelican: ask for (source, role) derivatives and
share cards, run what the cache does not have over every core, publish the files, and turn
them into Pictures and ShareCards. bench/images.py drives it the same way."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .cache import Cache
from .config import MIME, ImagesConfig
from .encode import EXTENSION, inspect
from .jobs import Background, CardJob, RoleJob, run_all
from .markup import Picture, ShareCard, build_picture


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "immagine"


@dataclass(frozen=True)
class SourceFile:
    rel: str  # from the content root: immagini/foto.jpg
    path: str
    label: str  # for messages: content/immagini/foto.jpg
    digest: str  # sha256 of the bytes
    bytes: int
    width: int  # as displayed (EXIF orientation applied)
    height: int
    format: str


@dataclass
class Request:
    key: str
    stem: str  # output path without width, hash and extension
    job: Any  # a jobs.RoleJob or jobs.CardJob
    manifest: Any = None  # the cache manifest (a dict) once encoded
    problem: tuple[str, dict] | None = None  # a message code and its values
    referrers: list[tuple[str, int | None]] = field(default_factory=list)  # (file, line) of each use
    wanted: bool = True  # False: asked for ahead of time, published only if asked for again
    background: bool = False  # being encoded in the background; `finish` publishes it
    published: bool = False  # its files are in the output folder

    def output_name(self, variant: dict) -> str:
        suffix = f"-{variant['width']}" if self.manifest["kind"] == "image" else ""
        return f"{self.stem}{suffix}.{self.key[:10]}.{EXTENSION[variant['format']]}"


class Pipeline:
    def __init__(self, config: ImagesConfig, content_root: str, output_path: str,
                 siteurl: str = "", label_root: str | None = None):
        self.config = config
        self.content_root = content_root
        self.output_path = output_path
        self.siteurl = siteurl.rstrip("/")
        self.label_root = label_root if label_root is not None else os.path.basename(
            os.path.normpath(content_root))
        self.cache = Cache(config.cache_path)
        self.sources: dict[str, SourceFile] = {}
        self.requests: dict[tuple, Request] = {}
        self.warnings: list[tuple[str, dict]] = []  # message codes and their values
        self.encoded = 0
        # Pelican keeps one core busy while cards are drawn in the background.
        self.background = Background(max(1, config.workers - 1))
        self._card_parts: dict[tuple, str] = {}  # the fingerprint of a card's fixed parts

    # --- asking -------------------------------------------------------------------------
    def label(self, rel: str) -> str:
        return f"{self.label_root}/{rel}" if self.label_root else rel

    def source(self, rel: str) -> SourceFile:
        """Hash and inspect a source once; raises ImageProblem if it is not a usable image."""
        if rel in self.sources:
            return self.sources[rel]
        path = os.path.join(self.content_root, rel)
        label = self.label(rel)
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        size = os.path.getsize(path)
        width, height, fmt = inspect(path, label)
        source = SourceFile(rel, path, label, digest.hexdigest(), size, width, height, fmt)
        megapixels = width * height / 1e6
        if megapixels > self.config.warn_megapixels or size > self.config.warn_source_bytes:
            self.warnings.append(("image-very-large", {
                "file": label,
                "megapixels": f"{megapixels:.0f}",
                "megabytes": f"{size / 1e6:.1f}",
                "max_megapixels": f"{self.config.warn_megapixels:g}",
                "max_megabytes": f"{self.config.warn_source_bytes / 1e6:.0f}",
            }))
        self.sources[rel] = source
        return source

    def image(self, rel: str, role: str, referrer: tuple[str, int | None]) -> Request:
        """The derivatives of source ``rel`` (from the content root) in ``role``."""
        source = self.source(rel)
        spec = self.config.role(role)
        request = self.requests.get(("image", rel, role))
        if request is None:
            key = hashlib.sha256(
                f"{source.digest}:{self.config.fingerprint(spec)}".encode()).hexdigest()
            folder, name = os.path.split(rel)
            parts = folder.split("/") if folder else []
            if parts and parts[0] == self.config.source_dir:
                parts = parts[1:]
            stem = "/".join([self.config.source_dir, *parts,
                             f"{slug(os.path.splitext(name)[0])}-{role}"])
            job = RoleJob(key, source.path, source.label, spec,
                          tuple(self.config.encoders.values()), self.config.max_bytes,
                          self.config.cache_path, weight=source.width * source.height)
            request = self.requests[("image", rel, role)] = Request(key, stem, job)
        request.referrers.append(referrer)
        return request

    def card(self, name: str, lang: str, rtl: bool, title: str, site_name: str,
             short_name: str, fonts: dict, photo_rel: str | None = None,
             wanted: bool = True) -> Request:
        """The share card ``name`` of language ``lang``; ``fonts`` maps bold and regular to
        fonts.FontStack. ``photo_rel`` is the page's image, drawn beside the title. A card
        asked for with ``wanted=False`` (ahead of time, see `prefetch`) is published only if
        it is asked for again."""
        card = self.config.card
        photo = self.source(photo_rel) if photo_rel else None
        if card.photo_share == 0:
            photo = None
        fixed = (fonts["bold"].hashes, fonts["regular"].hashes)
        if fixed not in self._card_parts:
            self._card_parts[fixed] = self.config.fingerprint(card, *fixed)
        variable = json.dumps([title, lang, rtl, site_name, short_name,
                               photo.digest if photo else None])
        key = hashlib.sha256(f"{self._card_parts[fixed]}:{variable}".encode()).hexdigest()
        request = self.requests.get(("card", key, name))
        if request is None:
            job = CardJob(key, title, lang, rtl, site_name, short_name, card,
                          fonts["bold"].paths, fonts["regular"].paths,
                          photo.path if photo else None, photo.label if photo else None,
                          self.config.max_bytes, self.config.cache_path,
                          weight=photo.width * photo.height if photo else 1)
            stem = f"{card.output_dir}/{lang}/{slug(name)}"
            request = self.requests[("card", key, name)] = Request(key, stem, job, wanted=wanted)
        elif wanted:
            request.wanted = True
        return request

    def prefetch(self, request: Request) -> None:
        """Start encoding a card in the background now, unless the cache has it."""
        if request.manifest is None and request.key not in self.background:
            request.manifest = self.cached(request)
            if request.manifest is None:
                self.background.submit(request.job)

    # --- running ------------------------------------------------------------------------
    def run(self, background: bool = False, only: list[Request] | None = None) -> list[Request]:
        """Encode what the cache lacks, in parallel; publish every file (of the requests in
        ``only``, when given). Returns the requests that failed (their ``problem`` says why).

        With ``background``, share cards the cache lacks are encoded in worker processes
        while the build goes on: their manifest is the one they will have (a card's file
        name, format and size are known beforehand), and `finish` publishes them."""
        pending: dict[str, object] = {}
        wanted = [r for r in (self.requests.values() if only is None else only) if r.wanted]
        for request in wanted:
            if request.manifest is None and request.key not in self.background:
                request.manifest = self.cached(request)
            if request.manifest is not None:
                continue
            if request.key in self.background or (background and isinstance(request.job, CardJob)):
                self.background.submit(request.job)
                request.background = True
                request.manifest = expected_card_manifest(request.job)
            else:
                pending.setdefault(request.key, request.job)
        self.encoded = len(pending) + len({r.key for r in wanted if r.background})
        results = {r.key: r for r in run_all(list(pending.values()), self.config.workers)}
        failed = []
        for request in wanted:
            if request.manifest is None:
                result = results[request.key]
                request.manifest, request.problem = result.manifest, result.problem
            if request.manifest is None:
                failed.append(request)
            elif not request.background:
                self._publish(request)
        if only is None and not any(r.background for r in wanted):
            self.background.close(keep=set())
        return failed

    def finish(self) -> list[Request]:
        """Wait for the cards encoded in the background and publish them; returns those that
        failed. Their pages already name them: a card that did not come out as expected is
        a bug, and stops the build."""
        wanted = [r for r in self.requests.values() if r.wanted and r.background]
        failed = []
        for request in wanted:
            result = self.background.result(request.key)
            if result.problem is not None:
                request.problem = result.problem
                failed.append(request)
                continue
            expected = expected_card_manifest(request.job)["files"][0]
            made = (result.manifest or {"files": [{}]})["files"][0]
            if any(made.get(k) != expected[k] for k in ("format", "width", "height", "file")):
                raise RuntimeError(f"share card {request.stem} came out as {made}, not {expected}")
            request.manifest = result.manifest
            request.background = False
            self._publish(request)
        self.background.close(keep={r.key for r in wanted})
        return failed

    def cached(self, request: Request) -> dict | None:
        """The manifest of what the cache holds for ``request``, or None."""
        if not isinstance(request.job, CardJob):
            return self.cache.load(request.key)
        manifest = expected_card_manifest(request.job)
        variant = manifest["files"][0]
        variant["bytes"] = self.cache.file_size(request.key, variant["file"])
        return manifest if variant["bytes"] is not None else None

    def _publish(self, request: Request) -> None:
        for variant in request.manifest["files"]:
            target = os.path.join(self.output_path, request.output_name(variant))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            source = (self.cache.file_path(request.key, variant["file"])
                      if request.manifest["kind"] == "card" else self.cache.path(request.key, variant["file"]))
            place(source, target)
        request.published = True

    # --- results ------------------------------------------------------------------------
    def picture(self, request: Request, alt: str) -> Picture:
        role = request.job.role
        return build_picture(request.manifest,
                             lambda v: f"{self.siteurl}/{request.output_name(v)}",
                             role.name, role.sizes, alt)

    def fallback_path(self, request: Request) -> str:
        """The largest fallback (JPEG or PNG), from the site root: what a plain link gets."""
        variants = [v for v in request.manifest["files"] if v["format"] == request.manifest["fallback"]]
        return request.output_name(max(variants, key=lambda v: v["width"]))

    def share_card(self, request: Request, alt: str) -> ShareCard:
        variant = request.manifest["files"][0]
        return ShareCard(request.output_name(variant), variant["width"], variant["height"],
                         MIME[variant["format"]], alt)


def place(source: str, target: str) -> None:
    """Publish a cached file: a hard link (no bytes written: the file's name carries its
    content's hash and nothing writes to it again), or a copy across filesystems."""
    temporary = f"{target}.{os.getpid()}.tmp"
    try:
        os.link(source, temporary)
        os.replace(temporary, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        shutil.copyfile(source, target)


def expected_card_manifest(job: CardJob) -> dict:
    """The manifest a card will have once encoded (jobs.CardJob.run makes it so)."""
    fmt = "jpeg" if job.photo else "png"
    return {"kind": "card", "fallback": fmt, "files": [
        {"format": fmt, "width": job.card.width, "height": job.card.height,
         "file": f"card.{EXTENSION[fmt]}", "bytes": None}]}
