"""Files written whole or not at all: the one way Warta KIM replaces a file outside the output folder.

The bytes go to a temporary file beside the target (``<name>.<pid>-<n>.baru``,
same folder, so the rename never crosses file systems) and are renamed over
it: a reader, or the next run after a crash, sees the old file or the new
one, never a mix. ``sync=True`` also flushes the file, and then its folder,
to disk (a cache of fetched feeds or the output's fingerprint store must
survive a power cut); a cache the build can recompute passes ``sync=False``.
Files *inside* the output are written by ``warta_network.outputfiles`` and
warta_output's writer, through the output's own scratch folder.
"""

from __future__ import annotations

import itertools
import os

SUFFIX = ".baru"
_numbers = itertools.count()


def sync_folder(folder: str) -> None:
    """Make a rename or removal inside ``folder`` durable."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_atomically(path: str, data: bytes | str, *, sync: bool = False) -> None:
    """Replace ``path`` with ``data`` (text as UTF-8, line ends as given), whole or not at all."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    temporary = f"{path}.{os.getpid()}-{next(_numbers)}{SUFFIX}"
    try:
        with open(temporary, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise
    if sync:
        sync_folder(folder)


def remove_killed_writes(folder: str) -> int:
    """Delete temporaries in ``folder`` left by processes killed while writing (the number removed).

    A temporary whose process is still running (another build writing the same cache) is left alone.
    """
    removed = 0
    for name in os.listdir(folder):
        owner = name.removesuffix(SUFFIX).rpartition(".")[2].partition("-")[0]
        if not name.endswith(SUFFIX) or not owner.isdigit():
            continue
        try:
            os.kill(int(owner), 0)
        except ProcessLookupError:
            os.remove(os.path.join(folder, name))
            removed += 1
        except OSError:  # alive, but another user's process
            continue
    return removed
