"""``kim laporan --kabupaten NAMA|KODE --bulan TTTT-BB[..TTTT-BB]``: the report of one or more kabupaten/kota.

Checks the network like ``kim bangun`` (a report on content the build would
refuse would not match the portal), then writes, for each kabupaten/kota, a
printable HTML page and the CSV files holding every table of it, with the
figures of the month or range of months, computed by
:mod:`warta_stats.report` with the same rules as ``/statistik/``. Names and
codes are read by :mod:`warta_stats.report_input`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from zoneinfo import ZoneInfo

from warta_core.network import data_path
from warta_core.problems import format_report
from warta_core.validation import check_network
from warta_stats.report import period_reports, report_files, report_html
from warta_stats.report_input import ReportInputError, find_kabupaten, month_range, split_list

ZONE = "Asia/Jakarta"  # TIMEZONE in pelicanconf.py: the portal's dates


def add_parser(commands) -> None:
    """Register the ``laporan`` sub-command."""
    parser = commands.add_parser(
        "laporan",
        help="buat laporan KIM per kabupaten/kota untuk satu bulan atau rentang bulan (HTML siap cetak dan CSV)",
        description=(
            "Membuat laporan satu atau beberapa kabupaten/kota untuk satu bulan atau rentang bulan: cakupan desa "
            "ber-KIM per kecamatan, KIM yang aktif, jumlah berita, KIM baru (belum 90 hari), KIM tanpa berita lebih "
            "dari 90 hari, aspirasi warga per instansi, dan daftar berita periode itu. Setiap kabupaten/kota "
            "mendapat satu berkas HTML dan berkas CSV untuk setiap tabelnya."
        ),
    )
    parser.add_argument(
        "--kabupaten",
        "--regency",
        dest="kabupaten",
        action="append",
        required=True,
        metavar="KABUPATEN",
        help=(
            'kabupaten/kota: kode Kemendagri (18.09), nama (Pesawaran, "Kabupaten Pesawaran"); boleh diulang '
            "atau dipisah koma untuk beberapa kabupaten/kota"
        ),
    )
    parser.add_argument(
        "--bulan",
        "--month",
        dest="month",
        metavar="TTTT-BB[..TTTT-BB]",
        help="bulan laporan (2024-03) atau rentang bulan (2024-01..2024-03)",
    )
    parser.add_argument("--dari", "--from", dest="first", metavar="TTTT-BB", help="bulan pertama rentang")
    parser.add_argument(
        "--sampai", "--to", dest="last", metavar="TTTT-BB", help="bulan terakhir rentang (bawaan: bulan ini)"
    )
    parser.add_argument(
        "--keluaran",
        "--output",
        dest="keluaran",
        default="laporan",
        metavar="FOLDER",
        help="folder tempat laporan ditulis (bawaan: laporan)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read the arguments, check, compute, write; exit code 2 on an argument it cannot use, 1 on content."""
    now = dt.datetime.now(dt.UTC).astimezone(ZoneInfo(ZONE))
    try:
        first, last = month_range(args.month, args.first, args.last, f"{now.year:04d}-{now.month:02d}")
    except ReportInputError as error:
        print(error, file=sys.stderr)
        return 2
    result = check_network(args.content)
    root = os.path.dirname(os.path.abspath(args.content))
    if not result.ok:
        print(format_report(result.problems.items, root), file=sys.stderr)
        print("Laporan tidak dibuat: perbaiki masalah di atas dulu (lihat `kim periksa`).", file=sys.stderr)
        return 1
    network = result.network
    where = os.path.relpath(data_path(network.content_path, "wilayah.csv"))
    regions, problems = [], []
    for written in split_list(args.kabupaten):
        try:
            region = find_kabupaten(network.registry, written, where)
        except ReportInputError as error:
            problems.append(str(error))
            continue
        if region not in regions:
            regions.append(region)
    if problems or not regions:
        print(
            "\n".join(problems) or "Tulis sedikitnya satu kabupaten/kota, misalnya --kabupaten 18.09.", file=sys.stderr
        )
        return 2
    articles = list(result.articles.values())
    reports = period_reports(network, articles, [r.code for r in regions], first, last, now, ZoneInfo(ZONE))
    os.makedirs(args.keluaran, exist_ok=True)
    for report in reports:
        name = os.path.join(args.keluaran, report.file_stem)
        with open(f"{name}.html", "w", encoding="utf-8") as handle:
            handle.write(report_html(report, network))
        files = report_files(report, network)
        for file_name, data in files.items():
            with open(os.path.join(args.keluaran, file_name), "wb") as handle:
                handle.write(data)
        print(
            f"Laporan {report.region.name}, {report.label}: {len(report.articles)} berita terbit; "
            f"{report.active_in_month} dari {len(report.area.kims)} KIM menerbitkan berita; "
            f"{len(report.silent)} KIM tanpa berita lebih dari 90 hari; {len(report.new_kims)} KIM baru."
        )
        print(f"Ditulis: {name}.html dan {len(files)} berkas CSV ({', '.join(files)})")
    return 0
