"""Content checks: every content file against the front-matter contract (rart.contract), the
other files and the settings, with messages for editors (rart.messages).

The checks are a pure validator (validate.py) that reads the files itself. `make html`,
`make publish` and `make devserver` run it before Pelican (rart_tools.build), so a mistake
never reaches Pelican; this plugin runs the same validator inside Pelican for plain
`python -m pelican` runs (the test suite builds that way)."""

from __future__ import annotations

import logging

from pelican import signals

from rart.contract import todo_fields
from rart.messages import Messages
from rart.problems import format_report

from .config import load_config, setting
from .validate import validate_site

logger = logging.getLogger(__name__)


def check_before_reading(pelican):
    # get_generators is sent at the start of every run, before any generator reads a file:
    # `initialized` is sent once per process, and autoreload runs the build again in the same
    # process. Returning None adds no generator.
    settings = pelican.settings
    if not setting(settings, "CONTENT_CHECKS_IN_PELICAN"):
        return None
    config = load_config(settings)
    result = validate_site(config)
    if result.errors:
        # One record for the whole report: with --fatal errors Pelican stops at the first
        # error it logs, and editors must see every problem at once.
        logger.error("%s", format_report(result.errors, config.messages))
    if result.warnings:
        # Advice, not a failure: INFO keeps `--fatal warnings` builds (the tests) going.
        logger.info("%s", format_report(result.warnings, config.messages))
    return None


def _items(context):
    for key in ("articles", "pages", "hidden_pages"):
        for item in context.get(key, []):
            yield item
            yield from item.translations


def count_todo(generators):
    context = generators[0].context
    todo_count = sum(bool(todo_fields(item.content_type, item.metadata)) for item in _items(context))
    if todo_count:
        messages = Messages.for_settings(generators[0].settings)
        logger.info("%s", messages.text("todo-files", files=messages.count("files", todo_count)))


def register():
    signals.get_generators.connect(check_before_reading)
    signals.all_generators_finalized.connect(count_todo)
