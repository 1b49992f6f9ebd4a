"""`make devserver`: a local preview that follows every save and reloads the browser.

One process. The HTTP server (a thread) serves output/ on localhost and adds
`<script src="/__rart/livereload.js" data-page="…" defer>` to each HTML page as it sends it
(data-page: a hash of the page's bytes); the files in output/ stay exactly what `make html`
writes, so the script can never reach `make publish`. A thread watches content/, the theme,
the translations and the settings (watchfiles, as Pelican's own autoreload); the main thread
brings output/ up to date after every change:

- the text of a news item or a page changed (the common edit): the fast path
  (incremental.py) checks the content (only changed files are read again), writes that
  item's page again and tells the browser at once, in well under a second at any size;
  a full build follows once no save came for a moment;
- anything else: the full safe build (build.py), with its caches. Either way a broken file
  never replaces the last good preview.

A full build is abandoned as soon as a newer change arrives, and run again after it.
The page waits on /__rart/status (a long poll): the answer comes as soon as something
changed, and says whether that page's bytes changed (reload) and what problems to show over
the page. Pagefind and precompression are `make html`'s and `make publish`'s business.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import hashlib
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from html import escape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from babel.numbers import format_decimal

from plugins.content_checks.config import load_config
from rart.headers import header_rules, headers_for
from rart.messages import Messages

from .build import build, read_settings, recover, validate
from .contentcache import ContentCache
from .incremental import IncrementalChecks

# After the fast path, the full build waits for this long without a save (seconds).
QUIET = 1.0
# The preview leaves the search index and precompression to make html and make publish.
PREVIEW = {"PUBLISHING_SEARCH_INDEX": False, "PUBLISHING_PRECOMPRESS": False}
LONG_POLL = 20.0  # seconds a status request waits for news before answering anyway

SCRIPT_PATH = "/__rart/livereload.js"
STATUS_PATH = "/__rart/status"
SCRIPT = (Path(__file__).resolve().parent / "livereload.js").read_bytes()
SCRIPT_TAG = f'<script src="{SCRIPT_PATH}" data-page="{{version}}" defer></script>'
HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
# The only names the preview answers to: a page of another site that resolves its own name
# to 127.0.0.1 (DNS rebinding) must not read the preview.
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})
# Editors' temporary files (vim's 4913 probe, swap and backup files) are not changes.
IGNORED_NAMES = re.compile(r"^(\..*|.*~|4913|#.*#|.*\.sw.|.*\.tmp)$")


@dataclass
class Status:
    """What the page waits for: the number of successful updates, the last failure's
    problems, and a change counter that wakes the waiting requests."""

    build: int = 0
    problems: list[str] = field(default_factory=list)
    title: str = ""
    changes: int = 0
    changed: threading.Condition = field(default_factory=threading.Condition)

    def as_dict(self) -> dict:
        with self.changed:
            return {"build": self.build, "problems": self.problems, "title": self.title,
                    "changes": self.changes}

    def as_json(self) -> bytes:
        return json.dumps(self.as_dict()).encode()

    def record(self, outcome, title: str) -> None:
        with self.changed:
            if outcome.ok:
                self.build += 1
                self.problems = []
            else:
                self.problems = list(outcome.errors) or [outcome.report]
                self.title = title
            self.changes += 1
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> None:
        """Until the change counter differs from ``seen``, or ``timeout`` seconds."""
        with self.changed:
            self.changed.wait_for(lambda: self.changes != seen, timeout)


def version(data: bytes) -> str:
    """What tells two versions of a page apart (data-page, and the status's answer)."""
    return hashlib.sha256(data).hexdigest()[:16]


def inject(html: bytes) -> bytes:
    """The page with the live-reload script, before </head> (or at the end)."""
    tag = SCRIPT_TAG.format(version=version(html)).encode()
    match = HEAD_END.search(html)
    if match:
        return html[: match.start()] + tag + html[match.start():]
    return html + tag


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
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if path == STATUS_PATH:
            return self._send(200, json.dumps(self._status(parse_qs(parts.query))).encode(),
                              "application/json")
        if path == SCRIPT_PATH:
            return self._send(200, SCRIPT, "text/javascript; charset=utf-8")
        local = self._page_file(self.path)
        if local is None:
            return self._plain()  # the redirect to the address with a slash
        page = self._page(local)
        if page is not None:
            code, body = page
            if code == 200 and path.startswith(self.untouched):
                return self._send(code, body, "text/html; charset=utf-8")
            return self._send(code, inject(body), "text/html; charset=utf-8")
        return self._plain()

    def _page_file(self, address: str) -> Path | None:
        """The file served at ``address`` (None: a folder without the final slash)."""
        local = Path(self.translate_path(address))
        if local.is_dir():
            if not unquote(urlsplit(address).path).endswith("/"):
                return None
            local = local / "index.html"
        return local

    def _page(self, local: Path) -> tuple[int, bytes] | None:
        """(status, bytes) of the HTML page served for ``local``: the file, or the 404 page
        when it does not exist; None for anything else (served as it is)."""
        try:
            if local.suffix == ".html" and local.is_file():
                return 200, local.read_bytes()
            if not local.exists():
                missing = Path(self.directory) / "404.html"
                return 404, missing.read_bytes() if missing.is_file() else self.missing_page
        except OSError:  # replaced by a build while being read: the next request will do
            return 404, self.missing_page
        return None

    def _status(self, query: dict) -> dict:
        """The status; with `seen` (the change counter the page knows) it waits for the next
        change first; with `page` and `version` it says whether that page's bytes changed."""
        if "seen" in query and query["seen"][0].isdigit():
            self.status.wait(int(query["seen"][0]), LONG_POLL)
        answer = self.status.as_dict()
        if "page" in query and "version" in query:
            local = self._page_file(query["page"][0])
            page = self._page(local) if local is not None else None
            answer["reload"] = page is not None and version(page[1]) != query["version"][0]
        return answer

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

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # its "stopping watch" on Ctrl+C
    stream = stream or sys.stdout
    settings_file = Path(settings_file).resolve()
    overrides = {**overrides, **PREVIEW}
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
    stop = stop or threading.Event()
    preview = Preview(settings, settings_file, overrides, output, status, messages, stream, debug)
    changes: queue.Queue = queue.Queue()
    watcher = threading.Thread(target=_watch, args=(preview, changes, stop), daemon=True)
    watcher.start()
    preview.full()
    host = "localhost" if bind in ("127.0.0.1", "localhost", "::1") else bind
    print(messages.text("serving", url=f"http://{host}:{port}/"), file=stream, flush=True)
    if editing:
        here = f"http://{bind}:{port}"  # the address the server listens on: 127.0.0.1
        print(messages.text("edit-open", url=f"{here}{editor}", folder=settings_file.parent,
                            site=f"{here}/"),
              file=stream, flush=True)
    try:
        while not stop.is_set():
            preview.interrupt.clear()  # before looking at the queue: no change goes unseen
            batch = _drain(changes, timeout=preview.wait_time())
            if batch:
                preview.changed(batch)
            else:
                preview.tick()
    finally:
        stop.set()
        preview.stop()
        server.shutdown()
        server.server_close()
        print(messages.text("stopped"), file=stream, flush=True)
    return 0


def _watch(preview: Preview, changes: queue.Queue, stop: threading.Event) -> None:
    import watchfiles

    for found in watchfiles.watch(
        *preview.watched(),
        watch_filter=lambda change, path: not IGNORED_NAMES.match(os.path.basename(path)),
        stop_event=stop, raise_interrupt=False, rust_timeout=500,  # Ctrl+C within half a second
    ):
        changes.put({Path(path) for _, path in found})
        preview.interrupt.set()  # a build under way is now out of date


def _drain(changes: queue.Queue, timeout: float | None) -> set[Path]:
    """Every change waiting (the first one waited for up to ``timeout`` seconds)."""
    try:
        batch = set(changes.get(timeout=0.5 if timeout is None else min(timeout, 0.5)))
    except queue.Empty:
        return set()
    while True:
        try:
            batch |= changes.get_nowait()
        except queue.Empty:
            return batch


class Preview:
    """What the main thread does: full builds, the fast path, and the refresh after it.

    A full build in this process (at start, and after any change the fast path cannot take)
    keeps what Pelican read for the fast path. After the fast path, the rest of the site is
    refreshed by a full build in a child process (`python -m rart_tools build`, the safe
    build), once no save came for QUIET seconds: a save during it kills it at once, so the
    fast path never waits, and it starts again after. Killing it is safe: the safe build
    replaces output/ with two renames, and `recover` puts the previous site back if the
    kill fell between them."""

    def __init__(self, settings, settings_file, overrides, output, status, messages, stream,
                 debug):
        self.settings, self.settings_file, self.overrides = settings, settings_file, overrides
        self.output, self.status, self.messages = output, status, messages
        self.stream, self.debug = stream, debug
        self.title = messages.text("overlay-title")
        self.checks = IncrementalChecks(ContentCache(settings).checks, watched=True)
        self.config = None  # the content checks' configuration, for today
        self.site = None  # incremental.LiveSite of the last good full build
        self.interrupt = threading.Event()
        self.full_owed = True  # a full build in this process is owed (the first one)
        self.refresh_owed = False  # a full build in a child process is owed (after the fast path)
        self.quiet_until = 0.0  # the refresh waits until then
        self.refresher: subprocess.Popen | None = None
        self.refresh_log: list[str] = []

    def watched(self) -> list[Path]:
        return watched_paths(self.settings, self.settings_file)

    def wait_time(self) -> float | None:
        if self.refresh_owed and self.refresher is None:
            return max(0.0, self.quiet_until - time.monotonic())
        return None

    def tick(self) -> None:
        """No change came: run what is owed, or see whether the refresh is over."""
        if self.full_owed:
            self.full()
        elif self.refresher is not None and self.refresher.poll() is not None:
            self._refreshed()
        elif self.refresh_owed and self.refresher is None and time.monotonic() >= self.quiet_until:
            self._start_refresh()

    def full(self) -> None:
        """The safe build here; abandoned (and owed again) when a change arrives meanwhile."""
        self.full_owed = True
        gc.unfreeze()  # what the previous build left (below) can be collected again
        outcome = build(self.settings, self.output, stream=self.stream, debug=self.debug,
                        checks=self.checks, interrupt=self.interrupt, keep_site=True)
        if outcome.stage == "interrupted":
            return
        self.full_owed = self.refresh_owed = False
        self.status.record(outcome, self.title)
        if outcome.ok:
            self.site = outcome.site
        else:
            print(self.messages.text("kept"), file=self.stream)
        self.stream.flush()
        # What Pelican read stays for the fast path: millions of objects at 2,000 articles.
        # Without this, the garbage collector's first full pass (about a second) fell in the
        # first save's fast path; frozen, the kept objects are never traversed until the next
        # full build unfreezes them.
        gc.collect()
        gc.freeze()

    def changed(self, paths: set[Path]) -> None:
        messages, stream = self.messages, self.stream
        self._stop_refresh()
        changed = sorted(paths)
        plugin_dirs = code_dirs()
        plugin_code = [p for p in changed if p.suffix == ".py" and any(d in p.parents for d in plugin_dirs)]
        if plugin_code:
            print(messages.text("restart", files=", ".join(p.name for p in plugin_code)), file=stream, flush=True)
            return
        if self.settings_file in changed:
            try:
                self.settings = read_settings(self.settings_file, self.overrides)
            except Exception as error:  # noqa: BLE001 - a typo in the settings; keep serving
                print(messages.text("settings-error", file=self.settings_file.name, error=error), file=stream)
                return
            self.site = None
            self.checks = IncrementalChecks(ContentCache(self.settings).checks, watched=True)
            self.config = None
        self.checks.forget(Path(self.settings["PATH"]), changed)
        shown = ", ".join(_relative(p) for p in changed[:3]) + (" …" if len(changed) > 3 else "")
        print(messages.text("rebuilding", files=shown), file=stream, flush=True)
        if not self.fast(changed):
            self.site = None  # out of date until the next full build
            self.full()

    def fast(self, changed: list[Path]) -> bool:
        """The fast path; False when the change needs a full build."""
        if self.site is None or self.full_owed or not all(p.suffix == ".md" and p.is_file() for p in changed):
            return False
        started = time.monotonic()
        if self.config is None or self.config.today != dt.date.today():
            self.config = load_config(self.settings)
        checked = validate(self.settings, self.stream, self.checks, self.config)
        if not checked.ok:
            self.status.record(checked, self.title)
            print(self.messages.text("kept"), file=self.stream, flush=True)
            return True  # nothing to build until the content is fixed
        update = self.site.update(changed)
        if update.urls is None:
            return False
        if update.errors:
            self.status.record(_Failed(update.errors), self.title)
            for error in update.errors:
                print(error, file=self.stream)
            print(self.messages.text("kept"), file=self.stream, flush=True)
            return True
        self.status.record(_Succeeded(), self.title)
        seconds = format_decimal(round(time.monotonic() - started, 2), locale=self.messages.locale)
        pages = ", ".join("/" + url for url in update.urls)
        print(self.messages.text("page-updated", pages=pages, seconds=seconds), file=self.stream,
              flush=True)
        self.refresh_owed = True
        self.quiet_until = time.monotonic() + QUIET
        return True

    # --- the refresh, in a child process ------------------------------------------------------
    def _start_refresh(self) -> None:
        command = [sys.executable, "-m", "rart_tools", "build", "-s", str(self.settings_file),
                   "--content", str(self.settings["PATH"]), "-o", str(self.output), "-e",
                   *(f"{name}={json.dumps(value)}" for name, value in self.overrides.items())]
        if self.debug:
            command.append("--debug")
        # Its own process group: a kill reaches the card workers it starts, too.
        self.refresher = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                          text=True, start_new_session=True)
        self.refresh_log = []
        threading.Thread(target=self._relay, args=(self.refresher, self.refresh_log),
                         daemon=True).start()

    def _relay(self, process: subprocess.Popen, log: list[str]) -> None:
        for line in process.stdout or ():
            log.append(line.rstrip("\n"))
            print(line, end="", file=self.stream, flush=True)

    def _refreshed(self) -> None:
        process, self.refresher = self.refresher, None
        if process is None:
            return
        process.wait()
        self.refresh_owed = False
        if process.returncode == 0:
            self.status.record(_Succeeded(), self.title)
        else:
            self.status.record(_Failed(self.refresh_log[-20:]), self.title)
            print(self.messages.text("kept"), file=self.stream, flush=True)

    def _stop_refresh(self) -> None:
        """Kill a refresh under way (it is out of date) and tidy what it left."""
        process = self.refresher
        if process is None:
            return
        if process.poll() is not None:
            self._refreshed()
            return
        self.refresher = None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        self.refresh_owed = True  # again, after this change
        recover(self.output, pid=process.pid)

    def stop(self) -> None:
        self._stop_refresh()


@dataclass
class _Succeeded:
    ok: bool = True
    errors: list[str] = field(default_factory=list)
    report: str = ""


@dataclass
class _Failed:
    errors: list[str]
    ok: bool = False
    report: str = ""


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
