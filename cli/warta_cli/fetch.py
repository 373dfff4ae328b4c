"""``kim ambil``: fetch the partner outlets' feeds into the cache, then print their health.

Exits 0 when the fetch ran, even if some partners failed (their health says
so, and their last good news stays); 1 when it could not run at all: a bad
``mitra.yml`` or settings, or a cache folder that cannot be written.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from warta_core.config_options import SettingsError
from warta_core.network import load_network
from warta_core.problems import format_report
from warta_network.settings_check import read_settings_file, validate_settings
from warta_partners.cache import PartnerCache, cache_folder
from warta_partners.config import PARTNER_FILE, load_partner_config
from warta_partners.health import format_table, partner_health, summary_line

from .logs import setup_logging
from .options import add_settings_option

DEFAULT_ZONE = "Asia/Jakarta"


def add_parser(commands) -> None:
    """Register the ``fetch`` sub-command."""
    parser = commands.add_parser(
        "ambil",
        aliases=["fetch"],
        help="ambil umpan berita media mitra ke cache (content/_mitra/)",
        description=(
            f"Mengambil umpan RSS/Atom semua media mitra di content/_data/{PARTNER_FILE} ke cache, lalu "
            "menampilkan kesehatan setiap umpan. Pembangunan portal hanya membaca cache ini."
        ),
    )
    add_settings_option(parser)
    parser.add_argument(
        "--mitra", dest="partners", action="append", metavar="ID", help="ambil mitra ini saja (boleh diulang)"
    )
    parser.add_argument(
        "--umur-maks",
        dest="max_age",
        type=int,
        metavar="HARI",
        help="buang berita lebih tua dari ini; 0 = simpan semua",
    )
    parser.add_argument(
        "--batas-waktu", dest="deadline", type=float, metavar="DETIK", help="batas waktu seluruh pengambilan"
    )
    parser.add_argument(
        "--paksa", action="store_true", help="ambil juga umpan yang menjawab 410 atau meminta jeda (Retry-After)"
    )
    parser.add_argument("--tanpa-gambar", dest="no_images", action="store_true", help="jangan unduh gambar berita")
    parser.set_defaults(run=run)


def load_settings(path: str, content: str) -> dict:
    """Pelican settings (for the WARTA_MITRA_* options, SITEURL, TIMEZONE); the defaults without a file."""
    override = {"PATH": os.path.abspath(content)}
    if not os.path.exists(path):
        return {"SITEURL": "", "TIMEZONE": DEFAULT_ZONE, **override}
    settings = read_settings_file(path, override)
    settings.setdefault("TIMEZONE", DEFAULT_ZONE)
    return settings


def run(args: argparse.Namespace) -> int:
    """Fetch, save, print the table; non-zero only when nothing could be done."""
    setup_logging()  # Indonesian, the plugin named once (warta_cli.logs)
    content = args.content
    if not os.path.isdir(content):
        print(f"Folder konten '{content}' tidak ditemukan.", file=sys.stderr)
        return 2
    if args.max_age is not None and args.max_age < 0:
        print("--umur-maks harus 0 atau lebih.", file=sys.stderr)
        return 2
    try:
        settings = load_settings(args.settings, content)
        # Every listed plugin's settings, as the build checks them, and the partner options in any case.
        validate_settings(settings, [*(settings.get("PLUGINS") or ()), "warta_partners"])  # Pelican's default: None
    except SettingsError as error:
        print(str(error).strip(), file=sys.stderr)
        print("Pengambilan dibatalkan: perbaiki pengaturannya dulu.", file=sys.stderr)
        return 1
    network, _network_problems = load_network(os.path.abspath(content))
    config, problems = load_partner_config(network)
    root = os.path.dirname(os.path.abspath(content))
    if problems.errors:
        print(format_report(problems.errors, root), file=sys.stderr)
        print("Pengambilan dibatalkan: perbaiki daftar mitra dulu.", file=sys.stderr)
        return 1
    partners = config.partners
    if args.partners:
        unknown = sorted(set(args.partners) - {p.id for p in partners})
        if unknown:
            print(f"Mitra tidak dikenal: {', '.join(unknown)}. Lihat content/_data/{PARTNER_FILE}.", file=sys.stderr)
            return 1
        partners = [p for p in partners if p.id in args.partners]
    if not partners:
        print(f"Belum ada media mitra di content/_data/{PARTNER_FILE}; tidak ada yang diambil.")
        return 0
    cache = PartnerCache(cache_folder(settings))
    try:
        os.makedirs(cache.folder, exist_ok=True)
    except OSError as error:
        print(f"Folder cache {cache.folder} tidak bisa dibuat: {error.strerror}.", file=sys.stderr)
        return 1
    if not os.access(cache.folder, os.W_OK):
        print(f"Folder cache {cache.folder} tidak bisa ditulisi.", file=sys.stderr)
        return 1
    # Imported here, not at the top: `kim` loads every command module, and `kim bangun` must not load httpx.
    from warta_partners.spider import FetchOptions, Spider  # noqa: PLC0415

    options = FetchOptions.from_settings(
        settings,
        network.info.name,
        max_age_days=args.max_age,
        deadline=args.deadline,
        force=args.paksa or None,
        images=False if args.no_images else None,
    )
    started = time.monotonic()
    reports = Spider(cache, options).run(partners)
    elapsed = time.monotonic() - started
    rows = [partner_health(report.partner, report.state) for report in reports]
    print(format_table(rows, settings["TIMEZONE"]))
    print()
    print(summary_line(rows, elapsed))
    return 0
