"""Nothing is lost: a failed build (content mistakes, or Pelican itself failing halfway) leaves
the previous output/ byte-identical; `make html` and `make publish` refuse broken content; the
development server rebuilds on save, keeps the last good site and never publishes its script."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import FIXTURE, ROOT

pytestmark = pytest.mark.slow

TOOLS = [sys.executable, "-m", "rart_tools"]
FIXTURE_CONF = FIXTURE / "fixtureconf.py"
BROKEN_NEWS = "Title: Rotta\nSummary: s\nDate: 2024-13-45\nCategory: Prova\n\nTesto.\n"


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under `folder`: its bytes' hash and its modification time."""
    return {
        path.relative_to(folder).as_posix(): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def safe_build(content: Path, output: Path, settings: Path = FIXTURE_CONF, *extra: str):
    result = subprocess.run(
        [*TOOLS, "build", "-s", str(settings), "--content", str(content), "-o", str(output), *extra],
        capture_output=True, text=True, cwd=ROOT,
    )
    return result.returncode, result.stdout + result.stderr


def make(*args: str, env: dict | None = None, **variables: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in (env or os.environ).items() if k not in ("MAKEFLAGS", "MFLAGS")}
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.runtime", *args,
         *(f"{k}={v}" for k, v in variables.items())],
        capture_output=True, text=True, cwd=ROOT, env=env,
    )


@pytest.fixture
def site(tmp_path):
    """A copy of the fixture content, already built once into tmp/output."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    output = tmp_path / "output"
    status, log = safe_build(content, output)
    assert status == 0, log
    return content, output


@pytest.mark.slow
def test_a_good_build_replaces_output_and_leaves_nothing_behind(site, tmp_path):
    content, output = site
    assert (output / "index.html").is_file()
    assert not any(tmp_path.glob(".build-*"))
    html = "".join(p.read_text(encoding="utf-8", errors="replace") for p in output.rglob("*.html"))
    assert "__rart" not in html and "livereload" not in html  # the devserver's script is never built in
    (content / "notizie" / "notizia-6.md").write_text(
        "Title: Notizia di prova 6\nSummary: Nuova.\nDate: 2024-06-10\nCategory: Prova\n\nTesto 6.\n", encoding="utf-8")
    status, log = safe_build(content, output)
    assert status == 0, log
    assert (output / "notizie" / "notizia-6" / "index.html").is_file()
    assert not any(tmp_path.glob(".build-*"))


@pytest.mark.slow
def test_content_errors_leave_the_previous_output_byte_identical(site, tmp_path):
    content, output = site
    before = snapshot(output)
    (content / "notizie" / "rotta.md").write_text(BROKEN_NEWS, encoding="utf-8")
    (content / "pagine" / "vuota.md").write_text("", encoding="utf-8")
    status, log = safe_build(content, output)
    assert status == 1
    assert "content/notizie/rotta.md, riga 3" in log and "content/pagine/vuota.md" in log
    assert "Traceback" not in log
    assert snapshot(output) == before
    assert not any(tmp_path.glob(".build-*"))


@pytest.mark.slow
def test_pelican_failing_halfway_leaves_the_previous_output_byte_identical(site, tmp_path):
    """A theme or plugin failure after some pages are written: they were written elsewhere."""
    content, output = site
    before = snapshot(output)
    plugin = tmp_path / "plugins" / "boom"
    plugin.mkdir(parents=True)
    (plugin / "__init__.py").write_text(
        "from pelican import signals\n"
        "written = []\n"
        "def explode(path, context):\n"
        "    written.append(path)\n"
        "    if len(written) == 5:\n"
        "        raise RuntimeError('il tema si è rotto a metà')\n"
        "def register():\n"
        "    signals.content_written.connect(explode)\n",
        encoding="utf-8",
    )
    settings = tmp_path / "boomconf.py"
    settings.write_text(
        "import runpy\n"
        f"globals().update(runpy.run_path({str(FIXTURE / 'fixtureconf.py')!r}))\n"
        f"PLUGIN_PATHS = [{str(tmp_path / 'plugins')!r}]\n"
        "PLUGINS = PLUGINS + ['boom']\n",
        encoding="utf-8",
    )
    status, log = safe_build(content, output, settings)
    assert status == 1
    assert "il tema si è rotto a metà" in log
    assert "La costruzione non è riuscita" in log
    assert "Traceback" not in log
    assert snapshot(output) == before
    assert not any(tmp_path.glob(".build-*"))


@pytest.mark.slow
def test_make_html_and_make_publish_refuse_broken_content(site, tmp_path):
    content, output = site
    before = snapshot(output)
    (content / "notizie" / "rotta.md").write_text(BROKEN_NEWS, encoding="utf-8")
    result = make("html", CONFFILE=str(FIXTURE_CONF), INPUTDIR=str(content), OUTPUTDIR=str(output))
    assert result.returncode != 0
    assert "content/notizie/rotta.md, riga 3" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    published = make("publish", env={**os.environ, "SITEURL": "https://rart.example.org"},
                     INPUTDIR=str(content), OUTPUTDIR=str(output))
    assert published.returncode != 0
    assert "content/notizie/rotta.md, riga 3" in published.stdout
    assert "Traceback" not in published.stdout + published.stderr
    assert snapshot(output) == before


def test_a_build_killed_between_the_two_renames_is_recovered(tmp_path):
    from rart_tools.build import STAGING_PREFIX, recover, swap_into_place

    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("vecchio")
    staging = tmp_path / f"{STAGING_PREFIX}x"
    (staging / "output").mkdir(parents=True)
    (staging / "output" / "index.html").write_text("nuovo")
    # The first rename happened, then the process died.
    (staging / "previous").mkdir()
    os.rename(output, staging / "previous" / "output")
    recover(output)
    assert (output / "index.html").read_text() == "vecchio"
    swap_into_place(staging / "output", output, staging / "previous" / "output")
    assert (output / "index.html").read_text() == "nuovo"
    assert not (staging / "previous" / "output").exists()


# --- make devserver --------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DevServer:
    def __init__(self, settings: Path, content: Path, output: Path):
        self.port = free_port()
        self.output = output
        self.process = subprocess.Popen(
            [*TOOLS, "serve", "-s", str(settings),
             "--content", str(content), "-o", str(output), "-p", str(self.port)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
        )
        self.wait_for(lambda status: status["build"] >= 1 or status["problems"], timeout=60)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def status(self) -> dict | None:
        try:
            return json.loads(self.get("/__rart/status")[1])
        except (urllib.error.URLError, ConnectionError, json.JSONDecodeError, TimeoutError):
            return None

    def page_status(self, path: str, version: str) -> dict:
        """The status as a page asks for it: has this page changed since it was served?"""
        return json.loads(self.get(f"/__rart/status?page={quote(path)}&version={version}")[1])

    def wait_for(self, condition, timeout: float) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            status = self.status()
            if status is not None and condition(status):
                return time.monotonic() - started
            assert self.process.poll() is None, self.process.stdout.read()
            time.sleep(0.02)
        raise AssertionError(f"devserver: nothing after {timeout} s")

    def stop(self) -> str:
        self.process.send_signal(signal.SIGINT)
        out, _ = self.process.communicate(timeout=20)
        return out


@pytest.mark.slow
def test_devserver_rebuilds_on_save_reloads_the_page_and_keeps_the_last_good_site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    server = DevServer(FIXTURE_CONF, content, tmp_path / "output")
    try:
        assert server.status()["build"] == 1
        code, home = server.get("/")
        assert code == 200
        assert re.search(r'<script src="/__rart/livereload.js" data-page="[0-9a-f]{16}" defer>'
                         r'</script></head>', home)
        assert "livereload" not in (tmp_path / "output" / "index.html").read_text(encoding="utf-8")
        code, script = server.get("/__rart/livereload.js")
        assert code == 200 and "/__rart/status" in script and "location.reload" in script
        code, missing = server.get("/non-esiste/")
        assert code == 404 and "/__rart/livereload.js" in missing

        versions = {path: re.search(r'data-page="([0-9a-f]+)"', server.get(path)[1]).group(1)
                    for path in ("/notizie/notizia-1/", "/notizie/notizia-2/")}
        news = content / "notizie" / "notizia-1.md"
        news.write_text(news.read_text(encoding="utf-8").replace("Testo 1.", "Testo 1, corretto."), encoding="utf-8")
        # The fast path writes that page at once: its open tabs reload, the others do not.
        server.wait_for(lambda status: status["build"] == 2, timeout=15)
        assert "Testo 1, corretto." in server.get("/notizie/notizia-1/")[1]
        assert server.page_status("/notizie/notizia-1/", versions["/notizie/notizia-1/"])["reload"]
        assert not server.page_status("/notizie/notizia-2/", versions["/notizie/notizia-2/"])["reload"]
        assert "Testo 1, corretto." not in (tmp_path / "output" / "feed.xml").read_text(encoding="utf-8")
        # Then a full build (a child process) brings the rest of the site up to date.
        server.wait_for(lambda status: status["build"] == 3, timeout=60)
        assert "Testo 1, corretto." in (tmp_path / "output" / "feed.xml").read_text(encoding="utf-8")
        assert not any(tmp_path.glob(".build-*"))

        good = snapshot(tmp_path / "output")
        (content / "notizie" / "rotta.md").write_text(BROKEN_NEWS, encoding="utf-8")
        server.wait_for(lambda status: status["problems"], timeout=15)
        status = server.status()
        assert status["build"] == 3
        assert any("content/notizie/rotta.md, riga 3" in p for p in status["problems"])
        assert snapshot(tmp_path / "output") == good
        assert server.get("/notizie/notizia-1/")[0] == 200

        (content / "notizie" / "rotta.md").unlink()
        server.wait_for(lambda status: status["build"] == 4 and not status["problems"], timeout=15)
    finally:
        log = server.stop()
    assert server.process.returncode == 0, log
    assert "Anteprima su http://localhost:" in log
    assert "Traceback" not in log


def test_the_preview_writes_a_saved_page_exactly_as_a_full_build_does(tmp_path):
    """The devserver's fast path (rart_tools/incremental.py) writes the page of a saved file
    without a build: every file it writes must be byte for byte the full build's."""
    from rart_tools.build import build, read_settings
    from rart_tools.serve import PREVIEW

    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    settings = read_settings(FIXTURE_CONF, {"PATH": str(content), **PREVIEW})
    quiet = io.StringIO()
    first = build(settings, tmp_path / "preview", stream=quiet, keep_site=True)
    assert first.ok and first.site is not None, quiet.getvalue()
    before = {rel: digest for rel, (digest, _) in snapshot(tmp_path / "preview").items()}

    news, arabic = content / "notizie" / "notizia-1.md", content / "notizie" / "notizia-1.ar.md"
    news.write_text(news.read_text(encoding="utf-8").replace("Title: Notizia di prova 1", "Title: Notizia corretta")
                    .replace("Testo 1.", "Testo 1, **corretto**."), encoding="utf-8")
    arabic.write_text(arabic.read_text(encoding="utf-8") + "\nجملة أخرى.\n", encoding="utf-8")
    update = first.site.update([news, arabic])
    assert update.errors == [] and update.urls == ["notizie/notizia-1/", "ar/notizie/notizia-1/"]

    full = build(settings, tmp_path / "full", stream=quiet)
    assert full.ok, quiet.getvalue()
    after = {rel: digest for rel, (digest, _) in snapshot(tmp_path / "preview").items()}
    written = sorted(rel for rel in after if before.get(rel) != after[rel])
    assert "notizie/notizia-1/index.html" in written and "ar/notizie/notizia-1/index.html" in written
    assert any(rel.startswith("anteprime/it/news-notizia-1.") for rel in written), written  # the new title's card
    for rel in written:
        assert (tmp_path / "preview" / rel).read_bytes() == (tmp_path / "full" / rel).read_bytes(), rel
    assert "Notizia corretta" in (tmp_path / "preview" / "notizie/notizia-1/index.html").read_text(encoding="utf-8")

    # A change that other pages show (here the date, which orders the listings) is refused:
    # the preview runs a full build for it instead.
    news.write_text(news.read_text(encoding="utf-8").replace("Date: 2024-01-10", "Date: 2024-01-11"),
                    encoding="utf-8")
    assert first.site.update([news]).urls is None
