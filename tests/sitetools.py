"""Reading a built site: its pages parsed with lxml, and URLs mapped back to files."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

from lxml import html as lxml_html

ORIGIN = "http://localhost:8000"
REDIRECT_MARK = b'http-equiv="refresh"'


class BuiltSite:
    def __init__(self, root: Path):
        self.root = root

    @cached_property
    def pages(self) -> list[Path]:
        """Every page of the site; redirect pages (old addresses, short links) are not pages
        but pointers to one: they are in `redirects`."""
        return [p for p in self._html if p not in set(self.redirects)]

    @cached_property
    def redirects(self) -> list[Path]:
        return [p for p in self._html if REDIRECT_MARK in p.read_bytes()[:2048]]

    @cached_property
    def _html(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*.html"))

    def redirect_target(self, path: Path) -> str:
        """Where a redirect page leads: its meta refresh's URL."""
        content = self.tree(self.rel(path)).xpath("//meta[@http-equiv='refresh']/@content")[0]
        return content.split("url=", 1)[1]

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def tree(self, rel: str):
        return lxml_html.fromstring((self.root / rel).read_bytes())

    def file_for(self, href: str, base: str = "") -> Path | None:
        """The output file an internal link points to, or None for an external link."""
        parts = urlsplit(href)
        if parts.scheme in ("mailto", "tel"):
            return None
        if parts.scheme and f"{parts.scheme}://{parts.netloc}" != ORIGIN:
            return None
        path = parts.path
        if not path:
            return self.root / base
        if not path.startswith("/"):
            path = "/" + str(Path(base).parent / path)
        target = self.root / path.lstrip("/")
        if path.endswith("/"):
            target = target / "index.html"
        return target

    def internal_links(self, rel: str):
        tree = self.tree(rel)
        for element, attribute, link, _ in tree.iterlinks():
            if attribute in ("href", "src") and not link.startswith("#"):
                target = self.file_for(link, rel)
                if target is not None:
                    yield element, link, target
