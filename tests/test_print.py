"""Print materials (plugins/printing): every printable item of the fixture site has an A4 poster
and an A5 flyer per language, each with a QR code that a decoder reads as the item's short link,
which leads to the item's page in the built output; Arabic is shaped and in logical order; the
PDFs carry nothing but their title, language and the build's date, embed their fonts and no
photo metadata, and come out byte for byte the same from two builds."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import FIXTURE, FIXTURE_EPOCH, ROOT, build
from sitetools import ORIGIN, BuiltSite

from rart.contract import prints
from rart.frontmatter import read_front_matter
from rart.naming import parse_name
from rart.site import Site

SETTINGS = __import__("runpy").run_path(str(FIXTURE / "fixtureconf.py"))
SITE = Site.from_settings(SETTINGS)
ARABIC_LETTERS = re.compile("[\u0620-\u064a]")


def printable_items() -> dict[tuple[str, str], dict[str, dict]]:
    """(folder, key) -> {lang: front matter} of every printable item of the fixture content,
    read from the files (campaigns, and any page with Print: sì)."""
    items: dict[tuple[str, str], dict[str, dict]] = {}
    for path in sorted((FIXTURE / "content").glob("*/*.md")):
        rel = path.relative_to(FIXTURE / "content").as_posix()
        name = parse_name(rel, SITE.languages)
        content_type = SITE.types[name.folder]
        meta = read_front_matter(path)
        if content_type.has_pages and meta.get("status") != "draft" and prints(content_type.name, meta.get("print")):
            items.setdefault((name.folder, name.key), {})[name.lang] = meta
    return items


PRINTABLE = printable_items()


def page_of(folder: str, key: str, lang: str) -> str:
    return SITE.item_address(SITE.types[folder], key, lang).save_as


def listed_pdfs(site: BuiltSite, rel: str) -> list[tuple[str, str, str]]:
    """(href, hreflang, text of the item) of each PDF the page lists under «Materiali da stampare»."""
    tree = site.tree(rel)
    links = tree.xpath("//section[@aria-labelledby='print-materials']//li")
    return [(li.xpath("a/@href")[0], li.xpath("a/@hreflang")[0], " ".join(li.text_content().split()))
            for li in links]


def test_the_fixture_exercises_campaigns_events_and_arabic():
    assert len(PRINTABLE) >= 4
    assert any("ar" in langs for langs in PRINTABLE.values())
    assert {folder for folder, _ in PRINTABLE} == {"campagne", "eventi"}


@pytest.mark.parametrize("folder, key", sorted(PRINTABLE))
def test_every_printable_item_lists_a_poster_and_a_flyer_per_language(fixture_site, folder, key):
    languages = set(PRINTABLE[(folder, key)])
    for lang in languages:
        listed = listed_pdfs(fixture_site, page_of(folder, key, lang))
        assert sorted(hreflang for _, hreflang, _ in listed) == sorted(list(languages) * 2)
        # Its own language first.
        assert listed[0][1] == lang
        for href, _hreflang, text in listed:
            path = fixture_site.file_for(href)
            assert path.is_file() and path.read_bytes().startswith(b"%PDF-"), href
            assert text.count("·") == 2 and "PDF" in text and re.search(r"\d\s?[kM]B", text), text
            size = path.stat().st_size
            shown = re.search(r"([\d.,]+)\s?kB", text)
            assert shown and abs(float(shown.group(1).replace(",", ".")) - size / 1000) < 1, (text, size)
        kinds = [href.rsplit("-", 2)[-2] for href, hreflang, _ in listed if hreflang == lang]
        assert sorted(kinds) == ["manifesto", "volantino"]


def all_pdfs(site: BuiltSite) -> list[Path]:
    found = []
    for (folder, key), langs in PRINTABLE.items():
        for lang in langs:
            found += [site.file_for(href) for href, hreflang, _ in
                      listed_pdfs(site, page_of(folder, key, lang)) if hreflang == lang]
    return sorted(set(found))


def render(path: Path, dpi: int = 150):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return document[0].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        document.close()


def test_every_qr_code_decodes_to_the_short_link_which_leads_to_the_page(fixture_site):
    import zxingcpp

    checked = 0
    for (folder, key), langs in PRINTABLE.items():
        for lang in langs:
            short = SITE.short_link(key, lang).url
            for href, hreflang, _ in listed_pdfs(fixture_site, page_of(folder, key, lang)):
                if hreflang != lang:
                    continue
                pdf = fixture_site.file_for(href)
                decoded = [code.text for code in zxingcpp.read_barcodes(render(pdf))]
                assert decoded == [f"{ORIGIN}/{short}"], pdf
                # The short link is a redirect page to the item's own page in its language.
                redirect = fixture_site.file_for(decoded[0])
                assert redirect in fixture_site.redirects, decoded
                target = fixture_site.redirect_target(redirect)
                assert target == "/" + SITE.item_address(SITE.types[folder], key, lang).url
                assert fixture_site.file_for(target).is_file()
                # And it is printed under the code, for phones without a QR reader.
                from pypdf import PdfReader

                printed = PdfReader(pdf).pages[0].extract_text()
                assert f"{ORIGIN.split('://')[1]}/{short}".rstrip("/") in printed
                checked += 1
    assert checked >= 2 * sum(len(langs) for langs in PRINTABLE.values())


def test_the_qr_code_still_decodes_from_a_coarse_scan_of_the_flyer(fixture_site):
    """A5 at 72 dpi: a cheap phone photo of a flyer on a noticeboard."""
    import zxingcpp

    flyers = [p for p in all_pdfs(fixture_site) if "volantino-a5" in p.name]
    assert flyers
    for pdf in flyers:
        assert len(zxingcpp.read_barcodes(render(pdf, dpi=72))) == 1, pdf


# --- Arabic: shaped, right to left, in logical order -------------------------------------------
def arabic_forms_in_pdf(path: Path) -> dict[str, dict[str, set[int]]]:
    """font name -> Arabic letter -> the glyphs drawn for it (read back through ToUnicode)."""
    from pypdf import PdfReader

    found: dict[str, dict[str, set[int]]] = {}
    for font in PdfReader(path).pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        name = str(font["/BaseFont"]).split("+", 1)[-1]
        cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
        pairs = []
        for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
            pairs += [(int(g, 16), bytes.fromhex(u).decode("utf-16-be"))
                      for g, u in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block)]
        for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
            for lo, hi, u in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                pairs += [(int(lo, 16) + i, chr(int(u, 16) + i)) for i in range(int(hi, 16) - int(lo, 16) + 1)]
        for glyph, text in pairs:
            if len(text) == 1 and ARABIC_LETTERS.match(text):
                found.setdefault(name, {}).setdefault(text, set()).add(glyph)
    return found


def harfbuzz_forms(font_path: str, texts: list[str]) -> set[str]:
    """The letters HarfBuzz draws in more than one form (initial, medial, final, isolated) in
    `texts` with this font: what a shaped PDF must show too."""
    import uharfbuzz as hb

    font = hb.Font(hb.Face(hb.Blob.from_file_path(font_path)))
    forms: dict[str, set[int]] = {}
    for text in texts:
        buffer = hb.Buffer()
        buffer.add_codepoints([ord(c) for c in text])
        buffer.guess_segment_properties()
        hb.shape(font, buffer, {})
        clusters = sorted({info.cluster for info in buffer.glyph_infos}) + [len(text)]
        for info in buffer.glyph_infos:
            char = text[info.cluster]
            # A ligature (lam-alef) is one glyph for two letters: the PDF maps it to both,
            # so it is no form of either.
            ligature = clusters[clusters.index(info.cluster) + 1] - info.cluster > 1
            if ARABIC_LETTERS.match(char) and not ligature:
                forms.setdefault(char, set()).add(info.codepoint)
    return {char for char, glyphs in forms.items() if len(glyphs) > 1}


def fonts_by_name() -> dict[str, str]:
    """PostScript name as fpdf2 names embedded fonts (no '-', no 'Regular') -> font file."""
    from fontTools.ttLib import TTFont

    from plugins.printing import find_fonts

    fonts = find_fonts(SETTINGS)
    return {TTFont(path)["name"].getDebugName(6).replace("-", "").removesuffix("Regular"): path
            for path in (fonts.arabic, fonts.arabic_bold)}


def arabic_campaign(site: BuiltSite) -> tuple[Path, dict]:
    (folder, key), langs = next((k, v) for k, v in sorted(PRINTABLE.items()) if "ar" in v and k[0] == "campagne")
    href = next(h for h, hreflang, _ in listed_pdfs(site, page_of(folder, key, "ar"))
                if hreflang == "ar" and "manifesto" in h)
    return site.file_for(href), langs["ar"]


def test_arabic_is_shaped_letter_by_letter(fixture_site):
    pdf, meta = arabic_campaign(fixture_site)
    drawn = arabic_forms_in_pdf(pdf)
    fonts = fonts_by_name()
    bold = next(p for n, p in fonts.items() if "Bold" in n)
    regular = next(p for n, p in fonts.items() if "Bold" not in n)
    expected = {
        Path(bold).name: harfbuzz_forms(bold, [meta["title"], meta["cta_label"]]),
        Path(regular).name: harfbuzz_forms(regular, [meta["summary"]]),
    }
    by_file = {Path(fonts[name]).name: letters for name, letters in drawn.items() if name in fonts}
    assert set(by_file) == set(expected)
    for font, letters in expected.items():
        assert letters, font  # the texts do put letters in several positions
        several = {char for char, glyphs in by_file[font].items() if len(glyphs) > 1}
        assert letters <= several, (font, sorted(letters - several))


def test_the_shaping_check_fails_on_unshaped_arabic(tmp_path):
    """Negative control: the same Arabic drawn without HarfBuzz has one glyph per letter."""
    from fpdf import FPDF

    fonts = fonts_by_name()
    regular = next(p for n, p in fonts.items() if "Bold" not in n)
    pdf = FPDF()
    pdf.add_font("arabic", "", regular)
    pdf.add_page()
    pdf.set_font("arabic", "", 20)
    text = "حملة للاختبار، لإعلام المواطنين وإشراكهم."
    pdf.cell(0, 10, text)
    path = tmp_path / "unshaped.pdf"
    pdf.output(str(path))
    drawn = next(iter(arabic_forms_in_pdf(path).values()))
    assert harfbuzz_forms(regular, [text])
    assert all(len(glyphs) == 1 for glyphs in drawn.values())


def normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).replace("\u0640", "").split())


def test_arabic_text_extracts_in_logical_order_and_latin_keeps_its_letters(fixture_site):
    from pypdf import PdfReader

    pdf, meta = arabic_campaign(fixture_site)
    text = normal(PdfReader(pdf).pages[0].extract_text())
    for field in ("title", "summary", "cta_label"):
        assert normal(meta[field]) in text, field
        assert normal(meta[field])[::-1] not in text
    # A Latin name inside a right-to-left page keeps its letters in order (a ligature drawn
    # right to left once printed "Rfiugio").
    assert normal(SETTINGS["SITENAME"]) in text


def test_a_sheet_of_a_campaign_that_ended_says_so_above_its_title(fixture_site):
    """A poster still on a wall after its campaign ended must not look current: the line above
    the title says «Campagna conclusa» (the campaign page's own words), an active one
    «Campagna»."""
    from pypdf import PdfReader

    def text(rel: str) -> str:
        return normal(PdfReader(fixture_site.root / rel).pages[0].extract_text()).casefold()

    assert PRINTABLE[("campagne", "conclusa")]["it"]["campaign_status"] == "past"
    assert PRINTABLE[("campagne", "attiva")]["it"]["campaign_status"] == "active"
    for page in ("manifesto-a4", "volantino-a5"):
        assert "campagna conclusa campagna conclusa di prova" in text(f"stampa/conclusa-{page}.pdf")
        assert "campagna campagna attiva di prova" in text(f"stampa/attiva-{page}.pdf")


# --- what a PDF carries -------------------------------------------------------------------------
def test_pdfs_carry_title_language_and_the_build_date_only(fixture_site):
    from pypdf import PdfReader

    pdfs = all_pdfs(fixture_site)
    assert len(pdfs) >= 8
    expected_date = __import__("datetime").datetime.fromtimestamp(int(FIXTURE_EPOCH), __import__("datetime").UTC)
    for path in pdfs:
        reader = PdfReader(path)
        info = dict(reader.metadata or {})
        assert set(info) == {"/Title", "/CreationDate"}, (path, info)
        assert info["/CreationDate"] == expected_date.strftime("D:%Y%m%d%H%M%SZ")
        root = reader.trailer["/Root"]
        assert "/Metadata" not in root  # no XMP packet
        lang = path.parent.parent.name if path.parent.parent != fixture_site.root else SITE.languages.default.code
        assert root["/Lang"] == lang


def test_fonts_are_embedded_and_no_photo_metadata_or_machine_path_leaks(fixture_site):
    from pypdf import PdfReader

    source = (FIXTURE / "content" / "immagini" / "piazza.jpg").read_bytes()
    assert b"CANARY-ARTIST" in source and b"Exif" in source  # the fixture's photo carries both
    leaks = [b"CANARY", b"Exif", b"GPS", str(ROOT).encode(), b"/usr/share", b"/tmp/", b"fpdf",
             b"PyFPDF", b"cache"]
    with_photo = 0
    for path in all_pdfs(fixture_site):
        data = path.read_bytes()
        assert [leak for leak in leaks if leak in data] == [], path
        with_photo += b"/DCTDecode" in data
        for font in PdfReader(path).pages[0]["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), (path, font)
    assert with_photo >= 4


@pytest.mark.slow
def test_two_builds_draw_byte_identical_pdfs(fixture_site, tmp_path):
    """A second build with an empty cache draws every PDF again: the same bytes."""
    output = tmp_path / "again"
    result = build(FIXTURE / "content", FIXTURE / "fixtureconf.py", output,
                   "-e", f'PRINT_CACHE_PATH="{tmp_path / "cache"}"',
                   env={"SOURCE_DATE_EPOCH": FIXTURE_EPOCH, "PYTHONHASHSEED": "123"})
    assert result.returncode == 0, result.stdout + result.stderr
    first = all_pdfs(fixture_site)
    assert list((tmp_path / "cache").rglob("*.pdf"))  # drawn, not copied from the first cache
    for path in first:
        again = output / path.relative_to(fixture_site.root)
        assert again.read_bytes() == path.read_bytes(), path


def test_without_text_shaping_the_build_stops_and_says_why(tmp_path):
    """uharfbuzz missing: no PDF with broken Arabic, an Italian message instead."""
    code = (
        "import sys; sys.modules['uharfbuzz'] = None\n"
        "from pelican import main\n"
        f"main([{str(FIXTURE / 'content')!r}, '-o', {str(tmp_path / 'o')!r}, '-s', "
        f"{str(FIXTURE / 'fixtureconf.py')!r}])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "non possono comporre il testo in arabo" in output, output
    assert "uharfbuzz" in output
    assert not list((tmp_path / "o").rglob("*.pdf")) if (tmp_path / "o").exists() else True


# --- layout ---------------------------------------------------------------------------------------
def test_a_long_title_shrinks_then_is_cut_with_an_ellipsis():
    from pypdf import PdfReader

    from plugins.printing import find_fonts
    from plugins.printing.layout import Job, render

    title = " ".join(["Una campagna dal titolo molto lungo"] * 8)
    job = Job(page="a5", lang="it", rtl=False, doc_title=title, site_name="RART", kicker="",
              title=title, details=(), summary="Breve.", cta="", scan_text="Inquadra.",
              qr_url="http://localhost:8000/c/x/", printed_link="localhost:8000/c/x", photo=None,
              photo_size=None, fonts=find_fonts(SETTINGS),
              colors=(("brand", "#b3261e"), ("text", "#1f1a17"), ("accent", "#f2b134"),
                      ("white", "#ffffff")), created=0)
    text = PdfReader(io.BytesIO(render(job))).pages[0].extract_text()
    assert "…" in text
    assert text.count("Una campagna") < 8
    assert "localhost:8000/c/x" in text
