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
* in XLSX, which has cell types, every text cell is typed as a string
  (``data_type`` "s", written as an inline string): openpyxl itself would
  make any text starting with ``=`` a formula and ``#N/A`` an error value.
  The value is kept as written; risky text also gets the ``quotePrefix``
  style, so it stays text when someone edits the cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeGuard

from openpyxl.cell import Cell, WriteOnlyCell

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

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


def xlsx_value(sheet: WriteOnlyWorksheet, value: object) -> Cell | int | float | None:
    """One workbook cell: None stays empty, a figure a number, anything else a cell typed as text."""
    if value is None or is_number(value):
        return value
    cell = WriteOnlyCell(sheet, value=str(value))
    cell.data_type = "s"  # after the value: openpyxl has just inferred "f" for "=..." and "e" for "#N/A"
    if formula_risk(cell.value):
        cell.quotePrefix = True  # Excel's own "'" in front of typed text: editing the cell keeps it text
    return cell


def xlsx_row(sheet: WriteOnlyWorksheet, values: Iterable[object]) -> list[Cell | int | float | None]:
    """One row for ``sheet.append`` in openpyxl's write-only mode, every value through :func:`xlsx_value`."""
    return [xlsx_value(sheet, value) for value in values]
