"""Times the image pipeline (plugins/images) cold and warm on 50 generated 12-megapixel photos.

Each photo is asked for as a page's Image: is, in the hero and card roles (six widths, three
formats each). Cold: an empty cache, everything encoded over every core. Warm: the same
sources again with the cache of the cold run, as an unchanged rebuild does (sources hashed,
manifests read, files published). Prints both times and their ratio; the issue asks for a warm
run at least 20 times faster than a cold one.

    .venv/bin/python bench/images.py            # 50 photos, 4000×3000
    .venv/bin/python bench/images.py --photos 10 --keep "$(mktemp -d)"

Not part of the test suite: timings are never tests.
"""

from __future__ import annotations

import argparse
import os
import runpy
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_photo(args: tuple[str, int, int, int]) -> int:
    """A photo-like 4000×3000 JPEG: detail at every scale (blobs, texture, sensor grain), so
    the encoders work as hard as on a real phone photo. Returns its size in bytes."""
    from PIL import Image, ImageFilter

    path, width, height, seed = args
    layers = []
    for divisor, sigma in ((64, 80), (12, 50), (1, 14)):
        size = (max(1, width // divisor), max(1, height // divisor))
        noise = Image.effect_noise(size, sigma + seed % 7)
        layers.append(noise.resize((width, height), Image.Resampling.BICUBIC))
    sky = Image.linear_gradient("L").resize((width, height))
    red = Image.blend(Image.blend(layers[0], layers[1], 0.45), layers[2], 0.25)
    green = Image.blend(sky, layers[1].transpose(Image.Transpose.FLIP_LEFT_RIGHT), 0.5)
    blue = Image.blend(layers[0].transpose(Image.Transpose.FLIP_TOP_BOTTOM), layers[2], 0.3)
    photo = Image.merge("RGB", (red, green, blue)).filter(ImageFilter.UnsharpMask(2, 60, 2))
    photo.save(path, "JPEG", quality=90)
    return os.path.getsize(path)


def run(config, sources: Path, output: Path, names: list[str]):
    from plugins.images.pipeline import Pipeline

    start = time.perf_counter()
    pipeline = Pipeline(config, str(sources), str(output))
    for name in names:
        for role in ("hero", "card"):
            pipeline.image(name, role, name)
    failed = pipeline.run()
    seconds = time.perf_counter() - start
    if failed:
        raise SystemExit(f"{len(failed)} jobs failed: {failed[0].problem}")
    return seconds, pipeline.encoded


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=50)
    parser.add_argument("--width", type=int, default=4000)
    parser.add_argument("--height", type=int, default=3000)
    parser.add_argument("--keep", type=Path, help="work here and keep the files (else a temp dir)")
    args = parser.parse_args()

    from plugins.images.config import load_config

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-images-"))
    sources, cache = work / "content", work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    (sources / "immagini").mkdir(parents=True, exist_ok=True)
    names = [f"immagini/foto-{i:02d}.jpg" for i in range(args.photos)]
    todo = [(str(sources / n), args.width, args.height, i) for i, n in enumerate(names)
            if not (sources / n).is_file()]
    started = time.perf_counter()
    with ProcessPoolExecutor() as pool:
        list(pool.map(make_photo, todo))
    total = sum((sources / n).stat().st_size for n in names)
    print(f"{args.photos} photos of {args.width}×{args.height} "
          f"({args.width * args.height / 1e6:.0f} MP, {total / args.photos / 1e6:.1f} MB each on "
          f"average), made in {time.perf_counter() - started:.1f} s; {os.cpu_count()} cores")

    settings = {k: v for k, v in runpy.run_path(str(ROOT / "pelicanconf.py")).items() if k.isupper()}
    settings["IMAGES_CACHE_PATH"] = str(cache)
    config = load_config(settings)
    try:
        cold, encoded = run(config, sources, work / "output-cold", names)
        warm, again = run(config, sources, work / "output-warm", names)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    published = sorted((work / "output-cold").rglob("*.*")) if args.keep else []
    print(f"cold: {cold:8.2f} s  ({encoded} jobs encoded)")
    print(f"warm: {warm:8.2f} s  ({again} jobs encoded)")
    print(f"ratio (cold / warm): {cold / warm:.1f}×  (target: at least 20×)")
    if published:
        heaviest = max(p.stat().st_size for p in published)
        print(f"{len(published)} files published, the heaviest {heaviest / 1000:.0f} kB")
    return 0 if cold / warm >= 20 else 1


if __name__ == "__main__":
    sys.exit(main())
