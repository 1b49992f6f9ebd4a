"""The set-up `make html` and `make test` do on a fresh machine (scripts/bootstrap.sh): .venv is
either complete or absent, and a missing system package is named in one line. Each test runs
the script on a copy of it in a temporary project, with requirement files that install
nothing: seconds, not the minutes of the real packages."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYTHON = getattr(sys, "_base_executable", sys.executable)
VERSION = f"{sys.version_info[0]}.{sys.version_info[1]}"
NOTHING = "# installs nothing\n"
MISSING = "rart-does-not-exist==1.0 --hash=sha256:" + "0" * 64 + "\n"


def no_installer_path(tmp_path: Path) -> str:
    """A PATH with every program of this machine but apt-get and sudo: a machine where the
    scripts cannot install system packages and must say what to install."""
    farm = tmp_path / "bin"
    farm.mkdir()
    for folder in os.environ["PATH"].split(os.pathsep):
        if not os.path.isdir(folder):
            continue
        for name in os.listdir(folder):
            if name.startswith("apt") or name == "sudo" or (farm / name).exists():
                continue
            target = Path(folder) / name
            if target.is_file() and os.access(target, os.X_OK):
                (farm / name).symlink_to(target)
    return str(farm)


def debian_python_without_venv(tmp_path: Path) -> Path:
    """A python3 as Debian ships it without python3.X-venv: ensurepip cannot be imported, and
    `-m venv` creates the folder, then fails (Debian's own message)."""
    shadow = tmp_path / "shadow" / "ensurepip"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('ensurepip is not available')\n")
    fake = tmp_path / "python3"
    fake.write_text(
        "#!/bin/sh\n"
        'if [ "$1 $2" = "-m venv" ]; then\n'
        "  shift 2\n"
        f'  "{PYTHON}" -m venv --without-pip "$@"\n'
        '  echo "The virtual environment was not created successfully because ensurepip is not available." >&2\n'
        "  exit 1\n"
        "fi\n"
        f'PYTHONPATH="{shadow.parent}" exec "{PYTHON}" "$@"\n'
    )
    fake.chmod(0o755)
    return fake


def project(tmp_path: Path, runtime: str = NOTHING, dev: str = NOTHING) -> Path:
    """A copy of the bootstrap and its library in an empty project."""
    site = tmp_path / "site"
    (site / "scripts" / "lib").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "bootstrap.sh", site / "scripts")
    shutil.copy(ROOT / "scripts" / "lib" / "packages.sh", site / "scripts" / "lib")
    (site / "requirements.txt").write_text(runtime)
    (site / "requirements-dev.txt").write_text(dev)
    return site


def environment(**extra: str) -> dict[str, str]:
    """This environment without make's variables; pip looks at no package index."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    return {**env, "PY": PYTHON, "PIP_NO_INDEX": "1", **extra}


def bootstrap(site: Path, profile: str = "runtime") -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(site / "scripts" / "bootstrap.sh"), profile],
                          capture_output=True, text=True, env=environment(), timeout=300)


def test_without_ensurepip_make_names_the_package_in_one_line_and_leaves_no_venv(tmp_path):
    """Issue 10: on Debian without python3.X-venv, `make html` left a .venv without pip that
    every later run trusted. Where nothing can be installed, it now stops before creating it."""
    venv = tmp_path / "venv"
    result = subprocess.run(["make", "--no-print-directory", "venv", f"VENV={venv}",
                             f"PY={debian_python_without_venv(tmp_path)}"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300,
                            env=environment(PATH=no_installer_path(tmp_path)))
    assert result.returncode != 0
    assert not venv.exists()
    lines = [line for line in result.stderr.splitlines() if not line.startswith("make")]
    assert len(lines) == 1, result.stderr
    assert f"apt-get install python{VERSION}-venv" in lines[0]


@pytest.mark.slow  # creates virtual environments: 15-40 s
def test_a_failed_install_removes_the_half_made_venv(tmp_path):
    site = project(tmp_path, runtime=MISSING)
    failed = bootstrap(site)
    assert failed.returncode != 0
    assert not (site / ".venv").exists()
    assert "the next make starts it again" in failed.stderr


@pytest.mark.slow  # creates virtual environments: 15-40 s
def test_a_venv_is_reused_updated_in_place_and_not_trusted_after_a_killed_update(tmp_path):
    """Issue 10: `make` killed during the pip install (SIGKILL: no clean-up runs) must leave
    nothing the next run trusts. Here pip waits on a package index that never answers, so the
    kill lands in the middle of the install."""
    site = project(tmp_path)
    first = bootstrap(site, "dev")
    assert first.returncode == 0, first.stderr
    config = site / ".venv" / "pyvenv.cfg"
    created = config.stat().st_mtime_ns
    for profile in ("runtime", "dev"):
        again = bootstrap(site, profile)
        assert (again.returncode, again.stdout, again.stderr) == (0, "", "")

    (site / "requirements-dev.txt").write_text(NOTHING + "# changed\n")
    changed = bootstrap(site, "dev")
    assert changed.returncode == 0, changed.stderr
    assert "Installing the pinned Python packages (dev)" in changed.stdout
    assert config.stat().st_mtime_ns == created  # the same .venv, updated in place

    (site / "requirements.txt").write_text(MISSING)
    with socket.socket() as index:
        index.bind(("127.0.0.1", 0))
        index.listen()
        run = subprocess.Popen(["bash", str(site / "scripts" / "bootstrap.sh"), "dev"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=environment(PIP_FIND_LINKS=f"http://127.0.0.1:{index.getsockname()[1]}/"),
                               start_new_session=True)
        try:
            assert "Installing the pinned Python packages" in run.stdout.readline()
            time.sleep(1)
            assert run.poll() is None
            assert config.is_file()
            assert not (site / ".venv" / ".runtime").exists()
            assert not (site / ".venv" / ".dev").exists()
        finally:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()

    (site / "requirements.txt").write_text(NOTHING)
    result = bootstrap(site, "runtime")
    assert result.returncode == 0, result.stderr
    assert "an earlier set-up did not finish" in result.stdout
    assert (site / ".venv" / ".runtime").is_file()
    pip = subprocess.run([str(site / ".venv" / "bin" / "python"), "-m", "pip", "--version"],
                         capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr



def test_a_missing_library_is_seen_by_a_user_without_sbin_in_path():
    """Issue 10: system-fonts.sh ran `ldconfig` only if it was on PATH; for an ordinary user on
    Debian (no /sbin in PATH) FriBiDi then always counted as installed, and the deploy's
    `make publish` stopped later, in Pillow."""
    def have(name: str) -> int:
        return subprocess.run(["bash", "-c", f'source scripts/lib/packages.sh; have_library "{name}"'],
                              cwd=ROOT, env={**environment(), "PATH": "/usr/local/bin:/usr/bin:/bin"}).returncode
    assert have("libc.so.6") == 0
    assert have("librart-missing.so.0") == 1

# --- The same set-up, proven in CI -----------------------------------------------------------
def workflow_jobs() -> dict[str, str]:
    """The text of each job in .github/workflows/site.yml, by id (ids sit at two spaces)."""
    text = (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    body = text.split("\njobs:\n", 1)[1]
    parts = re.split(r"^  ([a-z][\w-]*):\n", body, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def readme_commands() -> list[str]:
    """The commands of the README's "Two commands" block, without their comments."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Two commands\n.*?```sh\n(.*?)```", readme, re.S).group(1)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]


def test_ci_runs_the_readme_commands_in_bare_debian_containers():
    jobs = workflow_jobs()
    fresh = [job for job in jobs.values() if re.search(r"^    container:", job, re.M)]
    assert fresh, "no container job in site.yml"
    images = set(re.findall(r"(debian:[\w.-]+|ubuntu:[\w.-]+)", "".join(fresh)))
    assert "debian:bookworm-slim" in images
    assert images & {"debian:trixie-slim", "ubuntu:24.04"}
    for job in fresh:
        installs = re.findall(r"apt-get install [^\n]*?((?:\s+[a-z][\w.+-]*)+)\s*$", job, re.M)
        assert [sorted(i.split()) for i in installs] == [sorted(["python3", "make", "git", "ca-certificates"])]
        assert "uses: actions/setup-" not in job and "actions/cache" not in job
        runs = [r.strip() for r in re.findall(r"^\s+run: ([^|\n]+)$", job, re.M)]
        assert [r.removeprefix("CI=true ") for r in runs] == readme_commands()
        assert "CI=true make test" in runs


def test_ci_keeps_the_image_cache_keyed_by_the_pipeline_settings():
    jobs = workflow_jobs()
    for name in ("test", "deploy"):
        cache = re.search(r"uses: actions/cache@\S+\n\s+with:\n((?:\s{10}.*\n)+)", jobs[name])
        assert cache, f"{name}: no actions/cache step"
        settings = cache.group(1)
        assert re.search(r"^\s+path: cache$", settings, re.M)
        key = re.search(r"^\s+key: (.*)$", settings, re.M).group(1)
        assert all(f"'{path}'" in key for path in ("pelicanconf.py", "requirements.txt", "plugins/images/**"))
