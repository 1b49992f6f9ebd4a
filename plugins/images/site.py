"""The images plugin inside a Pelican build: find every image the content refers to, run the
pipeline once for the whole site, then give pages their pictures and share cards.

Reads Pelican's content objects and changes them (their HTML, a few attributes, the static
files list); the decisions are in the pure modules next to this one."""

from __future__ import annotations

import html
import logging
import os
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from pelican.generators import Generator, StaticGenerator

from rart.images import (
    EXAMPLE_ALT,
    Alt,
    classify_alt,
    find_image,
    is_external,
    is_image_path,
    normalise_src,
)
from rart.messages import Messages
from rart.problems import Problem
from rart.site import Site

from .config import ImagesConfig, ImagesSettingsError, load_config
from .fonts import FontsMissing, check_layout, check_stack, index_font_dirs, resolve_stack
from .pipeline import Pipeline, Request
from .problems import ImageProblem, report, stop
from .references import front_matter_line, image_lines, img_attributes

logger = logging.getLogger(__name__)


def settings_and_fonts(settings: dict) -> tuple[ImagesConfig, dict]:
    """Validated settings and the card fonts; stops the build, saying what to install, if
    this machine cannot make AVIF files or draw Arabic correctly."""
    from PIL import features

    try:
        config = load_config(settings)
    except ImagesSettingsError as problem:
        stop(logger, str(problem))
    messages = Messages.for_settings(settings)
    if not features.check("avif") or not features.check("webp"):
        stop(logger, Problem("Pillow", None, "no-avif").format(messages))
    try:
        check_layout()
        index = index_font_dirs(config.card.font_dirs)
        fonts = {}
        for weight in ("bold", "regular"):
            fonts[weight] = resolve_stack(getattr(config.card, weight), index)
            check_stack(fonts[weight], messages.text(f"weight-{weight}"), config.card.font_dirs)
    except FontsMissing as problem:
        stop(logger, Problem("IMAGES_CARD", None, problem.code, problem.params).format(messages))
    return config, fonts


class _EmptyAltFromPelican(logging.Filter):
    """Pelican's reader warns "Empty alt attribute for image …" with neither line nor advice;
    this plugin reports the same image as an error that has both, so the warning is dropped."""

    def filter(self, record):
        return not str(record.msg).startswith("Empty alt attribute for image")


def check_environment(pelican) -> None:
    """At start-up, before any content is read: fail early on a machine that lacks a piece."""
    settings_and_fonts(pelican.settings)
    readers = logging.getLogger("pelican.readers")
    if not any(isinstance(f, _EmptyAltFromPelican) for f in readers.filters):
        readers.addFilter(_EmptyAltFromPelican())


def forget_missing_images(generator) -> None:
    """Drop {static} links to image files that do not exist before Pelican's StaticGenerator
    tries to read them (and stops with a traceback): the plugin reports each one later, with
    the file and line that refer to it."""
    links = generator.context.get("static_links")
    if not links:
        return
    root = generator.settings["PATH"]
    source_dir = generator.settings.get("IMAGES_SOURCE_DIR", "immagini").strip("/") + "/"
    for link in list(links):
        image = link.startswith(source_dir) or is_image_path(link)
        if image and not os.path.isfile(os.path.join(root, link)):
            links.discard(link)


def _items(context):
    """Every content item that is published or shown somewhere (drafts never are)."""
    for key in ("articles", "pages", "hidden_pages", "hidden_articles"):
        for item in context.get(key, []):
            yield item, None
            for translation in getattr(item, "translations", []):
                yield translation, item


@dataclass
class Use:
    """One <img> of a content item (in the order of its HTML)."""

    request: Request | None  # None: the reference could not be used (already reported)
    alt: Alt
    where: tuple[str, int | None]  # the file and line that refer to the image


def _title(value) -> str:
    return " ".join(html.unescape(Markup(str(value)).striptags()).split())


def _read(item) -> str:
    try:
        with open(item.source_path, encoding="utf-8") as handle:
            return handle.read()
    except OSError:
        return ""


def _card_request(pipeline: Pipeline, settings: dict, fonts: dict, content_type: str, key: str,
                  lang: str, title, photo_rel: str | None, wanted: bool = True) -> Request:
    site_name = settings["SITENAME"]
    return pipeline.card(
        f"{content_type}-{key}", lang, settings["LANGUAGES"][lang]["dir"] == "rtl",
        _title(title), site_name, settings.get("SITE_SHORTNAME") or site_name,
        fonts, photo_rel=photo_rel, wanted=wanted)


def _guessed_card(pipeline: Pipeline, settings: dict, fonts: dict, metadata: dict) -> Request | None:
    """The card an item read with ``metadata`` will most likely have, to draw ahead of time
    (`SiteImages.prefetch_card`, `early_card_job`). Items with an Image are left for later
    (their photo is resolved, and reported, by `collect`), and so is anything whose metadata
    is not complete."""
    try:
        content_type, key, lang = metadata["content_type"], metadata["key"], metadata["lang"]
        title, save_as = metadata["title"], metadata["save_as"]
    except KeyError:
        return None
    if not save_as or key == "home" or metadata.get("image") or lang not in settings["LANGUAGES"]:
        return None
    return _card_request(pipeline, settings, fonts, content_type, key, lang, title, None,
                         wanted=False)


_early: dict[int, tuple[Pipeline, dict]] = {}


def early_card_job(settings: dict, metadata: dict):
    """For a process that reads content before Pelican does (rart_tools/coldread.py): the
    job of the card `prefetch_card` will ask for, given the item's complete metadata, or None
    when there is none or the cache has it. Drawn by `jobs.run_batch`, adopted by the build's
    `jobs.Background` (`jobs.EARLY`)."""
    if id(settings) not in _early:
        config, fonts = settings_and_fonts(settings)
        _early.clear()
        _early[id(settings)] = (Pipeline(config, settings["PATH"], "", ""), fonts)
    pipeline, fonts = _early[id(settings)]
    request = _guessed_card(pipeline, settings, fonts, metadata)
    if request is None or pipeline.cached(request) is not None:
        return None
    return request.job


CONTEXT_KEY = "IMAGES"  # this build's SiteImages, in the build's context


class SiteImages:
    """The images of one build, kept in its context (a rebuild in the same process starts
    from a new context, so from nothing)."""

    @classmethod
    def of(cls, generator) -> SiteImages:
        images = generator.context.get(CONTEXT_KEY)
        if images is None:
            images = generator.context[CONTEXT_KEY] = cls(generator)
        return images

    def __init__(self, generator):
        self.generators: list = []
        self.context = generator.context
        self.settings = generator.settings
        self.site = Site.of(self.context, self.settings)
        self.messages = Messages.for_settings(self.settings)
        self.config, self.fonts = settings_and_fonts(self.settings)
        self.pipeline = Pipeline(self.config, self.settings["PATH"], generator.output_path,
                                 self.settings.get("SITEURL", ""))
        self.uses: dict[int, list[Use]] = {}  # id(item) -> uses
        self.heroes: dict[int, tuple[Request, Request, Alt, str]] = {}  # hero, card, alt, rel
        self.logos: dict[int, tuple[Request, Request]] = {}
        self.cards: dict[int, Request] = {}
        self.site_cards: dict[str, tuple[Request, str]] = {}
        self.takeovers: list[tuple[Any, Request]] = []  # (Pelican's Static, its derivative)
        self.reading = True  # Pelican is still reading: cards can be drawn ahead of time
        self.unusable: set[str] = set()  # sources already reported as unusable

    # --- reporting ----------------------------------------------------------------------
    def problem(self, where, code, params=None, level=logging.ERROR) -> None:
        """Report message `code` at `where` (file, line), in the editors' language."""
        path, line = where
        severity = "error" if level >= logging.ERROR else "warning"
        report(logger, level, Problem(path, line, code, params or {}, severity).format(self.messages))

    # --- collecting ---------------------------------------------------------------------
    def _resolve(self, src, item, where, field=None):
        """The content-relative path of the image `src`, or None (reported)."""
        if is_external(src):
            self.problem(where, "image-external", {"target": src.strip()[:80]})
            return None
        folder = os.path.dirname(item.relative_source_path).replace(os.sep, "/")
        root = self.settings["PATH"]
        rel = find_image(src, folder, lambda c: os.path.isfile(os.path.join(root, c)),
                         field=field is not None)
        if rel is None:
            if field:
                self.problem(where, "missing-file", {
                    "value": src.strip(), "name": field.capitalize(), "where": "immagini/",
                    "example": f"{field.capitalize()}: immagini/foto.jpg"})
            else:
                self.problem(where, "broken-static", {"target": src.strip(), "where": "immagini/"})
        return rel

    def _front_matter_image(self, source_text, field, value, item, label):
        """(path under content/, (file, line)) for an image named in front matter, or None
        when there is none or it cannot be resolved (which is reported)."""
        if not value:
            return None
        where = (label, front_matter_line(source_text, field))
        rel = self._resolve(value, item, where, field=field)
        return (rel, where) if rel else None

    def _request(self, rel, role, where):
        try:
            return self.pipeline.image(rel, role, where)
        except ImageProblem as problem:
            if rel not in self.unusable:  # once per file, however many pages use it
                self.unusable.add(rel)
                self.problem(where, problem.code, problem.params)
            return None

    def collect(self, item, original) -> None:
        label = self.site.shown(item.relative_source_path.replace(os.sep, "/"))
        # The <img> tags of the item's HTML, in order, as the site's reader found them
        # (plugins/markup): the pictures replace them in the same order when pages are drawn.
        tags = list(getattr(item, "img_tags", None) or ())
        image_value = str(item.metadata.get("image") or "").strip()
        logo_value = str(item.metadata.get("logo") or "").strip()
        if not logo_value and original is not None and item.content_type == "member":
            logo_value = str(original.metadata.get("logo") or "").strip()  # a logo has no language
        if not (tags or image_value or logo_value):
            return
        source_text = _read(item)
        lines = image_lines(source_text)
        seen: dict[str, int] = {}
        uses = self.uses.setdefault(id(item), [])
        for tag in tags:
            attributes = img_attributes(tag)
            src = attributes.get("src") or ""
            key = normalise_src(src)
            occurrence = seen[key] = seen.get(key, -1) + 1
            numbers = lines.get(key, [])
            where = (label, numbers[min(occurrence, len(numbers) - 1)] if numbers else None)
            rel = self._resolve(src, item, where)
            if rel is None:
                uses.append(Use(None, Alt("missing", ""), where))
                continue
            alt = classify_alt(attributes.get("alt"), self.config.decorative)
            if alt.kind == "missing":
                self.problem(where, "missing-alt", {"target": src})
            request = self._request(rel, "inline", where)
            uses.append(Use(request, alt, where))
        found = self._front_matter_image(source_text, "image", image_value, item, label)
        if found:
            rel, where = found
            alt = classify_alt(item.metadata.get("image_alt"), self.config.decorative)
            if alt.kind == "missing":
                self.problem(where, "needs-image_alt", {
                    "field": "Image", "line_of_field": where[1] or "",
                    "example": f"Image_alt: {EXAMPLE_ALT}"})
            hero = self._request(rel, "hero", where)
            card = self._request(rel, "card", where)
            if hero and card:
                self.heroes[id(item)] = (hero, card, alt, rel)
        found = self._front_matter_image(source_text, "logo", logo_value, item, label)
        if found:
            rel, where = found
            logo = self._request(rel, "logo", where)
            thumbnail = self._request(rel, "thumbnail", where)
            if logo and thumbnail:
                self.logos[id(item)] = (logo, thumbnail)

    def take_over_static_images(self) -> None:
        """No original image is published as it is: image files that Pelican found in
        STATIC_PATHS or through {static} links, and anything in content/immagini/, are taken
        out of its copy list. One that content links to ([…]({static}/immagini/foto.jpg), a
        link rather than an image) gets a clean derivative, which the link then points to."""
        linked = {path.replace(os.sep, "/") for path in self.context.get("static_links", ())}
        for generator in self.generators:
            if not isinstance(generator, StaticGenerator):
                continue
            kept = []
            for static in generator.staticfiles:
                rel = static.relative_source_path.replace(os.sep, "/")
                owned = rel.startswith(self.config.source_dir + "/")
                if not owned and not is_image_path(rel):
                    kept.append(static)
                elif rel in linked:  # a link to the file itself gets its largest clean version
                    request = self._request(rel, "inline", (self.pipeline.label(rel), None))
                    if request is not None:
                        self.takeovers.append((static, request))
                # else: an image nothing links to, used (if at all) through front matter
            generator.staticfiles[:] = kept

    def request_cards(self, items) -> None:
        languages = self.settings["LANGUAGES"]
        site_name = self.settings["SITENAME"]
        short_name = self.settings.get("SITE_SHORTNAME") or site_name
        homes = {}
        for item, _ in items:
            if getattr(item, "key", None) == "home":
                homes[item.lang] = item
        for code, language in languages.items():
            home = homes.get(code)
            title = _title(home.summary) if home is not None and home.summary else site_name
            request = self.pipeline.card("sito", code, language["dir"] == "rtl", title, site_name,
                                         short_name, self.fonts)
            self.site_cards[code] = (request, f"{title} – {site_name}")
        for item, _ in items:
            if not item.save_as or getattr(item, "key", None) == "home":
                continue
            hero = self.heroes.get(id(item))
            self.cards[id(item)] = self._card(item, hero[3] if hero else None)

    def _card(self, item, photo_rel: str | None, wanted: bool = True) -> Request:
        return self._card_of(item.content_type, item.key, item.lang, item.title, photo_rel, wanted)

    def _card_of(self, content_type: str, key: str, lang: str, title, photo_rel: str | None,
                 wanted: bool = True) -> Request:
        return _card_request(self.pipeline, self.settings, self.fonts, content_type, key, lang,
                             title, photo_rel, wanted)

    def prefetch_card(self, metadata: dict) -> None:
        """While Pelican reads the content (and then writes the site), start drawing the card
        of an item it is about to make from ``metadata``, in the background. Only a guess:
        `request_cards` asks again for what pages really need, and only that is published.
        Items with an Image are left for later (their photo is resolved, and reported, by
        `collect`), and so is anything whose metadata is not complete yet."""
        if not self.reading:  # a file read again by the preview: `refresh` draws its card
            return
        request = _guessed_card(self.pipeline, self.settings, self.fonts, metadata)
        if request is not None:
            self.pipeline.prefetch(request)

    # --- applying -----------------------------------------------------------------------
    def apply(self, items) -> None:
        env = self.generators[0].env
        macro = env.get_template("macros/picture.html").module.picture
        site_name = self.settings["SITENAME"]
        site_cards = {code: self.pipeline.share_card(request, alt)
                      for code, (request, alt) in self.site_cards.items() if request.manifest}
        self.context["SITE_SHARE_CARDS"] = site_cards
        for item, _ in items:
            hero = self.heroes.get(id(item))
            # The page's main image and its listing card are drawn by the templates.
            if hero and hero[0].manifest and hero[1].manifest:
                item.hero_picture = self.pipeline.picture(hero[0], hero[2].text)
                item.card_picture = self.pipeline.picture(hero[1], hero[2].text)
            logo = self.logos.get(id(item))
            if logo and logo[0].manifest and logo[1].manifest:
                name = _title(item.title)
                item.logo_picture = self.pipeline.picture(logo[0], name)
                item.thumbnail_picture = self.pipeline.picture(logo[1], name)
            uses = self.uses.get(id(item), [])
            if uses:
                # Drawn in place of the item's <img> tags by body() (plugins/markup).
                item.pictures = [
                    str(macro(self.pipeline.picture(use.request, use.alt.text), main=False)).strip()
                    if use.request is not None and use.request.manifest else None
                    for use in uses
                ]
            card = self.cards.get(id(item))
            if card is not None and card.manifest:
                alt = f"{_title(item.title)} – {site_name}"
                item.share_card = self.pipeline.share_card(card, alt)
            elif getattr(item, "key", None) == "home" and item.lang in site_cards:
                item.share_card = site_cards[item.lang]
        for static, request in self.takeovers:
            if request.manifest:
                path = self.pipeline.fallback_path(request)
                static.override_url = path
                static.override_save_as = path

    def run(self, generators) -> None:
        self.generators = generators
        self.reading = False
        items = list(_items(self.context))
        for item, original in items:
            self.collect(item, original)
        self.take_over_static_images()
        self.request_cards(items)
        for code, params in self.pipeline.warnings:
            self.problem((params["file"], None), code, params, level=logging.WARNING)
        self.report(self.pipeline.run(background=True))
        self.apply(items)

    def finish(self) -> None:
        """Publish the cards drawn in the background, once they are all done."""
        self.report(self.pipeline.finish())

    def refresh(self, item, original, output_path: str) -> None:
        """The preview's fast path (rart_tools/incremental.py): ``item`` was read again after
        its text changed. Its pictures and share card are made here, at once, and published
        into ``output_path``, where the finished build now is."""
        self.pipeline.output_path = output_path
        self.collect(item, original)
        if item.save_as and getattr(item, "key", None) != "home":
            hero = self.heroes.get(id(item))
            self.cards[id(item)] = self._card(item, hero[3] if hero else None)
        # What the build did not publish: new images, the card of a new title.
        todo = [r for r in self.pipeline.requests.values() if r.wanted and not r.published]
        self.report(self.pipeline.run(only=todo))
        self.apply([(item, original)])

    def report(self, failed) -> None:
        reported = set()
        for request in failed:
            code, params = request.problem
            if (code, params.get("file")) in reported:  # one source in several roles: said once
                continue
            reported.add((code, params.get("file")))
            where = request.referrers[0] if request.referrers else (params.get("file", ""), None)
            self.problem(where, code, params)


def prefetch(generator, metadata) -> None:
    SiteImages.of(generator).prefetch_card(metadata)


def process(generators) -> None:
    SiteImages.of(generators[0]).run(generators)


class CardsGenerator(Generator):
    """Waits for the share cards drawn in the background and publishes them. Its place
    among the generators decides only how long the cards had to be drawn, not the output."""

    def generate_output(self, writer):
        images = self.context.get(CONTEXT_KEY)
        if images is not None:
            images.finish()
