"""Downloads: the files editors put in content/materiali/ (and any file in a static folder),
what they may be and how they are named. The validator refuses what does not fit, with a
message; plugins/materials publishes only clean copies of what does (metadata removed).

A file is judged by its bytes, not by its name: the first bytes ("magic numbers", read with
the `filetype` library) say what it is, and the name's extension must say the same. Allowed:
PDF, Word (DOCX) and OpenDocument (ODT) texts, photos and graphics (JPEG, PNG, WebP: the
images plugin publishes their clean versions), plain UTF-8 text. Nothing that a browser would
run from the site's own address (HTML, JavaScript, SVG), no archive, no executable, no hidden
file. Magic numbers are only the first gate: the plugin then opens each file with the library
that rewrites it (pikepdf, zipfile, Pillow), which refuses a file that only starts like one.

The name follows the rule of content files: a key in lowercase kebab-case, optionally the
language of the document, then the extension: volantino.pdf, volantino.ar.pdf.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import filetype

from .languages import Languages
from .naming import SLUG_RE, slugify


@dataclass(frozen=True)
class Kind:
    name: str  # "pdf", "docx", "odt", "jpeg", "png", "webp", "text"
    extensions: tuple[str, ...]  # what the file name may end with; the first is the usual
    media_type: str
    image: bool = False  # published by the images plugin, not by plugins/materials


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("pdf", ("pdf",), "application/pdf"),
    Kind("docx", ("docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    Kind("odt", ("odt",), "application/vnd.oasis.opendocument.text"),
    Kind("jpeg", ("jpg", "jpeg"), "image/jpeg", image=True),
    Kind("png", ("png",), "image/png", image=True),
    Kind("webp", ("webp",), "image/webp", image=True),
    Kind("text", ("txt",), "text/plain"),
)}
BY_EXTENSION = {ext: kind for kind in KINDS.values() for ext in kind.extensions}
BY_MEDIA_TYPE = {kind.media_type: kind for kind in KINDS.values()}
# Files a browser would run or render from the site's own address, or that hide what they hold.
DANGEROUS_EXTENSIONS = frozenset({
    "html", "htm", "xhtml", "shtml", "svg", "svgz", "js", "mjs", "cjs", "css", "xml", "xsl",
    "php", "swf", "wasm", "exe", "bat", "cmd", "com", "scr", "msi", "sh", "ps1", "vbs", "jar",
    "apk", "dll", "hta", "lnk", "desktop", "appcache", "webmanifest",
})
# Files operating systems leave behind; never published, never worth a message.
SYSTEM_JUNK = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".gitkeep", ".directory"})
MAX_BYTES = 20_000_000  # the most a download may weigh
MAGIC_BYTES = 8192  # what detection reads (filetype looks inside a zip's first entries)


@dataclass(frozen=True)
class Verdict:
    """What a file is, or why it is refused: a message code (rart.messages) and its values."""

    kind: Kind | None
    code: str | None = None
    params: dict[str, object] | None = None

    @property
    def ok(self) -> bool:
        return self.code is None


def name_problem(name: str, languages: Languages) -> tuple[str, str] | None:
    """(message code, suggested name) when a download's file name breaks the rule, else None."""
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem:
        stem, extension = name, ""
    pieces = stem.split(".")
    key = pieces[0]
    lang = pieces[1] if len(pieces) == 2 else ""
    good_ext = extension.lower() if extension.lower() in BY_EXTENSION else (extension.lower() or "pdf")
    suffix = f".{lang}" if lang in languages and lang != languages.default.code else ""
    suggestion = f"{slugify(key) or 'documento'}{suffix}.{good_ext}"
    if len(pieces) > 2 or not SLUG_RE.fullmatch(key) or extension != extension.lower():
        return "material-name", suggestion
    if lang and (lang not in languages or lang == languages.default.code):
        return "material-name", suggestion
    return None


def language_of(name: str, languages: Languages) -> str | None:
    """The language a download's name declares (volantino.ar.pdf -> 'ar'), or None."""
    pieces = name.rpartition(".")[0].split(".")
    return pieces[1] if len(pieces) == 2 and pieces[1] in languages else None


def _is_plain_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if any(ord(c) < 32 and c not in "\t\n\r" for c in text):
        return False
    lowered = text.lower()
    # Markup a browser sniffing the file could take for a page or a script.
    return not any(m in lowered for m in ("<html", "<script", "<svg", "<!doctype", "<body", "<iframe", "<?xml"))


def judge(name: str, data: bytes, size: int) -> Verdict:
    """The verdict on a file named `name` of `size` bytes whose first bytes are `data`
    (the whole file for plain text)."""
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if name.startswith("."):
        return Verdict(None, "material-hidden", {})
    if extension in DANGEROUS_EXTENSIONS:
        return Verdict(None, "material-dangerous", {"ext": extension})
    expected = BY_EXTENSION.get(extension)
    if expected is None:
        return Verdict(None, "material-type", {"ext": extension or "—", "allowed": allowed_list()})
    if size == 0:
        return Verdict(None, "material-empty", {})
    if size > MAX_BYTES:
        return Verdict(None, "material-too-large", {"megabytes": f"{size / 1e6:.1f}",
                                                    "limit": f"{MAX_BYTES / 1e6:.0f}"})
    guess = filetype.guess(data[:MAGIC_BYTES])
    found = BY_MEDIA_TYPE.get(guess.mime) if guess is not None else None
    if expected.name == "text":
        if guess is None and _is_plain_text(data):
            return Verdict(expected)
        return Verdict(None, "material-not-text", {})
    if found is None:
        what = guess.mime if guess is not None else "?"
        return Verdict(None, "material-mismatch", {"ext": extension, "found": what,
                                                   "usual": expected.extensions[0]})
    if found is not expected:
        return Verdict(None, "material-mismatch", {"ext": extension, "found": found.media_type,
                                                   "usual": found.extensions[0]})
    return Verdict(found)


def allowed_list() -> str:
    return ", ".join(f".{ext}" for kind in KINDS.values() for ext in kind.extensions)


@dataclass(frozen=True)
class MaterialLine:
    """One line of a campaign's Materials field: 'Volantino (PDF) | {static}/materiali/v.pdf'."""

    label: str
    target: str


def parse_material_lines(value: object) -> list[MaterialLine] | None:
    """The lines of a Materials field (a string, or a list when it spans several lines, as
    Pelican's reader gives it); None when a line is not 'Label | link'."""
    if not value:
        return []
    lines = [value] if isinstance(value, str) else list(value)  # type: ignore[call-overload]
    found = []
    for line in lines:
        if not str(line).strip():
            continue
        label, sep, target = str(line).partition("|")
        if not sep or not label.strip() or not target.strip():
            return None
        found.append(MaterialLine(label.strip(), target.strip()))
    return found


@dataclass
class Download:
    """One download, for the templates (context["MATERIALS"]: a list, by path).

    path: where it is under content/ ("materiali/volantino.ar.pdf"); name: the file name; key:
    the name without language and extension ("volantino"); lang: the language the name
    declares, or None; kind: a key of KINDS; media_type; labels: {lang: label} from the
    campaigns' Materials fields that link to it. `url` (from the site root, as {static} links
    resolve: "materiali/volantino.ar.pdf") and `size` (bytes as published) are read when asked:
    an image is published by the images plugin, as a clean version under immagini/, and only
    when a page links to it (until then its url is "" and its size 0).
    """

    path: str
    name: str
    key: str
    lang: str | None
    kind: str
    media_type: str
    labels: dict[str, str]
    published: Callable[[], tuple[str, int]] = field(repr=False, compare=False)
    # {lang: (content type, key)} of the item whose Materials field lists it, per language:
    # the materials library shows which campaign a file belongs to.
    linked_from: dict[str, tuple[str, str]] = field(default_factory=dict, compare=False)

    @property
    def url(self) -> str:
        return self.published()[0]

    @property
    def size(self) -> int:
        return self.published()[1]

    def label(self, lang: str | None = None) -> str:
        """The label campaigns give it in `lang`, else in its own language, else any, else
        the key in words ("volantino-accoglienza" -> "Volantino accoglienza")."""
        for code in (lang, self.lang):
            if code and code in self.labels:
                return self.labels[code]
        if self.labels:
            return self.labels[sorted(self.labels)[0]]
        return self.key.replace("-", " ").capitalize()
