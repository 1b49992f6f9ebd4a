"""The safe build behind `make html`, `make publish` and `make devserver`: nothing is lost and
no traceback reaches an editor.

1. Validate every content file (plugins/content_checks). Any error: print them all, stop; output/ is not
   touched and Pelican does not run.
2. Run Pelican in this process into a new folder next to output/ (same filesystem), with
   Pelican's reader cache on: a Markdown file unchanged since the last build is not read
   again (contentcache.py says when the cache is valid). Then add the browser editor's
   /admin/ when its bundle is built (admin.py).
3. Pelican failed (an error logged or an exception): delete that folder, stop; output/ is
   untouched. Succeeded: swap it into place with two renames (output/ aside, new in place),
   then delete the previous one.

The staging folders are `.build-<pid>-*/output` beside the output folder: `.gitignore` already
ignores every folder named output. A folder left by a killed build (its process is gone) is
put back, if the kill came between the two renames, and deleted by the next build, before it
checks anything: a build that then stops for a content error leaves the previous site in place,
as its message says.

The disk (permissions, a full disk, output/ a file or a mount point) never ends in a traceback:
every OSError of the build's own folders is reported in the editors' language, naming the
folder and what to do, with output/ as it was (`disk_message`).
"""

from __future__ import annotations

import contextlib
import errno
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

from . import github
from .admin import write_admin
from .coldread import ColdRead
from .contentcache import ContentCache
from .searchindex import publish_steps

STAGING_PREFIX = ".build-"
STALE_AFTER_SECONDS = 3600  # a staging folder this old belongs to no running build
DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
NO_PERMISSION = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


@dataclass
class Outcome:
    ok: bool
    stage: str  # "settings", "content", "pelican", "disk", "interrupted", "done"
    report: str = ""  # what editors read
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)  # one entry per problem, for the devserver
    site: object = None  # with keep_site: what Pelican read (incremental.LiveSite)


class Interrupted(BaseException):
    """Raised from inside Pelican to abandon a build that newer changes made useless. A
    BaseException, so that Pelican's `except Exception` around each file lets it through."""


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


def validate(settings: dict, stream=None, checks=validate_site, config=None) -> Outcome:
    """Step 1 alone: every problem printed; ok when there is no error (warnings are advice).
    ``checks`` is validate_site or what stands for it (incremental.IncrementalChecks);
    ``config``, the checks' configuration when the caller keeps one (the preview). Files
    renamed since the base branch (renames.py, from git) need their old address in Aliases."""
    from .renames import renamed_files

    stream = stream or sys.stdout
    config = config or load_config(settings, renames=renamed_files(Path(settings["PATH"])))
    result = checks(config)
    report = format_report(result.problems, config.messages, result.checked_files)
    print(report, file=stream)
    github.report(list(result.problems), report, config.messages, stream)
    errors = [p.format(config.messages) for p in result.errors]
    return Outcome(not errors, "content" if errors else "done", report, errors=errors)


def build(settings: dict, output: Path, stream=None, debug: bool = False, checks=validate_site,
          interrupt=None, keep_site: bool = False) -> Outcome:
    """Validate, then build into a staging folder and swap it into `output`.

    For the preview (serve.py): ``checks`` replaces validate_site; ``interrupt`` (a
    threading.Event) abandons the build when set, leaving `output` as it was; ``keep_site``
    returns what Pelican read in Outcome.site."""
    stream = stream or sys.stdout
    started = time.monotonic()
    messages = Messages.for_settings(settings)
    set_build_date(settings)
    output = Path(output).absolute()
    # First what a killed build left: the message of a failed check must be true of output/.
    try:
        problem = check_output(output, messages)
        if problem is None and recover(output):
            print(messages.text("output-restored", output=_shown(output)), file=stream)
    except OSError as error:
        problem = disk_message(error, output, messages)
    if problem is not None:
        print(problem, file=stream)
        return Outcome(False, "disk", problem, errors=[problem])
    cache = ContentCache(settings)
    if checks is validate_site:  # a file's own checks again only if it changed
        from .incremental import IncrementalChecks

        checks = IncrementalChecks(cache.checks)
    # A cold build reads its Markdown in worker processes while this one checks the content
    # (coldread.py).
    cold = ColdRead(settings, cache.shared)
    try:
        return _build(settings, output, stream, debug, checks, interrupt, keep_site, started,
                      messages, cache, cold)
    finally:
        cold.close()
        _phase("workers stopped", started)


def _phase(name: str, started: float) -> None:
    """With RART_PHASES set in the environment (the benches), the time each step ended at."""
    if os.environ.get("RART_PHASES"):
        import resource

        own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                               resource.RUSAGE_CHILDREN))
        print(f"phase {name}: {time.monotonic() - started:.2f} s; CPU of this process "
              f"{own.ru_utime + own.ru_stime:.2f} s (system {own.ru_stime:.2f}), of its "
              f"finished children {children.ru_utime + children.ru_stime:.2f} s (system "
              f"{children.ru_stime:.2f})", file=sys.stderr)


def _build(settings, output, stream, debug, checks, interrupt, keep_site, started, messages,
           cache, cold) -> Outcome:
    checked = validate(settings, stream, checks)
    _phase("checked", started)
    if hasattr(checks, "save"):
        with contextlib.suppress(OSError):  # a cache not saved (a full disk) only costs time
            checks.save()
    if not checked.ok:
        if not output.exists():
            print(messages.text("output-missing", output=_shown(output)), file=stream)
        return checked
    if interrupt is not None and interrupt.is_set():
        return Outcome(False, "interrupted")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        # The process id in the name: the next build knows whether its build is still running.
        staging_root = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=output.parent))
    except OSError as error:
        return _disk_failure(error, output, messages, stream, started)
    staging = staging_root / output.name
    try:
        cache.prepare(staging_root)
        cold.write(cache.private)
        _phase("read in workers", started)
        pelican_settings = {**settings, **cache.settings()}
        after = None
        if settings.get("SEARCH_INDEX_CACHE_PATH"):
            # The search index (from its cache when the pages did not change) and compression,
            # once Pelican is done: searchindex.py.
            pelican_settings.update(PUBLISHING_SEARCH_INDEX=False, PUBLISHING_PRECOMPRESS=False)
            after = lambda: publish_steps(settings, staging)  # noqa: E731
        run = _run_pelican(pelican_settings, staging, stream, debug, messages, interrupt, after,
                           started)
        if run.interrupted:
            return Outcome(False, "interrupted", seconds=time.monotonic() - started)
        if run.errors:
            print(messages.text("failed-pelican", output=_shown(output)), file=stream)
            return Outcome(False, "pelican", errors=run.errors, seconds=time.monotonic() - started)
        write_admin(settings, staging)  # /admin/, when the editor's bundle is there
        swap_into_place(staging, output, staging_root / "previous" / output.name)
        with contextlib.suppress(OSError):  # the site is in place; a cache not kept costs time
            cache.commit()
    except OSError as error:
        return _disk_failure(error, output, messages, stream, started)
    finally:
        previous = staging_root / "previous" / output.name
        if not output.exists() and previous.is_dir():  # never leave without the previous site
            with contextlib.suppress(OSError):
                os.rename(previous, output)
        shutil.rmtree(staging_root, ignore_errors=True)
    seconds = time.monotonic() - started
    shown_seconds = format_decimal(round(seconds, 1), locale=messages.locale)
    print(messages.text("built", output=_shown(output), seconds=shown_seconds), file=stream)
    site = None
    if keep_site and run.generators and run.writer is not None:
        from .incremental import LiveSite

        site = LiveSite(run.generators, run.writer, output)
    return Outcome(True, "done", seconds=seconds, site=site)


@dataclass
class _Run:
    errors: list[str]
    interrupted: bool = False
    generators: list = field(default_factory=list)
    writer: object = None


def _run_pelican(settings: dict, staging: Path, stream, debug: bool, messages: Messages,
                 interrupt=None, after=None, started: float = 0.0) -> _Run:
    """Run Pelican into `staging`, then ``after()`` if it succeeded; returns the errors
    (logged or raised, none on success), and what Pelican read and wrote with."""
    from pelican import Pelican, signals
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
    run = _Run(collector.errors)

    def keep_generators(generators):
        run.generators = generators
        _phase("Pelican read", started)

    def keep_writer(generator, writer):
        run.writer = writer

    def check_interrupt(*args, **kwargs):
        if interrupt is not None and interrupt.is_set():
            raise Interrupted

    receivers = [(signals.all_generators_finalized, keep_generators),
                 (signals.article_writer_finalized, keep_writer),
                 (signals.content_object_init, check_interrupt),
                 (signals.content_written, check_interrupt)]
    for signal, receiver in receivers:
        signal.connect(receiver)
    try:
        Pelican(settings).run()
        _phase("Pelican wrote", started)
        if after is not None and not collector.errors:
            after()
            _phase("search index", started)
    except Interrupted:
        run.interrupted = True
    except OSError as error:
        if error.errno in DISK_FULL | NO_PERMISSION:
            raise  # the disk, not the site: build() says so (disk_message)
        collector.errors.append(f"{type(error).__name__}: {error}")
        print(messages.text("pelican-crashed", error=f"{type(error).__name__}: {error}"), file=stream)
    except Exception as error:  # noqa: BLE001 - reported plainly below, never as a traceback
        collector.errors.append(f"{type(error).__name__}: {error}")
        print(messages.text("pelican-crashed", error=f"{type(error).__name__}: {error}"), file=stream)
        if debug:
            traceback.print_exc(file=stream)
    finally:
        for signal, receiver in receivers:
            signal.disconnect(receiver)
        root.removeHandler(collector)
        root.setLevel(previous_level)
        console.quiet = previous_quiet
    return run


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


def recover(target: Path, pid: int | None = None) -> bool:
    """Tidy what killed builds left next to `target`: put the previous output back if one was
    caught between the two renames, delete the staging folders of builds whose process is gone
    (``pid``: a build known to be dead, as the preview knows of the builds it stops) and any
    older than STALE_AFTER_SECONDS. A running build's folder is left alone. True when the
    previous output was put back."""
    restored = False
    if not target.parent.is_dir():
        return restored
    for leftover in sorted(target.parent.glob(STAGING_PREFIX + "*")):
        owner = _owner(leftover.name)
        # A name without a process id was not written by this build: only its age counts.
        dead = owner is not None and (owner == pid or not _running(owner))
        previous = leftover / "previous" / target.name
        if (dead or owner is None) and not target.exists() and previous.is_dir():
            os.rename(previous, target)
            restored = True
        try:
            age = time.time() - leftover.stat().st_mtime
        except OSError:
            continue
        if dead or age > STALE_AFTER_SECONDS:
            shutil.rmtree(leftover, ignore_errors=True)
    return restored


def _owner(name: str) -> int | None:
    """The process id in a staging folder's name (.build-<pid>-…), None if it has none."""
    number = name[len(STAGING_PREFIX):].split("-", 1)[0]
    return int(number) if number.isdigit() else None


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # another user's process
    return True


def check_output(output: Path, messages: Messages) -> str | None:
    """What makes `output` unusable before anything is built: not a folder, or a mount point
    (the swap renames it, which a mount point refuses)."""
    if output.exists() or output.is_symlink():
        if not output.is_dir():
            return messages.text("output-not-folder", output=_shown(output))
        if os.path.ismount(output):
            return messages.text("output-mount-point", output=_shown(output))
    return None


def disk_message(error: OSError, output: Path, messages: Messages) -> str:
    """An OSError of the build's folders, for editors: which folder, what is wrong, what to do."""
    where = Path(os.fsdecode(error.filename)) if error.filename else output.parent
    if any(part.startswith(STAGING_PREFIX) for part in where.parts):
        where = output.parent  # the build's own work folder: editors know the folder it is in
    if error.errno in DISK_FULL:
        code = "disk-full"
    elif error.errno in NO_PERMISSION:
        code = "disk-permission"
    else:
        code = "disk-error"
    return messages.text(code, path=_shown(where).rstrip("/"), output=_shown(output),
                         error=error.strerror or type(error).__name__)


def _disk_failure(error: OSError, output: Path, messages: Messages, stream, started: float) -> Outcome:
    text = disk_message(error, output, messages)
    if not output.exists():
        text += "\n" + messages.text("output-missing", output=_shown(output))
    print(text, file=stream)
    return Outcome(False, "disk", text, seconds=time.monotonic() - started, errors=[text])


def _shown(path: Path) -> str:
    """output/ when it is under the current folder (as `make` runs), else the full path."""
    try:
        return str(path.relative_to(Path.cwd())) + "/"
    except ValueError:
        return str(path) + "/"
