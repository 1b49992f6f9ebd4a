"""The Pillow pipeline for one source image: open, orient, convert to sRGB, drop every piece of
metadata, then resize and encode each derivative within the size budget.

Runs in worker processes, so it only takes and returns plain values. Nothing of the source
but its pixels reaches an output file: the pixels are copied into a new image, which has no
EXIF (GPS included), XMP, IPTC, ICC profile, comment or embedded thumbnail to carry over."""

from __future__ import annotations

import io
import math
import os
import warnings

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from rart.limits import MAX_IMAGE_PIXELS

from .problems import ImageProblem

# What Pillow reads that a photo or a logo may come as. MPO is how Pillow names the JPEG of
# many phones (a JPEG with a second, depth or preview, picture inside).
SUPPORTED = {"JPEG", "MPO", "PNG", "WEBP", "AVIF", "GIF", "TIFF", "BMP"}
SAVE_NAME = {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG", "png": "PNG"}
EXTENSION = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png"}
# EXIF orientations that swap width and height.
TRANSPOSED = {5, 6, 7, 8}
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _open(path: str, label: str) -> Image.Image:
    extension = os.path.splitext(path)[1].lower()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
    except Image.DecompressionBombError:
        raise ImageProblem("image-too-big", {"file": label, "megapixels": MAX_IMAGE_PIXELS // 1_000_000}) from None
    except UnidentifiedImageError:
        if extension in (".heic", ".heif"):
            raise ImageProblem("image-heic", {"file": label}) from None
        if extension == ".svg":
            raise ImageProblem("image-svg", {"file": label}) from None
        raise ImageProblem("image-unreadable", {"file": label}) from None
    except OSError as error:
        raise ImageProblem("image-cannot-read", {"file": label, "detail": error}) from None
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:  # the header only has been read: refuse before decoding
        image.close()
        raise ImageProblem("image-too-big", {"file": label, "megapixels": MAX_IMAGE_PIXELS // 1_000_000})
    if image.format not in SUPPORTED:
        found = image.format
        image.close()
        raise ImageProblem("image-unsupported", {"file": label, "format": found})
    return image


def _orientation(image: Image.Image) -> int | None:
    """The EXIF orientation, or None when there is none or the EXIF block is broken."""
    try:
        return image.getexif().get(0x0112)
    except Exception:  # noqa: BLE001 - Pillow raises many kinds on crafted EXIF: orientation unknown
        return None


def inspect(path: str, label: str) -> tuple[int, int, str]:
    """(width, height, format) as displayed, i.e. after the EXIF orientation; reads the header
    only. Raises ImageProblem for a file that is not an image the pipeline takes."""
    with _open(path, label) as image:
        width, height = image.size
        if _orientation(image) in TRANSPOSED:
            width, height = height, width
        return width, height, image.format or ""


def clean_image(path: str, label: str, need: tuple[int, int] | None = None) -> Image.Image:
    """The source's pixels, upright, in sRGB, as RGB or RGBA, in a new image with no metadata.

    ``need`` is the (width, height) the caller will need at most, as displayed: JPEGs are then
    decoded at a reduced scale that still covers it, which is several times faster."""
    image = _open(path, label)
    try:
        orientation = _orientation(image)
        if need and image.format in ("JPEG", "MPO"):
            request = need[::-1] if orientation in TRANSPOSED else need
            image.draft(None, request)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                image.load()
        except (OSError, SyntaxError, ValueError, EOFError) as error:
            raise ImageProblem("image-damaged", {"file": label, "detail": error}) from None
        try:
            upright = ImageOps.exif_transpose(image)
        except Exception:  # noqa: BLE001 - a broken EXIF block: keep the pixels as stored
            upright = image
        icc = image.info.get("icc_profile")
        pixels = _to_srgb(upright, icc)
        return Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
    finally:
        image.close()


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    if image.mode.startswith("I"):  # 16-bit and 32-bit greyscale
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    alpha = _has_alpha(image)
    mode = "RGBA" if alpha else "RGB"
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if image.mode == "RGBA" or image.mode in ("RGB", "CMYK", "L") and mode == "RGB":
                image = ImageCms.profileToProfile(image, source, SRGB, outputMode=mode) or image
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unusable profile: the pixels are taken as sRGB
    image = image.convert(mode)
    if alpha and image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")  # an alpha channel nothing uses
    return image


def crop_box(width: int, height: int, aspect: tuple[int, int] | None) -> tuple[int, int, int, int]:
    """The centred part of a width×height image with the given aspect (the whole if None)."""
    if not aspect:
        return (0, 0, width, height)
    ratio = aspect[0] / aspect[1]
    if width / height > ratio:
        new_width = round(height * ratio)
        left = (width - new_width) // 2
        return (left, 0, left + new_width, height)
    new_height = round(width / ratio)
    top = (height - new_height) // 2
    return (0, top, width, top + new_height)


def target_sizes(width: int, height: int, widths, aspect) -> list[tuple[int, int]]:
    """(width, height) of each derivative: the role's widths, never wider than the source
    (which then gives its own width instead), with the height of the role's aspect."""
    left, top, right, bottom = crop_box(width, height, aspect)
    crop_w, crop_h = right - left, bottom - top
    chosen = sorted({min(w, crop_w) for w in widths})
    return [(w, max(1, round(w * crop_h / crop_w))) for w in chosen]


def decode_need(widths, aspect) -> tuple[int, int]:
    """The displayed size a source must keep to give every width of a role, for draft()."""
    widest = max(widths)
    if aspect:
        return (widest, math.ceil(widest * aspect[1] / aspect[0]))
    return (widest, 1)


def save(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, SAVE_NAME[fmt], **options)
    return buffer.getvalue()


def encode_within(image: Image.Image, encoder, max_bytes: int) -> bytes | None:
    """``image`` encoded as ``encoder`` says, lowering the quality step by step until it
    weighs at most ``max_bytes``; None if even the lowest quality is too heavy."""
    options = dict(encoder.options)
    if encoder.name == "png":
        data = save(image, "png", optimize=True)
        if len(data) > max_bytes:
            method = Image.Quantize.FASTOCTREE if image.mode == "RGBA" else Image.Quantize.MEDIANCUT
            data = save(image.quantize(256, method=method), "png", optimize=True)
        return data if len(data) <= max_bytes else None
    if encoder.name == "jpeg":
        options.update(optimize=True, progressive=True)
    if encoder.name == "avif":
        options.setdefault("max_threads", 1)  # the pipeline already runs one process per core
    quality = encoder.quality
    while True:
        data = save(image, encoder.name, quality=quality, **options)
        if len(data) <= max_bytes or quality <= encoder.min_quality:
            return data if len(data) <= max_bytes else None
        # Size falls roughly in step with quality; aim straight for the budget, at least 5 lower.
        quality = max(encoder.min_quality, min(quality - 5, int(quality * max_bytes / len(data))))
