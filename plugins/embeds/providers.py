"""Click-to-load embeds: a paragraph holding only a link to a video or map host becomes a
notice that says who receives what, and a link the reader chooses to follow. Nothing is
loaded from the host until then, so the page itself makes no third-party request."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# A paragraph that is nothing but one link (Markdown <https://…> or [text](https://…)).
_LONE_LINK = re.compile(r'<p>\s*<a href="(?P<url>https?://[^"]+)"[^>]*>[^<]*</a>\s*</p>')


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
