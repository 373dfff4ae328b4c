"""``kim impor-wilayah``: add regions from official ``code,name`` CSV files.

Designed for the CSV files of the ``idn-area-data`` package (ODbL): give the
folder holding ``provinces.csv``, ``regencies.csv``, ``districts.csv`` and
``villages.csv`` (or any CSV files with ``code``/``kode`` and ``name``/``nama``
columns) and the provinsi or kabupaten/kota codes to take. The chosen regions,
everything below them and their parents are merged into
``content/_data/wilayah.csv``. Rules, stated where they live:

- Rows already there are kept exactly: their names (the network may have
  corrected a spelling) and their addresses. A name that differs in the source
  is only reported.
- New names are written as on signs (``warta_core.region_names``):
  ``KABUPATEN PRINGSEWU`` becomes ``Kabupaten Pringsewu``.
- Every row gets its slug pinned in the ``slug`` column (existing rows the one
  their address has today), so a later change of name keeps the address.
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
from warta_core.problems import ProblemList
from warta_core.region_names import sign_spelling
from warta_core.regions import RegionRow, build_registry, code_key, read_region_rows

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


def read_existing(path: str) -> list[RegionRow]:
    """Rows already in the network's wilayah.csv, each with the slug its address has today (pinned from now on)."""
    if not os.path.exists(path):
        return []
    problems = ProblemList()
    rows = read_region_rows(path, problems) or []
    registry = build_registry(rows, path, problems)
    if problems.errors:
        details = "\n".join("  " + problem.format() for problem in problems.errors)
        raise ImportFailed(f"{path} perlu diperbaiki dulu (lihat `kim periksa`):\n{details}")
    return [RegionRow(r.code, r.name, registry.regions[r.code].slug, r.old_slugs, r.line) for r in rows]


def write_registry(path: str, rows: list[RegionRow]) -> None:
    """Write rows sorted by code (parents before children): ``kode,nama,slug`` (and ``slug_lama`` when used)."""
    ordered = sorted(rows, key=lambda row: code_key(row.code))
    former = any(row.old_slugs for row in rows)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["kode", "nama", "slug", *(["slug_lama"] if former else [])])
    for row in ordered:
        writer.writerow([row.code, row.name, row.slug, *([" ".join(row.old_slugs)] if former else [])])
    write_atomically(path, text.getvalue())


def merge(existing: list[RegionRow], chosen: dict[str, str], path: str) -> tuple[list[RegionRow], list[RegionRow]]:
    """Existing rows as they are plus the new ones (names as on signs, slugs pinned); also the new rows alone."""
    known = {row.code for row in existing}
    added = [RegionRow(code, sign_spelling(code, name)) for code, name in chosen.items() if code not in known]
    problems = ProblemList()
    registry = build_registry([*existing, *added], path, problems)
    # A region whose parent the source lacks stays unpinned: the check then reports it as an orphan.
    pinned = [RegionRow(r.code, r.name, registry.regions[r.code].slug if r.code in registry else "") for r in added]
    return [*existing, *pinned], pinned


def run(args: argparse.Namespace) -> int:
    """Merge the selected regions into the registry and report what changed."""
    target = data_path(args.content, "wilayah.csv")
    try:
        source_rows = read_source_rows(args.sources)
        chosen = select(source_rows, args.codes)
        existing = read_existing(target)
    except ImportFailed as failure:
        print(f"Impor wilayah gagal: {failure}", file=sys.stderr)
        return 1
    merged, added = merge(existing, chosen, target)
    write_registry(target, merged)
    levels = {1: 0, 2: 0, 3: 0, 4: 0}
    for row in added:
        levels[row.code.count(".") + 1] += 1
    print(
        f"{len(added)} wilayah ditambahkan ke {target} "
        f"({levels[1]} provinsi, {levels[2]} kabupaten/kota, {levels[3]} kecamatan, {levels[4]} desa/kelurahan); "
        f"total {len(merged)} wilayah, alamat semuanya dikunci di kolom slug."
    )
    differing = [
        (row, sign_spelling(row.code, chosen[row.code]))
        for row in existing
        if row.code in chosen and sign_spelling(row.code, chosen[row.code]) != row.name
    ]
    if differing:
        examples = "; ".join(f'{row.code} "{row.name}" (sumber: "{name}")' for row, name in differing[:5])
        more = f"; dan {len(differing) - 5} lainnya" if len(differing) > 5 else ""
        print(
            f"{len(differing)} wilayah yang sudah ada ditulis lain di sumber dan tidak diubah: {examples}{more}. "
            "Bila ingin memakai nama baru, ubah kolom nama sendiri; alamatnya tetap."
        )
    return 0
