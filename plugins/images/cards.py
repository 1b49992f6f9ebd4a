"""Share cards: the 1200×630 picture a link shows when it is shared (Open Graph), one per page
and language, with the page's title in its language, the site's colours and name, and the
page's photo beside the title when it has one. Right-to-left pages are mirrored: the brand band
and the text start on the right, and Arabic is shaped by raqm (textlayout.py)."""

from __future__ import annotations

import io

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


def _scale(value: float, spec) -> int:
    return round(value * spec.card.height / 630)


def draw_card(spec, photo: Image.Image | None = None) -> Image.Image:
    """The card of ``spec`` (a jobs.CardJob: title, rtl, names, card settings, fonts)."""
    card = spec.card
    width, height = card.width, card.height
    image = Image.new("RGB", (width, height), card.color("background"))
    draw = ImageDraw.Draw(image)
    rtl = spec.rtl
    band = _scale(BAND, spec)
    margin = _scale(MARGIN, spec)

    photo_width = round(width * card.photo_share) if photo is not None else 0
    if photo is not None and photo_width:
        fitted = ImageOps.fit(photo.convert("RGB"), (photo_width, height),
                              Image.Resampling.LANCZOS, centering=(0.5, 0.4))
        image.paste(fitted, (0 if rtl else width - photo_width, 0))

    # Mirror the horizontal layout for right-to-left pages.
    band_box = (width - band, 0, width, height) if rtl else (0, 0, band, height)
    draw.rectangle(band_box, fill=card.color("brand"))
    text_start = band + margin  # from the inline-start edge
    text_end = width - (photo_width or 0) - margin  # from the same edge
    text_width = text_end - text_start

    def x_for(line_width: float) -> float:
        """Left edge of a line aligned to the inline start."""
        return width - text_start - line_width if rtl else text_start

    short = Typesetter(spec.bold, _scale(SHORT_NAME, spec), paragraph_rtl(spec.short_name, rtl),
                       spec.lang)
    ascent, _ = short.metrics()
    baseline = _scale(TOP, spec) + ascent * 0.75
    short.draw_line(draw, x_for(short.width(spec.short_name)), baseline, spec.short_name,
                    card.color("brand"))

    footer = Typesetter(spec.regular, _scale(SITE_NAME, spec), paragraph_rtl(spec.site_name, rtl),
                        spec.lang)
    name_baseline = height - _scale(TOP, spec)
    name = spec.site_name
    while footer.width(name) > text_width and " " in name:
        name = name.rsplit(" ", 1)[0]
    footer.draw_line(draw, x_for(footer.width(name)), name_baseline, name, card.color("text"))
    rule_w, rule_h = _scale(RULE[0], spec), _scale(RULE[1], spec)
    rule_top = name_baseline - _scale(SITE_NAME, spec) - _scale(36, spec)
    rule_x = x_for(rule_w)
    draw.rectangle((rule_x, rule_top, rule_x + rule_w, rule_top + rule_h), fill=card.color("accent"))

    title_top = baseline + _scale(56, spec)
    title_bottom = rule_top - _scale(40, spec)
    title = clean_text(spec.title)
    sizes = (_scale(card.title_max, spec), _scale(card.title_min, spec))
    setter, lines = fit_title(title, spec.bold, paragraph_rtl(title, rtl), spec.lang, text_width,
                              title_bottom - title_top, sizes, card.max_lines, LINE_HEIGHT)
    line_height = setter.size * LINE_HEIGHT
    baseline = title_top + (line_height + setter.size) / 2
    for line in lines:
        setter.draw_line(draw, x_for(setter.width(line)), baseline, line, card.color("text"))
        baseline += line_height
    return image


def encode_card(image: Image.Image, has_photo: bool, max_bytes: int) -> tuple[bytes, str]:
    """PNG for a card of flat colours and text (crisp and small), JPEG when it holds a photo.
    The image is new, so nothing but pixels is written."""
    buffer = io.BytesIO()
    if has_photo:
        quality = 85
        while True:
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
            if buffer.tell() <= max_bytes or quality <= 40:
                return buffer.getvalue(), "jpeg"
            quality -= 10
    image.quantize(128, method=Image.Quantize.MEDIANCUT).save(buffer, "PNG", optimize=True)
    return buffer.getvalue(), "png"
