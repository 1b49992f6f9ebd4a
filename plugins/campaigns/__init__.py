"""Campaigns: content/campagne/, one file per campaign and language, with a call to action,
dates and materials; listed per language for the campaigns page and the home page."""

import datetime as dt
import logging
from dataclasses import replace

from pelican import signals

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


def add_campaigns(generator):
    # Runs when pages are read and before any template is rendered.
    campaigns = {code: [] for code in generator.settings["LANGUAGES"]}
    for page in generator.pages:
        for item in [page, *page.translations]:
            if item.content_type != "campaign":
                continue
            try:
                item.status_value = check_status(getattr(item, "campaign_status", None))
                item.start = parse_day(getattr(item, "start", None), "start")
                item.end = parse_day(getattr(item, "end", None), "end")
                check_period(item.start, item.end)
                item.materials = parse_materials(getattr(item, "materials", None))
            except CampaignFieldError as problem:
                logger.error("%s: %s", item.relative_source_path, problem)
                continue
            campaigns[item.lang].append(item)
    for items in campaigns.values():
        # Active campaigns first, then the most recent.
        items.sort(key=lambda c: (c.status_value != "active", -(c.start or _EPOCH).toordinal()))
    generator.context["CAMPAIGNS"] = campaigns


def resolve_campaign_links(generators):
    # Static files are known only once every generator has read its files, StaticGenerator
    # last; links to them ({static}) are resolved here, before anything is written.
    context = generators[0].context
    for items in context.get("CAMPAIGNS", {}).values():
        for item in items:
            try:
                item.cta_href = resolve_link(getattr(item, "cta_url", ""), context)
                item.materials = [
                    replace(material, url=resolve_link(material.url, context))
                    for material in item.materials
                ]
            except CampaignFieldError as problem:
                logger.error("%s: %s", item.relative_source_path, problem)


def register():
    signals.page_generator_finalized.connect(add_campaigns)
    signals.all_generators_finalized.connect(resolve_campaign_links)
