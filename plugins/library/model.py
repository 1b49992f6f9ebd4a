"""The materials library as readers see it: every file of the site to download, grouped by
the campaign or page it belongs to, filterable by the language of the files. Pure: no
Pelican, no writing; plugins/library/__init__.py gives it what the build published."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LibraryFile:
    url: str  # from the site root, no leading slash
    lang: str  # the language of the file's text
    title: str  # what the file is, in the file's language (a label, or the file name)
    kind: str  # what readers see as its type: "PDF", "DOCX", "ODT", "TXT", "JPEG", …
    size: int  # bytes, as published
    format: str = ""  # "poster", "flyer" for the generated sheets; "" for editors' files


@dataclass
class Group:
    """The files of one campaign or page (title and url of its page in the reader's language
    when it has one), or the files no page lists (title and url empty)."""

    title: str
    url: str
    lang: str
    files: list[LibraryFile] = field(default_factory=list)


def arrange(groups: Iterable[Group], order: list[str], lang: str) -> list[Group]:
    """Groups whose page is in the reader's language `lang` first, then by title (the files
    no page lists last); each group's files by language in the language table's order, then
    by title, the poster before the flyer."""
    rank = {code: n for n, code in enumerate(order)}
    out = []
    for group in groups:
        files = sorted(group.files, key=lambda f: (rank.get(f.lang, len(rank)), f.format != "poster",
                                                   f.title.casefold(), f.url))
        out.append(Group(group.title, group.url, group.lang, files))
    return sorted((g for g in out if g.files),
                  key=lambda g: (not g.title, g.lang != lang, g.title.casefold(), g.url))


def languages_of(groups: Iterable[Group], order: list[str]) -> list[str]:
    """The languages files are in, in the language table's order."""
    found = {f.lang for g in groups for f in g.files}
    return [code for code in order if code in found]


def only(groups: Iterable[Group], lang: str) -> list[Group]:
    """The groups with their files in `lang` only; groups left empty are dropped."""
    out = []
    for group in groups:
        files = [f for f in group.files if f.lang == lang]
        if files:
            out.append(Group(group.title, group.url, group.lang, files))
    return out
