"""``kim bangun``: check, then build the portal with Pelican, then print totals."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import time
from typing import Any

from pelican import Pelican

from warta_core.articles import PUBLISHED
from warta_core.config_options import SettingsError
from warta_core.problems import NetworkCheckFailed
from warta_images.settings import setting as images_setting
from warta_images.usage import photo_usage
from warta_network.settings_check import read_settings_file
from warta_network.state import warta_state
from warta_publish import capacity
from warta_publish.capacity import size_text
from warta_publish.settings import host_limits, setting
from warta_syndication.formats import FEED_FILES

from .logs import setup_logging
from .options import add_settings_option


def add_parser(commands) -> None:
    """Register the ``build`` sub-command."""
    parser = commands.add_parser(
        "bangun",
        aliases=["build"],
        help="bangun portal ke folder output/",
        description="Memeriksa konten lalu membangun portal statis dengan Pelican.",
    )
    add_settings_option(parser)
    parser.add_argument(
        "--keluaran", "--output", dest="output", default=None, help="folder hasil (bawaan: OUTPUT_PATH di pengaturan)"
    )
    parser.set_defaults(run=run)


def output_totals(output_path: str) -> dict[str, Any]:
    """Count pages, feeds, files, folders and bytes of a built site, and find its largest file.

    ``scandir``: one system call per folder. ``terbesar`` is the largest file's size, ``terbesar_path`` its
    path relative to the output (the hosts' per-file limits).
    """
    totals: dict[str, Any] = {"halaman": 0, "umpan": 0, "berkas": 0, "folder": 0, "bita": 0, "terbesar": 0}
    totals["terbesar_path"] = ""
    folders = [output_path]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                    totals["folder"] += 1
                    continue
                size = entry.stat().st_size
                totals["berkas"] += 1
                totals["bita"] += size
                if size > totals["terbesar"]:
                    totals["terbesar"] = size
                    totals["terbesar_path"] = os.path.relpath(entry.path, output_path).replace(os.sep, "/")
                if entry.name.endswith(".html"):
                    totals["halaman"] += 1
                elif entry.name in FEED_FILES:
                    totals["umpan"] += 1
    return totals


def network_cache(content: str) -> str:
    """The caches of one network: beside its content folder, never shared with another network's build."""
    return os.path.join(os.path.dirname(content), ".cache")


def pelican_build(content: str, settings_file: str, output: str | None = None) -> dict[str, Any] | None:
    """Run the checked Pelican build; print the report and return None when it is refused."""
    setup_logging()  # Indonesian, the plugin named once (warta_cli.logs)
    content = os.path.abspath(content)
    override = {"PATH": content, "CACHE_PATH": network_cache(content)}
    if output:
        override["OUTPUT_PATH"] = os.path.abspath(output)
    try:
        settings = read_settings_file(settings_file, override)  # messages name settings_file
        with contextlib.redirect_stdout(io.StringIO()):  # Pelican's English summary line
            Pelican(settings).run()
    except (NetworkCheckFailed, SettingsError) as failure:
        print(str(failure).strip(), file=sys.stderr)
        return None
    return settings


def capacity_forecast(settings: dict[str, Any], totals: dict[str, Any]) -> capacity.Forecast:
    """The host's limits against this build's totals, at the network's publishing rate (``WARTA_NOW`` or now)."""
    state = warta_state(settings)
    published = [a.date for a in state.articles.values() if a.status == PUBLISHED]
    now = state.now
    usage = capacity.Usage(
        totals["bita"], totals["berkas"], totals["folder"], totals["terbesar"], totals["terbesar_path"]
    )
    site_limit = setting(settings, "WARTA_PUBLISH_SITE_SIZE_LIMIT")
    recent = capacity.recent_count(published, now)
    photos = None
    if state.images is not None:  # warta_images ran: photos counted at the recent share of photo stories
        archive_days = images_setting(settings, "WARTA_IMAGES_ARCHIVE_DAYS")
        photos = photo_usage(state.images, state.articles.values(), now, archive_days)
    return capacity.forecast(usage, host_limits(settings), site_limit, len(published), recent, now, photos)


def print_totals(settings: dict[str, Any], elapsed: float) -> dict[str, Any]:
    """Print what was built and the capacity forecast; warn near the host's limits (declared in warta_publish)."""
    state = warta_state(settings)
    totals = output_totals(settings["OUTPUT_PATH"])
    published = totals["berita"] = sum(1 for a in state.articles.values() if a.status == PUBLISHED)
    print(
        f"Selesai dalam {elapsed:.1f} detik: {published} berita terbit dari {len(state.network.kims)} KIM, "
        f"{totals['halaman']} halaman, {totals['umpan']} umpan, {totals['berkas']} berkas, "
        f"{size_text(totals['bita'])}."
    )
    limit = setting(settings, "WARTA_PUBLISH_SITE_SIZE_LIMIT")
    share = setting(settings, "WARTA_PUBLISH_SITE_SIZE_WARNING")
    if totals["bita"] > share * limit:
        print(
            f"Peringatan: ukuran situs {size_text(totals['bita'])} sudah {totals['bita'] / limit:.0%} dari batas "
            f"{size_text(limit)} layanan hosting (WARTA_PUBLISH_SITE_SIZE_LIMIT; GitHub Pages: 1 GB). "
            "Kecilkan gambar sebelum batas terlampaui, karena situs yang lebih besar ditolak.",
            file=sys.stderr,
        )
    forecast = capacity_forecast(settings, totals)
    print("\n".join(capacity.report_lines(forecast)))
    for warning in capacity.warnings(forecast) + capacity.over_limit_problems(forecast):
        print(f"Peringatan: {warning}", file=sys.stderr)
    return totals


def run(args: argparse.Namespace) -> int:
    """Build; print the check report on failure, totals on success."""
    started = time.perf_counter()
    settings = pelican_build(args.content, args.settings, args.output)
    if settings is None:
        print("Pembangunan dibatalkan: tidak ada berkas yang diterbitkan.", file=sys.stderr)
        return 1
    print_totals(settings, time.perf_counter() - started)
    return 0
