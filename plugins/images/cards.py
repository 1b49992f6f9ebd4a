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


def _ink(draw_text, size, first: int, target: Image.Image) -> None:
    """Draw text (``draw_text(draw)`` draws it with fill 255 on a coverage mask) into
    ``target``'s indices in the ink whose ramp starts at ``first``."""
    mask = Image.new("L", size, 0)
    draw_text(ImageDraw.Draw(mask))
    box = mask.getbbox()
    if box:
        region = mask.crop(box)
        target.paste(region.point(list(lookup(first))), box[:2], region.point(OPAQUE))


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
    _ink(lambda d: short.draw_line(d, x_for(short.width(short_name)), baseline, short_name, 255),
         (width, height), BRAND_RAMP, indices)

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
    return Base(indices, text_start, text_width, baseline + _scale(56, card),
                rule_top - _scale(40, card), photo_width)


def draw_card(spec, photo: Image.Image | None = None) -> Image.Image:
    """The card of ``spec`` (a jobs.CardJob: title, rtl, names, card settings, fonts): a
    palette image, or RGB when it has a photo."""
    card = spec.card
    width, height = card.width, card.height
    rtl = spec.rtl
    with_photo = card.photo_share > 0 and photo is not None
    base = _base(card, rtl, spec.lang, spec.bold, spec.regular, spec.short_name, spec.site_name,
                 with_photo)
    indices = base.indices.copy()
    title = clean_text(spec.title)
    sizes = (_scale(card.title_max, card), _scale(card.title_min, card))
    setter, lines = fit_title(title, spec.bold, paragraph_rtl(title, rtl), spec.lang,
                              base.text_width, base.title_bottom - base.title_top, sizes,
                              card.max_lines, LINE_HEIGHT)
    line_height = setter.size * LINE_HEIGHT

    def draw_title(draw):
        baseline = base.title_top + (line_height + setter.size) / 2
        for line in lines:
            runs = setter.layout(line)
            line_width = sum(run_width for _, run_width in runs)
            x = width - base.text_start - line_width if rtl else base.text_start
            setter.draw_runs(draw, x, baseline, runs, 255)
            baseline += line_height

    _ink(draw_title, (width, height), TEXT_RAMP, indices)
    # L to P keeps every byte (the indices) and gives the image a palette, replaced here.
    image = indices.convert("P")
    image.putpalette(palette(card))
    if not with_photo or photo is None:
        return image
    image = image.convert("RGB")
    fitted = ImageOps.fit(photo.convert("RGB"), (base.photo_width, height),
                          Image.Resampling.LANCZOS, centering=(0.5, 0.4))
    image.paste(fitted, (0 if rtl else width - base.photo_width, 0))
    return image


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
