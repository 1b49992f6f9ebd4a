"""Old addresses that must keep working: a page's `Aliases` (its addresses before a file was
renamed or a Slug changed), and the short links of printable items. Each becomes a redirect
(plugins/redirects): a small page with meta refresh and rel=canonical, for hosts that only
serve files (GitHub Pages), and a rule in `_redirects` for hosts that read it (Netlify,
Cloudflare Pages); docs/deploy.md turns the same rules into an nginx map.

An alias is written as the address appeared in the browser, from the site root:
`/campagne/vecchio-nome/`, `/en/campaigns/old/`, `/vecchia-pagina.html`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from .addresses import Address, save_as_for
from .languages import Languages

# What an old address of this site may contain: path segments of letters, digits and - _ . ~
# (percent-encoded bytes are decoded first). No query, fragment, scheme or host.
SEGMENT_RE = re.compile(r"[A-Za-z0-9._~-]+")


class AliasProblem(ValueError):
    """Why an alias cannot be used: a message code of rart.messages."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def normalise(value: str) -> Address:
    """The address an alias names: '/campagne/vecchio' and '/campagne/vecchio/' both give
    Address('campagne/vecchio/', 'campagne/vecchio/index.html'); '/x.html' gives
    Address('x.html', 'x.html'). Raises AliasProblem."""
    text = value.strip()
    parts = urlsplit(text)
    if parts.scheme or parts.netloc or text.startswith("//"):
        raise AliasProblem("alias-external")
    if not text.startswith("/"):
        raise AliasProblem("alias-not-rooted")
    if parts.query or parts.fragment:
        raise AliasProblem("alias-query")
    path = unquote(parts.path).strip("/")
    if not path:
        raise AliasProblem("alias-home")
    segments = path.split("/")
    if any(s in ("", ".", "..") or not SEGMENT_RE.fullmatch(s) for s in segments):
        raise AliasProblem("alias-characters")
    last = segments[-1]
    if last == "index.html":
        path = "/".join(segments[:-1])
        if not path:
            raise AliasProblem("alias-home")
        url = path + "/"
    elif last.endswith((".html", ".htm")):
        url = path
    elif "." in last:
        # A file (a PDF, an image): the site keeps those at their address or it is a new file.
        raise AliasProblem("alias-file")
    else:
        url = path + "/"
    return Address(url, save_as_for(url))


def former_key(alias_url: str, item_pattern: str, lang_prefix: str) -> str | None:
    """The key a page had at `alias_url` when it was at its type's address pattern:
    ('campagne/vecchio/', 'campagne/{slug}/', '') -> 'vecchio'. None when the alias is not an
    address of that pattern in that language (an alias from another section or language)."""
    if not item_pattern or "{slug}" not in item_pattern:
        return None
    start, _, end = (lang_prefix + item_pattern).partition("{slug}")
    if not alias_url.startswith(start) or not alias_url.endswith(end):
        return None
    key = alias_url[len(start):len(alias_url) - len(end)] if end else alias_url[len(start):]
    return key if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", key or "") else None


def reserved_prefixes(generated_dirs: tuple[str, ...], languages: Languages) -> tuple[str, ...]:
    """Address prefixes the build owns (assets, images, short links, print files), in every
    language: no alias may claim them."""
    prefixes = []
    for language in languages.values():
        prefixes += [language.prefix + d.strip("/") + "/" for d in generated_dirs if d]
    return tuple(prefixes)


@dataclass(frozen=True)
class Rename:
    """A content file renamed since the base the tools compare with (git mv): both paths
    under content/, and what the old file's front matter said about its address."""

    old: str  # campagne/vecchio.md
    new: str  # campagne/nuovo.md
    old_slug: str = ""
    old_status: str = ""


@dataclass(frozen=True)
class Redirect:
    """One old address and where it leads now (both from the site root, no leading slash)."""

    source: Address  # the old address: where the redirect page is written
    target: str  # the URL of the page it leads to
    lang: str  # the target's language (the redirect page speaks it)
    title: str  # the target's title, plain text
    kind: str  # "alias" or "short"


def redirect_rules(redirects: list[Redirect], siteurl: str = "") -> str:
    """`_redirects` for Netlify and Cloudflare Pages: one permanent redirect per old address,
    with and without its final slash (both hosts compare paths exactly as written)."""
    lines = ["# Old addresses and short links (plugins/redirects). One rule per line: old new status."]
    for redirect in sorted(redirects, key=lambda r: r.source.url):
        target = f"{siteurl}/{redirect.target}"
        lines.append(f"/{redirect.source.url} {target} 301")
        if redirect.source.url.endswith("/"):
            lines.append(f"/{redirect.source.url.rstrip('/')} {target} 301")
    return "\n".join(lines) + "\n"
