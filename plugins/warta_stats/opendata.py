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
from collections import Counter
from dataclasses import dataclass
from typing import Any

from warta_core.network import Network
from warta_core.regions import KABUPATEN, KECAMATAN

from .compute import SILENT_DAYS, KimActivity, NetworkStats, month_key
from .spreadsheet import csv_row
from .workbook import xlsx_bytes

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
        ("jumlah_ralat", "Catatan ralat pada berita KIM itu, sepanjang waktu (berita yang dicabut tidak dihitung)."),
        ("jumlah_hak_jawab", "Berita hak jawab yang diterbitkan KIM itu, sepanjang waktu."),
        ("jumlah_dicabut", "Berita KIM itu yang dicabut, sepanjang waktu (tidak termasuk dalam jumlah_berita)."),
        (
            "kim_baru",
            "1 bila KIM berdiri 90 hari terakhir atau kurang (menurut tanggal_berdiri): KIM baru, belum "
            "dihitung sebagai KIM tanpa berita; selain itu 0.",
        ),
    ],
    "aktivitas": [
        ("slug", "Pengenal KIM (lihat kim.csv)."),
        ("bulan", "Bulan (TTTT-BB)."),
        ("jumlah_berita", "Berita terbit KIM itu pada bulan itu; 0 untuk bulan tanpa berita."),
        ("kode_kabupaten", "Kode kabupaten/kota KIM itu."),
        ("kabupaten", "Nama kabupaten/kota."),
        ("kode_kecamatan", "Kode kecamatan KIM itu."),
        ("kecamatan", "Nama kecamatan."),
    ],
    "cakupan": [
        ("kode", "Kode Kemendagri kabupaten/kota (dua bagian) atau kecamatan (tiga bagian)."),
        ("nama", "Nama wilayah."),
        ("jumlah_desa", "Desa/kelurahan wilayah itu dalam daftar wilayah jaringan."),
        ("desa_dengan_kim", "Desa/kelurahan yang memiliki sedikitnya satu KIM."),
        ("tingkat", "kabupaten (kabupaten/kota) atau kecamatan."),
        ("jumlah_kim", "KIM di wilayah itu."),
        ("kim_aktif_90_hari", "KIM di wilayah itu yang menerbitkan berita dalam 90 hari terakhir."),
    ],
    "aspirasi": [
        ("alamat", "Alamat berita aspirasi di portal (relatif terhadap alamat portal)."),
        ("judul", "Judul berita aspirasi."),
        ("slug_kim", "KIM yang menulisnya (lihat kim.csv)."),
        ("kode_desa", "Kode Kemendagri desa/kelurahan asal aspirasi."),
        ("desa", "Nama desa/kelurahan."),
        ("kode_kabupaten", "Kode kabupaten/kota."),
        ("kabupaten", "Nama kabupaten/kota."),
        ("instansi", "Instansi yang dituju, seperti tertulis di instansi.yml."),
        ("status", "menunggu, dijawab, selesai, atau ditutup (tidak dapat ditindaklanjuti), menurut langkah terakhir."),
        ("tanggal_diterima", "Tanggal aspirasi diterima KIM (ISO 8601)."),
        ("tanggal_jawaban_pertama", "Tanggal jawaban pertama instansi (ISO 8601); kosong bila belum dijawab."),
        ("hari_sampai_jawaban", "Hari dari diterima sampai jawaban pertama; kosong bila belum dijawab."),
        ("tanggal_langkah_terakhir", "Tanggal langkah terakhir (ISO 8601)."),
        ("hari_sejak_langkah_terakhir", "Hari sejak langkah terakhir sampai saat penghitungan."),
    ],
}
DESCRIPTIONS = {
    "kim": "Satu baris per KIM: profil dan jumlah berita.",
    "aktivitas": (
        "Satu baris per KIM dan bulan, juga bulan tanpa berita: dari bulan berita pertama jaringan (atau bulan "
        "berdiri KIM, bila lebih akhir) sampai bulan penghitungan."
    ),
    "cakupan": (
        "Satu baris per kabupaten/kota dan per kecamatan dalam daftar wilayah (kolom tingkat): cakupan desa "
        "ber-KIM dan jumlah KIM."
    ),
    "aspirasi": "Satu baris per aspirasi warga yang terbit (berita yang dicabut tidak dicantumkan), dengan tanggalnya.",
}


@dataclass(frozen=True)
class Licence:
    """The licence the open data is published under."""

    name: str
    url: str


def next_month(key: str) -> str:
    """The month after ``YYYY-MM``."""
    year, month = int(key[:4]), int(key[5:])
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def activity_months(stats: NetworkStats, activity: KimActivity, network_start: str) -> list[str]:
    """The months of one KIM's ``aktivitas`` rows, zero months included.

    From the network's first month with a story (a KIM founded later: its founding month; one whose own stories
    start earlier, say an imported archive: its first story's month) to the month computed.
    """
    current = month_key(stats.today)
    start = network_start
    if activity.kim.founded is not None:
        start = max(start, month_key(activity.kim.founded))
    if activity.months:
        start = min(start, *activity.months)
    months = []
    while start <= current:
        months.append(start)
        start = next_month(start)
    return months


def tables(stats: NetworkStats, network: Network) -> dict[str, list[dict[str, Any]]]:
    """Rows of the tables (None for an empty cell)."""
    registry = network.registry
    kim_rows, activity_rows = [], []
    network_start = min((min(k.months) for k in stats.kims.values() if k.months), default=month_key(stats.today))
    for slug, activity in stats.kims.items():
        kim = activity.kim
        path = registry.path(kim.desa.code)
        kecamatan = path[KECAMATAN - 1] if len(path) >= KECAMATAN else None
        region = {
            "kode_kabupaten": path[KABUPATEN - 1].code, "kabupaten": path[KABUPATEN - 1].name,
            "kode_kecamatan": kecamatan.code if kecamatan else None, "kecamatan": kecamatan.name if kecamatan else None,
        }  # fmt: skip
        kim_rows.append({
            "slug": slug, "nama": kim.name, "kode_desa": kim.desa.code, "desa": kim.desa.name,
            "kode_kecamatan": kecamatan.code if kecamatan else None, "kecamatan": kecamatan.name if kecamatan else None,
            "kode_kabupaten": path[KABUPATEN - 1].code, "kabupaten": path[KABUPATEN - 1].name,
            "tanggal_berdiri": kim.founded.isoformat() if kim.founded else None,
            "nomor_sk": kim.sk_number or None, "jumlah_anggota": kim.members,
            "jumlah_berita": activity.total,
            "berita_terakhir": activity.last.isoformat() if activity.last else None,
            "berita_365_hari": activity.last_year, "aktif_90_hari": int(activity.active[90]),
            "jumlah_ralat": activity.corrections, "jumlah_hak_jawab": activity.replies,
            "jumlah_dicabut": activity.withdrawn, "kim_baru": int(activity.new),
        })  # fmt: skip
        for month in activity_months(stats, activity, network_start):
            count = activity.months.get(month, 0)
            activity_rows.append({"slug": slug, "bulan": month, "jumlah_berita": count, **region})
    kims_in: Counter[str] = Counter()
    active_in: Counter[str] = Counter()
    for activity in stats.kims.values():
        codes = (activity.kim.desa.kabupaten_code, activity.kim.desa.kecamatan_code)
        kims_in.update(codes)
        if activity.active[SILENT_DAYS]:
            active_in.update(codes)
    coverage_rows = [
        {
            "kode": region.code,
            "nama": region.name,
            "jumlah_desa": stats.desa_total[region.code],
            "desa_dengan_kim": stats.desa_with_kim[region.code],
            "tingkat": "kabupaten" if region.level == KABUPATEN else "kecamatan",
            "jumlah_kim": kims_in[region.code],
            "kim_aktif_90_hari": active_in[region.code],
        }
        for region in sorted(registry, key=lambda r: [int(p) for p in r.code.split(".")])
        if region.level in (KABUPATEN, KECAMATAN)
    ]
    return {"kim": kim_rows, "aktivitas": activity_rows, "cakupan": coverage_rows, "aspirasi": aspiration_rows(stats)}


def aspiration_rows(stats: NetworkStats) -> list[dict[str, Any]]:
    """One row per counted aspiration (warta_stats.aspirations), dates as ISO 8601."""
    rows = stats.aspirations.rows if stats.aspirations else ()

    def iso(day: dt.date | None) -> str | None:
        return day.isoformat() if day else None

    result = []
    for row in rows:
        result.append({
            "alamat": row.url, "judul": row.title, "slug_kim": row.kim_slug, "kode_desa": row.desa.code,
            "desa": row.desa.name, "kode_kabupaten": row.kabupaten.code, "kabupaten": row.kabupaten.name,
            "instansi": row.institution, "status": row.status, "tanggal_diterima": iso(row.received),
            "tanggal_jawaban_pertama": iso(row.first_answer), "hari_sampai_jawaban": row.days_to_first_answer,
            "tanggal_langkah_terakhir": iso(row.last_step), "hari_sejak_langkah_terakhir": row.days_waited,
        })  # fmt: skip
    return result


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
    head = {
        "judul": f"{name}.csv sebagai JSON: {DESCRIPTIONS[name]}",
        "sumber": source,
        "lisensi": {"nama": licence.name, "url": licence.url},
        "dihitung_pada": stats.today.isoformat(),  # periods are whole days ending then
        "kolom": [column for column, _ in COLUMNS[name]],
    }
    # One row per line, no indentation: aktivitas.json has a row per KIM and month (84,000 rows for 1,000
    # KIMs over seven years), which indented was 18 MB of a 10,000-story site; a line per row stays readable.
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    lines = ",\n".join(json.dumps(row, **compact) for row in rows)
    text = json.dumps(head, **compact)[:-1] + ',"data":[' + (f"\n{lines}\n" if rows else "") + "]}"
    # As in JSON Feed: "<", ">" and "&" as escapes (the same value to every JSON parser), so a consumer that
    # pastes a value into HTML unescaped still gets no markup from a KIM's name.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (text + "\n").encode("utf-8")


def data_files(stats: NetworkStats, network: Network, licence: Licence) -> dict[str, bytes]:
    """Every file under ``/data/`` by output path."""
    all_rows = tables(stats, network)
    source = network.info.name
    files = {}
    for name, rows in all_rows.items():
        files[f"{FOLDER}{name}.csv"] = csv_bytes(name, rows)
        files[f"{FOLDER}{name}.json"] = json_bytes(name, rows, stats, licence, source)
    description = f"Lisensi {licence.name} ({licence.url}). Dihitung pada {stats.today.isoformat()}."
    files[WORKBOOK] = xlsx_bytes(all_rows, COLUMNS, stats.today, f"Statistik KIM — {source}", description)
    return files


def file_names() -> list[str]:
    """Output paths of the data files (known before they are computed)."""
    return [f"{FOLDER}{name}.{ext}" for name in COLUMNS for ext in ("csv", "json")] + [WORKBOOK]
