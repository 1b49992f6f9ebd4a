"""The real site in headless Chromium: accessibility, privacy, layout, budgets."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from browser import NODE_MODULES

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
BUDGET_BYTES = 35 * 1024
BUDGET_REQUESTS = 15


def failures(reports, attribute):
    return {rel: getattr(r, attribute) for rel, r in reports.items() if getattr(r, attribute)}


def test_every_page_was_loaded(real_sweep, site):
    assert len(real_sweep) == len(site.pages) > 100


def test_axe_finds_no_wcag_violation_in_light_scheme(swept):
    assert failures(swept, "axe_light") == {}


def test_axe_finds_no_wcag_violation_in_dark_scheme(swept):
    assert failures(swept, "axe_dark") == {}


def test_no_request_leaves_the_site(swept):
    assert failures(swept, "foreign_requests") == {}
    assert failures(swept, "failed_requests") == {}


def test_no_csp_violation_with_the_published_headers(swept, site):
    assert "Content-Security-Policy" in (site.root / "_headers").read_text()
    assert failures(swept, "csp_violations") == {}
    csp_console = {rel: [m for m in r.console_errors if "Content Security Policy" in m]
                   for rel, r in swept.items()}
    assert {rel: m for rel, m in csp_console.items() if m} == {}


def test_no_cookies_and_no_storage(swept):
    assert failures(swept, "cookies") == {}
    assert failures(swept, "storage_items") == {}


def test_no_horizontal_scrolling_at_320_px(swept):
    assert failures(swept, "overflow_320") == {}


# Layout shift "zero": 20 times under the 0.1 that Core Web Vitals call good, and far under
# what a real defect costs (an image without its size, a late banner: 0.02 and more). Under
# heavy load (several Chromiums on two cores) Chromium's asynchronous lookup of a system
# fallback font for Arabic has been seen to move a line by a pixel or two (scores of 0.00002
# to 0.0016), which no reader can see; a failure lists what moved, from where to where.
CLS_ZERO = 0.005


def test_no_layout_shift(swept):
    assert {rel: (r.layout_shift, r.layout_shift_sources[:5]) for rel, r in swept.items()
            if r.layout_shift >= CLS_ZERO} == {}


def test_no_console_errors(swept):
    assert failures(swept, "console_errors") == {}


def test_byte_and_request_budgets(swept):
    over = {rel: (r.text_bytes_gzip, r.text_requests) for rel, r in swept.items()
            if r.text_bytes_gzip > BUDGET_BYTES or r.text_requests > BUDGET_REQUESTS}
    assert over == {}


def test_arabic_navigation_runs_right_to_left(browser, real_server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        for rel, direction in [("ar/", "rtl"), ("", "ltr")]:
            page.goto(real_server.url(rel))
            boxes = [item.bounding_box() for item in page.locator(".rart-nav__item").all()]
            row = [b for b in boxes if abs(b["y"] - boxes[0]["y"]) < 2]
            assert len(row) >= 3
            for first, second in zip(row, row[1:]):
                if direction == "rtl":
                    assert second["x"] + second["width"] <= first["x"] + 1
                else:
                    assert first["x"] + first["width"] <= second["x"] + 1
    finally:
        page.close()


def test_menu_works_from_the_keyboard_without_javascript(browser, real_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(real_server.url(""))
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
        reached = []
        for _ in range(20):
            page.keyboard.press("Tab")
            reached.append(page.evaluate("document.activeElement.getAttribute('href')"))
        assert "/obiettivi/" in reached and "/membri/" in reached
        target = page.locator(".rart-nav__link", has_text="Obiettivi")
        target.focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/obiettivi/")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline is not None
    finally:
        context.close()


def test_focus_is_visible(browser, real_server):
    page = browser.new_page()
    try:
        page.goto(real_server.url(""))
        page.keyboard.press("Tab")
        style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
            return [s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
        assert style[0] != "none" and style[1] >= 2
    finally:
        page.close()


def test_targets_are_at_least_24_px(browser, real_server):
    page = browser.new_page(viewport={"width": 360, "height": 800})
    try:
        for rel in ["", "ar/", "membri/"]:
            page.goto(real_server.url(rel))
            small = page.evaluate("""() => [...document.querySelectorAll('header a, footer a, .rart-cta, .rart-pagination a')]
                .map(a => a.getBoundingClientRect()).filter(r => r.width > 0 && (r.width < 24 || r.height < 24)).length""")
            assert small == 0, rel
    finally:
        page.close()


def test_reduced_motion_and_print_styles_exist(site):
    css = "".join(p.read_text() for p in (site.root / "theme" / "css").rglob("*.css"))
    assert "prefers-reduced-motion" in css and "@media print" in css and "prefers-color-scheme: dark" in css


SHOTS = {"": "home-it", "ar/": "home-ar", "notizie/nasce-la-rart/": "article-it",
         "ar/notizie/nasce-la-rart/": "article-ar", "membri/babel/": "member-it", "ar/membri/babel/": "member-ar"}


@pytest.mark.parametrize("rel", list(SHOTS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width, height", [(360, 800), (1280, 900)])
def test_screenshots_for_people_to_look_at(browser, real_server, rel, scheme, width, height):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(real_server.url(rel))
        path = ARTIFACTS / f"{SHOTS[rel]}-{scheme}-{width}x{height}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
    finally:
        context.close()


def test_nu_html_checker_finds_no_errors(site):
    jar = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    assert jar.is_file(), "vnu.jar is missing: run `make test`"
    runs = [
        ["--skip-non-html", str(site.root)],
        ["--css", *sorted(str(p) for p in site.root.rglob("*.css"))],
    ]
    messages = []
    for extra in runs:
        result = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--format", "json", *extra],
                                capture_output=True, text=True)
        report = json.loads(result.stderr or '{"messages": []}')
        messages += [m for m in report["messages"] if m.get("type") == "error"]
    assert len(runs[1]) > 1
    assert [(m.get("url", "").rsplit("/output/", 1)[-1], m.get("message")) for m in messages] == []


def test_the_toolkit_pages_were_loaded_too(toolkit_sweep):
    from conftest import TOOLKIT_PAGES

    assert sorted(toolkit_sweep) == sorted(TOOLKIT_PAGES)


def test_nu_html_checker_finds_no_errors_on_the_toolkit_pages(fixture_site):
    """The fixture's campaign, events and redirect pages: the real site has none yet."""
    from conftest import TOOLKIT_PAGES

    jar = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    assert jar.is_file(), "vnu.jar is missing: run `make test`"
    files = [str(fixture_site.root / rel) for rel in TOOLKIT_PAGES]
    files += [str(p) for p in fixture_site.redirects[:3]]
    result = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True)
    report = json.loads(result.stderr or '{"messages": []}')
    errors = [(m.get("url", "").rsplit("/output/", 1)[-1], m.get("message"))
              for m in report["messages"] if m.get("type") == "error"]
    assert len(files) > len(TOOLKIT_PAGES)
    assert errors == []
@pytest.mark.parametrize("rel", ["fr/notizie/tag/rete/index.html", "ar/index.html", "index.html"])
def test_a_page_arriving_in_pieces_does_not_shift_its_header(browser, site, rel):
    """Over a slow connection the browser lays out the part of the page it has. Seen in a
    sweep under load: the language list laid out with one language, then with four, pushed
    the header about (0.0115). Here the page is sent in two pieces, cut after the first
    language, with a pause between them; the whole page must end where the first piece put it."""
    import http.server
    import threading
    import time

    from browser import LAYOUT_SHIFT_JS

    page_bytes = (site.root / rel).read_bytes()
    cut = page_bytes.index(b"</li>", page_bytes.index(b'class="rart-languages__list"')) + len(b"</li>")
    root = site.root

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def do_GET(self):
            if self.path.split("?")[0] != "/" + rel:
                return super().do_GET()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page_bytes)))
            self.end_headers()
            self.wfile.write(page_bytes[:cut])
            self.wfile.flush()
            time.sleep(0.6)
            self.wfile.write(page_bytes[cut:])

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/{rel}", wait_until="load")
        score, moved = page.evaluate(LAYOUT_SHIFT_JS)
        assert score < 0.0005, moved
    finally:
        context.close()
        server.shutdown()
        server.server_close()
