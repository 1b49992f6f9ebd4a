"""Members: the member organisations, one file per organisation and language in
content/membri/, gathered into one registry for the directory, the home page and profiles."""

from pelican import signals

from .registry import build_registry


def add_members(generator):
    # Pages are all read by now; the templates are rendered only later, so the registry is
    # complete before any page that lists members is written.
    items = [
        item
        for page in generator.pages + generator.hidden_pages
        for item in [page, *page.translations]
        if item.content_type == "member"
    ]
    generator.context["MEMBERS"] = build_registry(items, generator.settings["LANGUAGES"])


def register():
    signals.page_generator_finalized.connect(add_members)
