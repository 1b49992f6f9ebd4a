"""Lines of text for the share cards, in any direction and from a stack of fonts.

raqm (FriBiDi and HarfBuzz, through Pillow) shapes each run and lays it out in its direction;
this module decides the runs. A run is a stretch of one font and one bidi embedding level: the
levels come from the implicit rules of the Unicode Bidirectional Algorithm (UAX #9, W1–W7,
N1–N2, I1–I2; titles carry no explicit embeddings, which are removed) and runs are put in visual
order with rule L2. So an Arabic title with "RART" or "SAI" in it is drawn right to left, its
letters joined by raqm, its Latin words left to right in a Latin font.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageDraw, ImageFont

from .fonts import codepoints

STRONG = {"L": "L", "R": "R", "AL": "R"}
NEUTRAL = {"B", "S", "WS", "ON", "BN"}
EXPLICIT = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
ELLIPSIS = "…"


def clean_text(text: str) -> str:
    """One line of plain text: explicit bidi controls removed, whitespace collapsed."""
    kept = "".join(c for c in text if unicodedata.bidirectional(c) not in EXPLICIT)
    return " ".join(kept.split())


def paragraph_rtl(text: str, page_rtl: bool) -> bool:
    """The direction a title is laid out in: the page's, unless the title has no letter of
    that direction (a Latin name on an Arabic page reads left to right, as in <bdi>)."""
    kinds = {unicodedata.bidirectional(c) for c in text}
    has_rtl, has_ltr = bool(kinds & {"R", "AL"}), "L" in kinds
    return (has_rtl or not has_ltr) if page_rtl else (has_rtl and not has_ltr)


def bidi_levels(text: str, rtl: bool) -> list[int]:
    """The embedding level of each character of a paragraph whose direction is ``rtl``."""
    base = 1 if rtl else 0
    sos = "R" if rtl else "L"
    types = [unicodedata.bidirectional(c) or "ON" for c in text]
    n = len(types)
    # W1: a non-spacing mark takes the type of what precedes it.
    for i, t in enumerate(types):
        if t == "NSM":
            types[i] = types[i - 1] if i else sos
    # W2: European digits after Arabic letters are Arabic numbers. W3: AL becomes R.
    last = sos
    for i, t in enumerate(types):
        if t in ("L", "R", "AL"):
            last = t
        elif t == "EN" and last == "AL":
            types[i] = "AN"
    types = ["R" if t == "AL" else t for t in types]
    # W4: one separator between two numbers of the same kind joins them.
    for i in range(1, n - 1):
        if types[i] == "ES" and types[i - 1] == types[i + 1] == "EN":
            types[i] = "EN"
        elif types[i] == "CS" and types[i - 1] == types[i + 1] and types[i - 1] in ("EN", "AN"):
            types[i] = types[i - 1]
    # W5: terminators next to European digits are digits.
    i = 0
    while i < n:
        if types[i] == "ET":
            j = i
            while j < n and types[j] == "ET":
                j += 1
            if (i > 0 and types[i - 1] == "EN") or (j < n and types[j] == "EN"):
                types[i:j] = ["EN"] * (j - i)
            i = j
        else:
            i += 1
    # W6: remaining separators and terminators are neutral.
    types = ["ON" if t in ("ES", "ET", "CS") else t for t in types]
    # W7: European digits after Latin letters are Latin.
    last = sos
    for i, t in enumerate(types):
        if t in ("L", "R"):
            last = t
        elif t == "EN" and last == "L":
            types[i] = "L"
    # N1, N2: neutrals between two strong types of one direction take it (numbers count as R),
    # other neutrals take the paragraph's direction.
    def strength(t):
        return "R" if t in ("R", "EN", "AN") else t

    i = 0
    while i < n:
        if types[i] in NEUTRAL:
            j = i
            while j < n and types[j] in NEUTRAL:
                j += 1
            before = strength(types[i - 1]) if i > 0 else sos
            after = strength(types[j]) if j < n else sos
            resolved = before if before == after else sos
            types[i:j] = [resolved] * (j - i)
            i = j
        else:
            i += 1
    # I1, I2: levels from the resolved types.
    levels = []
    for t in types:
        if base == 0:
            levels.append(0 if t == "L" else 1 if t == "R" else 2)
        else:
            levels.append(1 if t == "R" else 2)
    return levels


@dataclass(frozen=True)
class Run:
    text: str  # logical order
    level: int  # odd: right to left
    font: int  # index in the font stack

    @property
    def direction(self) -> str:
        return "rtl" if self.level % 2 else "ltr"


def font_index(char: str, cmaps) -> int | None:
    code = ord(char)
    for index, cmap in enumerate(cmaps):
        if code in cmap:
            return index
    return None


def cmaps_of(stack) -> list[frozenset[int]]:
    """The characters of each font of a stack (file paths), in order."""
    return [codepoints(path) for path in stack]


def runs_for(text: str, levels: list[int], cmaps) -> list[Run]:
    """Split a line (``levels`` are its characters' levels) into runs in logical order.
    ``cmaps`` are the characters of each font of the stack (cmaps_of). A character is drawn in
    the first font that has it; spaces and punctuation stay in the font of their neighbours
    when it has them, so a word's run is never broken for a comma."""
    fonts: list[int | None] = []
    for char in text:
        kind = unicodedata.bidirectional(char)
        neutral = kind in NEUTRAL or kind in ("CS", "ES", "ET")
        fonts.append(None if neutral else font_index(char, cmaps))
    for i, char in enumerate(text):
        if fonts[i] is not None:
            continue
        neighbours = [fonts[j] for j in (i - 1, i + 1) if 0 <= j < len(text)
                      and fonts[j] is not None and levels[j] == levels[i]]
        neighbours += [fonts[j] for j in range(i - 1, -1, -1) if fonts[j] is not None][:1]
        fonts[i] = next((f for f in neighbours if ord(char) in cmaps[f]), None)
        if fonts[i] is None:
            fonts[i] = font_index(char, cmaps) or 0
    runs: list[Run] = []
    for char, level, font in zip(text, levels, (f or 0 for f in fonts)):
        if runs and runs[-1].level == level and runs[-1].font == font:
            runs[-1] = Run(runs[-1].text + char, level, font)
        else:
            runs.append(Run(char, level, font))
    return runs


def visual_order(runs: list[Run]) -> list[Run]:
    """Rule L2: from the highest level down to the lowest odd one, reverse every sequence of
    runs at that level or higher."""
    runs = list(runs)
    if not runs:
        return runs
    odd = [r.level for r in runs if r.level % 2]
    lowest = min(odd) if odd else max(r.level for r in runs) + 1
    for level in range(max(r.level for r in runs), lowest - 1, -1):
        i = 0
        while i < len(runs):
            if runs[i].level >= level:
                j = i
                while j < len(runs) and runs[j].level >= level:
                    j += 1
                runs[i:j] = runs[i:j][::-1]
                i = j
            else:
                i += 1
    return runs


@lru_cache(maxsize=64)
def load_font(path: str, size: int,
              engine: ImageFont.Layout = ImageFont.Layout.RAQM) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, layout_engine=engine)


class Typesetter:
    """Measures and draws lines of one paragraph direction in one font stack and size."""

    def __init__(self, stack: tuple[str, ...], size: int, rtl: bool, lang: str | None = None,
                 engine: int = ImageFont.Layout.RAQM):
        self.stack, self.size, self.rtl, self.lang, self.engine = stack, size, rtl, lang, engine
        self.fonts = [load_font(path, size, engine) for path in stack]
        self.cmaps = cmaps_of(stack)

    def _runs(self, text: str, levels: list[int]) -> list[Run]:
        if self.engine == ImageFont.Layout.BASIC:
            # Pillow's basic layout knows no direction: it draws code points left to right.
            return runs_for(text, [0] * len(text), self.cmaps)
        return visual_order(runs_for(text, levels, self.cmaps))

    def _draw_args(self, run: Run) -> dict:
        if self.engine == ImageFont.Layout.BASIC:
            return {}
        return {"direction": run.direction, "language": self.lang}

    def run_width(self, run: Run) -> float:
        return self.fonts[run.font].getlength(run.text, **self._draw_args(run))

    def layout(self, text: str, levels: list[int] | None = None) -> list[tuple[Run, float]]:
        """The runs of a line in visual order, each with its advance width."""
        levels = levels if levels is not None else bidi_levels(text, self.rtl)
        return [(run, self.run_width(run)) for run in self._runs(text, levels)]

    def width(self, text: str, levels: list[int] | None = None) -> float:
        return sum(width for _, width in self.layout(text, levels))

    def metrics(self) -> tuple[int, int]:
        """(ascent, descent) of the tallest font in the stack."""
        pairs = [font.getmetrics() for font in self.fonts]
        return max(a for a, _ in pairs), max(d for _, d in pairs)

    def wrap(self, text: str, max_width: float) -> list[str]:
        """Greedy line breaking at spaces, measured as drawn; a word wider than the line gets a
        line of its own. Levels are resolved on the whole paragraph, as UAX #9 asks.

        Each word is measured once and lines are filled on the sum of their words and spaces;
        then each line is measured whole, as it is drawn. Should one not fit (kerning or
        shaping across a space), the breaks are chosen again measuring every candidate line
        whole, which is slower (quadratic in the words) and always exact."""
        if not text:
            return []
        levels = bidi_levels(text, self.rtl)
        spans, position = [], 0
        for word in text.split(" "):
            spans.append((position, position + len(word)))
            position += len(word) + 1
        words = [self.width(text[a:b], levels[a:b]) for a, b in spans]
        space = self.width(" ", bidi_levels(" ", self.rtl))
        groups, first, filled = [], 0, words[0]
        for k in range(1, len(spans)):
            if filled + space + words[k] > max_width:
                groups.append((first, k))
                first, filled = k, words[k]
            else:
                filled += space + words[k]
        groups.append((first, len(spans)))
        lines = [(spans[i][0], spans[j - 1][1]) for i, j in groups]
        if all(j - i == 1 or self.width(text[a:b], levels[a:b]) <= max_width
               for (i, j), (a, b) in zip(groups, lines)):
            return [text[a:b] for a, b in lines]
        return self._wrap_measuring_lines(text, levels, spans, max_width)

    def _wrap_measuring_lines(self, text, levels, spans, max_width) -> list[str]:
        lines, line_first = [], 0
        for k in range(1, len(spans) + 1):
            if k == len(spans):
                lines.append((spans[line_first][0], spans[k - 1][1]))
                break
            a, b = spans[line_first][0], spans[k][1]
            if self.width(text[a:b], levels[a:b]) > max_width:
                lines.append((spans[line_first][0], spans[k - 1][1]))
                line_first = k
        return [text[a:b] for a, b in lines]

    def draw_line(self, draw: ImageDraw.ImageDraw, x: float, baseline: float, text: str,
                  fill, levels: list[int] | None = None) -> float:
        """Draw ``text`` with its left edge at ``x`` on ``baseline``; return its width."""
        return self.draw_runs(draw, x, baseline, self.layout(text, levels), fill)

    def draw_runs(self, draw: ImageDraw.ImageDraw, x: float, baseline: float,
                  runs: list[tuple[Run, float]], fill) -> float:
        """Draw a line laid out by ``layout`` with its left edge at ``x``; return its width."""
        cursor = x
        for run, width in runs:
            draw.text((cursor, baseline), run.text, font=self.fonts[run.font], fill=fill,
                      anchor="ls", **self._draw_args(run))
            cursor += width
        return cursor - x


def fit_title(text: str, stack: tuple[str, ...], rtl: bool, lang: str | None, max_width: float,
              max_height: float, sizes: tuple[int, int], max_lines: int,
              line_height: float) -> tuple[Typesetter, list[str]]:
    """Fit ``text`` in a box: the largest size from sizes[0] down to sizes[1] at which it wraps
    into lines that fit both ``max_lines`` and ``max_height`` (lines are ``line_height`` times
    the size apart). At the smallest size a title still too long is cut at a word and ends
    with an ellipsis."""
    largest, smallest = sizes
    size = largest
    while True:
        setter = Typesetter(stack, size, rtl, lang)
        lines = setter.wrap(text, max_width)
        allowed = max(1, min(max_lines, int(max_height // (size * line_height))))
        if len(lines) <= allowed or size <= smallest:
            break
        size = max(smallest, int(size * 0.92))
    if len(lines) > allowed:
        kept = lines[:allowed]
        words = (kept[-1] + " " + " ".join(lines[allowed:])).split(" ")
        while len(words) > 1 and setter.width(" ".join(words) + ELLIPSIS) > max_width:
            words.pop()
        kept[-1] = " ".join(words) + ELLIPSIS
        lines = kept
    return setter, lines
