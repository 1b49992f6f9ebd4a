"""Fonts for the share cards: found on the system by file name, never shipped with the site,
and asked which characters they have (their cmap), so each character is drawn in the first
font of the stack that has it, as a browser does with a CSS font-family list."""

from __future__ import annotations

from rart.fonts import (  # noqa: F401 (the images plugin's names for the core's fonts)
    ARABIC_PROBE,
    FONTS_PACKAGE,
    LATIN_PROBE,
    FontStack,
    codepoints,
    file_hash,
    index_font_dirs,
    resolve_stack,
)

# Debian's packages for what the cards need; named in every message about a missing piece.
LAYOUT_PACKAGES = "libraqm0 libfribidi0"


class FontsMissing(RuntimeError):
    """The cards cannot be drawn correctly on this machine: a message code (rart.messages)
    and its values, which say what to install."""

    def __init__(self, code: str, params: dict):
        super().__init__(code, params)
        self.code, self.params = code, params


def check_stack(stack: FontStack, weight: str, searched) -> None:
    """The stack must draw both Latin and Arabic, or the build stops with what to install.
    ``weight`` is the word for the stack's weight in the editors' language."""
    for probe, code in ((LATIN_PROBE, "no-latin-font"), (ARABIC_PROBE, "no-arabic-font")):
        if not any(ord(probe) in codepoints(path) for path in stack.paths):
            raise FontsMissing(code, {"weight": weight, "where": ", ".join(searched),
                                      "package": FONTS_PACKAGE})


def check_layout() -> None:
    """Arabic must be shaped and laid out right to left by raqm (with FriBiDi and HarfBuzz),
    never drawn by Pillow's basic layout, which leaves the letters unjoined and left to right."""
    from PIL import features

    missing = [name for name in ("raqm", "fribidi", "harfbuzz") if not features.check(name)]
    if missing:
        raise FontsMissing("no-text-layout", {"missing": ", ".join(missing),
                                              "packages": LAYOUT_PACKAGES})
