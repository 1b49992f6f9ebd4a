"""Content checks: every item against the front-matter contract (contract.py); missing
required fields fail the build, empty optional ones are listed for editors."""

import logging

from pelican import signals

from .contract import missing_required, todo_fields

logger = logging.getLogger(__name__)


def _items(context):
    for key in ("articles", "pages", "hidden_pages"):
        for item in context.get(key, []):
            yield item
            yield from item.translations


def check_content(generators):
    # After every generator has read its content, before anything is written.
    context = generators[0].context
    todo_count = 0
    for item in _items(context):
        for field in missing_required(item.content_type, item.metadata):
            logger.error(
                "%s: manca il campo obbligatorio %s (%s). Aggiungilo in cima al file, per esempio: %s",
                item.relative_source_path, field.name.capitalize(), field.label, field.example,
            )
        todo_count += bool(todo_fields(item.content_type, item.metadata))
    if todo_count:
        logger.info("%d file hanno campi da completare: `make content-todo` li elenca.", todo_count)


def register():
    signals.all_generators_finalized.connect(check_content)
