"""What the validator looks at in Markdown text, with line numbers: links, images and their
alternative text, HTML and what the site's allow-list (rart.htmlpolicy) would remove from it,
lines still marked ✎, and the words themselves.

Pure functions over lines, each a single pass with no backtracking regular expression, so a
crafted line costs time in proportion to its length (tests/test_hostile.py feeds 100 kB
pathological lines). The text is read as Python-Markdown reads it where that decides what is
code: a fenced block is code only when it is closed (an unclosed ``` leaves what follows live
HTML, and is reported); an `inline code` span is code. Everything else is scanned: HTML tags
the way a browser's tokenizer reads them (attributes over several lines, every duplicate,
entities decoded), links with nested brackets and parentheses and targets on the next line.
The sanitiser removes whatever this misses; this is so that editors learn, with a line."""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field

from rart.contract import PLACEHOLDER
from rart.htmlpolicy import ATTRIBUTES, CLASSES, DANGEROUS_ATTRIBUTES, DANGEROUS_TAGS, GLOBAL_ATTRIBUTES, TAGS

# Python-Markdown's fenced_code, line by line: the fence at the start of a line, then an
# optional {attributes} or language and hl_lines; closed by the same fence alone on a line.
_FENCE_OPEN = re.compile(r"(~{3,}|`{3,})[ ]*(.*)")
_FENCE_INFO = re.compile(r"\.?[\w#.+-]*[ ]*(?:hl_lines=(\"|')[^\"']*\1[ ]*)?")
# [label]: target, the target possibly on the next line (Python-Markdown's reference rule).
# What the link scanner stops at; it skips every other character.
_BRACKET_OR_ESCAPE = re.compile(r"[\\\[\]]")
_REF_DEF = re.compile(r" {0,3}\[([^\[\]\n]*)\]:[ ]*(\S*)")
_WHITESPACE = " \t\n\r\f"
_NAME_END = _WHITESPACE + "/>"
_ATTRIBUTE_END = _WHITESPACE + "/>="
_VALUE_END = _WHITESPACE + ">"
# Unchanged for compatibility: what a plain-text value may not contain (html_tag).
_MARKUP = re.compile(r"<[A-Za-z/!?]|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


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
    unsafe: list[tuple[int, str]] = field(default_factory=list)  # (line, tag or attribute as written)
    removed: list[tuple[int, str]] = field(default_factory=list)  # harmless HTML the site removes
    missing_alt: list[Found] = field(default_factory=list)
    placeholders: list[int] = field(default_factory=list)
    unclosed_fences: list[int] = field(default_factory=list)
    ids: list[tuple[int, str]] = field(default_factory=list)  # id="…" written in HTML
    prose: list[tuple[int, str]] = field(default_factory=list)  # (line, text without code or URLs)


@dataclass(frozen=True)
class Tag:
    start: int  # offset of "<"
    end: int  # offset after ">" (or where the tag was cut off)
    name: str  # lowercased
    attributes: tuple[tuple[str, str | None], ...]  # every one, in order, values decoded


class _Text:
    """The text of several lines as one string, with offsets mapped back to lines."""

    def __init__(self, lines: list[str], first_line: int):
        self.text = "\n".join(lines)
        self.first_line = first_line
        self.starts = [0]
        for line in lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def line(self, offset: int) -> int:
        return self.first_line + bisect.bisect_right(self.starts, offset) - 1

    def column(self, offset: int) -> int:
        return offset - self.starts[bisect.bisect_right(self.starts, offset) - 1] + 1


def fenced_blocks(lines: list[str]) -> tuple[list[tuple[int, int]], list[int]]:
    """([(first, last) line index of each fenced code block], [index of each unclosed fence]).
    Closing lines are indexed once by fence, so each opener finds its closer by bisection."""
    closers: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        if line[:1] in "`~":
            stripped = line.rstrip(" ")
            if len(stripped) >= 3 and stripped == stripped[0] * len(stripped):
                closers.setdefault(stripped, []).append(index)
    blocks, unclosed = [], []
    index = 0
    while index < len(lines):
        line = lines[index]
        opening = _FENCE_OPEN.fullmatch(line) if line[:3] in ("```", "~~~") else None
        info = opening.group(2) if opening else ""
        if opening and (not info or (info[0] == "{" and info[-1] == "}") or _FENCE_INFO.fullmatch(info)):
            candidates = closers.get(opening.group(1), [])
            position = bisect.bisect_right(candidates, index)
            if position < len(candidates):
                blocks.append((index, candidates[position]))
                index = candidates[position] + 1
                continue
            unclosed.append(index)
        index += 1
    return blocks, unclosed


def code_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets (from, to) of the `code spans` in text[start:end] (one paragraph): a run of n
    backticks opens, the next run of exactly n closes. Runs are indexed by length first, so
    the search is linear whatever the number of unmatched runs."""
    runs: list[tuple[int, int]] = []
    i = text.find("`", start, end)
    while i != -1:
        j = i
        while j < end and text[j] == "`":
            j += 1
        if i == start or text[i - 1] != "\\":
            runs.append((i, j - i))
        i = text.find("`", j, end)
    by_length: dict[int, list[int]] = {}
    for index, (_, length) in enumerate(runs):
        by_length.setdefault(length, []).append(index)
    spans = []
    after = 0  # runs before this index are used
    for index, (offset, length) in enumerate(runs):
        if index < after:
            continue
        same = by_length[length]
        position = bisect.bisect_right(same, index)
        if position < len(same) and runs[same[position]][0] > offset + length:
            closer = same[position]
            spans.append((offset, runs[closer][0] + length))
            after = closer + 1
    return spans


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def read_tag(text: str, start: int, end: int | None = None) -> Tag | None:
    """The start tag at text[start] ("<" then a letter), read as an HTML5 tokenizer reads it:
    attribute names end at space, "/", ">" or "="; values are quoted or end at space or ">".
    A tag not closed by `end` (the end of its paragraph) is cut off there: Markdown does not
    read a tag across paragraphs either."""
    n = len(text) if end is None else end
    i = start + 1
    if i >= n or not text[i].isascii() or not text[i].isalpha():
        return None
    j = i
    while j < n and text[j] not in _NAME_END:
        j += 1
    name = text[i:j].lower()
    attributes: list[tuple[str, str | None]] = []
    i = j
    while i < n:
        while i < n and (text[i] in _WHITESPACE or text[i] == "/"):
            i += 1
        if i >= n or text[i] == ">":
            break
        j = i + 1  # an attribute name may start with "="
        while j < n and text[j] not in _ATTRIBUTE_END:
            j += 1
        attribute = text[i:j].lower()
        i = j
        while i < n and text[i] in _WHITESPACE:
            i += 1
        value = None
        if i < n and text[i] == "=":
            i += 1
            while i < n and text[i] in _WHITESPACE:
                i += 1
            if i < n and text[i] in "\"'":
                close = text.find(text[i], i + 1, n)
                if close == -1:
                    value, i = text[i + 1:n], n
                else:
                    value, i = text[i + 1:close], close + 1
            else:
                j = i
                while j < n and text[j] not in _VALUE_END:
                    j += 1
                value, i = text[i:j], j
            value = html.unescape(value)
        attributes.append((attribute, value))
    return Tag(start, min(i + 1, n), name, tuple(attributes))


def _link_target(text: str, i: int, end: int) -> tuple[str, int, int, bool] | None:
    """After "](" at text[i]: (target, its start, where the link ends, closed). Each character
    is read by at most one call: the caller resumes where this stops."""
    while i < end and text[i] in _WHITESPACE:
        i += 1
    start = i
    if i < end and text[i] == "<":
        close = text.find(">", i + 1, end)
        if close == -1:
            return None
        target, i = text[i + 1:close], close + 1
    else:
        depth = 0
        while i < end and text[i] not in _WHITESPACE:
            if text[i] == "(":
                depth += 1
            elif text[i] == ")":
                if depth == 0:
                    break
                depth -= 1
            i += 1
        target = text[start:i]
    while i < end and text[i] in _WHITESPACE:
        i += 1
    if i < end and text[i] in "\"'(":
        closing = ")" if text[i] == "(" else text[i]
        close = text.find(closing, i + 1, end)
        i = end if close == -1 else close + 1
        while i < end and text[i] in _WHITESPACE:
            i += 1
    closed = i < end and text[i] == ")"
    return target, start, i + 1 if closed else i, closed


def _target(raw: str) -> str:
    raw = html.unescape(raw.strip())
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    return raw.strip()


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the parts of `text` between empty lines."""
    parts, start = [], 0
    while (blank := text.find("\n\n", start)) != -1:
        parts.append((start, blank))
        start = blank + 1
    parts.append((start, len(text)))
    return parts


def scan(lines: list[str], first_line: int) -> Scan:
    """Scan Markdown `lines`, the first of which is line `first_line` of the file."""
    result = Scan()
    blocks, unclosed = fenced_blocks(lines)
    result.unclosed_fences = [first_line + index for index in unclosed]
    in_code = [False] * len(lines)
    for first, last in blocks:
        for index in range(first, last + 1):
            in_code[index] = True
    # Code blocks and blank lines become empty lines: paragraphs are split by "\n\n".
    source = _Text(["" if code or not line.strip() else line for line, code in zip(lines, in_code)],
                   first_line)
    text = source.text
    chars = list(text)
    for start, end in _paragraphs(text):
        for span_start, span_end in code_spans(text, start, end):
            _blank(chars, span_start, span_end)
    masked = "".join(chars)  # code blanked: what is left is prose, links and HTML

    paragraphs = _paragraphs(masked)
    for start, end in paragraphs:
        _scan_links(masked, start, end, source, chars, result)
    masked_lines = masked.split("\n")
    for index, line in enumerate(masked_lines):
        ref = _REF_DEF.match(line)
        if ref and not ref.group(1).startswith("^"):
            target, number, column = ref.group(2), first_line + index, ref.start(2)
            if not target and index + 1 < len(masked_lines):  # the target on the next line
                following = masked_lines[index + 1]
                target, number = following.strip().partition(" ")[0], number + 1
                column = len(following) - len(following.lstrip())
            result.links.append(Found(number, column + 1, "ref", _target(target), ref.group(1)))
            row = source.starts[index]
            _blank(chars, row + ref.start(2), row + len(line))
    for start, end in paragraphs:
        _scan_tags(masked, start, end, source, chars, result)

    prose_lines = "".join(chars).split("\n")
    for index, line in enumerate(lines):
        if in_code[index]:
            continue
        number = first_line + index
        if line.lstrip().startswith(PLACEHOLDER):
            result.placeholders.append(number)
        result.prose.append((number, prose_lines[index]))
    return result


def _scan_links(text: str, start: int, end: int, source: _Text, chars: list[str], result: Scan) -> None:
    """Markdown links and images in one paragraph: brackets matched with a stack."""
    stack: list[int] = []
    i = start
    while (next_mark := _BRACKET_OR_ESCAPE.search(text, i, end)) is not None:
        i = next_mark.start()
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            stack.append(i)
        elif char == "]" and stack:
            opening = stack.pop()
            if i + 1 < end and text[i + 1] == "(":
                found = _link_target(text, i + 2, end)
                if found is None:
                    i += 2
                    continue
                raw, target_start, stop, closed = found
                if closed:
                    image = opening > start and text[opening - 1] == "!"
                    label = text[opening + 1:i].strip()
                    link = Found(source.line(target_start), source.column(target_start),
                                 "image" if image else "link", _target(raw), label)
                    result.links.append(link)
                    if image and not label:
                        result.missing_alt.append(link)
                    _blank(chars, i + 2, stop - 1)  # the address: not prose
                    stack.clear()  # Markdown does not nest links
                i = max(stop, i + 1)
                continue
        i += 1


def _scan_tags(text: str, start: int, end: int, source: _Text, chars: list[str], result: Scan) -> None:
    """HTML start tags in one paragraph."""
    i = text.find("<", start, end)
    while i != -1:
        tag = read_tag(text, i, end)
        if tag is None or ":" in tag.name or "@" in tag.name:  # not a tag, or <https://…>
            i = text.find("<", i + 1, end)
            continue
        line = source.line(tag.start)
        name = tag.name
        if name in DANGEROUS_TAGS:
            result.unsafe.append((line, f"<{name}"))
        elif name not in TAGS:
            result.removed.append((line, f"<{name}>"))
        values: dict[str, str | None] = {}
        for attribute, value in tag.attributes:
            values.setdefault(attribute, value)
            if attribute.startswith("on") or attribute in DANGEROUS_ATTRIBUTES:
                result.unsafe.append((line, f"{attribute}="))
            elif attribute in ("href", "src") and value is not None:
                kind = "image" if (name, attribute) == ("img", "src") else attribute
                result.links.append(Found(line, source.column(tag.start), kind, value.strip(),
                                          (values.get("alt") or "").strip()))
            elif attribute == "id" and value:
                result.ids.append((line, value))
            elif attribute == "class":
                foreign = [c for c in (value or "").split() if c not in CLASSES]
                if foreign and name in TAGS:
                    result.removed.append((line, f'class="{" ".join(foreign)}"'))
            elif (name in TAGS and attribute not in GLOBAL_ATTRIBUTES
                  and attribute not in ATTRIBUTES.get(name, ())):
                result.removed.append((line, f"{attribute}="))
        if name == "img" and not (values.get("alt") or "").strip():
            result.missing_alt.append(Found(line, source.column(tag.start), "image",
                                            (values.get("src") or "").strip(), "",
                                            has_alt="alt" in values))
        _blank(chars, tag.start, tag.end)
        i = text.find("<", max(tag.end, i + 1), end)


def html_tag(text: str) -> str | None:
    """The first piece of HTML in a plain-text value (a tag, even unterminated, or an entity
    such as &amp;), as written, or None."""
    match = _MARKUP.search(text)
    if match is None:
        return None
    if match.group().startswith("&"):
        return match.group()
    end = text.find(">", match.start())
    return text[match.start(): end + 1 if end != -1 else match.start() + 30]
