"""Readability of Markdown prose: sentences with their line numbers, the long ones, and the
Gulpease index of an Italian text.

Pure functions over the prose lines the validator already scans (body.scan: code removed,
link addresses blanked, link text kept). How text becomes sentences:

- a blank line, a heading, a list item, a quote or a table row starts a new block; the other
  lines continue the block above (a paragraph wrapped over several lines is one block);
- inside a block a sentence ends at . ! ? … (and the Arabic ؟), followed by a space or the end
  of the block, unless the full stop belongs to an abbreviation (S.r.l., D.Lgs., art., n.) or
  the next word starts with a lowercase letter or a digit ("Babel s.c.s. fa parte", "art. 55");
- the end of a block ends its sentence, so a heading or a list item without a full stop is a
  sentence of its own;
- a word is a run of characters between spaces with at least one letter or digit; for the
  Gulpease index an apostrophe also separates words (l'accoglienza: two words), as Italian
  counts them, and letters are the letters and digits of the words.

Gulpease (Lucisano and Piemontese, 1988), the readability index made for Italian:
    89 + (300 * sentences - 10 * letters) / words
Under 80 a text is hard for readers with primary schooling, under 60 for readers with lower
secondary schooling, under 40 for readers with upper secondary schooling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLOCK_START = re.compile(r"^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s|>|\|)")
_MARKERS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d{1,9}[.)]\s+|>\s?)")
_ATTR_LIST = re.compile(r"\{[:#.][^}]*\}")
# Link remnants once body.scan has blanked the address: "[text](      )" -> "text".
_LINK_REST = re.compile(r"!?\[|\]\(\s*\)|\]\[[^\]]*\]|\]")
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")
_END = re.compile(r"[.!?…؟]+[»\"”’')\]]*(?=\s|$)")
_ALNUM = re.compile(r"[^\W_]")  # one character c with c.isalnum() (\w is isalnum or "_")
# A word, found in one step: a run between spaces with an alphanumeric character in it.
_ALNUM_WORD = re.compile(r"(?<!\S)\S*[^\W_]\S*")  # tried at the start of a run only: linear
_ABBREVIATION_DOTS = re.compile(r"^[(«\"“]*(?:[^\W\d_]{1,4}\.){2,}$")
ABBREVIATIONS = {
    "art.", "artt.", "n.", "nn.", "nr.", "ecc.", "es.", "sig.", "sigg.", "dott.", "prof.",
    "pag.", "pagg.", "p.", "pp.", "cfr.", "tel.", "vol.", "st.", "mr.", "mrs.", "dr.", "no.",
    "vs.", "etc.", "ca.", "c.", "co.", "av.",
}
_APOSTROPHE = re.compile(r"['’]")


@dataclass(frozen=True)
class Sentence:
    line: int  # 1-based line of the file where the sentence starts
    text: str  # the sentence as readers see it, Markdown marks removed

    @property
    def words(self) -> int:
        return len(_ALNUM_WORD.findall(self.text))


@dataclass(frozen=True)
class Gulpease:
    index: int  # rounded; higher is easier
    sentences: int
    words: int
    letters: int

    @property
    def band(self) -> str:
        """Who can read the text easily, in Italian (Lucisano and Piemontese's thresholds)."""
        if self.index >= 80:
            return "facile anche con la licenza elementare"
        if self.index >= 60:
            return "facile con la licenza media"
        if self.index >= 40:
            return "facile con un diploma superiore"
        return "difficile anche con un diploma superiore"


def words(text: str) -> list[str]:
    """Runs between spaces with at least one letter or digit."""
    return _ALNUM_WORD.findall(text)


def clean(line: str) -> str:
    """A prose line without its Markdown marks: block markers, attribute lists, link
    brackets, emphasis."""
    line = _MARKERS.sub("", line)
    line = _ATTR_LIST.sub(" ", line)
    line = _LINK_REST.sub("", line)
    line = _EMPHASIS.sub("", line)
    return line.replace("|", " ")


def blocks(lines: list[tuple[int, str]]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Join prose lines into blocks. Each block is (text, starts), where starts lists
    (offset in text, line number) for each line the block is made of."""
    result: list[tuple[str, list[tuple[int, int]]]] = []
    text = ""
    starts: list[tuple[int, int]] = []
    for number, raw in lines:
        starts_block = not raw.strip() or bool(_BLOCK_START.match(raw))
        if starts_block and text.strip():
            result.append((text, starts))
            text, starts = "", []
        if not raw.strip():
            continue
        if text:
            text += " "
        starts.append((len(text), number))
        text += clean(raw).strip()
        if re.match(r"^\s{0,3}#{1,6}\s", raw):  # a heading is a block of one line
            result.append((text, starts))
            text, starts = "", []
    if text.strip():
        result.append((text, starts))
    return result


def _line_at(starts: list[tuple[int, int]], offset: int) -> int:
    line = starts[0][1]
    for start, number in starts:
        if start <= offset:
            line = number
    return line


def _is_end(text: str, match: re.Match) -> bool:
    if match.end() >= len(text.rstrip()):
        return True
    punctuation = match.group(0)
    if punctuation[0] == "." and len(punctuation.rstrip("»\"”’')]")) == 1:
        token = text[: match.end()].rsplit(None, 1)[-1]
        bare = token.rstrip("»\"”’')]")
        if bare.lower().lstrip("(«\"“") in ABBREVIATIONS or _ABBREVIATION_DOTS.match(bare):
            return False
        if re.fullmatch(r"[(«\"“]*[A-Z]\.", bare):  # an initial: "J. Rosatelli"
            return False
    following = text[match.end():].lstrip()
    return not (following[:1].islower() or following[:1].isdigit())


def sentences(lines: list[tuple[int, str]]) -> list[Sentence]:
    """The sentences of prose `lines` ((line number, text) pairs), in order."""
    found = []
    for text, starts in blocks(lines):
        begin = 0
        for match in _END.finditer(text):
            if not _is_end(text, match):
                continue
            piece = text[begin:match.end()]
            if _ALNUM.search(piece):  # a word: an alphanumeric character, with its run
                lead = len(piece) - len(piece.lstrip())
                found.append(Sentence(_line_at(starts, begin + lead), piece.strip()))
            begin = match.end()
        piece = text[begin:]
        if _ALNUM.search(piece):
            lead = len(piece) - len(piece.lstrip())
            found.append(Sentence(_line_at(starts, begin + lead), piece.strip()))
    return found


def long_sentences(lines: list[tuple[int, str]], limit: int) -> list[Sentence]:
    """Sentences of more than `limit` words."""
    return [s for s in sentences(lines) if s.words > limit]


def gulpease(found: list[Sentence]) -> Gulpease | None:
    """The Gulpease index of these sentences; None when there is no word at all."""
    tokens = [part for s in found for w in words(s.text) for part in _APOSTROPHE.split(w)]
    tokens = [t for t in tokens if any(c.isalnum() for c in t)]
    if not tokens:
        return None
    letters = sum(sum(c.isalnum() for c in t) for t in tokens)
    value = 89 + (300 * len(found) - 10 * letters) / len(tokens)
    return Gulpease(round(value), len(found), len(tokens), letters)


def prose_of(text: str, fields: tuple[str, ...] = ("title", "summary")) -> list[tuple[int, str]]:
    """The prose of a content file, as (line, text) pairs: the given front-matter fields (each
    a block of its own), then the body without code and link addresses."""
    from rart.frontmatter import split_document

    from .body import scan

    doc = split_document(text)
    lines: list[tuple[int, str]] = []
    for name in fields:
        entry = doc.first(name)
        if entry is None or not entry.value.strip():
            continue
        lines.extend(scan([v for v in entry.values], entry.line).prose)
        lines.append((entry.line, ""))  # a field ends its block
    lines.extend(scan(doc.body, doc.body_start).prose)
    return lines
