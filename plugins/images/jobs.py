"""Units of work for the worker processes: the derivatives of one source in one role, or one
share card. Each job carries plain values only, stores its files in the cache and returns the
manifest, or the problem an editor has to fix."""

from __future__ import annotations

import contextlib
import weakref
from concurrent.futures import CancelledError, Future, InvalidStateError, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any

from PIL import Image

from .cache import Cache
from .config import CardSettings, Encoder, Role
from .encode import (
    EXTENSION,
    clean_image,
    crop_box,
    decode_need,
    encode_within,
    target_sizes,
)
from .problems import ImageProblem


@dataclass(frozen=True)
class JobResult:
    key: str
    manifest: dict | None = None
    problem: tuple[str, dict] | None = None  # a message code and its values


@dataclass(frozen=True)
class RoleJob:
    key: str
    path: str  # the source, absolute
    label: str  # the source as editors see it, for messages: content/immagini/foto.jpg
    role: Role
    encoders: tuple[Encoder, ...]  # avif, webp, jpeg, png
    max_bytes: int
    cache_path: str
    weight: int = 0  # source pixels: the biggest jobs are started first

    def run(self) -> JobResult:
        try:
            need = decode_need(self.role.widths, self.role.aspect)
            image = clean_image(self.path, self.label, need)
        except ImageProblem as problem:
            return JobResult(self.key, problem=(problem.code, problem.params))
        encoders = {e.name: e for e in self.encoders}
        fallback = "png" if image.mode == "RGBA" else "jpeg"
        sizes = target_sizes(*image.size, self.role.widths, self.role.aspect)
        box = crop_box(*image.size, self.role.aspect)
        files, entries = {}, []
        for width, height in sizes:
            resized = image.resize((width, height), Image.Resampling.LANCZOS, box=box,
                                   reducing_gap=3.0)
            for fmt in ("avif", "webp", fallback):
                data = encode_within(resized, encoders[fmt], self.max_bytes)
                if data is None:
                    continue  # over budget even at the lowest quality: this width is left out
                name = f"{width}.{EXTENSION[fmt]}"
                files[name] = data
                entries.append({"format": fmt, "width": width, "height": height, "file": name,
                                "bytes": len(data)})
        if not any(e["format"] == fallback for e in entries):
            return JobResult(self.key, problem=(
                "image-over-budget", {"file": self.label, "kilobytes": self.max_bytes // 1000}))
        manifest = {"kind": "image", "role": self.role.name, "fallback": fallback,
                    "files": entries}
        Cache(self.cache_path).store(self.key, files, manifest)
        return JobResult(self.key, manifest=manifest)


@dataclass(frozen=True)
class CardJob:
    key: str
    title: str
    lang: str
    rtl: bool
    site_name: str
    short_name: str
    card: CardSettings
    bold: tuple[str, ...]  # font paths, fallback order
    regular: tuple[str, ...]
    photo: str | None  # the page's image, drawn beside the title
    photo_label: str | None
    max_bytes: int
    cache_path: str
    weight: int = 0

    def run(self) -> JobResult:
        from .cards import card_png, draw_card, encode_card

        photo = None
        if self.photo:
            try:
                photo = clean_image(self.photo, self.photo_label or self.photo,
                                    (self.card.width, self.card.height))
            except ImageProblem as problem:
                return JobResult(self.key, problem=(problem.code, problem.params))
        data = card_png(self) if photo is None else None
        if data is not None:
            fmt = "png"
        else:
            image = draw_card(self, photo)
            data, fmt = encode_card(image, photo is not None, self.max_bytes)
        name = f"card.{EXTENSION[fmt]}"
        manifest = {"kind": "card", "fallback": fmt, "files": [
            {"format": fmt, "width": self.card.width, "height": self.card.height, "file": name,
             "bytes": len(data)}]}
        Cache(self.cache_path).store_file(self.key, name, data)
        return JobResult(self.key, manifest=manifest)


def run_job(job) -> JobResult:
    return job.run()


def run_batch(jobs: list) -> list[JobResult]:
    """Several jobs in one round trip to a worker (the cards of a cold build)."""
    return [job.run() for job in jobs]


# Cards drawn ahead of time by a pool the build owns (rart_tools/coldread.py): key -> future
# of its JobResult. `Background` waits for these rather than drawing them again.
EARLY: dict[str, Future] = {}
# That pool, lent to `Background` for the few jobs nobody guessed ahead of time: a pool of
# its own would start as many processes again, for a handful of cards.
LENT: list[Any] = []


def submit_early(pool, jobs: list, batch: int = 16) -> None:
    """Draw ``jobs`` (CardJob) on ``pool`` in batches; each job's result becomes a future of
    EARLY. A batch that fails leaves its futures failed: `Background` then draws those again."""
    for start in range(0, len(jobs), batch):
        part = [job for job in jobs[start:start + batch] if job.key not in EARLY]
        if not part:
            continue
        futures: dict[str, Future] = {job.key: Future() for job in part}
        EARLY.update(futures)

        def done(batch_future, futures=futures):
            try:
                results = {result.key: result for result in batch_future.result()}
            except BaseException as error:  # noqa: BLE001 - cancelled, or a worker lost
                results = {}
                failure = error
            for key, future in futures.items():
                with contextlib.suppress(InvalidStateError):  # cancelled: nobody waits for it
                    if key in results:
                        future.set_result(results[key])
                    else:
                        future.set_exception(failure if not results else KeyError(key))

        pool.submit(run_batch, part).add_done_callback(done)
    if pool not in LENT:
        LENT[:] = [pool]


def _pool(workers: int) -> ProcessPoolExecutor:
    """Workers are spawned, not forked: Pelican runs a progress spinner in a thread, and a fork
    taken while that thread holds a lock can hang. Spawned workers import this module again by
    its name (plugins.images.jobs), which the project's editable install provides."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))


class Background:
    """Jobs encoded in worker processes while the build goes on (Pelican reads the pages and
    writes the site meanwhile); `result` waits for one. The processes start with the first
    job, so a build that finds everything in the cache starts none."""

    def __init__(self, workers: int):
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None
        self.futures: dict[str, Future] = {}
        self.jobs: dict[str, CardJob] = {}  # those drawn ahead of time (EARLY), if they fail

    def submit(self, job) -> None:
        if job.key in self.futures:
            return
        if job.key in EARLY:
            self.futures[job.key] = EARLY[job.key]
            self.jobs[job.key] = job
            return
        if self.pool is None and LENT:
            with contextlib.suppress(Exception):  # a broken pool: this one starts its own
                self.futures[job.key] = LENT[0].submit(run_job, job)
                return
        if self.pool is None:
            self.pool = _pool(self.workers)
            # A build that stops before waiting (an error elsewhere) leaves nothing running.
            weakref.finalize(self, self.pool.shutdown, wait=False, cancel_futures=True)
        self.futures[job.key] = self.pool.submit(run_job, job)

    def __contains__(self, key: str) -> bool:
        return key in self.futures

    def result(self, key: str) -> JobResult:
        future = self.futures[key]
        try:
            return future.result()
        except (Exception, CancelledError):
            if key not in self.jobs:
                raise
        # Drawn ahead of time by a worker that failed or was stopped: drawn here instead.
        return self.jobs[key].run()

    def close(self, keep: set[str]) -> None:
        """Drop the jobs not in ``keep`` that have not started, wait for the others."""
        for key, future in self.futures.items():
            if key not in keep:
                future.cancel()
        if self.pool is not None:
            self.pool.shutdown(wait=True)
            self.pool = None


def run_all(jobs: list, workers: int) -> list[JobResult]:
    """Run ``jobs`` over ``workers`` processes (in this process when one is enough), and wait."""
    jobs = sorted(jobs, key=lambda job: -job.weight)
    if workers <= 1 or len(jobs) <= 1:
        return [run_job(job) for job in jobs]
    with _pool(min(workers, len(jobs))) as pool:
        return list(pool.map(run_job, jobs, chunksize=1))
