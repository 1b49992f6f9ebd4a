"""Images (plugins/images): every image the content refers to is published only as responsive,
light derivatives with no metadata; broken images and missing alt text stop the build.

The photos are generated here, with Pillow, into a copy of the fixture site: a 12-megapixel
phone photo carrying GPS coordinates, a camera maker, XMP, IPTC, an ICC profile and a
comment; a small photo used inline, a decorative image, a link to an image and a transparent
member logo. Each failure case is its own small build."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import FIXTURE, build
from PIL import Image, ImageCms, ImageDraw, ImageFilter, IptcImagePlugin
from sitetools import BuiltSite

from plugins.images.cache import MANIFEST, Cache
from plugins.images.config import ImagesSettingsError, load_config
from plugins.images.encode import crop_box, target_sizes
from plugins.images.markup import build_picture
from plugins.images.pipeline import Pipeline
from plugins.images.references import front_matter_line, image_lines, img_attributes
from rart.images import classify_alt, find_image, is_external

pytestmark = pytest.mark.slow

MAX_BYTES = 200_000
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".tif", ".tiff", ".bmp",
                  ".heic"}
MIME_FORMAT = {"image/avif": "AVIF", "image/webp": "WEBP", "image/jpeg": "JPEG",
               "image/png": "PNG"}
SECRET = b"rart-secret-comment-42"
# Markers of metadata blocks in the bytes of JPEG, PNG, WebP and AVIF files.
METADATA_MARKERS = [b"Exif\x00\x00", b"<x:xmpmeta", b"Photoshop 3.0", b"ICC_PROFILE", b"iCCP",
                    b"eXIf", SECRET]

# What encodes the 12-megapixel photos or builds a site per case: make test, not test-fast.
SLOW = pytest.mark.slow


# --- generating photos ------------------------------------------------------------------------
def photo(width: int, height: int, seed: int = 1) -> Image.Image:
    """Something photo-like: a sky gradient, a few soft shapes, and sensor grain."""
    sky = Image.linear_gradient("L").resize((width, height))
    image = Image.merge("RGB", (sky.point(lambda v: 90 + v // 3), sky.point(lambda v: 120 + v // 4),
                                sky.point(lambda v: 200 - v // 3)))
    draw = ImageDraw.Draw(image)
    for i in range(12):
        x, y = (seed * 97 + i * 331) % width, (seed * 53 + i * 211) % height
        r = width // (8 + i)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=((i * 40) % 256, (i * 90) % 256, 80 + i * 10))
    image = image.filter(ImageFilter.GaussianBlur(max(1, width // 800)))
    grain = Image.effect_noise((width, height), 18).convert("RGB")
    return Image.blend(image, grain, 0.12)


def gps_exif(orientation: int = 6) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Fotofonino"  # Make
    exif[0x0110] = "Modello 12"  # Model
    exif[0x0112] = orientation  # stored on its side, as phones do
    exif[0x0132] = "2025:03:01 10:15:00"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (45.0, 4.0, 12.5)  # Turin
    gps[3], gps[4] = "E", (7.0, 40.0, 30.0)
    return exif


def with_iptc(jpeg: bytes, caption: bytes) -> bytes:
    """The JPEG with an IPTC caption in a Photoshop APP13 segment, as photo software writes."""
    record = b"\x1c\x02\x78" + len(caption).to_bytes(2, "big") + caption
    resource = b"8BIM\x04\x04\x00\x00" + len(record).to_bytes(4, "big") + record
    resource += b"\x00" * (len(record) % 2)
    payload = b"Photoshop 3.0\x00" + resource
    return jpeg[:2] + b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload + jpeg[2:]


def phone_jpeg(width: int, height: int, seed: int = 1) -> bytes:
    buffer = io.BytesIO()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b"<x:xmpmeta><rdf:Description>" + SECRET + b"</rdf:Description></x:xmpmeta>"
    photo(width, height, seed).save(buffer, "JPEG", quality=92, exif=gps_exif(), comment=SECRET,
                                    xmp=xmp, icc_profile=srgb)
    return with_iptc(buffer.getvalue(), SECRET)


def transparent_logo() -> bytes:
    logo = Image.new("RGBA", (600, 300), (0, 0, 0, 0))
    ImageDraw.Draw(logo).rounded_rectangle((40, 40, 560, 260), 40, fill=(179, 38, 30, 255))
    buffer = io.BytesIO()
    logo.save(buffer, "PNG")
    return buffer.getvalue()


def add_front_matter(path: Path, *lines: str) -> None:
    head, body = path.read_text(encoding="utf-8").split("\n\n", 1)
    path.write_text(head + "\n" + "\n".join(lines) + "\n\n" + body, encoding="utf-8")


def append_body(path: Path, text: str) -> int:
    """Append ``text`` to the file; return the line number its first line lands on."""
    current = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(current + text, encoding="utf-8")
    return current.count("\n") + 1


def settings_file(folder: Path, content: Path, cache: Path, extra: str = "") -> Path:
    path = folder / "imagesconf.py"
    path.write_text(
        "import runpy\n"
        f"globals().update(runpy.run_path({str(FIXTURE / 'fixtureconf.py')!r}))\n"
        f"PATH = {str(content)!r}\n"
        f"IMAGES_CACHE_PATH = {str(cache)!r}\n" + extra,
        encoding="utf-8",
    )
    return path


def fixture_copy(folder: Path) -> Path:
    content = folder / "content"
    shutil.copytree(FIXTURE / "content", content)
    (content / "immagini" / "loghi").mkdir(parents=True, exist_ok=True)
    return content


# --- the site with images ---------------------------------------------------------------------
@pytest.fixture(scope="session")
def image_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("images")
    content = fixture_copy(folder)
    images = content / "immagini"
    (images / "foto-gps.jpg").write_bytes(phone_jpeg(4000, 3000))
    (images / "cortile.jpg").write_bytes(phone_jpeg(1400, 1000, seed=7))
    (images / "loghi" / "alfa.png").write_bytes(transparent_logo())
    (images / "mai-usata.jpg").write_bytes(phone_jpeg(800, 600, seed=3))  # referenced by nothing

    news = content / "notizie" / "notizia-1.md"
    add_front_matter(news, "Image: {static}/immagini/foto-gps.jpg",
                     "Image_alt: Operatrici e ospiti intorno a un tavolo, in una sala luminosa",
                     # a synthetic picture: a test archive's reference (rart.contract.CONSENT_RE)
                     "Image_people: sì", "Image_consent: TEST-2025-001",
                     "Body_images: immagini/cortile.jpg | no")
    append_body(news, "![Un cortile con alberi e panchine]({static}/immagini/cortile.jpg)\n\n"
                      "Una riga di testo.\n\n![decorativa]({static}/immagini/cortile.jpg)\n\n"
                      "[Scarica la foto del cortile]({static}/immagini/cortile.jpg)\n")
    add_front_matter(content / "notizie" / "notizia-1.ar.md", "Image: immagini/foto-gps.jpg",
                     "Image_alt: عاملات وضيوف حول طاولة في قاعة مضيئة",
                     "Image_people: sì", "Image_consent: TEST-2025-001")
    member = content / "membri" / "alfa.md"
    text = member.read_text(encoding="utf-8")
    if re.search(r"^Logo:", text, re.M):
        member.write_text(re.sub(r"^Logo:.*$", "Logo: immagini/loghi/alfa.png\nLogo_people: no", text,
                                 flags=re.M), encoding="utf-8")
    else:
        add_front_matter(member, "Logo: immagini/loghi/alfa.png", "Logo_people: no")

    settings = settings_file(folder, content, folder / "cache")
    output = folder / "output"
    result = build(content, settings, output)
    return result, output, content, settings, folder


@pytest.fixture(scope="session")
def image_site(image_build) -> BuiltSite:
    result, output, *_ = image_build
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output)


def output_images(site: BuiltSite) -> list[Path]:
    return sorted(p for p in site.root.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES)


def candidates(srcset: str) -> list[tuple[str, int]]:
    result = []
    for part in srcset.split(","):
        url, descriptor = part.split()
        assert descriptor.endswith("w"), srcset
        result.append((url, int(descriptor[:-1])))
    return result


@SLOW
def test_sources_are_really_images_with_metadata(image_build):
    # The test photo carries everything a phone puts in: otherwise the other tests prove nothing.
    *_, content, _, _ = image_build
    with Image.open(content / "immagini" / "foto-gps.jpg") as source:
        assert source.size == (4000, 3000)
        assert source.getexif().get_ifd(0x8825)[2] == (45.0, 4.0, 12.5)
        assert source.info.get("xmp") and source.info.get("icc_profile")
        assert source.info.get("comment") == SECRET
        assert IptcImagePlugin.getiptcinfo(source)


@pytest.mark.parametrize("which", [pytest.param("image_site", marks=SLOW), "fixture_site", "site"])
def test_no_output_image_carries_metadata(request, which):
    image_site = request.getfixturevalue(which)
    files = output_images(image_site)
    assert len(files) > 10
    carrying = []
    for path in files:
        data = path.read_bytes()
        with Image.open(path) as image:
            found = [key for key in ("exif", "xmp", "icc_profile", "comment", "photoshop")
                     if image.info.get(key)]
            if len(image.getexif()):
                found.append("EXIF")
            if image.getexif().get_ifd(0x8825):
                found.append("GPS")
            if image.format == "JPEG" and IptcImagePlugin.getiptcinfo(image):
                found.append("IPTC")
        found += [marker.decode("latin-1") for marker in METADATA_MARKERS if marker in data]
        if found:
            carrying.append(f"{image_site.rel(path)}: {found}")
    assert carrying == []


@pytest.mark.parametrize("which", [pytest.param("image_site", marks=SLOW), "fixture_site", "site"])
def test_no_output_image_is_over_budget(request, which):
    image_site = request.getfixturevalue(which)
    heavy = [f"{image_site.rel(p)}: {p.stat().st_size}" for p in output_images(image_site)
             if p.stat().st_size > MAX_BYTES]
    assert heavy == []


@SLOW
def test_no_original_is_published(image_build, image_site):
    *_, content, _, _ = image_build
    originals = {hashlib.sha256(p.read_bytes()).hexdigest()
                 for p in (content / "immagini").rglob("*") if p.is_file()}
    published = {hashlib.sha256(p.read_bytes()).hexdigest()
                 for p in image_site.root.rglob("*") if p.is_file()}
    assert originals.isdisjoint(published)
    names = {p.name for p in (content / "immagini").rglob("*") if p.is_file()}
    assert not [p for p in image_site.root.rglob("*") if p.name in names]
    # An image nothing refers to is not published at all.
    assert not list(image_site.root.rglob("mai-usata*"))


@SLOW
def test_every_picture_is_complete_and_its_files_exist(image_site):
    pictures = 0
    for page in image_site.pages:
        rel = image_site.rel(page)
        tree = image_site.tree(rel)
        # lxml's HTML parser does not know <source> is empty and nests what follows it,
        # hence // rather than / below a <picture>.
        for element in tree.xpath("//img | //picture//source"):
            assert element.get("width") and element.get("height"), (rel, element.attrib)
            srcset = element.get("srcset")
            if not srcset:
                continue
            expected = (MIME_FORMAT[element.get("type")] if element.tag == "source"
                        else {"JPEG", "PNG"})
            largest = None
            for url, width in candidates(srcset):
                target = image_site.file_for(url, rel)
                assert target is not None and target.is_file(), (rel, url)
                with Image.open(target) as image:
                    assert image.format in (expected if isinstance(expected, set) else {expected})
                    assert image.width == width, (url, image.size)
                    largest = image.size
            w, h = int(element.get("width")), int(element.get("height"))
            assert abs(w / h - largest[0] / largest[1]) < 0.01, (rel, element.attrib)
            if element.tag == "img":
                pictures += 1
                picture = element.xpath("ancestor::picture")
                assert picture, (rel, element.attrib)
                types = [s.get("type") for s in picture[-1].iter("source")]
                assert types == ["image/avif", "image/webp"], (rel, types)
    assert pictures >= 6  # hero, inline and decorative; the Arabic hero; two logos


@SLOW
def test_the_phone_photo_page(image_site):
    """A 12 MP phone photo with GPS in the content: every image of its page weighs at most
    200 kB, carries no metadata, and stands upright (the EXIF orientation is applied)."""
    rel = "notizie/notizia-1/index.html"
    tree = image_site.tree(rel)
    hero = tree.xpath("//picture[contains(@class, 'rart-picture--hero')]")
    assert len(hero) == 1
    img = hero[0].xpath(".//img")[0]
    assert img.get("alt") == "Operatrici e ospiti intorno a un tavolo, in una sala luminosa"
    files = set()
    for element in tree.xpath("//main//img | //main//source"):
        for url, _ in candidates(element.get("srcset")):
            files.add(image_site.file_for(url, rel))
    assert len(files) >= 12
    for path in files:
        assert path.stat().st_size <= MAX_BYTES, path
        with Image.open(path) as image:
            assert not image.info.get("exif") and not len(image.getexif())
    with Image.open(image_site.file_for(img.get("src"), rel)) as fallback:
        assert fallback.height > fallback.width  # stored landscape, shown portrait


@SLOW
def test_main_image_is_fetched_first_the_others_lazily(image_site):
    for rel in ("notizie/notizia-1/index.html", "membri/alfa/index.html"):
        images = image_site.tree(rel).xpath("//main//picture//img")
        main = [i for i in images if i.get("fetchpriority") == "high"]
        assert len(main) == 1, rel
        assert main[0].get("loading") is None and main[0].get("decoding") is None
        for other in images:
            if other is not main[0]:
                assert other.get("loading") == "lazy" and other.get("decoding") == "async"


@SLOW
def test_alt_text_and_decorative_marker(image_site):
    alts = [img.get("alt") for img in
            image_site.tree("notizie/notizia-1/index.html").xpath("//main//picture//img")]
    assert "Un cortile con alberi e panchine" in alts
    assert "" in alts  # ![decorativa](…)
    assert "decorativa" not in alts
    arabic = image_site.tree("ar/notizie/notizia-1/index.html").xpath("//main//picture//img")
    assert arabic[0].get("alt") == "عاملات وضيوف حول طاولة في قاعة مضيئة"


@SLOW
def test_a_link_to_an_image_gets_a_clean_copy(image_site):
    rel = "notizie/notizia-1/index.html"
    link = image_site.tree(rel).xpath("//a[contains(., 'Scarica la foto')]")[0]
    target = image_site.file_for(link.get("href"), rel)
    with Image.open(target) as image:
        assert image.format == "JPEG" and not len(image.getexif())


@SLOW
def test_member_logo_keeps_its_transparency(image_site):
    for rel in ("membri/alfa/index.html", "ar/membri/alfa/index.html"):
        img = image_site.tree(rel).xpath("//main//picture[contains(@class, 'rart-picture--logo')]//img")
        assert len(img) == 1, rel
        assert img[0].get("alt") == "Ente Alfa s.c.s."
        with Image.open(image_site.file_for(img[0].get("src"), rel)) as logo:
            assert logo.format == "PNG" and logo.mode in ("RGBA", "P", "PA")


@SLOW
def test_share_card_of_a_page_with_a_photo(image_site):
    tree = image_site.tree("notizie/notizia-1/index.html")
    url = tree.xpath("//meta[@property='og:image']/@content")[0]
    with Image.open(image_site.file_for(url)) as card:
        assert card.size == (1200, 630) and card.format == "JPEG"
        assert not len(card.getexif())


@SLOW
def test_a_rebuild_encodes_nothing(image_build, image_site):
    result, _, content, settings, folder = image_build
    cache = folder / "cache"
    entries = ("manifest.json", "*-card.*")  # an image's folder, a share card's file
    before = {p: p.stat().st_mtime_ns for pattern in entries for p in cache.rglob(pattern)}
    assert any(p.name.endswith("-card.png") for p in before) and any(p.name == "manifest.json" for p in before)
    again = build(content, settings, folder / "again")
    assert again.returncode == 0, again.stdout + again.stderr
    after = {p: p.stat().st_mtime_ns for pattern in entries for p in cache.rglob(pattern)}
    assert after == before
    assert sorted(p.relative_to(folder / "again") for p in (folder / "again").rglob("*.avif")) == \
        sorted(p.relative_to(image_site.root) for p in image_site.root.rglob("*.avif"))


# --- what stops the build -------------------------------------------------------------------
def truncated_jpeg() -> bytes:
    return phone_jpeg(600, 400)[:3000]


def tga() -> bytes:
    buffer = io.BytesIO()
    photo(64, 48).save(buffer, "TGA")
    return buffer.getvalue()


BROKEN = {
    # case: (file name, bytes, Markdown to append, what the message must say)
    "not-an-image": ("rotta.jpg", b"this is a text file, not a photo\n" * 20,
                     "![Una foto rotta]({static}/immagini/rotta.jpg)", "non è un'immagine leggibile"),
    "truncated": ("tagliata.jpg", None, "![Una foto tagliata]({static}/immagini/tagliata.jpg)",
                  "danneggiata o incompleta"),
    "unsupported": ("grafico.tga", None, "![Un grafico]({static}/immagini/grafico.tga)",
                    "in formato TGA, che il sito non accetta"),
    "missing-file": (None, None, "![Una foto]({static}/immagini/non-esiste.jpg)",
                     "non-esiste.jpg» non esiste"),
    "empty-alt": ("foto.jpg", None, "![]({static}/immagini/foto.jpg)",
                  "non ha il testo alternativo"),
    "blank-alt": ("foto.jpg", None, "![ ]({static}/immagini/foto.jpg)",
                  "non ha il testo alternativo"),
}


@pytest.fixture
def wide_log(monkeypatch):
    """Pelican's log on one line per message, as wide as it needs (Rich wraps at COLUMNS)."""
    monkeypatch.setenv("COLUMNS", "1000")


def failing_build(tmp_path: Path, extra_settings: str = ""):
    content = fixture_copy(tmp_path)
    # The validator of content_checks would stop some of these first, before Pelican reads
    # anything; these builds prove what the images plugin does by itself.
    settings = settings_file(tmp_path, content, tmp_path / "cache",
                             "CONTENT_CHECKS_IN_PELICAN = False\n" + extra_settings)
    return content, settings


@SLOW
@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_image_stops_the_build_naming_file_and_line(wide_log, tmp_path, case):
    name, data, markdown, expected = BROKEN[case]
    content, settings = failing_build(tmp_path)
    if name:
        if data is None:
            make = {"tagliata.jpg": truncated_jpeg, "grafico.tga": tga}
            data = make.get(name, lambda: phone_jpeg(300, 200))()
        (content / "immagini" / name).write_bytes(data)
    line = append_body(content / "notizie" / "notizia-2.md", markdown + "\n")
    result = build(content, settings, tmp_path / "output")
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "Traceback" not in out
    flat = " ".join(out.split())
    assert expected in flat, flat
    assert f"content/notizie/notizia-2.md, riga {line}" in flat, flat
    if name:
        assert name in flat


@SLOW
def test_missing_image_alt_in_front_matter_names_the_line(wide_log, tmp_path):
    content, settings = failing_build(tmp_path)
    (content / "immagini" / "foto.jpg").write_bytes(phone_jpeg(300, 200))
    page = content / "pagine" / "obiettivi.md"
    add_front_matter(page, "Image: immagini/foto.jpg")
    line = front_matter_line(page.read_text(encoding="utf-8"), "image")
    result = build(content, settings, tmp_path / "output")
    flat = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert "Traceback" not in flat
    assert f"ERRORE content/pagine/obiettivi.md, riga {line}" in flat
    assert f"C'è un'immagine (Image alla riga {line}) ma manca il testo alternativo" in flat
    assert "Image_alt:" in flat


@SLOW
def test_a_very_large_source_gets_a_warning(wide_log, tmp_path):
    # The thresholds are lowered so a small photo crosses them; the tests' --fatal warnings
    # turns the warning into a stop, which shows it is one (and prints no traceback).
    content, settings = failing_build(tmp_path, "IMAGES_WARN_MEGAPIXELS = 0.1\n")
    (content / "immagini" / "grande.jpg").write_bytes(phone_jpeg(600, 400))
    append_body(content / "notizie" / "notizia-2.md",
                "![Una foto grande]({static}/immagini/grande.jpg)\n")
    result = build(content, settings, tmp_path / "output")
    flat = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0 and "Traceback" not in flat
    assert "AVVISO content/immagini/grande.jpg" in flat
    assert "L'immagine content/immagini/grande.jpg è molto grande" in flat
    assert "tienila sotto i 0.1 megapixel" in flat


# --- pure parts -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "alt, kind, text",
    [
        ("Persone al tavolo", "text", "Persone al tavolo"),
        ("  Persone   al tavolo ", "text", "Persone al tavolo"),
        ("decorativa", "decorative", ""),
        ("Decorativa", "decorative", ""),
        ("زخرفية", "decorative", ""),
        ("", "missing", ""),
        ("   ", "missing", ""),
        (None, "missing", ""),
    ],
)
def test_classify_alt(alt, kind, text):
    result = classify_alt(alt, ("decorativa", "decorative", "زخرفية"))
    assert (result.kind, result.text) == (kind, text)


def test_image_lines_follow_the_markdown_source():
    text = ("Title: X\nImage: immagini/a.jpg\n\nTesto.\n\n![Uno]({static}/immagini/a.jpg)\n\n"
            "<img src=\"/immagini/b.png\" alt=\"\">\n\n"
            "![Due](<{static}/immagini/con spazio.jpg> \"t\")\n"
            "![Tre]({static}/immagini/a.jpg)\n\n[ref]: {static}/immagini/c.webp\n")
    assert image_lines(text) == {
        "{static}/immagini/a.jpg": [6, 11],
        "/immagini/b.png": [8],
        "{static}/immagini/con spazio.jpg": [10],
        "{static}/immagini/c.webp": [13],
    }
    assert front_matter_line(text, "image") == 2
    assert front_matter_line(text, "image_alt") is None


def test_img_attributes_decode_entities():
    assert img_attributes('<img alt="Caff&egrave; &amp; pane" src="{static}/a%20b.jpg" />') == {
        "alt": "Caffè & pane", "src": "{static}/a%20b.jpg"}
    assert img_attributes("<img src=x.jpg>") == {"src": "x.jpg"}


def test_resolve_follows_pelican_and_refuses_what_it_cannot_publish(tmp_path):
    (tmp_path / "immagini").mkdir()
    (tmp_path / "immagini" / "a b.jpg").write_bytes(b"x")
    (tmp_path / "notizie").mkdir()
    (tmp_path / "notizie" / "vicina.png").write_bytes(b"x")
    (tmp_path.parent / "fuori.jpg").write_bytes(b"x")

    def exists(rel):
        return (tmp_path / rel).is_file()

    assert find_image("{static}/immagini/a%20b.jpg", "notizie", exists) == "immagini/a b.jpg"
    assert find_image("/immagini/a b.jpg", "notizie", exists) == "immagini/a b.jpg"
    assert find_image("{static}vicina.png", "notizie", exists) == "notizie/vicina.png"
    assert find_image("immagini/a b.jpg", "notizie", exists) == "immagini/a b.jpg"
    assert find_image("{static}/immagini/a b.jpg", "", exists, field=True) == "immagini/a b.jpg"
    assert is_external("https://example.org/x.jpg") and is_external(" //example.org/x.jpg")
    # Never a file outside content/, even one that exists.
    assert find_image("{static}/../fuori.jpg", "", exists) is None
    assert find_image("../../fuori.jpg", "notizie", exists) is None


@pytest.mark.parametrize(
    "size, widths, aspect, expected",
    [
        ((4000, 3000), (480, 800, 1200), None, [(480, 360), (800, 600), (1200, 900)]),
        ((600, 400), (480, 800, 1200), None, [(480, 320), (600, 400)]),  # never upscaled
        ((4000, 3000), (320, 640), (3, 2), [(320, 213), (640, 427)]),
        ((3000, 4000), (96, 192), (1, 1), [(96, 96), (192, 192)]),
        ((100, 100), (160, 320), None, [(100, 100)]),
    ],
)
def test_target_sizes(size, widths, aspect, expected):
    assert target_sizes(*size, widths, aspect) == expected


def test_crop_box_is_centred():
    assert crop_box(4000, 3000, (1, 1)) == (500, 0, 3500, 3000)
    assert crop_box(3000, 4000, (3, 2)) == (0, 1000, 3000, 3000)
    assert crop_box(10, 10, None) == (0, 0, 10, 10)


def test_build_picture_orders_sources_and_picks_the_fallback():
    manifest = {"fallback": "jpeg", "files": [
        {"format": f, "width": w, "height": w // 2, "file": f"{w}.{f}", "bytes": 1}
        for f in ("avif", "webp", "jpeg") for w in (1600, 480, 800)]}
    picture = build_picture(manifest, lambda v: f"/i/{v['file']}", "hero", "100vw", "Alt")
    assert [s.type for s in picture.sources] == ["image/avif", "image/webp"]
    assert picture.sources[0].srcset == "/i/480.avif 480w, /i/800.avif 800w, /i/1600.avif 1600w"
    assert picture.src == "/i/800.jpeg"  # the largest fallback up to 1200 px
    assert (picture.width, picture.height, picture.type) == (1600, 800, "image/jpeg")


def test_settings_are_validated_with_the_setting_named():
    import pelicanconf

    settings = {k: v for k, v in vars(pelicanconf).items() if k.isupper()}
    assert load_config(settings).max_bytes == MAX_BYTES
    bad_roles = {**settings["IMAGES_ROLES"], "card": {"widths": [], "aspect": None, "sizes": "1px"}}
    with pytest.raises(ImagesSettingsError, match=r"IMAGES_ROLES\['card'\]\['widths'\]"):
        load_config({**settings, "IMAGES_ROLES": bad_roles})
    with pytest.raises(ImagesSettingsError, match="IMAGES_CACHE_PATH"):
        # The cache may not live inside the output folder, which every build empties.
        load_config({**settings, "OUTPUT_PATH": "site", "IMAGES_CACHE_PATH": "site/cache"})


@SLOW
def test_pipeline_cache_key_follows_content_and_settings(tmp_path):
    import pelicanconf

    settings = {k: v for k, v in vars(pelicanconf).items() if k.isupper()}
    settings["IMAGES_CACHE_PATH"] = str(tmp_path / "cache")
    (tmp_path / "c").mkdir()
    Image.new("RGB", (50, 40), "red").save(tmp_path / "c" / "a.png")
    shutil.copy(tmp_path / "c" / "a.png", tmp_path / "c" / "copia.png")
    config = load_config(settings)
    pipeline = Pipeline(config, str(tmp_path / "c"), str(tmp_path / "out"))
    same = [pipeline.image(name, "inline", "x").key for name in ("a.png", "copia.png")]
    assert same[0] == same[1]  # same bytes, same settings: one encode
    assert pipeline.image("a.png", "logo", "x").key != same[0]
    assert pipeline.run() == [] and pipeline.encoded == 2
    other = load_config({**settings, "IMAGES_MAX_BYTES": 100_000})
    changed = Pipeline(other, str(tmp_path / "c"), str(tmp_path / "out"))
    assert changed.image("a.png", "inline", "x").key != same[0]
    again = Pipeline(config, str(tmp_path / "c"), str(tmp_path / "out2"))
    again.image("a.png", "inline", "x")
    assert again.run() == [] and again.encoded == 0
    assert (tmp_path / "out2" / "immagini").is_dir()


def test_the_warning_names_the_file_and_sizes(tmp_path):
    import pelicanconf

    settings = {k: v for k, v in vars(pelicanconf).items() if k.isupper()}
    settings.update(IMAGES_CACHE_PATH=str(tmp_path / "cache"), IMAGES_WARN_SOURCE_BYTES=1_000)
    Image.new("RGB", (64, 64), "blue").save(tmp_path / "blu.png")
    photo(300, 200).save(tmp_path / "rumore.png")
    pipeline = Pipeline(load_config(settings), str(tmp_path), str(tmp_path / "out"))
    pipeline.source("blu.png")
    pipeline.source("rumore.png")
    assert len(pipeline.warnings) == 1
    assert pipeline.warnings[0][0] == "image-very-large"
    assert pipeline.warnings[0][1]["file"] == f"{tmp_path.name}/rumore.png"


@SLOW
def test_output_urls_live_under_the_images_folder(image_site):
    for path in output_images(image_site):
        rel = image_site.rel(path)
        assert rel.startswith(("immagini/", "anteprime/")), rel
        assert urlsplit("/" + rel).path == "/" + rel  # nothing to escape


@SLOW
def test_listings_show_the_card_picture_and_pages_the_hero_first(image_site):
    # notizia-1 is on the last page of the paginated news list (two per page).
    card = image_site.tree("notizie/pagina/3/index.html").xpath(
        "//article[contains(@class,'rart-card--with-image')]")
    assert len(card) == 1
    img = card[0].xpath(".//picture//img")[0]
    assert img.get("loading") == "lazy" and img.get("alt").startswith("Operatrici")
    article = image_site.tree("notizie/notizia-1/index.html").xpath("//main//article")[0]
    first_picture = article.xpath(".//picture")[0]
    assert first_picture.getparent().tag == "article"  # under the header, not inside the text
    assert first_picture.xpath(".//img/@fetchpriority") == ["high"]


def test_cache_entries_are_whole_and_replace_stale_ones(tmp_path):
    """An image's entry (a folder) is stored into a cache folder that does not exist yet, in a two-letter folder
    made on the way; a stale entry under the same key (a file missing, another left over) is
    replaced whole; no staging folder stays behind."""
    cache = Cache(str(tmp_path / "missing" / "images"))
    key = "ab" + "0" * 62
    manifest = {"files": [{"file": "640.webp", "bytes": 3}]}
    assert cache.store(key, {"640.webp": b"web"}, manifest) == manifest
    assert cache.load(key) == manifest
    stale = Path(cache.folder(key))
    (stale / "640.webp").unlink()
    (stale / "left-over.webp").write_bytes(b"x")
    assert cache.load(key) is None
    cache.store(key, {"640.webp": b"WEB"}, manifest)
    assert cache.load(key) == manifest
    assert sorted(p.name for p in stale.iterdir()) == ["640.webp", MANIFEST]
    assert (stale / "640.webp").read_bytes() == b"WEB"
    assert sorted(p.name for p in (tmp_path / "missing" / "images").iterdir()) == ["ab"]


def test_a_card_entry_is_one_file_written_whole(tmp_path, monkeypatch):
    """A share card is kept as one file, made in a folder that does not exist yet, replaced
    whole; a write that fails leaves neither the entry nor a temporary file."""
    cache = Cache(str(tmp_path / "images"))
    key = "cd" + "1" * 62
    assert cache.file_size(key, "card.png") is None
    cache.store_file(key, "card.png", b"first")
    cache.store_file(key, "card.png", b"second")
    assert cache.file_size(key, "card.png") == 6
    assert Path(cache.file_path(key, "card.png")).read_bytes() == b"second"
    assert [p.name for p in (tmp_path / "images" / "cd").iterdir()] == [f"{key}-card.png"]

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("plugins.images.cache.os.replace", full)
    with pytest.raises(OSError):
        cache.store_file("ef" + "2" * 62, "card.png", b"data")
    assert list((tmp_path / "images" / "ef").iterdir()) == []
