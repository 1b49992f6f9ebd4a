"""What the validator looks at in Markdown text, with line numbers: links, images and their
alternative text, HTML that is not allowed, lines still marked ✎, and the words themselves.

Pure functions over lines; code (fenced blocks and `inline code`) is skipped, because there
a link or a tag is an example, not a link or a tag."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rart.contract import PLACEHOLDER

FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")
# [text](target "title") and ![alt](target); the target may be <wrapped in angle brackets>.
LINK_RE = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
    r"\(\s*(?P<target><[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
REF_DEF_RE = re.compile(r"^ {0,3}\[(?P<text>[^\]]+)\]:\s*(?P<target><[^>]*>|\S+)")
TAG_RE = re.compile(r"<\s*(?P<name>[A-Za-z][A-Za-z0-9-]*)\b(?P<attrs>[^>]*)>?")
ATTR_RE = re.compile(
    r"""(?P<name>[A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+))"""
)
UNSAFE_TAGS = {
    "script", "iframe", "object", "embed", "style", "form", "input", "button", "textarea",
    "select", "frame", "frameset", "meta", "link", "base", "svg", "math", "applet",
}
HTML_TAG_RE = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?\s*>")


@dataclass(frozen=True)
class Found:
    line: int
    column: int  # 1-based
    kind: str  # "link", "image" (Markdown image or <img src>), "href", "src", "ref"
    target: str
    text: str = ""  # link text or image alt
    has_alt: bool = True


@dataclass
class Scan:
    links: list[Found] = field(default_factory=list)
    unsafe: list[tuple[int, str]] = field(default_factory=list)  # (line, tag as written)
    missing_alt: list[Found] = field(default_factory=list)
    placeholders: list[int] = field(default_factory=list)
    prose: list[tuple[int, str]] = field(default_factory=list)  # (line, text without code or URLs)


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def _target(raw: str) -> str:
    raw = raw.strip()
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    return raw.strip()


def scan(lines: list[str], first_line: int) -> Scan:
    """Scan Markdown `lines`, the first of which is line `first_line` of the file."""
    result = Scan()
    fence = None
    for offset, raw in enumerate(lines):
        number = first_line + offset
        opening = FENCE_RE.match(raw)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        if raw.lstrip().startswith(PLACEHOLDER):
            result.placeholders.append(number)
        line = CODE_SPAN_RE.sub(_blank, raw)
        prose = line
        for match in LINK_RE.finditer(line):
            image = match["bang"] == "!"
            found = Found(number, match.start() + 1, "image" if image else "link",
                          _target(match["target"]), match["text"].strip())
            result.links.append(found)
            if image and not found.text:
                result.missing_alt.append(found)
            # Keep the link text for the wording check, drop the address.
            start, end = match.span("target")
            prose = prose[:start] + " " * (end - start) + prose[end:]
        ref = REF_DEF_RE.match(line)
        if ref:
            result.links.append(Found(number, ref.start("target") + 1, "ref", _target(ref["target"]),
                                      ref["text"]))
            prose = prose[: ref.start("target")]
        for tag in TAG_RE.finditer(line):
            name = tag["name"].lower()
            attrs = {a["name"].lower(): (a["dq"] if a["dq"] is not None else a["sq"] if a["sq"] is not None else a["bare"])
                     for a in ATTR_RE.finditer(tag["attrs"] or "")}
            if name in UNSAFE_TAGS:
                result.unsafe.append((number, f"<{tag['name']}"))
            for attr in attrs:
                if attr.startswith("on"):
                    result.unsafe.append((number, f"{attr}="))
            alt = (attrs.get("alt") or "").strip()
            for attr in ("href", "src"):
                if attr in attrs:
                    kind = "image" if (name, attr) == ("img", "src") else attr
                    result.links.append(Found(number, tag.start() + 1, kind, attrs[attr].strip(), alt))
            if name == "img" and not alt:
                result.missing_alt.append(Found(number, tag.start() + 1, "image",
                                                (attrs.get("src") or "").strip(), alt, has_alt="alt" in attrs))
            prose = prose[: tag.start()] + " " * (tag.end() - tag.start()) + prose[tag.end():]
        result.prose.append((number, prose))
    return result


def html_tag(text: str) -> str | None:
    """The first HTML tag in a plain-text value, or None."""
    match = HTML_TAG_RE.search(text)
    return match.group(0) if match else None
