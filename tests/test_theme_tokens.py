"""The contrast ratios written beside the colour tokens are computed, not hoped for."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

TOKENS = Path(__file__).resolve().parent.parent / "theme" / "static" / "css" / "tokens.css"
DECLARATION = re.compile(r"(--color-[\w-]+):\s*(#[0-9a-fA-F]{6});[ \t]*(?:/\*(.*?)\*/)?")
CLAIM = re.compile(r"on (--color-[\w-]+): ([\d.]+):1")


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def blocks() -> dict[str, dict[str, tuple[str, str]]]:
    """Tokens of the light block and of the dark block (dark falls back to light)."""
    css = TOKENS.read_text(encoding="utf-8")
    light_css, _, dark_css = css.partition("prefers-color-scheme: dark")
    light = {name: (value, comment or "") for name, value, comment in DECLARATION.findall(light_css)}
    dark = {name: (value, comment or "") for name, value, comment in DECLARATION.findall(dark_css)}
    return {"light": light, "dark": {**{k: (v, "") for k, (v, _) in light.items()}, **dark}}


def claims():
    for scheme, tokens in blocks().items():
        for name, (value, comment) in tokens.items():
            for other, stated in CLAIM.findall(comment):
                yield pytest.param(scheme, name, value, other, float(stated), id=f"{scheme}-{name}-on-{other}")


def test_tokens_state_ratios():
    assert len(list(claims())) >= 30


@pytest.mark.parametrize("scheme, name, value, other, stated", list(claims()))
def test_stated_contrast_is_the_computed_one(scheme, name, value, other, stated):
    against = blocks()[scheme][other][0]
    computed = contrast(value, against)
    assert math.floor(computed * 10) / 10 == stated, f"{name} {value} on {other} {against}: {computed:.2f}:1"
    # Text needs 4.5:1; borders and focus rings 3:1.
    needed = 3 if name in ("--color-border",) or name.startswith("--color-focus") and name != "--color-focus-text" else 4.5
    assert computed >= needed
