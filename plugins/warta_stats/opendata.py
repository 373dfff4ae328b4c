"""The open data files under ``/data/``: CSV (RFC 4180, UTF-8 with BOM), JSON and one XLSX workbook.

Columns are part of the portal's public interface: add new ones at the end,
never rename or reorder (the data dictionary at ``/data/`` documents them,
from :data:`COLUMNS`). Every file states its licence and the moment its
figures were computed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook

from warta_core.network import Network
from warta_core.regions import KABUPATEN, KECAMATAN

from .compute import NetworkStats
from .spreadsheet import csv_row, xlsx_row

FOLDER = "data/"
WORKBOOK = "data/statistik-kim.xlsx"
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "kim": [
        ("slug", "Pengenal KIM, sama dengan alamat halamannya /kim/<slug>/."),
        ("nama", "Nama KIM."),
        ("kode_desa", "Kode Kemendagri desa/kelurahan tempat KIM berada."),
        ("desa", "Nama desa/kelurahan."),
        ("kode_kecamatan", "Kode kecamatan."),
        ("kecamatan", "Nama kecamatan."),
        ("kode_kabupaten", "Kode kabupaten/kota."),
        ("kabupaten", "Nama kabupaten/kota."),
        ("tanggal_berdiri", "Tanggal berdiri (ISO 8601, TTTT-BB-HH); kosong bila tidak dicatat."),
        ("nomor_sk", "Nomor SK pengukuhan; kosong bila tidak dicatat."),
        ("jumlah_anggota", "Jumlah anggota; kosong bila tidak dicatat."),
        ("jumlah_berita", "Berita terbit sepanjang waktu sampai saat penghitungan."),
        ("berita_terakhir", "Tanggal berita terbit terakhir (ISO 8601); kosong bila belum pernah."),
        ("berita_365_hari", "Berita terbit dalam 365 hari terakhir."),
        ("aktif_90_hari", "1 bila ada berita terbit dalam 90 hari terakhir, selain itu 0."),
    ],
    "aktivitas": [
        ("slug", "Pengenal KIM (lihat kim.csv)."),
        ("bulan", "Bulan (TTTT-BB)."),
        ("jumlah_berita", "Berita terbit KIM itu pada bulan itu; bulan tanpa berita tidak dicantumkan."),
    ],
    "cakupan": [
        ("kode", "Kode Kemendagri kabupaten/kota (dua bagian) atau kecamatan (tiga bagian)."),
        ("nama", "Nama wilayah."),
        ("jumlah_desa", "Desa/kelurahan wilayah itu dalam daftar wilayah jaringan."),
        ("desa_dengan_kim", "Desa/kelurahan yang memiliki sedikitnya satu KIM."),
    ],
}
DESCRIPTIONS = {
    "kim": "Satu baris per KIM: profil dan jumlah berita.",
    "aktivitas": "Satu baris per KIM dan bulan yang ada beritanya.",
    "cakupan": "Satu baris per kabupaten/kota dan per kecamatan dalam daftar wilayah: cakupan desa ber-KIM.",
}


@dataclass(frozen=True)
class Licence:
    """The licence the open data is published under."""

    name: str
    url: str


def tables(stats: NetworkStats, network: Network) -> dict[str, list[dict[str, Any]]]:
    """Rows of the three tables (None for an empty cell)."""
    registry = network.registry
    kim_rows, activity_rows = [], []
    for slug, activity in stats.kims.items():
        kim = activity.kim
        path = registry.path(kim.desa.code)
        kecamatan = path[KECAMATAN - 1] if len(path) >= KECAMATAN else None
        kim_rows.append({
            "slug": slug, "nama": kim.name, "kode_desa": kim.desa.code, "desa": kim.desa.name,
            "kode_kecamatan": kecamatan.code if kecamatan else None, "kecamatan": kecamatan.name if kecamatan else None,
            "kode_kabupaten": path[KABUPATEN - 1].code, "kabupaten": path[KABUPATEN - 1].name,
            "tanggal_berdiri": kim.founded.isoformat() if kim.founded else None,
            "nomor_sk": kim.sk_number or None, "jumlah_anggota": kim.members,
            "jumlah_berita": activity.total,
            "berita_terakhir": activity.last.isoformat() if activity.last else None,
            "berita_365_hari": activity.last_year, "aktif_90_hari": int(activity.active[90]),
        })  # fmt: skip
        for month in sorted(activity.months):
            activity_rows.append({"slug": slug, "bulan": month, "jumlah_berita": activity.months[month]})
    coverage_rows = [
        {
            "kode": region.code,
            "nama": region.name,
            "jumlah_desa": stats.desa_total[region.code],
            "desa_dengan_kim": stats.desa_with_kim[region.code],
        }
        for region in sorted(registry, key=lambda r: [int(p) for p in r.code.split(".")])
        if region.level in (KABUPATEN, KECAMATAN)
    ]
    return {"kim": kim_rows, "aktivitas": activity_rows, "cakupan": coverage_rows}


def csv_bytes(name: str, rows: list[dict[str, Any]]) -> bytes:
    """RFC 4180 CSV (CRLF line ends, quotes where needed), UTF-8 with a BOM, no formula (:mod:`.spreadsheet`)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = [column for column, _ in COLUMNS[name]]
    writer.writerow(csv_row(columns))
    for row in rows:
        writer.writerow(csv_row(row[column] for column in columns))
    return buffer.getvalue().encode("utf-8-sig")


def json_bytes(name: str, rows: list[dict[str, Any]], stats: NetworkStats, licence: Licence, source: str) -> bytes:
    """The same table as JSON, with its licence, source and moment of computation."""
    document = {
        "judul": f"{name}.csv sebagai JSON: {DESCRIPTIONS[name]}",
        "sumber": source,
        "lisensi": {"nama": licence.name, "url": licence.url},
        "dihitung_pada": stats.today.isoformat(),  # periods are whole days ending then
        "kolom": [column for column, _ in COLUMNS[name]],
        "data": rows,
    }
    text = json.dumps(document, ensure_ascii=False, indent=1)
    # As in JSON Feed: "<", ">" and "&" as escapes (the same value to every JSON parser), so a consumer that
    # pastes a value into HTML unescaped still gets no markup from a KIM's name.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (text + "\n").encode("utf-8")


def xlsx_bytes(all_rows: dict[str, list[dict[str, Any]]], stats: NetworkStats, licence: Licence, source: str) -> bytes:
    """One workbook, one sheet per table (openpyxl's write-only mode); text typed as text (:mod:`.spreadsheet`)."""
    workbook = Workbook(write_only=True)
    moment = dt.datetime.combine(stats.today, dt.time())  # the same bytes all day (reproducible builds)
    workbook.properties.created = workbook.properties.modified = moment
    workbook.properties.title = f"Statistik KIM — {source}"
    workbook.properties.description = (
        f"Lisensi {licence.name} ({licence.url}). Dihitung pada {stats.today.isoformat()}."
    )
    for name, rows in all_rows.items():
        sheet = workbook.create_sheet(name)
        columns = [column for column, _ in COLUMNS[name]]
        sheet.append(xlsx_row(sheet, columns))
        for row in rows:
            sheet.append(xlsx_row(sheet, (row[column] for column in columns)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return reproducible_zip(buffer.getvalue(), moment)


def reproducible_zip(data: bytes, moment: dt.datetime) -> bytes:
    """The workbook with every time stamp set to ``moment``: builds of one day write the same bytes.

    openpyxl stamps the save time into ``docProps/core.xml`` (``dcterms:modified``) and every zip entry.
    """
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>",
                                 content)  # fmt: skip
            target.writestr(zipfile.ZipInfo(entry.filename, moment.timetuple()[:6]), content, zipfile.ZIP_DEFLATED)
    return output.getvalue()


def data_files(stats: NetworkStats, network: Network, licence: Licence) -> dict[str, bytes]:
    """Every file under ``/data/`` by output path."""
    all_rows = tables(stats, network)
    source = network.info.name
    files = {}
    for name, rows in all_rows.items():
        files[f"{FOLDER}{name}.csv"] = csv_bytes(name, rows)
        files[f"{FOLDER}{name}.json"] = json_bytes(name, rows, stats, licence, source)
    files[WORKBOOK] = xlsx_bytes(all_rows, stats, licence, source)
    return files


def file_names() -> list[str]:
    """Output paths of the data files (known before they are computed)."""
    return [f"{FOLDER}{name}.{ext}" for name in COLUMNS for ext in ("csv", "json")] + [WORKBOOK]
