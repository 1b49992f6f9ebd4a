"""The materials library: a page per language listing every file of the site to download (the
print sheets of plugins/printing, editors' files in content/materiali/ as plugins/materials
published them), grouped by the campaign or page each belongs to, with language, type and
size; and, per language of the files, the same page with only those files, reached by links
(no JavaScript needed). The arrangement is in model.py.

Whether the library exists is decided when content is read, from what is there (printable
items, files in content/materiali/), so it is in the sitemap and the menus whatever order
the generators write in; its rows are made when writing, from what the other plugins put in
the context (MATERIALS, PRINT). Plugins never import each other: the context is the contract.
"""

from __future__ import annotations

import os

from pelican import signals
from pelican.generators import Generator

from rart.collections import with_translations
from rart.contract import prints
from rart.materials import BY_EXTENSION, SYSTEM_JUNK
from rart.site import Site

from .model import Group, LibraryFile, arrange, languages_of, only

LISTS = ("articles", "hidden_articles", "pages", "hidden_pages")
KIND_NAMES = {"text": "TXT"}  # what readers see as a file's type; otherwise its kind, capitalised


def _items(context):
    for name in LISTS:
        for item in with_translations(context.get(name, [])):
            if getattr(item, "save_as", ""):
                yield item


def _content_files(site: Site) -> list[str]:
    """Names of the files in content/materiali/ that can be downloads (by extension)."""
    root = site.content_dir / site.materials_dir
    names = []
    for _folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        names += [f for f in files if f not in SYSTEM_JUNK and not f.startswith(".")
                  and f.rpartition(".")[2].lower() in BY_EXTENSION]
    return sorted(names)


class LibraryGenerator(Generator):
    def generate_context(self):
        site = self.site = Site.of(self.context, self.settings)
        self.languages: list[str] = []
        if not site.has_listing("library"):
            return
        printable = any(prints(getattr(i, "content_type", ""), i.metadata.get("print"))
                        for i in _items(self.context))
        if not printable and not _content_files(site):
            return  # nothing to download: no library, no empty page
        self.languages = list(site.languages)
        self.urls = {code: site.listing("library", code).url for code in self.languages}
        self.context["LIBRARY_URL"] = self.urls
        state = self.context.get("I18N")
        if state is not None:
            for code in self.languages:
                state.register_page(self.urls[code], code, self.urls)

    def generate_output(self, writer):
        if not self.languages:
            return
        site = self.site
        order = list(site.languages)
        items = {(i.content_type, i.key, i.lang): i for i in _items(self.context)
                 if getattr(i, "content_type", None)}
        template = self.get_template("library")
        for code in self.languages:
            groups = arrange(self._groups(code, items), order, code)
            filters = languages_of(groups, order)
            filter_urls = {f: site.listing("library_language", code, code=f).url for f in filters}
            common = dict(groups_all=groups, filter_langs=filters, filter_urls=filter_urls,
                          library_url=self.urls[code])
            writer.write_file(site.listing("library", code).save_as, template, self.context,
                              url=self.urls[code], lang=code, alternates=self.urls,
                              library_groups=groups, library_filter=None, **common)
            for f in filters:
                address = site.listing("library_language", code, code=f)
                alternates = {c: site.listing("library_language", c, code=f).url for c in self.languages}
                writer.write_file(address.save_as, template, self.context, url=address.url,
                                  lang=code, alternates=alternates,
                                  library_groups=only(groups, f), library_filter=f, **common)

    def _groups(self, lang: str, items) -> list[Group]:
        default = self.site.languages.default.code
        groups: dict[tuple[str, str], Group] = {}

        def group(content_type: str, key: str, *langs: str) -> Group | None:
            """The group of an item, titled as its page in the first of `langs` it has."""
            page = next((items[(content_type, key, c)] for c in langs if (content_type, key, c) in items), None)
            if page is None:
                return None
            return groups.setdefault((content_type, key), Group(page.title, page.url, page.lang))

        registry = self.context.get("PRINT")
        for pf in registry.all_files() if registry is not None else []:
            target = group(pf.content_type, pf.item_key, lang, default, pf.lang)
            if target is not None:
                target.files.append(LibraryFile(pf.url, pf.lang, pf.title, "PDF", pf.bytes, pf.kind))
        for download in self.context.get("MATERIALS", []):
            url, size = download.url, download.size
            if not url:
                continue  # an image no page links to is not published
            file_lang = download.lang or default
            # The item that lists it, titled in the reader's language when it has a page in it.
            owners = download.linked_from
            owner = owners.get(lang) or owners.get(default) or min(owners.values(), default=None)
            target = group(*owner, lang, default, *owners) if owner else None
            if target is None:
                target = groups.setdefault(("", ""), Group("", "", lang))
            labels = download.labels
            title = (labels.get(file_lang) or labels.get(lang) or labels.get(default)
                     or min(labels.values(), default="") or download.name)
            kind = KIND_NAMES.get(download.kind, download.kind.upper())
            target.files.append(LibraryFile(url, file_lang, title, kind, size))
        return list(groups.values())


def add_generator(pelican):
    return LibraryGenerator


def register():
    signals.get_generators.connect(add_generator)
