#!/usr/bin/env python3
"""Build the site safely: `make html` and `make publish` run this.

    scripts/build.py [-s pelicanconf.py] [--content content] [-o output] [-e SETTING=JSON …]
                     [--check] [--debug]

Checks every content file first and prints every problem, in the editors' language, with file
and line; builds only when there is none, into a new folder that replaces output/ only once
Pelican has succeeded. Exit status: 0 built (or checked), 1 content or build errors, 2 usage.
Logic: plugins/content_checks/safebuild.py.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))


def main(argv=None) -> int:
    from content_checks import safebuild
    from content_checks.cli import add_site_arguments
    from content_checks.messages import ui_build

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_site_arguments(parser, ROOT, build=True)
    parser.add_argument("-o", "--output", help="output folder (default: the settings' OUTPUT_PATH)")
    parser.add_argument("--check", action="store_true", help="check the content only, build nothing")
    try:
        args = parser.parse_args(argv)
    except ValueError as error:  # a malformed -e value
        parser.error(str(error))
    if args.content:
        args.overrides["PATH"] = os.path.abspath(args.content)
    try:
        settings = safebuild.read_settings(args.settings, args.overrides)
    except Exception as error:  # noqa: BLE001 - the settings file is Python: say where it broke
        lang = "it"
        print(ui_build("settings-error", lang, file=args.settings, error=f"{type(error).__name__}: {error}"))
        if args.debug:
            raise
        return 1
    if args.check:
        return 0 if safebuild.validate(settings).ok else 1
    output = Path(args.output) if args.output else Path(settings["OUTPUT_PATH"])
    outcome = safebuild.build(settings, output, debug=args.debug)
    return 0 if outcome.ok else 1


if __name__ == "__main__":
    sys.exit(main())
