"""`python -m rart_tools COMMAND …`: see the package's docstring, or `--help`."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import signal
import sys
from pathlib import Path

from rart.messages import Messages

ROOT = Path.cwd()
_built = False  # a build ran to its end in this process (cmd_build): nothing left to run at exit


def _settings(args) -> dict:
    from .build import read_settings

    overrides = dict(getattr(args, "overrides", {}) or {})
    if args.content:
        overrides["PATH"] = os.path.abspath(args.content)
    return read_settings(args.settings, overrides)


def cmd_build(args) -> int:
    from . import build

    try:
        settings = _settings(args)
    except Exception as error:
        messages = Messages(ROOT / "translations")
        print(messages.text("settings-error", file=args.settings, error=f"{type(error).__name__}: {error}"))
        if args.debug:
            raise
        return 1
    if args.command == "check":
        return 0 if build.validate(settings).ok else 1
    output = Path(args.output) if args.output else Path(settings["OUTPUT_PATH"])
    # A build keeps nearly everything it makes until it ends (content, pages, templates): at
    # the collector's default threshold (700 new objects) it walks them again and again for
    # little. Collected less often: 0.12 s of CPU instead of 0.44-0.49 in a cold build of the
    # bench's 2,132 files, the same peak memory. The reading workers inherit it when forked.
    gc.set_threshold(50_000, 20, 20)
    try:
        code = 0 if build.build(settings, output, debug=args.debug).ok else 1
    except OSError as error:  # build() reports its own folders' errors; this is the last net
        if args.debug:
            raise
        print(build.disk_message(error, Path(output).absolute(), Messages.for_settings(settings)))
        return 1
    global _built
    _built = True
    return code


def _leave(code: int) -> None:
    """End `python -m rart_tools build` now that every file is in place: the interpreter's
    own ending frees, one by one, the millions of objects a build made (0.67 s after a cold
    build of the bench's 2,132 files, with one core busy and the user waiting). build() has
    shut the worker pools down, removed its staging folders and committed the caches; the
    output streams and the log are flushed here. Only when run as a program: main() called
    from Python (the tests call it in their own process) returns as usual."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def cmd_serve(args, editing: bool = False) -> int:
    from .serve import serve

    def stop(signum, frame):
        raise KeyboardInterrupt

    # Ctrl+C and `kill` both stop it cleanly, even when started in the background (where a
    # shell starts programs with Ctrl+C ignored).
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    overrides = dict(args.overrides)
    if args.content:
        overrides["PATH"] = os.path.abspath(args.content)
    try:
        return serve(Path(args.settings), overrides, Path(args.output or "output"), args.bind,
                     args.port, args.debug, editing=editing)
    except KeyboardInterrupt:
        return 0


def cmd_edit(args) -> int:
    """`make edit`: the preview on 127.0.0.1 with the browser editor, which writes into the
    working tree (Sveltia's local mode: Chrome or Edge, no account, no server of its own)."""
    from .admin import bundle_dir

    settings = _settings(args)
    bundle = bundle_dir(settings)
    if bundle is None or not (bundle / "entry.js").is_file():
        print(Messages.for_settings(settings).text("edit-no-bundle"))
        return 1
    args.bind = "127.0.0.1"  # this computer only: the editor writes files
    return cmd_serve(args, editing=True)


def _write_new(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(text)


def _shown(path: Path) -> str:
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else str(path)


def cmd_new(args) -> int:
    from .scaffold import ScaffoldError, new_item

    settings = _settings(args)
    messages = Messages.for_settings(settings)
    content = Path(settings["PATH"])
    try:
        path, text = new_item(args.type, args.title, content, settings)
    except ScaffoldError as problem:
        print(messages.text("nothing-created", reason=messages.text(problem.code, **problem.params)))
        return 1
    _write_new(path, text)
    print(messages.text("new-created", file=_shown(path)))
    print(messages.text("new-next"))
    return 0


def cmd_translate(args) -> int:
    from rart.site import Site

    from .scaffold import ScaffoldError, translation_stub

    settings = _settings(args)
    messages = Messages.for_settings(settings)
    content = Path(settings["PATH"])
    lang = args.lang.strip()
    try:
        if not args.file:
            raise ScaffoldError("translate-no-file-given")
        path, text = translation_stub(Path(args.file), lang, content, settings)
    except ScaffoldError as problem:
        print(messages.text("nothing-created", reason=messages.text(problem.code, **problem.params)))
        return 1
    _write_new(path, text)
    language = Site.from_settings(settings).languages[lang].name
    print(messages.text("translate-created", file=_shown(path), language=language))
    print(messages.text("translate-next"))
    return 0


def cmd_todo(args) -> int:
    from rart.problems import format_report
    from rart.site import Site

    from .todo import claims_report, readability_report, report

    settings = _settings(args)
    messages = Messages.for_settings(settings)
    site = Site.from_settings(settings)
    lines = report(site)
    print(messages.text("todo-title") if lines else messages.text("todo-none"))
    for line in lines:
        print(f"  {line}")
    sources = Path(settings.get("SOURCES_PATH") or site.content_dir.resolve().parent / "docs" / "source")
    if sources.is_dir():
        problems, checked = claims_report(site, sources)
        print()
        if problems:
            print(messages.text("todo-sources"))
            print(format_report(problems, messages))
        else:
            print(messages.text("todo-sources-ok", files=messages.count("files", checked)))
    rows = readability_report(site)
    if rows:
        print()
        print(messages.text("todo-readability"))
        for row in rows:
            print(row)
    return 0


def cmd_epoch(args) -> int:
    """SOURCE_DATE_EPOCH for today's build: midnight of today in the site's time zone."""
    from .build import todays_epoch

    print(todays_epoch(_settings(args)))
    return 0


def cmd_status(args) -> int:
    from rart.catalogs import po_path
    from rart.messages import DOMAIN as EDITORS
    from rart.messages import LANGUAGES as EDITORS_LANGUAGES
    from rart.site import Site

    from .status import catalog_counts, content_status, git_changed_at, git_text_unchanged

    settings = _settings(args)
    site = Site.from_settings(settings)
    translations = Path(settings["I18N_TRANSLATIONS_DIR"])
    statuses = content_status(site.content_dir, site.languages, git_changed_at(ROOT),
                              git_text_unchanged(ROOT))
    complete = True
    print(f"{'lang':<5} {'interface':>12} {'editors':>9} {'fuzzy':>6} {'content':>10} {'stale':>6}")
    for code, status in statuses.items():
        counts = [(1, 0, 0)]  # a missing catalog counts as one untranslated message
        path = po_path(translations, code, "messages")
        if path.exists():
            counts = [catalog_counts(path)]
        editors = ""
        if code in EDITORS_LANGUAGES:
            path = po_path(translations, code, EDITORS)
            counts.append(catalog_counts(path) if path.exists() else (1, 0, 0))
            editors = f"{counts[-1][1]}/{counts[-1][0]}"
        status.messages_total = sum(c[0] for c in counts)
        status.messages_translated = sum(c[1] for c in counts)
        status.fuzzy = sum(c[2] for c in counts)
        complete &= status.complete
        print(
            f"{code:<5} {counts[0][1]:>5}/{counts[0][0]:<6} {editors:>9}"
            f" {status.fuzzy:>6} {status.content_translated:>4}/{status.content_total:<5}"
            f" {len(status.stale):>6}  {'complete' if status.complete else 'INCOMPLETE'}"
        )
        for name in status.missing:
            print(f"      missing: {name}")
        for name in status.stale:
            print(f"      older than its source: {name}")
    return 0 if complete else 1


def _site_arguments(parser, *, build: bool = False) -> None:
    """-s/--settings and --content for every command; with build=True also -e (settings
    overrides, as `pelican -e`) and --debug (Pelican's tracebacks)."""
    parser.add_argument("-s", "--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--content", help="content folder (default: the settings' PATH)")
    if build:
        from pelican import ParseOverrides

        parser.add_argument("-e", "--extra-settings", dest="overrides", nargs="*",
                            action=ParseOverrides, default={},
                            help="SETTING=VALUE pairs, VALUE in JSON, as for pelican -e")
        parser.add_argument("--debug", action="store_true", default=bool(os.environ.get("DEBUG")),
                            help="show Pelican's tracebacks (also: DEBUG=1)")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m rart_tools", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)
    for name, text in (("build", "check the content, then build the site"),
                       ("check", "check the content only, build nothing")):
        sub = commands.add_parser(name, help=text)
        _site_arguments(sub, build=True)
        sub.add_argument("-o", "--output", help="output folder (default: the settings' OUTPUT_PATH)")
        sub.set_defaults(run=cmd_build)
    sub = commands.add_parser("serve", help="preview on localhost, rebuilding on every save")
    _site_arguments(sub, build=True)
    sub.add_argument("-o", "--output", default="output")
    sub.add_argument("-p", "--port", type=int, default=int(os.environ.get("PORT", 8000)))
    sub.add_argument("-b", "--bind", default="127.0.0.1",
                     help="address to listen on (default: this computer only)")
    sub.set_defaults(run=cmd_serve)
    sub = commands.add_parser("edit", help="the preview with the browser editor, on 127.0.0.1 only")
    _site_arguments(sub, build=True)
    sub.add_argument("-o", "--output", default="output")
    sub.add_argument("-p", "--port", type=int, default=int(os.environ.get("PORT", 8000)))
    sub.set_defaults(run=cmd_edit)
    sub = commands.add_parser("new", help="a new content file: TYPE TITLE")
    sub.add_argument("type", nargs="?", default="")
    sub.add_argument("title", nargs="?", default="")
    _site_arguments(sub)
    sub.set_defaults(run=cmd_new)
    sub = commands.add_parser("translate", help="a translation's stub: --lang LANG FILE")
    sub.add_argument("file", nargs="?", default="")
    sub.add_argument("--lang", default="")
    _site_arguments(sub)
    sub.set_defaults(run=cmd_translate)
    for name, run, text in (("todo", cmd_todo, "what editors still have to fill in"),
                            ("status", cmd_status, "translation status per language"),
                            ("epoch", cmd_epoch, "SOURCE_DATE_EPOCH of today's midnight in the "
                                                 "site's time zone (the nightly build's date)")):
        sub = commands.add_parser(name, help=text)
        _site_arguments(sub)
        sub.set_defaults(run=run)
    return top


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    status = main()
    if _built:
        _leave(status)
    sys.exit(status)
