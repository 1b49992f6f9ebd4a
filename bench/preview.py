"""Time the preview (`make devserver`) from a saved file to the browser's reload signal.

Makes a fresh copy of the project with N news items in every language (bench/corpus.py),
starts `python -m rart_tools serve` in it on a free port and waits for its first build. Then,
--saves times, it changes the text of a different news item, saving the file as an editor's
program does, and times from the moment the file is written to the moment the answer to the
page's status request (the long poll livereload.js waits on, asked with that page's version)
says the page changed; it then checks that the page shows the new text. By default each save
waits for the full build that follows it (the rest of the site, in a child process) to end;
with --during-refresh the saves come while it runs, which kills it and starts it again.
Prints each save, the median and the worst, the full builds' times, the peak memory of the
preview's process and the machine's load. Timings are never tests: this is a bench.

    .venv/bin/python bench/preview.py                    # 2,000 news × 4 languages, 10 saves
    .venv/bin/python bench/preview.py --articles 200 --saves 5 --during-refresh
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from corpus import make_project

TARGET = 1.0  # seconds from a save to the reload signal (issue 14)


class Preview:
    def __init__(self, project: Path, log: Path):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.log = open(log, "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "rart_tools", "serve", "--content", "content", "-o", "output",
             "-s", "pelicanconf.py", "-p", str(self.port)],
            cwd=project, stdout=self.log, stderr=subprocess.STDOUT, env=env)

    def get(self, path: str, timeout: float = 60) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=timeout) as answer:
            return answer.read().decode("utf-8")

    def status(self, query: str = "", timeout: float = 60) -> dict:
        return json.loads(self.get(f"/__rart/status{query}", timeout))

    def wait(self, condition, timeout: float) -> dict:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise SystemExit(f"the preview stopped: see {self.log.name}")
            try:
                status = self.status(timeout=10)
                if condition(status):
                    return status
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"the preview did not answer in {timeout:.0f} s: see {self.log.name}")

    def peak_memory(self) -> int:
        """VmHWM of the preview's process, in kB (0 where /proc does not say)."""
        try:
            text = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return 0
        match = re.search(r"VmHWM:\s+(\d+) kB", text)
        return int(match.group(1)) if match else 0

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def save_and_time(preview: Preview, project: Path, number: int, key: str) -> float:
    """Change the text of news item ``key`` and return the seconds from the save to the
    reload signal of its page."""
    path = f"/notizie/{key}/"
    version = re.search(r'data-page="([0-9a-f]+)"', preview.get(path)).group(1)
    seen = preview.status()["changes"]
    signalled: list[float] = []

    def wait_for_reload():
        changes = seen
        while True:
            answer = preview.status(f"?page={quote(path)}&version={version}&seen={changes}", 120)
            if answer.get("reload"):
                signalled.append(time.perf_counter())
                return
            changes = answer["changes"]

    waiter = threading.Thread(target=wait_for_reload, daemon=True)
    waiter.start()
    time.sleep(0.3)  # the request is waiting on the server
    source = project / "content" / "notizie" / f"{key}.md"
    text = source.read_text(encoding="utf-8") + f"\nFrase numero {number} aggiunta dal bench.\n"
    saved = time.perf_counter()
    source.write_text(text, encoding="utf-8")
    waiter.join(timeout=300)
    if not signalled:
        raise SystemExit(f"no reload signal for {path} in 300 s")
    if f"Frase numero {number} aggiunta" not in preview.get(path):
        raise SystemExit(f"{path} reloaded without the new text")
    return signalled[0] - saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--during-refresh", action="store_true",
                        help="save while the full build after the previous save runs")
    parser.add_argument("--keep", type=Path, help="work here and keep it (else a temp folder)")
    args = parser.parse_args()

    print(f"machine: {os.cpu_count()} cores; load average "
          f"{' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="rart-preview-"))
    project = work / "project"
    shutil.rmtree(project, ignore_errors=True)
    files = make_project(project, args.articles)
    print(f"corpus: the site's content + {args.articles} news × 4 languages = {files} Markdown files")
    preview = Preview(project, work / "preview.log")
    try:
        started = time.monotonic()
        preview.wait(lambda s: s["build"] >= 1, timeout=4 * 3600)
        print(f"first build (cold, in the preview's process): {time.monotonic() - started:.1f} s")
        latencies, refreshes = [], []
        for number in range(args.saves):
            key = f"notizia-{(number * 397 + 11) % args.articles:04d}"
            load = os.getloadavg()[0]
            build = preview.status()["build"]
            seconds = save_and_time(preview, project, number, key)
            latencies.append(seconds)
            line = f"save {number + 1:2}: {key}, reload signal after {seconds:.3f} s (load {load:.1f})"
            if not args.during_refresh:
                refreshed = time.monotonic()
                preview.wait(lambda s, b=build: s["build"] >= b + 2 and not s["problems"],
                             timeout=3600)
                refreshes.append(time.monotonic() - refreshed)
                line += f"; the rest of the site after {refreshes[-1]:.1f} s more"
            print(line, flush=True)
        within = sum(s <= TARGET for s in latencies)
        print(f"\nsave to reload signal: median {statistics.median(latencies):.3f} s, worst "
              f"{max(latencies):.3f} s; {within} of {len(latencies)} within {TARGET:.0f} s")
        if refreshes:
            print(f"full build after a save (child process): median {statistics.median(refreshes):.1f} s")
        print(f"peak memory of the preview's process: {preview.peak_memory() / 1024:.0f} MB")
    finally:
        preview.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"load average at the end: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    return 0 if all(s <= TARGET for s in latencies) else 1


if __name__ == "__main__":
    sys.exit(main())
