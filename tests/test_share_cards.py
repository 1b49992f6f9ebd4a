"""Share cards (plugins/images): every page of the real and the fixture site, in every
language, has a 1200×630 Open Graph image drawn in its language, with absolute URLs; Arabic
titles are shaped by raqm and laid out right to left, never drawn letter by letter."""

from __future__ import annotations

import pytest
from conftest import FIXTURE, ROOT, build
from PIL import Image, ImageChops, ImageDraw, ImageFont
from sitetools import ORIGIN

from plugins.images.config import load_config
from plugins.images.fonts import FontsMissing, check_layout, index_font_dirs, resolve_stack
from plugins.images.textlayout import (
    Typesetter,
    bidi_levels,
    cmaps_of,
    paragraph_rtl,
    runs_for,
    visual_order,
)
from rart.messages import Messages
from rart.problems import Problem

CARD = (1200, 630)
ARABIC_TITLE = "اثنتا عشرة جهة في شبكة من أجل الاستقبال"


@pytest.fixture(scope="module")
def settings():
    import pelicanconf

    return {k: v for k, v in vars(pelicanconf).items() if k.isupper()}


@pytest.fixture(scope="module")
def bold_stack(settings):
    config = load_config(settings)
    return resolve_stack(config.card.bold, index_font_dirs(config.card.font_dirs)).paths


def meta(tree, key):
    return tree.xpath(f"//head/meta[@property='{key}' or @name='{key}']/@content")


@pytest.mark.parametrize("which", ["site", "fixture_site"])
def test_every_page_has_a_share_card(request, which):
    site = request.getfixturevalue(which)
    seen = {}
    for page in site.pages:
        rel = site.rel(page)
        tree = site.tree(rel)
        assert tree.xpath("//head"), rel  # every HTML file the site publishes is a page
        images = meta(tree, "og:image")
        assert len(images) == 1, rel
        url = images[0]
        assert url.startswith(ORIGIN + "/"), (rel, url)
        assert meta(tree, "og:image:width") == ["1200"] and meta(tree, "og:image:height") == ["630"]
        assert meta(tree, "og:image:alt")[0].strip(), rel
        assert meta(tree, "twitter:card") == ["summary_large_image"], rel
        assert meta(tree, "og:url")[0].startswith(ORIGIN + "/"), rel
        if url not in seen:
            target = site.file_for(url)
            assert target is not None and target.is_file(), (rel, url)
            with Image.open(target) as card:
                assert card.size == CARD, (rel, card.size)
                assert card.format in ("PNG", "JPEG")
                assert not card.info.get("exif") and not card.info.get("icc_profile")
            assert target.stat().st_size <= 200_000
            seen[url] = rel
    assert len(seen) > 10


@pytest.mark.parametrize("which", ["site", "fixture_site"])
def test_each_language_has_its_own_cards(request, which):
    site = request.getfixturevalue(which)
    for rel, lang in (("index.html", "it"), ("en/index.html", "en"), ("ar/index.html", "ar"),
                      ("notizie/index.html", "it"), ("ar/notizie/index.html", "ar"),
                      ("fr/notizie/index.html", "fr")):
        if not (site.root / rel).is_file():
            continue
        url = meta(site.tree(rel), "og:image")[0]
        assert f"/anteprime/{lang}/" in url, (rel, url)


def test_titles_are_on_their_own_cards(fixture_site):
    # Different pages have different cards; translations have cards in their language.
    urls = {meta(fixture_site.tree(rel), "og:image")[0]
            for rel in ("notizie/notizia-1/index.html", "notizie/notizia-2/index.html",
                        "en/notizie/notizia-1/index.html", "ar/notizie/notizia-1/index.html")}
    assert len(urls) == 4


def ink_box(path, background="#fffaf3"):
    """The bounding box of the title: what differs from the background between the short name
    at the top and the accent rule at the bottom, away from the brand band."""
    with Image.open(path) as card:
        card = card.convert("RGB")
    region = card.crop((40, 150, 1160, 470))
    plain = Image.new("RGB", region.size, background)
    left, top, right, bottom = ImageChops.difference(region, plain).convert("L").point(
        lambda v: 255 if v > 40 else 0).getbbox()
    return left + 40, top + 150, right + 40, bottom + 150


def test_arabic_card_is_right_aligned_and_italian_left(fixture_site):
    def card(rel):
        return fixture_site.file_for(meta(fixture_site.tree(rel), "og:image")[0])

    arabic, italian = card("ar/notizie/notizia-1/index.html"), card("notizie/notizia-1/index.html")
    a_left, _, a_right, _ = ink_box(arabic)
    i_left, _, i_right, _ = ink_box(italian)
    # Band 24 px + margin 72 px on the inline-start side.
    assert abs(a_right - (1200 - 96)) <= 6, (a_left, a_right)
    assert abs(i_left - 96) <= 6, (i_left, i_right)
    with Image.open(arabic) as card:
        card = card.convert("RGB")
        assert card.getpixel((1190, 300)) == (0xB3, 0x26, 0x1E)  # brand band on the right
        assert card.getpixel((10, 300)) == (0xFF, 0xFA, 0xF3)


# --- Arabic shaping ---------------------------------------------------------------------------
def line_image(text, stack, engine, rtl=True, size=48):
    setter = Typesetter(stack, size, rtl, "ar", engine=engine)
    width = int(setter.width(text, bidi_levels(text, rtl))) + 20
    image = Image.new("L", (width + 40, size * 2), 0)
    setter.draw_line(ImageDraw.Draw(image), 20, size * 1.4, text, 255)
    return image


def test_arabic_is_shaped_by_raqm(bold_stack):
    """raqm joins the letters into their contextual forms; Pillow's basic layout would draw
    each letter isolated, left to right. The same string gives different pictures."""
    shaped = line_image(ARABIC_TITLE, bold_stack, ImageFont.Layout.RAQM)
    basic = line_image(ARABIC_TITLE, bold_stack, ImageFont.Layout.BASIC)
    width = max(shaped.width, basic.width)
    pad = lambda im: im.crop((0, 0, width, im.height))  # noqa: E731
    assert ImageChops.difference(pad(shaped), pad(basic)).getbbox() is not None
    # Joined letters are narrower than the same letters drawn in isolation.
    assert shaped.getbbox()[2] - shaped.getbbox()[0] < basic.getbbox()[2] - basic.getbbox()[0]


def test_arabic_glyph_run_goes_right_to_left(bold_stack):
    """The first letter of the text ends up at the right. ALEF joins nothing after it, so
    dropping it leaves the rest of the word's glyphs as they were: drawn from the same left
    edge, the two lines match pixel for pixel except where the ALEF stands, at the right."""
    text = "الاستقبال"
    assert text[0] == "\u0627"
    whole = line_image(text, bold_stack, ImageFont.Layout.RAQM)
    rest = line_image(text[1:], bold_stack, ImageFont.Layout.RAQM)
    rest_box = rest.getbbox()
    whole_box = whole.getbbox()
    common = (0, 0, rest_box[2], whole.height)
    assert ImageChops.difference(whole.crop(common), rest.crop(common)).getbbox() is None
    assert whole_box[2] > rest_box[2] + 5  # the ALEF's ink, to the right of the rest
    # Pillow's basic layout puts the first letter at the left instead.
    basic_whole = line_image(text, bold_stack, ImageFont.Layout.BASIC)
    basic_rest = line_image(text[1:], bold_stack, ImageFont.Layout.BASIC)
    assert ImageChops.difference(basic_whole.crop(common), basic_rest.crop(common)).getbbox()


@pytest.mark.parametrize(
    "text, rtl, expected",
    [
        ("شبكة RART تعرّف", True, ["تعرّف", "RART", "شبكة"]),
        ("من نظام CAS إلى SAI: فريقا", True,
         ["فريقا", ":", "SAI", "إلى", "CAS", "من نظام"]),
        ("الجهات الـ12 في", True, ["في", "12", "الجهات الـ"]),
        ("Rete RART e شبكة", False, ["Rete RART e", "شبكة"]),
        ("Babel s.c.s. (Torino)", False, ["Babel s.c.s. (Torino)"]),
    ],
)
def test_runs_in_visual_order(bold_stack, text, rtl, expected):
    runs = visual_order(runs_for(text, bidi_levels(text, rtl), cmaps_of(bold_stack)))
    assert [r.text.strip() for r in runs if r.text.strip()] == expected
    for run in runs:
        if any("\u0600" <= c <= "\u06ff" for c in run.text):
            assert run.direction == "rtl", run
        elif any(c.isascii() and c.isalnum() for c in run.text):
            assert run.direction == "ltr", run


@pytest.mark.parametrize(
    "text, page_rtl, expected",
    [("شبكة RART", True, True), ("Altrimodi S.r.l.", True, False), ("RART", False, False),
     ("شبكة", False, True), ("2025", True, True)],
)
def test_paragraph_direction(text, page_rtl, expected):
    assert paragraph_rtl(text, page_rtl) is expected


def test_wrapped_lines_fit_and_keep_every_word(bold_stack):
    setter = Typesetter(bold_stack, 60, True, "ar")
    title = ARABIC_TITLE + " في تورينو: شبكة RART تعرّف بنفسها"
    lines = setter.wrap(title, 700)
    assert len(lines) > 1
    assert " ".join(lines) == title
    assert all(setter.width(line) <= 700 for line in lines)


# --- a machine that cannot draw the cards -----------------------------------------------------
def test_missing_layout_engine_names_the_packages(monkeypatch):
    from PIL import features

    monkeypatch.setattr(features, "check", lambda name: name not in ("raqm", "fribidi"))
    with pytest.raises(FontsMissing) as problem:
        check_layout()
    message = Problem("Pillow", None, problem.value.code, problem.value.params).format(
        Messages(ROOT / "translations"))
    assert "libraqm0 libfribidi0" in message
    assert "sudo apt-get install libraqm0 libfribidi0" in message


def test_missing_fonts_stop_the_build(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "1000")
    (tmp_path / "vuota").mkdir()
    settings = tmp_path / "nofonts.py"
    settings.write_text(
        "import runpy\n"
        f"globals().update(runpy.run_path({str(FIXTURE / 'fixtureconf.py')!r}))\n"
        f"IMAGES_CACHE_PATH = {str(tmp_path / 'cache')!r}\n"
        f"IMAGES_CARD = {{**IMAGES_CARD, 'font_dirs': [{str(tmp_path / 'vuota')!r}]}}\n",
        encoding="utf-8",
    )
    result = build(FIXTURE / "content", settings, tmp_path / "output")
    out = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert "Traceback" not in out
    assert "fonts-noto-core" in out and "IMAGES_CARD['fonts']" in out


# --- cards put together from parts (cards.card_png) -------------------------------------------
def card_job(settings, title, lang, rtl):
    from plugins.images.jobs import CardJob

    config = load_config(settings)
    fonts = index_font_dirs(config.card.font_dirs)
    return CardJob(f"test-{lang}-{len(title)}", title, lang, rtl, "Rete Asilo e Rifugio Torino",
                   "RART", config.card, resolve_stack(config.card.bold, fonts).paths,
                   resolve_stack(config.card.regular, fonts).paths, None, None,
                   config.max_bytes, "")


CARD_TITLES = [
    ("Chi siamo", "it", False),
    ("Dodici organizzazioni in rete per l'accoglienza a Torino: cosa abbiamo fatto insieme "
     "in questi anni, e con chi, e perché continuiamo a farlo ogni giorno", "it", False),
    ("Réseau d'accueil : « qui sommes-nous ? »", "fr", False),
    (ARABIC_TITLE, "ar", True),
    (ARABIC_TITLE + " RART " + ARABIC_TITLE + " SAI 2025", "ar", True),
    ("RART", "ar", True),
]


@pytest.mark.parametrize(("title", "lang", "rtl"), CARD_TITLES)
def test_card_put_together_is_the_card_pillow_encodes(settings, title, lang, rtl):
    """The PNG card_png assembles (rows above and below compressed once per language, the
    title's rows per card) is a valid PNG (chunk CRCs, zlib stream and its Adler-32 checked
    by zlib itself) with exactly the pixels and palette of the card drawn whole."""
    import io
    import struct
    import zlib

    from plugins.images.cards import card_png, draw_card, encode_card

    job = card_job(settings, title, lang, rtl)
    data = card_png(job)
    assert data is not None
    whole = draw_card(job)
    reference, fmt = encode_card(whole, False, job.max_bytes)
    assert fmt == "png"
    chunks, position = [], 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length:position + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        chunks.append((kind, body))
        position += 12 + length
    assert [kind for kind, _ in chunks] == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]
    rows = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    width, height = CARD
    assert len(rows) == height * (width + 1)
    assert all(rows[i * (width + 1)] == 0 for i in range(height))  # filter type 0, every row
    with Image.open(io.BytesIO(data)) as ours, Image.open(io.BytesIO(reference)) as pillows:
        assert ours.mode == pillows.mode == "P" and ours.size == CARD
        assert ours.tobytes() == pillows.tobytes()
        assert ours.getpalette() == pillows.getpalette()
    assert len(data) <= job.max_bytes


def test_adler_of_two_parts_is_the_adler_of_both():
    import random
    import zlib

    from plugins.images.cards import _adler_then

    generator = random.Random(7)
    for length in (0, 1, 5552, 65521, 100_000):
        first = generator.randbytes(generator.randrange(0, 70_000))
        second = bytes([255]) * length if length % 2 else generator.randbytes(length)
        assert _adler_then(zlib.adler32(first), zlib.adler32(second), len(second)) == \
            zlib.adler32(first + second)
