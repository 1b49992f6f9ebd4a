"""Links in content, as Pelican resolves them: `{filename}/…` points to another content file,
`{static}/…` (or `{attach}/…`) to a file published as it is; a path that starts with '/'
counts from content/, any other from the referring file's folder. In a front-matter field
(Cta_url, Materials) the path always counts from content/."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

MARKER_RE = re.compile(r"[{|](?P<what>[^{}|]*)[}|](?P<path>.*)")
FILE_MARKERS = ("filename", "static", "attach")
# What a field may hold besides a full address: a marker and a path, nothing else.
FIELD_LINK_RE = re.compile(r"\{(filename|static)\}/?[^#?{}|]+")
# Schemes that run code or smuggle content; never a link on this site.
UNSAFE_SCHEME_RE = re.compile(r"\s*(javascript|vbscript|data)\s*:", re.I)
# Addresses on another site (images there are refused: privacy and weight).
EXTERNAL = ("http://", "https://", "//", "data:", "ftp://")


@dataclass(frozen=True)
class Marked:
    """A link written with a Pelican marker: '{static}/materiali/x.pdf' ->
    Marked('static', 'materiali/x.pdf')."""

    marker: str
    path: str  # as written after the marker, without query or fragment, %-decoded
    rooted: bool  # the path started with '/'


def split_marker(target: str) -> Marked | None:
    match = MARKER_RE.fullmatch(target.strip())
    if match is None:
        return None
    path = unquote(re.split(r"[?#]", match["path"], maxsplit=1)[0])
    return Marked(match["what"], path, path.startswith("/"))


def resolve(path: str, referrer_folder: str, *, from_root: bool) -> str:
    """The content-relative path a link's `path` points to (normalised, posix)."""
    if from_root or path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(referrer_folder, path))


def inside(rel: str) -> bool:
    """Whether a normalised content-relative path stays inside content/."""
    return not (rel == ".." or rel.startswith("../") or rel.startswith("/"))


def field_target(value: str, generated: Mapping[str, Any], static: Mapping[str, Any],
                 siteurl: str = "") -> str | None:
    """A front-matter link (Cta_url, Materials, Registration) as the build resolves it:
    '{filename}/pagine/membri.md' -> the URL of that content item, '{static}/materiali/x.pdf'
    -> the URL of that file (from Pelican's `generated_content` and `static_content`, path ->
    object with a `url`), anything else as written. None when a marked link points nowhere."""
    if not value:
        return ""
    for marker, registry in (("{filename}", generated), ("{static}", static)):
        if value.startswith(marker):
            target = registry.get(value[len(marker):].lstrip("/"))
            if target is None:
                return None
            return f"{siteurl}/{target.url}"
    return value
