"""``kim impor-wilayah``: add regions from official ``code,name`` CSV files.

Designed for the CSV files of the ``idn-area-data`` package (ODbL): give the
folder holding ``provinces.csv``, ``regencies.csv``, ``districts.csv`` and
``villages.csv`` (or any CSV files with ``code``/``kode`` and ``name``/``nama``
columns) and the provinsi or kabupaten/kota codes to take. The chosen regions,
everything below them and their parents are merged into
``content/_data/wilayah.csv``; rows already there are kept.
"""

from __future__ import annotations

import argparse
import csv
import glob
import io
import os
import re
import sys

from warta_core.atomic import write_atomically
from warta_core.network import data_path
from warta_core.regions import code_key

_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


class ImportFailed(Exception):
    """A problem with the input that stops the import; message in Indonesian."""


def add_parser(commands) -> None:
    """Register the ``import-wilayah`` sub-command."""
    parser = commands.add_parser(
        "impor-wilayah",
        aliases=["import-wilayah"],
        help="tambahkan wilayah (provinsi/kabupaten beserta isinya) dari berkas CSV kode,nama",
        description=(
            "Menambahkan wilayah ke content/_data/wilayah.csv dari berkas CSV berkolom kode dan nama, "
            "misalnya data paket idn-area-data (lisensi ODbL)."
        ),
    )
    parser.add_argument("sources", nargs="+", metavar="SUMBER", help="folder atau berkas CSV sumber")
    parser.add_argument(
        "--kode",
        dest="codes",
        action="append",
        required=True,
        help="kode provinsi atau kabupaten/kota yang diambil, misalnya 18.09 (boleh diulang)",
    )
    parser.set_defaults(run=run)


def read_source_rows(sources: list[str]) -> dict[str, str]:
    """Read every ``code,name`` row of the given files and folders."""
    files: list[str] = []
    for source in sources:
        if os.path.isdir(source):
            files.extend(sorted(glob.glob(os.path.join(source, "*.csv"))))
        elif os.path.isfile(source):
            files.append(source)
        else:
            raise ImportFailed(f"Sumber '{source}' tidak ditemukan.")
    rows: dict[str, str] = {}
    for path in files:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            fields = {name.strip().lower(): name for name in reader.fieldnames or []}
            code_field = fields.get("code") or fields.get("kode")
            name_field = fields.get("name") or fields.get("nama")
            if not code_field or not name_field:
                continue  # e.g. islands.csv: not administrative regions
            for row in reader:
                code = (row.get(code_field) or "").strip()
                name = (row.get(name_field) or "").strip()
                if _CODE.match(code) and name:
                    rows[code] = name
    if not rows:
        raise ImportFailed("Tidak ada baris kode,nama yang bisa dibaca dari sumber yang diberikan.")
    return rows


def select(rows: dict[str, str], wanted: list[str]) -> dict[str, str]:
    """Regions under each wanted code, plus the wanted regions and their parents."""
    chosen: dict[str, str] = {}
    for code in wanted:
        if code not in rows:
            raise ImportFailed(f"Kode '{code}' tidak ada di sumber data.")
        if code.count(".") > 1:
            raise ImportFailed(f"Kode '{code}' bukan kode provinsi atau kabupaten/kota.")
        parts = code.split(".")
        for i in range(1, len(parts)):
            parent = ".".join(parts[:i])
            if parent in rows:
                chosen[parent] = rows[parent]
        prefix = code + "."
        chosen.update({c: n for c, n in rows.items() if c == code or c.startswith(prefix)})
    return chosen


def read_existing(path: str) -> dict[str, str]:
    """Rows already in the network's wilayah.csv."""
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["kode"]: row["nama"] for row in csv.DictReader(handle) if row.get("kode")}


def write_registry(path: str, rows: dict[str, str]) -> None:
    """Write rows sorted by code (parents before children) with a ``kode,nama`` header."""
    ordered = sorted(rows.items(), key=lambda item: code_key(item[0]))
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["kode", "nama"])
    writer.writerows(ordered)
    write_atomically(path, text.getvalue())


def run(args: argparse.Namespace) -> int:
    """Merge the selected regions into the registry and report what changed."""
    target = data_path(args.content, "wilayah.csv")
    try:
        source_rows = read_source_rows(args.sources)
        chosen = select(source_rows, args.codes)
    except ImportFailed as failure:
        print(f"Impor wilayah gagal: {failure}", file=sys.stderr)
        return 1
    existing = read_existing(target)
    added = {c: n for c, n in chosen.items() if c not in existing}
    renamed = {c: n for c, n in chosen.items() if c in existing and existing[c] != n}
    merged = {**existing, **chosen}
    write_registry(target, merged)
    levels = {1: 0, 2: 0, 3: 0, 4: 0}
    for code in added:
        levels[code.count(".") + 1] += 1
    print(
        f"{len(added)} wilayah ditambahkan ke {target} "
        f"({levels[1]} provinsi, {levels[2]} kabupaten/kota, {levels[3]} kecamatan, {levels[4]} desa/kelurahan); "
        f"{len(renamed)} nama diperbarui; total {len(merged)} wilayah."
    )
    return 0
