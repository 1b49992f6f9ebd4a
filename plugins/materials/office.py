"""Word (DOCX) and OpenDocument (ODT) texts without their metadata, rewritten part by part.

Written here because no library fits: mat2, the one that cleans these formats, needs GObject
and Cairo libraries that have no wheels and writes random ids (its output differs at every
run); python-docx and odfpy only edit the core properties. Both formats are zip files of XML
parts, read with the standard library:

- parts not on the allow-list are dropped: custom properties, thumbnails, customXml, comments
  and the list of their authors, settings (printer names, template paths, rsids, which mark
  editing sessions), macros (vbaProject.bin) and any embedded object; every relationship,
  content type and manifest entry that pointed to a dropped part goes with it, so the file
  stays consistent (each internal relationship is checked to point to a part that exists);
- the core and application properties (DOCX) and meta.xml (ODT) are rewritten empty: no
  author, company, template, dates, editing time or revision count;
- in the text: tracked changes are accepted (a deletion keeps the deleted text in the file,
  hidden), authors, initials, dates and rsids of changes go, comment anchors go;
- relationships to files outside the document (a template in C:\\Users\\…) go;
- pictures inside lose their EXIF, XMP and text segments (jpeg.py);
- the zip is written in a fixed order with fixed dates and modes: the same file gives the
  same bytes.

Parts are read and written with lxml, which keeps each part's own namespace prefixes (Word
reads some of them literally, in mc:Ignorable); its parser is set to resolve no entity and load
nothing, and a part with a DOCTYPE is refused outright. So are zips that would unpack into more
than MAX_UNPACKED bytes or hold more than MAX_PARTS parts. Removing an element keeps the text
that follows it (OpenDocument mixes text and elements).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

from .jpeg import picture_without_metadata

MAX_UNPACKED = 200_000_000
MAX_PARTS = 5_000
FIXED_TIME = (1980, 1, 1, 0, 0, 0)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

# DOCX: the parts kept (regular expressions on the part name); everything else is dropped.
DOCX_PARTS = re.compile(
    r"\[Content_Types\]\.xml|_rels/\.rels|docProps/(core|app)\.xml|"
    r"word/(document|styles|stylesWithEffects|numbering|fontTable|webSettings|theme/theme\d*|"
    r"footnotes|endnotes|header\d*|footer\d*|settings)\.xml|"
    r"word/_rels/(document|footnotes|endnotes|header\d*|footer\d*|numbering|styles)\.xml\.rels|"
    r"word/media/[^/]+|word/theme/_rels/theme\d*\.xml\.rels|word/fonts/[^/]+|"
    r"word/_rels/fontTable\.xml\.rels"
)
# ODT: the parts kept.
ODT_PARTS = re.compile(
    r"mimetype|content\.xml|styles\.xml|meta\.xml|META-INF/manifest\.xml|Pictures/[^/]+"
)
# Pictures the rewrite can clean, or that carry no metadata.
PICTURES_KEPT = re.compile(r".*\.(jpe?g|png|gif|bmp|emf|wmf|svg)$", re.IGNORECASE)
DOCX_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
    b'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"/>'
)
DOCX_APP = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties '
    b'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>'
)
ODT_META = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta '
    b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2">'
    b"<office:meta/></office:document-meta>"
)
# Word elements that record a change or a comment (their content is accepted or dropped).
W_DROP = {f"{{{W}}}{n}" for n in (
    "del", "moveFrom", "commentRangeStart", "commentRangeEnd", "commentReference",
    "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "tblGridChange", "tcPrChange",
    "trPrChange", "tblPrExChange", "numberingChange", "attachedTemplate", "rsids",
    "customXmlInsRangeStart", "customXmlInsRangeEnd", "customXmlDelRangeStart",
    "customXmlDelRangeEnd", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
    "moveToRangeEnd", "docVars", "mailMerge",
)}
# Embedded objects and macros: dropping them would leave references in the text, keeping them
# keeps what they carry. The file is refused instead, with the advice to save it as PDF.
EMBEDDED = re.compile(r"word/(embeddings/.*|vbaProject\.bin|activeX/.*)|Object \d+/.*|ObjectReplacements/.*|Scripts/.*|Basic/.*")
W_UNWRAP = {f"{{{W}}}ins", f"{{{W}}}moveTo"}
W_PEOPLE = {f"{{{W}}}{n}" for n in ("author", "initials", "date")}
ODT_DROP = {f"{{{OFFICE}}}annotation", f"{{{OFFICE}}}annotation-end", f"{{{TEXT}}}tracked-changes",
            f"{{{TEXT}}}change", f"{{{TEXT}}}change-start", f"{{{TEXT}}}change-end"}


class OfficeRefused(ValueError):
    """The file cannot be cleaned: args[0] is a short reason for the message."""


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, remove_comments=True, remove_pis=False)


def _parse(name: str, data: bytes) -> etree._Element:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise OfficeRefused(f"{name}: DOCTYPE")
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise OfficeRefused(f"{name}: {error}") from None


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _keep_text(parent: etree._Element, index: int, text: str | None) -> None:
    """Put `text` where the element at `index` of `parent` was, before it is removed."""
    if not text:
        return
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text


def _clean_tree(root: etree._Element, drop: set[str], unwrap: set[str], people: set[str]) -> None:
    """Remove `drop` elements with their content, replace `unwrap` elements by their
    content, delete `people` attributes and rsids; the text after a removed element stays.
    Iterative, so a deeply nested part cannot exhaust the stack."""
    stack = [root]
    while stack:
        parent = stack.pop()
        index = 0
        while index < len(parent):
            child = parent[index]
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in drop:
                _keep_text(parent, index, child.tail)
                parent.remove(child)
                continue
            if tag in unwrap:
                grandchildren = list(child)
                _keep_text(parent, index, child.text)
                tail = child.tail
                parent.remove(child)
                for offset, grandchild in enumerate(grandchildren):
                    parent.insert(index + offset, grandchild)
                _keep_text(parent, index + len(grandchildren), tail)
                continue
            for attribute in list(child.attrib):
                local = attribute.rsplit("}", 1)[-1]
                if attribute in people or local.startswith("rsid") or local == "paragraph-rsid":
                    del child.attrib[attribute]
            stack.append(child)
            index += 1


def _relationship_target(rels_name: str, target: str) -> str:
    """The part a relationship of part list `rels_name` points to."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    source = rels_name.replace("_rels/", "").removesuffix(".rels")
    folder = posixpath.dirname(source)
    return posixpath.normpath(posixpath.join(folder, target))


def _clean_docx(name: str, data: bytes, kept: set[str]) -> bytes:
    if name == "docProps/core.xml":
        return DOCX_CORE
    if name == "docProps/app.xml":
        return DOCX_APP
    if not name.endswith((".xml", ".rels")) or name.startswith(("word/media/", "word/fonts/")):
        return data
    root = _parse(name, data)
    if name == "[Content_Types].xml":
        for override in list(root):
            part = override.get("PartName")
            if part is not None and part.lstrip("/") not in kept:
                root.remove(override)
        return _xml(root)
    if name.endswith(".rels"):
        for relationship in list(root):
            target = relationship.get("Target", "")
            if relationship.get("TargetMode") == "External":
                # Hyperlinks to web pages stay; links to files (templates, images on a disk) go.
                if not target.lower().startswith(("http://", "https://", "mailto:")):
                    root.remove(relationship)
            elif _relationship_target(name, target) not in kept:
                root.remove(relationship)
        return _xml(root)
    _clean_tree(root, W_DROP, W_UNWRAP, W_PEOPLE)
    return _xml(root)


def _clean_odt(name: str, data: bytes, kept: set[str]) -> bytes:
    if name == "meta.xml":
        return ODT_META
    if name == "META-INF/manifest.xml":
        root = _parse(name, data)
        for entry in list(root):
            path = entry.get(f"{{{MANIFEST}}}full-path", "")
            if path != "/" and path not in kept and not path.endswith("/"):
                root.remove(entry)
        return _xml(root)
    if not name.endswith(".xml"):
        return data
    root = _parse(name, data)
    _clean_tree(root, ODT_DROP, set(), set())
    return _xml(root)


def _check_docx(parts: dict[str, bytes]) -> None:
    """Every internal relationship points to a part that exists."""
    if "[Content_Types].xml" not in parts or "word/document.xml" not in parts:
        raise OfficeRefused("not a Word document")
    for name, data in parts.items():
        if name.endswith(".rels"):
            for relationship in _parse(name, data):
                if relationship.get("TargetMode") == "External":
                    continue
                if _relationship_target(name, relationship.get("Target", "")) not in parts:
                    raise OfficeRefused(f"{name}: {relationship.get('Target')}")


def clean_office(data: bytes, kind: str) -> bytes:
    """The DOCX or ODT (`kind`) `data`, clean. Raises OfficeRefused."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise OfficeRefused(str(error)) from None
    if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise OfficeRefused("too large unpacked")
    allowed = DOCX_PARTS if kind == "docx" else ODT_PARTS
    names = [i.filename for i in infos if not i.is_dir()]
    if len(set(names)) != len(names):
        raise OfficeRefused("duplicate parts")
    if any(EMBEDDED.fullmatch(n) for n in names):
        raise OfficeRefused("embedded objects or macros")
    kept = {n for n in names if allowed.fullmatch(n)}
    for name in kept:
        if name.startswith(("word/media/", "Pictures/")) and not PICTURES_KEPT.fullmatch(name):
            raise OfficeRefused(f"picture format: {name}")
    clean = _clean_docx if kind == "docx" else _clean_odt
    parts: dict[str, bytes] = {}
    try:
        for name in kept:
            content = archive.read(name)
            if name.startswith(("word/media/", "Pictures/")):
                parts[name] = picture_without_metadata(name, content)
            else:
                parts[name] = clean(name, content, kept)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise OfficeRefused(str(error)) from None
    if kind == "docx":
        _check_docx(parts)
    elif parts.get("mimetype", b"").strip() != b"application/vnd.oasis.opendocument.text":
        raise OfficeRefused("not an OpenDocument text")
    first = "mimetype" if kind == "odt" else "[Content_Types].xml"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in [first] + sorted(n for n in parts if n != first):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.create_system = 3
            # OpenDocument: "mimetype" first and stored, so tools recognise the file.
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(info, parts[name], compresslevel=9)
    return out.getvalue()
