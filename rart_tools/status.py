"""Translation status, per language: interface catalog, content, and stale translations.

Pure functions over paths and timestamps; `python -m rart_tools status` (make i18n-status)
prints them. Two catalogs count: the interface's (messages.po, every language) and the
editors' messages (editors.po, the languages editors' messages exist in).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po

from rart.naming import split_stem


@dataclass
class LanguageStatus:
    code: str
    messages_total: int = 0
    messages_translated: int = 0
    fuzzy: int = 0
    content_total: int = 0
    content_translated: int = 0
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return (
            self.messages_translated == self.messages_total
            and not self.fuzzy
            and self.content_translated == self.content_total
            and not self.stale
        )


def catalog_counts(po_path: Path) -> tuple[int, int, int]:
    """(total, translated, fuzzy) messages of a .po file; the header is not a message."""
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    messages = [m for m in catalog if m.id]
    translated = [
        m for m in messages
        if (all(m.string) if isinstance(m.string, tuple) else m.string) and not m.fuzzy
    ]
    return len(messages), len(translated), sum(1 for m in messages if m.fuzzy)


def content_status(content_dir: Path, languages, changed_at, text_unchanged=None) -> dict[str, LanguageStatus]:
    """Counts translated items per language; a translation is stale when its source changed
    after it (``changed_at(path) -> float`` gives a file's last change, e.g. from git), unless
    ``text_unchanged(source, translation)`` says the change did not touch what translations
    translate (the claims ledger, `Source:`, is the Italian original's alone).
    ``languages`` is the site's `rart.languages.Languages`."""
    default = languages.default.code
    statuses = {code: LanguageStatus(code) for code in languages}
    sources, translations = {}, {}
    for path in sorted(content_dir.rglob("*.md")):
        key, lang = split_stem(path.name[: -len(path.suffix)], languages)
        if lang not in languages:
            continue
        ident = (path.parent.relative_to(content_dir).as_posix(), key)
        if lang == default:
            sources[ident] = path
        else:
            translations[(ident, lang)] = path
    for code, status in statuses.items():
        if code == default:
            status.content_total = status.content_translated = len(sources)
            continue
        for ident, source in sources.items():
            status.content_total += 1
            translation = translations.get((ident, code))
            if translation is None:
                status.missing.append(f"{ident[0]}/{ident[1]}")
                continue
            status.content_translated += 1
            if changed_at(source) > changed_at(translation) and not (
                text_unchanged and text_unchanged(source, translation)
            ):
                status.stale.append(translation.relative_to(content_dir).as_posix())
    return statuses


def git_changed_at(repo: Path):
    """A function giving each file's last commit time. A file with uncommitted edits counts
    as newest of all, so editing a source and its translation together is not stale. Git
    is asked twice in all (its status, and the log with each commit's files), not twice per
    file; without git, a file's modification time."""
    dirty: set[Path] = set()
    committed: dict[Path, float] = {}
    try:
        top = Path(_git(repo, "rev-parse", "--show-toplevel").strip())
        # -z: NUL-separated entries "XY path"; a rename or copy is followed by its old path.
        entries = iter(_git(top, "status", "--porcelain", "-z", "--untracked-files=all").split("\0"))
        for entry in entries:
            if len(entry) > 3:
                dirty.add((top / entry[3:]).resolve())
                if "R" in entry[:2] or "C" in entry[:2]:
                    next(entries, None)
        # Newest commit first: a file's first appearance is its last change.
        for record in _git(top, "-c", "core.quotePath=false", "log", "--format=%x1e%ct",
                           "--name-only").split("\x1e"):
            lines = [line for line in record.split("\n") if line]
            for name in lines[1:]:
                committed.setdefault((top / name).resolve(), float(lines[0]))
    except (OSError, subprocess.CalledProcessError, ValueError):
        pass

    def changed_at(path: Path) -> float:
        resolved = Path(path).resolve()
        if resolved in dirty:
            return float("inf")
        return committed.get(resolved) or path.stat().st_mtime

    return changed_at


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                          check=True).stdout


# The Source field and its indented continuation lines, in a file's header.
_LEDGER = re.compile(r"^source:[^\n]*\n(?:[ ]{4,}[^\n]*\n)*", re.IGNORECASE | re.MULTILINE)


def without_ledger(text: str) -> str:
    """A content file's text without its claims ledger (the Source field of the header)."""
    header, blank, body = text.replace("\r\n", "\n").partition("\n\n")
    return _LEDGER.sub("", header + "\n")[:-1] + blank + body


def git_text_unchanged(repo: Path):
    """(source, translation) -> True when the source, its Source field aside, reads now as it
    did when the translation was last committed: a fix to the ledger alone leaves the
    translations up to date."""
    repo = Path(repo).resolve()

    def unchanged(source: Path, translation: Path) -> bool:
        commit = subprocess.run(
            ["git", "log", "-1", "--format=%H", "--", str(translation)],
            cwd=repo, capture_output=True, text=True,
        ).stdout.strip()
        if not commit:
            return False
        rel = Path(source).resolve().relative_to(repo).as_posix()
        old = subprocess.run(["git", "show", f"{commit}:{rel}"], cwd=repo, capture_output=True, text=True)
        if old.returncode != 0:
            return False
        return without_ledger(old.stdout) == without_ledger(Path(source).read_text(encoding="utf-8"))

    return unchanged
