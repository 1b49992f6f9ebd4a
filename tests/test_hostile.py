"""Hostile content (tests/hostile/cases.toml, issue 13): nothing an editor's file contains can
attack a reader, leak a file or hang the build.

Two guarantees, tested separately so that each can fail on its own:
- the sanitiser and the templates: every case is built into one copy of the fixture site with
  the validator switched OFF (as if it had missed everything), and every page and feed of the
  result is parsed with lxml and found inert (no script of its own, no event handler, no
  dangerous URL, no element loading anything from another host, no bidi override, no canary);
- the validator: each case with a `line` is refused with an Italian message naming the file
  and the line, and no traceback, so that editors learn what the site removes.
The browser sweep of the same build served without any header (as GitHub Pages serves it) is
in test_hostile_browser.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from conftest import FIXTURE, ROOT
from lxml import etree
from lxml import html as lxml_html
from test_validation import check

from rart.htmlpolicy import BIDI_CONTROLS, url_scheme

HOSTILE = Path(__file__).resolve().parent / "hostile"
CASES = tomllib.loads((HOSTILE / "cases.toml").read_text(encoding="utf-8"))["case"]
NEWS_HEADER = "Title: Caso ostile\nDate: 2024-01-01\nCategory: Prova\nSummary: Un caso di prova.\n\n"
# Written in files outside content/ that a symbolic link points to: must appear in no output.
CANARY = "CANARY-9f1c2e-segreto"
# Elements the site's own templates write and content may not (checked by the rules below).
NEVER = {"iframe", "object", "embed", "form", "input", "button", "textarea", "select", "style",
         "base", "svg", "math", "video", "audio", "image", "frame", "frameset", "applet",
         "marquee", "template", "noscript", "portal", "canvas", "track"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "background", "ping",
                  "cite", "longdesc", "xlink:href", "srcset", "content"}
LOADING_ATTRIBUTES = {"src", "srcset", "poster", "data", "background"}
OWN_SCRIPTS = ("/theme/", "/pagefind/")


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _deep_list() -> str:
    return NEWS_HEADER + "".join("    " * i + "- livello\n" for i in range(600))


GENERATED = {
    "deep-list": _deep_list,
    "brackets": lambda: NEWS_HEADER + "[" * 5000 + "\n",
    "backticks": lambda: NEWS_HEADER + "a" + "`" * 4000 + "\n",
    "long-title": lambda: "Title: " + "parola " * 7000 + "\nDate: 2024-01-01\nCategory: Prova\n"
                          "Summary: Un caso.\n\nTesto.\n",
}


def case_path(case: dict) -> str:
    return case.get("path") or f"notizie/{slug(case['name'])}.md"


def case_text(case: dict) -> str:
    if "generate" in case:
        return GENERATED[case["generate"]]()
    if "body" in case:
        return NEWS_HEADER + case["body"]
    return case["text"]


def add_case(content: Path, case: dict) -> None:
    target = content / case_path(case)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(case_text(case), encoding="utf-8")


def add_symlinks(content: Path, outside: Path) -> None:
    """Links in content/ to a file and a folder outside it, each holding the canary."""
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "segreto.md").write_text(NEWS_HEADER + CANARY + "\n", encoding="utf-8")
    (outside / "segreto.txt").write_text(CANARY + "\n", encoding="utf-8")
    (outside / ".ssh").mkdir(exist_ok=True)
    (outside / ".ssh" / "id_rsa").write_text(CANARY + "\n", encoding="utf-8")
    os.symlink(outside / "segreto.md", content / "notizie" / "collegata.md")
    os.symlink(outside / "segreto.txt", content / "materiali" / "passwd.txt")
    os.symlink(outside, content / "materiali" / "cartella")


JPEG = (Path(__file__).resolve().parent / "broken" / "files" / "foto.jpg").read_bytes()
# Downloads an editor may drop in content/materiali/: (name, bytes, fragment of the message).
MATERIALS = [
    ("pagina.html", b"<!doctype html><script>alert(1)</script>", "il browser li eseguirebbe"),
    ("disegno.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "il browser li eseguirebbe"),
    ("codice.js", b"alert(1)", "il browser li eseguirebbe"),
    (".env", f"SECRET={CANARY}\n".encode(), "file nascosto"),
    ("foto.jfif", JPEG, "non possono essere scaricati"),
    ("foto.jpg.pdf", JPEG, "non ha il nome"),
    ("finta.pdf", JPEG, "il suo contenuto è image/jpeg"),
    ("\u202efdp.exe", b"MZ", "non ha il nome"),
    ("-opzione.pdf", b"%PDF-1.4", "non ha il nome"),
    ("con spazi.pdf", b"%PDF-1.4", "non ha il nome"),
    ("pagina.txt", b"<html><body><script>alert(1)</script>", "non è testo semplice"),
    ("vuoto.pdf", b"", "il file è vuoto"),
    # A web page behind a PDF header: its magic bytes say PDF; only opening it tells.
    ("ibrido.pdf", b"%PDF-1.4\n<!doctype html><script>alert(1)</script>\n", "non si riesce ad aprire"),
]


def add_materials(content: Path) -> None:
    for name, data, _ in MATERIALS:
        (content / "materiali" / name).write_bytes(data)
    # The fixture's leaflet as a volunteer's Word would export it: author, producer, XMP.
    shutil.copyfile(HOSTILE / "volantino-autore.pdf", content / "materiali" / "volantino.pdf")
    (content / "materiali" / "volantino-foto.pdf").write_bytes(pdf_with_a_phone_photo())


TURIN = (45.0, 4.0, 12.5)  # the latitude the phone recorded


def phone_photo() -> bytes:
    """A JPEG as a phone writes it: EXIF with the camera, the time and GPS coordinates."""
    import io

    from PIL import Image

    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Fotofonino", "Modello 12"  # Make, Model
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", TURIN, "E", (7.0, 40.0, 30.0)
    buffer = io.BytesIO()
    Image.new("RGB", (96, 64), (179, 38, 30)).save(buffer, "JPEG", quality=90, exif=exif,
                                                   comment=CANARY.encode())
    return buffer.getvalue()


def pdf_with_a_phone_photo() -> bytes:
    """A one-page PDF showing that photo, its JPEG bytes embedded as they are (DCTDecode), as
    Word and most PDF writers embed a photo."""
    import io

    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 150))
    image = pikepdf.Stream(pdf, phone_photo())
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height, image.BitsPerComponent = 96, 64, 8
    image.ColorSpace, image.Filter = pikepdf.Name.DeviceRGB, pikepdf.Name.DCTDecode
    page = pdf.pages[0]
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.Contents = pdf.make_stream(b"q 192 0 0 128 4 11 cm /Im0 Do Q")
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def jpegs_in(data: bytes) -> list[bytes]:
    """The raw bytes of every JPEG image in a PDF."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [obj.read_raw_bytes() for obj in pdf.objects
                if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == pikepdf.Name.Image
                and obj.get("/Filter") == pikepdf.Name.DCTDecode]


def test_the_corpus_has_at_least_60_cases_with_distinct_names():
    assert len(CASES) >= 60
    assert len({case["name"] for case in CASES}) == len(CASES)
    assert len({case_path(case) for case in CASES}) == len(CASES)


# --- The sanitiser and the templates, without the validator ---------------------------------

@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory):
    """Every case in one copy of the fixture site, built by Pelican with the validator off."""
    root = tmp_path_factory.mktemp("hostile")
    content = root / "content"
    shutil.copytree(FIXTURE / "content", content)
    for case in CASES:
        add_case(content, case)
    add_symlinks(content, root / "fuori")
    add_materials(content)
    output = root / "output"
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(output),
         "-s", str(FIXTURE / "fixtureconf.py"), "-e", "CONTENT_CHECKS_IN_PELICAN=false"],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"},
        timeout=600,
    )
    return result, output, time.monotonic() - started


def test_the_hostile_site_builds_without_a_traceback(hostile_build):
    result, output, _ = hostile_build
    log = result.stdout + result.stderr
    assert "Traceback" not in log, log[-3000:]
    assert (output / "index.html").is_file(), log[-3000:]


def _problems(tree, rel: str) -> list[str]:
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in NEVER:
            found.append(f"{rel}: <{tag}>")
        if tag == "script":
            src = element.get("src") or ""
            if (element.text or "").strip() and element.get("type") != "application/ld+json":
                found.append(f"{rel}: inline <script>")
            if src and not src.startswith(OWN_SCRIPTS):
                found.append(f"{rel}: <script src={src}>")
        if (tag == "link" and (element.get("rel") or "") in ("stylesheet", "preload", "modulepreload")
                and not (element.get("href") or "").startswith("/theme/")):
            found.append(f"{rel}: <link {element.get('rel')} {element.get('href')}>")
        if tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            found.append(f"{rel}: meta refresh")
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on") or name in ("style", "srcdoc", "ping", "formaction"):
                found.append(f"{rel}: <{tag} {name}>")
            if name in URL_ATTRIBUTES and name != "content":
                for url in (value.split(",") if name == "srcset" else [value]):
                    url = url.strip().split(" ")[0] if name == "srcset" else url
                    if url_scheme(url) in ("javascript", "vbscript", "data", "file"):
                        found.append(f"{rel}: <{tag} {name}={url[:40]}>")
                    if name in LOADING_ATTRIBUTES and tag != "a" and (
                            url_scheme(url) or url.startswith("//") or "\\" in url):
                        found.append(f"{rel}: <{tag} {name}={url[:60]}> loads from another host")
    return found


def _texts(output: Path):
    for path in sorted(output.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".ics", ".md"):
            yield path, path.read_text(encoding="utf-8", errors="replace")


def _own_redirect(tree, rel: str, output: Path) -> bool:
    """A redirect page the build wrote (plugins/redirects): listed in _redirects, with one
    meta refresh to a page of this site that exists. Content can never make one."""
    rules = (output / "_redirects").read_text(encoding="utf-8").split("\n")
    source = "/" + (rel.removesuffix("index.html") if rel.endswith("/index.html") else rel)
    refreshes = tree.xpath("//meta[translate(@http-equiv, 'REFSH', 'refsh')='refresh']/@content")
    if len(refreshes) != 1 or not any(line.startswith(source + " ") for line in rules):
        return False
    delay, _, target = refreshes[0].partition("; url=")
    if delay != "0" or not target.startswith("/") or target.startswith("//"):
        return False
    path = output / target.lstrip("/")
    return (path / "index.html").is_file() if target.endswith("/") else path.is_file()


def test_every_page_is_inert(hostile_build):
    _, output, _ = hostile_build
    pages = sorted(output.rglob("*.html"))
    assert len(pages) > 60
    problems = []
    redirects = 0
    for page in pages:
        rel = page.relative_to(output).as_posix()
        tree = lxml_html.fromstring(page.read_bytes())
        found = _problems(tree, rel)
        if found == [f"{rel}: meta refresh"] and _own_redirect(tree, rel, output):
            redirects += 1
            continue
        problems += found
    assert problems == [], "\n".join(problems[:40])
    assert redirects > 0  # the exception above is exercised


def test_every_feed_entry_is_inert(hostile_build):
    """Feed readers render an entry's HTML: it is sanitised like the page."""
    _, output, _ = hostile_build
    feeds = sorted(output.rglob("*.xml"))
    assert feeds
    problems = []
    for feed in feeds:
        rel = feed.relative_to(output).as_posix()
        tree = etree.parse(str(feed))
        for node in tree.iter("{*}content", "{*}summary", "{*}description"):
            if node.text and node.text.strip():
                fragment = lxml_html.fragment_fromstring(node.text, create_parent="div")
                problems += _problems(fragment, rel)
    assert problems == [], "\n".join(problems[:40])


def test_no_bidi_override_and_no_canary_in_any_output_file(hostile_build):
    """Bidi controls never reach titles, og:title or JSON-LD; no file from outside content/
    (followed through a symbolic link) is published, nor read into a page."""
    _, output, _ = hostile_build
    found = []
    for path, text in _texts(output):
        rel = path.relative_to(output).as_posix()
        if CANARY in text:
            found.append(f"{rel}: the canary of a file outside content/")
        controls = sorted({f"U+{ord(c):04X}" for c in text if c in BIDI_CONTROLS})
        if controls:
            found.append(f"{rel}: {', '.join(controls)}")
    names = [p.relative_to(output).as_posix() for p in output.rglob("*")]
    found += [f"published: {n}" for n in names if "passwd" in n or "cartella" in n or ".ssh" in n]
    assert found == [], "\n".join(found[:40])


def test_attribute_values_are_escaped_once(hostile_build):
    """A quote in a field cannot end an attribute: the href of a link that broke out is gone
    (the field is not a link readers may follow), and no attribute holds alert(1) as code."""
    _, output, _ = hostile_build
    page = output / "membri" / "sito" / "index.html"
    assert page.is_file()
    tree = lxml_html.fromstring(page.read_bytes())
    assert not [e for e in tree.iter() if isinstance(e.tag, str) and e.get("onmouseover")]
    title = tree.findtext(".//title")
    assert "<" not in title or "&lt;" not in title


# --- The validator ----------------------------------------------------------------------------

REFUSED = [case for case in CASES if "line" in case]


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", target)
    return target


@pytest.mark.parametrize("case", REFUSED, ids=[case["name"] for case in REFUSED])
def test_the_validator_refuses_with_file_and_line(case, content):
    add_case(content, case)
    status, output = check(content)
    assert status == 1, output
    assert "Traceback" not in output
    shown = f"content/{case_path(case)}"
    assert f"ERRORE {shown}, riga {case['line']}\n" in output, output
    for fragment in case["expect"]:
        assert fragment.casefold() in output.casefold(), output
    errors = [line for line in output.splitlines() if line.startswith("ERRORE ")]
    assert all(line.startswith(f"ERRORE {shown}") for line in errors), output


ACCEPTED = [case for case in CASES if "line" not in case]


@pytest.mark.parametrize("case", ACCEPTED, ids=[case["name"] for case in ACCEPTED])
def test_what_only_looks_like_code_is_accepted_and_removed_html_is_a_warning(case, content):
    add_case(content, case)
    status, output = check(content)
    assert status == 0, output
    if "warning" in case:
        assert f"AVVISO content/{case_path(case)}, riga {case['warning']}\n" in output, output


def test_symbolic_links_out_of_content_are_refused(content, tmp_path):
    add_symlinks(content, tmp_path / "fuori")
    status, output = check(content)
    assert status == 1, output
    assert "Traceback" not in output and CANARY not in output
    for rel in ("notizie/collegata.md", "materiali/passwd.txt", "materiali/cartella"):
        assert f"ERRORE content/{rel}" in output, output
    assert "fuori dalla cartella dei contenuti" in output


def test_a_symbolic_link_inside_content_is_fine(content):
    os.symlink(content / "materiali" / "volantino.pdf", content / "materiali" / "copia.pdf")
    status, output = check(content)
    assert status == 0, output


@pytest.mark.parametrize("address", ["theme", "pagefind", "anteprime", "immagini", "materiali", "admin", "c", "stampa"])
def test_reserved_addresses_are_refused_naming_the_new_file(content, address):
    (content / "pagine" / f"{address}.md").write_text("Title: Pagina\nSummary: Una pagina.\n\nTesto.\n",
                                                     encoding="utf-8")
    status, output = check(content)
    assert status == 1, output
    assert f"ERRORE content/pagine/{address}.md" in output, output
    assert f"/{address}/" in output


def test_a_page_named_like_a_language_is_the_new_file_s_conflict(content):
    """pagine/en.md claims /en/, the English home page: the message names the new file."""
    (content / "pagine" / "en.md").write_text("Title: Inglese\nSummary: Una pagina.\n\nTesto.\n",
                                              encoding="utf-8")
    status, output = check(content)
    assert status == 1, output
    errors = [line for line in output.splitlines() if line.startswith("ERRORE ")]
    assert errors and all(line.startswith("ERRORE content/pagine/en.md") for line in errors), output


# --- Downloads are processed, not copied --------------------------------------------------------

def test_only_clean_downloads_are_published(hostile_build):
    """Nothing a browser would run, no hidden file, nothing judged by its name alone; the PDF
    is published without its author, producer or XMP."""
    import pikepdf

    _, output, _ = hostile_build
    # The materials library's pages (plugins/library) live at /materiali/ too: they are the
    # build's own (its template), and nothing else is HTML.
    library = [p for p in (output / "materiali").rglob("index.html")]
    assert library and all(b'class="rart-library"' in p.read_bytes() for p in library)
    published = sorted(p.relative_to(output / "materiali").as_posix()
                       for p in (output / "materiali").rglob("*") if p.is_file() and p not in library)
    assert published == ["volantino-foto.pdf", "volantino.pdf"]
    data = (output / "materiali" / "volantino.pdf").read_bytes()
    assert b"CANARY" not in data and b"mario" not in data
    with pikepdf.open(output / "materiali" / "volantino.pdf") as pdf:
        assert "/Info" not in pdf.trailer or not dict(pdf.docinfo)
        assert "/Metadata" not in pdf.Root


def test_a_phone_photo_inside_an_editors_pdf_loses_its_gps(hostile_build):
    """The photo inside content/materiali/volantino-foto.pdf carries GPS coordinates, the
    camera and a comment; the published PDF shows the same picture without any of them."""
    import io

    from PIL import Image

    _, output, _ = hostile_build
    source = jpegs_in(pdf_with_a_phone_photo())
    with Image.open(io.BytesIO(source[0])) as image:  # the test can fail: the source has GPS
        assert image.getexif().get_ifd(0x8825)[2] == TURIN
    published = (output / "materiali" / "volantino-foto.pdf").read_bytes()
    images = jpegs_in(published)
    assert len(images) == 1
    for raw in images:
        assert b"Exif\x00\x00" not in raw and b"Fotofonino" not in raw and CANARY.encode() not in raw
        with Image.open(io.BytesIO(raw)) as image:
            assert image.size == (96, 64)
            assert not image.getexif() and not image.getexif().get_ifd(0x8825)
            assert "exif" not in image.info and "comment" not in image.info
            image.load()  # still a picture
    assert b"Fotofonino" not in published and CANARY.encode() not in published


@pytest.mark.parametrize("material", MATERIALS, ids=[m[0] for m in MATERIALS])
def test_the_validator_refuses_a_download_by_its_bytes_and_name(material, content):
    name, data, fragment = material
    (content / "materiali" / name).write_bytes(data)
    status, output = check(content)
    assert status == 1, output
    assert f"ERRORE content/materiali/{name}" in output, output
    assert fragment.casefold() in output.casefold(), output
    assert CANARY not in output


# --- In Chromium, served as GitHub Pages serves it ----------------------------------------------

# Runs before the page's own code: records what would have run, and every dialog.
RECORDER_JS = """window.__ran = [];
document.addEventListener('securitypolicyviolation',
  e => window.__ran.push(e.violatedDirective + ' ' + (e.blockedURI || e.sample || '')));"""
# Blocks nothing (report-only): reports every inline script, event handler and javascript: URL
# that runs, and every load from another origin.
REPORT_ONLY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"
META_CSP = re.compile(rb'<meta http-equiv="Content-Security-Policy"[^>]*>')


@pytest.mark.browser
@pytest.mark.slow
def test_nothing_injected_runs_or_calls_out_in_chromium_without_any_policy(hostile_build, browser):
    """Every page and feed of the hostile build, served with NO header (as GitHub Pages serves
    it) and, stricter still, with the page's own <meta> policy removed: 0 dialogs, 0 inline
    scripts or handlers run (a report-only policy would report them), 0 requests to another
    origin. With the policy removed, only the sanitiser and the templates stand in the way."""
    from browser import SiteServer

    _, output, _ = hostile_build
    server = SiteServer(output, with_headers=False)
    pages = [p.relative_to(output).as_posix() for p in sorted(output.rglob("*.html"))]
    dialogs, ran, foreign, stripped = [], [], [], []
    context = browser.new_context()
    context.add_init_script(RECORDER_JS)

    def handle(route):
        response = route.fetch()
        body = response.body()
        headers = dict(response.headers)
        if "text/html" in headers.get("content-type", ""):
            body, count = META_CSP.subn(b"", body)
            stripped.append(count)
            headers["content-security-policy-report-only"] = REPORT_ONLY
        route.fulfill(status=response.status, headers=headers, body=body)

    try:
        page = context.new_page()
        page.route(f"{server.origin}/**", handle)
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        page.on("request", lambda request: None if request.url.startswith(server.origin + "/")
                else foreign.append(f"{page.url}: {request.url}"))
        for rel in pages:
            page.goto(server.url(rel), wait_until="load")
            page.hover("body")
            ran += [f"{rel}: {entry}" for entry in page.evaluate("window.__ran")]
    finally:
        context.close()
        server.close()
    assert len(pages) > 60 and sum(stripped) >= len(pages) - 5  # the policy really was removed
    assert dialogs == [], dialogs[:20]
    assert ran == [], ran[:20]
    assert foreign == [], foreign[:20]


def _zip(parts: dict[str, str]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOCX = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
    '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
    "</Types>",
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>'
    "</Relationships>",
    "docProps/core.xml": '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>CANARY-AUTHOR Mario Rossi</dc:creator>'
    "<cp:lastModifiedBy>CANARY-AUTHOR</cp:lastModifiedBy></cp:coreProperties>",
    "docProps/custom.xml": '<?xml version="1.0"?><Properties><property name="x"><vt>CANARY-CUSTOM</vt></property></Properties>',
    "word/_rels/document.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>'
    '<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
    'Target="file:///C:/Users/CANARY-PATH/Normal.dotm" TargetMode="External"/>'
    "</Relationships>",
    "word/document.xml": f'<?xml version="1.0"?><w:document {W_NS}><w:body><w:p><w:r><w:t>Testo visibile</w:t></w:r>'
    '<w:ins w:id="1" w:author="CANARY-AUTHOR" w:date="2024-01-01T00:00:00Z"><w:r><w:t> aggiunto</w:t></w:r></w:ins>'
    '<w:del w:id="2" w:author="CANARY-AUTHOR"><w:r><w:delText>CANARY-DELETED</w:delText></w:r></w:del>'
    "</w:p></w:body></w:document>",
    "word/comments.xml": f'<?xml version="1.0"?><w:comments {W_NS}><w:comment w:id="0" w:author="CANARY-AUTHOR">'
    "<w:p><w:r><w:t>CANARY-COMMENT</w:t></w:r></w:p></w:comment></w:comments>",
}
ODT = {
    "mimetype": "application/vnd.oasis.opendocument.text",
    "META-INF/manifest.xml": '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="Thumbnails/thumbnail.png" manifest:media-type="image/png"/>'
    "</manifest:manifest>",
    "meta.xml": '<?xml version="1.0"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta><meta:initial-creator>CANARY-AUTHOR</meta:initial-creator>'
    '<meta:user-defined meta:name="x">CANARY-CUSTOM</meta:user-defined></office:meta></office:document-meta>',
    "content.xml": '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:body><office:text>'
    "<text:p>Testo visibile<office:annotation><dc:creator>CANARY-AUTHOR</dc:creator><text:p>CANARY-COMMENT</text:p>"
    "</office:annotation> dopo la nota</text:p></office:text></office:body></office:document-content>",
    "Thumbnails/thumbnail.png": "CANARY-THUMBNAIL",
}


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_office_files_lose_authors_comments_paths_and_deleted_text(kind):
    """The stdlib rewrite (plugins/materials/office.py): no canary left, the visible text kept,
    every remaining relationship or manifest entry points to a part that exists, and the same
    file gives the same bytes."""
    import io
    import zipfile

    from plugins.materials.office import clean_office

    data = _zip(DOCX if kind == "docx" else ODT)
    cleaned = clean_office(data, kind)
    assert cleaned == clean_office(data, kind)
    with zipfile.ZipFile(io.BytesIO(cleaned)) as archive:
        names = archive.namelist()
        everything = b"".join(archive.read(name) for name in names)
        assert b"CANARY" not in everything, [n for n in names if b"CANARY" in archive.read(n)]
        assert b"Testo visibile" in everything
        if kind == "odt":
            assert names[0] == "mimetype" and archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
            assert b"dopo la nota" in everything
        else:
            assert b"aggiunto" in everything  # a tracked insertion is accepted
            rels = archive.read("word/_rels/document.xml.rels") if "word/_rels/document.xml.rels" in names else b""
            for target in re.findall(rb'Target="([^"]+)"', rels):
                assert "word/" + target.decode() in names
