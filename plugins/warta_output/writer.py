"""A Pelican writer that skips unchanged pages and renders the rest in parallel.

Pelican renders every page, one after the other. This writer queues each
page instead; pages whose fingerprint did not change since the previous
build are not queued at all. When every generator is done, the queue is
split over forked worker processes (memory is shared copy-on-write, so
nothing is pickled), and the build fails if any worker fails.

A build that is killed or fails part-way must not leave output that the next
build takes as current (see ``store``): the output is marked unfinished
before the first write, every page is renamed into place whole (``durable``),
a worker dies with the main process instead of writing on after it, and the
fingerprints are stored only once everything is written.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import traceback
from collections.abc import Callable
from typing import Any

from warta_network.pelican_compat import GuardedWriter, PageWrite, silence_content_written
from warta_network.state import warta_state

from .durable import AtomicTextFile, remove_partial_folder, reset_partial_folder
from .fingerprints import build_digest
from .store import PageStore

logger = logging.getLogger("warta_output")
MIN_JOBS_PER_WORKER = 40
PR_SET_PDEATHSIG = 1  # Linux prctl(2): signal this process when its parent dies


class OutputFailed(Exception):
    """A worker process could not write its share of the site."""

    exitcode = 1


def die_with_parent(parent: int) -> None:
    """In a forked worker: be killed with the main process, never write pages on for a build that is gone."""
    if sys.platform.startswith("linux"):  # elsewhere the check between jobs in ``flush`` stops it
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


Job = PageWrite | Callable[[], Any]  # a page for Pelican's write_file, or a job that writes its own files


class ParallelIncrementalWriter(GuardedWriter):
    """Queue, skip or render pages; see the module docstring."""

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings=settings)
        self.jobs: list[Job] = []
        self.queued: set[str] = set()
        self.skipped = 0
        self.partial_folder: str | None = None
        self.store = PageStore(settings.get("CACHE_PATH"), output_path, build_digest(settings))
        warta_state(settings).writer = self  # how flush_pages and warta_syndication's defer find it

    def _claim(self, name: str, override: bool) -> None:
        """Refuse two writes to one file, as Pelican does, but at queue time."""
        if name in self.queued and not override:
            raise RuntimeError(f'Pelican would write "{name}" twice (set override_output=True if intended)')
        self.queued.add(name)

    def open_page(self, filename: str, encoding: str):
        """A file that appears whole or not at all (renamed into place when closed)."""
        if self.partial_folder is None:  # written before flush (a plugin calling Pelican's writer directly)
            self.partial_folder = reset_partial_folder(self.output_path)
        return AtomicTextFile(filename, self.partial_folder, encoding)

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):  # fmt: skip
        """Queue a page, unless its fingerprint says it is already up to date."""
        if not name:
            return
        fingerprint = kwargs.pop("fingerprint", None)
        for kind in ("article", "page"):  # an article or static page with the digest warta_network gave it
            subject = kwargs.get(kind)
            if fingerprint is None and subject is not None and hasattr(subject, "page_digest"):
                fingerprint = (kind, template.name, subject.page_digest)
        if not paginated:
            self._claim(name, override_output)
            if fingerprint is not None and self.store.unchanged(name, fingerprint):
                self.skipped += 1
                return
        self.jobs.append(
            PageWrite(name, template, context, relative_urls, paginated, template_name, override_output, url, kwargs)
        )

    def run_job(self, job: Job) -> None:
        """Run one queued job in this process."""
        if isinstance(job, PageWrite):
            job.run(self)
        else:
            job()

    def defer(self, names: list[str], fingerprint: Any, job: Callable[[], Any]) -> bool:
        """Queue ``job`` (which writes ``names`` itself) unless up to date; True when queued."""
        for name in names:
            self._claim(name, False)
        fresh = [self.store.unchanged(name, fingerprint) for name in names]
        if all(fresh):
            self.skipped += len(names)
            return False
        self.jobs.append(job)
        return True

    def written_fingerprints(self) -> dict[str, list[str]] | None:
        """After :meth:`flush`: each output file's stored fingerprint (name -> [fingerprint key, content hash])."""
        return self.store.stored

    def flush(self, workers: int) -> None:
        """Run every queued job, in ``workers`` processes; then delete stale files and store fingerprints."""
        jobs, self.jobs = self.jobs, []
        processes = max(1, min(workers, len(jobs) // MIN_JOBS_PER_WORKER))
        logger.info("warta_output: %d jobs in %d processes, %d files unchanged", len(jobs), processes, self.skipped)
        self.store.begin(self.queued)
        self.partial_folder = self.partial_folder or reset_partial_folder(self.output_path)
        parent = os.getpid()
        children = []
        for worker in range(1, processes):
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the child
                status = 0
                try:
                    die_with_parent(parent)
                    silence_content_written()  # the main process announces these pages (``announce``)
                    for job in jobs[worker::processes]:
                        if os.getppid() != parent:
                            raise OutputFailed("proses utama pembangunan berhenti")
                        self.run_job(job)
                except BaseException:
                    traceback.print_exc()
                    status = 1
                finally:
                    sys.stdout.flush()
                    sys.stderr.flush()
                    os._exit(status)
            children.append(pid)
        try:
            for job in jobs[0::processes]:
                self.run_job(job)
        finally:
            failed = [pid for pid in children if os.waitpid(pid, 0)[1] != 0]
        if failed:
            raise OutputFailed(f"{len(failed)} proses penulis halaman gagal; lihat galat di atas.")
        # Pelican's `content_written` fires in the main process for every page, also those the workers wrote,
        # so plugins that keep state in memory (a sitemap, a search index) see the whole site.
        by_workers = (job for worker in range(1, processes) for job in jobs[worker::processes])
        self.announce(job for job in by_workers if isinstance(job, PageWrite))
        self.partial_folder = None
        remove_partial_folder(self.output_path)
        for name in self.store.stale(self.queued):
            self.remove_page(name)
        self.store.finish()

    def remove_page(self, name: str) -> None:
        """Delete a page this build no longer produces, and the folders it leaves empty."""
        root = os.path.abspath(self.output_path)
        path = os.path.normpath(os.path.join(root, name))
        if not path.startswith(root + os.sep) or not os.path.isfile(path):
            return  # a name from the cache never removes anything outside the output folder
        os.remove(path)
        folder = os.path.dirname(path)
        while folder != root:
            try:
                os.rmdir(folder)
            except OSError:  # not empty
                return
            folder = os.path.dirname(folder)
