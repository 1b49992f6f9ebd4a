"""The images plugin's settings, validated once, with messages that name the setting. Their
values live in one place only: the "Images" block of pelicanconf.py."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, is_dataclass

# Bump when the pipeline's output changes for the same settings, so every cache entry is redone.
# 2: share cards drawn as palette images, PNG at zlib level 1.
# 3: a card without a photo is put together from its title's rows and its language's others.
PIPELINE_VERSION = 4

FORMATS = ("avif", "webp", "jpeg", "png")
# What a browser is told each format is; the order is the <source> order in <picture>.
MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}

ROLES = ("hero", "card", "inline", "thumbnail", "logo")


class ImagesSettingsError(ValueError):
    """A setting of the images plugin is malformed; the message names it."""


@dataclass(frozen=True)
class Role:
    name: str
    widths: tuple[int, ...]  # CSS pixels, ascending; never upscaled past the source
    aspect: tuple[int, int] | None  # (width, height) to crop to, centred; None keeps the shape
    sizes: str  # the <img sizes> attribute


@dataclass(frozen=True)
class Encoder:
    name: str  # one of FORMATS
    quality: int  # where the encoder starts
    min_quality: int  # the lowest the size budget may push it to
    options: tuple[tuple[str, object], ...]  # other Pillow save() options, e.g. speed


@dataclass(frozen=True)
class CardSettings:
    width: int
    height: int
    output_dir: str
    colors: tuple[tuple[str, str], ...]
    title_max: int
    title_min: int
    max_lines: int
    photo_share: float  # part of the card's width the page's photo takes, 0 for none
    font_dirs: tuple[str, ...]
    bold: tuple[str, ...]  # file names, in fallback order (first that has the glyph wins)
    regular: tuple[str, ...]

    def color(self, name: str) -> str:
        return dict(self.colors)[name]


@dataclass(frozen=True)
class ImagesConfig:
    source_dir: str
    cache_path: str
    workers: int
    max_bytes: int
    warn_megapixels: float
    warn_source_bytes: int
    decorative: tuple[str, ...]
    encoders: dict
    roles: dict
    card: CardSettings

    def role(self, name: str) -> Role:
        return self.roles[name]

    def fingerprint(self, *parts: object) -> str:
        """A hash of everything that decides an encoder's output: the pipeline version,
        Pillow and its codecs, the encoders, the budget and whatever the caller adds."""
        payload = [asdict(p) if is_dataclass(p) and not isinstance(p, type) else p for p in parts]
        text = json.dumps(payload, sort_keys=True, default=str)
        environment = self.__dict__.get("_environment")
        if environment is None:  # once per configuration: the same for a whole build
            environment = _environment(self)
            object.__setattr__(self, "_environment", environment)
        return hashlib.sha256(f"{environment}:{text}".encode()).hexdigest()


def _environment(config: ImagesConfig) -> str:
    """The part of every fingerprint that is the same for a whole build (computed once)."""
    from PIL import __version__ as pillow
    from PIL import features

    payload = {
        "pipeline": PIPELINE_VERSION,
        "pillow": pillow,
        "codecs": [features.version(name) for name in ("avif", "webp", "jpg", "zlib", "raqm")],
        "encoders": {name: asdict(enc) for name, enc in sorted(config.encoders.items())},
        "max_bytes": config.max_bytes,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def _get(settings: dict, name: str):
    if name not in settings:
        raise ImagesSettingsError(
            f"{name} is missing from the settings: it belongs in the Images block of pelicanconf.py."
        )
    return settings[name]


def _positive_int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ImagesSettingsError(f"{name} must be a positive whole number, not {value!r}.")
    return value


def load_config(settings: dict) -> ImagesConfig:
    """Validate the IMAGES_* settings and return them as one frozen value."""
    encoders = {}
    formats = _get(settings, "IMAGES_FORMATS")
    for name in FORMATS:
        spec = dict(formats.get(name) or {}) if isinstance(formats, dict) else None
        if spec is None:
            raise ImagesSettingsError("IMAGES_FORMATS must map avif, webp, jpeg and png to options.")
        quality = spec.pop("quality", 0 if name == "png" else None)
        min_quality = spec.pop("min_quality", quality)
        if name != "png":
            _positive_int(quality, f"IMAGES_FORMATS[{name!r}]['quality']")
            _positive_int(min_quality, f"IMAGES_FORMATS[{name!r}]['min_quality']")
            if not min_quality <= quality <= 100:
                raise ImagesSettingsError(
                    f"IMAGES_FORMATS[{name!r}]: min_quality must not exceed quality, nor quality 100."
                )
        encoders[name] = Encoder(name, quality, min_quality, tuple(sorted(spec.items())))

    roles = {}
    table = _get(settings, "IMAGES_ROLES")
    for name in ROLES:
        spec = table.get(name) if isinstance(table, dict) else None
        if not isinstance(spec, dict):
            raise ImagesSettingsError(f"IMAGES_ROLES needs a {name!r} entry.")
        widths = spec.get("widths")
        if not widths or not all(isinstance(w, int) and w > 0 for w in widths):
            raise ImagesSettingsError(f"IMAGES_ROLES[{name!r}]['widths'] must list positive widths.")
        aspect = spec.get("aspect")
        if aspect is not None and (len(aspect) != 2 or min(aspect) <= 0):
            raise ImagesSettingsError(
                f"IMAGES_ROLES[{name!r}]['aspect'] must be None or [width, height], e.g. [3, 2]."
            )
        if not isinstance(spec.get("sizes"), str) or not spec["sizes"].strip():
            raise ImagesSettingsError(f"IMAGES_ROLES[{name!r}]['sizes'] must be a sizes attribute.")
        roles[name] = Role(name, tuple(sorted(set(widths))), tuple(aspect) if aspect else None,
                           spec["sizes"])

    card = _get(settings, "IMAGES_CARD")
    width, height = card["size"]
    title_max, title_min = card["title_size"]
    if not 0 < title_min <= title_max:
        raise ImagesSettingsError("IMAGES_CARD['title_size'] must be [largest, smallest] > 0.")
    fonts = card["fonts"]
    for weight in ("bold", "regular"):
        if not fonts.get(weight):
            raise ImagesSettingsError(f"IMAGES_CARD['fonts'][{weight!r}] must list font files.")
    colors = card["colors"]
    for name in ("background", "text", "brand", "accent"):
        if not str(colors.get(name, "")).startswith("#"):
            raise ImagesSettingsError(f"IMAGES_CARD['colors'][{name!r}] must be a #rrggbb colour.")
    if not 0 <= card["photo_share"] < 0.7:
        raise ImagesSettingsError("IMAGES_CARD['photo_share'] must be between 0 and 0.7.")

    workers = settings.get("IMAGES_WORKERS") or os.cpu_count() or 1
    cache_path = _get(settings, "IMAGES_CACHE_PATH")
    if not os.path.isabs(cache_path):
        cache_path = os.path.abspath(cache_path)
    output = settings.get("OUTPUT_PATH")
    if output and os.path.commonpath([cache_path, os.path.abspath(output)]) == os.path.abspath(output):
        raise ImagesSettingsError(
            "IMAGES_CACHE_PATH is inside OUTPUT_PATH; the cache must live outside the output."
        )
    return ImagesConfig(
        source_dir=_get(settings, "IMAGES_SOURCE_DIR").strip("/"),
        cache_path=cache_path,
        workers=_positive_int(workers, "IMAGES_WORKERS"),
        max_bytes=_positive_int(_get(settings, "IMAGES_MAX_BYTES"), "IMAGES_MAX_BYTES"),
        warn_megapixels=float(_get(settings, "IMAGES_WARN_MEGAPIXELS")),
        warn_source_bytes=_positive_int(_get(settings, "IMAGES_WARN_SOURCE_BYTES"),
                                        "IMAGES_WARN_SOURCE_BYTES"),
        decorative=tuple(m.casefold() for m in _get(settings, "IMAGES_DECORATIVE")),
        encoders=encoders,
        roles=roles,
        card=CardSettings(
            width=_positive_int(width, "IMAGES_CARD['size'][0]"),
            height=_positive_int(height, "IMAGES_CARD['size'][1]"),
            output_dir=str(card["output_dir"]).strip("/"),
            colors=tuple(sorted(colors.items())),
            title_max=title_max,
            title_min=title_min,
            max_lines=_positive_int(card["max_lines"], "IMAGES_CARD['max_lines']"),
            photo_share=float(card["photo_share"]),
            font_dirs=tuple(os.path.expanduser(d) for d in card["font_dirs"]),
            bold=tuple(fonts["bold"]),
            regular=tuple(fonts["regular"]),
        ),
    )
