"""The print materials of the site: which items get them, what each PDF shows, and where
it is published. PDFs are drawn once per content: each is kept in PRINT_CACHE_PATH under a
hash of everything it shows (texts, the photo's bytes, the fonts' bytes, the colours, the
layout's and the libraries' versions, the build's date), as images are, and copied from
there into the output.

Drawing happens the first time a template asks for the files (`print_materials(page)`),
once for the whole site: by then every generator has read its content and the images
plugin has published the photo derivatives the PDFs embed (never an editor's original, which
may carry GPS coordinates in its EXIF)."""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from markupsafe import Markup

from rart.catalogs import load_catalog
from rart.clock import build_time
from rart.contract import prints
from rart.site import Site

from .layout import Fonts, Job, render

logger = logging.getLogger(__name__)

# Bump when the layout changes, so every cached PDF is drawn again.
LAYOUT_VERSION = 2
# The file word of each paper size in the address (Italian, as every address): its kind.
FORMATS = (("a4", "manifesto-a4", "poster"), ("a5", "volantino-a5", "flyer"))
CONTEXT_KEY = "PRINT"
LISTS = ("articles", "hidden_articles", "pages", "hidden_pages")


@dataclass(frozen=True)
class PrintFile:
    """One published PDF, as templates and the materials library show it."""

    url: str  # from the site root, no leading slash
    save_as: str
    lang: str  # the language of its text
    page: str  # "a4" or "a5"
    kind: str  # "poster" or "flyer"
    bytes: int
    title: str  # the item's title, plain text
    item_key: str
    content_type: str


def translate(catalog, message: str) -> str:
    """`message` in the catalog's language (extracted by `make extract`: keyword translate:2)."""
    return catalog.gettext(message)


def plain(value) -> str:
    return " ".join(html.unescape(Markup(str(value or "")).striptags()).split())


def _libraries() -> str:
    from importlib.metadata import version

    return ",".join(f"{name}={version(name)}" for name in ("fpdf2", "uharfbuzz", "segno"))


def _digest(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _draw(job: Job) -> bytes:
    return render(job)


class PrintRegistry:
    def __init__(self, context, settings, output_path: str, fonts: Fonts):
        self.context = context
        self.settings = settings
        self.output = Path(output_path)
        self.site = Site.of(context, settings)
        self.fonts = fonts
        self.cache = Path(settings.get("PRINT_CACHE_PATH") or Path(output_path).parent / "cache-print")
        self.workers = settings.get("PRINT_WORKERS") or os.cpu_count() or 1
        self.files: dict[tuple[str, str], list[PrintFile]] | None = None
        self.drawn = 0  # PDFs this build had to draw (0 with a warm cache)

    # --- what is printed --------------------------------------------------------------------
    def items(self) -> list:
        found = []
        for name in LISTS:
            for original in self.context.get(name, []):
                for item in [original, *getattr(original, "translations", [])]:
                    if getattr(item, "save_as", "") and prints(
                            item.content_type, item.metadata.get("print")):
                        found.append(item)
        return found

    def _photo(self, item) -> tuple[str, tuple[int, int]] | None:
        """The largest JPEG or PNG derivative of the item's image up to 1600 px wide, as the
        images plugin published it (public attribute `hero_picture`)."""
        picture = getattr(item, "hero_picture", None)
        if picture is None:
            return None
        siteurl = self.settings.get("SITEURL", "")
        candidates = []
        for part in picture.srcset.split(","):
            url, _, width = part.strip().rpartition(" ")
            if url.startswith(siteurl):
                url = url[len(siteurl):]
            candidates.append((int(width.rstrip("w")), url.lstrip("/")))
        fitting = [c for c in sorted(candidates) if c[0] <= 1600] or sorted(candidates)[:1]
        if not fitting:
            return None
        width, rel = fitting[-1]
        path = self.output / rel
        if not path.is_file():
            return None
        height = round(width * picture.height / picture.width)
        return str(path), (width, height)

    def jobs(self) -> list[tuple[Any, str, str, Job]]:
        """(item, page, file word, Job) for every PDF of the site."""
        settings = self.settings
        origin = settings["SITE_ORIGIN"].rstrip("/")
        shown_origin = origin.split("://", 1)[-1]
        colors = dict(settings["IMAGES_CARD"]["colors"])
        palette = (("brand", colors["brand"]), ("text", colors["text"]),
                   ("accent", colors["accent"]), ("white", "#ffffff"))
        directory = Path(settings["I18N_TRANSLATIONS_DIR"])
        catalogs = {}
        created = int(build_time().timestamp())
        found = []
        for item in self.items():
            language = self.site.languages[item.lang]
            if item.lang not in catalogs:
                catalogs[item.lang] = load_catalog(directory, item.lang, language.locale,
                                                   "messages")
            catalog = catalogs[item.lang]
            # What the sheet is, and whether it is over: a sheet printed for a campaign that
            # ended or an event that is past says so above its title.
            ended = (str(getattr(item, "campaign_status", "")).strip().lower() == "past"
                     if item.content_type == "campaign"
                     else not getattr(item, "is_upcoming", True))
            if ended:
                kickers = {"campaign": translate(catalog, "Past campaign"),
                           "event": translate(catalog, "Past event")}
            else:
                kickers = {"campaign": translate(catalog, "Campaign"),
                           "event": translate(catalog, "Event")}
            short = self.site.short_link(item.key, item.lang).url
            photo = self._photo(item)
            details = tuple(plain(line) for line in getattr(item, "print_details", None) or ())
            for page, word, _ in FORMATS:
                job = Job(
                    page=page, lang=item.lang, rtl=language.rtl, doc_title=plain(item.title),
                    site_name=settings["SITENAME"], kicker=kickers.get(item.content_type, ""),
                    title=plain(item.title), details=details, summary=plain(item.summary),
                    cta=plain(getattr(item, "cta_label", "")) if item.content_type == "campaign" else "",
                    scan_text=translate(catalog, "Scan the code with your phone, or type the address below it."),
                    qr_url=f"{origin}/{short}", printed_link=f"{shown_origin}/{short}".rstrip("/"),
                    photo=photo[0] if photo else None, photo_size=photo[1] if photo else None,
                    fonts=self.fonts, colors=palette, created=created,
                )
                found.append((item, page, word, job))
        return found

    def key(self, job: Job) -> str:
        """A hash of everything the PDF shows: files by their bytes, not their paths."""
        fields = asdict(job)
        fields["photo"] = _digest(job.photo) if job.photo else None
        fields["fonts"] = [_digest(path) for path in asdict(job.fonts).values()]
        fields["versions"] = [LAYOUT_VERSION, _libraries()]
        return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()

    # --- drawing and publishing -------------------------------------------------------------
    def ensure(self) -> None:
        """Draw what the cache lacks (over every core), publish every PDF. Once per build."""
        if self.files is not None:
            return
        self.files = {}
        jobs = self.jobs()
        keyed = [(item, page, word, job, self.key(job)) for item, page, word, job in jobs]
        missing = {key: job for _, _, _, job, key in keyed if not self._cached(key).is_file()}
        self.drawn = len(missing)
        self._draw_all(missing)
        kinds = {page: kind for page, _, kind in FORMATS}
        for item, page, word, _, key in keyed:
            address = self.site.print_file(item.key, item.lang, word)
            target = self.output / address.save_as
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self._cached(key), target)
            self.files.setdefault((item.content_type, item.key), []).append(PrintFile(
                url=address.url, save_as=address.save_as, lang=item.lang, page=page,
                kind=kinds[page], bytes=target.stat().st_size, title=plain(item.title),
                item_key=item.key, content_type=item.content_type))

    def _cached(self, key: str) -> Path:
        return self.cache / key[:2] / f"{key}.pdf"

    def _draw_all(self, missing: dict[str, Job]) -> None:
        if not missing:
            return
        keys = list(missing)
        jobs = [missing[k] for k in keys]
        if self.workers <= 1 or len(jobs) <= 2:
            results = [_draw(job) for job in jobs]
        else:
            # Spawned, not forked (see plugins/images/jobs.py): workers import this module
            # again by its name, which the project's editable install provides.
            with ProcessPoolExecutor(max_workers=min(self.workers, len(jobs)),
                                     mp_context=get_context("spawn")) as pool:
                results = list(pool.map(_draw, jobs, chunksize=1))
        for key, data in zip(keys, results):
            self._store(key, data)

    def _store(self, key: str, data: bytes) -> None:
        """Written to a temporary file and renamed: a stopped build or two builds at once
        never leave half a PDF in the cache."""
        target = self._cached(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix="tmp-", suffix=".pdf", dir=target.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)

    # --- what templates and the library read ------------------------------------------------
    def for_item(self, item) -> list[PrintFile]:
        """The PDFs of an item and its translations: its own language first, then the others
        in the language table's order; the poster before the flyer."""
        self.ensure()
        assert self.files is not None
        files = self.files.get((getattr(item, "content_type", ""), getattr(item, "key", "")), [])
        order = list(self.site.languages)
        return sorted(files, key=lambda f: (f.lang != item.lang, order.index(f.lang), f.page))

    def all_files(self) -> list[PrintFile]:
        self.ensure()
        assert self.files is not None
        return [f for files in self.files.values() for f in files]

