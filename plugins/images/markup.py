"""What templates get: a Picture for the picture() macro and a ShareCard for the page's head,
built from a cache manifest. Pure values, no Pillow."""

from __future__ import annotations

from dataclasses import dataclass

from .config import MIME

# The <source> elements, best compression first; the fallback (JPEG or PNG) is the <img>.
SOURCE_FORMATS = ("avif", "webp")
# The <img src> for browsers without srcset: the largest fallback up to this width.
SRC_MAX_WIDTH = 1200


@dataclass(frozen=True)
class Source:
    type: str  # MIME type
    srcset: str  # "url 480w, url 800w"
    width: int  # of the largest candidate: gives the box its aspect ratio before loading
    height: int


@dataclass(frozen=True)
class Picture:
    role: str
    alt: str  # "" for a decorative image
    sizes: str
    sources: tuple[Source, ...]
    src: str
    srcset: str
    width: int
    height: int
    type: str  # the fallback's MIME type

    @property
    def decorative(self) -> bool:
        return not self.alt


@dataclass(frozen=True)
class ShareCard:
    path: str  # from the site root, without a leading slash: templates add SITE_ORIGIN
    width: int
    height: int
    type: str
    alt: str


def _srcset(variants, url_for) -> str:
    return ", ".join(f"{url_for(v)} {v['width']}w" for v in variants)


def build_picture(manifest: dict, url_for, role: str, sizes: str, alt: str) -> Picture:
    """``url_for(variant)`` gives the URL of one file of the manifest."""
    by_format: dict[str, list[dict]] = {}
    for variant in sorted(manifest["files"], key=lambda v: v["width"]):
        by_format.setdefault(variant["format"], []).append(variant)
    fallback = by_format[manifest["fallback"]]
    sources = tuple(
        Source(MIME[fmt], _srcset(by_format[fmt], url_for), by_format[fmt][-1]["width"],
               by_format[fmt][-1]["height"])
        for fmt in SOURCE_FORMATS if by_format.get(fmt)
    )
    small_enough = [v for v in fallback if v["width"] <= SRC_MAX_WIDTH] or fallback[:1]
    largest = fallback[-1]
    return Picture(
        role=role,
        alt=alt,
        sizes=sizes,
        sources=sources,
        src=url_for(small_enough[-1]),
        srcset=_srcset(fallback, url_for),
        width=largest["width"],
        height=largest["height"],
        type=MIME[manifest["fallback"]],
    )
