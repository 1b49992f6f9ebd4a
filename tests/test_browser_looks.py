"""Tests that look (tests/looking.py): what a reader sees on every page of the real site, in
all four languages, light and dark, that rule engines cannot see. Each assertion maps page ->
problems, so a failure names the page, the width or scheme and the text concerned."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

HEADER_SHARE = 0.20  # of a 360x800 screen


def looks(reports, attribute):
    return {rel: getattr(r.looks, attribute) for rel, r in reports.items() if getattr(r.looks, attribute)}


def test_the_keyboard_reaches_every_page_s_links(swept):
    # The skip link, the brand, four languages and the menu at least.
    assert {rel: r.looks.focus_count for rel, r in swept.items() if r.looks.focus_count < 8} == {}


def test_focused_text_and_focus_ring_contrast_in_light_scheme(swept):
    assert looks(swept, "focus_light") == {}


def test_focused_text_and_focus_ring_contrast_in_dark_scheme(swept):
    assert looks(swept, "focus_dark") == {}


def test_no_text_is_painted_over_by_decoration_at_any_width_or_in_print(swept):
    assert looks(swept, "decoration") == {}


def test_decorative_glyphs_keep_away_from_their_text(swept):
    assert looks(swept, "glyph_gaps") == {}


def test_no_link_or_button_name_contains_a_decorative_glyph(swept):
    assert looks(swept, "glyph_names") == {}


def test_printed_text_is_dark_on_white(swept):
    assert looks(swept, "print_contrast") == {}


def test_header_takes_at_most_a_fifth_of_a_small_phone_screen(swept):
    tall = {rel: r.looks.header_360 for rel, r in swept.items()
            if not 0 < r.looks.header_360 <= HEADER_SHARE * 800}
    assert tall == {}


def test_ibm_engine_finds_no_wcag_2_2_violation(swept):
    assert {rel: r.ace for rel, r in swept.items() if r.ace} == {}


def _expanded(page) -> bool | None:
    """The menu toggle's expanded state as assistive technology gets it (Chromium's tree)."""
    cdp = page.context.new_cdp_session(page)
    try:
        for node in cdp.send("Accessibility.getFullAXTree")["nodes"]:
            props = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
            if node.get("role", {}).get("value") in ("button", "DisclosureTriangle") and "expanded" in props:
                return props["expanded"]
        return None
    finally:
        cdp.detach()


def _visible_nav_links(page) -> int:
    return page.evaluate("""() => [...document.querySelectorAll('header details nav a')]
        .filter(a => a.checkVisibility({visibilityProperty: true})).length""")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@pytest.mark.parametrize("rel", ["", "en/", "fr/", "ar/"])
def test_small_screen_menu_opens_and_closes_from_the_keyboard(browser, real_server, rel, javascript):
    from looking import FOCUS_RECORDER_JS, UTILS_JS

    context = browser.new_context(viewport={"width": 360, "height": 800}, java_script_enabled=javascript)
    page = context.new_page()
    try:
        page.goto(real_server.url(rel))
        header = page.evaluate("document.querySelector('body > header').getBoundingClientRect().height")
        assert header <= HEADER_SHARE * 800
        assert _visible_nav_links(page) == 0, "the menu starts closed on a small screen"
        page.evaluate(UTILS_JS)
        page.evaluate(FOCUS_RECORDER_JS)
        for _ in range(12):  # skip link, brand, four languages, then the toggle
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('header summary')"):
                break
        toggle = page.evaluate("window.__measureFocus(document.activeElement)")
        assert toggle["problems"] == [], toggle
        assert _expanded(page) is False
        page.keyboard.press("Enter")
        assert _visible_nav_links(page) >= 5
        assert _expanded(page) is True
        assert page.evaluate("document.querySelector('body > header').getBoundingClientRect().height") == header
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.matches('header details nav a')")
        first = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
        if rel == "ar/":  # the open menu runs right to left: links start at the right edge
            assert first["right"] > 360 - 80
        else:
            assert first["left"] < 80
        if javascript:
            page.keyboard.press("Escape")
            assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        else:
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Enter")
        assert _visible_nav_links(page) == 0
        assert _expanded(page) is False
    finally:
        context.close()


PRINTED = {"": "home-it", "ar/": "home-ar", "notizie/nasce-la-rart/": "article-it",
           "ar/notizie/nasce-la-rart/": "article-ar"}


@pytest.mark.parametrize("rel", list(PRINTED))
def test_printed_pages_carry_their_address_and_never_a_lone_line(browser, real_server, rel):
    """A4 PDFs as Chromium prints them (background graphics off, its default), written to
    tests/artifacts/ for a person to look at."""
    import io

    from pypdf import PdfReader
    from test_browser import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page()
    try:
        page.goto(real_server.url(rel))
        address = page.evaluate("document.querySelector('link[rel=canonical]').href")
        pdf = page.pdf(format="A4", print_background=False)
    finally:
        page.close()
    (ARTIFACTS / f"print-{PRINTED[rel]}.pdf").write_bytes(pdf)
    pages = [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]
    lines = [len([line for line in text.splitlines() if line.strip()]) for text in pages]
    assert min(lines) >= 3, f"a page holds only {min(lines)} line(s): {lines}"
    assert address in pages[0].replace("\n", ""), "the page's own address is printed on it"


class _SlowFragments:
    """The built site as static hosting serves it, except that every Pagefind fragment (one
    per result shown, fetched by Pagefind's web worker) takes `delay` seconds, as on a phone
    over prepaid data; `pending` counts the fragments still on their way."""

    def __init__(self, root):
        import functools
        import threading
        import time
        from http.server import ThreadingHTTPServer

        from browser import _Handler

        from rart.headers import parse_headers_file

        outer = self
        self.delay, self.pending, lock = 0.8, 0, threading.Lock()

        class Handler(_Handler):
            rules = parse_headers_file((root / "_headers").read_text())

            def end_headers(self):
                if "/pagefind/fragment/" in self.path:
                    self.send_header("Cache-Control", "no-store")
                super().end_headers()

            def do_GET(self):
                if "/pagefind/fragment/" not in self.path:
                    return super().do_GET()
                with lock:
                    outer.pending += 1
                try:
                    time.sleep(outer.delay)
                    super().do_GET()  # Cache-Control below: each search asks the server again
                finally:
                    with lock:
                        outer.pending -= 1

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def settle(self, page) -> None:
        """Until no fragment is on its way, the results region is no longer busy (it says so
        from the press on) and the page has had a moment to show the last batch."""
        import time

        end = time.monotonic() + 60
        while self.pending or page.evaluate("!!document.querySelector('[data-search-results][aria-busy]')"):
            assert time.monotonic() < end, "results still arriving after a minute"
            page.wait_for_timeout(50)
        page.wait_for_timeout(200)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _shown(page) -> list[str]:
    return page.eval_on_selector_all("[data-search-results] li > a", "as => as.map(a => a.pathname)")


def _pagefind(page, query: str) -> list[str]:
    return page.evaluate("""async (query) => {
        const pagefind = await import('/pagefind/pagefind.js');
        await pagefind.options({baseUrl: '/'});
        const results = (await pagefind.search(query)).results;
        return Promise.all(results.map(async (r) => new URL((await r.data()).url, location.href).pathname));
    }""", query)


def test_search_on_a_slow_connection_shows_each_result_once(browser, site):
    """Defect seen in a fresh Debian root: a press on "more results" while the next ten were
    still arriving loaded the same ten again (results 1-10 twice, 11-20 never; this test
    caught it). Also held: a search that answers after a newer one leaves the newer one's
    results (the old code got that right by writing into a list of its own)."""
    server = _SlowFragments(site.root)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(server.origin + "/cerca/?q=RART")
        more = page.locator("[data-search-results] button")
        more.wait_for()
        more.click()
        more.click(force=True)  # an impatient second press while the next ten arrive
        for _ in range(10):
            server.settle(page)
            if not more.count():
                break
            more.click()
        server.settle(page)
        expected = _pagefind(page, "RART")
        assert len(expected) > 2 * 10
        assert _shown(page) == expected
        # The first of two searches answers last: only the newer one's results stay.
        page.goto(server.origin + "/cerca/")
        search = page.locator("input[type=search]")
        server.delay = 2.5
        search.fill("RART")
        search.press("Enter")
        end = page.evaluate("Date.now()") + 60_000
        while not server.pending:
            assert page.evaluate("Date.now()") < end, "the first search fetched no fragment"
            page.wait_for_timeout(20)
        server.delay = 0.1
        search.fill("Torino")
        search.press("Enter")
        server.settle(page)
        assert _shown(page) == _pagefind(page, "Torino")[:10]
        assert "Torino" in page.text_content("[data-search-status]")
    finally:
        context.close()
        server.close()


def _wait(page, predicate: str, arg=None, seconds: float = 10) -> None:
    """wait_for_function evaluates a string in the page, which the site's CSP forbids."""
    import time

    end = time.monotonic() + seconds
    while not page.evaluate(predicate, arg):
        assert time.monotonic() < end, predicate
        time.sleep(0.05)


def test_search_shows_every_result_readably_and_fits_256_px(browser, real_server):
    """Defect 8: labels and values run together in excerpts, a count capped at 20 with no way
    to see more, an empty list before any search, the form overflowing at 256 px."""
    page = browser.new_page(viewport={"width": 256, "height": 800})
    try:
        page.goto(real_server.url("cerca/"))
        assert page.evaluate("document.querySelectorAll('main ol, main ul').length") == 0
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(real_server.url("cerca/?q=RART"))
        # The count is said first; the first ten arrive after it (their fragments are fetched),
        # with the region aria-busy meanwhile.
        _wait(page, "() => document.querySelector('[data-search-results] li')"
                    " && !document.querySelector('[data-search-results][aria-busy]')")
        total = page.evaluate("""async () => {
            const pagefind = await import('/pagefind/pagefind.js');
            await pagefind.options({baseUrl: '/'});
            return (await pagefind.search('RART')).results.length; }""")
        assert total > 10
        assert str(total) in page.text_content("[data-search-status]")
        for _ in range(10):
            more = page.locator("[data-search-results] button")
            if not more.count():
                break
            before = page.locator("[data-search-results] li").count()
            more.click()
            _wait(page, "n => document.querySelectorAll('[data-search-results] li').length > n", before)
        assert page.locator("[data-search-results] li").count() == total
        excerpts = page.locator("[data-search-results] li p").all_text_contents()
        # The member cards' labels glued to their values ("Forma giuridicas.c.s.CittàTorino"):
        # a label right before the next word, with no space or colon between.
        assert not [e for e in excerpts if re.search(r"(Forma giuridica|Città)(?=[^\s:])", e)]
    finally:
        page.close()
