"""Markup: the HTML of content items, from Markdown to the page.

- When a file is read, the site's Markdown reader (reader.py) applies the transforms of
  transforms.py in the file's language (embeds, bidi isolation). Reading is the one moment
  Pelican lets a plugin set an item's HTML through its public API (the reader's result), and
  what a reader returns is what Pelican's content cache keeps.
- When a page is rendered, templates write an item's HTML with `body(item)`: the one place
  where HTML the build produced is marked safe, with the images plugin's <picture> elements
  in place of the <img> tags they replace (rart.html.body_html).
"""

from __future__ import annotations

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals

from rart.html import body_html

from .reader import ContentReader


def use_site_reader(readers):
    # readers_init is sent before the Readers object instantiates its reader classes.
    for extension in ContentReader.file_extensions:
        readers.reader_classes[extension] = ContentReader


@pass_context
def body(ctx, item):
    """The item's HTML for the page: its content with pictures in place."""
    return Markup(body_html(item.content, getattr(item, "pictures", ())))


def install_body(generator):
    generator.env.globals["body"] = body


def register():
    signals.readers_init.connect(use_site_reader)
    signals.generator_init.connect(install_body)
