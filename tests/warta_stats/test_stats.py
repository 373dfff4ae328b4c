"""/statistik/, /data/ and the KIM directory on a network with known counts (issue 15).

The network and every expected figure are in ``test_stats_network``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from support.site import build_content, make_network, soup
from support.stats_network import BAGELEN, COVERAGE, FILES, METRO, MONTHS_WITH_NEWS, NOW, PANIPAHAN

from warta_stats.opendata import COLUMNS


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The known network, built once for this module."""
    root = tmp_path_factory.mktemp("stats")
    output = root / "output"
    build_content(make_network(root, FILES), output, WARTA_NOW=NOW)
    return output


def figure(page, name: str) -> str:
    return page.select_one(f'[data-angka="{name}"]').get_text(strip=True)


def row_cells(row) -> list[str]:
    return [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("statistik/", ""),
        ("statistik/lampung/kabupaten-pesawaran/", "18.09"),
        ("statistik/lampung/kabupaten-pesawaran/gedong-tataan/", "18.09.01"),
        ("statistik/lampung/kota-metro/", "18.72"),
        ("statistik/riau/kabupaten-rokan-hilir/", "14.07"),
    ],
)
def test_coverage_on_every_level(site: Path, url: str, code: str) -> None:
    page = soup(site / url / "index.html")
    total, with_kim, shown = COVERAGE[code]
    assert figure(page, "jumlah-desa") == str(total)
    assert figure(page, "desa-dengan-kim") == str(with_kim)
    assert figure(page, "cakupan") == shown


def test_network_figures(site: Path) -> None:
    page = soup(site / "statistik" / "index.html")
    assert figure(page, "jumlah-kim") == "3"
    active = {row["data-hari"]: row_cells(row)[1] for row in page.select("#kim-aktif tbody tr")}
    assert active == {"30": "1", "90": "1", "365": "2"}
    assert "1 Juli 2024" in page.select_one('#kim-aktif tr[data-hari="365"]').get_text()  # period stated
    monthly = {row["data-bulan"]: row_cells(row)[1] for row in page.select("#grafik-jaringan-tabel tbody tr")}
    assert len(monthly) == 24 and min(monthly) == "2023-07" and max(monthly) == "2025-06"
    assert {k: int(v) for k, v in monthly.items() if v != "0"} == MONTHS_WITH_NEWS
    bars = page.select("figure.grafik svg rect")
    assert len(bars) == 24 and bars[-1].title.get_text() == "Jun 2025: 2 berita"
    assert float(bars[-1]["height"]) > float(bars[-2]["height"]) > 0  # June (2) is taller than May (1)
    assert "Senin, 30 Juni 2025" in page.select_one("main").get_text()  # the date computed


def test_rankings_silent_kims_and_topic_mix(site: Path) -> None:
    page = soup(site / "statistik" / "index.html")
    by_active = [row_cells(r)[1:] for r in page.select("#peringkat-aktif tbody tr")]
    assert by_active == [
        ["Kabupaten Pesawaran", "1", "1"],
        ["Kabupaten Rokan Hilir", "0", "1"],
        ["Kota Metro", "0", "1"],
    ]
    per_kim = [row_cells(r)[1:] for r in page.select("#peringkat-per-kim tbody tr")]
    assert per_kim == [
        ["Kabupaten Pesawaran", "4,0", "4", "1"],
        ["Kota Metro", "1,0", "1", "1"],
        ["Kabupaten Rokan Hilir", "0,0", "0", "1"],
    ]
    kims = [(r["data-kim"], row_cells(r)[2], row_cells(r)[3]) for r in page.select("#peringkat-kim tbody tr")]
    assert kims == [(BAGELEN, "4", "5"), (METRO, "1", "1"), (PANIPAHAN, "0", "0")]
    silent = page.select("ul.kim-diam li")
    assert [li["data-kim"] for li in silent] == [PANIPAHAN, METRO]
    assert "149 hari" in silent[1].get_text() and "belum pernah" in silent[0].get_text()
    mix = {r["data-topik"]: row_cells(r)[1:] for r in page.select("#campuran-topik tbody tr")}
    assert mix == {"cek-fakta": ["2", "40,0%"], "aspirasi-warga": ["1", "20,0%"], "semua": ["5", "100,0%"]}


def test_kabupaten_page_lists_every_kecamatan_and_kecamatan_page_every_desa(site: Path) -> None:
    page = soup(site / "statistik" / "lampung" / "kabupaten-pesawaran" / "index.html")
    rows = {r["data-kode"]: row_cells(r)[1:] for r in page.select("#tabel-cakupan tbody tr")}
    assert rows == {"18.09.01": ["2", "1", "50,0%", "1", "1"], "18.09.02": ["2", "0", "0,0%", "0", "0"]}
    assert not (site / "statistik" / "lampung" / "kabupaten-pesawaran" / "negeri-katon").exists()
    kecamatan = soup(site / "statistik" / "lampung" / "kabupaten-pesawaran" / "gedong-tataan" / "index.html")
    desa = {r["data-kode"]: row_cells(r)[1] for r in kecamatan.select("#tabel-desa tbody tr")}
    assert desa == {"18.09.01.2006": "belum ada KIM", "18.09.01.2007": "KIM Uji Bagelen"}
    metro = soup(site / "statistik" / "lampung" / "kota-metro" / "index.html")
    assert [li["data-kim"] for li in metro.select("ul.kim-diam li")] == [METRO]


def read_csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data  # UTF-8 BOM, RFC 4180 line ends
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


EXPECTED_KIM = {
    BAGELEN: {"kode_desa": "18.09.01.2007", "jumlah_berita": "5", "berita_terakhir": "2025-06-20",
              "berita_365_hari": "4", "aktif_90_hari": "1", "tanggal_berdiri": "2019-03-12", "jumlah_anggota": "9"},
    METRO: {"kode_desa": "18.72.01.1001", "jumlah_berita": "1", "berita_terakhir": "2025-02-01",
            "berita_365_hari": "1", "aktif_90_hari": "0", "tanggal_berdiri": "", "jumlah_anggota": ""},
    PANIPAHAN: {"kode_desa": "14.07.06.2006", "jumlah_berita": "0", "berita_terakhir": "",
                "berita_365_hari": "0", "aktif_90_hari": "0", "tanggal_berdiri": "", "jumlah_anggota": ""},
}  # fmt: skip
EXPECTED_ACTIVITY = [  # the months with stories; every other month of 2023-01..2025-06 has a row with 0
    (BAGELEN, "2023-01", "1"), (BAGELEN, "2024-09", "1"), (BAGELEN, "2025-05", "1"), (BAGELEN, "2025-06", "2"),
    (METRO, "2025-02", "1"),
]  # fmt: skip
ACTIVITY_MONTHS = 30  # 2023-01 (the network's first story) to 2025-06 (now), for each of the three KIMs
EXPECTED_COVERAGE = [(code, str(t), str(k)) for code, (t, k, _) in sorted(COVERAGE.items()) if code]


def test_csv_files(site: Path) -> None:
    kims = read_csv(site / "data" / "kim.csv")
    assert {"slug", "nama", "kode_desa", "jumlah_berita", "berita_terakhir"} <= set(kims[0])
    assert {row["slug"]: {k: row[k] for k in EXPECTED_KIM[BAGELEN]} for row in kims} == EXPECTED_KIM
    activity = read_csv(site / "data" / "aktivitas.csv")
    assert list(activity[0])[:3] == ["slug", "bulan", "jumlah_berita"]
    assert [(r["slug"], r["bulan"], r["jumlah_berita"]) for r in activity if r["jumlah_berita"] != "0"] == (
        EXPECTED_ACTIVITY
    )
    assert len(activity) == 3 * ACTIVITY_MONTHS
    coverage = read_csv(site / "data" / "cakupan.csv")
    assert list(coverage[0])[:4] == ["kode", "nama", "jumlah_desa", "desa_dengan_kim"]
    assert [(r["kode"], r["jumlah_desa"], r["desa_dengan_kim"]) for r in coverage] == EXPECTED_COVERAGE
    assert coverage[2]["nama"] == "Kabupaten Pesawaran"


def test_json_files_hold_the_same_tables_and_the_licence(site: Path) -> None:
    for name in ("kim", "aktivitas", "cakupan"):
        document = json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))
        assert document["lisensi"]["nama"] == "CC BY 4.0"
        assert document["dihitung_pada"] == "2025-06-30"
        rows = read_csv(site / "data" / f"{name}.csv")
        assert [{k: "" if v is None else str(v) for k, v in row.items()} for row in document["data"]] == rows
        lines = (site / "data" / f"{name}.json").read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(rows) + 2, "one line per row, no indentation (aktivitas.json grows with months)"
        assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == document["data"]
    kims = json.loads((site / "data" / "kim.json").read_text(encoding="utf-8"))["data"]
    assert [(k["slug"], k["jumlah_berita"]) for k in kims] == [(BAGELEN, 5), (METRO, 1), (PANIPAHAN, 0)]


def as_csv_text(code: str, value: object) -> str:
    """A workbook value as the CSV writes it: dates (read back as datetimes) in ISO form."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m" if code == "bulan" else "%Y-%m-%d")
    return "" if value is None else str(value)


def test_workbook_has_the_tables(site: Path) -> None:
    workbook = load_workbook(site / "data" / "statistik-kim.xlsx", read_only=True)
    assert workbook.sheetnames == ["kim", "aktivitas", "cakupan", "aspirasi"]
    for name in workbook.sheetnames:
        rows = list(workbook[name].iter_rows(values_only=True))
        codes = list(rows[1])  # row 1: readable labels, row 2: the column codes (tests/test_stats_workbook.py)
        expected = read_csv(site / "data" / f"{name}.csv")
        assert codes == [code for code, _ in COLUMNS[name]]
        assert [[as_csv_text(c, v) for c, v in zip(codes, row, strict=True)] for row in rows[2:]] == [
            list(r.values()) for r in expected
        ]
    assert "CC BY 4.0" in workbook.properties.description


def test_data_dictionary_licence_links_and_sitemap(site: Path) -> None:
    page = soup(site / "data" / "index.html")
    licence = page.select_one('a[rel="license"]')
    assert licence.get_text() == "CC BY 4.0"
    assert [code.get_text() for code in page.select("#kamus-cakupan code")][:4] == [
        "kode", "nama", "jumlah_desa", "desa_dengan_kim",
    ]  # fmt: skip
    for name in ("kim.csv", "aktivitas.json", "statistik-kim.xlsx"):
        assert page.find("a", href=f"/data/{name}"), name
    footer = soup(site / "index.html").select_one("footer")
    assert footer.find("a", href="/statistik/") and footer.find("a", href="/data/")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/statistik/</loc>" in sitemap and "/data/</loc>" in sitemap


def test_licence_is_configurable(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build_content(make_network(tmp_path), output, WARTA_NOW=NOW, WARTA_STATS_LICENCE_NAME="CC0 1.0",
                  WARTA_STATS_LICENCE_URL="https://creativecommons.org/publicdomain/zero/1.0/")  # fmt: skip
    assert soup(output / "data" / "index.html").select_one('a[rel="license"]').get_text() == "CC0 1.0"
    assert json.loads((output / "data" / "kim.json").read_text(encoding="utf-8"))["lisensi"]["nama"] == "CC0 1.0"


def test_directory_and_kim_page_show_the_profile_and_status(site: Path) -> None:
    directory = soup(site / "kim" / "index.html")
    assert [a["href"] for a in directory.select(".lompat-ke a")] == [
        "#kab-kabupaten-rokan-hilir",
        "#kab-kabupaten-pesawaran",
        "#kab-kota-metro",
    ]
    cards = {card["data-kim"]: card for card in directory.select(".kartu-kim")}
    bagelen = cards[BAGELEN]
    assert bagelen.select_one("[data-status]")["data-status"] == "aktif"
    assert bagelen.select_one('[data-angka="berita-terakhir"] time')["datetime"] == "2025-06-20"
    assert "9 orang" in bagelen.get_text() and "Selasa, 12 Maret 2019" in bagelen.get_text()
    assert cards[METRO].select_one("[data-status]")["data-status"] == "tidak aktif 149 hari"
    assert cards[PANIPAHAN].select_one("[data-status]")["data-status"] == "tidak aktif (belum ada berita)"
    spark = bagelen.select_one("svg.sparkline")
    assert (
        spark["aria-label"].endswith("Jul 2024–Jun 2025: 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 2")
        and len(spark.select("rect")) == 12
    )
    profile = soup(site / "kim" / METRO / "index.html").select_one(".profil")
    assert profile.select_one("[data-status]")["data-status"] == "tidak aktif 149 hari"
    assert profile.select_one('[data-angka="jumlah-berita"]').get_text() == "1"


def test_kim_page_status_follows_now_in_an_incremental_build(tmp_path: Path) -> None:
    content = make_network(tmp_path, FILES)
    output = tmp_path / "output"
    build_content(content, output, WARTA_NOW=NOW)
    build_content(content, output, WARTA_NOW=NOW + dt.timedelta(days=120))  # "Panen Raya Nanti" (10 July) is out
    profile = soup(output / "kim" / BAGELEN / "index.html").select_one(".profil")
    assert profile.select_one("[data-status]")["data-status"] == "tidak aktif 110 hari"
    bagelen = json.loads((output / "data" / "kim.json").read_text(encoding="utf-8"))["data"][0]
    assert (bagelen["jumlah_berita"], bagelen["berita_terakhir"], bagelen["aktif_90_hari"]) == (6, "2025-07-10", 0)


PARTNER = (
    "- id: uji\n  nama: Media Uji\n  beranda: https://uji.example/\n  umpan: http://127.0.0.1:9/rss\n"
    '  wilayah: ["18.09"]\n'
)


def partner_entry(key: str, published: str, title: str) -> dict:
    return {
        "key": key, "source_id": key, "title": title, "link": f"https://uji.example/{key}", "published": published,
        "date_estimated": False, "first_seen": published, "summary": "Kabar Bagelen dan posyandu.", "text": "",
        "author": "", "image_url": None, "image_file": None,
    }  # fmt: skip


def test_partner_items_never_count_as_kim_activity(tmp_path: Path, site: Path) -> None:
    from warta_partners.cache import FeedState

    content = make_network(tmp_path, {**FILES, "_data/mitra.yml": PARTNER})
    entries = [
        partner_entry("a" * 20, "2025-06-28T01:00:00+00:00", "Bagelen Cek Fakta Hoaks Bansos"),
        partner_entry("b" * 20, "2025-06-10T01:00:00+00:00", "Aspirasi warga Bagelen"),
        partner_entry("c" * 20, "2025-04-01T01:00:00+00:00", "Kabar lama Pesawaran"),
    ]
    (content / "_mitra").mkdir()
    state = FeedState("uji").to_dict() | {"entries": entries}
    (content / "_mitra" / "uji.json").write_text(json.dumps(state), encoding="utf-8")
    output = tmp_path / "output"
    build_content(content, output, WARTA_NOW=NOW)
    with_partner = soup(output / "statistik" / "index.html")
    assert [row_cells(r) for r in with_partner.select("#volume-mitra tbody tr")] == [["Media Uji", "2", "3"]]
    without = soup(site / "statistik" / "index.html")
    for table in ("#kim-aktif", "#grafik-jaringan-tabel", "#peringkat-kim", "#campuran-topik", "#peringkat-per-kim"):
        assert with_partner.select_one(table) == without.select_one(table), table
    assert (output / "data" / "aktivitas.csv").read_bytes() == (site / "data" / "aktivitas.csv").read_bytes()
