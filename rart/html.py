"""Small operations on HTML that the build itself produced."""

from __future__ import annotations

import re
from collections.abc import Sequence

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def body_html(content: str, pictures: Sequence[str | None]) -> str:
    """`content` with its n-th <img> tag replaced by ``pictures[n]`` (HTML of a <picture>),
    where there is one; None or a missing entry keeps the tag as it is."""
    if not pictures or not content:
        return content or ""
    position = 0

    def swap(match: re.Match[str]) -> str:
        nonlocal position
        picture = pictures[position] if position < len(pictures) else None
        position += 1
        return picture if picture is not None else match.group(0)

    return IMG_TAG.sub(swap, content)
