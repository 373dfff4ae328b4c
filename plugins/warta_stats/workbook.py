"""``/data/statistik-kim.xlsx``: the open data tables as a workbook that opens in Excel ready to use.

What a Diskominfo officer needs without touching a menu (issue 25):

* two header rows: a readable Indonesian label ("Tanggal berdiri") over the
  column code of the CSV/JSON files and the data dictionary
  (``tanggal_berdiri``). The codes stay on every column, so a sheet can be
  matched with ``/data/`` and the CSV files without switching sheets; the
  filter buttons sit on the code row, right above the data (``pandas``:
  ``read_excel(..., header=1)``);
* dates as real date cells (a serial number with the ``yyyy-mm-dd`` format:
  sortable, filterable by year and month), months as the month's first day
  with the ``yyyy-mm`` format, figures as numbers; text typed as text and
  guarded against formulas by :mod:`.spreadsheet`;
* column widths from the longest value, both header rows frozen, an
  autofilter over the whole table, the header rows repeated on every printed
  page.

XlsxWriter writes all of this. It replaced openpyxl's write-only mode, which
took 14-19 s at 10,000 stories (~600,000 cells, most in ``aktivitas``) against
about 5 s here, paid on every build that adds a story. It runs with
``in_memory``, not ``constant_memory``: no temporary files, and
``constant_memory``'s inline strings copy a text shaped like ``<r>...</r>``
into the sheet XML unescaped. Cells are written one by one with
``write_string``/``write_number``/``write_datetime``, never the generic
``write``, which makes "=..." a formula. The properties' time stamps are the
day computed and XlsxWriter dates every zip entry 1 January 1980, so builds of
one day write the same bytes (openpyxl stamped the save time, which took a
second pass over the zip).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from xlsxwriter import Workbook

from .spreadsheet import text_formats, xlsx_row, xlsx_write

DATE_FORMAT, MONTH_FORMAT = "yyyy-mm-dd", "yyyy-mm"
DATE_COLUMNS = frozenset({
    "tanggal_berdiri", "berita_terakhir", "tanggal_diterima", "tanggal_jawaban_pertama", "tanggal_langkah_terakhir",
})  # fmt: skip
MONTH_COLUMNS = frozenset({"bulan"})
MIN_WIDTH, MAX_WIDTH, DATE_WIDTH = 8, 60, 12
HEADER_ROWS = 2
HEADER = {"bg_color": "#E8EDE4", "pattern": 1, "text_wrap": True, "valign": "top"}
LABEL_FORMAT, CODE_FORMAT = HEADER | {"bold": True}, HEADER | {"italic": True, "font_color": "#555555"}

# Readable headers, per table and column code (every column of opendata.COLUMNS has one; a test holds that).
_PLACE = {
    "kode_desa": "Kode desa/kelurahan", "desa": "Desa/kelurahan", "kode_kecamatan": "Kode kecamatan",
    "kecamatan": "Kecamatan", "kode_kabupaten": "Kode kabupaten/kota", "kabupaten": "Kabupaten/kota",
}  # fmt: skip
LABELS: dict[str, dict[str, str]] = {
    "kim": _PLACE
    | {
        "slug": "Pengenal KIM",
        "nama": "Nama KIM",
        "tanggal_berdiri": "Tanggal berdiri",
        "nomor_sk": "Nomor SK",
        "jumlah_anggota": "Jumlah anggota",
        "jumlah_berita": "Berita (sepanjang waktu)",
        "berita_terakhir": "Tanggal berita terakhir",
        "berita_365_hari": "Berita 365 hari terakhir",
        "aktif_90_hari": "Aktif 90 hari terakhir (1 = ya)",
        "jumlah_ralat": "Ralat",
        "jumlah_hak_jawab": "Hak jawab",
        "jumlah_dicabut": "Berita dicabut",
        "kim_baru": "KIM baru, belum 90 hari (1 = ya)",
    },
    "aktivitas": _PLACE | {"slug": "Pengenal KIM", "bulan": "Bulan", "jumlah_berita": "Berita bulan itu"},
    "cakupan": {
        "kode": "Kode wilayah",
        "nama": "Nama wilayah",
        "jumlah_desa": "Desa/kelurahan",
        "desa_dengan_kim": "Desa/kelurahan ber-KIM",
        "tingkat": "Tingkat",
        "jumlah_kim": "KIM",
        "kim_aktif_90_hari": "KIM aktif 90 hari terakhir",
    },
    "aspirasi": _PLACE
    | {
        "alamat": "Alamat berita",
        "judul": "Judul",
        "slug_kim": "Pengenal KIM",
        "instansi": "Instansi dituju",
        "status": "Status",
        "tanggal_diterima": "Tanggal diterima",
        "tanggal_jawaban_pertama": "Tanggal jawaban pertama",
        "hari_sampai_jawaban": "Hari sampai jawaban pertama",
        "tanggal_langkah_terakhir": "Tanggal langkah terakhir",
        "hari_sejak_langkah_terakhir": "Hari sejak langkah terakhir",
    },
}


def typed(column: str, value: Any) -> Any:
    """The value as the workbook stores it: ISO dates and months become dates, the rest stays."""
    if not isinstance(value, str):
        return value
    if column in DATE_COLUMNS:
        return dt.date.fromisoformat(value)
    if column in MONTH_COLUMNS:
        return dt.date.fromisoformat(f"{value}-01")
    return value


def width(column: str, label: str, rows: list[dict[str, Any]]) -> float:
    """A column wide enough for its code and its longest value (the label may wrap), within bounds."""
    if column in DATE_COLUMNS or column in MONTH_COLUMNS:
        longest = DATE_WIDTH
    else:
        longest = max((len(str(row[column])) for row in rows if row[column] is not None), default=0)
    wanted = max(len(column), min(len(label), 24), longest) + 2
    return float(min(MAX_WIDTH, max(MIN_WIDTH, wanted)))


def xlsx_bytes(
    all_rows: dict[str, list[dict[str, Any]]],
    columns: dict[str, list[tuple[str, str]]],
    today: dt.date,
    title: str,
    description: str,
) -> bytes:
    """One workbook, one sheet per table, written by XlsxWriter in memory; time stamps set to ``today``."""
    buffer = io.BytesIO()
    workbook = Workbook(buffer, {"in_memory": True})
    moment = dt.datetime.combine(today, dt.time())  # the same bytes all day (reproducible builds)
    workbook.set_properties({"title": title, "comments": description, "created": moment})
    labels_format, codes_format = text_formats(workbook, LABEL_FORMAT), text_formats(workbook, CODE_FORMAT)
    text = text_formats(workbook)
    date_format = workbook.add_format({"num_format": DATE_FORMAT})
    month_format = workbook.add_format({"num_format": MONTH_FORMAT})
    for name, rows in all_rows.items():
        sheet = workbook.add_worksheet(name)
        codes = [code for code, _ in columns[name]]
        labels = [LABELS[name][code] for code in codes]
        for number, (code, label) in enumerate(zip(codes, labels, strict=True)):
            sheet.set_column(number, number, width(code, label, rows))
        sheet.freeze_panes(HEADER_ROWS, 0)
        sheet.repeat_rows(0, HEADER_ROWS - 1)
        xlsx_row(sheet, 0, labels, labels_format)  # header rows: text like every text cell, in their formats
        xlsx_row(sheet, 1, codes, codes_format)
        # Per column: the date format of date and month columns, None (numbers, guarded text) for the others.
        formats = [month_format if c in MONTH_COLUMNS else date_format if c in DATE_COLUMNS else None for c in codes]
        for number, row in enumerate(rows, start=HEADER_ROWS):
            for column, (code, date_format_or_none) in enumerate(zip(codes, formats, strict=True)):
                value = row[code]
                if date_format_or_none is not None and value is not None:
                    sheet.write_datetime(number, column, typed(code, value), date_format_or_none)
                else:
                    xlsx_write(sheet, number, column, value, text)
        sheet.autofilter(HEADER_ROWS - 1, 0, HEADER_ROWS - 1 + len(rows), len(codes) - 1)
    workbook.close()
    return buffer.getvalue()
