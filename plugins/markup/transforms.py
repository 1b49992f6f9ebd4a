"""What the build does to the HTML of every content item, in one fixed order, once, when the
item is read. Each step is idempotent and leaves what another step produced alone, so the
result does not depend on the order (tests/test_markup.py checks both orders):

1. click-to-load embeds (embeds.py): a lone video or map link becomes a notice;
2. bidi isolation (rart.bidi), in right-to-left languages: Latin runs get their own direction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rart.bidi import isolate_ltr_runs

from .embeds import render_notice, replace_embeds


@dataclass(frozen=True)
class Context:
    """What the transforms need to know about the item's language."""

    rtl: bool
    gettext: Callable[[str], str]
    providers: Mapping[str, tuple[str, str]]  # EMBED_PROVIDERS


def transform(html: str, context: Context) -> str:
    if not html:
        return html
    html = replace_embeds(
        html, context.providers,
        lambda url, provider: render_notice(url, provider, context.gettext, context.rtl),
    )
    if context.rtl:
        html = isolate_ltr_runs(html)
    return html
