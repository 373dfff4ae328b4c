"""``kim laporan --kabupaten KODE --bulan YYYY-MM``: the monthly report of one kabupaten/kota.

Checks the network like ``kim bangun`` (a report on content the build would
refuse would not match the portal), then writes a printable HTML page and a
CSV file (one row per KIM) with the figures of that month, computed by
:mod:`warta_stats.report` with the same rules as ``/statistik/``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from zoneinfo import ZoneInfo

from warta_stats.report import monthly_report, report_csv, report_html

from warta_core.network import data_path
from warta_core.problems import format_report
from warta_core.regions import KABUPATEN
from warta_core.text import did_you_mean
from warta_core.validation import check_network

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
ZONE = "Asia/Jakarta"  # TIMEZONE in pelicanconf.py: the portal's dates


def add_parser(commands) -> None:
    """Register the ``laporan`` sub-command."""
    parser = commands.add_parser(
        "laporan",
        help="buat laporan bulanan KIM satu kabupaten/kota (HTML siap cetak dan CSV)",
        description=(
            "Membuat laporan bulanan satu kabupaten/kota: cakupan desa ber-KIM, KIM yang aktif, jumlah berita, "
            "KIM baru, KIM tanpa berita lebih dari 90 hari, dan daftar berita bulan itu."
        ),
    )
    parser.add_argument(
        "--kabupaten", required=True, metavar="KODE", help="kode Kemendagri kabupaten/kota, misalnya 18.09"
    )
    parser.add_argument("--bulan", required=True, metavar="TTTT-BB", help="bulan laporan, misalnya 2024-03")
    parser.add_argument(
        "--keluaran", default="laporan", metavar="FOLDER", help="folder tempat laporan ditulis (bawaan: laporan)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check, compute, write; exit code 1 with an Indonesian message on any problem."""
    if not MONTH.match(args.bulan):
        print(f'Bulan "{args.bulan}" tidak sah. Tulis tahun dan bulan seperti 2024-03.', file=sys.stderr)
        return 2
    now = dt.datetime.now(dt.UTC)
    if args.bulan > f"{now.year:04d}-{now.month:02d}":
        print(f"Bulan {args.bulan} belum tiba; pilih bulan ini atau bulan yang sudah lewat.", file=sys.stderr)
        return 2
    result = check_network(args.content)
    root = os.path.dirname(os.path.abspath(args.content))
    if not result.ok:
        print(format_report(result.problems.items, root), file=sys.stderr)
        print("Laporan tidak dibuat: perbaiki masalah di atas dulu (lihat `kim periksa`).", file=sys.stderr)
        return 1
    network = result.network
    region = network.registry.get(args.kabupaten)
    if region is None or region.level != KABUPATEN:
        kabupaten = [r for r in network.registry if r.level == KABUPATEN]
        hint = did_you_mean(args.kabupaten, [r.code for r in kabupaten]) or "Contoh: " + ", ".join(
            f"{r.code} ({r.name})" for r in kabupaten[:3]
        )
        where = os.path.relpath(data_path(network.content_path, "wilayah.csv"))
        print(f'Kode kabupaten/kota "{args.kabupaten}" tidak ada di {where}. {hint}'.strip(), file=sys.stderr)
        return 2
    report = monthly_report(network, list(result.articles.values()), region.code, args.bulan, now, ZoneInfo(ZONE))
    os.makedirs(args.keluaran, exist_ok=True)
    name = os.path.join(args.keluaran, f"laporan-{region.slug}-{args.bulan}")
    with open(f"{name}.html", "w", encoding="utf-8") as handle:
        handle.write(report_html(report, network))
    with open(f"{name}.csv", "wb") as handle:
        handle.write(report_csv(report, network))
    print(
        f"Laporan {region.name}, {report.label}: {len(report.articles)} berita terbit; {report.active_in_month} "
        f"dari {len(report.area.kims)} KIM menerbitkan berita; "
        f"{len(report.silent)} KIM tanpa berita lebih dari 90 hari."
    )
    print(f"Ditulis: {name}.html dan {name}.csv")
    return 0
