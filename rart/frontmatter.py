"""Front matter of a Markdown file exactly as Pelican reads it, with line numbers, without
building the site.

Pelican's Markdown reader uses Python-Markdown's `meta` extension: 'Key: value' lines until the
first blank line, continuation lines indented by four spaces or more, an optional `---` first
line. `split_document` follows the same rules (same regular expressions, same whitespace
normalisation, lines split on '\\n' only) so that what the validator sees is what Pelican builds,
and it records where each field is and how the header ended, so mistakes get a line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# The regular expressions of markdown.extensions.meta (Python-Markdown 3.x).
META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
BEGIN_RE = re.compile(r"^-{3}(\s.*)?")
END_RE = re.compile(r"^(-{3}|\.{3})(\s.*)?")


@dataclass
class Entry:
    """One field: `key` lowercased as Pelican stores it, `name` as written."""

    key: str
    name: str
    line: int  # 1-based line of 'Name: value'
    values: list[str] = field(default_factory=list)  # the first line's value, then continuations
    value_lines: list[int] = field(default_factory=list)

    @property
    def value(self) -> str:
        """The value as one string: the non-empty lines joined by newlines."""
        return "\n".join(v for v in self.values if v)


@dataclass
class Document:
    entries: list[Entry]
    body: list[str]  # the lines after the header
    body_start: int  # 1-based line number of body[0]
    # How the header ended: "blank" (a blank line, the normal case), "fence" (a --- or ...
    # line), "text" (a line that is not a field: it and what follows become body text),
    # "eof" (the file ended inside the header), "empty" (no text at all).
    ended_by: str
    end_line: int | None  # the line that ended the header, for "blank", "fence" and "text"
    begin_fence: bool = False  # the first line was --- (skipped, as Markdown does)
    lines: list[str] = field(default_factory=list)  # every line, after normalisation

    def first(self, key: str) -> Entry | None:
        return next((e for e in self.entries if e.key == key), None)


def normalise(text: str) -> str:
    """What Python-Markdown does to the text before its preprocessors run."""
    if text.startswith("\ufeff"):  # Pelican opens files as utf-8-sig
        text = text[1:]
    text = text.replace("\x02", "").replace("\x03", "")  # Markdown's own placeholder markers
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.expandtabs(4)
    return re.sub(r"(?<=\n) +\n", "\n", text)


def split_document(text: str) -> Document:
    """Split a Markdown file into its header fields (with line numbers) and its body."""
    text = normalise(text)
    lines = text.split("\n")
    if not text.strip():
        return Document([], [], 1, "empty", None, lines=lines)
    entries: list[Entry] = []
    index = 0
    begin_fence = bool(BEGIN_RE.match(lines[0]))
    if begin_fence:
        index = 1
    current: Entry | None = None
    ended_by, end_line = "eof", None
    while index < len(lines):
        line = lines[index]
        number = index + 1
        if line.strip() == "" or END_RE.match(line):
            ended_by = "blank" if line.strip() == "" else "fence"
            end_line = number
            index += 1
            break
        match = META_RE.match(line)
        if match:
            current = Entry(match["key"].lower().strip(), match["key"], number)
            current.values.append(match["value"].strip())
            current.value_lines.append(number)
            entries.append(current)
            index += 1
            continue
        more = META_MORE_RE.match(line)
        if more and current is not None:
            current.values.append(more["value"].strip())
            current.value_lines.append(number)
            index += 1
            continue
        ended_by, end_line = "text", number
        break
    return Document(
        entries=entries,
        body=lines[index:],
        body_start=index + 1,
        ended_by=ended_by,
        end_line=end_line,
        begin_fence=begin_fence,
        lines=lines,
    )


def parse_front_matter(text: str) -> dict[str, str | list[str]]:
    """{'title': 'Chi siamo', 'materials': ['a | b', 'c | d']}: keys lowercased, a value
    spread over several lines becomes a list, as Pelican's Markdown reader makes it."""
    merged: dict[str, list[str]] = {}
    for entry in split_document(text).entries:
        merged.setdefault(entry.key, []).extend(v for v in entry.values if v)
    return {k: (v[0] if len(v) == 1 else v) if v else "" for k, v in merged.items()}


def read_front_matter(path: Path) -> dict[str, str | list[str]]:
    """Front matter of a file; a file that is not UTF-8 text reads as having none (the
    validator reports it)."""
    try:
        return parse_front_matter(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, OSError):
        return {}
