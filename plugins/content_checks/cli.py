"""Command-line arguments the scripts in scripts/ share (build, devserver, new, translate)."""

from __future__ import annotations

import os
from pathlib import Path


def add_site_arguments(parser, root: Path, *, build: bool = False) -> None:
    """-s/--settings and --content for every script; with build=True also -e (settings
    overrides, as `pelican -e`) and --debug (Pelican's tracebacks), for the scripts that build."""
    parser.add_argument("-s", "--settings", default=str(root / "pelicanconf.py"))
    parser.add_argument("--content", help="content folder (default: the settings' PATH)")
    if build:
        from pelican import ParseOverrides

        parser.add_argument("-e", "--extra-settings", dest="overrides", nargs="*",
                            action=ParseOverrides, default={},
                            help="SETTING=VALUE pairs, VALUE in JSON, as for pelican -e")
        parser.add_argument("--debug", action="store_true", default=bool(os.environ.get("DEBUG")),
                            help="show Pelican's tracebacks (also: DEBUG=1)")
