"""Glossary links: the first use of each term on a page links to the term's entry on the
glossary page ("Parole della rete"), so pages can use the words and stay short.

Only text inside <main> is linked, never inside a link, a heading, code, a button or a label,
and each term once per page, at its first use. A term is a list of forms (the words as pages
write them in one language); forms match whole words, longest first; a form that starts with
a lowercase letter also matches with a capital ("Co-programmazione" at the start of a
sentence); an Arabic form that starts with the article ال also matches with the
conjunctions and prepositions Arabic glues to it (والتخطيط, للتخطيط). Pure and idempotent: a term already linked is inside a link, so it is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .htmltext import escape_text, rewrite_text

SKIP = {"a", "abbr", "button", "code", "dfn", "h1", "h2", "h3", "h4", "h5", "h6", "head",
        "header", "footer", "kbd", "label", "nav", "option", "pre", "samp", "script", "select",
        "style", "textarea", "title", "var"}
LINK_CLASS = "rart-term"


@dataclass(frozen=True)
class Glossary:
    pattern: re.Pattern
    anchors: tuple[str, ...]  # the anchor of each alternative group, in pattern order
    # For each form, a piece every match of it contains as written: a page with none of them
    # has nothing to link, found with str.find rather than by trying every form at every
    # word of the page (2,956 pages of the bench: 1.1 s of the pattern, most for nothing).
    needles: tuple[str, ...]

    @classmethod
    def build(cls, terms: dict[str, list[str]]) -> Glossary | None:
        """terms: anchor -> forms in one language. None when there is nothing to link."""
        pairs = sorted(((form, anchor) for anchor, forms in terms.items() for form in forms),
                       key=lambda pair: -len(pair[0]))
        if not pairs:
            return None
        groups = [f"(?P<t{i}>{_form(form)})" for i, (form, _) in enumerate(pairs)]
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(groups) + r")(?!\w)")
        return cls(pattern, tuple(anchor for _, anchor in pairs),
                   tuple(sorted({_needle(form) for form, _ in pairs})))


def _form(form: str) -> str:
    parts = []
    capital_first = True
    if form.startswith("ال"):
        # Arabic writes "and", "with", "like", "for" glued to the article: والتخطيط, للتخطيط.
        parts.append("(?:[وفبك]?ال|[وف]?لل)")
        form, capital_first = form[2:], False
    for i, char in enumerate(form):
        if char.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif i == 0 and capital_first and char.islower():
            parts.append(f"[{char}{char.upper()}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _needle(form: str) -> str:
    """The longest run of the form that _form matches only as written: not the Arabic article
    (which takes prefixes), not a first letter that also matches as a capital, not spaces."""
    if form.startswith("ال"):
        form = form[2:]
    elif form[:1].islower():
        form = form[1:]
    return max(form.split(), key=len, default="")


def link_terms(markup: str, glossary: Glossary, href: str) -> str:
    """`markup` (a whole page) with the first use of each term in <main> linked to
    href#anchor."""
    start = markup.find("<main")
    end = markup.rfind("</main>")
    if start < 0 or end < start or not any(markup.find(needle, start, end) >= 0
                                           for needle in glossary.needles) \
            or not glossary.pattern.search(markup, start, end):
        return markup  # most pages of a listing have nothing to link: no walk at all
    # Terms linked by an earlier run count as used: the rewrite is idempotent.
    done = set(re.findall(rf'<a class="{LINK_CLASS}" href="[^"#]*#([^"]+)"', markup))

    def rewrite(text: str, stack: tuple[str, ...]) -> str | None:
        if SKIP.intersection(stack) or not glossary.pattern.search(text):
            return None
        out = []
        position = 0
        for match in glossary.pattern.finditer(text):
            anchor = glossary.anchors[int((match.lastgroup or "g0")[1:])]
            if anchor in done:
                continue
            done.add(anchor)
            out.append(escape_text(text[position:match.start()]))
            out.append(f'<a class="{LINK_CLASS}" href="{escape_text(href)}#{anchor}">'
                       f"{escape_text(match.group(0))}</a>")
            position = match.end()
        if not position:
            return None
        out.append(escape_text(text[position:]))
        return "".join(out)

    return markup[:start] + rewrite_text(markup[start:end], rewrite) + markup[end:]
