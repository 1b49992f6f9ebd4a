"""Times the print materials (plugins/printing) on the fixture site, side by side in one run:

- without the printing plugin (the baseline build);
- cold, one worker: an empty print cache, every PDF drawn in the build's process;
- cold, every core: the same over PRINT_WORKERS processes;
- warm: the cache of the cold run, as an unchanged rebuild of the same day does.

Prints the times, the cost per PDF and the ratios, and each PDF's size. Every build runs in a
fresh process with the same SOURCE_DATE_EPOCH; images are cached beforehand (a first build),
so only printing differs.

    .venv/bin/python bench/print.py [--rounds 2]

Not part of the test suite: timings are never tests.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixture_site"
EPOCH = "1748728800"


def build(output: Path, *extra: str) -> float:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "0"}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pelican", str(FIXTURE / "content"), "-o", str(output),
                    "-s", str(FIXTURE / "fixtureconf.py"), "--fatal", "warnings", *extra],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    runpy = __import__("runpy")
    plugins = [p for p in runpy.run_path(str(ROOT / "pelicanconf.py"))["PLUGINS"] if p != "plugins.printing"]
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        build(tmp / "warmup")  # images into their cache; the print cache used here is separate
        times: dict[str, list[float]] = {"baseline": [], "cold-1": [], "cold-n": [], "warm": []}
        for round_ in range(args.rounds):
            cache = tmp / f"cache-{round_}"
            times["baseline"].append(build(tmp / "b", "-e", f"PLUGINS={json.dumps(plugins)}"))
            times["cold-1"].append(build(tmp / "c1", "-e", f'PRINT_CACHE_PATH="{cache}-1"',
                                         "PRINT_WORKERS=1"))
            times["cold-n"].append(build(tmp / "cn", "-e", f'PRINT_CACHE_PATH="{cache}"'))
            times["warm"].append(build(tmp / "w", "-e", f'PRINT_CACHE_PATH="{cache}"'))
        pdfs = sorted((tmp / "cn").rglob("stampa/*.pdf"))
        best = {name: min(values) for name, values in times.items()}
        print(f"fixture site, {len(pdfs)} PDFs, {os.cpu_count()} cores, best of {args.rounds}")
        for name, seconds in best.items():
            print(f"  {name:<9} {seconds:6.1f} s  (x{seconds / best['baseline']:.2f} the baseline)")
        print(f"  per PDF, one worker:  {(best['cold-1'] - best['baseline']) / len(pdfs):.2f} s")
        print(f"  per PDF, every core:  {(best['cold-n'] - best['baseline']) / len(pdfs):.2f} s")
        print(f"  warm over baseline:   {best['warm'] - best['baseline']:+.2f} s")
        for pdf in pdfs:
            print(f"  {pdf.relative_to(tmp / 'cn')}  {pdf.stat().st_size / 1000:.0f} kB")
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
