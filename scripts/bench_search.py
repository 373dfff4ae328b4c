"""The benchmark's figures about search: re-indexing after an edit, and what a reader's first query transfers.

``search_cost`` runs Pagefind the way a one-article rebuild does (warta_search.partitions): over this
year's article pages only, into a scratch folder, and, for comparison, over every article page as one
index; time and peak memory of each, with the published bundles' files and bytes.

``first_query_bytes`` counts, at a small logging HTTP server on 127.0.0.1, the bytes Chromium fetches
for ``/cari/`` and one query from a fresh profile: once with the site as built (this year's part
imported, the archive merged) and once with one index of every article served at ``/pagefind/`` in
its place. Used by ``scripts/bench.py``; runs alone too:

    .venv/bin/python scripts/bench_search.py OUTPUT --query panen
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
_YEAR = re.compile(rb'data-pagefind-filter="tahun:(\d{4})"')
DONE = """(() => {
  const status = document.getElementById('status').textContent;
  const busy = document.getElementById('hasil').getAttribute('aria-busy') === 'true';
  return status && !status.startsWith('Ketik') && !busy ? status : '';
})()"""


def article_years(output: Path) -> dict[str, int]:
    """Each indexed article page (``kim/<kim>/<slug>/index.html``) and the year its search filter gives."""
    years = {}
    for page in output.glob("kim/*/*/index.html"):
        found = _YEAR.search(page.read_bytes())
        if found:
            years[page.relative_to(output).as_posix()] = int(found.group(1))
    return years


def index_pages(output: Path, names: list[str], scratch: Path, measure: Callable[[list[str], Path], dict]) -> dict:
    """Pagefind over ``names`` of ``output`` (hard-linked into a scratch site, as the build does), measured."""
    from warta_search.indexer import pagefind_program  # noqa: PLC0415
    from warta_search.partitions import link_pages  # noqa: PLC0415

    site = scratch / "situs"
    link_pages(str(output), str(site), names)
    try:
        command = [pagefind_program(""), "--site", str(site), "--glob", "kim/*/*/index.html"]
        return measure([*command, "--output-path", str(scratch / "bundle"), "--quiet"], output)
    finally:
        shutil.rmtree(site, ignore_errors=True)


def search_cost(output: Path, measure: Callable[[list[str], Path], dict], year: int | None = None) -> dict:
    """Re-indexing this year's part (what an edit of a story of ``year`` costs) and the whole index, measured."""
    from warta_search.indexer import bundle_size  # noqa: PLC0415
    from warta_search.partitions import ARCHIVE, CURRENT  # noqa: PLC0415

    year = year or dt.datetime.now(dt.UTC).year
    years = article_years(output)
    current = sorted(name for name, written in years.items() if written >= year)
    figures: dict[str, float | int] = {"search_current_pages": len(current), "search_pages": len(years)}
    with tempfile.TemporaryDirectory(prefix="bench-pagefind-") as scratch:
        part = index_pages(output, current, Path(scratch), measure) if current else {"seconds": 0.0, "total_mb": 0.0}
        shutil.rmtree(Path(scratch) / "bundle", ignore_errors=True)
        whole = index_pages(output, sorted(years), Path(scratch), measure)
    files = size = 0
    for bundle in (output / CURRENT, output / ARCHIVE):
        if bundle.is_dir():
            counted = bundle_size(str(bundle))
            files, size = files + counted[0], size + counted[1]
    figures.update({
        "search_index_s": round(part["seconds"], 2),  # a one-article rebuild of this year's story
        "search_peak_mb": round(part["total_mb"], 1),
        "search_full_index_s": round(whole["seconds"], 2),  # one index of everything (before partitions)
        "search_full_peak_mb": round(whole["total_mb"], 1),
        "search_files": files,
        "search_mb": round(size / 1024**2, 1),
    })  # fmt: skip
    return figures


class CountingHandler(SimpleHTTPRequestHandler):
    """Static files; counts each answer's bytes. ``single`` serves one whole index at /pagefind/ instead."""

    single: Path | None = None
    counted: list[tuple[str, int]]

    def log_message(self, format: str, *args: object) -> None:
        """Silence."""

    def translate_path(self, path: str) -> str:
        """``/pagefind/…`` from the single index when one is given."""
        clean = path.split("?", 1)[0]
        if self.single is not None and clean.startswith("/pagefind/"):
            return str(self.single / clean.removeprefix("/pagefind/"))
        return super().translate_path(path)

    def send_head(self):  # the standard library's signature
        """Count the bytes of the answer (headers left out: both variants send the same kinds)."""
        answer = super().send_head()
        if answer is not None and hasattr(answer, "fileno"):
            self.counted.append((self.path, os.fstat(answer.fileno()).st_size))
        return answer


def serve_and_query(root: Path, query: str, single: Path | None, work: Path) -> tuple[int, int, str]:
    """Bytes and requests of ``/cari/?q=query`` from a fresh Chromium profile; the status line it ended with."""
    sys.path[:0] = [
        str(REPO / "plugins"),
        str(REPO / "cli"),
        str(REPO / "tests"),
    ]  # code first: no tests/warta_* shadows it
    from support.cdp import Browser  # noqa: PLC0415  (the test suite's small Chromium driver)

    counted: list[tuple[str, int]] = []
    handler = type("Handler", (CountingHandler,), {"single": single, "counted": counted})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with Browser(work) as browser:
            browser.navigate(f"http://127.0.0.1:{server.server_address[1]}/cari/?q={quote(query)}")
            status = browser.wait_for(DONE, timeout=120, what=f"results for {query!r}")
    finally:
        server.shutdown()
        server.server_close()
    return sum(size for _path, size in counted), len(counted), status


def first_query_bytes(output: Path, query: str) -> dict[str, int | str]:
    """A reader's first query, counted at the server: as built (parts) and with one index of everything."""
    from warta_search.indexer import pagefind_program  # noqa: PLC0415
    from warta_search.partitions import link_pages  # noqa: PLC0415
    from warta_search.vocabulary import write_vocabulary  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="bench-transfer-") as scratch:
        work = Path(scratch)
        site, single = work / "situs", work / "satu"
        link_pages(str(output), str(site), sorted(article_years(output)))
        command = [pagefind_program(""), "--site", str(site), "--glob", "kim/*/*/index.html"]
        subprocess.run([*command, "--output-path", str(single), "--quiet"], check=True, timeout=900)
        write_vocabulary(str(single))
        shutil.rmtree(site)
        page = output / "cari" / "index.html"
        original = page.read_bytes()
        parts_bytes, parts_requests, parts_status = serve_and_query(output, query, None, work / "chromium-1")
        try:  # the single index: /cari/ imports it and merges nothing
            page.write_bytes(re.sub(rb'data-gabung="[^"]*"', b'data-gabung=""', original))
            one_bytes, one_requests, one_status = serve_and_query(output, query, single, work / "chromium-2")
        finally:
            page.write_bytes(original)
    return {
        "first_query": query,
        "first_query_bytes": parts_bytes,
        "first_query_requests": parts_requests,
        "first_query_status": parts_status,
        "first_query_single_bytes": one_bytes,
        "first_query_single_requests": one_requests,
        "first_query_single_status": one_status,
    }


def main() -> None:
    """Command-line entry: figures for one built output folder, as JSON."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_measure import measure  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", type=Path)
    parser.add_argument("--query", default="panen")
    parser.add_argument("--year", type=int, help="the build's current year (default: this year)")
    args = parser.parse_args()
    figures = {**search_cost(args.output, measure, args.year), **first_query_bytes(args.output, args.query)}
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
