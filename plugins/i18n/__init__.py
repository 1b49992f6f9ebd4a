"""i18n: one build, every language. The languages are the core's (rart.languages), read from
the LANGUAGES table in pelicanconf.py.

Pelican reads every content file once; this plugin gives each item its language, key and
address (metadata.py, from rart.site), renders every template in the item's language through
gettext (writer.py and the callables below), and writes each language's listings, feed and the
sitemap (listings.py). See docs/architecture.md for why this is a single pass and not
i18n_subsites.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from jinja2 import pass_context
from pelican import signals

from rart.sizes import human_size

from .formatting import format_date, format_number
from .listings import ListingsGenerator, article_terms
from .metadata import complete_metadata
from .navigation import build_nav
from .state import get_state
from .writer import I18nWriter

logger = logging.getLogger(__name__)


def _lang(ctx) -> str:
    return ctx.get("lang") or ctx["I18N"].default


@pass_context
def _gettext(ctx, message):
    return ctx["I18N"].translate(_lang(ctx), message)


@pass_context
def _ngettext(ctx, singular, plural, n):
    return ctx["I18N"].ntranslate(_lang(ctx), singular, plural, n)


@pass_context
def _pgettext(ctx, context, message):
    return ctx["I18N"].catalogs[_lang(ctx)].pgettext(context, message)


@pass_context
def _npgettext(ctx, context, singular, plural, n):
    return ctx["I18N"].catalogs[_lang(ctx)].npgettext(context, singular, plural, n)


@pass_context
def _gettext_for(ctx, lang, message):
    """A string in a language other than the page's (the switcher speaks each language)."""
    return ctx["I18N"].translate(lang, message)


@pass_context
def _translated_page(ctx, key):
    """The page `key` in the page's language, else in the default language (templates mark
    it with its language), else None."""
    versions = ctx["PAGES_BY_KEY"].get(key, {})
    return versions.get(_lang(ctx)) or versions.get(ctx["I18N"].default)


@pass_context
def _format_date(ctx, value, fmt=None):
    state = ctx["I18N"]
    locale = state.languages[_lang(ctx)].locale
    return format_date(value, locale, fmt or ctx.get("I18N_DATE_FORMAT", "long"))


@pass_context
def _format_number(ctx, value):
    return format_number(value, ctx["I18N"].languages[_lang(ctx)].locale)


@pass_context
def _filesize(ctx, value):
    """A size in bytes as readers read it, in the page's language: '82 kB', '1,3 MB'."""
    return human_size(int(value), ctx["I18N"].languages[_lang(ctx)].locale)


@pass_context
def _article_terms(ctx, item):
    """The article's category and tags as pages of its language (listings.py's terms)."""
    return article_terms(ctx["TERMS"], item)


def install_i18n(generator):
    """Give every generator's Jinja environment language-aware gettext and formatters."""
    get_state(generator.context, generator.settings)
    env = generator.env
    # Whitespace inside {% trans %} is collapsed, as babel.cfg's `trimmed` does at extraction.
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(
        _gettext, _ngettext, newstyle=True, pgettext=_pgettext, npgettext=_npgettext
    )
    env.globals["gettext_for"] = _gettext_for
    env.globals["translated_page"] = _translated_page
    env.filters["format_date"] = _format_date
    env.filters["format_number"] = _format_number
    env.filters["filesize"] = _filesize
    env.globals["article_terms"] = _article_terms


def complete_item_metadata(generator, metadata):
    # A MetadataProblem raised here is logged by Pelican as an error naming the file.
    state = get_state(generator.context, generator.settings)
    complete_metadata(metadata, state.site)


def resolve_navigation(generators):
    """Menus need every page of every language, so they are built after all content is read."""
    context = generators[0].context
    settings = generators[0].settings
    state = get_state(context, settings)
    pages_by_key = defaultdict(dict)
    for page in _all_pages(context):
        pages_by_key[page.key][page.lang] = page
    nav, footer = {}, {}
    # Listings other plugins write and want in the menu where they exist (NAV_LISTINGS:
    # lang -> key -> (url, title)), e.g. the events of a language that has some.
    extra = context.get("NAV_LISTINGS", {})
    for code in state.languages:
        listing_urls = {"notizie": state.site.listing("news", code).url}
        listing_titles = {"notizie": state.translate(code, "News")}
        for key, (url, title) in extra.get(code, {}).items():
            listing_urls[key], listing_titles[key] = url, title
        nav[code] = build_nav(
            settings["NAV_PAGES"], pages_by_key, listing_urls, listing_titles, code, state.default
        )
        footer[code] = build_nav(
            settings["FOOTER_PAGES"], pages_by_key, {}, {}, code, state.default
        )
    context["NAV"] = nav
    context["FOOTER_NAV"] = footer
    context["PAGES_BY_KEY"] = pages_by_key


def _all_pages(context):
    for page in context.get("pages", []) + context.get("hidden_pages", []):
        yield page
        yield from page.translations


def add_generators(pelican):
    return ListingsGenerator


def add_writer(pelican):
    return I18nWriter


def register():
    signals.generator_init.connect(install_i18n)
    signals.article_generator_context.connect(complete_item_metadata)
    signals.page_generator_context.connect(complete_item_metadata)
    signals.all_generators_finalized.connect(resolve_navigation)
    signals.get_generators.connect(add_generators)
    signals.get_writer.connect(add_writer)
