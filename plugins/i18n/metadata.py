"""Front matter completed from the file's place: language, translation key, type and address.

Runs on Pelican's *_generator_context signals, after the reader and before the content object
exists, so Pelican itself then links translations (by `key`) and writes to the right place.
"""

from __future__ import annotations

from .paths import content_paths


class MetadataProblem(ValueError):
    """A content file's language or type cannot be worked out; the message is for editors."""


def complete_metadata(metadata: dict, settings: dict, languages: dict) -> dict:
    """Fill in lang, key, content_type, template, slug, url and save_as; return metadata.

    ``metadata`` holds PATH_METADATA's groups (folder, key, filename_lang) and the front matter.
    Front matter wins for slug and template; language comes from the file name.
    """
    folder = metadata.get("folder")
    types = settings["CONTENT_TYPES"]
    if folder not in types:
        raise MetadataProblem(
            f"la cartella «{folder}» non è un tipo di contenuto; usa una di: {', '.join(types)}"
        )
    spec = types[folder]
    default = next(iter(languages))
    lang = metadata.pop("filename_lang", None) or default
    if lang not in languages:
        raise MetadataProblem(
            f"la lingua «{lang}» nel nome del file non è tra quelle del sito "
            f"({', '.join(languages)})"
        )
    declared = metadata.get("lang")
    if declared and declared != lang:
        raise MetadataProblem(
            f"il campo lang dice «{declared}» ma il nome del file indica «{lang}»; "
            "togli il campo lang: la lingua si indica solo nel nome del file"
        )
    metadata["lang"] = lang
    metadata["content_type"] = spec["type"]
    if spec["type"] == "page":
        metadata.setdefault("template", settings.get("PAGE_TEMPLATES", {}).get(metadata["key"], spec["template"]))
    metadata.setdefault("template", spec["template"])
    slug = metadata.setdefault("slug", metadata["key"])
    fixed = settings.get("FIXED_PAGE_PATHS", {})
    if spec["type"] == "page" and metadata["key"] in fixed:
        url, save_as = content_paths(fixed[metadata["key"]], slug, languages[lang])
    elif spec["url"]:
        url, save_as = content_paths(spec["url"], slug, languages[lang])
    else:  # data for other pages (achievements): no page of its own
        url, save_as = "", ""
    if str(metadata.get("status", "")).lower() == "draft":
        # An explicit address would make Pelican write the draft; drafts are never published.
        url, save_as = "", ""
    metadata["url"] = url
    metadata["save_as"] = save_as
    return metadata
