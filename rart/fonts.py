"""Font files on this machine: found by file name under a list of folders, never shipped with
the site, asked which characters they have (their cmap), hashed for cache keys. The share
cards (plugins/images) and the print materials (plugins/printing) draw with the same fonts."""

from __future__ import annotations

import hashlib
import os
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

# Debian's package for the fonts the site draws with; named in every message about a missing one.
FONTS_PACKAGE = "fonts-noto-core"
ARABIC_PROBE = "\u0628"  # ب, BEH: a font that has it is taken to cover Arabic
LATIN_PROBE = "A"


@dataclass(frozen=True)
class FontStack:
    """Font files in fallback order, each with its content hash (part of the card cache key)."""

    paths: tuple[str, ...]
    hashes: tuple[str, ...]


def index_font_dirs(dirs: Iterable[str]) -> dict[str, str]:
    """file name -> first path found under ``dirs`` (searched recursively, in order)."""
    found: dict[str, str] = {}
    for root in dirs:
        for folder, _, files in sorted(os.walk(root)):
            for name in sorted(files):
                found.setdefault(name, os.path.join(folder, name))
    return found


def resolve_stack(names: Iterable[str], index: dict[str, str]) -> FontStack:
    """The fonts of ``names`` that exist (absolute paths are taken as they are)."""
    paths = []
    for name in names:
        path = name if os.path.isabs(name) else index.get(name)
        if path and os.path.isfile(path) and path not in paths:
            paths.append(path)
    return FontStack(tuple(paths), tuple(file_hash(p) for p in paths))


def _stamp(path: str) -> tuple[int, int]:
    """What tells a changed font file apart (a devserver build runs again in the same process)."""
    try:
        stat = os.stat(path)
    except OSError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


def file_hash(path: str) -> str:
    return _file_hash(path, _stamp(path))


@lru_cache(maxsize=64)
def _file_hash(path: str, stamp: tuple[int, int]) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def codepoints(path: str) -> frozenset[int]:
    """Every character the font maps to a glyph, read from its cmap table (TrueType or
    OpenType, or the first font of a collection). Unreadable fonts have none."""
    return _codepoints(path, _stamp(path))


@lru_cache(maxsize=64)
def _codepoints(path: str, stamp: tuple[int, int]) -> frozenset[int]:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        return frozenset(_read_cmap(data))
    except (OSError, struct.error, ValueError):
        return frozenset()


def _read_cmap(data: bytes) -> Iterator[int]:
    offset = 0
    if data[:4] == b"ttcf":
        offset = struct.unpack_from(">I", data, 12)[0]
    num_tables = struct.unpack_from(">H", data, offset + 4)[0]
    cmap = None
    for i in range(num_tables):
        tag, _, table_offset, _ = struct.unpack_from(">4sIII", data, offset + 12 + 16 * i)
        if tag == b"cmap":
            cmap = table_offset
    if cmap is None:
        raise ValueError("no cmap table")
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    subtables = {}
    for i in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        subtables[(platform, encoding)] = cmap + sub
    # Full Unicode (format 12) first, then the Basic Multilingual Plane (format 4).
    for key in ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0)):
        if key not in subtables:
            continue
        start = subtables[key]
        fmt = struct.unpack_from(">H", data, start)[0]
        if fmt == 12:
            return _format12(data, start)
        if fmt == 4:
            return _format4(data, start)
    raise ValueError("no Unicode cmap")


def _format12(data: bytes, start: int) -> Iterator[int]:
    groups = struct.unpack_from(">I", data, start + 12)[0]
    for i in range(groups):
        first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * i)
        if glyph:
            yield from range(first, last + 1)
        else:
            yield from range(first + 1, last + 1)


def _format4(data: bytes, start: int) -> Iterator[int]:
    seg_count = struct.unpack_from(">H", data, start + 6)[0] // 2
    ends = struct.unpack_from(f">{seg_count}H", data, start + 14)
    starts = struct.unpack_from(f">{seg_count}H", data, start + 16 + 2 * seg_count)
    deltas = struct.unpack_from(f">{seg_count}h", data, start + 16 + 4 * seg_count)
    range_base = start + 16 + 6 * seg_count
    offsets = struct.unpack_from(f">{seg_count}H", data, range_base)
    for i in range(seg_count):
        if starts[i] == 0xFFFF:
            continue
        for code in range(starts[i], ends[i] + 1):
            if offsets[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:
                where = range_base + 2 * i + offsets[i] + 2 * (code - starts[i])
                glyph = struct.unpack_from(">H", data, where)[0]
                if glyph:
                    glyph = (glyph + deltas[i]) & 0xFFFF
            if glyph:
                yield code


def first_covering(stack: FontStack, probe: str) -> str | None:
    """The first font of the stack that has the character `probe`, or None."""
    return next((path for path in stack.paths if ord(probe) in codepoints(path)), None)
