#!/usr/bin/env python3
"""`make devserver`: preview the site on http://localhost:8000 while editing.

    scripts/devserver.py [-s pelicanconf.py] [--content content] [-o output] [-p 8000]
                         [-b 127.0.0.1] [-e SETTING=JSON …] [--debug]

Builds once, serves output/, rebuilds after every save (the same checks as `make html`; a
failed rebuild keeps the previous site) and the open pages reload by themselves. Stop with
Ctrl+C. Logic: plugins/content_checks/devserver.py.
"""

import argparse
import os
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))


def main(argv=None) -> int:
    from content_checks.cli import add_site_arguments
    from content_checks.devserver import serve

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_site_arguments(parser, ROOT, build=True)
    parser.add_argument("-o", "--output", default=str(ROOT / "output"))
    parser.add_argument("-p", "--port", type=int, default=int(os.environ.get("PORT", 8000)))
    parser.add_argument("-b", "--bind", default="127.0.0.1", help="address to listen on (default: this computer only)")
    args = parser.parse_args(argv)
    if args.content:
        args.overrides["PATH"] = os.path.abspath(args.content)

    def stop(signum, frame):
        raise KeyboardInterrupt

    # Ctrl+C and `kill` both stop it cleanly, even when started in the background (where a
    # shell starts programs with Ctrl+C ignored).
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        return serve(Path(args.settings), args.overrides, Path(args.output), args.bind, args.port, args.debug)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
