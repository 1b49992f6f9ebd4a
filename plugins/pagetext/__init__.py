"""Page text: what the build adds to the text of every written page for its readers.

- glossary.py: the first use of each glossary term on a page links to its entry on the
  glossary page, in the page's language;
- french.py: French pages get the no-break spaces of French typography.

Both are pure functions over the rendered HTML (htmltext.py walks its text and leaves markup,
attributes, scripts and code alone). This adapter runs them on each page Pelican writes, at
`content_written`: the whole page is there (content, titles, interface strings), and the later
stages (search index, compression, at `finalized`) see the result. Each rewrite is idempotent
and neither changes what the other looks for (forms match across no-break spaces too), so the
order of the two does not change the result.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from .french import space_html
from .glossary import Glossary, link_terms

logger = logging.getLogger(__name__)

DEFAULTS = {
    # The page key of the glossary (content/pagine/<key>.md and its translations).
    "PAGETEXT_GLOSSARY_PAGE": "glossario",
    # anchor -> {language: [forms as pages write them]}; each anchor is an id on the glossary page.
    "PAGETEXT_GLOSSARY_TERMS": {},
    # Languages whose pages get French spacing.
    "PAGETEXT_FRENCH_SPACING": ["fr"],
}


class SettingsError(ValueError):
    """A PAGETEXT_ setting is malformed; the message names it."""


def _setting(context, name):
    return context.get(name, DEFAULTS[name])


def _glossary(context, lang: str) -> Glossary | None:
    """The glossary of one language. Built per page: a handful of forms, and `re` keeps the
    compiled pattern in its own cache."""
    terms = _setting(context, "PAGETEXT_GLOSSARY_TERMS")
    if not isinstance(terms, dict) or not all(
        isinstance(anchor, str) and isinstance(forms, dict)
        and all(isinstance(v, (list, tuple)) for v in forms.values())
        for anchor, forms in terms.items()
    ):
        raise SettingsError("PAGETEXT_GLOSSARY_TERMS must map an anchor to {language: [forms]}")
    return Glossary.build({anchor: list(forms.get(lang, ())) for anchor, forms in terms.items()})


def _glossary_href(context, lang: str) -> str | None:
    versions = context.get("PAGES_BY_KEY", {}).get(_setting(context, "PAGETEXT_GLOSSARY_PAGE"), {})
    page = versions.get(lang) or versions.get(context.get("DEFAULT_LANG"))
    return f"{context.get('SITEURL', '')}/{page.url}" if page is not None else None


def refine_page(path, context):
    if not str(path).endswith(".html") or not context:
        return
    lang = context.get("lang") or context.get("DEFAULT_LANG")
    item = context.get("page") or context.get("article")
    glossary = _glossary(context, lang)
    href = _glossary_href(context, lang)
    on_glossary = item is not None and getattr(item, "key", None) == _setting(context, "PAGETEXT_GLOSSARY_PAGE")
    french = lang in _setting(context, "PAGETEXT_FRENCH_SPACING")
    if not french and (glossary is None or href is None or on_glossary):
        return
    file = Path(path)
    markup = original = file.read_text(encoding="utf-8")
    if glossary is not None and href is not None and not on_glossary:
        markup = link_terms(markup, glossary, href)
    if french:
        markup = space_html(markup)
    if markup != original:
        file.write_text(markup, encoding="utf-8")


def register():
    signals.content_written.connect(refine_page)
