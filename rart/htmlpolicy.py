"""What HTML content may hold, in one place: the elements, attributes, classes and URL schemes
that a content item's HTML keeps (the sanitiser in plugins/markup applies it to every body and
every front-matter field that becomes HTML; the validator reports, with file and line, what it
would remove), and how a URL or a text is judged the way a browser reads it.

The policy is an allow-list: anything not named here is removed. It is the site's, not a
general one: no script, event handler, style, form, frame or remote media; links go to
http(s), mailto, tel or the site's own paths; images load only from the site itself (privacy:
no request to another host, ever).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Elements an item's HTML may contain: what Python-Markdown (with `extra`) writes, and the
# inline elements an editor may reasonably type. The build adds its own (<picture>, embeds'
# <aside>, <bdi>) after sanitising; those are not editors' to write.
TAGS = _names("""
a abbr b bdi bdo blockquote br caption cite code dd del details dfn div dl dt em figcaption
figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub
summary sup table tbody td tfoot th thead time tr u ul var wbr
""")

# Attributes every allowed element may carry, then per element. `class` is filtered by CLASSES.
GLOBAL_ATTRIBUTES = frozenset({"id", "lang", "dir", "title"})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "abbr": frozenset(),
    "th": frozenset({"colspan", "rowspan", "scope", "align"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
}
# Classes the Markdown extensions write (footnotes); an editor's own classes ({: .x } with
# attr_list) are dropped, so content cannot borrow the theme's components.
CLASSES = frozenset({"footnote", "footnote-ref", "footnote-backref"})
# Elements removed together with everything inside them (their text is code or a trap).
DROP_WITH_CONTENT = _names("""
script style template noscript iframe object embed applet svg math textarea select option
title xmp noembed noframes plaintext frameset frame
""")
# Elements that run code, load something or take input: the validator reports these as
# errors (the rest of what the allow-list removes is a warning: harmless, but gone).
DANGEROUS_TAGS = DROP_WITH_CONTENT | _names("""
form input button link meta base image video audio source track picture portal canvas dialog
marquee
""")
# Attributes that run code or load something, whatever the element.
DANGEROUS_ATTRIBUTES = frozenset({
    "style", "srcdoc", "formaction", "action", "ping", "poster", "background", "srcset",
    "xlink:href", "data", "codebase", "dynsrc", "lowsrc",
})
# Where links may go: these schemes, or no scheme (a path of this site, a fragment).
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "data",
                            "background", "ping", "xlink:href", "srcset", "longdesc"})

# Explicit bidi formatting characters: embeddings, overrides and isolates (U+202A–U+202E,
# U+2066–U+2069). They can make "fattura‮gpj.exe" read as "fatturaexe.jpg"; the site isolates
# directions with <bdi> itself. The marks (U+200E, U+200F, U+061C) stay: Arabic needs them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI_CONTROLS_RE = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
# What a browser strips from the ends of a URL (C0 controls and space) and removes inside it
# (tab, line feed, carriage return) before it reads the scheme (WHATWG URL standard).
_URL_ENDS = "".join(chr(c) for c in range(0x21))
_URL_INSIDE = re.compile("[\t\n\r]")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def strip_bidi_controls(text: str) -> str:
    return _BIDI_CONTROLS_RE.sub("", text)


def has_bidi_controls(text: str) -> bool:
    return _BIDI_CONTROLS_RE.search(text) is not None


def browser_url(value: str) -> str:
    """A URL as the browser reads it (entities already decoded by the HTML parser)."""
    return _URL_INSIDE.sub("", value.strip(_URL_ENDS))


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see in `value`, lowercased, or None for a relative URL.
    '  JaVa\\tScript:x' -> 'javascript'; '{filename}/x.md' -> None; 'www.x.it/a:b' -> None."""
    match = _SCHEME.match(browser_url(value))
    return match.group()[:-1].lower() if match else None


def is_safe_link(value: str) -> bool:
    """A link a reader may follow: http(s), mailto, tel, or a path or fragment of this site."""
    scheme = url_scheme(value)
    return scheme is None or scheme in LINK_SCHEMES


def is_site_path(value: str) -> bool:
    """A URL an image may load: a path of this site, never another host ('//host', '/\\host'
    and any scheme are other hosts or worse)."""
    url = browser_url(value)
    if not url or "\\" in url or url.startswith("//") or url_scheme(url) is not None:
        return False
    try:
        return not urlsplit(url).netloc
    except ValueError:
        return False


def is_reserved_id(value: str, exact: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    """Whether an id in content would repeat one the templates write (`exact`), or one they
    build from a prefix (card-…, year-…)."""
    value = value.strip()
    return value in exact or value.startswith(prefixes)


# An id written literally in a template (id="main"), or its start before a Jinja expression
# (id="card-{{ … }}").
_TEMPLATE_ID = re.compile(r"""\bid=["']([A-Za-z][\w:.-]*)(\{\{|\{%)?""")


def template_ids(texts: list[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """(ids, id prefixes) the templates write, read from their source texts."""
    exact: set[str] = set()
    prefixes: set[str] = set()
    for text in texts:
        for match in _TEMPLATE_ID.finditer(text):
            (prefixes if match.group(2) else exact).add(match.group(1))
    return frozenset(exact), tuple(sorted(prefixes))


def theme_ids(theme: object) -> tuple[frozenset[str], tuple[str, ...]]:
    """(ids, id prefixes) the templates of the theme folder `theme` write (none without one)."""
    folder = Path(str(theme or "")) / "templates"
    if not theme or not folder.is_dir():
        return frozenset(), ()
    return template_ids([p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.html"))])
