"""Walk the text of a rendered HTML page and rewrite it, leaving markup alone.

The pages are the theme's own output, so a tokenizer is enough: comments, <script> and <style>
(whose content is not text) and tags are passed through untouched, attributes included, and
each piece of text between them is handed to a function with the names of the elements it is
in. Entities are decoded before the function sees the text and &, <, > are escaped again
afterwards, so a rewrite never lands inside an entity ("&amp;" holds a ";").
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<(?P<raw>script|style)\b[^>]*>.*?</(?P=raw)\s*>|<[^>]*>",
    re.DOTALL | re.IGNORECASE,
)
_TAG = re.compile(r"<\s*(?P<end>/)?\s*(?P<name>[A-Za-z][A-Za-z0-9-]*)")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "!doctype"}

TextRewrite = Callable[[str, tuple[str, ...]], "str | None"]


def rewrite_text(markup: str, rewrite: TextRewrite) -> str:
    """`markup` with every text node replaced by rewrite(text, open_elements). `text` is
    decoded (no entities); what rewrite returns is inserted as it is, so it must escape its
    own text (escape_text) and may add markup; None keeps the node as it was. open_elements:
    lowercase names, outermost first."""
    out: list[str] = []
    stack: list[str] = []
    position = 0
    for match in _TOKEN.finditer(markup):
        if match.start() > position:
            out.append(_text(markup[position:match.start()], stack, rewrite))
        token = match.group(0)
        out.append(token)
        position = match.end()
        if match.group("raw") or token.startswith(("<!", "<?")):
            continue
        tag = _TAG.match(token)
        if not tag:
            continue
        name = tag["name"].lower()
        if tag["end"]:
            if name in stack:
                while stack and stack.pop() != name:
                    pass
        elif name not in VOID and not token.endswith("/>"):
            stack.append(name)
    if position < len(markup):
        out.append(_text(markup[position:], stack, rewrite))
    return "".join(out)


def _text(raw: str, stack: list[str], rewrite: TextRewrite) -> str:
    if not raw.strip():
        return raw
    decoded = html.unescape(raw) if "&" in raw else raw
    result = rewrite(decoded, tuple(stack))
    # Unchanged text keeps its original spelling (entities and all).
    return raw if result is None or result == escape_text(decoded) else result


def escape_text(text: str) -> str:
    return html.escape(text, quote=False)
