"""Campaigns: content/campagne/, one file per campaign and language, with a call to action,
dates and materials; listed per language for the campaigns page and the home page."""

import datetime as dt
import logging
from dataclasses import replace

from pelican import signals

from rart.collections import items_of_type
from rart.messages import Messages
from rart.problems import Problem
from rart.site import Site

from .model import (
    CampaignFieldError,
    check_period,
    check_status,
    parse_day,
    parse_materials,
    resolve_link,
)

logger = logging.getLogger(__name__)
_EPOCH = dt.date(1, 1, 1)


def _report(item, problem: CampaignFieldError, settings) -> None:
    site = Site.from_settings(settings)
    where = site.shown(item.relative_source_path)
    logger.error("%s", Problem(where, None, problem.code, problem.params).format(
        Messages.for_settings(settings)))


def add_campaigns(generator):
    # Runs when pages are read and before any template is rendered. Every campaign gets its
    # fields parsed, hidden ones included (a hidden page is published, only not listed), so
    # no later stage meets a field still as text.
    site = Site.of(generator.context, generator.settings)
    campaigns = {code: [] for code in site.languages}
    for item in items_of_type([generator.pages, generator.hidden_pages], "campaign"):
        try:
            item.status_value = check_status(getattr(item, "campaign_status", None))
            item.start = parse_day(getattr(item, "start", None), "start")
            item.end = parse_day(getattr(item, "end", None), "end")
            check_period(item.start, item.end)
            item.materials = parse_materials(getattr(item, "materials", None))
        except CampaignFieldError as problem:
            _report(item, problem, generator.settings)
            continue
        if getattr(item, "status", "published") != "hidden":
            campaigns[item.lang].append(item)
    for items in campaigns.values():
        # Active campaigns first, then the most recent.
        items.sort(key=lambda c: (c.status_value != "active", -(c.start or _EPOCH).toordinal()))
    generator.context["CAMPAIGNS"] = campaigns


def resolve_campaign_links(generators):
    # Static files are known only once every generator has read its files, StaticGenerator
    # last; links to them ({static}) are resolved here, before anything is written.
    context = generators[0].context
    for item in items_of_type([context.get("pages", []), context.get("hidden_pages", [])],
                              "campaign"):
        if not hasattr(item, "status_value"):
            continue  # its fields could not be read: reported by add_campaigns
        try:
            item.cta_href = resolve_link(getattr(item, "cta_url", ""), context)
            item.materials = [
                replace(material, url=resolve_link(material.url, context))
                for material in getattr(item, "materials", None) or []
            ]
        except CampaignFieldError as problem:
            _report(item, problem, generators[0].settings)


def register():
    signals.page_generator_finalized.connect(add_campaigns)
    signals.all_generators_finalized.connect(resolve_campaign_links)
