"""How the benchmark measures one command: wall time, the largest process, and all its processes together.

``measure(command, cwd)`` runs ``command`` as a child of this process and,
every :data:`INTERVAL` seconds until it ends, adds up the proportional set
size (PSS, ``/proc/<pid>/smaps_rollup``) of the child and every process below
it: the build's forked page writers, its Markdown pool, Pagefind. PSS splits a
page shared by several processes between them, so forked workers that share
their parent's memory copy-on-write are not counted twice; the peak of that sum
is ``total_mb``, what the machine really had to hold. ``rss_mb`` is the
largest single process, the figure earlier runs reported: the highest
``VmHWM`` (peak resident set of the process's own memory since its ``exec``)
seen in any of them. ``wait4``'s ``ru_maxrss`` would not do: Linux carries it
across ``exec``, so a command started from a large process (a test run)
would report that process's size. Linux only, like the build's worker
handling.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

INTERVAL = 0.05


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it, from ``/proc/<pid>/task/*/children``."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as handle:
                    queue.extend(int(child) for child in handle.read().split())
            except OSError:
                continue
    return found


def proc_kb(pid: int, name: str, field: str) -> int:
    """One ``field:`` line of ``/proc/<pid>/<name>`` in kB (0 when the process is gone)."""
    try:
        with open(f"/proc/{pid}/{name}", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def pss_kb(pid: int) -> int:
    """Proportional set size of one process in kB."""
    return proc_kb(pid, "smaps_rollup", "Pss")


def peak_rss_kb(pid: int) -> int:
    """Peak resident set size of one process since its ``exec`` in kB (``VmHWM``)."""
    return proc_kb(pid, "status", "VmHWM")


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict:
    """Run ``command``; its wall time, peak memory (largest process, all together), return code and stderr."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr: list[bytes] = []
    reader = threading.Thread(target=lambda: stderr.append(process.stderr.read()), daemon=True)
    reader.start()
    peak_total = peak_single = 0
    while True:
        done, status, _usage = os.wait4(process.pid, os.WNOHANG)
        if done:
            break
        pids = descendants(process.pid)
        peak_total = max(peak_total, sum(pss_kb(pid) for pid in pids))
        peak_single = max(peak_single, *(peak_rss_kb(pid) for pid in pids))
        time.sleep(INTERVAL)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    return {
        "rc": process.returncode,
        "seconds": seconds,
        "rss_mb": peak_single / 1024,
        "total_mb": peak_total / 1024,
        "stderr": b"".join(stderr).decode(errors="replace")[-3000:],
    }
