"""Headless Chromium for the tests: Debian's chromium driven by Playwright, a local server for a
built site, and one sweep that loads every page once and records what the checks need."""

from __future__ import annotations

import functools
import gzip
import shutil
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from looking import Looks, look

from rart.headers import headers_for

NODE_MODULES = Path(__file__).resolve().parent / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
# IBM's rule engine (the engine of `accessibility-checker`), whose rules ship inside ace.js: it
# runs offline, injected into the page like axe, with no rule archive fetched at run time.
ACE = NODE_MODULES / "accessibility-checker-engine" / "ace.js"
ACE_POLICY = "WCAG_2_2"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Flags for a sandboxed, offline machine: no background traffic to Google, no first-run UI.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TEXT_TYPES = {"document", "stylesheet", "script", "font"}


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise RuntimeError("Chromium is missing: run `make test` (it installs it) or apt-get install chromium")


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".avif": "image/avif",
                      ".webp": "image/webp", ".xml": "application/xml", ".js": "text/javascript",
                      ".mjs": "text/javascript", ".wasm": "application/wasm",
                      ".yml": "application/yaml", ".woff2": "font/woff2"}
    rules: dict = {}

    def end_headers(self):
        # The headers the site ships in output/_headers, as Cloudflare Pages applies them
        # (every matching rule, detached headers removed, repeated ones joined).
        for name, value in headers_for(self.rules, self.path.split("?", 1)[0]).items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):  # keep test output readable
        pass


class SiteServer:
    """Serves a built site on 127.0.0.1 on a free port, like static hosting would."""

    def __init__(self, root: Path, with_headers: bool = True):
        from rart.headers import parse_headers_file

        headers_file = root / "_headers"
        rules = parse_headers_file(headers_file.read_text()) if with_headers and headers_file.exists() else {}
        handler = type("Handler", (_Handler,), {"rules": rules})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, rel: str) -> str:
        path = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        return f"{self.origin}/{path}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass
class PageReport:
    rel: str
    axe_light: list = field(default_factory=list)
    axe_dark: list = field(default_factory=list)
    foreign_requests: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    cookies: list = field(default_factory=list)
    storage_items: int = 0
    overflow_320: int = 0
    layout_shift: float = 0.0
    layout_shift_sources: list = field(default_factory=list)
    text_bytes_gzip: int = 0
    text_requests: int = 0
    console_errors: list = field(default_factory=list)
    csp_violations: list = field(default_factory=list)
    ace: list = field(default_factory=list)
    looks: Looks = field(default_factory=Looks)
    seconds: dict = field(default_factory=dict)  # wall time of each stage: load+axe, ace, looks


# The score, and what moved (element, text, from and to), so that a failure says which line.
LAYOUT_SHIFT_JS = """() => new Promise(resolve => {
  let total = 0;
  const moved = [];
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      total += e.value;
      for (const s of e.sources) {
        const n = s.node;
        const name = n ? `${n.nodeName.toLowerCase()}.${(n.className || '').toString().split(' ')[0]} ` +
          `"${(n.textContent || '').trim().slice(0, 30)}"` : '?';
        const r = (b) => [b.x, b.y, b.width, b.height].map(Math.round).join(',');
        moved.push(`${name} ${r(s.previousRect)} -> ${r(s.currentRect)}`);
      }
    }
  }).observe({type: 'layout-shift', buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => resolve([total, moved])));
})"""

# Runs before the page's own code, outside its CSP: records every CSP violation the page causes.
CSP_LISTENER_JS = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""

AXE_JS = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
}"""


def _collect(seen: list, request) -> None:
    seen.append(request)


def _record_failure(report: PageReport, request) -> None:
    report.failed_requests.append(request.url)


def _record_console_error(report: PageReport, message) -> None:
    if message.type == "error":
        report.console_errors.append(message.text)


# Violations that fail outright; the engine's "potential" findings and recommendations are for
# a person to review (docs/theme.md lists the ones reviewed).
ACE_JS = """async (policy) => {
  const report = await new ace.Checker().check(document, [policy]);
  return report.results.filter(r => r.value[0] === 'VIOLATION' && r.value[1] === 'FAIL')
    .map(r => `${r.ruleId}: ${r.message} (${r.path.dom})`);
}"""


def sweep(browser, server: SiteServer, pages: list[str]) -> dict[str, PageReport]:
    """Load every page once (cold cache, its own context) and record what the checks need."""
    axe_source = AXE.read_text(encoding="utf-8")
    ace_source = ACE.read_text(encoding="utf-8")
    reports = {}
    for rel in pages:
        report = PageReport(rel)
        started = time.perf_counter()
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
        page = context.new_page()
        page.add_init_script(CSP_LISTENER_JS)
        seen = []
        page.on("request", functools.partial(_collect, seen))
        page.on("requestfailed", functools.partial(_record_failure, report))
        page.on("console", functools.partial(_record_console_error, report))
        page.goto(server.url(rel), wait_until="load")
        report.layout_shift, report.layout_shift_sources = page.evaluate(LAYOUT_SHIFT_JS)
        report.csp_violations = page.evaluate("window.__csp")
        for request in seen:
            if not request.url.startswith(server.origin + "/") and not request.url.startswith("data:"):
                report.foreign_requests.append(request.url)
            if request.resource_type in TEXT_TYPES:
                response = request.response()
                if response is not None:
                    report.text_requests += 1
                    report.text_bytes_gzip += len(gzip.compress(response.body(), compresslevel=6))
        page.evaluate(axe_source)
        report.axe_light = page.evaluate(AXE_JS, AXE_TAGS)
        page.emulate_media(color_scheme="dark")
        report.axe_dark = page.evaluate(AXE_JS, AXE_TAGS)
        page.emulate_media(color_scheme="light")
        # IBM's engine once, in the light scheme: axe checks contrast in both schemes, and the
        # rules IBM adds (landmarks, labels, structure) do not depend on the colour scheme.
        report.seconds["load_axe"] = time.perf_counter() - started
        page.evaluate(ace_source)
        report.ace = page.evaluate(ACE_JS, ACE_POLICY)
        report.seconds["ace"] = time.perf_counter() - started - report.seconds["load_axe"]
        report.looks = look(page, context.new_cdp_session(page))
        report.seconds["looks"] = time.perf_counter() - started - report.seconds["load_axe"] - report.seconds["ace"]
        # Again after the engines and the looking checks: none of them may reach the network.
        report.foreign_requests = [r.url for r in seen if not r.url.startswith(server.origin + "/")
                                   and not r.url.startswith("data:")]
        page.set_viewport_size({"width": 320, "height": 640})
        report.overflow_320 = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        report.cookies = context.cookies()
        report.storage_items = page.evaluate("localStorage.length + sessionStorage.length")
        context.close()
        reports[rel] = report
    return reports
