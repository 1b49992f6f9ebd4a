"""One poster or flyer as PDF bytes, drawn with fpdf2: pure (a Job in, bytes out), so a
worker process can draw it and two runs of the same Job give the same bytes.

fpdf2 places by coordinates, so the layout is here: a band with the network's name, the
title, the event's details, the page's photo, the summary, the call to action, and at the
foot the QR code with the short link printed under it. A right-to-left language mirrors
every position and aligns text to the right. Text is always shaped by HarfBuzz (uharfbuzz):
without shaping fpdf2 prints Arabic letters apart and in the wrong order, silently, so
`render` refuses to draw without it (ShapingUnavailable).

Units are millimetres and points; an A5 flyer is the A4 poster scaled by 1/√2, with larger
text relative to the page (it is read at arm's length, the poster across a room).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PT = 25.4 / 72  # millimetres per point

@dataclass(frozen=True)
class Paper:
    size: tuple[float, float]  # mm
    k: float  # scales every length
    text: float  # scales the type
    qr: float  # the QR code's side, quiet zone included, mm


# A5 is A4 scaled by 1/√2; its type shrinks less, and its QR code stays well above the
# ~2 cm a phone needs at arm's length.
PAGES = {
    "a4": Paper((210.0, 297.0), 1.0, 1.0, 46.0),
    "a5": Paper((148.0, 210.0), 0.7071, 0.78, 34.0),
}


class ShapingUnavailable(RuntimeError):
    """uharfbuzz is missing: fpdf2 cannot shape text (Arabic would print broken)."""


@dataclass(frozen=True)
class Fonts:
    latin: str  # paths of TrueType fonts
    latin_bold: str
    arabic: str
    arabic_bold: str


@dataclass(frozen=True)
class Job:
    """Everything one PDF shows, as plain text and file paths (picklable)."""

    page: str  # "a4" or "a5"
    lang: str  # BCP 47 code: the PDF's /Lang and HarfBuzz's language
    rtl: bool
    doc_title: str  # the PDF's Title
    site_name: str
    kicker: str  # "Campagna", "Evento", or ""
    title: str
    details: tuple[str, ...]  # lines under the title (an event's time and place)
    summary: str
    cta: str  # the call to action, or ""
    scan_text: str  # what to do with the QR code, in the page's language
    qr_url: str  # what the QR code encodes: the short link, absolute
    printed_link: str  # the short link as printed: host and path, no scheme
    photo: str | None  # a derivative of the image pipeline (JPEG or PNG), or None
    photo_size: tuple[int, int] | None  # its pixels (width, height)
    fonts: Fonts
    colors: tuple[tuple[str, str], ...]  # (name, "#rrggbb"): brand, text, accent, white
    created: int  # the PDF's creation date: SOURCE_DATE_EPOCH, seconds


def rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def qr_modules(data: str) -> list[list[bool]]:
    """The QR code of `data` with its 4-module quiet zone, error correction M (15 % of the
    symbol may be lost to a fold or a stain), never raised automatically, so the symbol
    depends on the data only."""
    import segno

    code = segno.make_qr(data, error="m", boost_error=False)
    return [[bool(v) for v in row] for row in code.matrix_iter(border=4)]


class _Poster:
    def __init__(self, job: Job):
        from fpdf import FPDF

        self.job = job
        spec = PAGES[job.page]
        self.w: float = spec.size[0]
        self.h: float = spec.size[1]
        self.k = spec.k
        self.t = spec.text
        # Without a photo the code takes part of the room the photo would have had: on a
        # poster seen from further away, a bigger code still reads.
        self.qr_size = spec.qr if job.photo else spec.qr * 1.4
        self.margin = 14 * self.k
        self.colors = {name: rgb(value) for name, value in job.colors}
        self.align = "R" if job.rtl else "L"
        # The size in millimetres, not the name: fpdf2 warns about the names of A5 and others.
        pdf = self.pdf = FPDF(unit="mm", format=(self.w, self.h))
        pdf.set_auto_page_break(False)
        pdf.set_margins(self.margin, self.margin, self.margin)
        pdf.set_title(job.doc_title)
        pdf.set_lang(job.lang)
        # No author, no producer, no creator tool; the date is the build's (SOURCE_DATE_EPOCH).
        pdf.set_producer("")
        pdf.set_creator("")
        pdf.set_creation_date(dt.datetime.fromtimestamp(job.created, tz=dt.UTC))
        fonts = job.fonts
        pdf.add_font("latin", "", fonts.latin)
        pdf.add_font("latin", "B", fonts.latin_bold)
        pdf.add_font("arabic", "", fonts.arabic)
        pdf.add_font("arabic", "B", fonts.arabic_bold)
        self.family = "arabic" if job.rtl else "latin"
        pdf.set_fallback_fonts(["arabic" if self.family == "latin" else "latin"])
        self.shape(job.rtl)
        pdf.add_page()

    def shape(self, rtl: bool) -> None:
        from fpdf.errors import FPDFException

        try:
            self.pdf.set_text_shaping(
                use_shaping_engine=True, direction="rtl" if rtl else "ltr",
                script="arab" if rtl else "latn", language=self.job.lang,
                # In right-to-left text fpdf2 2.8.9 puts the glyphs of a Latin ligature in
                # the wrong order ("Rifugio" printed "Rfiugio"); Arabic's own required
                # ligatures (lam-alef) are the 'rlig' feature and stay on.
                features={"liga": False} if rtl else None,
            )
        except FPDFException as error:  # raised when uharfbuzz cannot be imported
            raise ShapingUnavailable(str(error)) from error

    # --- text ----------------------------------------------------------------------------
    def font(self, size: float, bold: bool = False, family: str | None = None) -> float:
        """Set the font; returns the line height (mm) for that size."""
        self.pdf.set_font(family or self.family, "B" if bold else "", size)
        return size * PT * 1.25

    def lines(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        from fpdf.enums import MethodReturnValue

        line_height = self.font(size, bold)
        result = self.pdf.multi_cell(width, line_height, text, dry_run=True,
                                     output=MethodReturnValue.LINES, align=self.align)
        assert isinstance(result, list)
        return [str(line) for line in result]

    def fit(self, text: str, width: float, sizes: tuple[float, float], max_lines: int,
            bold: bool = False) -> tuple[str, float, int]:
        """The largest size from sizes[0] down to sizes[1] at which `text` takes at most
        `max_lines` lines; at the smallest, words are cut from the end (with an ellipsis)
        until it does. Returns (text, size, lines)."""
        size = sizes[0] * self.t
        smallest = sizes[1] * self.t
        while True:
            count = len(self.lines(text, width, size, bold))
            if count <= max_lines or size <= smallest:
                break
            size = max(smallest, size - 1)
        words = text.split()
        while count > max_lines and len(words) > 1:
            words.pop()
            text = " ".join(words).rstrip(",;:.") + "…"
            count = len(self.lines(text, width, size, bold))
        return text, size, count

    def write(self, text: str, x: float, y: float, width: float, size: float,
              bold: bool = False, color: str = "text", align: str | None = None) -> float:
        """Draw `text` wrapped in `width` from (x, y); returns the y below it."""
        line_height = self.font(size, bold)
        self.pdf.set_text_color(*self.colors[color])
        self.pdf.set_xy(x, y)
        self.pdf.multi_cell(width, line_height, text, align=align or self.align)
        return float(self.pdf.get_y())

    # --- blocks --------------------------------------------------------------------------
    def band(self) -> float:
        pdf, k = self.pdf, self.k
        height = 20 * k
        pdf.set_fill_color(*self.colors["brand"])
        pdf.rect(0, 0, self.w, height, style="F")
        pdf.set_fill_color(*self.colors["accent"])
        pdf.rect(0, height, self.w, 2.5 * k, style="F")
        size = 13 * self.t
        line_height = self.font(size, bold=True)
        pdf.set_text_color(255, 255, 255)
        pdf.set_xy(self.margin, (height - line_height) / 2)
        pdf.cell(self.w - 2 * self.margin, line_height, self.job.site_name, align=self.align)
        return height + 2.5 * k

    def qr(self, x: float, y: float, size: float) -> None:
        """Dark modules as filled rectangles, one per horizontal run: vector, sharp at any
        printer resolution, and no image for a reader to lose."""
        modules = qr_modules(self.job.qr_url)
        cell = size / len(modules)
        pdf = self.pdf
        pdf.set_fill_color(255, 255, 255)
        pdf.rect(x, y, size, size, style="F")
        pdf.set_fill_color(0, 0, 0)
        for row_index, row in enumerate(modules):
            column = 0
            while column < len(row):
                if not row[column]:
                    column += 1
                    continue
                start = column
                while column < len(row) and row[column]:
                    column += 1
                pdf.rect(x + start * cell, y + row_index * cell, (column - start) * cell, cell,
                         style="F")

    def photo(self, y: float, height: float) -> None:
        """The photo cropped to fill the frame (like CSS object-fit: cover), centred."""
        job = self.job
        assert job.photo is not None and job.photo_size is not None
        width = self.w - 2 * self.margin
        pixels_w, pixels_h = job.photo_size
        scale = max(width / pixels_w, height / pixels_h)
        shown_w, shown_h = pixels_w * scale, pixels_h * scale
        with self.pdf.rect_clip(self.margin, y, width, height):
            self.pdf.image(job.photo, x=self.margin - (shown_w - width) / 2,
                           y=y - (shown_h - height) / 2, w=shown_w, h=shown_h)

    def draw(self) -> bytes:
        job, k, pdf = self.job, self.k, self.pdf
        width = self.w - 2 * self.margin
        gap = 6 * k
        y = self.band() + 9 * k

        # Measure everything but the photo, which takes the room that is left.
        kicker_h = self.font(12 * self.t, True) if job.kicker else 0.0
        title, title_size, title_lines = self.fit(job.title, width, (40, 24), 4, bold=True)
        title_h = title_lines * self.font(title_size, True)
        details = []
        for line in job.details:
            if line:
                text, size, count = self.fit(line, width, (15, 12), 2)
                details.append((text, size, count * self.font(size)))
        details_h = sum(h for _, _, h in details)
        summary, summary_size, summary_lines = self.fit(job.summary, width, (17, 12), 5)
        summary_h = summary_lines * self.font(summary_size) if job.summary else 0.0
        cta, cta_size, cta_lines = self.fit(job.cta, width - 12 * k, (18, 13), 2, bold=True)
        cta_h = (cta_lines * self.font(cta_size, True) + 8 * k) if job.cta else 0.0
        link_size = 14 * self.t
        link_h = self.font(link_size, True, "latin")
        qr_top = self.h - 12 * k - link_h - 2 * k - self.qr_size
        footer_top = qr_top - gap

        blocks = [kicker_h, title_h, details_h, summary_h, cta_h]
        fixed = sum(blocks) + gap * sum(1 for b in blocks if b)
        room = footer_top - y - fixed - gap
        photo_h = 0.0
        if job.photo and room >= 40 * k:
            photo_h = min(room, 110 * k)

        if job.kicker:
            y = self.write(job.kicker.upper(), self.margin, y, width, 12 * self.t, True,
                           "brand") + 1.5 * k
        y = self.write(title, self.margin, y, width, title_size, True, "brand") + gap
        for text, size, _ in details:
            y = self.write(text, self.margin, y, width, size, False, "text")
        if details:
            y += gap
        if photo_h:
            self.photo(y, photo_h)
            y += photo_h + gap
        if job.summary:
            y = self.write(summary, self.margin, y, width, summary_size) + gap
        if job.cta:
            pdf.set_fill_color(*self.colors["brand"])
            pdf.rect(self.margin, y, width, cta_h, style="F")
            self.write(cta, self.margin + 6 * k, y + 4 * k, width - 12 * k, cta_size, True,
                       "white")

        # The foot: a rule, the QR code at the reading start with the short link under it,
        # and beside it what to do with it.
        pdf.set_draw_color(*self.colors["accent"])
        pdf.set_line_width(0.8 * k)
        pdf.line(self.margin, footer_top, self.w - self.margin, footer_top)
        qr_x = self.w - self.margin - self.qr_size if job.rtl else self.margin
        self.qr(qr_x, qr_top, self.qr_size)
        text_x = self.margin if job.rtl else self.margin + self.qr_size + 7 * k
        text_w = width - self.qr_size - 7 * k
        scan_size = 15 * self.t
        scan_lines = self.lines(job.scan_text, text_w, scan_size)
        scan_h = len(scan_lines) * self.font(scan_size)
        self.write(job.scan_text, text_x, qr_top + (self.qr_size - scan_h) / 2, text_w,
                   scan_size, False, "text")
        # The link is Latin text in every language: set left to right, under the code.
        self.shape(False)
        line_height = self.font(link_size, True, "latin")
        while self.pdf.get_string_width(job.printed_link) > width and link_size > 8:
            link_size -= 0.5
            line_height = self.font(link_size, True, "latin")
        pdf.set_text_color(*self.colors["text"])
        pdf.set_xy(self.margin, qr_top + self.qr_size + 2 * k)
        pdf.cell(width, line_height, job.printed_link, align=self.align)
        self.shape(job.rtl)
        return bytes(pdf.output())


def render(job: Job) -> bytes:
    """The PDF of `job`. Raises ShapingUnavailable when text cannot be shaped."""
    return _Poster(job).draw()


def check_shaping() -> None:
    """Raises ShapingUnavailable on a machine where fpdf2 cannot shape text."""
    from fpdf import FPDF
    from fpdf.errors import FPDFException

    try:
        import uharfbuzz  # noqa: F401
    except ImportError as error:
        raise ShapingUnavailable("uharfbuzz") from error
    try:
        FPDF().set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab",
                                language="ar")
    except FPDFException as error:
        raise ShapingUnavailable(str(error)) from error
