"""Leave nothing behind: ``kim terbitkan``'s temporary folder, signals, stale folders and a full disk.

A publish builds the whole site into ``$TMPDIR/warta-terbit-<pid>-*``. Python
runs ``finally`` blocks on exceptions but not when SIGTERM (CI cancelling a
job, ``timeout``) or SIGHUP (a closed terminal) kills it, so
:func:`stop_on_signals` turns those signals, and SIGINT, into
:class:`Stopped`, an exception that the ``finally`` around the folder sees.
While the folder is removed the signals are held back, and forked page
writers are stopped first so none recreates a folder behind the removal.
Folders that an older version or a ``kill -9`` left behind are removed at
the next start when they are older than :data:`STALE_AFTER` seconds, belong
to this user, and their process (the pid in the name) is gone.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import shutil
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Iterator

TEMP_PREFIX = "warta-terbit-"
STALE_AFTER = 3600  # seconds; a running publish touches its folder far more often than this
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
DISK_PROBLEMS = {
    errno.ENOSPC: "Ruang disk penuh",
    errno.EDQUOT: "Kuota disk pengguna ini habis",
    errno.EROFS: "Folder itu hanya bisa dibaca (read-only)",
    errno.EACCES: "Tidak ada izin menulis",
}


class Stopped(BaseException):
    """A stop signal arrived; a BaseException so that no ``except Exception`` in a plugin swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.name = signal.Signals(signum).name


class _Signals:
    """Whether a stop signal has arrived (then forked children are stopped before removing folders)."""

    received = False


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Raise :class:`Stopped` on SIGTERM, SIGINT and SIGHUP inside the block; restore the handlers after."""
    owner = os.getpid()

    def handler(signum: int, _frame: object) -> None:
        if os.getpid() != owner:  # a forked page writer: just end, the parent removes the folder
            os._exit(128 + signum)
        _Signals.received = True
        raise Stopped(signum)

    previous = {number: signal.signal(number, handler) for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


def child_processes() -> list[int]:
    """Living child processes of this process (Linux ``/proc``; an empty list elsewhere)."""
    children: list[int] = []
    for path in glob.glob(f"/proc/{os.getpid()}/task/*/children"):
        with contextlib.suppress(OSError), open(path, encoding="ascii") as handle:
            children += [int(pid) for pid in handle.read().split()]
    return children


def stop_children() -> None:
    """Stop and reap forked page writers, so none writes into a folder being removed."""
    for pid in child_processes():
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    for pid in child_processes():
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


def remove_folder(path: str) -> None:
    """Remove ``path`` completely, with stop signals held back until it is gone."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        if _Signals.received:
            stop_children()
        shutil.rmtree(path, ignore_errors=True)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


@contextlib.contextmanager
def temporary_folder() -> Iterator[str]:
    """A fresh ``warta-terbit-<pid>-*`` folder, removed on every way out of the block."""
    path = tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-")
    try:
        yield path
    finally:
        remove_folder(path)


def folder_owner(name: str) -> int | None:
    """The pid in ``warta-terbit-<pid>-xxxx``; None for folders made before the pid was added."""
    first = name[len(TEMP_PREFIX) :].split("-", 1)[0]
    return int(first) if first.isdigit() else None


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs (a reused id errs on the side of keeping the folder)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def folder_bytes(path: str) -> int:
    """Total size of the files below ``path``, symlinks not followed."""
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(folder, name)).st_size
    return total


def remove_stale_folders(now: float | None = None) -> list[str]:
    """Remove this user's ``warta-terbit-*`` folders that an interrupted publish left; say so."""
    top = tempfile.gettempdir()
    now = time.time() if now is None else now
    stale = []
    with contextlib.suppress(OSError), os.scandir(top) as entries:
        for entry in entries:
            if not entry.name.startswith(TEMP_PREFIX):
                continue
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or now - info.st_mtime < STALE_AFTER:
                continue
            owner = folder_owner(entry.name)
            if owner is not None and process_alive(owner):
                continue
            stale.append(entry.path)
    if stale:
        size = sum(folder_bytes(path) for path in stale)
        for path in stale:
            shutil.rmtree(path, ignore_errors=True)
        print(
            f"Membersihkan {len(stale)} folder sementara dari penerbitan yang terhenti sebelumnya di {top} "
            f"({size / 1024**2:.1f} MB): " + ", ".join(os.path.basename(path) for path in sorted(stale)) + "."
        )
    return stale


def disk_problem(error: OSError, target: str | None, writing: str | None = None) -> str | None:
    """The Indonesian message for a full, read-only or forbidden disk; None for other errors.

    ``target`` is the ``--ke-folder`` folder, or None for the temporary folder under TMPDIR; ``writing`` is the
    folder being written, named when the error itself names no file (a write through an open file).
    """
    cause = DISK_PROBLEMS.get(error.errno or 0)
    if cause is None:
        return None
    # A failed copy names its source in filename and the file being written in filename2.
    where = str(error.filename2 or error.filename or target or writing or tempfile.gettempdir())
    folder = os.path.dirname(os.path.abspath(target)) if target else tempfile.gettempdir()  # outlives the error
    hints = {
        errno.ENOSPC: f"Kosongkan ruang di disk itu (lihat `df -h {folder}`)",
        errno.EDQUOT: "Hapus berkas lama atau minta kuota lebih besar",
        errno.EROFS: "Pilih folder di disk yang bisa ditulisi",
        errno.EACCES: "Periksa pemilik dan izin folder itu",
    }
    elsewhere = (
        "pilih folder di disk lain untuk --ke-folder"
        if target
        else f"arahkan TMPDIR ke disk lain (folder sementara sekarang: {tempfile.gettempdir()})"
    )
    return f"{cause} saat menulis {where} ({error.strerror}).\n{hints[error.errno]}, atau {elsewhere}, lalu ulangi."


def report_disk_problem(error: OSError, target: str | None, writing: str | None = None) -> bool:
    """Print the message of :func:`disk_problem`; False when ``error`` is not a disk problem."""
    message = disk_problem(error, target, writing)
    if message is None:
        return False
    print(message, file=sys.stderr)
    return True
