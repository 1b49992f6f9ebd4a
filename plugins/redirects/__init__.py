"""Links that never break: every old address a page lists in `Aliases`, and the short link of
every printable item (the address its QR codes print), lead to the page.

For each one the build writes a redirect page (meta refresh and rel=canonical: GitHub Pages
serves only files) and a rule in `_redirects` (Netlify, Cloudflare Pages answer with a 301);
docs/deploy.md turns the same rules into an nginx map. Redirect pages are not canonical, so
they are in neither the sitemap nor the search index. The decisions are in redirects.py;
addresses are the core's (rart.site, rart.aliases).
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from rart.aliases import redirect_rules
from rart.site import Site

from .redirects import CONTEXT_KEY, collect

logger = logging.getLogger(__name__)


def collect_redirects(generators):
    # Once every generator has read its files: every item and its address are known.
    context = generators[0].context
    site = Site.of(context, generators[0].settings)
    context[CONTEXT_KEY] = collect(context, site)


class RedirectsGenerator(Generator):
    def generate_output(self, writer):
        site = Site.of(self.context, self.settings)
        redirects = self.context.get(CONTEXT_KEY) or []
        template = self.get_template("redirect")
        siteurl = self.settings.get("SITEURL", "")
        for redirect in redirects:
            writer.write_file(
                redirect.source.save_as, template, self.context, url=redirect.source.url,
                lang=redirect.lang, redirect=redirect, target_url=f"{siteurl}/{redirect.target}",
            )
        if site.redirects_file:
            path = Path(self.output_path) / site.redirects_file
            path.write_text(redirect_rules(redirects, siteurl), encoding="utf-8")


def add_generator(pelican):
    return RedirectsGenerator


def register():
    signals.all_generators_finalized.connect(collect_redirects)
    signals.get_generators.connect(add_generator)
