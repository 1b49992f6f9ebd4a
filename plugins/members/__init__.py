"""Members: the member organisations, one file per organisation and language in
content/membri/, gathered into one registry for the directory, the home page and profiles."""

from pelican import signals

from rart.collections import items_of_type
from rart.site import Site

from .registry import build_registry


def add_members(generator):
    # Pages are all read by now; the templates are rendered only later, so the registry is
    # complete before any page that lists members is written.
    items = items_of_type([generator.pages, generator.hidden_pages], "member")
    site = Site.of(generator.context, generator.settings)
    generator.context["MEMBERS"] = build_registry(items, site.languages)


def register():
    signals.page_generator_finalized.connect(add_members)
