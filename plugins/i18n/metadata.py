"""Front matter completed from the file's place: language, translation key, type and address.

Runs on Pelican's *_generator_context signals, after the reader and before the content object
exists, so Pelican itself then links translations (by `key`) and writes to the right place.
The facts (which language, which type, which address) are the core's (rart.site).
"""

from __future__ import annotations

from stat import S_ISREG

from rart.contract import status_of
from rart.frontmatter import read_front_matter
from rart.naming import MARKDOWN_EXTENSIONS
from rart.site import Site


class MetadataProblem(ValueError):
    """A content file's language or type cannot be worked out. The validator reports the
    same file first, in the editors' words; this only stops a run that skipped it."""


def complete_metadata(metadata: dict, site: Site) -> dict:
    """Fill in lang, key, content_type, template, slug, url and save_as; return metadata.

    ``metadata`` holds PATH_METADATA's groups (folder, key, filename_lang) and the front matter.
    Front matter wins for slug and template; language comes from the file name.
    """
    content_type = site.type_of(metadata.get("folder", ""))
    if content_type is None:
        raise MetadataProblem(f"folder {metadata.get('folder')!r} is not a content type")
    lang = metadata.pop("filename_lang", None) or site.languages.default.code
    if lang not in site.languages:
        raise MetadataProblem(f"language {lang!r} of the file name is not in LANGUAGES")
    declared = metadata.get("lang")
    if declared and declared != lang:
        raise MetadataProblem(f"lang is {declared!r} but the file name says {lang!r}")
    metadata["lang"] = lang
    metadata["content_type"] = content_type.name
    if lang != site.languages.default.code and "status" not in metadata:
        # Published, hidden or drafted with its original: Pelican links translations only
        # within one of its lists (pages, hidden pages, drafts).
        metadata["status"] = original_status(site, content_type.folder, metadata["key"])
    metadata.setdefault("template", site.template_for(content_type, metadata["key"]))
    slug = metadata.setdefault("slug", metadata["key"])
    draft = status_of(metadata.get("status")) == "draft"
    address = site.item_address(content_type, metadata["key"], lang, slug=slug, draft=draft)
    metadata["url"] = address.url
    metadata["save_as"] = address.save_as
    return metadata


def original_status(site: Site, folder: str, key: str) -> str:
    """The Status the default language's file of `key` has ('published' when it has none)."""
    for extension in MARKDOWN_EXTENSIONS:
        path = site.content_dir / folder / f"{key}.{extension}"
        try:
            stat = path.stat()
        except OSError:
            continue
        if not S_ISREG(stat.st_mode):
            continue
        # Every translation asks for its original's: read once while the file is unchanged.
        known = (str(path), stat.st_mtime_ns, stat.st_size, stat.st_ino)
        if known not in _STATUS:
            if len(_STATUS) > 100_000:
                _STATUS.clear()
            _STATUS[known] = status_of(read_front_matter(path).get("status"))
        return _STATUS[known]
    return "published"


_STATUS: dict[tuple, str] = {}
