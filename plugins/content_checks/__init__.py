"""Content checks: every content file against the front-matter contract (contract.py), the
other files and the settings, with messages for editors (messages.py).

The checks are a pure validator (validate.py) that reads the files itself. `make html`,
`make publish` and `make devserver` run it before Pelican (safebuild.py), so a mistake never
reaches Pelican; this plugin runs the same validator inside Pelican for plain
`python -m pelican` runs (the test suite builds that way)."""

from __future__ import annotations

import logging

from pelican import signals

from .config import load_config, setting
from .contract import todo_fields
from .problems import format_report
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
        logger.error("%s", format_report(result.errors, config.message_language))
    if result.warnings:
        # Advice, not a failure: INFO keeps `--fatal warnings` builds (the tests) going.
        logger.info("%s", format_report(result.warnings, config.message_language))
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
        logger.info("%d file hanno campi da completare: `make content-todo` li elenca.", todo_count)


def register():
    signals.get_generators.connect(check_before_reading)
    signals.all_generators_finalized.connect(count_todo)
