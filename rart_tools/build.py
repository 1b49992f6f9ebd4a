"""The safe build behind `make html`, `make publish` and `make devserver`: nothing is lost and
no traceback reaches an editor.

1. Validate every content file (plugins/content_checks). Any error: print them all, stop; output/ is not
   touched and Pelican does not run.
2. Run Pelican in this process into a new folder next to output/ (same filesystem).
3. Pelican failed (an error logged or an exception): delete that folder, stop; output/ is
   untouched. Succeeded: swap it into place with two renames (output/ aside, new in place),
   then delete the previous one.

The staging folders are `.build-*/output` beside the output folder: `.gitignore` already
ignores every folder named output, and a folder left by a killed build is cleaned up (or, if
the kill came between the two renames, put back) by the next build.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from babel.numbers import format_decimal

from plugins.content_checks.config import load_config
from plugins.content_checks.validate import validate_site
from rart.messages import Messages
from rart.problems import format_report

STAGING_PREFIX = ".build-"
STALE_AFTER_SECONDS = 3600  # a staging folder this old belongs to no running build


@dataclass
class Outcome:
    ok: bool
    stage: str  # "settings", "content", "pelican", "done"
    report: str = ""  # what editors read
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)  # one entry per problem, for the devserver


class _Collector(logging.Handler):
    """Pelican's log, printed plainly (no traceback unless debugging) and counted."""

    def __init__(self, stream, debug: bool, messages: Messages):
        super().__init__(logging.INFO if debug else logging.WARNING)
        self.stream, self.debug, self.messages = stream, debug, messages
        self.errors: list[str] = []

    def emit(self, record):
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed log call must not stop the build
            message = str(record.msg)
        if record.levelno >= logging.ERROR:
            label = self.messages.text("pelican-error")
        elif record.levelno >= logging.WARNING:
            label = self.messages.text("pelican-warning")
        else:
            label = "Pelican:"
        text = f"{label} {message}"
        if self.debug and record.exc_info:
            text += "\n" + "".join(traceback.format_exception(*record.exc_info))
        if record.levelno >= logging.ERROR:
            self.errors.append(message)
        print(text, file=self.stream)


def read_settings(settings_file: str | os.PathLike, overrides: dict | None = None) -> dict:
    import locale

    from pelican.settings import read_settings as pelican_read_settings

    try:
        locale.setlocale(locale.LC_ALL, "")
    except locale.Error:
        # `make translate LANG=en` puts LANG=en in the environment, which is no locale: Pelican
        # would warn about it. The build never uses the system's locale (Babel formats dates).
        for name in ("LC_ALL", "LANG"):
            os.environ.pop(name, None)
    return pelican_read_settings(str(settings_file), override=dict(overrides or {}))


# SOURCE_DATE_EPOCH as this process found it: given by the caller (CI), it is kept; absent,
# each build takes today's midnight (rebuilds of a preview left running overnight move on).
GIVEN_EPOCH = os.environ.get("SOURCE_DATE_EPOCH")


def todays_epoch(settings: dict) -> int:
    """Midnight of today in the site's time zone, as a Unix time: the date every build of
    the day shares, so events move to the past list on the first build after they end and
    two builds of one day are byte-identical (rart.clock reads it back)."""
    import datetime as dt

    from rart.events import midnight
    from rart.site import Site

    zone = Site.from_settings(settings).zone
    return midnight(dt.datetime.now(zone).date(), zone)


def set_build_date(settings: dict) -> None:
    if not GIVEN_EPOCH:
        os.environ["SOURCE_DATE_EPOCH"] = str(todays_epoch(settings))


def validate(settings: dict, stream=None) -> Outcome:
    """Step 1 alone: every problem printed; ok when there is no error (warnings are advice)."""
    from .renames import renamed_files

    stream = stream or sys.stdout
    config = load_config(settings, renames=renamed_files(Path(settings["PATH"])))
    result = validate_site(config)
    report = format_report(result.problems, config.messages, result.checked_files)
    print(report, file=stream)
    errors = [p.format(config.messages) for p in result.errors]
    return Outcome(not errors, "content" if errors else "done", report, errors=errors)


def build(settings: dict, output: Path, stream=None, debug: bool = False) -> Outcome:
    """Validate, then build into a staging folder and swap it into `output`."""
    stream = stream or sys.stdout
    started = time.monotonic()
    messages = Messages.for_settings(settings)
    set_build_date(settings)
    checked = validate(settings, stream)
    if not checked.ok:
        return checked
    output = Path(output).absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    recover(output)
    staging_root = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=output.parent))
    staging = staging_root / output.name
    try:
        errors = _run_pelican(settings, staging, stream, debug, messages)
        if errors:
            print(messages.text("failed-pelican", output=_shown(output)), file=stream)
            return Outcome(False, "pelican", errors=errors, seconds=time.monotonic() - started)
        swap_into_place(staging, output, staging_root / "previous" / output.name)
    finally:
        shutil.rmtree(staging_root, ignore_errors=True)
    seconds = time.monotonic() - started
    shown_seconds = format_decimal(round(seconds, 1), locale=messages.locale)
    print(messages.text("built", output=_shown(output), seconds=shown_seconds), file=stream)
    return Outcome(True, "done", seconds=seconds)


def _run_pelican(settings: dict, staging: Path, stream, debug: bool, messages: Messages) -> list[str]:
    """Run Pelican into `staging`; returns the errors (logged or raised), [] on success."""
    from pelican import Pelican
    from pelican.log import console

    settings = dict(settings)
    settings["OUTPUT_PATH"] = str(staging)
    settings["CONTENT_CHECKS_IN_PELICAN"] = False  # just done, on the same files
    collector = _Collector(stream, debug, messages)
    root = logging.getLogger()
    previous_level, previous_quiet = root.level, console.quiet
    root.addHandler(collector)
    root.setLevel(collector.level)
    console.quiet = True  # Pelican's English "Done: Processed …"; we print our own line
    try:
        Pelican(settings).run()
    except Exception as error:  # noqa: BLE001 - reported plainly below, never as a traceback
        collector.errors.append(f"{type(error).__name__}: {error}")
        print(messages.text("pelican-crashed", error=f"{type(error).__name__}: {error}"), file=stream)
        if debug:
            traceback.print_exc(file=stream)
    finally:
        root.removeHandler(collector)
        root.setLevel(previous_level)
        console.quiet = previous_quiet
    return collector.errors


def swap_into_place(new: Path, target: Path, aside: Path) -> None:
    """Put the folder `new` where `target` is. Both renames stay on one filesystem, so
    `target` is never half-written: it holds the previous build until the first rename and the
    new one from the second; `recover` puts the previous one back if the process dies between."""
    aside.parent.mkdir(parents=True, exist_ok=True)
    had_previous = target.exists()
    if had_previous:
        os.rename(target, aside)
    try:
        os.rename(new, target)
    except OSError:
        if had_previous:
            os.rename(aside, target)
        raise
    if had_previous:
        shutil.rmtree(aside, ignore_errors=True)


def recover(target: Path) -> None:
    """Tidy what a killed build left next to `target`: put the previous output back if it was
    caught between the two renames, delete old staging folders."""
    for leftover in sorted(target.parent.glob(STAGING_PREFIX + "*")):
        previous = leftover / "previous" / target.name
        if not target.exists() and previous.is_dir():
            os.rename(previous, target)
        try:
            age = time.time() - leftover.stat().st_mtime
        except OSError:
            continue
        if age > STALE_AFTER_SECONDS:
            shutil.rmtree(leftover, ignore_errors=True)


def _shown(path: Path) -> str:
    """output/ when it is under the current folder (as `make` runs), else the full path."""
    try:
        return str(path.relative_to(Path.cwd())) + "/"
    except ValueError:
        return str(path) + "/"
