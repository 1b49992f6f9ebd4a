"""A PDF without its metadata, rewritten by pikepdf (qpdf): what a PDF writer records about who
made it, where and with what, and anything that runs or opens something when the PDF is read.

Removed: the document information (Author, Creator, Producer, dates, custom keys) and every XMP
metadata stream; /PieceInfo (application data); embedded files and the names of file
specifications (which carry paths such as C:\\Users\\…); JavaScript, open actions, additional
actions and every action other than a link to a page of the document or to an http(s) or
mailto address; annotations other than such links (a comment's /T is its author's name); form
fields (AcroForm), which carry their own actions; the EXIF, XMP and comment segments of JPEG
images inside (Word and most PDF writers copy a photo's EXIF, GPS included, as it is).
Saved with an /ID derived from the content, so the same file gives the same bytes every time.
"""

from __future__ import annotations

import io

import pikepdf

from .jpeg import jpeg_without_metadata

ACTIONS_KEPT = {"/GoTo", "/URI"}
SAFE_URI_SCHEMES = ("http://", "https://", "mailto:")
DROPPED_KEYS = ("/Metadata", "/PieceInfo", "/AA", "/JS")


class PdfRefused(ValueError):
    """The file is not a PDF pikepdf can read (damaged, encrypted, or only starting like one)."""


def _safe_action(action) -> bool:
    if not isinstance(action, pikepdf.Dictionary):
        return False
    kind = str(action.get("/S", ""))
    if kind not in ACTIONS_KEPT or "/Next" in action:
        return False
    if kind == "/URI":
        uri = str(action.get("/URI", "")).strip().lower()
        return uri.startswith(SAFE_URI_SCHEMES)
    return True


def clean_pdf(data: bytes) -> bytes:
    """The PDF `data`, clean. Raises PdfRefused."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise PdfRefused("encrypted") from None
    except (pikepdf.PdfError, ValueError, OSError) as error:
        raise PdfRefused(str(error)) from None
    with pdf:
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        root = pdf.Root
        for key in ("/OpenAction", "/AcroForm", "/Threads", "/SpiderInfo", "/Perms"):
            if key in root:
                del root[key]
        if "/Names" in root:
            for key in ("/EmbeddedFiles", "/JavaScript"):
                if key in root.Names:
                    del root.Names[key]
        for page in pdf.pages:
            annotations = page.obj.get("/Annots")
            if annotations is not None:
                kept = pikepdf.Array([
                    a for a in annotations
                    if isinstance(a, pikepdf.Dictionary) and a.get("/Subtype") == pikepdf.Name.Link
                    and (("/A" in a and _safe_action(a.A)) or ("/A" not in a and "/Dest" in a))
                ])
                page.obj.Annots = kept
        for obj in pdf.objects:
            if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                continue
            for key in DROPPED_KEYS:
                if key in obj:
                    del obj[key]
            if "/A" in obj and not _safe_action(obj.A):
                del obj["/A"]
            if obj.get("/Type") == pikepdf.Name.Filespec:
                for key in ("/F", "/UF", "/DOS", "/Mac", "/Unix", "/Desc", "/EF", "/RF"):
                    if key in obj:
                        del obj[key]
            if (isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == pikepdf.Name.Image
                    and obj.get("/Filter") == pikepdf.Name.DCTDecode):
                raw = obj.read_raw_bytes()
                try:
                    clean = jpeg_without_metadata(raw)
                except ValueError:
                    raise PdfRefused("damaged image") from None
                if clean != raw:
                    obj.write(clean, filter=pikepdf.Name.DCTDecode)
        pdf.remove_unreferenced_resources()
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()
