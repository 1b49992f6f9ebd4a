"""The site's Markdown reader: Pelican's, then the transforms of the file's language."""

from __future__ import annotations

import os
from pathlib import Path

from pelican.readers import MarkdownReader

from rart.catalogs import load_catalog
from rart.html import IMG_TAG
from rart.naming import parse_name
from rart.site import Site

from .transforms import Context, transform


class ContentReader(MarkdownReader):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.site = Site.from_settings(self.settings)
        self.catalogs = {}  # lang -> interface translations, loaded when first needed

    def read(self, source_path):
        content, metadata = super().read(source_path)
        content = transform(content, self.context_for(source_path))
        # The images plugin finds the item's <img> tags here, as written, before Pelican
        # resolves their {static} links (item.img_tags).
        metadata["img_tags"] = IMG_TAG.findall(content)
        return content, metadata

    def context_for(self, source_path: str) -> Context:
        rel = Path(os.path.relpath(source_path, self.settings["PATH"])).as_posix()
        name = parse_name(rel, self.site.languages)
        language = self.site.languages.get(name.lang, self.site.languages.default)
        if language.code not in self.catalogs:
            self.catalogs[language.code] = load_catalog(
                Path(self.settings["I18N_TRANSLATIONS_DIR"]), language.code, language.locale,
                "messages",
            )
        return Context(language.rtl, self.catalogs[language.code].gettext,
                       self.settings.get("EMBED_PROVIDERS", {}))
