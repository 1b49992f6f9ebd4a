"""Publishing: what a static host and search engines need besides the pages.

- JSON-LD for the pages that have a schema.org type (structured_data.py);
- robots.txt, `_headers` (security headers and long caching, and the browser editor's own
  policy on its folder), campaign calendars (.ics);
- after the build: the Pagefind search index, one per language, then precompressed .gz and
  .br siblings for every text file (when PUBLISHING_PRECOMPRESS is on, as in production).
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from rart.clock import build_time
from rart.headers import headers_file, meta_csp
from rart.site import Site

from .calendar import campaign_calendar
from .precompress import precompress_tree
from .structured_data import event, news_article, organization, scheduled_event

logger = logging.getLogger(__name__)


def _organization(ctx, members):
    origin = ctx["SITE_ORIGIN"].rstrip("/")
    language = ctx["language"]
    return organization(origin, ctx["SITENAME"], ctx["SITE_SHORTNAME"], language.prefix, members)


@pass_context
def json_ld(ctx, item=None):
    """<script type="application/ld+json"> for the current page, or nothing."""
    origin = ctx["SITE_ORIGIN"].rstrip("/")
    publisher = {"@type": "Organization", "name": ctx["SITENAME"], "url": f"{origin}/"}
    data = None
    kind = getattr(item, "content_type", None)
    if kind == "news":
        data = news_article(origin, publisher, item)
    elif kind == "campaign":
        data = event(origin, publisher, item)
    elif kind == "event" and getattr(item, "when", None) is not None:
        data = scheduled_event(origin, publisher, item)
    elif kind == "page" and item.key in ("home", "membri"):
        data = _organization(ctx, ctx["MEMBERS"][ctx["lang"]])
    if data is None:
        return ""
    # "<" escaped so no string can close the script element.
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def install_globals(generator):
    generator.env.globals["json_ld"] = json_ld
    # For hosts that ignore _headers (GitHub Pages): base.html puts it in every page.
    generator.env.globals["META_CSP"] = meta_csp(generator.settings["PUBLISHING_CSP"])


class PublishingGenerator(Generator):
    """robots.txt, _headers and campaign calendars, written with the pages."""

    def generate_output(self, writer):
        settings, out = self.settings, Path(self.output_path)
        origin = settings["SITE_ORIGIN"].rstrip("/")
        (out / "robots.txt").write_text(
            f"User-agent: *\nAllow: /\n\nSitemap: {origin}/{settings['SITEMAP_PATH']}\n", encoding="utf-8"
        )
        (out / "_headers").write_text(
            headers_file(settings),
            encoding="utf-8",
        )
        host = urlsplit(origin).hostname or "localhost"
        site = Site.of(self.context, settings)
        for code, campaigns in self.context.get("CAMPAIGNS", {}).items():
            if not any(getattr(c, "start", None) for c in campaigns):
                continue
            path = out / site.listing("calendar", code).save_as
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(campaign_calendar(campaigns, origin, host, build_time(), settings["SITENAME"]))


def add_generator(pelican):
    return PublishingGenerator


def _pagefind() -> list[str]:
    """The command that runs Pagefind: its binary, from the pinned pagefind-bin-extended
    package (`python -m pagefind` finds the same one, after starting Python: 0.1 s, at the
    very end of the build)."""
    try:
        from pagefind_bin_extended import get_executable

        return [str(get_executable())]
    except Exception:  # noqa: BLE001 - not installed that way: the Python wrapper finds it
        return [sys.executable, "-m", "pagefind"]


def index_and_compress(pelican):
    """After every page is written: the search index, then compression of everything."""
    settings, out = pelican.settings, Path(pelican.output_path)
    if settings.get("PUBLISHING_SEARCH_INDEX"):
        result = subprocess.run(
            [*_pagefind(), "--site", str(out), "--silent"],
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            logger.error("Pagefind could not index the site: %s", (result.stderr or result.stdout).strip())
        # Pagefind also writes its ready-made interfaces; the site uses its own (search.js).
        for unused in (out / "pagefind").glob("pagefind-*ui.*"):
            unused.unlink()
        # Its entry file lists the languages in hash-map order, which changes between runs;
        # sorted keys make two builds of the same commit byte-identical.
        entry = out / "pagefind" / "pagefind-entry.json"
        if entry.exists():
            data = json.loads(entry.read_text(encoding="utf-8"))
            entry.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    if settings.get("PUBLISHING_PRECOMPRESS"):
        count = precompress_tree(out)
        logger.info("Precompressed %d text files (.gz, .br)", count)


def register():
    signals.generator_init.connect(install_globals)
    signals.get_generators.connect(add_generator)
    signals.finalized.connect(index_and_compress)
