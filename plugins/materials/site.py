"""The materials plugin inside a Pelican build: take every non-image static file out of
Pelican's copy list, publish clean copies of the downloads, and build the registry."""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import pikepdf
from pelican.generators import StaticGenerator

from rart.images import is_image_path
from rart.links import split_marker
from rart.materials import (
    BY_EXTENSION,
    MAGIC_BYTES,
    SYSTEM_JUNK,
    Download,
    judge,
    language_of,
    name_problem,
    parse_material_lines,
)
from rart.messages import Messages
from rart.problems import Problem
from rart.site import Site

from .office import OfficeRefused, clean_office
from .pdf import PdfRefused, clean_pdf

logger = logging.getLogger(__name__)
# Part of the cache key: a change in how files are cleaned makes every copy again.
PROCESSOR = f"materials-1 pikepdf-{pikepdf.__version__}"


def clean(kind: str, data: bytes) -> bytes:
    """The clean copy of a download of `kind`. Raises PdfRefused or OfficeRefused."""
    if kind == "pdf":
        return clean_pdf(data)
    if kind in ("docx", "odt"):
        return clean_office(data, kind)
    return data  # plain text: judge() has read all of it


class Materials:
    def __init__(self, generators):
        self.generators = generators
        self.context = generators[0].context
        self.settings = generators[0].settings
        self.site = Site.of(self.context, self.settings)
        self.messages = Messages.for_settings(self.settings)
        self.output = Path(generators[0].output_path)
        self.cache = Path(self.settings.get("MATERIALS_CACHE_PATH") or
                          os.path.join(os.path.dirname(self.settings["PATH"]), "cache", "materials"))
        self.downloads: dict[str, Download] = {}

    def problem(self, rel: str, code: str, params: dict) -> None:
        text = Problem(self.site.shown(rel), None, code, params).format(self.messages)
        try:
            logger.error("%s", text)
        except RuntimeError:  # pelican.log.FatalLogger under --fatal: stop quietly
            raise SystemExit(1) from None

    def cached(self, kind: str, data: bytes) -> bytes:
        key = hashlib.sha256(f"{PROCESSOR}:{kind}:".encode() + data).hexdigest()
        path = self.cache / key[:2] / key
        if path.is_file():
            return path.read_bytes()
        result = clean(kind, data)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(result)
        os.replace(temporary, path)
        return result

    def take(self, static) -> bool:
        """Handle one static file; True when Pelican must not copy it (every file but the
        images the images plugin publishes)."""
        rel = static.relative_source_path.replace(os.sep, "/")
        name = rel.rpartition("/")[2]
        if not self.site.contains(static.source_path):
            self.problem(rel, "symlink-outside", {"target": os.path.realpath(static.source_path)})
            return True
        if name in SYSTEM_JUNK:
            return True  # left by an operating system: never published, nothing to say
        if any(part.startswith(".") for part in rel.split("/")):
            self.problem(rel, "material-hidden", {})
            return True
        folder = self.site.materials_dir
        if is_image_path(rel):
            if rel.startswith(folder + "/"):
                self.register(rel, name, "image", _published_image(static, self.output))
            return False  # the images plugin's
        if not rel.startswith(folder + "/"):
            self.problem(rel, "static-not-material", {"folder": f"content/{folder}/"})
            return True
        problem = name_problem(name, self.site.languages)
        if problem:
            self.problem(rel, problem[0], {"name": name, "suggestion": problem[1]})
            return True
        try:
            data = Path(static.source_path).read_bytes()
        except OSError as error:
            self.problem(rel, "unreadable", {"detail": error.strerror or str(error)})
            return True
        verdict = judge(name, data if name.endswith(".txt") else data[:MAGIC_BYTES], len(data))
        if not verdict.ok or verdict.kind is None:
            self.problem(rel, verdict.code or "material-type", verdict.params or {})
            return True
        try:
            published = self.cached(verdict.kind.name, data)
        except (PdfRefused, OfficeRefused) as error:
            self.problem(rel, "material-unreadable", {"kind": verdict.kind.name.upper(), "detail": error})
            return True
        target = self.output / static.save_as
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(published)
        url, size = static.url, len(published)
        self.register(rel, name, verdict.kind.name, lambda: (url, size))
        return True

    def register(self, rel: str, name: str, kind: str, published) -> Download:
        media = BY_EXTENSION[name.rpartition(".")[2].lower()].media_type
        download = Download(path=rel, name=name, key=name.split(".")[0],
                            lang=language_of(name, self.site.languages), kind=kind,
                            media_type=media, labels={}, published=published)
        self.downloads[rel] = download
        return download

    def label(self) -> None:
        """Labels from the campaigns' Materials fields, per language."""
        for key in ("pages", "hidden_pages"):
            for original in self.context.get(key, []):
                for item in [original, *getattr(original, "translations", [])]:
                    for line in parse_material_lines(item.metadata.get("materials")) or []:
                        marked = split_marker(line.target)
                        if marked is None:
                            continue
                        download = self.downloads.get(marked.path.lstrip("/"))
                        if download is not None:
                            download.labels.setdefault(item.lang, line.label)
                            download.linked_from.setdefault(
                                item.lang, (getattr(item, "content_type", ""), getattr(item, "key", "")))

    def run(self) -> None:
        for generator in self.generators:
            if isinstance(generator, StaticGenerator):
                generator.staticfiles[:] = [s for s in generator.staticfiles if not self.take(s)]
        self.label()
        self.context["MATERIALS"] = [self.downloads[k] for k in sorted(self.downloads)]


def _published_image(static, output: Path):
    """(url, size) of an image download when a template asks: the images plugin has decided by
    then whether it is published and where."""

    def published() -> tuple[str, int]:
        path = output / static.save_as
        return (static.url, path.stat().st_size) if path.is_file() else ("", 0)

    return published


def process(generators) -> None:
    Materials(generators).run()
