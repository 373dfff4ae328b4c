"""Derived images, cached by content hash and made in parallel.

One job per distinct input: a checked raster (its variants, all of them or
an older story's few), a cover's share crop, or a drawn card (a recent
story's 1200x630, an older story's or a listing page's 600x315). Each job's key is a hash
of everything its output depends on (the file's bytes or the card's text,
the recipe, Pillow's version); its files live in ``CACHE_PATH/warta-images/
<key>/`` with a manifest, written whole or not at all, so an unchanged photo
is never decoded again. Only cache misses go to worker processes; folders
no job of this build uses are removed, so the cache does not grow forever.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import PIL

from . import encode

CACHE_DIR = "warta-images"
MANIFEST = "manifest.json"
CHUNK = 16  # jobs sent to a worker at once
VERSION = f"{encode.RECIPE}/pillow-{PIL.__version__}"


@dataclass(frozen=True)
class Job:
    """What to make: "image" or "archive" (variants), "share" (a photo's crop), "card" or "small-card" (drawn)."""

    key: str
    what: str
    source: str = ""  # absolute path for "image", "archive" and "share"
    kind: str = ""  # the check's kind ("jpeg", "png", "heif", ...)
    text: tuple[str, ...] = ()  # a drawn card's small line, heading and footer


@dataclass(frozen=True)
class Made:
    """One cached file: its name in the job's folder, pixel size, type and length."""

    name: str
    width: int
    height: int
    mime: str
    length: int


def file_key(path: str, what: str) -> str:
    """Key of a job on a file: its bytes, the recipe and what is made of it."""
    digest = hashlib.sha256(f"{VERSION}/{what}\0".encode())
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:24]


def card_key(what: str, *text: str) -> str:
    """Key of a drawn card ("card" or "small-card"): its text and the recipes."""
    recipe = f"{VERSION}/{encode.CARD_RECIPE}/{what}"
    return hashlib.sha256("\0".join((recipe, *text)).encode()).hexdigest()[:24]


def _encoded(job: Job) -> list[tuple[str, encode.Encoded]]:
    if job.what in encode.TIERS:
        return [(v.suffix.lstrip("-"), v) for v in encode.derive(job.source, job.what)]
    if job.what == "share":
        return [("bagikan.jpg", encode.share_photo(job.source))]
    if job.what == "small-card":
        return [("bagikan.png", encode.text_card(*job.text, size=encode.SMALL_CARD_SIZE))]
    return [("bagikan.jpg", encode.text_card(*job.text))]


def make(job: Job, cache: str) -> list[Made]:
    """Run one job into ``cache/<key>/`` (atomically: a half-made folder is never read)."""
    folder = os.path.join(cache, job.key)
    temporary = f"{folder}.{os.getpid()}.tmp"
    shutil.rmtree(temporary, ignore_errors=True)
    os.makedirs(temporary)
    made = []
    for name, encoded in _encoded(job):
        with open(os.path.join(temporary, name), "wb") as handle:
            handle.write(encoded.data)
        made.append(Made(name, encoded.width, encoded.height, encoded.mime, len(encoded.data)))
    with open(os.path.join(temporary, MANIFEST), "w", encoding="utf-8") as handle:
        json.dump([m.__dict__ for m in made], handle)
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(temporary, folder)
    return made


def cached(job: Job, cache: str) -> list[Made] | None:
    """The job's files when its folder is complete, else None."""
    try:
        with open(os.path.join(cache, job.key, MANIFEST), encoding="utf-8") as handle:
            made = [Made(**entry) for entry in json.load(handle)]
    except (OSError, ValueError, TypeError):
        return None
    if all(os.path.exists(os.path.join(cache, job.key, m.name)) for m in made):
        return made
    return None


def _run(args: tuple[Job, str]) -> tuple[str, list[Made]]:
    job, cache = args
    return job.key, make(job, cache)


def run_jobs(jobs: list[Job], cache: str, workers: int) -> dict[str, list[Made]]:
    """Every job's files by key; only misses are encoded, in ``workers`` processes when there are several."""
    results: dict[str, list[Made]] = {}
    misses = []
    for job in {j.key: j for j in jobs}.values():
        found = cached(job, cache)
        if found is None:
            misses.append(job)
        else:
            results[job.key] = found
    os.makedirs(cache, exist_ok=True)
    if len(misses) > 1 and workers > 1:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(workers, len(misses)), mp_context=context) as pool:
            # Chunks: thousands of drawn cards take a few milliseconds each, less than a round trip per job.
            results.update(pool.map(_run, [(job, cache) for job in misses], chunksize=CHUNK))
    else:
        results.update(_run((job, cache)) for job in misses)
    for name in os.listdir(cache):  # like the body cache: keep only what this build uses
        if name not in results and os.path.isdir(os.path.join(cache, name)):
            shutil.rmtree(os.path.join(cache, name), ignore_errors=True)
    return results
