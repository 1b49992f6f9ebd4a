#!/usr/bin/env python3
"""`make new TYPE=news TITLE="Una notizia"`: write a new content file from its type's template.

    scripts/new.py [--content content] [-s pelicanconf.py] TYPE TITLE

TYPE: news (notizia), campaign (campagna), member (ente), page (pagina), achievement
(risultato). The file is content/<folder>/<title-in-kebab-case>.md, with every field of the
contract and today's date; an existing file is never overwritten. Logic:
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
    from content_checks.scaffold import ScaffoldError, new_item

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("type", nargs="?", default="")
    parser.add_argument("title", nargs="?", default="")
    add_site_arguments(parser, ROOT)
    args = parser.parse_args(argv)
    settings = read_settings(args.settings)
    content = Path(args.content) if args.content else Path(settings["PATH"])
    try:
        path, text = new_item(args.type, args.title, content, settings)
    except ScaffoldError as problem:
        print(f"Non ho creato niente: {problem}.")
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(text)
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    print(f"Creato {shown}.")
    print("Ora aprilo e:")
    print("  1. scrivi il riassunto dopo «Summary:» (una o due frasi);")
    print("  2. scrivi il testo al posto della riga che comincia con ✎;")
    print("  3. completa gli altri campi che conosci; quelli vuoti si possono lasciare vuoti;")
    print("  4. guarda l'anteprima con make devserver (http://localhost:8000).")
    print("Finché resta qualcosa da scrivere, make html te lo ricorda con la riga esatta.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
