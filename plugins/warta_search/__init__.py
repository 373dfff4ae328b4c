"""Warta KIM search plugin: the ``/cari/`` page and its Pagefind index (and the root icons).

The page is rendered like any other page; the index is built from the
finished output once the writer has written every page (``finalized``),
with the partner news (:mod:`.partners`) and a vocabulary for typo
tolerance (:mod:`.vocabulary`), in two parts that are re-indexed apart:
this year's stories and the archive (:mod:`.partitions`).
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
from .indexer import INSTALL_HINT, IndexReport, PagefindMissing, build_index, pagefind_program, remove_bundle
from .page import SearchPageGenerator
from .partitions import CURRENT, PARTS, SearchPlan, link_pages, part_slug, recorded_plan
from .partners import GLOB as PARTNER_GLOB
from .partners import partner_digest, searchable_partner_items, write_partner_pages
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
        reports = refresh_index(settings, pagefind_program(setting(settings, "WARTA_SEARCH_PAGEFIND")))
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
    for part, report in reports.items():
        logger.info(
            "warta_search: %s/: %d halaman diindeks dalam %.1f detik (%d berkas, %d bita)",
            part,
            report.pages,
            report.seconds,
            report.files,
            report.size,
        )


def refresh_index(settings: dict[str, Any], program: str) -> dict[str, IndexReport]:
    """Run Pagefind over each part whose article pages or partner news changed; the parts re-indexed.

    Without a plan (``/cari/`` was not rendered in this build) every article page goes into the main part.
    """
    writer = warta_state(settings).writer
    stored = writer.written_fingerprints() if writer is not None else None
    plan = recorded_plan(warta_state(settings))
    if plan is None:
        pattern = article_pattern(settings)
        names = [name for name in stored or () if pattern.match(name)] if stored is not None else []
        plan = SearchPlan(warta_state(settings).now.year, dict.fromkeys(names, CURRENT))
    items = searchable_partner_items(settings)
    reports = {}
    for part in PARTS:
        report = refresh_part(settings, program, part, plan, stored, items)
        if report is not None:
            reports[part] = report
    return reports


def refresh_part(
    settings: dict[str, Any],
    program: str,
    part: str,
    plan: SearchPlan,
    stored: dict[str, list[str]] | None,
    all_items: list[Any],
) -> IndexReport | None:
    """Index one part unless its stamp says it was made from exactly these pages and partner items."""
    output, glob, siteurl = settings["OUTPUT_PATH"], article_glob(settings), settings.get("SITEURL", "")
    names, items = plan.names(part), plan.items(part, all_items)
    stamp = IndexStamp(settings.get("CACHE_PATH"), output, part)
    known = stamp.known_parts()
    seen = len(known)
    expected = {
        "pages": indexed_digest(output, stored, names, known) if stored is not None else None,
        "partners": partner_digest(items, siteurl),
        "program": program_identity(program),
        "glob": glob,
    }
    bundle = os.path.join(output, part)
    current = {stored[name][1] for name in names if name in stored} if stored is not None else set()
    kept = {key: value for key, value in known.items() if key in current}  # this build's pages only
    if stored is not None and stamp.matches(expected) and os.path.isfile(os.path.join(bundle, "pagefind.js")):
        logger.info("warta_search: halaman berita %s/ tidak berubah; indeksnya tetap dipakai", part)
        if len(known) != seen:  # pages whose bytes changed outside what is indexed: not read again next time
            stamp.record(expected, kept)
        return None
    stamp.clear()
    site = os.path.join(output, f".cari-{part_slug(part)}")  # only this part's pages, for Pagefind to read
    try:
        if not link_pages(output, site, names) and not items:
            remove_bundle(output, part)  # Pagefind refuses an empty site; /cari/ leaves the part out
            logger.info("warta_search: belum ada berita untuk %s/, jadi bagian indeks itu tidak dibuat", part)
            report = None
        else:  # partner news joins the articles through throw-away pages (see .partners)
            write_partner_pages(site, items, siteurl)
            report = build_index(output, program, f"{{{glob},{PARTNER_GLOB}}}" if "{" not in glob else glob, part, site)
    finally:
        shutil.rmtree(site, ignore_errors=True)
    if stored is not None:
        stamp.record(expected, kept)
    return report


def register() -> None:
    """Connect receivers.

    ``get_generators`` is Pelican's hook for adding a generator. ``finalized``
    fires after warta_output's writer (listed before this plugin) has
    rendered every page, so Pagefind reads the complete output.
    """
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(index_output)
