"""French spacing: the non-breaking spaces French typography puts before high punctuation and
inside guillemets, so that a line never breaks between a word and its ; : ! ? or between « »
and what they enclose.

- before ; ! ? a narrow no-break space (U+202F), before : a no-break space (U+00A0);
- after « and before » a no-break space (U+00A0);
- an ordinary space already there is replaced; where there is none, one is added after a
  letter or digit (for : only after a letter and before a space, so 10:30 stays as it is);
- web addresses written in the text (https://…, mailto:…, www.…) are left untouched.

Pure and idempotent: applying it twice gives the same text.
"""

from __future__ import annotations

import re

from .htmltext import escape_text, rewrite_text

NNBSP = "\u202f"
NBSP = "\u00a0"
SKIP = {"script", "style", "code", "pre", "kbd", "samp", "textarea", "var"}
_URL = re.compile(r"(?:https?|ftp|mailto|tel):[^\s<>\"«»]*|www\.[^\s<>\"«»]+", re.IGNORECASE)
_SPACES = r"[ \t\n\u00a0\u202f\u2009]"
# A run of spaces matched from its first character only: without the lookbehind, a long run
# not followed by punctuation is scanned again from each of its characters (quadratic time).
_RUN = r"(?<![ \t\n\u00a0\u202f\u2009])" + _SPACES + "+"
_PUNCTUATION = re.compile("[;:!?«»]")


def _segment(text: str, previous: str) -> str:
    """One piece of text without addresses; `previous` is the character before it."""
    text = re.sub(_RUN + r"([;!?])", NNBSP + r"\1", text)
    text = re.sub(r"(?<=[\w)\]»\"”’%])([;!?])", NNBSP + r"\1", text)
    text = re.sub(_RUN + ":", NBSP + ":", text)
    text = re.sub(r"(?<=[^\W\d_]):(?=\s|$)", NBSP + ":", text)
    text = re.sub("«" + _SPACES + "*", "«" + NBSP, text)
    text = re.sub(r"(?<=\S)" + _SPACES + "*»", NBSP + "»", text)
    text = re.sub("^" + _SPACES + "+»", NBSP + "»", text)
    if previous and not previous.isspace():
        if text[:1] in (";", "!", "?") and (previous.isalnum() or previous in ")]»\"”’%"):
            text = NNBSP + text
        elif text[:1] == ":" and previous.isalpha() and (len(text) == 1 or text[1].isspace()) or text[:1] == "»":
            text = NBSP + text
    return text


def space_text(text: str, previous: str = "") -> str:
    """French spacing in plain text; `previous` is the character just before it on the page
    (the end of the previous text node), for punctuation that follows an inline tag."""
    out = []
    position = 0
    for url in _URL.finditer(text):
        before = text[position:url.start()]
        out.append(_segment(before, previous if position == 0 else text[position - 1]))
        out.append(url.group(0))
        position = url.end()
    rest = text[position:]
    if rest:
        out.append(_segment(rest, previous if position == 0 else text[position - 1]))
    return "".join(out)


def space_html(markup: str) -> str:
    """French spacing in the text of an HTML page: content, headings, the <title>, interface
    strings; never in attributes, scripts, styles or code."""
    previous = [""]

    def rewrite(text: str, stack: tuple[str, ...]) -> str | None:
        before, previous[0] = previous[0], text[-1:]
        if SKIP.intersection(stack) or not _PUNCTUATION.search(text):
            return None
        result = space_text(text, before)
        previous[0] = result[-1:]
        return escape_text(result)

    return rewrite_text(markup, rewrite)
