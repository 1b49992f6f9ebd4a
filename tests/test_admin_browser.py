"""The browser editor at /admin/, in Chromium: a volunteer writes a news item and its English
translation in the form, and the files on disk are what `make new` and `make translate` would
have written; the validator accepts them and the site shows both pages, linked to each other.
An item with a required field left empty is refused. Nothing leaves 127.0.0.1.

The editor runs from a build of a temporary copy of the project's content, served with the
headers of output/_headers, in its local mode (tests/editor.py explains the one stand-in: the
directory dialog). The screenshots (tests/artifacts/editor/) illustrate docs/EDITING.md, part 1:
`make guide-images` copies them into docs/guida/.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT
from editor import KNOWN_BLOCKED, PICKER_JS, dump, fill, form, is_local, reveal, type_body, write_back
from lxml import html

from rart_tools.build import read_settings
from rart_tools.scaffold import new_item, translation_stub

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = ROOT / "tests" / "artifacts" / "editor"
BUNDLE = ROOT / "admin" / "dist" / "entry.js"
# An example, as the guide shows it: accents and an apostrophe, as Italian titles have.
TITLE = "Notizia di prova: com'è fatta una notizia"
SUMMARY = "Un esempio per la guida: qui va una frase che riassume la notizia."
BODY = "Qui va il testo della notizia."
EN = {"Title": "Test item: what a news item looks like",
      "Summary": "An example for the guide: a sentence that sums up the item goes here.",
      "Category": "Institutions"}
EN_BODY = "The text of the news item goes here."
CSP_JS = """window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.blockedURI));"""


def tools(*args: str) -> subprocess.CompletedProcess:
    """`python -m rart_tools …` in its own process, as make runs it."""
    return subprocess.run([sys.executable, "-m", "rart_tools", *args], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "PYTHONHASHSEED": "0"})


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A temporary copy of the project's content, built with /admin/ and served on 127.0.0.1."""
    from browser import SiteServer

    if not BUNDLE.is_file():
        pytest.skip("the editor is not bundled: make test runs make admin first")
    root = tmp_path_factory.mktemp("editor") / "sito"
    shutil.copytree(ROOT / "content", root / "content")
    built = tools("build", "--content", str(root / "content"), "-o", str(root / "output"),
                  "-s", str(ROOT / "pelicanconf.py"))
    assert built.returncode == 0, built.stdout + built.stderr
    assert (root / "output" / "admin" / "index.html").is_file()
    server = SiteServer(root / "output")
    yield root, server
    server.close()


@pytest.fixture
def session(browser, project):
    """A browser context on the editor: every request that is not for 127.0.0.1 is stopped
    and recorded, and so is every request the page's policy blocks."""
    root, server = project
    outside: list[str] = []
    console: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if is_local(url):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort("blockedbyclient")

    def open_editor(locale: str = "it-IT"):
        context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 800})
        context.route("**/*", route)
        context.add_init_script(PICKER_JS)
        context.add_init_script(CSP_JS)
        page = context.new_page()
        page.on("console", lambda message: message.type in ("warning", "error") and console.append(message.text))
        page.goto(server.url("404.html"))  # same origin: its private folder
        fill(page, root)
        before = dump(page)
        page.goto(server.url("admin/"))
        return context, page, before

    yield root, server, open_editor, outside
    assert outside == [], "requests left 127.0.0.1"
    # The editor says so when the generated configuration has an option it does not know
    # (after an upgrade renames one, say): that option would be silently ignored.
    assert [m for m in console if "configuration" in m.lower() or "configurazione" in m.lower()] == []


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def blocked(page) -> list[str]:
    """What the page's policy blocked that is not on the known list."""
    return [url for url in page.evaluate("window.__csp") if not url.startswith(KNOWN_BLOCKED)
            and url not in ("inline", "eval")]


def replaced(text: str, values: dict[str, str], body: str) -> str:
    """`text` (as make new or make translate writes it) with these fields and the body filled
    in, the way the volunteer fills them in the form."""
    head, _, _ = text.partition("\n\n")
    lines = []
    for line in head.split("\n"):
        name = line.split(":", 1)[0]
        lines.append(f"{name}: {values[name]}" if name in values else line)
    return "\n".join(lines) + "\n\n" + body + "\n"


def test_a_news_item_and_its_translation_written_in_the_editor(session):
    root, server, open_editor, outside = session
    context, page, before = open_editor()
    sign_in = page.get_by_role("button", name="Lavora con Repository Locale")
    sign_in.wait_for()
    assert page.evaluate("document.documentElement.lang") == "it"
    shot(page, "01-accesso.png")
    sign_in.click()
    page.get_by_role("button", name="Crea Nuova Voce").wait_for()
    shot(page, "02-elenco.png")

    page.get_by_role("button", name="Crea Nuova Voce").click()
    italian = form(page, "Italiano")
    italian.get_by_role("textbox", name="Titolo").fill(TITLE)
    italian.get_by_role("textbox", name="Riassunto").fill(SUMMARY)
    preview = page.frame_locator("iframe").first
    assert preview.locator("h1").inner_text() == TITLE  # the preview follows the form
    shot(page, "03-nuova-notizia.png")
    type_body(page, italian, BODY)
    styles = page.frames[-1].evaluate("[...document.styleSheets].map(s => s.href || '')")
    assert any(re.search(r"/theme/css/main\.\w+\.css$", href) for href in styles)

    page.get_by_role("radio", name="Inglese (disabilitato)").first.click()
    page.get_by_role("button", name="Abilita ⁨Inglese⁩").click()
    english = form(page, "Inglese")
    for label, field in (("Titolo", "Title"), ("Riassunto", "Summary"), ("Categoria", "Category")):
        english.get_by_role("textbox", name=label).fill(EN[field])
    type_body(page, english, EN_BODY)
    english.get_by_role("textbox", name="Titolo").scroll_into_view_if_needed()
    shot(page, "04-traduzione.png")

    page.get_by_role("button", name="Salva").click()
    page.get_by_text("Voce salvata").wait_for()
    page.get_by_role("row", name=TITLE).wait_for()  # back to the list, the new item in it
    shot(page, "05-salvata.png")
    after = dump(page)
    assert blocked(page) == []
    context.close()

    content = root / "content"
    settings = read_settings(ROOT / "pelicanconf.py", {"PATH": str(content)})
    changed = write_back(root, before, after)
    path, expected_it = None, ""
    # `make new` for the same title, on the same day as the editor's date (its browser's day).
    for days in (0, -1, 1):
        day = dt.date.today() + dt.timedelta(days=days)
        candidate, text = new_item("news", TITLE, ROOT / "content", settings, today=day)
        if f"Date: {day.isoformat()}" in after.get(f"content/notizie/{candidate.name}", b"").decode():
            path, expected_it = candidate, text
    assert path is not None, changed
    key = path.stem
    assert changed == [f"content/notizie/{key}.en.md", f"content/notizie/{key}.md"]
    written_it = (content / "notizie" / f"{key}.md").read_text(encoding="utf-8")
    assert written_it == replaced(expected_it, {"Summary": SUMMARY}, BODY)

    translation = content / "notizie" / f"{key}.en.md"
    written_en = translation.read_text(encoding="utf-8")
    translation.unlink()  # `make translate` never overwrites: ask it with the file not there
    _, stub = translation_stub(content / "notizie" / f"{key}.md", "en", content, settings)
    translation.write_text(written_en, encoding="utf-8")
    assert written_en == replaced(stub, EN, EN_BODY)

    # The safe build checks every file first, as make html does, and stops on any error.
    built = tools("build", "--content", str(content), "-o", str(root / "output"),
                  "-s", str(ROOT / "pelicanconf.py"))
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Controllo dei contenuti: nessun errore" in built.stdout
    pages = {lang: root / "output" / prefix / "notizie" / key / "index.html"
             for lang, prefix in (("it", ""), ("en", "en"))}
    links = {}
    for lang, page_file in pages.items():
        tree = html.fromstring(page_file.read_bytes())
        assert tree.get("lang") == lang
        assert tree.xpath("string(//h1)").strip() == (TITLE if lang == "it" else EN["Title"])
        links[lang] = {a.get("hreflang"): a.get("href")
                       for a in tree.xpath("//head/link[@rel='alternate'][@hreflang]")}
    assert links["it"]["en"].endswith(f"/en/notizie/{key}/")
    assert links["en"]["it"].endswith(f"/notizie/{key}/") and links["it"] == links["en"]


def test_the_editor_refuses_an_item_without_its_summary_or_alt_text(session, tmp_path):
    """A required field left empty, and a photo without its alt text nor whether people are
    in it: the editor names all three and writes nothing. Also: the interface is Italian in an English browser, and Arabic is
    edited right to left with a right-to-left preview."""
    from PIL import Image

    photo = tmp_path / "foto-di-prova.jpg"
    Image.new("RGB", (800, 600), (180, 120, 60)).save(photo, quality=80)
    root, server, open_editor, outside = session
    context, page, before = open_editor(locale="en-US")
    page.get_by_role("button", name="Lavora con Repository Locale").click()
    assert page.evaluate("document.documentElement.lang") == "it"

    # An existing news item, by the title its file has today (editors rewrite titles).
    existing = re.search(r"^Title: (.+)$", (ROOT / "content" / "notizie" / "nasce-la-rart.md")
                         .read_text(encoding="utf-8"), re.M).group(1)
    page.get_by_role("row", name=existing).click()
    page.get_by_role("radio", name="Arabo").first.click()
    title = form(page, "Arabo").get_by_role("textbox", name="Titolo")
    assert title.evaluate("e => [e.dir, e.lang, getComputedStyle(e).direction]") == ["rtl", "ar", "rtl"]
    main = page.frame_locator("iframe").first.locator("main")
    assert (main.get_attribute("lang"), main.get_attribute("dir")) == ("ar", "rtl")
    shot(page, "06-arabo.png")
    page.get_by_role("button", name="Annulla Modifica").click()

    page.get_by_role("button", name="Crea Nuova Voce").click()
    page.get_by_role("radio", name="Italiano").first.click()  # the editor reopens on Arabic
    italian = form(page, "Italiano")
    italian.get_by_role("textbox", name="Titolo").fill("Notizia senza riassunto")
    type_body(page, italian, BODY)
    image = reveal(page, italian, "Immagine")
    image.get_by_role("checkbox", name="Aggiungi ⁨Immagine⁩").check()
    image.get_by_role("button", name="Sfoglia").first.click()
    dialog = page.get_by_role("dialog", name="Seleziona Immagine")
    with page.expect_file_chooser() as chooser:
        dialog.get_by_role("button", name="Carica").click()
    chooser.value.set_files(str(photo))
    dialog.get_by_role("option", name=photo.name).wait_for()
    dialog.get_by_role("button", name="Inserisci").click()
    page.get_by_role("button", name="Salva").click()
    page.get_by_role("alert").filter(has_text=re.compile(r"\d+ camp\w+ contengono errori")).wait_for()
    # The alert's button (in English in the editor's Italian: "Show Errors") lists them.
    page.get_by_role("button", name="Show Errors").click()
    problems = page.get_by_text("Questo campo è obbligatorio.")
    problems.first.wait_for()
    assert page.get_by_role("radio", name="Italiano (errore)").count() == 1
    panel = page.evaluate("""(count) => {  // the smallest element holding every message
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let node = null;
      while (walker.nextNode()) {
        if (walker.currentNode.nodeValue.includes('Questo campo è obbligatorio')) {
          node = walker.currentNode.parentElement;
          break;
        }
      }
      while (node && (node.innerText.match(/Questo campo è obbligatorio/g) || []).length < count)
        node = node.parentElement;
      return node ? node.innerText : '';
    }""", problems.count())
    # The validation panel's part (headed "Convalida") when the element also holds the form,
    # as lines of text without the editor's icon names (Material ligatures: "error", "more_vert").
    panel = panel[panel.index("Convalida"):] if "Convalida" in panel else panel
    lines = [line.strip() for line in panel.splitlines()
             if line.strip() and not re.fullmatch(r"[a-z_]+|\*", line.strip())]
    named = {lines[i - 1] for i, line in enumerate(lines) if line.startswith("Questo campo è obbligatorio")}
    # Both missing fields are named. Sveltia 0.221.1 sometimes also names the photo just uploaded
    # (a race in its upload: the file is in the form but not in the draft it checks); that is
    # upstream, reported in the note; nothing else may be named.
    # With a photo, whether people can be recognised in it is required too (rart.contract).
    expected = {"Riassunto", "Testo alternativo dell'immagine", "Persone riconoscibili nella foto"}
    assert expected <= named
    assert named <= expected | {"File dell'immagine"}
    shot(page, "07-campo-mancante.png")
    assert dump(page) == before  # nothing written
    assert blocked(page) == []
    context.close()
