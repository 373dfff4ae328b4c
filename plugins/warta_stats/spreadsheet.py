"""Spreadsheet cells from writers' text: always shown as text, never run as a formula.

Diskominfo staff open ``/data/*.csv``, ``/data/statistik-kim.xlsx`` and the
CSV of ``kim laporan`` in Excel or LibreOffice, which read a cell starting
with ``=``, ``+``, ``-`` or ``@`` as a formula (CSV injection): a KIM named
``=HYPERLINK(...)`` or ``=cmd|'/C calc'!A0`` would run in the office that
opens the file. Names, codes and dates in those files come from writers'
files (``kim.yml``, ``wilayah.csv``), so every writer builds its rows here:

* numbers (``int``, ``float``) stay numbers, negative ones too: only text is
  ever changed, so a real figure never becomes text;
* text a spreadsheet could take for a formula (:func:`formula_risk`) gets a
  leading single quote in CSV, as OWASP advises; a reader sees the quote,
  and the cell stays text;
* in XLSX, which has cell types, every text cell is written as a string
  (XlsxWriter's ``write_string``, a shared string): XlsxWriter's generic
  ``write`` would make any text starting with ``=`` a formula. The value is
  kept as written; risky text also gets a format with Excel's quote prefix
  (``quotePrefix``), so it stays text when someone edits the cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple, TypeGuard

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

# OWASP's formula starts, their full-width forms (which Excel's Japanese and Chinese input may treat the same)
# and line breaks, which some importers take as the start of a new cell.
FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
CSV_TEXT_PREFIX = "'"


def formula_risk(text: str) -> bool:
    """True when ``text`` starts, maybe after spaces, with a character that starts a spreadsheet formula."""
    return text[:1] in FORMULA_STARTS or text.lstrip()[:1] in FORMULA_STARTS


def is_number(value: object) -> TypeGuard[int | float]:
    """True for a real figure (``int`` or ``float``), which is written as a number."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def csv_value(value: object) -> str:
    """One CSV field: "" for None, a figure as written, text quoted out of formula reach."""
    if value is None:
        return ""
    text = str(value)
    if is_number(value) or not formula_risk(text):
        return text
    return CSV_TEXT_PREFIX + text


def csv_row(values: Iterable[object]) -> list[str]:
    """One CSV row for ``csv.writer``, every field through :func:`csv_value`."""
    return [csv_value(value) for value in values]


class TextFormats(NamedTuple):
    """The XlsxWriter formats of one kind of text cell: as it is, and with Excel's quote prefix."""

    plain: Format | None
    quoted: Format


def text_formats(workbook: Workbook, properties: dict[str, object] | None = None) -> TextFormats:
    """:class:`TextFormats` with ``properties`` (bold, fill, ...), the quoted one adding ``quote_prefix``."""
    properties = properties or {}
    plain = workbook.add_format(properties) if properties else None
    return TextFormats(plain, workbook.add_format({**properties, "quote_prefix": True}))


def xlsx_write(sheet: Worksheet, row: int, column: int, value: object, formats: TextFormats) -> None:
    """One workbook cell (0-based): None stays empty, a figure a number, anything else a string cell.

    Never XlsxWriter's generic ``write``, which makes "=..." a formula; risky text gets ``formats.quoted``.
    """
    if value is None:
        return
    if is_number(value):
        sheet.write_number(row, column, value)
        return
    text = str(value)
    sheet.write_string(row, column, text, formats.quoted if formula_risk(text) else formats.plain)


def xlsx_row(sheet: Worksheet, row: int, values: Iterable[object], formats: TextFormats) -> None:
    """One row of ``sheet`` (0-based), every value through :func:`xlsx_write`."""
    for column, value in enumerate(values):
        xlsx_write(sheet, row, column, value, formats)
