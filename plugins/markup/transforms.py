"""What the build does to the HTML of every content item, in one fixed order, once, when the
item is read:

1. sanitising (sanitise.py): only what rart.htmlpolicy allows is kept;
2. click-to-load embeds (embeds.py): a lone video or map link becomes a notice;
3. bidi isolation (rart.bidi), in right-to-left languages: Latin runs get their own direction.

The sanitiser comes first because the other two add the build's own markup (the embed notice,
<bdi>), which the editors' allow-list does not include. Embeds and bidi isolation are each
idempotent and leave what the other produced alone, so their order does not matter
(tests/test_core.py checks both orders).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rart.bidi import isolate_ltr_runs

from .embeds import render_notice, replace_embeds
from .sanitise import sanitise


@dataclass(frozen=True)
class Context:
    """What the transforms need to know about the item's language and the theme."""

    rtl: bool
    gettext: Callable[[str], str]
    providers: Mapping[str, tuple[str, str]]  # EMBED_PROVIDERS
    reserved_ids: tuple[frozenset[str], tuple[str, ...]] = (frozenset(), ())  # the theme's ids


def transform(html: str, context: Context) -> str:
    if not html:
        return html
    html = sanitise(html, *context.reserved_ids)
    html = replace_embeds(
        html, context.providers,
        lambda url, provider: render_notice(url, provider, context.gettext, context.rtl),
    )
    if context.rtl:
        html = isolate_ltr_runs(html)
    return html
