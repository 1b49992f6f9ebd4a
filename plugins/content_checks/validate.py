"""The content validator: reads every file under content/ itself (bytes, strict UTF-8, front
matter with line numbers) and checks it against the contract, the other files and the settings.

Pure: `validate_site(config)` returns problems and never raises for anything a content file
contains (empty, binary, wrongly encoded, huge, malformed). The safe build (safebuild.py) runs
it before Pelican; the plugin (__init__.py) runs the same function inside Pelican.
"""

from __future__ import annotations

import datetime as dt
import difflib
import fnmatch
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from rart.addresses import Address
from rart.aliases import AliasProblem, normalise, reserved_prefixes
from rart.contract import (
    CONSENT_EXAMPLE,
    CONSENT_RE,
    CONTRACT,
    PELICAN_DATES,
    PLACEHOLDER,
    RESERVED,
    RULES,
    YES,
    Field,
    NotBefore,
    Requires,
    all_field_names,
    fields_by_name,
    has_people,
    image_row,
    prints,
    status_of,
)
from rart.events import EventTimeProblem, is_ambiguous, parse_local
from rart.frontmatter import META_MORE_RE, META_RE, Document, Entry, split_document
from rart.htmlpolicy import is_reserved_id, is_safe_link, url_scheme
from rart.images import (
    REFUSED_IMAGE_EXTENSIONS,
    USABLE_IMAGE_EXTENSIONS,
    candidates,
    image_path,
    is_external,
    is_generic_alt,
    is_image_path,
)
from rart.limits import check_markdown
from rart.links import FIELD_LINK_RE, MARKER_RE
from rart.links import resolve as resolve_link
from rart.materials import MAGIC_BYTES, SYSTEM_JUNK, judge, name_problem
from rart.materials import MAX_BYTES as MATERIAL_MAX_BYTES
from rart.messages import MESSAGES
from rart.naming import MARKDOWN_EXTENSIONS, SLUG_RE, parse_name, slugify
from rart.problems import ERROR, WARNING, Problem

from .body import Scan, html_tag, scan
from .config import Config
from .pdfinfo import identifying_metadata
from .readability import long_sentences

OTHER_MARKUP = ("html", "htm", "rst")  # Pelican would read these too, unchecked
# ASCII digits only: \d would also take Arabic-Indic digits, which Pelican's date parser does not.
DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?")
DAY_FIRST_RE = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Explicit bidi embeddings, overrides and isolates (rart.htmlpolicy.BIDI_CONTROLS).
BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Characters that are never part of a web address as written (they end an HTML attribute or
# are not allowed in URLs).
NOT_IN_URL = frozenset(' "<>`\\^{}|')
NOT_IN_FIELD_LINK = frozenset(' "<>`\'')
MAX_TITLE_CHARS = 200  # a title longer than this is a paragraph pasted in the wrong place
# Looks like a web address written without https:// (www.… or a common ending).
DOMAIN_RE = re.compile(
    r"(?:www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:it|org|com|eu|net|info|gov|edu))(?:/|$)",
    re.I,
)
# What a listing is called in a message about an address it owns (rart.messages TEXTS).
LISTING_TEXTS = {"news": "listing-news", "archives": "listing-news", "feed": "listing-news",
                 "events": "listing-events", "events_calendar": "listing-events",
                 "library": "listing-library"}
NO_FUTURE = ("date", "modified")  # publication days; campaign days may well be in the future
MAX_REPORTS_PER_KIND = 5  # control characters reported per file: the first few say enough


@dataclass
class Item:
    """One Markdown file in a content folder, as far as it could be read."""

    rel: str  # posix path under content/: notizie/x.en.md
    shown: str  # what messages show: content/notizie/x.en.md
    folder: str
    type: str
    key: str
    lang: str
    name_ok: bool
    doc: Document | None = None
    fields: dict[str, Entry] = field(default_factory=dict)
    # Fields already reported as misspelt or malformed, so not reported missing as well.
    misnamed: set[str] = field(default_factory=set)
    inherited_status: str = "published"  # a translation's, from its original
    # Consent (rart.contract, PEOPLE): the images of the text as found, (line, shown target,
    # content path) and those Body_images declares, content path -> line.
    text_images: list[tuple[int, str, str]] = field(default_factory=list)
    declared_images: dict[str, int] = field(default_factory=dict)

    def value(self, name: str) -> str:
        entry = self.fields.get(name)
        return entry.value if entry else ""

    @property
    def draft(self) -> bool:
        return status_of(self.value("status"), self.inherited_status) == "draft"


@dataclass
class Result:
    problems: list[Problem]
    items: list[Item]
    checked_files: int

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def validate_site(config: Config) -> Result:
    return _Validator(config).run()


class _Validator:
    def __init__(self, config: Config):
        self.config = config
        self.site = config.site
        self.messages = config.messages
        self.root = Path(config.content_dir)
        self.languages = list(self.site.languages)
        self.default = self.site.languages.default.code
        self.types = {folder: t.name for folder, t in self.site.types.items()}
        self.static_paths = list(self.site.static_dirs)
        self.problems: list[Problem] = []
        self.items: list[Item] = []
        self.files: set[str] = set()  # every file under content/, posix, relative
        self.content_files: set[str] = set()
        self.member_refs: list[tuple[Item, int, str]] = []
        self.campaign_refs: list[tuple[Item, int, str]] = []
        self.absolute_links: list[tuple[Item, int, str]] = []
        self.aliases: list[tuple[Item, int, str, Address]] = []
        self.claims: dict[str, Item] = {}  # save_as -> the file whose page is written there
        self.owners: dict[str, str] = {}  # save_as -> the listing written there

    # --- reporting -----------------------------------------------------------------------
    def shown(self, rel: str) -> str:
        return self.site.shown(rel)

    def add(self, where, line, code, /, severity=ERROR, **params):
        path = where.shown if isinstance(where, Item) else where
        self.problems.append(Problem(path, line, code, params, severity))

    def type_name(self, content_type: str) -> str:
        return self.messages.text(f"type-{content_type}")

    # --- the run -------------------------------------------------------------------------
    def run(self) -> Result:
        if not self.root.is_dir():
            return Result([], [], 0)
        paths = self._list_files()
        self.files = {rel for rel, _ in paths}
        # What {filename} can point to: Markdown files right inside a content folder.
        self.content_files = {
            rel for rel in self.files
            if rel.count("/") == 1 and rel.split("/")[0] in self.types
            and rel.rpartition(".")[2].lower() in MARKDOWN_EXTENSIONS
        }
        checked = 0
        for rel, path in paths:
            checked += self._check_path(rel, path)
        self._check_translations()
        known = self._check_addresses()
        self._check_aliases(known)
        self._check_renames()
        self._check_short_links()
        self._check_member_refs()
        self._check_campaign_refs()
        self._check_absolute_links(known)
        self._check_home_pages()
        self.problems.sort(key=Problem.sort_key)
        return Result(self.problems, self.items, checked)

    def _list_files(self) -> list[tuple[str, Path]]:
        """Every file under content/, symbolic links followed only while they stay inside it:
        a link that leads out (to /etc/passwd, to a home folder) is reported and never read."""
        ignore = list(self.config.ignore) + [".*", "*~", "#*#", "__pycache__"]
        root = os.path.realpath(self.root)
        found = []
        seen_dirs = {root}

        def ignored(rel_parts: tuple[str, ...]) -> bool:
            # Hidden files in a published folder are listed, to be refused: Pelican would
            # publish a .env there as it is.
            if self._is_static("/".join(rel_parts)) and rel_parts[-1] not in SYSTEM_JUNK:
                patterns = [p for p in ignore if p != ".*"]
            else:
                patterns = ignore
            return any(fnmatch.fnmatch(part, pattern) for part in rel_parts for pattern in patterns)

        for folder, dirs, files in os.walk(self.root, followlinks=True):
            for name in list(dirs):
                path = Path(folder) / name
                rel_parts = path.relative_to(self.root).parts
                real = os.path.realpath(path)
                if ignored(rel_parts):
                    dirs.remove(name)
                elif not self.site.contains(path):
                    self.add(self.shown("/".join(rel_parts)), None, "symlink-outside", target=real)
                    dirs.remove(name)
                elif real in seen_dirs:  # a link back to a folder already walked
                    dirs.remove(name)
                else:
                    seen_dirs.add(real)
            dirs.sort()
            for name in sorted(files):
                path = Path(folder) / name
                rel_parts = path.relative_to(self.root).parts
                if ignored(rel_parts):
                    continue
                if not self.site.contains(path):
                    self.add(self.shown("/".join(rel_parts)), None, "symlink-outside",
                             target=os.path.realpath(path))
                elif path.is_file():
                    found.append(("/".join(rel_parts), path))
        return sorted(found)

    def _is_static(self, rel: str) -> bool:
        return self.site.is_static(rel)

    def _check_path(self, rel: str, path: Path) -> int:
        """Check one file; returns 1 when it is a content file that was checked."""
        if self._is_static(rel):
            self._check_material(rel, path)
            return 0
        parts = rel.split("/")
        shown = self.shown(rel)
        if parts[0] not in self.types or len(parts) == 1:
            folders = ", ".join(f"content/{f}/" for f in self.types)
            self.add(shown, None, "outside-folders", folders=folders)
            return 0
        folder = parts[0]
        if len(parts) > 2:
            self.add(shown, None, "subfolder", folder=folder, name=parts[-1])
            return 0
        name = parts[1]
        stem, _, ext = name.rpartition(".")
        ext = ext.lower() if stem else ""
        if ext in OTHER_MARKUP:
            self.add(shown, None, "other-markup", ext=ext, folder=folder, stem=slugify(stem) or "testo")
            return 0
        if ext not in MARKDOWN_EXTENSIONS:
            self.add(shown, None, "not-markdown", folder=folder, name=name)
            return 0
        item = self._name(rel, shown, folder, stem)
        self._read(item, path)
        self.items.append(item)
        return 1

    def _check_material(self, rel: str, path: Path) -> None:
        """A download in content/materiali/ is judged by its name and its bytes, as
        plugins/materials judges it before publishing a clean copy (rart.materials)."""
        parts = rel.split("/")
        name = parts[-1]
        if name in SYSTEM_JUNK:
            return
        shown = self.shown(rel)
        if any(part.startswith(".") for part in parts):
            self.add(shown, None, "material-hidden")
            return
        if parts[0] != self.site.materials_dir or is_image_path(rel):
            return
        problem = name_problem(name, self.site.languages)
        if problem:
            self.add(shown, None, problem[0], name=name, suggestion=problem[1])
            return
        try:
            size = path.stat().st_size
            with path.open("rb") as handle:
                data = handle.read() if name.lower().endswith(".txt") and size <= MATERIAL_MAX_BYTES \
                    else handle.read(MAGIC_BYTES)
        except OSError as error:
            self.add(shown, None, "unreadable", detail=error.strerror or str(error))
            return
        verdict = judge(name, data, size)
        if not verdict.ok:
            self.add(shown, None, verdict.code, **(verdict.params or {}))
        elif verdict.kind is not None and verdict.kind.name == "pdf":
            detail = _pdf_problem(path)
            if detail:
                self.add(shown, None, "material-unreadable", kind="PDF", detail=detail)
            else:
                found = identifying_metadata(path)
                if found:
                    self.add(shown, None, "material-metadata", severity=WARNING, fields="; ".join(found))

    def _name(self, rel, shown, folder, stem) -> Item:
        name = parse_name(rel, self.site.languages)
        item = Item(rel, shown, folder, self.types[folder], name.key, name.lang, name_ok=name.ok)
        if name.ok:
            return item
        default_name = self.site.languages.default.name.lower()
        self.add(item, None, name.problem, name=Path(rel).name, lang=name.lang,
                 languages=", ".join(self.languages), default_name=default_name,
                 suggestion=name.suggestion)
        return item

    # --- one file ------------------------------------------------------------------------
    def _read(self, item: Item, path: Path) -> None:
        try:
            size = path.stat().st_size
            if size > self.config.max_bytes:
                self.add(item, None, "too-large", size=_size(size), limit=_size(self.config.max_bytes))
                return
            data = path.read_bytes()
        except OSError as error:  # unreadable: permissions, a vanished file
            self.add(item, None, "unreadable", detail=error.strerror or str(error))
            return
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            self.add(item, None, "utf16")
            return
        if b"\x00" in data:
            self.add(item, None, "binary")
            return
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line_start = data.rfind(b"\n", 0, error.start) + 1
            line = data.count(b"\n", 0, error.start) + 1
            # The column in characters: decode the start of the line, which is valid up to here.
            column = len(data[line_start:error.start].decode("utf-8", errors="replace")) + 1
            self.add(item, line, "not-utf8", column=column, byte=f"0x{data[error.start]:02X}")
            return
        self._check_text(item, text)

    def _check_text(self, item: Item, text: str) -> None:
        doc = split_document(text)
        item.doc = doc
        reported = bidi = 0
        raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # as doc.lines
        for number, line in enumerate(raw_lines, start=1):
            match = CONTROL_RE.search(line)
            if match and reported < MAX_REPORTS_PER_KIND:
                reported += 1
                self.add(item, number, "control-char", char=f"U+{ord(match.group()):04X}",
                         column=match.start() + 1)
            match = BIDI_RE.search(line)
            if match and bidi < MAX_REPORTS_PER_KIND:
                bidi += 1
                self.add(item, number, "bidi-control", char=f"U+{ord(match.group()):04X}",
                         column=match.start() + 1)
        example = self._required_example(item.type)
        if doc.ended_by == "empty":
            self.add(item, None, "empty-file", example=example)
            return
        if doc.begin_fence:
            self.add(item, 1, "fence")
        if doc.ended_by == "fence":
            self.add(item, doc.end_line, "fence")
        for limit in check_markdown(doc.lines):
            self.add(item, limit.line, limit.code, **limit.params)
        entries, body, body_start = doc.entries, doc.body, doc.body_start
        if not entries and doc.ended_by == "blank" and not doc.begin_fence:
            # Blank lines at the top: Pelican sees no header at all.
            self.add(item, 1, "blank-first-line", example=example)
        elif not entries and doc.ended_by != "text":
            self.add(item, doc.end_line or 1, "no-front-matter", example=example)
        if doc.ended_by == "text" and doc.end_line is not None:
            if not entries:
                self.add(item, doc.end_line, "no-front-matter", example=example)
            else:
                self._bad_header_line(item, doc.lines[doc.end_line - 1], doc.end_line)
                entries, body, body_start = _recover(doc)
        self._check_fields(item, entries)
        if entries and doc.ended_by != "text" and not "\n".join(body).strip():
            self.add(item, None, "empty-body")
        body_scan = scan(body, body_start)
        self._check_scan(item, body_scan)
        self._check_text_images(item)
        self._check_wording(item, body_scan)
        self._check_sentences(item, body_scan)

    def _required_example(self, content_type: str) -> str:
        rows = [f.example.replace("\n", " ") for f in CONTRACT[content_type] if f.required]
        return "\n".join(rows + ["", "Il testo."])

    def _bad_header_line(self, item: Item, line: str, number: int) -> None:
        text = line.strip()
        spaced = re.match(r"\s{0,3}([A-Za-z0-9_-]+)\s+:", line)
        if spaced:
            guess = self._guess_field(item.type, spaced.group(1))
            if guess:
                item.misnamed.add(guess.name)
            name = guess.title if guess else spaced.group(1)
            self.add(item, number, "space-before-colon", text=text[:60],
                     example=f"{name}: {line[spaced.end():].strip() or '…'}")
            return
        first_word = re.match(r"\s{0,3}([A-Za-z_]+)(?:\s|$)", line)
        if first_word and first_word.group(1).lower() in fields_by_name(item.type):
            f = fields_by_name(item.type)[first_word.group(1).lower()]
            item.misnamed.add(f.name)
            rest = line[first_word.end():].strip()
            self.add(item, number, "missing-colon", name=first_word.group(1),
                     example=f"{f.title}: {rest}" if rest else f.example)
            return
        named = re.match(r"\s{0,3}([^:]{1,40}):", line)
        if named and "://" not in line[: named.end() + 2]:
            written = named.group(1).strip()
            guess = self._guess_field(item.type, slugify(written).replace("-", "_"))
            if guess:
                item.misnamed.add(guess.name)
            hint = f": {guess.title}" if guess else ""
            self.add(item, number, "bad-field-name", name=written, hint=hint,
                     example=guess.example if guess else "Title: Chi siamo")
            return
        self.add(item, number, "bad-field-line", example="Summary: Una frase che riassume la pagina.\n\nIl testo.")

    def _guess_field(self, content_type: str, written: str) -> Field | None:
        """The contract field an unknown name most likely means: a typo ('Titel'), or the
        Italian word for it ('Titolo', 'Data')."""
        fields = fields_by_name(content_type)
        written = written.lower()
        for f in fields.values():
            words = f.label.split()
            if written in (f.label.replace(" ", "_"), words[0]) or written == f.name.replace("_", ""):
                return f
        close = difflib.get_close_matches(written, list(fields), n=1, cutoff=0.6)
        return fields[close[0]] if close else None

    # --- front matter --------------------------------------------------------------------
    def _check_fields(self, item: Item, entries: list[Entry]) -> None:
        contract = fields_by_name(item.type)
        names = ", ".join(f.title for f in contract.values())
        type_name = self.type_name(item.type)
        for entry in entries:
            if entry.key in item.fields:
                self.add(item, entry.line, "duplicate-field", name=entry.name,
                         other=item.fields[entry.key].line)
                continue
            if entry.key not in contract:
                self._unknown_field(item, entry, names, type_name)
                continue
            item.fields[entry.key] = entry
            self._check_field(item, contract[entry.key], entry)
        if entries:
            for f in contract.values():
                if f.required and f.name not in item.fields and f.name not in item.misnamed:
                    self.add(item, None, "missing-field", name=f.title, label=f.label, example=f.example)
        self._check_rules(item, contract)

    def _unknown_field(self, item, entry, names, type_name) -> None:
        key = entry.key
        if key in RESERVED:
            self.add(item, entry.line, RESERVED[key], name=entry.name, stem=item.key)
        elif key in all_field_names():
            self.add(item, entry.line, "field-not-for-type", name=entry.name, type=type_name, names=names)
        else:
            guess = self._guess_field(item.type, key)
            if guess and not any(e.key == guess.name for e in item.doc.entries):
                item.misnamed.add(guess.name)  # 'Titel' is the title: not also "Title is missing"
            hint = self.messages.text("hint-field", suggestion=guess.title) if guess else self.messages.text("hint-no-field")
            self.add(item, entry.line, "unknown-field", name=entry.name, hint=hint, names=names,
                     type=type_name, example=guess.example if guess else "")

    def _check_field(self, item: Item, f: Field, entry: Entry) -> None:
        values = [(v, n) for v, n in zip(entry.values, entry.value_lines)]
        if not f.multiline and len(values) > 1:
            self.add(item, values[1][1], "multiline-field", name=f.title, example=f.example)
            return
        value = entry.value.strip()
        line = entry.line
        marked = [n for v, n in values if v.startswith(PLACEHOLDER)]
        for number in marked:
            self.add(item, number, "placeholder")
        if marked:
            return
        if not value:
            if f.required:
                self.add(item, line, "empty-required", name=f.title, label=f.label, example=f.example)
            elif f.name in PELICAN_DATES:
                self.add(item, line, "empty-date", name=f.title, example=f.example)
            return
        check = getattr(self, f"_kind_{f.kind}")
        check(item, f, entry, value, line)

    def _kind_text(self, item, f, entry, value, line):
        tag = html_tag(value)
        if tag:
            self.add(item, line, "html-in-text", name=f.title, tag=tag, example=f.example)
        if f.name == "title" and len(value) > MAX_TITLE_CHARS:
            self.add(item, line, "title-too-long", length=len(value), limit=MAX_TITLE_CHARS)
        if f.name == "category" and not re.search(r"\w", value):
            self.add(item, line, "no-letters", value=value, example=f.example)
        if f.name == "image_alt" and is_generic_alt(value):
            self.add(item, line, "bad-alt", value=value, example=f.example)

    def _kind_markdown(self, item, f, entry, value, line):
        self._check_scan(item, scan(entry.values, line), placeholders=False)

    def _kind_day(self, item, f, entry, value, line):
        self._kind_date(item, f, entry, value, line, with_time=False)

    def _kind_date(self, item, f, entry, value, line, with_time=True):
        match = DATE_RE.fullmatch(value)
        if match and not with_time and match.group(4) is not None:
            self.add(item, line, "bad-date", value=value, example=f.example,
                     hint=self.messages.text("hint-date", suggestion=value[:10]))
            return
        if not match:
            day_first = DAY_FIRST_RE.fullmatch(value)
            hint = ""
            if day_first:
                d, m, y = day_first.groups()
                hint = self.messages.text("hint-date", suggestion=f"{y}-{int(m):02d}-{int(d):02d}")
            self.add(item, line, "bad-date", value=value, hint=hint, example=f.example)
            return
        try:
            parsed = dt.datetime(*(int(g) for g in match.groups() if g is not None))
        except ValueError:
            self.add(item, line, "bad-date-calendar", value=value, example=f.example)
            return
        if f.name in NO_FUTURE and parsed.date() > self.config.today + dt.timedelta(days=1):
            self.add(item, line, "future-date", value=value, name=f.title,
                     today=self.config.today.isoformat())

    def _kind_datetime(self, item, f, entry, value, line):
        """A local time in the site's time zone (rart.events): the day and the hour."""
        try:
            local = parse_local(value, self.site.zone)
        except EventTimeProblem as problem:
            if problem.code == "bad-date-calendar":
                self.add(item, line, "bad-date-calendar", value=value, example=f.example)
                return
            hint = ""
            day_first = DAY_FIRST_RE.match(value)
            day = DATE_RE.match(value)
            if problem.code == "event-time-format" and (day or day_first):
                if day:
                    y, m, d = day.group(1), day.group(2), day.group(3)
                else:
                    d, m, y = day_first.groups()
                hour = re.search(r"([0-9]{1,2})[:.]([0-9]{2})\s*$", value)
                time = f"{int(hour.group(1)):02d}:{hour.group(2)}" if hour else "18:00"
                hint = self.messages.text("hint-date", suggestion=f"{y}-{int(m):02d}-{int(d):02d} {time}")
            self.add(item, line, problem.code, value=value, name=f.title, hint=hint,
                     example=f.example, zone=self.site.timezone)
            return
        if is_ambiguous(local):
            self.add(item, line, "event-time-ambiguous", severity=WARNING, value=value,
                     name=f.title, zone=self.site.timezone)

    def _kind_aliases(self, item, f, entry, value, line):
        for v, n in zip(entry.values, entry.value_lines):
            if not v.strip():
                continue
            try:
                address = normalise(v)
            except AliasProblem as problem:
                self.add(item, n, problem.code, value=v.strip(), example=f.example)
                continue
            self.aliases.append((item, n, v.strip(), address))

    def _kind_campaign(self, item, f, entry, value, line):
        self.campaign_refs.append((item, line, value))

    def _kind_choice(self, item, f, entry, value, line):
        allowed = [c for c, _ in f.choices]
        if allowed[0] in YES:  # yes/no: sì, si, Sì, no, No
            if value.casefold() in YES + tuple(allowed):
                return
        elif value in allowed or (f.name == "status" and value.lower() in allowed):
            return  # Pelican lowercases Status itself; Campaign_status is compared as written
        choices = ", ".join(f"{c} ({meaning})" for c, meaning in f.choices)
        self.add(item, line, "bad-choice", value=value, name=f.title, choices=choices,
                 example=f"{f.title}: {allowed[0]}")

    def _kind_people(self, item, f, entry, value, line):
        if has_people(value) is None:
            self._bad_people(item, line, f.title, value, f"{f.title}: no")

    def _bad_people(self, item, line, name, value, example):
        self.add(item, line, "bad-people", value=value, name=name, example=example)

    def _kind_consent(self, item, f, entry, value, line):
        self._check_consent(item, line, f.title, value, f.example)

    def _check_consent(self, item, line, name, value, example) -> None:
        if not CONSENT_RE.fullmatch(value):
            self.add(item, line, "bad-consent", value=value[:60], name=name,
                     reference=CONSENT_EXAMPLE, example=example)

    def _kind_images(self, item, f, entry, value, line):
        """Body_images: one «file | sì/no | reference» per line (rart.contract.image_row)."""
        for v, n in zip(entry.values, entry.value_lines):
            if not v:
                continue
            row = image_row(v)
            if row is None:
                self.add(item, n, "bad-image-row", value=v[:80], example=f.example)
                continue
            path = unquote(image_path(row.file)[0])
            if path not in self.files:
                close = difflib.get_close_matches(path, sorted(self.files), n=1, cutoff=0.7)
                hint = self.messages.text("hint-did-you-mean", suggestion=close[0]) if close else ""
                self.add(item, n, "missing-file", value=row.file, name=f.title, where="immagini/",
                         hint=hint, example=f.example)
                continue
            if path in item.declared_images:
                self.add(item, n, "duplicate-image-row", value=row.file,
                         other=item.declared_images[path])
                continue
            item.declared_images[path] = n
            people = has_people(row.people)
            if people is None:
                self._bad_people(item, n, f.title, row.people, f"{f.title}: {row.file} | no")
            elif people and not row.consent:
                self.add(item, n, "needs-consent", field=f.title, value=f"{row.file} | {row.people}",
                         needs=self.messages.text("consent-reference"),
                         example=f"{f.title}: {row.file} | sì | {CONSENT_EXAMPLE}")
            elif people:
                self._check_consent(item, n, f.title, row.consent,
                                    f"{f.title}: {row.file} | sì | {CONSENT_EXAMPLE}")

    def _check_text_images(self, item: Item) -> None:
        """Every image of the text is declared in Body_images (with or without people), and
        every declared image is in the text (a warning: the row is out of date)."""
        if "body_images" not in fields_by_name(item.type):
            return
        used = set()
        for line, target, path in item.text_images:
            used.add(path)
            if path not in item.declared_images:
                self.add(item, line, "undeclared-image", target=target[:80], file=path,
                         example=f"Body_images: {path} | no")
        for path, line in item.declared_images.items():
            if path not in used:
                self.add(item, line, "unused-image-row", severity=WARNING, file=path)

    def _kind_integer(self, item, f, entry, value, line):
        if not re.fullmatch(r"[0-9]{1,9}", value):
            self.add(item, line, "bad-integer", name=f.title, value=value, example=f.example)

    def _kind_slug(self, item, f, entry, value, line):
        if not SLUG_RE.fullmatch(value):
            self.add(item, line, "bad-slug", value=value, suggestion=slugify(value) or item.key)

    def _kind_url(self, item, f, entry, value, line):
        parts = _split_url(value)
        if (parts is None or parts.scheme not in ("http", "https") or "." not in parts.netloc
                or any(c in NOT_IN_URL for c in value)):
            example = f"{f.title}: https://{value.split('://')[-1].strip('/ ')}" if DOMAIN_RE.match(
                value.split("://")[-1]) else f.example
            self.add(item, line, "bad-url", value=value, example=example)

    def _kind_link(self, item, f, entry, value, line):
        self._check_link(item, line, value, text=f.title, in_field=True)

    def _kind_file(self, item, f, entry, value, line):
        path = value[len("{static}"):] if value.startswith("{static}") else value
        path = unquote(path.strip()).lstrip("/")
        where = "immagini/"
        if path not in self.files:
            close = difflib.get_close_matches(path, sorted(self.files), n=1, cutoff=0.7)
            hint = self.messages.text("hint-did-you-mean", suggestion=close[0]) if close else ""
            self.add(item, line, "missing-file", value=value, name=f.title, where=where, hint=hint,
                     example=f.example)
            return
        if not self._is_static(path):
            self.add(item, line, "static-outside", target=value,
                     folders=", ".join(f"content/{p}/" for p in self.static_paths))
            return
        if path.lower().endswith(REFUSED_IMAGE_EXTENSIONS):
            self.add(item, line, "image-format", value=value, example=f.example)
        elif not path.lower().endswith(USABLE_IMAGE_EXTENSIONS):
            self.add(item, line, "not-an-image", value=value, example=f.example)

    def _kind_materials(self, item, f, entry, value, line):
        for v, n in zip(entry.values, entry.value_lines):
            if not v:
                continue
            label, sep, target = v.partition("|")
            if not sep or not label.strip() or not target.strip():
                self.add(item, n, "bad-material", value=v)
                continue
            tag = html_tag(label)
            if tag:
                self.add(item, n, "html-in-text", name=f.title, tag=tag, example=f.example)
            self._check_link(item, n, target.strip(), text=label.strip(), in_field=True)

    def _split_list(self, item, f, value, line) -> list[str]:
        parts = [p.strip() for p in value.split(";" if ";" in value else ",")]
        if any(not p for p in parts):
            self.add(item, line, "empty-list-item", value=value, example=f.example)
        return [p for p in parts if p]

    def _kind_quotes(self, item, f, entry, value, line):
        # Word for word against docs/source/ is claims.py's job (make content-todo, the tests).
        for v, n in zip(entry.values, entry.value_lines):
            tag = html_tag(v)
            if tag:
                self.add(item, n, "html-in-text", name=f.title, tag=tag, example=f.example)

    def _kind_list(self, item, f, entry, value, line):
        tag = html_tag(value)
        if tag:
            self.add(item, line, "html-in-text", name=f.title, tag=tag, example=f.example)
            return
        for part in self._split_list(item, f, value, line):
            if not re.search(r"\w", part):
                self.add(item, line, "no-letters", value=part, example=f.example)

    def _kind_members(self, item, f, entry, value, line):
        for part in self._split_list(item, f, value, line):
            self.member_refs.append((item, line, part))

    def _check_rules(self, item: Item, contract: dict[str, Field]) -> None:
        for rule in RULES:
            if isinstance(rule, Requires):
                if rule.field not in contract or rule.needs not in contract:
                    continue
                entry = item.fields.get(rule.field)
                value = entry.value.strip() if entry else ""
                if entry is None or not value or (rule.when and value.casefold() not in rule.when):
                    continue
                if item.value(rule.needs).strip():
                    continue
                code = rule.code or (f"needs-{rule.needs}" if f"needs-{rule.needs}" in MESSAGES
                                     else "needs")
                self.add(item, entry.line, code, field=contract[rule.field].title, value=value,
                         needs=contract[rule.needs].title, line_of_field=entry.line,
                         example=contract[rule.needs].example)
            elif isinstance(rule, NotBefore):
                later, earlier = item.fields.get(rule.later), item.fields.get(rule.earlier)
                if not later or not earlier:
                    continue
                a, b = _date(later.value), _date(earlier.value)
                if a and b and a < b:
                    self.add(item, later.line, "date-order", later=contract[rule.later].title,
                             later_value=later.value, earlier=contract[rule.earlier].title,
                             earlier_value=earlier.value, earlier_line=earlier.line)

    # --- text: links, images, HTML, wording ----------------------------------------------
    def _check_scan(self, item: Item, result: Scan, placeholders: bool = True) -> None:
        if placeholders:
            for number in result.placeholders:
                self.add(item, number, "placeholder")
        for number, tag in result.unsafe:
            self.add(item, number, "unsafe-html", tag=tag)
        for number, tag in result.removed:
            self.add(item, number, "html-removed", severity=WARNING, tag=tag)
        for number in result.unclosed_fences:
            self.add(item, number, "unclosed-fence")
        exact, prefixes = self.config.reserved_ids
        for number, value in result.ids:
            if is_reserved_id(value, exact, prefixes):
                self.add(item, number, "reserved-id", value=value)
        for found in result.missing_alt:
            self.add(item, found.line, "missing-alt", target=found.target or "…")
        for found in result.links:
            if found.kind == "image":
                if found.text and is_generic_alt(found.text):
                    self.add(item, found.line, "bad-alt", value=found.text,
                             example=f"![Le operatrici degli enti in assemblea]({found.target})")
                self._check_image(item, found.line, found.target)
            elif found.kind == "ref" and is_image_path(image_path(found.target)[0]):
                self._text_image(item, found.line, found.target)  # [x]: immagini/foto.jpg
                self._check_link(item, found.line, found.target, text=found.text)
            else:
                self._check_link(item, found.line, found.target, text=found.text)

    def _check_image(self, item: Item, line: int, target: str) -> None:
        """An image in the text, resolved as the images plugin does (rart.images)."""
        example = "![Le operatrici degli enti in assemblea]({static}/immagini/assemblea.jpg)"
        if not target:
            self.add(item, line, "empty-link", text="![…]")
            return
        if is_external(target) or url_scheme(target) or "\\" in target:
            self.add(item, line, "image-external", target=target[:80])
            return
        path = unquote(re.split(r"[?#]", target, maxsplit=1)[0])
        marker = MARKER_RE.fullmatch(path)
        if marker:
            if marker["what"] not in ("static", "attach", "filename"):
                self.add(item, line, "bad-marker", marker=path[: len(marker["what"]) + 2])
                return
            path = marker["path"]
        extension = posixpath.splitext(path.lower())[1]
        if extension in REFUSED_IMAGE_EXTENSIONS:
            self.add(item, line, "image-format", value=target, example=example)
            return
        if extension not in USABLE_IMAGE_EXTENSIONS:
            self.add(item, line, "not-an-image", value=target, example=example)
            return
        places = candidates(target, item.folder)
        if any(c in self.files for c in places):
            self._text_image(item, line, target)
            return
        close = difflib.get_close_matches(places[-1] if places else path, sorted(self.files), n=1,
                                          cutoff=0.7)
        hint = self.messages.text("hint-did-you-mean", suggestion="{static}/" + close[0]) if close else ""
        self.add(item, line, "broken-static", target=target, where="immagini/", hint=hint)

    def _text_image(self, item: Item, line: int, target: str) -> None:
        path = next((c for c in candidates(target, item.folder) if c in self.files), None)
        if path is not None:
            item.text_images.append((line, target, path))

    def _check_link(self, item: Item, line: int, target: str, text: str = "", in_field: bool = False) -> None:
        """A link in the text, or in a field (`in_field`: Cta_url, Materials), where the
        campaigns plugin resolves only {filename}/… and {static}/… from content/, as written."""
        target = target.strip()
        if not target:
            self.add(item, line, "empty-link", text=text or "…")
            return
        if target.startswith("#"):
            return
        scheme = url_scheme(target)
        if not is_safe_link(target) and not (scheme and len(scheme) == 1):  # C:\… is a file path
            self.add(item, line, "unsafe-link", target=target[:60])
            return
        if in_field and any(c in NOT_IN_FIELD_LINK for c in target):
            # A quote or a space would end the href attribute (the templates escape it; this
            # tells the editor the address is broken).
            start = re.split(r"""[\s"'<>`]""", target, maxsplit=1)[0]
            self.add(item, line, "bad-url", value=target[:80], example=start)
            return
        marker = MARKER_RE.fullmatch(target)
        if marker:
            what = marker["what"]
            if in_field and not FIELD_LINK_RE.fullmatch(target):
                self.add(item, line, "field-link", target=target[:80])
                return
            if what == "index":
                return
            if what not in ("filename", "static", "attach"):
                self.add(item, line, "bad-marker", marker=target[: len(what) + 2])
                return
            path = re.split(r"[?#]", marker["path"], maxsplit=1)[0].replace("%20", " ")
            # A field's link is looked up as written, from content/ (rart.links).
            resolved = path.lstrip("/") if in_field else resolve_link(path, item.folder, from_root=False)
            if what == "filename" and resolved in self.content_files:
                return
            if what != "filename" and resolved in self.files and self._is_static(resolved):
                return
            if what == "filename" and resolved in self.files and self._is_static(resolved):
                self.add(item, line, "filename-static", target=target, path=resolved)
                return
            candidates = sorted(self.content_files if what == "filename" else self.files)
            close = difflib.get_close_matches(resolved, candidates, n=1, cutoff=0.6)
            if resolved not in self.files or what == "filename":
                suggestion = "{" + what + "}/" + close[0] if close else ""
                hint = self.messages.text("hint-did-you-mean", suggestion=suggestion) if close else ""
                if what == "filename":
                    self.add(item, line, "broken-filename", target=target, hint=hint)
                else:
                    where = "immagini/" if resolved.lower().endswith(USABLE_IMAGE_EXTENSIONS) else "materiali/"
                    self.add(item, line, "broken-static", target=target, where=where, hint=hint)
            else:
                self.add(item, line, "static-outside", target=target,
                         folders=", ".join(f"content/{p}/" for p in self.static_paths))
            return
        parts = _split_url(target)
        if parts is None:
            self.add(item, line, "relative-link", target=target[:80], example=f"[{text or 'testo'}](https://www.esempio.org/)")
            return
        if parts.scheme in ("http", "https", "mailto", "tel") or target.startswith("//"):
            return
        if target.startswith("/"):
            self.absolute_links.append((item, line, target))
            return
        name = target.split("#")[0].split("?")[0].lower()
        label = text or "testo"
        if name.endswith(".md"):
            example = f"[{label}]({{filename}}/{posixpath.normpath(posixpath.join(item.folder, target))})"
        elif name.endswith(USABLE_IMAGE_EXTENSIONS):
            example = f"![{text or 'descrizione'}]({{static}}/immagini/{posixpath.basename(name)})"
        elif re.search(r"\.(pdf|docx?|odt|xlsx?|ods|pptx?|zip)$", name):
            example = f"[{label}]({{static}}/materiali/{posixpath.basename(name)})"
        elif DOMAIN_RE.match(target):
            example = f"[{label}](https://{target})"
        else:
            example = f"[{text or 'testo'}]({{filename}}/pagine/contatti.md)"
        self.add(item, line, "relative-link", target=target, example=example)

    def _check_wording(self, item: Item, body_scan: Scan) -> None:
        terms = self.config.terms.get(item.lang, [])
        if not terms:
            return
        texts = list(body_scan.prose)
        for name, entry in item.fields.items():
            if name == "todo" or CONTRACT_KIND.get((item.type, name)) in (
                "date", "day", "choice", "integer", "slug", "url", "link", "file", "members", "quotes",
                "people", "consent", "images", "datetime", "aliases", "campaign",
            ):
                continue
            for v, n in zip(entry.values, entry.value_lines):
                if name == "materials":
                    v = v.partition("|")[0]
                elif name == "summary":
                    v = " ".join(text for _, text in scan([v], n).prose)
                texts.append((n, v))
        for number, text in texts:
            for term in terms:
                for match in term.pattern.finditer(text):
                    self.add(item, number, "wording", severity=WARNING, found=match.group(0),
                             suggestion=term.suggestion)

    def _check_sentences(self, item: Item, body_scan: Scan) -> None:
        limit = self.config.max_sentence_words
        summary = item.fields.get("summary")
        lines = scan(summary.values, summary.line).prose + [(summary.line, "")] if summary else []
        for sentence in long_sentences(lines + body_scan.prose, limit):
            start = " ".join(sentence.text.split()[:8])
            self.add(item, sentence.line, "long-sentence", severity=WARNING, words=sentence.words,
                     limit=limit, start=start + "…")

    # --- between files -------------------------------------------------------------------
    def _check_translations(self) -> None:
        sources = {(i.folder, i.key): i for i in self.items if i.lang == self.default and i.name_ok}
        for item in self.items:
            if item.lang == self.default or not item.name_ok:
                continue
            source = sources.get((item.folder, item.key))
            if source is not None:
                self._check_translation_status(item, source)
                continue
            keys = sorted(k for f, k in sources if f == item.folder)
            close = difflib.get_close_matches(item.key, keys, n=1, cutoff=0.6)
            hint = self.messages.text("hint-translation", suggestion=f"content/{item.folder}/{close[0]}.md") if close else ""
            example = (f"content/{item.folder}/{close[0]}.{item.lang}.md" if close else
                       f"content/{item.folder}/{item.key}.md\ncontent/{item.folder}/{item.key}.{item.lang}.md")
            self.add(item, None, "translation-without-source",
                     default_name=self.site.languages.default.name.lower(),
                     source=f"content/{item.folder}/{item.key}.md", hint=hint, example=example)

    def _check_translation_status(self, item: Item, source: Item) -> None:
        """A translation is published, hidden or drafted with its original (rart.contract's
        status_of): it may only be a draft on its own, while it is being translated."""
        original = status_of(source.value("status"))
        own = item.value("status").strip()
        item.inherited_status = original
        if own and status_of(own) not in (original, "draft"):
            self.add(item, item.fields["status"].line, "translation-status", status=own,
                     original=original, source=source.shown)

    def _check_addresses(self) -> tuple[set[str], list[str]]:
        """Duplicate addresses within the site; returns the known addresses and prefixes."""
        owners: dict[str, str] = {}
        known: set[str] = set()
        prefixes = [d + "/" for d in self.site.generated_dirs[:1]]  # the theme's assets
        for language in self.site.languages.values():
            for name in ("news", "archives", "feed", "events", "events_calendar", "library"):
                if name in self.site.listings:
                    address = self.site.listing(name, language.code)
                    known.add(address.url)
                    owners.setdefault(address.save_as, self.messages.text(LISTING_TEXTS[name]))
            prefixes += self.site.listing_prefixes(language)
        if self.site.sitemap_path:
            known.add(self.site.sitemap_path)
        known.update(rel for rel in self.files if self._is_static(rel))
        claims: dict[str, list[tuple[Item, str]]] = {}
        for item in self.items:
            if not item.name_ok or item.doc is None or item.draft:
                continue
            slug = item.value("slug").strip()
            address = self.site.item_address(
                self.site.types[item.folder], item.key, item.lang,
                slug=slug if slug and SLUG_RE.fullmatch(slug) else None,
            )
            if address.save_as:
                known.add(address.url)
                claims.setdefault(address.save_as, []).append((item, address.url))
        self.claims = {save_as: claimants[0][0] for save_as, claimants in claims.items()}
        self.owners = owners
        for save_as, claimants in claims.items():
            reserved = self.site.reserved_root(save_as)
            if reserved:
                # Not a conflict between two files: the address is the build's own.
                for item, url in claimants:
                    line = item.fields["slug"].line if "slug" in item.fields else None
                    self.add(item, line, "reserved-path", url=url, folder=f"/{reserved}/")
                continue
            # A page with a fixed address (a home page) keeps it; otherwise the file that chose
            # its address with Slug is the one to change, if there is one.
            fixed = self.site.fixed_pages
            claimants.sort(key=lambda claim: (claim[0].type != "page" or claim[0].key not in fixed,
                                              "slug" in claim[0].fields, claim[0].shown))
            first = owners.get(save_as) or claimants[0][0].shown
            for item, url in claimants if save_as in owners else claimants[1:]:
                line = item.fields["slug"].line if "slug" in item.fields else None
                self.add(item, line, "duplicate-url", url=url, other=first,
                         suggestion=f"{url.rstrip('/').rpartition('/')[2] or item.key}-2")
        return known, prefixes

    def _check_aliases(self, known_and_prefixes) -> None:
        """An alias names an old address: not one a page or a listing has now, not one the
        build writes (assets, short links, print files), not one another file claims."""
        known, _ = known_and_prefixes
        reserved = reserved_prefixes(self.site.generated_dirs, self.site.languages)
        claimed: dict[str, Item] = {}
        for item, line, value, address in self.aliases:
            if item.draft or not item.name_ok:
                continue
            owner = self.claims.get(address.save_as)
            if owner is item:
                self.add(item, line, "alias-own", value=value)
            elif owner is not None:
                self.add(item, line, "alias-taken", value=value, other=owner.shown)
            elif address.save_as in self.owners:
                self.add(item, line, "alias-taken", value=value, other=self.owners[address.save_as])
            elif address.url.startswith(reserved) or self._is_static(address.url):
                self.add(item, line, "alias-reserved", value=value)
            elif address.save_as in claimed and claimed[address.save_as] is not item:
                self.add(item, line, "alias-duplicate", value=value,
                         other=claimed[address.save_as].shown)
            else:
                claimed[address.save_as] = item
                known.add(address.url)

    def _check_renames(self) -> None:
        """A content file renamed (git mv) since the base the tools compared with: its old
        address must be among its Aliases, or printed QR codes and shared links break."""
        by_rel = {i.rel: i for i in self.items}
        for rename in self.config.renames:
            item = by_rel.get(rename.new)
            if item is None or not item.name_ok or item.draft or item.doc is None:
                continue
            old = parse_name(rename.old, self.site.languages)
            old_type = self.site.types.get(old.folder)
            if not old.ok or old_type is None or status_of(rename.old_status) == "draft":
                continue
            old_slug = rename.old_slug if SLUG_RE.fullmatch(rename.old_slug or "") else None
            before = self.site.item_address(old_type, old.key, old.lang, slug=old_slug)
            slug = item.value("slug").strip()
            now = self.site.item_address(self.site.types[item.folder], item.key, item.lang,
                                         slug=slug if SLUG_RE.fullmatch(slug) else None)
            if not before.save_as or before.url == now.url:
                continue
            listed = {a.url for i, _, _, a in self.aliases if i is item}
            if before.url in listed:
                continue
            entry = item.fields.get("aliases")
            old_url = "/" + before.url
            example = f"Aliases: {old_url}"
            if entry is not None and entry.value.strip():
                example = "\n".join([f"Aliases: {entry.values[0].strip()}"]
                                    + [f"    {v.strip()}" for v in entry.values[1:] if v.strip()]
                                    + [f"    {old_url}"])
            self.add(item, entry.line if entry else None, "renamed-without-alias",
                     old=old_url, old_file=self.shown(rename.old), example=example)

    def _check_short_links(self) -> None:
        """Printable items get the short link of their file name (c/<key>/): two printable
        files of different folders may not share a name."""
        owners: dict[tuple[str, str], Item] = {}
        printable = [i for i in self.items if i.name_ok and i.doc is not None and not i.draft
                     and self.site.types[i.folder].has_pages and prints(i.type, i.value("print"))]
        # Campaigns first: they always print, so another file is the one to rename.
        printable.sort(key=lambda i: (i.type != "campaign", i.rel))
        for item in printable:
            owner = owners.setdefault((item.key, item.lang), item)
            if owner is not item and owner.folder != item.folder:
                entry = item.fields.get("print")
                self.add(item, entry.line if entry else None, "short-link-taken",
                         url="/" + self.site.short_link(item.key, item.lang).url,
                         other=owner.shown)

    def _check_campaign_refs(self) -> None:
        campaigns = sorted(i.key for i in self.items
                           if i.type == "campaign" and i.lang == self.default and i.name_ok)
        for item, line, key in self.campaign_refs:
            if key in campaigns:
                continue
            close = difflib.get_close_matches(key, campaigns, n=1, cutoff=0.6)
            if close:
                hint = self.messages.text("hint-did-you-mean", suggestion=close[0])
            elif campaigns:
                hint = self.messages.text("hint-campaigns", names=", ".join(campaigns))
            else:
                hint = self.messages.text("hint-no-campaigns")
            self.add(item, line, "unknown-campaign", value=key, hint=hint)

    def _check_member_refs(self) -> None:
        members = sorted(i.key for i in self.items
                         if i.type == "member" and i.lang == self.default and i.name_ok)
        for item, line, key in self.member_refs:
            if key in members:
                continue
            close = difflib.get_close_matches(key, members, n=1, cutoff=0.6)
            if close:
                hint = self.messages.text("hint-did-you-mean", suggestion=close[0])
            else:
                hint = self.messages.text("hint-members", names=", ".join(members))
            self.add(item, line, "unknown-member", value=key, hint=hint)

    def _check_absolute_links(self, known_and_prefixes) -> None:
        known, prefixes = known_and_prefixes
        for item, line, target in self.absolute_links:
            path = unquote(re.split(r"[?#]", target, maxsplit=1)[0]).lstrip("/")
            candidates = {path, path.rstrip("/") + "/", path.rstrip("/")}
            if path.endswith("index.html"):
                candidates.add(path[: -len("index.html")])
            if candidates & known or any(path.startswith(p) for p in prefixes):
                continue
            name = path.rstrip("/").rpartition("/")[2]
            if "." in name and not name.endswith(".html") and not self._is_static(path):
                continue  # a file some plugin writes (feed, calendar, search index): not a page

            self.add(item, line, "unknown-url", target=target)

    def _check_home_pages(self) -> None:
        if "home" not in self.site.fixed_pages:
            return
        page_folders = [f for f, t in self.types.items() if t == "page"]
        if not page_folders:
            return
        have = {i.lang for i in self.items if i.type == "page" and i.key == "home" and i.name_ok}
        for code in self.languages:
            if code in have:
                continue
            suffix = "" if code == self.default else f".{code}"
            expected = f"content/{page_folders[0]}/home{suffix}.md"
            self.add(self.shown(f"{page_folders[0]}/home{suffix}.md"), None, "missing-home",
                     language=self.site.languages[code].name, expected=expected, lang=code)


def _pdf_problem(path: Path) -> str | None:
    """Why the build's PDF rewrite (plugins/materials/pdf.py, pikepdf) could not open the file,
    or None: a file that only starts like a PDF (an HTML page behind a %PDF header), damaged or
    encrypted, is refused here as the build would refuse it. Without pikepdf (a validator run
    with only its own dependencies) the build still refuses it."""
    try:
        import pikepdf
    except ImportError:
        return None
    try:
        with pikepdf.open(path):
            return None
    except pikepdf.PasswordError:
        return "encrypted"
    except (pikepdf.PdfError, ValueError, OSError) as error:
        return str(error).replace(str(path), path.name)[:200]


CONTRACT_KIND = {(t, f.name): f.kind for t, fields in CONTRACT.items() for f in fields}


def _recover(doc: Document) -> tuple[list[Entry], list[str], int]:
    """After a line that is not a field, Pelican reads the rest as text; for the report, the
    field lines that follow it (up to the first blank line) are still checked, so one run names
    every problem. Returns (entries, body lines, line number of the first body line)."""
    entries = list(doc.entries)
    index = doc.end_line or 0  # 0-based index of the line after the bad one
    current = None
    while index < len(doc.lines) and doc.lines[index].strip():
        line = doc.lines[index]
        match = META_RE.match(line)
        more = META_MORE_RE.match(line)
        if match:
            current = Entry(match["key"].lower(), match["key"], index + 1, [match["value"].strip()], [index + 1])
            entries.append(current)
        elif more and current is not None:
            current.values.append(more["value"].strip())
            current.value_lines.append(index + 1)
        else:
            current = None
        index += 1
    return entries, doc.lines[index:], index + 1


def _split_url(value: str):
    """urlsplit, or None for what it cannot split (an unclosed '[' after http://)."""
    try:
        return urlsplit(value)
    except ValueError:
        return None


def _date(value: str) -> dt.datetime | None:
    match = DATE_RE.fullmatch(value.strip())
    if not match:
        return None
    try:
        year, month, day, hour, minute, second = (int(g or 0) for g in match.groups())
        return dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB".replace(".", ",")
    return f"{n / 1000:.0f} kB"
