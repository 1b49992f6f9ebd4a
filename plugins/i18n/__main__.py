"""`make i18n-status`: how complete each language is. Exits 1 when a language is incomplete."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from .languages import load_languages
from .status import catalog_counts, content_status, git_changed_at, git_text_unchanged


def main(argv: list[str]) -> int:
    root = Path(argv[1] if len(argv) > 1 else ".").resolve()
    settings = runpy.run_path(str(root / "pelicanconf.py"))
    languages = load_languages(settings["LANGUAGES"])
    statuses = content_status(Path(settings["PATH"]), languages, git_changed_at(root),
                              git_text_unchanged(root))
    complete = True
    print(f"{'lang':<5} {'interface':>12} {'fuzzy':>6} {'content':>10} {'stale':>6}")
    for code, status in statuses.items():
        po = Path(settings["I18N_TRANSLATIONS_DIR"]) / code / "LC_MESSAGES" / "messages.po"
        if po.exists():
            status.messages_total, status.messages_translated, status.fuzzy = catalog_counts(po)
        else:
            status.messages_total, status.messages_translated = 1, 0
        complete &= status.complete
        print(
            f"{code:<5} {status.messages_translated:>5}/{status.messages_total:<6}"
            f" {status.fuzzy:>6} {status.content_translated:>4}/{status.content_total:<5}"
            f" {len(status.stale):>6}  {'complete' if status.complete else 'INCOMPLETE'}"
        )
        for name in status.missing:
            print(f"      missing: {name}")
        for name in status.stale:
            print(f"      older than its source: {name}")
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
