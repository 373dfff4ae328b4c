"""Run Pagefind over the built output: the search index behind ``/cari/``.

Pagefind (a Rust program, installed by the ``pagefind-bin`` package from
PyPI, so no JavaScript tooling and no download at build time) reads the
HTML that was just written and indexes only what ``article.html`` marks
with ``data-pagefind-body``: titles, summaries and bodies of articles, with
the kabupaten/kota, KIM, topic and year filters. The vocabulary for typo
tolerance (:mod:`.vocabulary`) is written into the same bundle. Each part of
the index (:mod:`.partitions`: ``pagefind/`` and ``pagefind/arsip/``) is
written to a fresh folder and then moved into place, so files of an earlier
index never linger and a rebuild gives the same output as a clean build;
replacing the main bundle carries the archive inside it across untouched.

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

from .partitions import ARCHIVE, CURRENT, PARTS, part_slug
from .vocabulary import write_vocabulary

BUNDLE = CURRENT
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
    """Files and bytes under ``folder``, less the parts nested in it (the archive inside the main bundle)."""
    nested = {os.path.normpath(os.path.join(folder, os.path.relpath(part, CURRENT))) for part in PARTS[1:]}
    files = size = 0
    for root, dirs, names in os.walk(folder):
        dirs[:] = [name for name in dirs if os.path.normpath(os.path.join(root, name)) not in nested]
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(root, name))
    return files, size


def indexed_pages(output: str) -> int:
    """Pages Pagefind recorded, read from its entry file."""
    with open(os.path.join(output, "pagefind-entry.json"), encoding="utf-8") as entry:
        languages = json.load(entry).get("languages", {})
    return sum(language.get("page_count", 0) for language in languages.values())


def staging_folder(output_path: str, bundle: str) -> str:
    """The dot folder one part is written to before it replaces the published one."""
    return os.path.join(output_path, STAGING if bundle == CURRENT else f".{part_slug(bundle)}-baru")


def install_bundle(output_path: str, staging: str, bundle: str) -> str:
    """Move a finished bundle into place (the archive nested in the main bundle moves along); its folder."""
    target = os.path.join(output_path, bundle)
    if bundle == CURRENT:
        archive, kept = os.path.join(target, os.path.relpath(ARCHIVE, CURRENT)), os.path.join(staging, "arsip")
        if os.path.isfile(os.path.join(archive, "pagefind.js")):
            os.replace(archive, kept)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.rmtree(target, ignore_errors=True)
    os.replace(staging, target)
    return target


def remove_bundle(output_path: str, bundle: str) -> None:
    """Remove one part (nothing of it to index), keeping the other parts."""
    target = os.path.join(output_path, bundle)
    if bundle != CURRENT:
        shutil.rmtree(target, ignore_errors=True)
        return
    keep = os.path.relpath(ARCHIVE, CURRENT)
    for name in os.listdir(target) if os.path.isdir(target) else ():
        if name != keep:
            path = os.path.join(target, name)
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
    if os.path.isdir(target) and not os.listdir(target):
        os.rmdir(target)


def build_index(
    output_path: str, program: str, glob: str = "**/*.html", bundle: str = BUNDLE, site: str | None = None
) -> IndexReport:
    """Index the pages of ``site`` (default: the output) matching ``glob`` into ``output_path/bundle/``."""
    started = time.perf_counter()
    staging = staging_folder(output_path, bundle)
    shutil.rmtree(staging, ignore_errors=True)
    command = [program, "--site", site or output_path, "--glob", glob, "--output-path", staging, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=PAGEFIND_TIMEOUT, check=False)
    if result.returncode != 0 or not os.path.isfile(os.path.join(staging, "pagefind.js")):
        shutil.rmtree(staging, ignore_errors=True)
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"Pagefind keluar dengan kode {result.returncode}: " + " / ".join(detail))
    for name in UNUSED_FILES:
        with contextlib.suppress(FileNotFoundError):
            os.remove(os.path.join(staging, name))
    write_vocabulary(staging)  # the words cari.js corrects typing against, replaced with the index
    target = install_bundle(output_path, staging, bundle)
    files, size = bundle_size(target)
    return IndexReport(indexed_pages(target), files, size, time.perf_counter() - started)
