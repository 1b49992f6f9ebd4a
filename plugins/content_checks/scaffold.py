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

from .body import PLACEHOLDER
from .contract import CONTRACT
from .frontmatter import split_document
from .validate import MARKDOWN_EXTENSIONS, slugify

ARCHETYPES = Path(__file__).resolve().parent / "archetypes"
MAX_SLUG = 60  # characters: addresses stay readable

# Type names editors may use, in English (as the contract) or Italian.
TYPE_ALIASES = {
    "news": "news", "notizia": "news", "notizie": "news",
    "page": "page", "pagina": "page", "pagine": "page",
    "campaign": "campaign", "campagna": "campaign", "campagne": "campaign",
    "member": "member", "membro": "member", "membri": "member", "ente": "member",
    "achievement": "achievement", "risultato": "achievement", "risultati": "achievement",
}

# Fields whose text is language-specific: a translation gets them marked ✎.
TRANSLATABLE = {"title", "summary", "category", "tags", "cta_label", "image_alt", "legal_form", "city"}
# Fields a translation does not copy: its own address comes from its own file name, and the
# claims ledger (Source) lives in the Italian original only.
NOT_COPIED = {"slug", "source"}


class ScaffoldError(Exception):
    """Why the file was not written; the message is for editors (Italian)."""


def folder_for(content_type: str, settings: dict) -> str:
    for folder, spec in settings["CONTENT_TYPES"].items():
        if spec["type"] == content_type:
            return folder
    raise ScaffoldError(f"nessuna cartella per il tipo «{content_type}» in CONTENT_TYPES")


def resolve_type(name: str) -> str:
    content_type = TYPE_ALIASES.get((name or "").strip().lower())
    if content_type is None:
        raise ScaffoldError(
            f"il tipo «{name}» non esiste. Usa uno di: news (notizia), campaign (campagna), "
            'member (ente), page (pagina), achievement (risultato). Esempio: make new TYPE=news '
            'TITLE="Una nuova notizia"'
        )
    return content_type


def make_slug(title: str) -> str:
    """Italian kebab-case, cut at a hyphen to at most MAX_SLUG characters."""
    slug = slugify(title)
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


def new_item(type_name: str, title: str, content_dir: Path, settings: dict,
             today: dt.date | None = None) -> tuple[Path, str]:
    """(path, text) of a new content file; raises ScaffoldError instead of overwriting."""
    content_type = resolve_type(type_name)
    title = " ".join((title or "").split())
    if not title:
        raise ScaffoldError('manca il titolo. Esempio: make new TYPE=news TITLE="Una nuova notizia"')
    if title.startswith(PLACEHOLDER) or re.search(r"<\s*/?\s*[A-Za-z]", title):
        raise ScaffoldError("il titolo è solo testo: niente codice HTML né il segno ✎")
    slug = make_slug(title)
    if not slug:
        raise ScaffoldError("il titolo deve contenere almeno una lettera o un numero")
    folder = folder_for(content_type, settings)
    path = Path(content_dir) / folder / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(
            f"il file {_shown(path, content_dir)} esiste già: modifica quello, oppure scegli un "
            "titolo diverso"
        )
    today = today or dt.date.today()
    values = {
        "title": title,
        "date": today.isoformat(),
        "category": _most_common_category(Path(content_dir) / folder_for("news", settings), settings),
        "order": _next_order(Path(content_dir) / folder),
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
    template = (ARCHETYPES / f"{content_type}.md").read_text(encoding="utf-8")
    text = Template(template).substitute(values)
    return path, "\n".join(line.rstrip() for line in text.split("\n"))


def translation_stub(source: Path, lang: str, content_dir: Path, settings: dict) -> tuple[Path, str]:
    """(path, text) of the translation of `source` into `lang`; raises ScaffoldError."""
    languages = list(settings["LANGUAGES"])
    default = languages[0]
    others = ", ".join(code for code in languages if code != default)
    if not lang:
        raise ScaffoldError(f"manca la lingua. Esempio: make translate FILE=content/pagine/obiettivi.md LANG=en (lingue: {others})")
    if lang not in languages:
        raise ScaffoldError(f"«{lang}» non è una lingua del sito; usa una di: {others}")
    if lang == default:
        raise ScaffoldError(f"«{lang}» è la lingua originale del sito; traduci verso una di: {others}")
    source = Path(source)
    content_dir = Path(content_dir).resolve()
    if not source.is_file():
        raise ScaffoldError(f"il file {source} non esiste. Esempio: make translate FILE=content/pagine/obiettivi.md LANG={lang}")
    try:
        rel = source.resolve().relative_to(content_dir)
    except ValueError:
        raise ScaffoldError(f"il file {source} non è nella cartella dei contenuti ({content_dir.name}/)") from None
    folder, name = rel.parts if len(rel.parts) == 2 else ("", "")
    stem, _, ext = name.rpartition(".")
    if folder not in settings["CONTENT_TYPES"] or ext not in MARKDOWN_EXTENSIONS:
        raise ScaffoldError(f"{source} non è un contenuto del sito (un file .md in una cartella di content/)")
    if "." in stem:
        original = f"{content_dir.name}/{folder}/{stem.split('.')[0]}.md"
        raise ScaffoldError(f"{source} è già una traduzione: indica l'originale, {original}")
    target = content_dir / folder / f"{stem}.{lang}.md"
    if target.exists():
        raise ScaffoldError(f"la traduzione {_shown(target, content_dir)} esiste già: modifica quella")
    try:
        text = source.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        raise ScaffoldError(f"{source} non si legge (non è testo UTF-8): correggilo prima, make html dice come") from None
    doc = split_document(text)
    if not doc.entries:
        raise ScaffoldError(f"{source} non ha l'intestazione: correggilo prima, make html dice come")
    content_type = settings["CONTENT_TYPES"][folder]["type"]
    known = {f.name for f in CONTRACT[content_type]}
    lines = []
    for entry in doc.entries:
        if entry.key in NOT_COPIED or entry.key not in known:
            continue
        values = [_localise_links(v, lang, content_dir) for v in entry.values]
        if entry.key in TRANSLATABLE or entry.key == "materials":  # a material's label
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
    counts = Counter()
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
