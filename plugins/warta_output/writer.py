"""A Pelican writer that skips unchanged pages and renders the rest in parallel.

Pelican renders every page, one after the other. This writer queues each
page instead; pages whose fingerprint did not change since the previous
build are not queued at all. When every generator is done, the queue is
split over forked worker processes (memory is shared copy-on-write, so
nothing is pickled), and the build fails if any worker fails.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any

from pelican.writers import Writer

from .fingerprints import Manifest, build_digest

logger = logging.getLogger("warta_output")
WRITER_KEY = "WARTA_WRITER"
MIN_JOBS_PER_WORKER = 40


class OutputFailed(Exception):
    """A worker process could not write its share of the site."""

    exitcode = 1


class ParallelIncrementalWriter(Writer):
    """Queue, skip or render pages; see the module docstring."""

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings=settings)
        self.jobs: list[Callable[[], Any]] = []
        self.queued: set[str] = set()
        self.skipped = 0
        self.manifest = Manifest(settings.get("CACHE_PATH"), output_path, build_digest(settings))
        settings[WRITER_KEY] = self

    def _claim(self, name: str, override: bool) -> None:
        """Refuse two writes to one file, as Pelican does, but at queue time."""
        if name in self.queued and not override:
            raise RuntimeError(f'Pelican would write "{name}" twice (set override_output=True if intended)')
        self.queued.add(name)

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):  # fmt: skip
        """Queue a page, unless its fingerprint says it is already up to date."""
        if not name:
            return
        fingerprint = kwargs.pop("fingerprint", None)
        article = kwargs.get("article")
        if fingerprint is None and article is not None and hasattr(article, "page_digest"):
            fingerprint = ("article", template.name, article.page_digest)
        if not paginated:
            self._claim(name, override_output)
            if fingerprint is not None and self.manifest.unchanged(name, fingerprint):
                self.skipped += 1
                return
        parent = super()
        self.jobs.append(
            lambda: parent.write_file(
                name, template, context, relative_urls, paginated, template_name, override_output, url, **kwargs
            )
        )

    def defer(self, names: list[str], fingerprint: Any, job: Callable[[], Any]) -> bool:
        """Queue ``job`` (which writes ``names`` itself) unless up to date; True when queued."""
        for name in names:
            self._claim(name, False)
        fresh = [self.manifest.unchanged(name, fingerprint) for name in names]
        if all(fresh):
            self.skipped += len(names)
            return False
        self.jobs.append(job)
        return True

    def flush(self, workers: int) -> None:
        """Run every queued job, in ``workers`` processes; then forget stale files."""
        jobs, self.jobs = self.jobs, []
        processes = max(1, min(workers, len(jobs) // MIN_JOBS_PER_WORKER))
        logger.info("warta_output: %d jobs in %d processes, %d files unchanged", len(jobs), processes, self.skipped)
        children = []
        for worker in range(1, processes):
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the child
                status = 0
                try:
                    for job in jobs[worker::processes]:
                        job()
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
                job()
        finally:
            failed = [pid for pid in children if os.waitpid(pid, 0)[1] != 0]
        if failed:
            raise OutputFailed(f"{len(failed)} proses penulis halaman gagal; lihat galat di atas.")
        for name in self.manifest.stale():
            path = os.path.join(self.output_path, name)
            if os.path.isfile(path):
                os.remove(path)
        self.manifest.save()
