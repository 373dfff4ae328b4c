"""Officers' files (issue 25.6): the workbook ready for Excel, full `aktivitas` and `cakupan`, new KIMs never silent.

The known network of ``test_stats_network`` (now: 30 June 2025) plus three KIMs without stories in Kabupaten
Pesawaran, founded 15, 90 and 91 days before now: the first two are "KIM baru" (day 0 is the founding day,
so a KIM is new up to and including its 90th day), the third is silent like any KIM past its first 90 days.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from support.site import build_content, make_network, soup
from support.stats_network import BAGELEN, FILES, METRO, NOW, PANIPAHAN

from warta_stats.opendata import COLUMNS, data_files
from warta_stats.workbook import LABELS

BARU, HARI_90, HARI_91 = "kim-uji-baru", "kim-uji-hari-90", "kim-uji-hari-91"
NEW_KIMS = {  # slug -> (desa, tanggal_berdiri)
    BARU: ("18.09.02.2003", "2025-06-15"),
    HARI_90: ("18.09.02.2010", "2025-04-01"),
    HARI_91: ("18.09.01.2006", "2025-03-31"),
}
OFFICER_FILES = {
    **FILES,
    **{
        f"kim/{slug}/kim.yml": f'nama: KIM Uji {slug[8:].title()}\ndesa: "{desa}"\ntanggal_berdiri: {founded}\n'
        for slug, (desa, founded) in NEW_KIMS.items()
    },
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("petugas")
    output = root / "output"
    build_content(make_network(root, OFFICER_FILES), output, WARTA_NOW=NOW)
    return output


def read_csv(path: Path) -> list[dict[str, str]]:
    import csv

    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


# 1. The workbook opens in Excel ready to use


def test_every_column_has_a_readable_label() -> None:
    for name, columns in COLUMNS.items():
        assert {code for code, _ in columns} <= set(LABELS[name]), name
        assert all(LABELS[name][code] and LABELS[name][code] != code for code, _ in columns), name


def column_width(sheet, number: int) -> float:
    """The width of column ``number``: a ``<col>`` element may cover several columns of one width."""
    return next(d.width for d in sheet.column_dimensions.values() if d.min <= number <= d.max)


def test_workbook_has_labels_over_codes_typed_dates_widths_frozen_header_and_filter(site: Path) -> None:
    workbook = load_workbook(site / "data" / "statistik-kim.xlsx")
    assert workbook.sheetnames == list(COLUMNS)
    for sheet in workbook.worksheets:
        codes = [code for code, _ in COLUMNS[sheet.title]]
        assert [cell.value for cell in sheet[1]] == [LABELS[sheet.title][code] for code in codes]
        assert [cell.value for cell in sheet[2]] == codes
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.freeze_panes == "A3"
        assert sheet.auto_filter.ref == f"A2:{sheet.cell(2, len(codes)).column_letter}{sheet.max_row}"
        assert sheet.print_title_rows == "$1:$2"  # repeated on every printed page
        widths = [column_width(sheet, n) for n in range(1, len(codes) + 1)]
        assert all(8 <= width <= 60 for width in widths), sheet.title
    kim = workbook["kim"]
    codes = [cell.value for cell in kim[2]]
    bagelen = {code: cell for code, cell in zip(codes, next(kim.iter_rows(min_row=3, max_row=3)), strict=True)}
    assert bagelen["slug"].value == BAGELEN
    for code, day in (("tanggal_berdiri", dt.datetime(2019, 3, 12)), ("berita_terakhir", dt.datetime(2025, 6, 20))):
        assert (bagelen[code].value, bagelen[code].is_date, bagelen[code].number_format) == (day, True, "yyyy-mm-dd")
    assert (bagelen["jumlah_berita"].value, bagelen["jumlah_berita"].data_type) == (5, "n")
    assert bagelen["nama"].data_type == "s"
    assert column_width(kim, 2) >= len("KIM Uji Bagelen")  # the longest name fits
    month = workbook["aktivitas"]["B3"]
    assert (month.value, month.is_date, month.number_format) == (dt.datetime(2023, 1, 1), True, "yyyy-mm")


def test_workbook_bytes_are_the_same_all_day(tmp_path: Path) -> None:
    from warta_core.validation import check_network
    from warta_stats.compute import compute_stats
    from warta_stats.opendata import Licence

    result = check_network(str(make_network(tmp_path, OFFICER_FILES)))
    licence = Licence("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
    morning, evening = NOW - dt.timedelta(hours=4), NOW + dt.timedelta(hours=10)  # 08:00 and 22:00 WIB
    workbooks = [
        data_files(compute_stats(result.network, result.articles.values(), moment), result.network, licence)[
            "data/statistik-kim.xlsx"
        ]
        for moment in (morning, evening)
    ]
    assert workbooks[0] == workbooks[1]
    # No build time in the zip: every entry carries XlsxWriter's fixed date, the properties the day computed.
    archive = zipfile.ZipFile(io.BytesIO(workbooks[0]))
    assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert b'<dcterms:modified xsi:type="dcterms:W3CDTF">2025-06-30T00:00:00Z' in archive.read("docProps/core.xml")


# 2. aktivitas: region columns and zero months


def test_activity_has_region_columns_and_every_month(site: Path) -> None:
    rows = read_csv(site / "data" / "aktivitas.csv")
    assert list(rows[0]) == [
        "slug", "bulan", "jumlah_berita", "kode_kabupaten", "kabupaten", "kode_kecamatan", "kecamatan",
    ]  # fmt: skip
    months = {}
    for row in rows:
        months.setdefault(row["slug"], []).append(row["bulan"])
    # The network's first story is of January 2023; a KIM founded later starts at its founding month.
    assert months[BAGELEN][0] == months[METRO][0] == months[PANIPAHAN][0] == "2023-01"
    assert len(months[BAGELEN]) == 30 and months[BAGELEN][-1] == "2025-06"
    assert (months[BARU], months[HARI_90][0], months[HARI_91][0]) == (["2025-06"], "2025-04", "2025-03")
    metro = [row for row in rows if row["slug"] == METRO and row["bulan"] in ("2025-01", "2025-02", "2025-03")]
    assert [(r["bulan"], r["jumlah_berita"]) for r in metro] == [("2025-01", "0"), ("2025-02", "1"), ("2025-03", "0")]
    assert {(r["kode_kabupaten"], r["kabupaten"], r["kode_kecamatan"], r["kecamatan"]) for r in metro} == {
        ("18.72", "Kota Metro", "18.72.01", "Metro Pusat")
    }


# 3. cakupan: level and KIM counts


def test_coverage_has_level_and_kim_counts(site: Path) -> None:
    rows = {row["kode"]: row for row in read_csv(site / "data" / "cakupan.csv")}
    assert list(next(iter(rows.values())))[4:] == ["tingkat", "jumlah_kim", "kim_aktif_90_hari"]
    shown = {code: (r["tingkat"], r["jumlah_kim"], r["kim_aktif_90_hari"]) for code, r in rows.items()}
    assert shown == {
        "14.07": ("kabupaten", "1", "0"),
        "14.07.06": ("kecamatan", "1", "0"),
        "18.09": ("kabupaten", "4", "1"),
        "18.09.01": ("kecamatan", "2", "1"),
        "18.09.02": ("kecamatan", "2", "0"),
        "18.72": ("kabupaten", "1", "0"),
        "18.72.01": ("kecamatan", "1", "0"),
    }
    page = soup(site / "statistik" / "lampung" / "kabupaten-pesawaran" / "index.html")
    assert page.select_one('[data-angka="jumlah-kim"]').get_text(strip=True) == rows["18.09"]["jumlah_kim"]


# 5. A KIM is new, not silent, in its first 90 days


def test_new_kims_are_listed_as_new_not_silent(site: Path) -> None:
    page = soup(site / "statistik" / "index.html")
    assert [li["data-kim"] for li in page.select("ul.kim-baru li")] == [BARU, HARI_90]
    assert "berdiri Minggu, 15 Juni 2025, belum ada berita" in page.select_one("ul.kim-baru li").get_text()
    assert [li["data-kim"] for li in page.select("ul.kim-diam li")] == [HARI_91, PANIPAHAN, METRO]
    pesawaran = soup(site / "statistik" / "lampung" / "kabupaten-pesawaran" / "index.html")
    assert [li["data-kim"] for li in pesawaran.select("ul.kim-diam li")] == [HARI_91]


@pytest.mark.parametrize(
    ("slug", "status"),
    [(BARU, "KIM baru"), (HARI_90, "KIM baru"), (HARI_91, "tidak aktif (belum ada berita)"), (BAGELEN, "aktif")],
)
def test_kim_page_status(site: Path, slug: str, status: str) -> None:
    profile = soup(site / "kim" / slug / "index.html").select_one(".profil")
    assert profile.select_one("[data-status]")["data-status"] == status
    card = soup(site / "kim" / "index.html").select_one(f'.kartu-kim[data-kim="{slug}"] [data-status]')
    assert card["data-status"] == status


def test_open_data_marks_new_kims(site: Path) -> None:
    rows = {row["slug"]: row for row in read_csv(site / "data" / "kim.csv")}
    assert list(next(iter(rows.values())))[-1] == "kim_baru"
    assert {slug: row["kim_baru"] for slug, row in rows.items()} == {
        BAGELEN: "0", BARU: "1", HARI_90: "1", HARI_91: "0", METRO: "0", PANIPAHAN: "0",
    }  # fmt: skip


def test_data_dictionary_shows_the_workbook_labels(site: Path) -> None:
    rows = soup(site / "data" / "index.html").select("#kamus-kim tbody tr")
    shown = {row.th.get_text(strip=True): row.find_all("td")[0].get_text(strip=True) for row in rows}
    assert shown["tanggal_berdiri"] == "Tanggal berdiri" and shown["kim_baru"] == LABELS["kim"]["kim_baru"]
