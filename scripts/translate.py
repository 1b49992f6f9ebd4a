#!/usr/bin/env python3
"""`make translate FILE=content/pagine/obiettivi.md LANG=en`: write the translation's stub.

    scripts/translate.py [--content content] [-s pelicanconf.py] --lang LANG FILE

Writes content/<folder>/<key>.<lang>.md next to the original: the same fields, the text to
translate marked ✎ line by line, links to pages pointed at their translation when it exists.
Refuses languages the site does not have and never overwrites. Logic:
plugins/content_checks/scaffold.py.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))


def main(argv=None) -> int:
    from content_checks.cli import add_site_arguments
    from content_checks.safebuild import read_settings
    from content_checks.scaffold import ScaffoldError, translation_stub

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", default="")
    parser.add_argument("--lang", default="")
    add_site_arguments(parser, ROOT)
    args = parser.parse_args(argv)
    settings = read_settings(args.settings)
    content = Path(args.content) if args.content else Path(settings["PATH"])
    if not args.file:
        print("Non ho creato niente: manca il file. Esempio: make translate FILE=content/pagine/obiettivi.md LANG=en.")
        return 1
    try:
        path, text = translation_stub(Path(args.file), args.lang.strip(), content, settings)
    except ScaffoldError as problem:
        print(f"Non ho creato niente: {problem}.")
        return 1
    with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(text)
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    name = settings["LANGUAGES"][args.lang.strip()]["name"]
    print(f"Creato {shown} ({name}).")
    print("Ora aprilo e traduci ogni riga che comincia con ✎, poi togli il segno ✎.")
    print("Date, collegamenti e immagini sono già copiati; i collegamenti alle pagine puntano alla")
    print("loro traduzione, dove esiste. make html ti ricorda le righe ancora da tradurre.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
