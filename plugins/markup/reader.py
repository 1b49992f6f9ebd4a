"""The site's Markdown reader: Pelican's, guarded, then the transforms of the file's language.

Before Python-Markdown sees a file, the reader makes sure it may: the file is inside the
content folder once every symbolic link is resolved, and it stays within the bounds of
rart.limits (Python-Markdown is quadratic or worse on some inputs). A file that fails either
is refused with the editors' message, naming the file and the line; so is a file Markdown
cannot convert, with the cause. The validator says the same first; this is the guarantee for a
run that skipped it."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from rart.catalogs import load_catalog
from rart.html import IMG_TAG
from rart.htmlpolicy import strip_bidi_controls, theme_ids
from rart.limits import check_markdown
from rart.messages import Messages
from rart.naming import parse_name
from rart.problems import ContentProblem, Problem
from rart.site import Site

from .sanitise import sanitise
from .transforms import Context, transform

logger = logging.getLogger(__name__)


class ContentReader(MarkdownReader):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.site = Site.from_settings(self.settings)
        self.catalogs = {}  # lang -> interface translations, loaded when first needed
        self.reserved_ids = theme_ids(self.settings.get("THEME"))
        self.messages = Messages.for_settings(self.settings)
        self._kept: Markdown | None = None  # one Markdown for all the files this reader reads
        self._preprocessors = None

    def refuse(self, shown: str, line: int | None, code: str, params: dict) -> ContentProblem:
        """The problem, logged for the editor (Pelican's own log line names no cause)."""
        problem = Problem(shown, line, code, params)
        logger.error("%s", problem.format(self.messages))
        return ContentProblem(problem)

    def process_metadata(self, name, value):
        # Bidi overrides and isolates never reach a title, a tag or og:title (rart.htmlpolicy):
        # the validator reports them with their column; this is the guarantee.
        if isinstance(value, str):
            value = strip_bidi_controls(value)
        elif isinstance(value, list):
            value = [strip_bidi_controls(v) if isinstance(v, str) else v for v in value]
        return super().process_metadata(name, value)

    def read(self, source_path):
        rel = Path(os.path.relpath(source_path, self.settings["PATH"])).as_posix()
        shown = self.site.shown(rel)
        if not self.site.contains(source_path):
            raise self.refuse(shown, None, "symlink-outside", {"target": os.path.realpath(source_path)})
        with open(source_path, encoding="utf-8-sig") as handle:
            lines = handle.read().replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for limit in check_markdown(lines)[:1]:
            raise self.refuse(shown, limit.line, limit.code, limit.params)
        try:
            content, metadata = self._convert(source_path)
        except RecursionError:
            raise self.refuse(shown, None, "too-deep", {"depth": "", "limit": ""}) from None
        except Exception as error:  # noqa: BLE001 - reported with the file, then Pelican skips it
            raise self.refuse(shown, None, "markdown-failed",
                              {"error": f"{type(error).__name__}: {error}"}) from None
        context = self.context_for(rel)
        content = transform(content, context)
        if metadata.get("summary"):
            metadata["summary"] = sanitise(str(metadata["summary"]), *self.reserved_ids)
        # The images plugin finds the item's <img> tags here, as written, before Pelican
        # resolves their {static} links (item.img_tags).
        metadata["img_tags"] = IMG_TAG.findall(content)
        return content, metadata

    def _convert(self, source_path: str) -> tuple[str, dict]:
        """What Pelican's MarkdownReader.read returns, from one Markdown instance reset
        between files (Python-Markdown's way of converting many documents; its reset clears
        the references, the stashed HTML and each extension's state) rather than one made
        per file: making one with the site's extensions costs a fifth of converting a news
        item. Pelican's _parse_metadata takes the "meta" preprocessor out of the instance to
        convert the formatted fields; it is given a copy of the preprocessors to take it from."""
        markdown = self._kept
        if markdown is None:
            markdown = self._kept = Markdown(**self.settings["MARKDOWN"])
            self._preprocessors = markdown.preprocessors
        markdown.preprocessors = self._preprocessors
        markdown.reset()
        self._source_path, self._md = source_path, markdown
        with pelican_open(source_path) as text:
            content = markdown.convert(text)
        markdown.preprocessors = self._preprocessors[:]  # a slice of a Registry is a copy
        meta = getattr(markdown, "Meta", None)
        return content, self._parse_metadata(meta) if meta is not None else {}

    def context_for(self, rel: str) -> Context:
        name = parse_name(rel, self.site.languages)
        language = self.site.languages.get(name.lang, self.site.languages.default)
        if language.code not in self.catalogs:
            self.catalogs[language.code] = load_catalog(
                Path(self.settings["I18N_TRANSLATIONS_DIR"]), language.code, language.locale,
                "messages",
            )
        return Context(language.rtl, self.catalogs[language.code].gettext,
                       self.settings.get("EMBED_PROVIDERS", {}), self.reserved_ids)
