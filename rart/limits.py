"""Bounds on what one Markdown file may ask of the build, so that no file can hang it.

Python-Markdown is quadratic or worse on some inputs: a paragraph of 5,000 «[» takes 23
seconds, of 10,000 «[a](» 9 seconds, of 20,000 «<a » 27 seconds; a list nested 600 levels
deep ends in a RecursionError (figures: docs/security.md). Real text
is far from these shapes: a paragraph holds a handful of links, lists nest two or three
levels. So a file is refused, with its line and a plain reason, when a paragraph holds more of
one of these constructs than any real text does, or when it nests too deep. The validator
reports these problems; the site's Markdown reader refuses such a file too, before Python-Markdown
sees it, so a run that skipped the validator cannot hang either.

Every function here runs in linear time (one pass over the text, no backtracking regex).
"""

from __future__ import annotations

from dataclasses import dataclass

# Most characters of one paragraph (text between blank lines).
MAX_BLOCK_CHARS = 20_000
# Most lists and quotes inside each other.
MAX_NESTING = 10
# Most of each construct in one paragraph: (character, what editors call it, limit). With these,
# the slowest paragraph measured renders in tens of milliseconds (docs/security.md).
BLOCK_COUNTS: tuple[tuple[str, str, int], ...] = (
    ("[", "[", 100),
    ("<", "<", 100),
    ("*", "*", 200),
    ("`", "`", 200),
    ("{", "{", 100),
)
# Most pixels of an image an editor adds (width × height, before decoding): a 13,000 × 13,000
# PNG is under Pillow's own bomb limit and takes 3.2 GB to decode.
MAX_IMAGE_PIXELS = 50_000_000
# Definition-list lines (": definition") in one paragraph.
MAX_DEFINITIONS = 100
# Across the whole file.
MAX_FILE_COUNTS: tuple[tuple[str, int], ...] = (("[", 1000), ("<", 1000))


@dataclass(frozen=True)
class Limit:
    """One bound a file goes over: a message code (rart.messages) and its values."""

    line: int  # 1-based line of the file where the paragraph or the line starts
    code: str  # "too-deep", "block-too-long", "too-complex"
    params: dict[str, object]


def nesting(line: str) -> int:
    """How many lists and quotes a line opens: '> - - x' -> 3, '        - x' -> 3. A line of
    marks alone ('* * * *', '- - -') is a horizontal rule, not a list."""
    stripped = line.strip()
    if len(stripped) >= 3 and set(stripped) <= {"-", "*", "_", " "}:
        return 0
    spaces = len(line) - len(line.lstrip(" "))
    i, depth, n = spaces, 0, len(line)
    while i < n:
        char = line[i]
        if char == ">":
            depth += 1
            i += 1
        elif char in "-*+" and i + 1 < n and line[i + 1] == " ":
            depth += 1
            i += 2
        elif char.isdigit():
            j = i
            while j < n and line[j].isdigit() and j - i < 9:
                j += 1
            if j + 1 < n and line[j] in ".)" and line[j + 1] == " ":
                depth += 1
                i = j + 2
            else:
                break
        elif char == " ":
            i += 1
        else:
            break
    return depth + spaces // 4 if depth else 0


def check_markdown(lines: list[str], first_line: int = 1) -> list[Limit]:
    """The bounds `lines` (of a Markdown file, the first being line `first_line`) go over:
    at most one problem per paragraph, and each file-wide bound once."""
    found: list[Limit] = []
    totals = dict.fromkeys((char for char, _ in MAX_FILE_COUNTS), 0)
    block_start, block_chars = first_line, 0
    counts: dict[str, int] = {}
    definitions = 0
    reported = False

    def close_block() -> None:
        nonlocal reported
        if reported:
            return
        if block_chars > MAX_BLOCK_CHARS:
            found.append(Limit(block_start, "block-too-long",
                               {"size": block_chars, "limit": MAX_BLOCK_CHARS}))
            return
        for char, shown, limit in BLOCK_COUNTS:
            if counts.get(char, 0) > limit:
                found.append(Limit(block_start, "too-complex",
                                   {"count": counts[char], "what": shown, "limit": limit}))
                return
        if definitions > MAX_DEFINITIONS:
            found.append(Limit(block_start, "too-complex",
                               {"count": definitions, "what": ":", "limit": MAX_DEFINITIONS}))

    for offset, line in enumerate(lines):
        number = first_line + offset
        if not line.strip():
            close_block()
            block_start, block_chars, counts, definitions, reported = number + 1, 0, {}, 0, False
            continue
        block_chars += len(line) + 1
        for char, _, _ in BLOCK_COUNTS:
            counts[char] = counts.get(char, 0) + line.count(char)
        for char in totals:
            totals[char] += line.count(char)
        if line.lstrip(" ").startswith(":"):
            definitions += 1
        depth = nesting(line)
        if depth > MAX_NESTING and not reported:
            found.append(Limit(number, "too-deep", {"depth": depth, "limit": MAX_NESTING}))
            reported = True
    close_block()
    for char, limit in MAX_FILE_COUNTS:
        if totals[char] > limit:
            found.append(Limit(first_line, "too-complex-file",
                               {"count": totals[char], "what": char, "limit": limit}))
    return found
