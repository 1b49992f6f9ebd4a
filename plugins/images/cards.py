"""Share cards: the 1200×630 picture a link shows when it is shared (Open Graph), one per page
and language, with the page's title in its language, the site's colours and name, and the
page's photo beside the title when it has one. Right-to-left pages are mirrored: the brand band
and the text start on the right, and Arabic is shaped by raqm (textlayout.py).

A card is drawn straight into palette indices, never quantized. Its palette is the four colours
of the settings plus, for each ink, RAMP steps between the background and that ink, which is
all that antialiased text on a flat background needs. Everything but the title (background,
band, short name, rule, site name) is the same on every card of a language, so a process draws
it once (`_base`) and each card only lays out and draws its title, as a coverage mask that a
lookup table turns into palette indices. A PNG of a palette image is a quarter of the size of
an RGB one and compresses quickly; cards with a photo become RGB and are saved as JPEG."""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageOps

from .textlayout import Typesetter, clean_text, fit_title, paragraph_rtl

# Proportions of a 1200×630 card; other sizes scale them.
BAND = 24  # the brand band on the inline-start edge
MARGIN = 72  # between the band (or the photo) and the text
TOP = 64  # above the short name
SHORT_NAME = 44  # size of the short name, the wordmark
SITE_NAME = 30  # size of the site's full name, at the bottom
RULE = (120, 10)  # the accent rule above the site's name
LINE_HEIGHT = 1.4  # title line height, relative to the size (Arabic needs the room)
# Steps of antialiasing between the background and an ink: more than the eye tells apart on
# text, few enough for both inks and the plain colours to fit one 256-colour palette.
RAMP = 64
BACKGROUND, BRAND, ACCENT, TEXT_RAMP = 0, 1, 2, 3
BRAND_RAMP = TEXT_RAMP + RAMP
# zlib level of the PNG. Measured on titles of one to three lines: level 1 takes about half
# the time of level 6 (and a twentieth of level 9, the old `optimize`) for files about 40 %
# larger, 15 to 30 kB, well within IMAGES_MAX_BYTES and what link previews accept.
PNG_COMPRESS_LEVEL = 1
JPEG_QUALITY = 85  # cards with a photo; lowered in steps of 10 only to stay within the budget
OPAQUE = [0] + [255] * 255  # coverage -> a mask that copies every inked pixel as it is


def _rgb(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _level(coverage: int) -> int:
    """The ramp step (1..RAMP) of an inked pixel's coverage (1..255)."""
    return max(1, round(coverage * RAMP / 255))


@lru_cache(maxsize=4)
def palette(card) -> bytes:
    """RGB triplets: background, brand, accent, then the text ramp and the brand ramp."""
    background = _rgb(card.color("background"))
    channels = [*background, *_rgb(card.color("brand")), *_rgb(card.color("accent"))]
    for ink in (_rgb(card.color("text")), _rgb(card.color("brand"))):
        for step in range(1, RAMP + 1):
            channels += [round(b + (i - b) * step / RAMP) for b, i in zip(background, ink)]
    return bytes(channels)


@lru_cache(maxsize=4)
def lookup(first: int) -> tuple[int, ...]:
    """coverage -> palette index, for the ink whose ramp starts at ``first``."""
    return (BACKGROUND, *(first + _level(c) - 1 for c in range(1, 256)))


def _scale(value: float, card) -> int:
    return round(value * card.height / 630)


@dataclass(frozen=True)
class Base:
    """What every card of one language and layout shares."""

    indices: Image.Image  # mode L, palette indices
    text_start: int  # from the inline-start edge
    text_width: int
    title_top: float
    title_bottom: float
    photo_width: int
    rows: tuple[int, int]  # the rows between the short name's ink and the rule: the title's


def _ink(draw_text, size, first: int, target: Image.Image) -> tuple[int, int, int, int] | None:
    """Draw text (``draw_text(draw)`` draws it with fill 255 on a coverage mask) into
    ``target``'s indices in the ink whose ramp starts at ``first``; return the inked box."""
    mask = Image.new("L", size, 0)
    draw_text(ImageDraw.Draw(mask))
    box = mask.getbbox()
    if box:
        _paste_ink(target, mask.crop(box), box[:2], first)
    return box


def _paste_ink(target: Image.Image, coverage: Image.Image, at: tuple[int, int], first: int) -> None:
    """Every inked pixel of ``coverage`` into ``target``'s indices at ``at``, in the ink whose
    ramp starts at ``first``; the pixels without ink stay as they were."""
    target.paste(coverage.point(list(lookup(first))), at, coverage.point(OPAQUE))


@lru_cache(maxsize=16)
def _base(card, rtl: bool, lang: str, bold: tuple[str, ...], regular: tuple[str, ...],
          short_name: str, site_name: str, with_photo: bool) -> Base:
    width, height = card.width, card.height
    indices = Image.new("L", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(indices)
    band = _scale(BAND, card)
    margin = _scale(MARGIN, card)
    photo_width = round(width * card.photo_share) if with_photo else 0
    # Mirror the horizontal layout for right-to-left pages.
    draw.rectangle((width - band, 0, width, height) if rtl else (0, 0, band, height), fill=BRAND)
    text_start = band + margin
    text_width = width - photo_width - margin - text_start

    def x_for(line_width: float) -> float:
        return width - text_start - line_width if rtl else text_start

    short = Typesetter(bold, _scale(SHORT_NAME, card), paragraph_rtl(short_name, rtl), lang)
    ascent, _ = short.metrics()
    baseline = _scale(TOP, card) + ascent * 0.75
    short_box = _ink(lambda d: short.draw_line(d, x_for(short.width(short_name)), baseline,
                                               short_name, 255), (width, height), BRAND_RAMP, indices)

    footer = Typesetter(regular, _scale(SITE_NAME, card), paragraph_rtl(site_name, rtl), lang)
    name_baseline = height - _scale(TOP, card)
    name = site_name
    while footer.width(name) > text_width and " " in name:
        name = name.rsplit(" ", 1)[0]
    _ink(lambda d: footer.draw_line(d, x_for(footer.width(name)), name_baseline, name, 255),
         (width, height), TEXT_RAMP, indices)
    rule_w, rule_h = _scale(RULE[0], card), _scale(RULE[1], card)
    rule_top = name_baseline - _scale(SITE_NAME, card) - _scale(36, card)
    rule_x = x_for(rule_w)
    draw.rectangle((rule_x, rule_top, rule_x + rule_w, rule_top + rule_h), fill=ACCENT)
    first_row = short_box[3] if short_box else 0
    return Base(indices, text_start, text_width, baseline + _scale(56, card),
                rule_top - _scale(40, card), photo_width, (first_row, max(first_row, rule_top)))


def _title(spec, base: Base):
    """``draw(draw, dy)``: draws the card's title in coverage 255, ``dy`` pixels lower."""
    card = spec.card
    title = clean_text(spec.title)
    sizes = (_scale(card.title_max, card), _scale(card.title_min, card))
    setter, lines = fit_title(title, spec.bold, paragraph_rtl(title, spec.rtl), spec.lang,
                              base.text_width, base.title_bottom - base.title_top, sizes,
                              card.max_lines, LINE_HEIGHT)
    line_height = setter.size * LINE_HEIGHT

    def draw(target, dy: int = 0):
        baseline = base.title_top + (line_height + setter.size) / 2 + dy
        for line in lines:
            runs = setter.layout(line)
            line_width = sum(run_width for _, run_width in runs)
            x = card.width - base.text_start - line_width if spec.rtl else base.text_start
            setter.draw_runs(target, x, baseline, runs, 255)
            baseline += line_height

    return draw


def _base_of(spec, with_photo: bool) -> Base:
    return _base(spec.card, spec.rtl, spec.lang, spec.bold, spec.regular, spec.short_name,
                 spec.site_name, with_photo)


def draw_card(spec, photo: Image.Image | None = None) -> Image.Image:
    """The card of ``spec`` (a jobs.CardJob: title, rtl, names, card settings, fonts): a
    palette image, or RGB when it has a photo."""
    card = spec.card
    width, height = card.width, card.height
    with_photo = card.photo_share > 0 and photo is not None
    base = _base_of(spec, with_photo)
    indices = base.indices.copy()
    _ink(_title(spec, base), (width, height), TEXT_RAMP, indices)
    # L to P keeps every byte (the indices) and gives the image a palette, replaced here.
    image = indices.convert("P")
    image.putpalette(palette(card))
    if not with_photo or photo is None:
        return image
    image = image.convert("RGB")
    fitted = ImageOps.fit(photo.convert("RGB"), (base.photo_width, height),
                          Image.Resampling.LANCZOS, centering=(0.5, 0.4))
    image.paste(fitted, (0 if spec.rtl else width - base.photo_width, 0))
    return image


# A card without a photo differs from the others of its language only in the title's rows, so
# its PNG is put together from pieces (card_png): the deflate streams of the rows above and
# below the title's region, and of runs of its blank rows, compressed once per process
# (_Frame), and of the rows the title inks, compressed per card. Pillow's PNG encoder
# compresses every row of every card (2.3 ms a card, as long as drawing it), and has no way to
# reuse a compressed part: hence these few lines of PNG (ISO/IEC 15948: signature, IHDR, PLTE,
# IDAT, IEND; filter type 0 on every row) and of zlib stream (RFC 1950: header, deflate blocks
# ended by a sync flush, which leaves them byte-aligned and not final, so that independently
# compressed parts follow each other, and the Adler-32 of all the rows). The rows are kept one
# byte wider, a column of zeros first, so that an image's bytes are already PNG scanlines
# (filter type 0 is the byte 0, and so is BACKGROUND: the column is drawn like the rest).
SIGNATURE = b"\x89PNG\r\n\x1a\n"
ZLIB_HEADER = b"\x78\x01"  # deflate, 32 KiB window, "fastest" level: header check is a multiple of 31


def _deflate(data: bytes, last: bool) -> bytes:
    compressor = zlib.compressobj(PNG_COMPRESS_LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@dataclass
class _Frame:
    """The parts of a card's PNG that every card of one language and layout shares."""

    head: bytes  # PNG signature, IHDR and PLTE
    scanlines: Image.Image  # the base's palette indices, behind a column of filter bytes
    above: bytes  # deflate blocks of the rows above the title's region, not final
    above_adler: int  # Adler-32 of those rows
    below: bytes  # deflate blocks of the rows below it, the last one final
    below_adler: int  # Adler-32 of those rows
    below_length: int  # their length in bytes
    blank: bytes | None  # a row of the region without ink, when every row of it is that row
    runs: dict[int, tuple[bytes, int]]  # n -> deflate blocks and Adler-32 of n blank rows

    def run(self, count: int) -> tuple[bytes, int]:
        """``count`` blank rows, compressed once for every card that has as many."""
        if count not in self.runs:
            assert self.blank is not None
            rows = self.blank * count
            self.runs[count] = (_deflate(rows, last=False), zlib.adler32(rows))
        return self.runs[count]


_FRAMES: dict[tuple, _Frame] = {}


def _frame(spec, base: Base) -> _Frame:
    key = (spec.card, spec.rtl, spec.lang, spec.bold, spec.regular, spec.short_name, spec.site_name)
    frame = _FRAMES.get(key)
    if frame is None:
        card = spec.card
        top, bottom = base.rows
        scanlines = Image.new("L", (card.width + 1, card.height), BACKGROUND)
        scanlines.paste(base.indices, (1, 0))
        pixels = scanlines.tobytes()
        row = card.width + 1
        above_rows, below_rows = pixels[:top * row], pixels[bottom * row:]
        region = pixels[top * row:bottom * row]
        blank = region[:row] if region == region[:row] * (bottom - top) else None
        header = struct.pack(">IIBBBBB", card.width, card.height, 8, 3, 0, 0, 0)
        frame = _FRAMES[key] = _Frame(
            SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"PLTE", palette(card)), scanlines,
            _deflate(above_rows, last=False), zlib.adler32(above_rows),
            _deflate(below_rows, last=True), zlib.adler32(below_rows), len(below_rows),
            blank, {})
    return frame


def _adler_then(first: int, second: int, length: int) -> int:
    """The Adler-32 of two byte strings one after the other, from their own (RFC 1950 sums:
    ``a`` is 1 plus the bytes, ``b`` the sum of every ``a``; ``second`` started from a = 1)."""
    a1, b1 = first & 0xFFFF, first >> 16
    a2, b2 = second & 0xFFFF, second >> 16
    a = (a1 + a2 - 1) % 65521
    b = (b1 + b2 + length * (a1 - 1)) % 65521
    return b << 16 | a


def card_png(spec) -> bytes | None:
    """The PNG of a card without a photo, the same pixels as ``draw_card(spec)``; None when
    its title would ink outside the title's rows (then draw_card and Pillow make it)."""
    card = spec.card
    base = _base_of(spec, False)
    top, bottom = base.rows
    title = _title(spec, base)
    mask = Image.new("L", (card.width, bottom - top), 0)
    title(ImageDraw.Draw(mask), -top)
    box = mask.getbbox()
    if box and (box[1] == 0 or box[3] == bottom - top):
        return None  # the ink touches the edge of the rows: some of it may lie beyond
    frame = _frame(spec, base)
    # The rows between the region's edges and the ink: blank rows, when the region has no
    # other ink (else the ink's rows stretch to the region's edges, and are all compressed).
    first, last = (box[1], box[3]) if box else (0, 0)
    if frame.blank is None:
        first, last = 0, bottom - top
    inked = frame.scanlines.crop((0, top + first, card.width + 1, top + last))
    if box:
        _paste_ink(inked, mask.crop((box[0], first, box[2], last)), (box[0] + 1, 0), TEXT_RAMP)
    parts, adler = [ZLIB_HEADER, frame.above], frame.above_adler
    if first:
        blocks, run_adler = frame.run(first)
        parts.append(blocks)
        adler = _adler_then(adler, run_adler, first * (card.width + 1))
    rows = inked.tobytes()
    if rows:
        parts.append(_deflate(rows, last=False))
        adler = zlib.adler32(rows, adler)
    if bottom - top - last:
        blocks, run_adler = frame.run(bottom - top - last)
        parts.append(blocks)
        adler = _adler_then(adler, run_adler, (bottom - top - last) * (card.width + 1))
    parts += [frame.below, struct.pack(">I", _adler_then(adler, frame.below_adler, frame.below_length))]
    return b"".join((frame.head, _chunk(b"IDAT", b"".join(parts)), _chunk(b"IEND", b"")))


def encode_card(image: Image.Image, has_photo: bool, max_bytes: int) -> tuple[bytes, str]:
    """PNG for a card of flat colours and text (crisp and small), JPEG when it holds a photo.
    The image is new, so nothing but pixels is written."""
    buffer = io.BytesIO()
    if has_photo:
        quality = JPEG_QUALITY
        while True:
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=quality)
            if buffer.tell() <= max_bytes or quality <= 45:
                return buffer.getvalue(), "jpeg"
            quality -= 10
    image.save(buffer, "PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue(), "png"
