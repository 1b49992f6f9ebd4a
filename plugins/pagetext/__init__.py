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

from pathlib import Path

from pelican import signals

from .french import space_html
from .glossary import Glossary, link_terms

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


def _glossaries(settings) -> dict[str, Glossary | None]:
    """language -> its compiled glossary (None when it has no forms)."""
    terms = settings.get("PAGETEXT_GLOSSARY_TERMS", DEFAULTS["PAGETEXT_GLOSSARY_TERMS"])
    if not isinstance(terms, dict) or not all(
        isinstance(anchor, str) and isinstance(forms, dict)
        and all(isinstance(v, (list, tuple)) for v in forms.values())
        for anchor, forms in terms.items()
    ):
        raise SettingsError("PAGETEXT_GLOSSARY_TERMS must map an anchor to {language: [forms]}")
    languages = {lang for forms in terms.values() for lang in forms}
    return {lang: Glossary.build({anchor: list(forms.get(lang, ())) for anchor, forms in terms.items()})
            for lang in languages}


def prepare(generators):
    # Once per build, before anything is written: the patterns are compiled once, not per
    # page. The context is rebuilt on every run, so autoreload is safe; each page's render
    # context is a shallow copy of it, so every page sees this dict.
    settings = generators[0].settings
    generators[0].context["PAGETEXT"] = {
        "glossaries": _glossaries(settings),
        "glossary_key": settings.get("PAGETEXT_GLOSSARY_PAGE", DEFAULTS["PAGETEXT_GLOSSARY_PAGE"]),
        "french": settings.get("PAGETEXT_FRENCH_SPACING", DEFAULTS["PAGETEXT_FRENCH_SPACING"]),
    }


def refine_page(path, context):
    state = (context or {}).get("PAGETEXT")
    if state is None or not str(path).endswith(".html"):
        return
    lang = context.get("lang") or context.get("DEFAULT_LANG")
    item = context.get("page") or context.get("article")
    glossary = state["glossaries"].get(lang)
    # PAGES_BY_KEY (plugins/i18n) is read here, at write time, not in prepare(): the two
    # run at the same signal, in plugin order, and the result must not depend on it.
    versions = context.get("PAGES_BY_KEY", {}).get(state["glossary_key"], {})
    page = versions.get(lang) or versions.get(context.get("DEFAULT_LANG"))
    on_glossary = item is not None and getattr(item, "key", None) == state["glossary_key"]
    link = glossary is not None and page is not None and not on_glossary
    french = lang in state["french"]
    if not (link or french):
        return
    file = Path(path)
    markup = original = file.read_text(encoding="utf-8")
    if link:
        markup = link_terms(markup, glossary, f"{context.get('SITEURL', '')}/{page.url}")
    if french:
        markup = space_html(markup)
    if markup != original:
        file.write_text(markup, encoding="utf-8")


def register():
    signals.all_generators_finalized.connect(prepare)
    signals.content_written.connect(refine_page)
