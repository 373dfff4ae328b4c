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

openpyxl's write-only mode (constant memory) takes all of this when it is set
before the first row is written (widths and panes belong to the sheet's head;
the filter is written after the rows). The time stamps are the day computed
(:func:`reproducible_zip`), so builds of one day write the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .spreadsheet import xlsx_value

DATE_FORMAT, MONTH_FORMAT = "yyyy-mm-dd", "yyyy-mm"
DATE_COLUMNS = frozenset({
    "tanggal_berdiri", "berita_terakhir", "tanggal_diterima", "tanggal_jawaban_pertama", "tanggal_langkah_terakhir",
})  # fmt: skip
MONTH_COLUMNS = frozenset({"bulan"})
MIN_WIDTH, MAX_WIDTH, DATE_WIDTH = 8, 60, 12
HEADER_ROWS = 2
LABEL_FONT, CODE_FONT = Font(bold=True), Font(italic=True, color="555555")
HEADER_FILL = PatternFill("solid", fgColor="E8EDE4")

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


def cell(sheet, column: str, value: Any):
    """One data cell: a date with its format, or :func:`.spreadsheet.xlsx_value` (numbers, guarded text)."""
    value = typed(column, value)
    if isinstance(value, dt.date):
        date_cell = WriteOnlyCell(sheet, value=value)
        date_cell.number_format = MONTH_FORMAT if column in MONTH_COLUMNS else DATE_FORMAT
        return date_cell
    return xlsx_value(sheet, value)


def header(sheet, texts: list[str], font: Font) -> list:
    """One header row, typed as text like every text cell."""
    cells = []
    for text in texts:
        header_cell = xlsx_value(sheet, text)
        header_cell.font, header_cell.fill = font, HEADER_FILL
        header_cell.alignment = Alignment(wrap_text=True, vertical="top")
        cells.append(header_cell)
    return cells


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
    """One workbook, one sheet per table, in openpyxl's write-only mode; time stamps set to ``today``."""
    workbook = Workbook(write_only=True)
    moment = dt.datetime.combine(today, dt.time())  # the same bytes all day (reproducible builds)
    workbook.properties.created = workbook.properties.modified = moment
    workbook.properties.title, workbook.properties.description = title, description
    for name, rows in all_rows.items():
        sheet = workbook.create_sheet(name)
        codes = [code for code, _ in columns[name]]
        labels = [LABELS[name][code] for code in codes]
        for number, (code, label) in enumerate(zip(codes, labels, strict=True), start=1):
            sheet.column_dimensions[get_column_letter(number)].width = width(code, label, rows)
        sheet.freeze_panes = f"A{HEADER_ROWS + 1}"
        sheet.print_title_rows = f"1:{HEADER_ROWS}"
        sheet.append(header(sheet, labels, LABEL_FONT))
        sheet.append(header(sheet, codes, CODE_FONT))
        for row in rows:
            sheet.append([cell(sheet, code, row[code]) for code in codes])
        sheet.auto_filter.ref = f"A{HEADER_ROWS}:{get_column_letter(len(codes))}{HEADER_ROWS + len(rows)}"
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
