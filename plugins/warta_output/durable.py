"""Writes that a killed process cannot leave half done.

A page is written to a temporary file in one folder inside the output
(``PARTIAL_FOLDER``, so leftovers of a killed build are found without walking
the site) and renamed over its final name: readers and the next build see the
old page or the new one, never a truncated mix. Small state files (the
fingerprint store, the unfinished-build marker) are also flushed to disk
before the rename, and their folder after it, so they survive a power cut too.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
from types import TracebackType
from typing import IO, Any

from warta_core.atomic import sync_folder, write_atomically
from warta_network.outputfiles import PARTIAL_FOLDER

_numbers = itertools.count()


def write_json_durably(path: str, data: Any) -> None:
    """Replace ``path`` with ``data`` as JSON: complete and on disk, or not at all."""
    write_atomically(path, json.dumps(data, sort_keys=True), sync=True)


def remove_durably(path: str) -> None:
    """Remove ``path`` (if present) and make the removal durable."""
    try:
        os.remove(path)
    except FileNotFoundError:
        return
    sync_folder(os.path.dirname(path))


def reset_partial_folder(output_path: str) -> str:
    """An empty folder for this build's temporary pages (leftovers of a killed build removed)."""
    folder = os.path.join(output_path, PARTIAL_FOLDER)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    return folder


def remove_partial_folder(output_path: str) -> None:
    """Every page is in place: the temporary folder must not be published."""
    shutil.rmtree(os.path.join(output_path, PARTIAL_FOLDER), ignore_errors=True)


class AtomicTextFile:
    """``with AtomicTextFile(path, folder, encoding) as handle``: ``path`` appears whole when the block ends."""

    def __init__(self, path: str, partial_folder: str, encoding: str) -> None:
        self.path = path
        self.temporary = os.path.join(partial_folder, f"{os.getpid()}-{next(_numbers)}")
        self.handle: IO[str] = open(self.temporary, "w", encoding=encoding)  # noqa: SIM115 - closed in __exit__

    def __enter__(self) -> IO[str]:
        return self.handle

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.handle.close()
        if kind is None:
            os.replace(self.temporary, self.path)
        else:
            os.remove(self.temporary)
