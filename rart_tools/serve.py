"""`make devserver`: a local preview that rebuilds on every save and reloads the browser.

One process. The HTTP server (a thread) serves output/ on localhost and adds
`<script src="/__rart/livereload.js" defer>` to each HTML page as it sends it; the files in
output/ stay exactly what `make html` writes, so the script can never reach `make publish`.
The main thread watches content/, the theme, the translations and the settings (watchfiles,
as Pelican's own autoreload) and runs the safe build (build.py) after every change: the
same checks, and output/ replaced only by a build that succeeded. The page asks
/__rart/status every second: a new build number means reload; problems are shown over the page.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
import threading
from dataclasses import dataclass, field
from html import escape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from rart.headers import header_rules, headers_for
from rart.messages import Messages

from .build import build, read_settings

SCRIPT_PATH = "/__rart/livereload.js"
STATUS_PATH = "/__rart/status"
SCRIPT = (Path(__file__).resolve().parent / "livereload.js").read_bytes()
SCRIPT_TAG = f'<script src="{SCRIPT_PATH}" defer></script>'.encode()
HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
# The only names the preview answers to: a page of another site that resolves its own name
# to 127.0.0.1 (DNS rebinding) must not read the preview.
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})
# Editors' temporary files (vim's 4913 probe, swap and backup files) are not changes.
IGNORED_NAMES = re.compile(r"^(\..*|.*~|4913|#.*#|.*\.sw.|.*\.tmp)$")


@dataclass
class Status:
    """What the page polls: the number of the last good build and the last failure's problems."""

    build: int = 0
    problems: list[str] = field(default_factory=list)
    title: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def as_json(self) -> bytes:
        with self.lock:
            return json.dumps({"build": self.build, "problems": self.problems, "title": self.title}).encode()

    def record(self, outcome, title: str) -> None:
        with self.lock:
            if outcome.ok:
                self.build += 1
                self.problems = []
            else:
                self.problems = list(outcome.errors) or [outcome.report]
                self.title = title


def inject(html: bytes) -> bytes:
    """The page with the live-reload script, before </head> (or at the end)."""
    match = HEAD_END.search(html)
    if match:
        return html[: match.start()] + SCRIPT_TAG + html[match.start():]
    return html + SCRIPT_TAG


def not_built_page(messages: Messages) -> bytes:
    """What the preview shows before the first good build."""
    return (
        f'<!doctype html><html lang="{messages.lang}"><head><meta charset="utf-8">'
        f"<title>{escape(messages.text('preview-title'))}</title></head>"
        f"<body><h1>{escape(messages.text('not-built-title'))}</h1>"
        f"<p>{escape(messages.text('not-built-text'))}</p></body></html>"
    ).encode()


def local_host(header: str | None) -> bool:
    """Whether a Host header names this computer: localhost, 127.0.0.1 or [::1], any port."""
    host = (header or "").strip().lower()
    match = re.fullmatch(r"(\[[0-9a-f:.]+\]|[^:\[\]]+)(?::[0-9]{1,5})?", host)
    return match is not None and match.group(1) in LOCAL_HOSTS


class Handler(SimpleHTTPRequestHandler):
    status: Status  # set on the subclass made by make_server
    missing_page: bytes  # shown while nothing is built yet
    rules: dict  # the site's header rules (rart.headers), the same as output/_headers
    # Served as they are: the browser editor keeps its state across rebuilds (a reload would
    # lose what is being typed), so its page gets no live-reload script.
    untouched: tuple[str, ...] = ()
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript",
                      ".mjs": "text/javascript", ".wasm": "application/wasm",
                      ".yml": "application/yaml", ".woff2": "font/woff2"}

    def log_message(self, format, *args):
        pass  # one line per request would bury the build messages

    def end_headers(self):
        # The security headers the host will send, so the preview shows what readers get.
        for name, value in headers_for(self.rules, unquote(urlsplit(self.path).path)).items():
            if name != "Cache-Control":
                self.send_header(name, value)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def _send(self, code: int, body: bytes, content_type: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        if not local_host(self.headers.get("Host")):
            return self._send(421, b"This preview answers on localhost only.\n", "text/plain; charset=utf-8")
        path = unquote(urlsplit(self.path).path)
        if path == STATUS_PATH:
            return self._send(200, self.status.as_json(), "application/json")
        if path == SCRIPT_PATH:
            return self._send(200, SCRIPT, "text/javascript; charset=utf-8")
        local = Path(self.translate_path(self.path))
        if local.is_dir():
            if not path.endswith("/"):
                return self._plain()  # the redirect to the address with a slash
            local = local / "index.html"
        if local.suffix == ".html" and local.is_file():
            if path.startswith(self.untouched):
                return self._send(200, local.read_bytes(), "text/html; charset=utf-8")
            return self._send(200, inject(local.read_bytes()), "text/html; charset=utf-8")
        if not local.exists():
            missing = Path(self.directory) / "404.html"
            body = missing.read_bytes() if missing.is_file() else self.missing_page
            return self._send(404, inject(body), "text/html; charset=utf-8")
        return self._plain()

    def _plain(self):
        return super().do_HEAD() if self.command == "HEAD" else super().do_GET()


def make_server(output: Path, bind: str, port: int, status: Status,
                missing_page: bytes = b"", untouched: tuple[str, ...] = (),
                rules: dict | None = None) -> ThreadingHTTPServer:
    handler = type("BoundHandler", (Handler,), {"status": status, "missing_page": missing_page,
                                                "untouched": untouched, "rules": rules or {}})
    ThreadingHTTPServer.allow_reuse_address = True
    ThreadingHTTPServer.daemon_threads = True
    return ThreadingHTTPServer((bind, port), functools.partial(handler, directory=str(output)))


def watched_paths(settings: dict, settings_file: Path) -> list[Path]:
    paths = [settings_file, Path(settings["PATH"]), Path(settings["THEME"])]
    if settings.get("I18N_TRANSLATIONS_DIR"):
        paths.append(Path(settings["I18N_TRANSLATIONS_DIR"]))
    paths += code_dirs()
    return [p for p in paths if p.exists()]


def code_dirs() -> list[Path]:
    """The project's own packages: a change there needs a restart, not a rebuild."""
    import plugins
    import rart

    return [Path(str(package.__file__)).resolve().parent for package in (rart, plugins)]


def serve(settings_file: Path, overrides: dict, output: Path, bind: str, port: int,
          debug: bool = False, stream=None, stop: threading.Event | None = None,
          editing: bool = False) -> int:
    """Serve `output` and rebuild on every change. With `editing` (make edit), say how to
    open the browser editor, which then writes into the content folder itself."""
    import logging

    import watchfiles

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # its "stopping watch" on Ctrl+C
    stream = stream or sys.stdout
    settings_file = Path(settings_file).resolve()
    settings = read_settings(settings_file, overrides)
    messages = Messages.for_settings(settings)
    output = Path(output).absolute()
    status = Status()
    try:
        editor = "/" + str(settings.get("EDITOR_PATH", "admin")).strip("/") + "/"
        server = make_server(output, bind, port, status, not_built_page(messages), (editor,),
                             header_rules(settings))
    except OSError:
        print(messages.text("port-busy", port=port), file=stream)
        return 1
    threading.Thread(target=server.serve_forever, daemon=True).start()
    title = messages.text("overlay-title")

    def rebuild():
        outcome = build(settings, output, stream=stream, debug=debug)
        status.record(outcome, title)
        if not outcome.ok:
            print(messages.text("kept"), file=stream)
        stream.flush()
        return outcome

    rebuild()
    host = "localhost" if bind in ("127.0.0.1", "localhost", "::1") else bind
    print(messages.text("serving", url=f"http://{host}:{port}/"), file=stream, flush=True)
    if editing:
        here = f"http://{bind}:{port}"  # the address the server listens on: 127.0.0.1
        print(messages.text("edit-open", url=f"{here}{editor}", folder=settings_file.parent,
                            site=f"{here}/"),
              file=stream, flush=True)
    plugin_dirs = code_dirs()
    try:
        for changes in watchfiles.watch(
            *watched_paths(settings, settings_file),
            watch_filter=lambda change, path: not IGNORED_NAMES.match(os.path.basename(path)),
            stop_event=stop, raise_interrupt=False, rust_timeout=500,  # Ctrl+C within half a second
        ):
            changed = sorted({Path(path) for _, path in changes})
            plugin_code = [p for p in changed if p.suffix == ".py" and any(d in p.parents for d in plugin_dirs)]
            if plugin_code:
                print(messages.text("restart", files=", ".join(p.name for p in plugin_code)), file=stream, flush=True)
                continue
            if settings_file in changed:
                try:
                    settings = read_settings(settings_file, overrides)
                except Exception as error:  # noqa: BLE001 - a typo in the settings; keep serving
                    print(messages.text("settings-error", file=settings_file.name, error=error), file=stream)
                    continue
            shown = ", ".join(_relative(p) for p in changed[:3]) + (" …" if len(changed) > 3 else "")
            print(messages.text("rebuilding", files=shown), file=stream, flush=True)
            rebuild()
    finally:
        server.shutdown()
        server.server_close()
        print(messages.text("stopped"), file=stream, flush=True)
    return 0


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
