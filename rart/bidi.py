"""Isolate left-to-right fragments inside right-to-left text.

In an Arabic paragraph, a Latin-script name followed by a number or punctuation can be laid
out in the wrong order ("Babel s.c.s." shown as ".s.c.s Babel"). Wrapping each Latin run in
<bdi> gives it its own direction, as the Unicode bidi algorithm intends for embedded text.
"""

from __future__ import annotations

import re

_LETTER = "A-Za-z\u00c0-\u024f"
# A character reference (&amp;, &#39;) is one unit: a run never ends inside one.
_ENTITY = "&[A-Za-z0-9#]{1,32};"
# A run starts with a Latin letter, may continue through Latin letters, digits, the
# punctuation names and references use and character references, and ends on a letter, digit
# or closing bracket.
# A reference outside a run is matched on its own and left alone, so no run starts inside it.
_RUN = re.compile(
    rf"(?P<entity>{_ENTITY})"
    rf"|[{_LETTER}](?:(?:[{_LETTER}0-9.,/\-–’'+: ]|{_ENTITY})*[{_LETTER}0-9)])?(?:\.(?=\s|$|<))?"
)
_TAG = re.compile(r"(<[^>]*>)")
_SKIP = {"code", "pre", "bdi", "script", "style", "kbd", "samp"}


def isolate_ltr_runs(html: str) -> str:
    """Wrap Latin-script runs of text in <bdi>, outside tags and outside code or bdi.

    A final full stop stays inside the run only for abbreviations ("s.c.s."); otherwise it
    is the Arabic sentence's own. An unbalanced closing bracket stays outside too.
    """
    out: list[str] = []
    skipping: list[str] = []
    for part in _TAG.split(html):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            if name and name.group(1).lower() in _SKIP and not part.endswith("/>"):
                if part.startswith("</"):
                    if skipping:
                        skipping.pop()
                else:
                    skipping.append(name.group(1).lower())
            out.append(part)
        elif skipping or not part.strip():
            out.append(part)
        else:
            out.append(_RUN.sub(_wrap, part))
    return "".join(out)


def _wrap(match: re.Match[str]) -> str:
    if match.group("entity"):
        return match.group(0)
    text, tail = match.group(0), ""
    # A full stop after a digit, or after a word with no other stop, ends the Arabic sentence.
    if text.endswith(".") and (text[-2:-1].isdigit() or text[:-1].count(".") == 0):
        text, tail = text[:-1], "."
    # A closing bracket whose opening one is outside the run belongs to the Arabic text.
    while text.endswith(")") and text.count(")") > text.count("("):
        text, tail = text[:-1], ")" + tail
    return f"<bdi>{text}</bdi>{tail}"
