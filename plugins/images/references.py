"""Where content refers to images, read without building anything: <img> tags in a page's
HTML, the Markdown line each one comes from, and front-matter fields. Which file a reference
points to, and what its alt text says, are the core's rules (rart.images). Pure functions."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from rart.frontmatter import split_document
from rart.images import is_image_path, normalise_src

# ![alt](src "title") and ![alt](<src with spaces>)
MARKDOWN_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*(?:<(?P<angled>[^>]*)>|(?P<plain>[^)\s]+))")
HTML_SRC = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*(?P<q>['\"])(?P<src>.*?)(?P=q)", re.I | re.S)
REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<src>[^\s>]+)>?", re.M)


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag, attrs):
        self.attrs = {name.lower(): value for name, value in attrs}

    handle_startendtag = handle_starttag


def img_attributes(tag: str) -> dict[str, str | None]:
    """The attributes of one <img …> tag, entities decoded; a bare attribute maps to None."""
    parser = _Attributes()
    parser.feed(tag)
    parser.close()
    return parser.attrs


def image_lines(text: str) -> dict[str, list[int]]:
    """src as written (normalised) -> the 1-based lines where the Markdown source refers to it,
    in order: ![…](src), <img src="…"> and reference definitions [id]: src."""
    found: dict[str, list[int]] = {}

    def add(src, offset):
        found.setdefault(normalise_src(src), []).append(offset)

    for match in MARKDOWN_IMAGE.finditer(text):
        add(match.group("angled") or match.group("plain"), match.start())
    for match in HTML_SRC.finditer(text):
        add(match.group("src"), match.start())
    for match in REFERENCE.finditer(text):
        if is_image_path(normalise_src(match.group("src")).split("?")[0]):
            add(match.group("src"), match.start())
    return {src: [text.count("\n", 0, offset) + 1 for offset in sorted(offsets)]
            for src, offsets in found.items()}


def front_matter_line(text: str, field: str) -> int | None:
    """The 1-based line of ``field:`` in the front matter, as Pelican reads it."""
    entry = split_document(text).first(field.lower())
    return entry.line if entry else None
