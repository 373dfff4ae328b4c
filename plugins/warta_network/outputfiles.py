"""Files the plugins write into the output themselves (feeds, sitemaps, SVG, derived images, cards).

Written whole or not at all: a temporary file in the output's one scratch
folder (:data:`PARTIAL_FOLDER`, the same warta_output renders pages into,
emptied at the start of every page flush and removed at its end, so what a
killed build leaves there is never published), renamed into place. A file
that already holds exactly these bytes is left alone, so modification times
say when it last changed. Files outside the output (caches) get the same
promise from :func:`warta_core.atomic.write_atomically`.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Callable
from typing import Any

PARTIAL_FOLDER = ".warta-partial"
_numbers = itertools.count()


def output_key(output_path: str) -> str:
    """A short name for one output folder, for the files kept about it in ``CACHE_PATH``."""
    return hashlib.sha1(os.path.abspath(output_path).encode()).hexdigest()[:16]


def write_if_changed(output_path: str, relative: str, data: bytes) -> bool:
    """Write ``data`` to ``relative`` inside ``output_path`` unless it holds exactly these bytes; True when written."""
    path = os.path.join(output_path, relative)
    try:
        if os.path.getsize(path) == len(data):
            with open(path, "rb") as handle:
                if handle.read() == data:
                    return False
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    scratch = os.path.join(output_path, PARTIAL_FOLDER)
    os.makedirs(scratch, exist_ok=True)
    temporary = os.path.join(scratch, f"{os.getpid()}-{next(_numbers)}.bytes")
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)
    return True


def copy_if_changed(source: str, output_path: str, relative: str) -> bool:
    """Copy ``source`` to ``relative`` inside ``output_path`` unless already there, byte for byte."""
    with open(source, "rb") as handle:
        return write_if_changed(output_path, relative, handle.read())


def queue_or_write(writer: Any, names: list[str], fingerprint: object, job: Callable[[], object]) -> bool:
    """Give ``job`` (which writes ``names`` into the output) to the writer Pelican handed the generator.

    warta_output's writer queues it, to run in parallel with the pages, or skips it when ``fingerprint`` says
    the files are up to date; Pelican's own writer (warta_output off) has no queue, so the job runs now.
    True when the job ran or was queued.
    """
    defer = getattr(writer, "defer", None)
    if defer is None:
        job()
        return True
    return defer(names, fingerprint, job)
