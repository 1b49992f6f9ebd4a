"""The disk, not the content: a read-only folder, output/ that is a file, a full disk, a build
killed between its two renames, the folders killed builds leave. Each time the real build
command (`python -m rart_tools build`, as `make html` runs it) ends with a clean Italian
message, a non-zero exit status, no traceback, and the previous output/ as it was.

Faults the kernel would give an unprivileged user but not root (a read-only folder), or that
need a real full disk, are injected into the build's process by a short prelude (FAULTS): it
raises the same OSError the kernel raises, at the same call, so the build's own handling is
what is tested. The builds that run Pelican use a tiny site of four home pages."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import FIXTURE, ROOT

from rart_tools.build import STAGING_PREFIX

HOME = "Title: Home {lang}\nSummary: La rete, in breve.\n\nTesto della home.\n"
BROKEN = "Title: Rotta\nSummary: s\nDate: 2024-13-45\nCategory: Prova\n\nTesto.\n"
DEAD_PID = 99_999_999  # above any pid_max Linux allows (4,194,304): no such process

# Injected before the build runs: FAULT names the fault, FAULT_DIR the folder it concerns.
FAULTS = textwrap.dedent("""
    import builtins, errno, os, signal, sys
    fault, where = os.environ["FAULT"], os.environ.get("FAULT_DIR", "")

    def inside(path):
        return os.path.abspath(os.fsdecode(path)).startswith(where + os.sep)

    if fault == "read-only":  # what mkdir in a folder without write permission does
        real_mkdir = os.mkdir
        def mkdir(path, *args, **kwargs):
            if inside(path) and not os.path.exists(path):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))
            return real_mkdir(path, *args, **kwargs)
        os.mkdir = mkdir
    elif fault == "disk-full":  # writing any file of the new site
        real_open = builtins.open
        def full_open(file, mode="r", *args, **kwargs):
            if isinstance(file, (str, bytes, os.PathLike)) and inside(file) and \\
                    any(c in mode for c in "wax+") and "/.build-" in os.fsdecode(file):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fsdecode(file))
            return real_open(file, mode, *args, **kwargs)
        builtins.open = full_open
    elif fault == "kill-between-renames":  # killed right after output/ was moved aside
        real_rename = os.rename
        def rename(src, dst, *args, **kwargs):
            real_rename(src, dst, *args, **kwargs)
            if os.path.abspath(os.fsdecode(src)) == os.path.join(where, "output"):
                os.kill(os.getpid(), signal.SIGKILL)
        os.rename = rename
    from rart_tools.__main__ import main
    sys.exit(main(sys.argv[1:]))
""")


def tiny_site(root: Path) -> Path:
    """content/ with a home page per language, and settings that keep caches under `root`."""
    content = root / "content"
    (content / "pagine").mkdir(parents=True)
    for n, lang in enumerate(("it", "en", "fr", "ar")):
        suffix = "" if n == 0 else f".{lang}"
        (content / "pagine" / f"home{suffix}.md").write_text(HOME.format(lang=lang), encoding="utf-8")
    settings = root / "diskconf.py"
    settings.write_text(
        "import runpy\n"
        f"globals().update(runpy.run_path({str(FIXTURE / 'fixtureconf.py')!r}))\n"
        f"PATH = {str(content)!r}\n"
        f"CACHE_PATH = {str(root / 'cache' / 'content')!r}\n"
        f"IMAGES_CACHE_PATH = {str(root / 'cache' / 'images')!r}\n"
        "PUBLISHING_SEARCH_INDEX = False\nSEARCH_INDEX_CACHE_PATH = ''\n",
        encoding="utf-8")
    return settings


def run_build(settings: Path, output: Path, fault: str = "", fault_dir: Path | None = None):
    command = [sys.executable, "-m", "rart_tools"]
    env = dict(os.environ)
    if fault:
        command = [sys.executable, "-c", FAULTS]
        env.update(FAULT=fault, FAULT_DIR=str(fault_dir or output.parent))
    result = subprocess.run([*command, "build", "-s", str(settings), "-o", str(output)],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    return result.returncode, result.stdout + result.stderr


def old_site(output: Path) -> dict[str, str]:
    """Stands for the previous build: a few files whose bytes are checked afterwards."""
    output.mkdir(parents=True)
    (output / "index.html").write_text("<p>il sito di ieri</p>\n", encoding="utf-8")
    (output / "notizie").mkdir()
    (output / "notizie" / "index.html").write_text("<p>notizie di ieri</p>\n", encoding="utf-8")
    return digest(output)


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def clean(log: str) -> None:
    assert "Traceback" not in log and "Error:" not in log.replace("ERRORE", ""), log


def test_output_that_is_a_file_is_left_alone(tmp_path):
    settings = tiny_site(tmp_path)
    output = tmp_path / "output"
    output.write_text("un file di appunti, non il sito\n", encoding="utf-8")
    status, log = run_build(settings, output)
    assert status == 1, log
    clean(log)
    assert "ERRORE" in log and "è un file, non una cartella" in log and "output/" in log
    assert output.read_text(encoding="utf-8") == "un file di appunti, non il sito\n"
    assert not list(tmp_path.glob(STAGING_PREFIX + "*"))


def test_a_read_only_parent_of_output_is_named_and_output_kept(tmp_path):
    settings = tiny_site(tmp_path)
    parent = tmp_path / "pubblico"
    output = parent / "output"
    before = old_site(output)
    parent.chmod(0o555)
    try:
        # root writes anyway: the kernel's refusal for everyone else is injected
        fault = "read-only" if os.geteuid() == 0 else ""
        status, log = run_build(settings, output, fault, parent)
    finally:
        parent.chmod(0o755)
    assert status == 1, log
    clean(log)
    assert "ERRORE la costruzione non ha il permesso di scrivere in" in log, log
    assert "pubblico" in log and "è rimasto com'era" in log
    assert digest(output) == before
    assert not list(parent.glob(STAGING_PREFIX + "*"))


def test_leftovers_of_killed_builds_are_deleted_by_the_next_build_even_a_failing_one(tmp_path):
    settings = tiny_site(tmp_path)
    output = tmp_path / "output"
    before = old_site(output)
    dead = tmp_path / f"{STAGING_PREFIX}{DEAD_PID}-abc123" / "output"
    dead.mkdir(parents=True)
    (dead / "index.html").write_text("mezzo sito\n", encoding="utf-8")
    running = tmp_path / f"{STAGING_PREFIX}{os.getpid()}-def456"  # this process: alive
    running.mkdir()
    (tmp_path / "content" / "pagine" / "rotta.md").write_text(BROKEN, encoding="utf-8")
    status, log = run_build(settings, output)
    assert status == 1 and "content/pagine/rotta.md" in log, log
    clean(log)
    assert not dead.parent.exists()
    assert running.is_dir()  # a build still running keeps its folder
    assert digest(output) == before


def test_a_failed_build_with_no_output_says_so(tmp_path):
    settings = tiny_site(tmp_path)
    (tmp_path / "content" / "pagine" / "rotta.md").write_text(BROKEN, encoding="utf-8")
    status, log = run_build(settings, tmp_path / "output")
    assert status == 1
    clean(log)
    assert "output/ non esiste: non c'è un sito precedente da conservare" in log.replace(
        str(tmp_path) + "/", ""), log


def test_a_mount_point_is_refused_before_anything_is_built(tmp_path, monkeypatch):
    from rart.messages import Messages
    from rart_tools import build

    output = tmp_path / "output"
    output.mkdir()
    monkeypatch.setattr(build.os.path, "ismount", lambda path: Path(path) == output)
    text = build.check_output(output, Messages(ROOT / "translations", "it"))
    assert text is not None and "è un punto di montaggio" in text and "OUTPUTDIR=" in text


@pytest.mark.slow
def test_a_full_disk_stops_the_build_cleanly_and_keeps_output(tmp_path):
    settings = tiny_site(tmp_path)
    output = tmp_path / "output"
    before = old_site(output)
    status, log = run_build(settings, output, "disk-full", tmp_path)
    assert status == 1, log
    clean(log)
    assert "ERRORE il disco è pieno" in log and "è rimasto com'era" in log, log
    assert digest(output) == before
    assert not list(tmp_path.glob(STAGING_PREFIX + "*"))


@pytest.mark.slow
def test_a_build_killed_between_its_renames_then_a_failing_build_puts_output_back(tmp_path):
    settings = tiny_site(tmp_path)
    output = tmp_path / "output"
    before = old_site(output)
    status, log = run_build(settings, output, "kill-between-renames", tmp_path)
    assert status == -9, log  # SIGKILL, right after output/ was moved aside
    assert not output.exists()
    assert list(tmp_path.glob(f"{STAGING_PREFIX}*/previous/output"))
    # The next build stops for a content mistake: its message says output/ is as it was,
    # and so it is.
    (tmp_path / "content" / "pagine" / "rotta.md").write_text(BROKEN, encoding="utf-8")
    status, log = run_build(settings, output)
    assert status == 1, log
    clean(log)
    assert "mancava: una costruzione era stata interrotta" in log and "è rimasto com'era" in log, log
    assert digest(output) == before
    assert not list(tmp_path.glob(STAGING_PREFIX + "*"))
