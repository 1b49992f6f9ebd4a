"""Images in content: which files are images, which alt texts say something, and which file
an image reference points to. The validator and the images plugin both ask here."""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import unquote

from .links import EXTERNAL, inside, resolve

# Extensions Pelican could otherwise publish as a static file; every one goes through the
# image pipeline, which publishes clean derivatives and never the original.
IMAGE_EXTENSIONS = frozenset({
    ".jpg", ".jpeg", ".jpe", ".png", ".webp", ".avif", ".gif", ".tif", ".tiff", ".bmp",
    ".heic", ".heif",
})
# Images the site refuses with advice (SVG can carry script; iPhone's HEIC is not for the web).
REFUSED_IMAGE_EXTENSIONS = (".svg", ".heic", ".heif")
# What editors may use.
USABLE_IMAGE_EXTENSIONS = tuple(sorted(IMAGE_EXTENSIONS - set(REFUSED_IMAGE_EXTENSIONS)))
# Alt texts that describe nothing.
GENERIC_ALT = frozenset({
    "immagine", "foto", "fotografia", "image", "photo", "picture", "img", "logo", "alt",
    "testo alternativo", "descrizione",
})
EXAMPLE_ALT = "Persone sedute intorno a un tavolo durante un incontro"


@dataclass(frozen=True)
class Alt:
    kind: str  # "text", "decorative" or "missing"
    text: str  # what goes in alt="" ("" unless kind is "text")


def classify_alt(value: str | None, decorative: Iterable[str]) -> Alt:
    """An alt text as written: a description, the explicit decorative marker, or nothing
    (absent, empty or blank, which is not allowed: decorative images must say so)."""
    if value is None or not value.strip():
        return Alt("missing", "")
    if value.strip().casefold() in {d.casefold() for d in decorative}:
        return Alt("decorative", "")
    return Alt("text", " ".join(value.split()))


def is_generic_alt(alt: str) -> bool:
    """An alternative text that says nothing: a file name or a word like 'foto'."""
    text = alt.strip().casefold()
    return text in GENERIC_ALT or text.endswith(tuple(IMAGE_EXTENSIONS))


def is_image_path(path: str) -> bool:
    return posixpath.splitext(path.lower())[1] in IMAGE_EXTENSIONS


def is_external(value: str) -> bool:
    return value.strip().lower().startswith(EXTERNAL)


def normalise_src(src: str) -> str:
    """An image reference as written in Markdown or HTML, entities and %-escapes decoded."""
    return unquote(html.unescape(src.strip()))


def image_path(src: str) -> tuple[str, bool]:
    """('immagini/foto.jpg', True) for '{static}/immagini/foto.jpg': the path without marker,
    query or fragment, and whether it counts from content/ (it started with '/')."""
    value = normalise_src(src).split("#")[0].split("?")[0]
    for marker in ("{static}", "{attach}", "{filename}"):
        if value.startswith(marker):
            value = value[len(marker):]
            break
    return value.lstrip("/"), value.startswith("/")


def candidates(src: str, referrer_folder: str, *, field: bool = False) -> list[str]:
    """Where an image reference may point, in the order Pelican looks: a front-matter field
    or a rooted path from content/; anything else from the referring file's folder, then from
    content/. Paths that would leave content/ are not candidates."""
    path, rooted = image_path(src)
    found = [resolve(path, "", from_root=True)] if rooted or field else [
        resolve(path, referrer_folder, from_root=False), resolve(path, "", from_root=True)
    ]
    return [c for c in dict.fromkeys(found) if inside(c)]


def find_image(src: str, referrer_folder: str, exists: Callable[[str], bool], *,
               field: bool = False) -> str | None:
    """The content-relative path of the file `src` points to, or None if there is none."""
    return next((c for c in candidates(src, referrer_folder, field=field) if exists(c)), None)
