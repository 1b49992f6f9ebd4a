"""Theme assets: CSS entry points bundled (their @imports inlined, in order) and every asset
named by a hash of its content, so hosts can cache it for a year."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

_IMPORT = re.compile(r"""@import\s+url\(\s*["']?([^"')]+)["']?\s*\)\s*;[ \t]*\n?""")


class AssetError(ValueError):
    """A stylesheet imports a file that does not exist, or imports in a cycle."""


def inline_imports(path: Path, seen: tuple[Path, ...] = ()) -> str:
    """The stylesheet with each `@import url("x.css");` replaced by x.css, recursively."""
    if path in seen:
        raise AssetError(f"{path}: @import cycle through {' -> '.join(p.name for p in seen)}")
    if not path.is_file():
        raise AssetError(f"{path}: imported stylesheet does not exist")
    text = path.read_text(encoding="utf-8")

    def replace(match: re.Match) -> str:
        return inline_imports((path.parent / match.group(1)).resolve(), (*seen, path)).rstrip() + "\n"

    return _IMPORT.sub(replace, text)


@dataclass(frozen=True)
class Asset:
    source: str  # name under theme/static, as templates ask for it ("css/main.css")
    output: str  # fingerprinted name under the theme's output folder
    content: bytes


def fingerprint(name: str, content: bytes, length: int = 10) -> str:
    """css/main.css + content -> css/main.<first hex digits of sha256>.css"""
    digest = hashlib.sha256(content).hexdigest()[:length]
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"


def collect(static_dir: Path, entry_points: list[str]) -> dict[str, Asset]:
    """Every asset to publish: the CSS entry points bundled, every non-CSS file as it is.
    Stylesheets that are not entry points are only ever reached through an entry point."""
    assets = {}
    for path in sorted(p for p in static_dir.rglob("*") if p.is_file()):
        name = path.relative_to(static_dir).as_posix()
        if name.endswith(".css") and name not in entry_points:
            continue
        content = inline_imports(path.resolve()).encode("utf-8") if name in entry_points else path.read_bytes()
        assets[name] = Asset(name, fingerprint(name, content), content)
    return assets
