"""Where content refers to images, read without building anything: <img> tags in a page's
HTML, the Markdown line each one comes from, front-matter fields, alt text, and the file each
reference points to. Pure functions; messages are for editors, in Italian."""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote

from .problems import ImageProblem

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
# ![alt](src "title") and ![alt](<src with spaces>)
MARKDOWN_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*(?:<(?P<angled>[^>]*)>|(?P<plain>[^)\s]+))")
HTML_SRC = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*(?P<q>['\"])(?P<src>.*?)(?P=q)", re.I | re.S)
REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<src>[^\s>]+)>?", re.M)
EXTERNAL = ("http://", "https://", "//", "data:", "ftp://")
LINK_MARKERS = ("{static}", "{attach}", "{filename}")
# Extensions Pelican could otherwise publish as a static file; all go through the pipeline.
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".jpe", ".png", ".webp", ".avif", ".gif", ".tif", ".tiff",
                    ".bmp", ".heic", ".heif"}
EXAMPLE_ALT = "Persone sedute intorno a un tavolo durante un incontro"


@dataclass(frozen=True)
class Alt:
    kind: str  # "text", "decorative" or "missing"
    text: str  # what goes in alt="" ("" unless kind is "text")


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag, attrs):
        self.attrs = {name.lower(): value for name, value in attrs}

    handle_startendtag = handle_starttag


def img_attributes(tag: str) -> dict[str, str | None]:
    """The attributes of one <img …> tag, entities decoded; a bare attribute maps to None."""
    parser = _Attributes()
    parser.feed(tag)
    parser.close()
    return parser.attrs


def classify_alt(value: str | None, decorative: tuple[str, ...]) -> Alt:
    """An alt text as written: a description, the explicit decorative marker, or nothing
    (absent, empty or blank, which is not allowed: decorative images must say so)."""
    if value is None or not value.strip():
        return Alt("missing", "")
    if value.strip().casefold() in decorative:
        return Alt("decorative", "")
    return Alt("text", " ".join(value.split()))


def normalise_src(src: str) -> str:
    return unquote(html.unescape(src.strip()))


def image_lines(text: str) -> dict[str, list[int]]:
    """src as written (normalised) -> the 1-based lines where the Markdown source refers to it,
    in order: ![…](src), <img src="…"> and reference definitions [id]: src."""
    found: dict[str, list[tuple[int, int]]] = {}

    def add(src, offset):
        found.setdefault(normalise_src(src), []).append(offset)

    for match in MARKDOWN_IMAGE.finditer(text):
        add(match.group("angled") or match.group("plain"), match.start())
    for match in HTML_SRC.finditer(text):
        add(match.group("src"), match.start())
    for match in REFERENCE.finditer(text):
        path = normalise_src(match.group("src")).split("?")[0]
        if os.path.splitext(path)[1].lower() in IMAGE_EXTENSIONS:
            add(match.group("src"), match.start())
    return {src: [text.count("\n", 0, offset) + 1 for offset in sorted(offsets)]
            for src, offsets in found.items()}


def front_matter_line(text: str, field: str) -> int | None:
    """The 1-based line of ``field:`` in the front matter (before the first blank line)."""
    pattern = re.compile(rf"^{re.escape(field)}\s*:", re.IGNORECASE)
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            return None
        if pattern.match(line):
            return number
    return None


def strip_marker(value: str) -> tuple[str, bool]:
    """('immagini/foto.jpg', True) for '{static}/immagini/foto.jpg': the path and whether it
    is relative to the content root (a leading '/') rather than to the referring file."""
    value = normalise_src(value).split("#")[0].split("?")[0]
    for marker in LINK_MARKERS:
        if value.startswith(marker):
            value = value[len(marker):]
            break
    return value.lstrip("/"), value.startswith("/")


def resolve(value: str, content_root: str, referrer_dir: str, where: str,
            field: str | None = None) -> str:
    """The content-relative path of the image file ``value`` points to.

    Markdown references follow Pelican: '{static}/immagini/foto.jpg' (or '/immagini/…') from
    the content root, anything else from the referring file's folder, then from the root.
    A front-matter ``field`` is always from the root. ``where`` is 'file, riga n' for messages."""
    if value.strip().lower().startswith(EXTERNAL):
        raise ImageProblem(
            f"{where}: l'immagine {value.strip()} è su un altro sito. Le immagini del sito devono "
            "stare in content/immagini/ (per la privacy di chi legge e per il peso delle pagine): "
            "scarica il file, mettilo in content/immagini/ e scrivi per esempio "
            "{static}/immagini/foto.jpg"
        )
    path, rooted = strip_marker(value)
    candidates = [path] if rooted or field else [os.path.join(referrer_dir, path), path]
    for candidate in candidates:
        candidate = os.path.normpath(candidate).replace(os.sep, "/")
        if candidate.startswith("../") or candidate == "..":
            continue
        if os.path.isfile(os.path.join(content_root, candidate)):
            return candidate
    hint = f"il campo {field.capitalize()}" if field else "l'immagine"
    raise ImageProblem(
        f"{where}: {hint} punta a {value.strip()}, ma il file non esiste. Controlla il nome "
        "(maiuscole comprese) e che il file sia in content/immagini/; scrivi il percorso a partire "
        "da content/, per esempio {static}/immagini/foto.jpg"
    )


def missing_alt_message(where: str, name: str, src: str, field: str | None = None) -> str:
    if field:
        return (
            f"{where}: l'immagine {name} (campo {field.capitalize()}) non ha un testo alternativo. "
            f"Aggiungi sotto il campo {field.capitalize()} una riga che descriva cosa mostra, per "
            f"esempio: Image_alt: {EXAMPLE_ALT}. Se l'immagine è solo decorativa, scrivi "
            "Image_alt: decorativa"
        )
    return (
        f"{where}: l'immagine {name} non ha un testo alternativo. Scrivi tra le parentesi quadre "
        f"cosa mostra, per esempio: ![{EXAMPLE_ALT}]({src}). Se l'immagine è solo decorativa, "
        f"scrivi ![decorativa]({src})"
    )
