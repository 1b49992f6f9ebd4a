"""Click-to-load embeds: a paragraph holding only a link to a video or map host becomes a
notice that says who receives what, and a link the reader chooses to follow. Nothing is
loaded from the host until then, so the page itself makes no third-party request."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

from rart.bidi import isolate_ltr_runs

# A paragraph that is nothing but one link (Markdown <https://…> or [text](https://…)). The
# link text may hold markup (another rewrite may have isolated it in <bdi>): whichever runs
# first, the paragraph is recognised.
_LONE_LINK = re.compile(
    r'<p>\s*<a href="(?P<url>https?://[^"]+)"[^>]*>(?:(?!</a>)[^\n])*</a>\s*</p>'
)


@dataclass(frozen=True)
class Provider:
    name: str
    kind: str  # "video" | "map"


def find_provider(url: str, providers: dict[str, tuple[str, str]]) -> Provider | None:
    """The provider whose domain (or domain/path prefix) the URL belongs to, if any."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    for prefix, (name, kind) in providers.items():
        domain, _, path = prefix.partition("/")
        on_domain = host == domain or host.endswith("." + domain)
        if on_domain and parts.path.startswith("/" + path):
            return Provider(name, kind)
    return None


def replace_embeds(html: str, providers, render) -> str:
    """Replace each lone provider link with render(url, provider) -> HTML."""

    def swap(match: re.Match) -> str:
        provider = find_provider(match.group("url"), providers)
        return render(match.group("url"), provider) if provider else match.group(0)

    return _LONE_LINK.sub(swap, html)


def render_notice(url: str, provider: Provider, gettext: Callable[[str], str], rtl: bool) -> str:
    """The click-to-load notice for one link, in the page's language. In a right-to-left page
    its Latin runs (the provider's name) are isolated here, so bidi isolation, whether it
    runs before or after, has nothing left to do."""
    # Literal msgids, so `make extract` sees them (keyword translate:2 via the gettext arg).
    if provider.kind == "video":
        notice = gettext("This video is on %(provider)s. If you open it, %(provider)s receives your IP address and information about your browser.")
        label = gettext("Watch the video on %(provider)s")
    else:
        notice = gettext("This map is on %(provider)s. If you open it, %(provider)s receives your IP address and information about your browser.")
        label = gettext("Open the map on %(provider)s")
    values = {"provider": escape(provider.name)}
    html = (
        f'<aside class="rart-embed rart-embed--{provider.kind}">'
        f'<p class="rart-embed__notice">{escape(notice) % values}</p>'
        f'<p><a class="rart-cta rart-cta--secondary rart-embed__link" href="{escape(url)}" '
        f'rel="external noopener">{escape(label) % values}</a></p></aside>'
    )
    return isolate_ltr_runs(html) if rtl else html
