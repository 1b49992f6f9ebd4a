"""Metadata segments out of JPEG and PNG files, losslessly (the pixels are not decoded): for
the pictures inside PDFs and office documents, which are published as they are."""

from __future__ import annotations

# APP1 (EXIF with GPS, XMP) to APP13 (IPTC, Photoshop) and APP15, and comments; APP0 (JFIF)
# and APP14 (Adobe: how to read the colours) stay.
_DROPPED_MARKERS = set(range(0xE1, 0xEE)) | {0xEF, 0xFE}
# PNG chunks kept: the image and how to show it. Text (tEXt, zTXt, iTXt), EXIF (eXIf) and the
# modification time (tIME) go.
_PNG_KEPT = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP",
             b"sBIT", b"pHYs", b"bKGD"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def jpeg_without_metadata(data: bytes) -> bytes:
    """`data` (a JPEG) without its metadata segments. Raises ValueError on a broken file."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    out = bytearray(b"\xff\xd8")
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            raise ValueError("broken JPEG")
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is image data
            out += data[i:]
            return bytes(out)
        length = int.from_bytes(data[i + 2:i + 4], "big")
        if length < 2 or i + 2 + length > len(data):
            raise ValueError("broken JPEG")
        if marker not in _DROPPED_MARKERS:
            out += data[i:i + 2 + length]
        i += 2 + length
    raise ValueError("JPEG without image data")


def png_without_metadata(data: bytes) -> bytes:
    """`data` (a PNG) with only the chunks that draw it. Raises ValueError on a broken file."""
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG")
    out = bytearray(PNG_SIGNATURE)
    i = len(PNG_SIGNATURE)
    while i + 12 <= len(data):
        length = int.from_bytes(data[i:i + 4], "big")
        kind = data[i + 4:i + 8]
        end = i + 12 + length
        if end > len(data):
            raise ValueError("broken PNG")
        if kind in _PNG_KEPT:
            out += data[i:end]
        i = end
        if kind == b"IEND":
            return bytes(out)
    raise ValueError("PNG without end")


def picture_without_metadata(name: str, data: bytes) -> bytes:
    """A picture inside a document, by its name; other files as they are."""
    lowered = name.lower()
    if lowered.endswith((".jpg", ".jpeg", ".jpe", ".jfif")) or data[:2] == b"\xff\xd8":
        return jpeg_without_metadata(data)
    if lowered.endswith(".png") or data.startswith(PNG_SIGNATURE):
        return png_without_metadata(data)
    return data
