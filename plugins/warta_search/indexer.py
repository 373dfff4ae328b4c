"""Run Pagefind over the built output: the search index behind ``/cari/``.

Pagefind (a Rust program, installed by the ``pagefind-bin`` package from
PyPI, so no JavaScript tooling and no download at build time) reads the
HTML that was just written and indexes only what ``article.html`` marks
with ``data-pagefind-body``: titles, summaries and bodies of articles, with
the kabupaten/kota, KIM, topic and year filters. The vocabulary for typo
tolerance (:mod:`.vocabulary`) is written into the same bundle. The bundle is written to a
fresh folder and then moved to ``pagefind/``, so files of an earlier index
never linger and a rebuild gives the same output as a clean build.

A missing program never fails the build: search is an extra, and the
message says (in Indonesian) how to install it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass

from .vocabulary import write_vocabulary

BUNDLE = "pagefind"
STAGING = ".pagefind-baru"  # a dot folder: never published, never mistaken for the index
# Pagefind's ready-made interfaces (about 420 KB): /cari/ uses its own small script and the theme's stylesheet.
UNUSED_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)  # fmt: skip
PAGEFIND_TIMEOUT = 600  # seconds; 10,000 articles take well under a minute
INSTALL_HINT = "Pasang dengan `.venv/bin/pip install -e .` (paket pagefind-bin) atau isi WARTA_SEARCH_PAGEFIND"


class PagefindMissing(Exception):
    """No Pagefind program: the message says where it was looked for and how to install it."""


@dataclass(frozen=True)
class IndexReport:
    """What one indexing run produced."""

    pages: int
    files: int
    size: int  # bytes of the whole bundle
    seconds: float


def pagefind_program(configured: str) -> str:
    """The Pagefind executable: the configured path, else the one pagefind-bin ships."""
    if configured:
        if os.path.isfile(configured) and os.access(configured, os.X_OK):
            return configured
        raise PagefindMissing(f"program Pagefind tidak ditemukan di {configured} (WARTA_SEARCH_PAGEFIND).")
    try:
        import pagefind_bin  # noqa: PLC0415  (optional: the build runs without it)
    except ImportError:
        raise PagefindMissing("paket pagefind-bin tidak terpasang, jadi program Pagefind tidak ada.") from None
    try:
        return str(pagefind_bin.get_executable())
    except FileNotFoundError:
        raise PagefindMissing("paket pagefind-bin terpasang tetapi programnya tidak ada.") from None


def bundle_size(folder: str) -> tuple[int, int]:
    """Files and bytes under ``folder``."""
    files = size = 0
    for root, _dirs, names in os.walk(folder):
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(root, name))
    return files, size


def indexed_pages(output: str) -> int:
    """Pages Pagefind recorded, read from its entry file."""
    with open(os.path.join(output, "pagefind-entry.json"), encoding="utf-8") as entry:
        languages = json.load(entry).get("languages", {})
    return sum(language.get("page_count", 0) for language in languages.values())


def build_index(output_path: str, program: str, glob: str = "**/*.html") -> IndexReport:
    """Index the pages matching ``glob`` into ``output_path/pagefind/``, replacing any earlier index."""
    started = time.perf_counter()
    staging = os.path.join(output_path, STAGING)
    shutil.rmtree(staging, ignore_errors=True)
    command = [program, "--site", output_path, "--glob", glob, "--output-path", staging, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=PAGEFIND_TIMEOUT, check=False)
    if result.returncode != 0 or not os.path.isfile(os.path.join(staging, "pagefind.js")):
        shutil.rmtree(staging, ignore_errors=True)
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"Pagefind keluar dengan kode {result.returncode}: " + " / ".join(detail))
    for name in UNUSED_FILES:
        with contextlib.suppress(FileNotFoundError):
            os.remove(os.path.join(staging, name))
    write_vocabulary(staging)  # the words cari.js corrects typing against, replaced with the index
    bundle = os.path.join(output_path, BUNDLE)
    shutil.rmtree(bundle, ignore_errors=True)
    os.replace(staging, bundle)
    files, size = bundle_size(bundle)
    return IndexReport(indexed_pages(bundle), files, size, time.perf_counter() - started)
