"""Warta KIM search plugin: the ``/cari/`` page and its Pagefind index (and the root icons).

The page is rendered like any other page; the index is built from the
finished output once the writer has written every page (``finalized``).
Public pages stay JavaScript-free: only ``/cari/`` loads a script
(``theme/static/js/cari.js``), which fetches the index in small pieces.
It also copies ``/favicon.ico`` and ``/apple-touch-icon.png`` to the root
(:mod:`.icons`), which no other plugin writes.
"""

from __future__ import annotations

import logging
import subprocess

from pelican import signals

from .icons import RootIconsGenerator
from .indexer import INSTALL_HINT, PagefindMissing, build_index, pagefind_program
from .page import SearchPageGenerator
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
        program = pagefind_program(setting(settings, "WARTA_SEARCH_PAGEFIND"))
        report = build_index(settings["OUTPUT_PATH"], program)
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
    logger.info(
        "warta_search: %d halaman diindeks dalam %.1f detik (%d berkas, %d bita)",
        report.pages,
        report.seconds,
        report.files,
        report.size,
    )


def register() -> None:
    """Connect receivers.

    ``get_generators`` is Pelican's hook for adding a generator. ``finalized``
    fires after warta_output's writer (listed before this plugin) has
    rendered every page, so Pagefind reads the complete output.
    """
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(index_output)
