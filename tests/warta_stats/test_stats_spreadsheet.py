"""Spreadsheets never run writers' text: /data/*.csv, statistik-kim.xlsx and `kim laporan`'s CSV (CSV injection).

A tiny network whose KIM names, SK numbers, region names and article headers start like formulas is built
and reported on; every CSV cell is read back with the csv module and every workbook cell with openpyxl and
in the sheet XML. The rule itself lives in ``warta_stats.spreadsheet``.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from openpyxl import load_workbook
from support.site import WILAYAH, article, build_content, make_network, run_kim
from support.stats_network import NOW

from warta_stats.spreadsheet import csv_value, formula_risk, text_formats, xlsx_row

HOSTILE = ["=cmd|'/C calc'!A0", "+1+1", "-2+3", "@SUM(1)", "\t=1", "\r=1"]
MORE_HOSTILE = ["\uff1dSUM(1)", "\uff0b1", "\uff0d1", "\uff20SUM(1)", "  =1+1", "\n=1", "=1"]
FORMULA_STARTS = tuple("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")  # spelt out again: the test does not trust the rule


def looks_like_formula(cell: str) -> bool:
    """What a spreadsheet program could run: a formula start, maybe after spaces."""
    return cell.startswith(FORMULA_STARTS) or cell.lstrip().startswith(FORMULA_STARTS)


def yaml_text(text: str) -> str:
    """``text`` as a double-quoted YAML scalar (tab and carriage return escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r") + '"'


KIMS = {  # slug -> (nama, nomor_sk, desa); the loader strips names, so "\t=1" arrives as "=1"
    "kim-uji-bagelen": (HOSTILE[0], HOSTILE[4], "18.09.01.2007"),
    "kim-uji-metro": (HOSTILE[1], HOSTILE[5], "18.72.01.1001"),
    "kim-uji-panipahan": (HOSTILE[2], HOSTILE[3], "14.07.06.2006"),
    "kim-uji-lebar": (MORE_HOSTILE[0], "-17", "18.09.02.2003"),  # a full-width "=", an SK number that looks negative
}
FILES: dict[str, str | bytes] = {
    f"kim/{slug}/kim.yml": f"nama: {yaml_text(name)}\ndesa: {yaml_text(desa)}\nnomor_sk: {yaml_text(sk)}\n"
    + ("jumlah_anggota: 9\n" if slug == "kim-uji-bagelen" else "")
    for slug, (name, sk, desa) in KIMS.items()
}
FILES["_data/wilayah.csv"] = (
    WILAYAH.replace("18.09.01,Gedong Tataan", "18.09.01,@SUM(1)")
    .replace("18.09.01.2007,Bagelen", '18.09.01.2007,"-2+3"')
    .replace("18.72,Kota Metro", '18.72,"=HYPERLINK(""http://contoh.invalid"")"')
)
FILES["kim/kim-uji-bagelen/2024/formula.md"] = article(HOSTILE[0], "2024-03-05 09:30", penulis="@SUM(1)")
FILES["kim/kim-uji-metro/2024/formula.md"] = article("+1+1 Warga", "2024-03-06 09:30", penulis="-2+3")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("formula")
    output = root / "output"
    build_content(make_network(root, FILES), output, WARTA_NOW=NOW)
    return output


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# The rule


@pytest.mark.parametrize("text", HOSTILE + MORE_HOSTILE)
def test_text_that_starts_a_formula_gets_a_quote_in_csv(text: str) -> None:
    assert formula_risk(text)
    assert csv_value(text) == "'" + text


@pytest.mark.parametrize(
    "text", ["KIM Uji Bagelen", "18.09.01.2007", "2024-03-05", "100/SK/2019", "", "'kutip", "#N/A"]
)
def test_ordinary_text_is_written_as_it_is(text: str) -> None:
    assert not formula_risk(text)
    assert csv_value(text) == text


@pytest.mark.parametrize(("value", "written"), [(-5, "-5"), (0, "0"), (12, "12"), (-2.5, "-2.5"), (None, "")])
def test_figures_stay_figures_negative_ones_too(value: object, written: str) -> None:
    assert csv_value(value) == written


def test_workbook_cells_are_typed_text_and_figures_numbers() -> None:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    xlsx_row(
        workbook.add_worksheet("uji"), 0, [*HOSTILE, *MORE_HOSTILE, "#N/A", "biasa", -5, 2.5], text_formats(workbook)
    )
    workbook.close()
    xml = zipfile.ZipFile(buffer).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml and b"<f " not in xml and b't="e"' not in xml
    cells = next(load_workbook(buffer)["uji"].iter_rows(min_row=1, max_row=1))
    texts, figures = cells[:-2], cells[-2:]
    # The value itself kept; "\r" is stored as the OOXML escape _x000D_, which Excel reads back and openpyxl does not.
    assert [c.value.replace("_x000D_", "\r") for c in texts] == [*HOSTILE, *MORE_HOSTILE, "#N/A", "biasa"]
    assert {c.data_type for c in texts} == {"s"}
    assert [c.quotePrefix for c in texts] == [True] * (len(HOSTILE) + len(MORE_HOSTILE)) + [False, False]
    assert [(c.value, c.data_type) for c in figures] == [(-5, "n"), (2.5, "n")]


# The built site and `kim laporan`


def test_open_data_csv_cells_never_start_a_formula(hostile_site: Path) -> None:
    for name in ("kim", "aktivitas", "cakupan"):
        rows = read_csv((hostile_site / "data" / f"{name}.csv").read_bytes())
        bad = [cell for row in rows for cell in row if looks_like_formula(cell)]
        assert bad == [], name
    kims = {row[0]: row for row in read_csv((hostile_site / "data" / "kim.csv").read_bytes())}
    header = kims.pop("slug")
    column = {name: header.index(name) for name in ("nama", "nomor_sk", "desa", "kecamatan", "jumlah_anggota")}
    bagelen = kims["kim-uji-bagelen"]
    assert bagelen[column["nama"]] == "'=cmd|'/C calc'!A0"  # the text kept whole after the quote
    assert bagelen[column["nomor_sk"]] == "'=1"  # "\t=1", stripped by the profile loader
    assert bagelen[column["desa"]] == "'-2+3" and bagelen[column["kecamatan"]] == "'@SUM(1)"
    assert bagelen[column["jumlah_anggota"]] == "9"
    assert kims["kim-uji-lebar"][column["nama"]] == "'\uff1dSUM(1)"
    assert kims["kim-uji-lebar"][column["nomor_sk"]] == "'-17"  # text in kim.yml, so quoted like any text
    coverage = read_csv((hostile_site / "data" / "cakupan.csv").read_bytes())
    assert ["18.72", '\'=HYPERLINK("http://contoh.invalid")', "1", "1"] in [row[:4] for row in coverage]


def test_workbook_has_no_formula_and_keeps_figures_as_numbers(hostile_site: Path) -> None:
    path = hostile_site / "data" / "statistik-kim.xlsx"
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert len(sheets) == 4  # kim, aktivitas, cakupan, aspirasi
    for xml in sheets:
        assert b"<f>" not in xml and b"<f " not in xml, "a formula element in the workbook"
    workbook = load_workbook(path)
    risky = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=3):  # below the label and code rows
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str) and looks_like_formula(cell.value):
                    risky += 1
                    assert cell.data_type == "s" and cell.quotePrefix, f"{sheet.title}!{cell.coordinate}"
    assert risky >= 10  # names, SK numbers, desa, kecamatan and kabupaten of the hostile network
    kim = workbook["kim"]
    header = [cell.value for cell in kim[2]]  # the codes' row
    by_slug = {row[0].value: {h: c for h, c in zip(header, row, strict=True)} for row in kim.iter_rows(min_row=3)}
    bagelen = by_slug["kim-uji-bagelen"]
    assert bagelen["nama"].value == "=cmd|'/C calc'!A0" and bagelen["nama"].data_type == "s"
    assert (bagelen["jumlah_anggota"].value, bagelen["jumlah_anggota"].data_type) == (9, "n")
    assert (bagelen["jumlah_berita"].value, bagelen["jumlah_berita"].data_type) == (1, "n")
    assert by_slug["kim-uji-lebar"]["nomor_sk"].value == "-17"  # text, as written in kim.yml
    assert by_slug["kim-uji-lebar"]["nomor_sk"].data_type == "s"


def test_monthly_report_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    content = make_network(tmp_path, FILES)
    out = tmp_path / "laporan"
    done = run_kim(
        "--konten", str(content), "laporan", "--kabupaten", "18.09", "--bulan", "2024-03", "--keluaran", str(out)
    )
    assert done.returncode == 0, done.stderr
    rows = read_csv((out / "laporan-kabupaten-pesawaran-2024-03.csv").read_bytes())
    assert [cell for row in rows for cell in row if looks_like_formula(cell)] == []
    by_slug = {row[0]: row for row in rows[1:]}
    assert by_slug["kim-uji-bagelen"][1:5] == ["'=cmd|'/C calc'!A0", "'@SUM(1)", "'-2+3", "1"]
    assert by_slug["kim-uji-lebar"][1] == "'\uff1dSUM(1)"
