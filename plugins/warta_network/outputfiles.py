"""Files the plugins write into the output themselves (feeds, sitemaps, SVG, derived images, cards).

Written whole or not at all: a temporary file in the output's one scratch
folder (:data:`PARTIAL_FOLDER`, the same warta_output renders pages into,
emptied at the start of every page flush and removed at its end, so what a
killed build leaves there is never published), renamed into place. A file
that already holds exactly these bytes is left alone, so modification times
say when it last changed. :func:`write_atomically` is the same promise for
files outside the output (caches), with a temporary file beside the target.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import tempfile

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


def write_atomically(path: str, data: bytes, *, sync: bool = True) -> None:
    """Write to a temporary file beside ``path``, then rename it over ``path``.

    ``sync`` flushes the file to disk before the rename (a cache of fetched feeds must survive a power cut);
    a cache the build can recompute passes ``sync=False``.
    """
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".baru-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if sync:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise
