"""Aspirations in figures: /statistik/, the open data and `kim laporan`, with exact numbers from a fixed now.

The network is test_aspirations' (one aspiration in every status over three kabupaten/kota, built at
2026-12-07 12:00 WIB). Days are calendar days: the open Bagelen road waited 65 days since 3 October, the
Metro lamp 17 since 20 November; the first answers came 9 (Bagelen scales) and 19 days (Panipahan jetty)
after receipt.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook
from support.aspiration_network import FILES, NOW
from support.site import build_content, make_network, run_kim, soup

PESAWARAN, METRO, ROKAN_HILIR = "18.09", "18.72", "14.07"
ROAD, LAMP = "kim/kim-uji-bagelen/jalan-berlubang/", "kim/kim-uji-metro/lampu-jalan/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("statistik-aspirasi")
    content = make_network(root, FILES)
    build_content(content, root / "output", WARTA_NOW=NOW)
    return content, root / "output"


def table(page: BeautifulSoup, table_id: str, key: str) -> dict[str, list[str]]:
    """Rows of a statistics table by ``data-<key>``: the visible cells, whitespace collapsed."""
    return {
        row[f"data-{key}"]: [" ".join(cell.get_text().split()) for cell in row.find_all(["th", "td"])]
        for row in page.select(f"#{table_id} tbody tr")
    }


def test_the_network_page_shows_each_kabupaten_and_institution(site) -> None:
    _content, output = site
    page = soup(output / "statistik" / "index.html")
    assert table(page, "aspirasi-kabupaten", "kode") == {
        ROKAN_HILIR: ["Kabupaten Rokan Hilir", "1", "1", "19,0", "1 (100,0%)", "0", "–"],
        PESAWARAN: ["Kabupaten Pesawaran", "2", "1", "9,0", "0 (0,0%)", "1", "65 hari"],
        METRO: ["Kota Metro", "2", "0", "belum ada", "0 (0,0%)", "1", "17 hari"],
    }
    institutions = table(page, "aspirasi-instansi", "nama")
    assert list(institutions) == [  # most aspirations first, then by name
        "Dinas Lingkungan Hidup Kota Metro", "Dinas Kesehatan Kabupaten Pesawaran",
        "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Pesawaran", "Dinas Perikanan Kabupaten Rokan Hilir",
    ]  # fmt: skip
    assert institutions["Dinas Lingkungan Hidup Kota Metro"] == [
        "Dinas Lingkungan Hidup Kota Metro", "2", "0", "belum ada", "0 (0,0%)", "1", "17 hari",
    ]  # fmt: skip
    assert institutions["Dinas Perikanan Kabupaten Rokan Hilir"][1:5] == ["1", "1", "19,0", "1 (100,0%)"]
    oldest = page.select_one("#aspirasi-kabupaten a")
    assert oldest["href"] == f"/{ROAD}" and oldest.get_text() == "65 hari"


def test_a_kabupaten_page_counts_only_its_own_aspirations(site) -> None:
    _content, output = site
    page = soup(output / "statistik" / "lampung" / "kabupaten-pesawaran" / "index.html")
    assert page.select_one("#aspirasi-kabupaten") is None
    assert table(page, "aspirasi-instansi", "nama") == {
        "Dinas Kesehatan Kabupaten Pesawaran": [
            "Dinas Kesehatan Kabupaten Pesawaran", "1", "1", "9,0", "0 (0,0%)", "0", "–",
        ],
        "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Pesawaran": [
            "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Pesawaran", "1", "0", "belum ada", "0 (0,0%)", "1",
            "65 hari",
        ],
    }  # fmt: skip


def test_open_data_has_one_row_per_aspiration_with_its_dates(site) -> None:
    _content, output = site
    rows = list(csv.DictReader(io.StringIO((output / "data" / "aspirasi.csv").read_text(encoding="utf-8-sig"))))
    by_url = {row["alamat"]: row for row in rows}
    assert len(rows) == 5  # the follow-up story is news, not an aspiration
    assert by_url[ROAD] == {
        "alamat": ROAD, "judul": "Jalan Dusun II Bagelen Berlubang", "slug_kim": "kim-uji-bagelen",
        "kode_desa": "18.09.01.2007", "desa": "Bagelen", "kode_kabupaten": PESAWARAN,
        "kabupaten": "Kabupaten Pesawaran",
        "instansi": "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Pesawaran", "status": "menunggu",
        "tanggal_diterima": "2026-10-01", "tanggal_jawaban_pertama": "", "hari_sampai_jawaban": "",
        "tanggal_langkah_terakhir": "2026-10-03", "hari_sejak_langkah_terakhir": "65",
    }  # fmt: skip
    jetty = by_url["kim/kim-uji-panipahan/dermaga-rusak/"]
    assert (jetty["status"], jetty["tanggal_jawaban_pertama"], jetty["hari_sampai_jawaban"]) == (
        "selesai", "2026-09-20", "19",
    )  # fmt: skip
    assert by_url["kim/kim-uji-metro/taman/"]["status"] == "ditutup"
    assert by_url["kim/kim-uji-metro/taman/"]["hari_sejak_langkah_terakhir"] == "109"
    document = json.loads((output / "data" / "aspirasi.json").read_text(encoding="utf-8"))
    assert len(document["data"]) == 5 and document["kolom"][0] == "alamat"
    assert {row["alamat"]: row["hari_sampai_jawaban"] for row in document["data"]}[LAMP] is None
    workbook = load_workbook(io.BytesIO((output / "data" / "statistik-kim.xlsx").read_bytes()), read_only=True)
    sheet = list(workbook["aspirasi"].values)
    assert sheet[1][0] == "alamat" and len(sheet) == 7  # row 1: readable labels, row 2: the codes
    assert zipfile.is_zipfile(output / "data" / "statistik-kim.xlsx")
    dictionary = soup(output / "data" / "index.html").get_text()
    assert "hari_sejak_langkah_terakhir" in dictionary


def test_the_monthly_report_lists_the_kabupatens_institutions(site, tmp_path: Path) -> None:
    content, _output = site
    out = tmp_path / "laporan"
    done = run_kim(
        "--konten", str(content), "laporan", "--kabupaten", PESAWARAN, "--bulan", "2026-11", "--keluaran", str(out)
    )
    assert done.returncode == 0, done.stderr
    page = BeautifulSoup((out / "laporan-kabupaten-pesawaran-2026-11.html").read_text(encoding="utf-8"), "html.parser")
    rows = table(page, "aspirasi", "nama")
    road = rows["Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Pesawaran"]
    assert road[1:6] == ["1", "0", "belum ada", "0", "1"]
    assert road[6] == "58 hari: Jalan Dusun II Bagelen Berlubang"  # as at the month's last moment, 30 November
    assert rows["Dinas Kesehatan Kabupaten Pesawaran"][1:4] == ["1", "1", "9,0"]
