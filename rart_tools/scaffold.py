"""`make new` and `make translate`: new content files that already follow the contract.

`new_item` fills a type's archetype (archetypes/<type>.md, one per type, as Hugo does): title,
today's date, every field of the contract (empty when nothing sensible can be guessed) and a
body line marked ✎. `translation_stub` copies an Italian file's fields into a sibling
`<key>.<lang>.md`: what must be translated is marked ✎, what is shared (dates, links, images)
is copied. The validator rejects any line still marked ✎, so a new file builds only once the
editor has written its summary and text (and, in a translation, translated every marked line).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from string import Template

from rart.contract import CONTRACT, PLACEHOLDER
from rart.frontmatter import split_document
from rart.naming import MARKDOWN_EXTENSIONS, slugify
from rart.site import Site
from rart.types import ITALIAN_SINGULAR

ARCHETYPES = Path(__file__).resolve().parent / "archetypes"
MAX_SLUG = 60  # characters: addresses stay readable

# Fields a translation does not copy: its own address comes from its own file name.
NOT_COPIED = {"slug"}


class ScaffoldError(Exception):
    """Why the file was not written: a text code of rart.messages and its values."""

    def __init__(self, code: str, **params: object):
        super().__init__(code, params)
        self.code, self.params = code, params


def folder_for(content_type: str, settings: dict) -> str:
    return Site.from_settings(settings).types.by_name(content_type).folder


def resolve_type(name: str, settings: dict) -> str:
    """The type an editor means: its name, its folder or its Italian singular."""
    types = Site.from_settings(settings).types
    found = types.resolve(name)
    if found is None:
        choices = ", ".join(f"{t} ({ITALIAN_SINGULAR.get(t, t)})" for t in types.names())
        raise ScaffoldError("scaffold-unknown-type", name=name, types=choices)
    return found.name


def make_slug(title: str) -> str:
    """Italian kebab-case, cut at a hyphen to at most MAX_SLUG characters."""
    slug = slugify(title)
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


def new_item(type_name: str, title: str, content_dir: Path, settings: dict,
             today: dt.date | None = None) -> tuple[Path, str]:
    """(path, text) of a new content file; raises ScaffoldError instead of overwriting."""
    content_type = resolve_type(type_name, settings)
    title = " ".join((title or "").split())
    if not title:
        raise ScaffoldError("scaffold-no-title")
    if title.startswith(PLACEHOLDER) or re.search(r"<\s*/?\s*[A-Za-z]", title):
        raise ScaffoldError("scaffold-bad-title")
    slug = make_slug(title)
    if not slug:
        raise ScaffoldError("scaffold-title-letters")
    folder = folder_for(content_type, settings)
    path = Path(content_dir) / folder / f"{slug}.md"
    if path.exists():
        raise ScaffoldError("scaffold-exists", file=_shown(path, content_dir))
    values = {"title": title, **archetype_values(content_type, content_dir, settings, today)}
    template = (ARCHETYPES / f"{content_type}.md").read_text(encoding="utf-8")
    text = Template(template).substitute(values)
    return path, "\n".join(line.rstrip() for line in text.split("\n"))


def archetype_values(content_type: str, content_dir: Path, settings: dict,
                     today: dt.date | None = None) -> dict[str, str]:
    """The values a new item's archetype takes besides its title (the browser editor offers
    the same ones as its fields' defaults: rart_tools/admin.py)."""
    today = today or dt.date.today()
    values = {
        "date": today.isoformat(),
        "category": _most_common_category(Path(content_dir) / folder_for("news", settings), settings),
        "order": _next_order(Path(content_dir) / folder_for(content_type, settings)),
        "cta_label": "",
        "cta_url": "",
    }
    if content_type == "campaign":
        # The button needs somewhere to go: the contacts page, else the home page (every
        # language has one). Editors change both when the campaign has its own action.
        pages = folder_for("page", settings)
        for key, label in (("contatti", "Contatta la rete"), ("home", "Scopri la rete")):
            if (Path(content_dir) / pages / f"{key}.md").is_file():
                values["cta_label"], values["cta_url"] = label, f"{{filename}}/{pages}/{key}.md"
                break
    return values


def translation_stub(source: Path, lang: str, content_dir: Path, settings: dict) -> tuple[Path, str]:
    """(path, text) of the translation of `source` into `lang`; raises ScaffoldError."""
    site = Site.from_settings(settings)
    languages = site.languages
    others = ", ".join(language.code for language in languages.others)
    if not lang:
        raise ScaffoldError("translate-no-lang", languages=others)
    if lang not in languages:
        raise ScaffoldError("translate-unknown-lang", lang=lang, languages=others)
    if lang == languages.default.code:
        raise ScaffoldError("translate-default-lang", lang=lang, languages=others)
    source = Path(source)
    content_dir = Path(content_dir).resolve()
    if not source.is_file():
        raise ScaffoldError("translate-no-file", file=source, lang=lang)
    try:
        rel = source.resolve().relative_to(content_dir)
    except ValueError:
        raise ScaffoldError("translate-outside", file=source, folder=content_dir.name) from None
    folder, name = rel.parts if len(rel.parts) == 2 else ("", "")
    stem, _, ext = name.rpartition(".")
    if folder not in site.types or ext not in MARKDOWN_EXTENSIONS:
        raise ScaffoldError("translate-not-content", file=source)
    if "." in stem:
        original = f"{content_dir.name}/{folder}/{stem.split('.')[0]}.md"
        raise ScaffoldError("translate-is-translation", file=source, original=original)
    target = content_dir / folder / f"{stem}.{lang}.md"
    if target.exists():
        raise ScaffoldError("translate-exists", file=_shown(target, content_dir))
    try:
        text = source.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        raise ScaffoldError("translate-unreadable", file=source) from None
    doc = split_document(text)
    if not doc.entries:
        raise ScaffoldError("translate-no-header", file=source)
    content_type = site.types[folder].name
    fields = {f.name: f for f in CONTRACT[content_type]}
    lines = []
    for entry in doc.entries:
        if entry.key in NOT_COPIED or entry.key not in fields or fields[entry.key].original_only:
            continue
        values = [_localise_links(v, lang, content_dir) for v in entry.values]
        if fields[entry.key].translatable:  # for materials: each material's label
            values = [_mark(v) for v in values]
        lines.append(f"{entry.name}: {values[0]}".rstrip())
        lines.extend(f"    {v}".rstrip() for v in values[1:])
    lines.append("")
    body = "\n".join(doc.body).strip("\n")
    for line in body.split("\n"):
        line = _localise_links(line, lang, content_dir)
        lines.append(_mark(line) if line.strip() else "")
    return target, "\n".join(lines).rstrip("\n") + "\n"


def _mark(value: str) -> str:
    """'Testo' -> '✎ Testo' (after any indentation); empty values stay empty."""
    if not value.strip() or value.lstrip().startswith(PLACEHOLDER):
        return value
    indent = len(value) - len(value.lstrip(" "))
    return f"{value[:indent]}{PLACEHOLDER} {value[indent:]}"


def _localise_links(text: str, lang: str, content_dir: Path) -> str:
    """{filename}/pagine/membri.md -> {filename}/pagine/membri.<lang>.md where that exists."""

    def swap(match: re.Match) -> str:
        path = match.group(2)
        candidate = re.sub(r"\.md$", f".{lang}.md", path)
        return match.group(1) + (candidate if (content_dir / candidate.lstrip("/")).is_file() else path)

    return re.sub(r"(\{filename\})(/?[^\s)\"'#?]+\.md)", swap, text)


def _most_common_category(news_dir: Path, settings: dict) -> str:
    counts: Counter[str] = Counter()
    for path in news_dir.glob("*.md"):
        if path.name.count(".") != 1:
            continue
        try:
            doc = split_document(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        entry = doc.first("category")
        if entry and entry.value.strip():
            counts[entry.value.strip()] += 1
    return counts.most_common(1)[0][0] if counts else "Rete"


def _next_order(folder: Path) -> str:
    orders = []
    for path in folder.glob("*.md"):
        try:
            entry = split_document(path.read_text(encoding="utf-8")).first("order")
        except (OSError, UnicodeDecodeError):
            continue
        if entry and entry.value.strip().isdigit():
            orders.append(int(entry.value.strip()))
    return str(max(orders, default=0) + 1)


def _shown(path: Path, content_dir: Path) -> str:
    try:
        return f"{Path(content_dir).name}/{Path(path).resolve().relative_to(Path(content_dir).resolve())}"
    except ValueError:
        return str(path)
