"""Print materials: an A4 poster and an A5 flyer, as PDF, for every campaign and every page
with `Print: sì`, in each language the page has, drawn from its title, summary, call to
action and photo, in the site's colours, with a QR code to the page's short link and the
short link printed under it (docs/printing.md).

layout.py draws one PDF (fpdf2, HarfBuzz shaping, segno for the QR code); registry.py decides
what each PDF shows, caches and publishes them. Templates list an item's files with
`print_materials(page)`; the materials library lists them all (context PRINT).
"""

from __future__ import annotations

import contextlib
import logging
from typing import NoReturn

from jinja2 import pass_context
from pelican import signals
from pelican.generators import Generator

from rart.fonts import (
    ARABIC_PROBE,
    FONTS_PACKAGE,
    LATIN_PROBE,
    first_covering,
    index_font_dirs,
    resolve_stack,
)
from rart.messages import Messages
from rart.problems import Problem

from .layout import Fonts, ShapingUnavailable, check_shaping
from .registry import CONTEXT_KEY, PrintRegistry

logger = logging.getLogger(__name__)


def _stop(settings, code: str, params: dict) -> NoReturn:
    message = Problem("PRINT", None, code, params).format(Messages.for_settings(settings))
    with contextlib.suppress(RuntimeError):  # pelican.log.FatalLogger under --fatal
        logger.error("%s", message)
    raise SystemExit(1)


def find_fonts(settings) -> Fonts:
    """Regular and bold fonts for Latin and for Arabic: the first of IMAGES_CARD's font
    lists that has each alphabet (the share cards draw with the same). Stops the build,
    saying what to install, when one is missing."""
    import os

    card = settings["IMAGES_CARD"]
    dirs = [os.path.expanduser(d) for d in card["font_dirs"]]
    index = index_font_dirs(dirs)
    messages = Messages.for_settings(settings)
    found: dict[tuple[str, str], str] = {}
    for weight in ("regular", "bold"):
        stack = resolve_stack(card["fonts"][weight], index)
        for script, probe in (("latin", LATIN_PROBE), ("arabic", ARABIC_PROBE)):
            path = first_covering(stack, probe)
            if path is None:
                return _stop(settings, "no-print-font", {
                    "weight": messages.text(f"weight-{weight}"),
                    "script": messages.text(f"script-{script}"),
                    "where": ", ".join(dirs), "package": FONTS_PACKAGE})
            found[(script, weight)] = path
    return Fonts(found[("latin", "regular")], found[("latin", "bold")],
                 found[("arabic", "regular")], found[("arabic", "bold")])


def check_environment(pelican) -> None:
    """At start-up, before any content is read: never print broken Arabic."""
    try:
        check_shaping()
    except ShapingUnavailable as problem:
        _stop(pelican.settings, "no-shaping", {"missing": f"uharfbuzz ({problem})"})
    find_fonts(pelican.settings)


def make_registry(generators) -> None:
    context = generators[0].context
    settings = generators[0].settings
    context[CONTEXT_KEY] = PrintRegistry(context, settings, generators[0].output_path,
                                         find_fonts(settings))


@pass_context
def print_materials(ctx, item):
    """The PDFs of `item` (and of its translations), for its page: [] when it has none."""
    registry = ctx.get(CONTEXT_KEY)
    if registry is None or item is None:
        return []
    return registry.for_item(item)


def install_globals(generator) -> None:
    generator.env.globals["print_materials"] = print_materials


class PrintGenerator(Generator):
    """Templates draw the PDFs on first use; this publishes them when no template asked."""

    def generate_output(self, writer):
        registry = self.context.get(CONTEXT_KEY)
        if registry is not None:
            registry.ensure()
            if registry.drawn:
                logger.info("Print materials: %d PDF drawn, the others from the cache",
                            registry.drawn)


def add_generator(pelican):
    return PrintGenerator


def register():
    signals.initialized.connect(check_environment)
    signals.generator_init.connect(install_globals)
    signals.all_generators_finalized.connect(make_registry)
    signals.get_generators.connect(add_generator)
