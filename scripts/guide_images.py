"""Copy the browser editor's screenshots, which the browser tests write into
tests/artifacts/editor/ (tests/test_admin_browser.py), into docs/guida/ for docs/EDITING.md:
64 colours, no metadata, so each weighs tens of kilobytes. Run by `make guide-images` after
`make test`, when the editor or its configuration changed the way it looks."""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image


def main(source: Path, target: Path) -> int:
    shots = sorted(source.glob("[0-9][0-9]-*.png"))
    if not shots:
        print(f"No screenshot in {source}: run the browser tests first (make test).")
        return 1
    target.mkdir(parents=True, exist_ok=True)
    for shot in shots:
        with Image.open(shot) as image:
            reduced = image.convert("RGB").quantize(
                colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        reduced.save(target / shot.name, "PNG", optimize=True)  # Pillow writes no metadata here
        print(f"{target / shot.name} ({(target / shot.name).stat().st_size // 1024} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
