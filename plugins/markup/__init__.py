"""Markup: the HTML of content items, from Markdown to the page.

- When a file is read, the site's Markdown reader (reader.py) refuses what it must not read
  (a file outside content/, a file over the bounds of rart.limits), then applies the
  transforms of transforms.py in the file's language: the sanitiser, embeds, bidi isolation.
  Reading is the one moment Pelican lets a plugin set an item's HTML through its public API
  (the reader's result), and what a reader returns is what Pelican's content cache keeps.
- When a page is rendered, templates write content through templating.py: `body(item)` and
  `isolate` are the one place where HTML the build produced is marked safe; `text`, `plain`
  and `safe_url` give plain values that autoescape escapes once.
"""

from __future__ import annotations

from pelican import signals

from .reader import ContentReader
from .templating import install


def use_site_reader(readers):
    # readers_init is sent before the Readers object instantiates its reader classes.
    for extension in ContentReader.file_extensions:
        readers.reader_classes[extension] = ContentReader


def install_helpers(generator):
    install(generator.env)


def register():
    signals.readers_init.connect(use_site_reader)
    signals.generator_init.connect(install_helpers)
