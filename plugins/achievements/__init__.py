"""Achievements: content/risultati/, one short file per result and language, gathered in
reading order for the achievements timeline and the home page."""

from pelican import signals

from rart.collections import items_of_type
from rart.site import Site


def order_key(item):
    """Dated results first in date order; undated ones keep the order their `order` field gives."""
    date = getattr(item, "date", None)
    return (date is None, date.toordinal() if date else 0, int(getattr(item, "order", 0) or 0))


def add_achievements(generator):
    site = Site.of(generator.context, generator.settings)
    results = {code: [] for code in site.languages}
    for item in items_of_type([generator.pages, generator.hidden_pages], "achievement"):
        results[item.lang].append(item)
    for items in results.values():
        items.sort(key=order_key)
    generator.context["ACHIEVEMENTS"] = results


def register():
    signals.page_generator_finalized.connect(add_achievements)
