"""Warta KIM search plugin: the ``/cari/`` page and its Pagefind index (and the root icons).

The page is rendered like any other page; the index is built from the
finished output once the writer has written every page (``finalized``),
with the partner news (:mod:`.partners`) and a vocabulary for typo
tolerance (:mod:`.vocabulary`).
Public pages stay JavaScript-free: only ``/cari/`` loads a script
(``theme/static/js/cari.js``), which fetches the index in small pieces.
It also copies ``/favicon.ico`` and ``/apple-touch-icon.png`` to the root
(:mod:`.icons`), which no other plugin writes.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from typing import Any

from pelican import signals

from warta_network.state import warta_state

from .freshness import IndexStamp, article_glob, article_pattern, indexed_digest, program_identity
from .icons import RootIconsGenerator
from .indexer import BUNDLE, INSTALL_HINT, IndexReport, PagefindMissing, build_index, pagefind_program
from .page import SearchPageGenerator
from .partners import GLOB as PARTNER_GLOB
from .partners import partner_digest, partner_items, remove_partner_pages, write_partner_pages
from .settings import setting

logger = logging.getLogger("warta_search")


def get_generators(_pelican):
    """Add the ``/cari/`` page and root icon generators."""
    return [SearchPageGenerator, RootIconsGenerator]


def index_output(pelican) -> None:
    """Index the finished output; say in Indonesian what is missing instead of failing the build."""
    settings = pelican.settings
    if not setting(settings, "WARTA_SEARCH_INDEX"):
        return
    try:
        report = refresh_index(settings, pagefind_program(setting(settings, "WARTA_SEARCH_PAGEFIND")))
    except PagefindMissing as missing:
        logger.warning(
            "warta_search: %s Halaman /cari/ tetap dibuat tetapi belum bisa menemukan berita. %s.",
            missing,
            INSTALL_HINT,
        )
        return
    except (OSError, RuntimeError, subprocess.SubprocessError) as failure:
        logger.warning("warta_search: indeks pencarian /cari/ gagal dibuat: %s", failure)
        return
    if report is not None:
        logger.info(
            "warta_search: %d halaman diindeks dalam %.1f detik (%d berkas, %d bita)",
            report.pages,
            report.seconds,
            report.files,
            report.size,
        )


def refresh_index(settings: dict[str, Any], program: str) -> IndexReport | None:
    """Run Pagefind over the article pages and partner news unless the current index was made from them (None then)."""
    output = settings["OUTPUT_PATH"]
    glob, pattern = article_glob(settings), article_pattern(settings)
    writer = warta_state(settings).writer
    stored = writer.written_fingerprints() if writer is not None else None
    stamp = IndexStamp(settings.get("CACHE_PATH"), output)
    items, siteurl = partner_items(settings), settings.get("SITEURL", "")
    expected = {
        "pages": indexed_digest(stored, pattern) if stored is not None else None,
        "partners": partner_digest(items, siteurl),
        "program": program_identity(program),
        "glob": glob,
    }
    bundle = os.path.join(output, BUNDLE)
    if stored is not None and stamp.matches(expected) and os.path.isfile(os.path.join(bundle, "pagefind.js")):
        logger.info("warta_search: halaman berita tidak berubah; indeks pencarian tetap dipakai")
        return None
    stamp.clear()
    if stored is not None and not any(pattern.match(name) for name in stored):
        shutil.rmtree(bundle, ignore_errors=True)  # Pagefind refuses an empty site; /cari/ then says so
        logger.info("warta_search: belum ada berita terbit, jadi belum ada indeks pencarian")
        return None
    try:  # partner news joins the articles through throw-away pages (see .partners)
        write_partner_pages(output, items, siteurl)
        report = build_index(output, program, f"{{{glob},{PARTNER_GLOB}}}" if items and "{" not in glob else glob)
    finally:
        remove_partner_pages(output)
    if stored is not None:
        stamp.record(expected)
    return report


def register() -> None:
    """Connect receivers.

    ``get_generators`` is Pelican's hook for adding a generator. ``finalized``
    fires after warta_output's writer (listed before this plugin) has
    rendered every page, so Pagefind reads the complete output.
    """
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(index_output)
