"""A cold build reads its Markdown in worker processes, and draws the share cards there while
Pelican writes (rart_tools/coldread.py). What it writes must be, byte for byte,
what the build writes when Pelican reads every file itself and the images plugin draws every
card, and its reports the same."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURE, ROOT

pytestmark = pytest.mark.slow


def files(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_cold_build_read_by_workers_writes_the_same_site(tmp_path, monkeypatch, method):
    """Both ways of starting the workers: forked (make html) and spawned (the preview, which
    has threads)."""
    from plugins.images import jobs
    from rart_tools import coldread
    from rart_tools.build import build, read_settings

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    seen = {}
    write = coldread.ColdRead.write

    def spy(self, folder):
        started = bool(self.futures)
        write(self, folder)
        if not started:
            return
        seen["read"] = sum(1 for name in coldread.CACHES if (folder / name).exists())
        seen["cards"] = len(jobs.EARLY)

    monkeypatch.setattr(coldread.ColdRead, "write", spy)
    monkeypatch.setattr(coldread, "_method", lambda: method)
    built, reports = {}, {}
    for name, minimum in (("workers", 0), ("pelican", 10**9)):
        monkeypatch.setattr(coldread, "MIN_FILES", minimum)
        caches = tmp_path / name / "cache"
        settings = read_settings(FIXTURE / "fixtureconf.py", {
            "PATH": str(content), "CACHE_PATH": str(caches / "content"),
            "IMAGES_CACHE_PATH": str(caches / "images"),
            "SEARCH_INDEX_CACHE_PATH": str(caches / "pagefind")})
        stream = io.StringIO()
        outcome = build(settings, tmp_path / name / "output", stream=stream)
        assert outcome.ok, stream.getvalue()
        built[name] = files(tmp_path / name / "output")
        reports[name] = stream.getvalue().splitlines()[:-1]  # the last line says how long it took
    # The workers did the reading (both generators' cache files) and drew the cards.
    assert seen["read"] == len(coldread.CACHES) and seen["cards"] > 0, seen
    assert reports["workers"] == reports["pelican"]
    assert built["workers"].keys() == built["pelican"].keys()
    different = [rel for rel in built["workers"] if built["workers"][rel] != built["pelican"][rel]]
    assert different == []


@pytest.mark.parametrize(("code", "expected"), [
    ("", "fork"),
    ("import threading, time; threading.Thread(target=time.sleep, args=(2,), daemon=True).start()",
     "spawn"),
])
def test_workers_are_forked_only_from_a_process_without_threads(code, expected):
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\nfrom rart_tools.coldread import _method; print(_method())"],
        cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == expected
