"""Precompressed siblings for static hosting: x.html -> x.html.gz and x.html.br.

Byte-reproducible: gzip is written with mtime 0 and no file name, brotli has no timestamps."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli

TEXT_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".ics", ".wasm"}


def precompress_tree(root: Path, min_bytes: int = 256) -> int:
    """Write .gz and .br next to every text file of at least `min_bytes`; return the count."""
    count = 0
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        data = path.read_bytes()
        if len(data) < min_bytes:
            continue
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))
        count += 1
    return count
