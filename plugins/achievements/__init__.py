"""Achievements: content/risultati/, one short file per result and language, gathered in
reading order for the achievements timeline and the home page."""

from pelican import signals


def order_key(item):
    """Dated results first in date order; undated ones keep the order their `order` field gives."""
    date = getattr(item, "date", None)
    return (date is None, date.toordinal() if date else 0, int(getattr(item, "order", 0) or 0))


def add_achievements(generator):
    results = {code: [] for code in generator.settings["LANGUAGES"]}
    for page in generator.pages + generator.hidden_pages:
        for item in [page, *page.translations]:
            if item.content_type == "achievement":
                results[item.lang].append(item)
    for items in results.values():
        items.sort(key=order_key)
    generator.context["ACHIEVEMENTS"] = results


def register():
    signals.page_generator_finalized.connect(add_achievements)
