"""`kim laporan` for officers (issue 25.6): names or codes, several kabupaten/kota, a range of months, desa coverage
per kecamatan, CSV files holding everything the HTML shows, and new KIMs never silent.

The messages are data: each case gives what the officer typed and the exact Indonesian answer, with the
suggestion or its absence. The registry is the test network's plus Kabupaten and Kota Bandung (one name, two
regions).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support.site import WILAYAH, make_network, run_kim
from support.stats_network import FILES

from warta_core.problems import ProblemList
from warta_core.regions import load_registry
from warta_stats.report_input import ReportInputError, find_kabupaten, month_range, split_list

BANDUNG = "32,Jawa Barat\n32.04,Kabupaten Bandung\n32.04.01,Soreang\n32.73,Kota Bandung\n32.73.01,Sukasari\n"
WHERE = "content/_data/wilayah.csv"
LISTED = (
    "Yang ada: 14.07 (Kabupaten Rokan Hilir), 18.09 (Kabupaten Pesawaran), 18.72 (Kota Metro), "
    "32.04 (Kabupaten Bandung), 32.73 (Kota Bandung)."
)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("wilayah") / "wilayah.csv"
    path.write_text(WILAYAH + BANDUNG, encoding="utf-8")
    problems = ProblemList()
    found = load_registry(str(path), problems)
    assert not problems.items
    return found


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("18.09", "18.09"),
        ("Kabupaten Pesawaran", "18.09"),
        ("kabupaten pesawaran", "18.09"),
        ("Kab. Pesawaran", "18.09"),
        ("pesawaran", "18.09"),
        ("kabupaten-pesawaran", "18.09"),
        ("Metro", "18.72"),
        ("Kota Bandung", "32.73"),
        ("kabupaten bandung", "32.04"),
        ("  Rokan Hilir ", "14.07"),
    ],
)
def test_a_kabupaten_by_name_or_code(registry, written: str, code: str) -> None:
    assert find_kabupaten(registry, written, WHERE).code == code


@pytest.mark.parametrize(
    ("written", "message"),
    [
        # a slip of the finger in one kabupaten/kota's name: that one is suggested
        ("Pesawran", f'Kabupaten/kota "Pesawran" tidak ada di {WHERE}. '
                     'Mungkin maksud Anda "Kabupaten Pesawaran" (18.09)?'),
        ("Kab Rokan Hilr", f'Kabupaten/kota "Kab Rokan Hilr" tidak ada di {WHERE}. '
                           'Mungkin maksud Anda "Kabupaten Rokan Hilir" (14.07)?'),
        # nothing close: no suggestion, the list to choose from
        ("Surabaya", f'Kabupaten/kota "Surabaya" tidak ada di {WHERE}. {LISTED}'),
        ("Lampung", f'Kabupaten/kota "Lampung" tidak ada di {WHERE}. {LISTED}'),
        # a wrong code: any digit may be the wrong one, so no suggestion either
        ("18.99", f'Kode kabupaten/kota "18.99" tidak ada di {WHERE}. {LISTED}'),
        # one name, two regions
        ("bandung", '"bandung" cocok dengan lebih dari satu kabupaten/kota: 32.04 (Kabupaten Bandung), '
                    "32.73 (Kota Bandung). Tulis kodenya atau nama lengkapnya."),
        # a kecamatan or a desa: its kabupaten/kota is certain
        ("18.09.01", '"18.09.01" adalah Kecamatan Gedong Tataan, bukan kabupaten/kota; laporan dibuat per '
                     "kabupaten/kota. Tulis 18.09 (Kabupaten Pesawaran)."),
        ("Gedong Tataan", '"Gedong Tataan" adalah Kecamatan Gedong Tataan (18.09.01), bukan kabupaten/kota; laporan '
                          "dibuat per kabupaten/kota. Tulis 18.09 (Kabupaten Pesawaran)."),
        ("18.72.01.1001", '"18.72.01.1001" adalah Kelurahan Metro, bukan kabupaten/kota; laporan dibuat per '
                          "kabupaten/kota. Tulis 18.72 (Kota Metro)."),
    ],
)  # fmt: skip
def test_an_unknown_or_ambiguous_kabupaten_is_explained(registry, written: str, message: str) -> None:
    with pytest.raises(ReportInputError) as refused:
        find_kabupaten(registry, written, WHERE)
    assert str(refused.value) == message


def test_a_long_registry_is_named_not_listed(registry) -> None:
    from warta_stats import report_input

    original = report_input.LISTED_AT_MOST
    report_input.LISTED_AT_MOST = 3
    try:
        with pytest.raises(ReportInputError) as refused:
            find_kabupaten(registry, "Surabaya", WHERE)
    finally:
        report_input.LISTED_AT_MOST = original
    assert str(refused.value) == f'Kabupaten/kota "Surabaya" tidak ada di {WHERE}. Lihat kode dan namanya di {WHERE}.'


def test_several_kabupaten_repeated_or_comma_separated() -> None:
    assert split_list(["18.09, Kota Metro", "18.09", " ,rokan hilir"]) == ["18.09", "Kota Metro", "rokan hilir"]


@pytest.mark.parametrize(
    ("month", "first", "last", "period"),
    [
        ("2025-06", None, None, ("2025-06", "2025-06")),
        ("2025-02..2025-06", None, None, ("2025-02", "2025-06")),
        (None, "2025-02", "2025-06", ("2025-02", "2025-06")),
        (None, "2026-09", None, ("2026-09", "2026-12")),  # --dari alone: to the month under way
    ],
)
def test_a_month_or_a_range(month, first, last, period) -> None:
    assert month_range(month, first, last, "2026-12") == period


@pytest.mark.parametrize(
    ("month", "first", "last", "message"),
    [
        ("2025-13", None, None, 'Bulan "2025-13" tidak sah. Tulis tahun dan bulan seperti 2024-03, atau rentang '
                                "seperti 2024-01..2024-03."),
        ("2025-01..2025-1", None, None, 'Bulan "2025-1" tidak sah. Tulis tahun dan bulan seperti 2024-03, atau '
                                        "rentang seperti 2024-01..2024-03."),
        ("2025-06..2025-02", None, None, "Rentang bulan 2025-06..2025-02 terbalik: tulis 2025-02..2025-06."),
        ("2026-11..2027-01", None, None, "Bulan 2027-01 belum tiba; pilih bulan ini (2026-12) atau bulan yang sudah "
                                         "lewat."),
        ("2025-06", "2025-01", None, "Pakai --bulan atau --dari/--sampai, tidak keduanya."),
        (None, None, "2025-06", "--sampai perlu --dari, misalnya --dari 2024-01 --sampai 2025-06."),
        (None, None, None, "Pilih bulan laporan dengan --bulan 2026-12, atau rentang seperti "
                           "--bulan 2024-01..2024-03."),
    ],
)  # fmt: skip
def test_a_wrong_month_is_explained(month, first, last, message: str) -> None:
    with pytest.raises(ReportInputError) as refused:
        month_range(month, first, last, "2026-12")
    assert str(refused.value) == message


# The command


NEW_KIM = 'nama: KIM Uji Baru\ndesa: "18.09.02.2003"\ntanggal_berdiri: 2025-04-20\n'


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def cells(row) -> list[str]:
    return [" ".join(cell.get_text().split()) for cell in row.find_all(["th", "td"])]


def test_several_kabupaten_by_name_over_a_range_of_months(tmp_path: Path) -> None:
    content = make_network(tmp_path, {**FILES, "kim/kim-uji-baru/kim.yml": NEW_KIM})
    out = tmp_path / "laporan"
    done = run_kim(
        "--konten", str(content), "laporan", "--kabupaten", "Kabupaten Pesawaran, metro", "--regency", "18.09",
        "--dari", "2025-02", "--sampai", "2025-06", "--keluaran", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    stem = "laporan-kabupaten-pesawaran-2025-02-sampai-2025-06"
    assert sorted(path.name for path in out.iterdir()) == sorted(
        f"{s}{suffix}" for s in (stem, "laporan-kota-metro-2025-02-sampai-2025-06")
        for suffix in (".html", ".csv", "-angka.csv", "-kecamatan.csv", "-berita.csv", "-aspirasi.csv")
    )  # fmt: skip
    same = run_kim(
        "--konten", str(content), "laporan", "--kabupaten", "18.09", "--month", "2025-02..2025-06",
        "--output", str(tmp_path / "lagi"),
    )  # fmt: skip
    assert same.returncode == 0, same.stderr
    assert (tmp_path / "lagi" / f"{stem}.csv").read_bytes() == (out / f"{stem}.csv").read_bytes()
    page = BeautifulSoup((out / f"{stem}.html").read_text(encoding="utf-8"), "html.parser")
    assert "September" not in page.title.get_text() and "Februari 2025 – Juni 2025" in page.title.get_text()
    figures = {row["data-angka"]: row.td.get_text(strip=True) for row in page.select("#angka tr")}
    assert (figures["jumlah-berita"], figures["kim-aktif"], figures["kim-baru"], figures["kim-diam"]) == (
        "3", "1", "1", "0",
    )  # fmt: skip
    # desa coverage per kecamatan, with the desa still without a KIM
    assert {row["data-kode"]: cells(row)[1:] for row in page.select("#cakupan-kecamatan tbody tr")} == {
        "18.09.01": ["2", "1", "50,0%", "1", "Gedung Tataan"],
        "18.09.02": ["2", "1", "50,0%", "1", "Bagelen"],
    }
    statuses = {row["data-kim"]: cells(row)[-1] for row in page.select("#per-kim tbody tr")}
    assert statuses == {"kim-uji-bagelen": "aktif", "kim-uji-baru": "KIM baru"}  # 71 days old, no story: not silent
    assert "0 KIM tanpa berita lebih dari 90 hari; 1 KIM baru." in done.stdout


def test_the_csv_files_hold_everything_the_html_shows(tmp_path: Path) -> None:
    from support.aspiration_network import FILES as ASPIRATION_FILES

    content = make_network(tmp_path, ASPIRATION_FILES)
    out = tmp_path / "laporan"
    done = run_kim("--konten", str(content), "laporan", "--kabupaten", "pesawaran", "--bulan", "2026-11",
                   "--keluaran", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    stem = out / "laporan-kabupaten-pesawaran-2026-11"
    page = BeautifulSoup(stem.with_suffix(".html").read_text(encoding="utf-8"), "html.parser")

    figures = {row["angka"]: row["nilai"] for row in read_csv(Path(f"{stem}-angka.csv"))}
    assert (figures["kode_kabupaten"], figures["kabupaten"], figures["bulan_dari"], figures["bulan_sampai"]) == (
        "18.09", "Kabupaten Pesawaran", "2026-11", "2026-11",
    )  # fmt: skip
    assert figures["dihitung_pada"].startswith("2026-11-30T23:59:59")
    for row in page.select("#angka tr"):
        shown = row.td.get_text(strip=True)
        assert figures[row["data-angka"]] == shown.replace(",", ".").removesuffix("%"), row["data-angka"]

    kecamatan = read_csv(Path(f"{stem}-kecamatan.csv"))
    html = page.select("#cakupan-kecamatan tbody tr")
    assert [r["kode_kecamatan"] for r in kecamatan] == [row["data-kode"] for row in html]
    for csv_row, row in zip(kecamatan, html, strict=True):
        shown = cells(row)
        assert [csv_row["kecamatan"], csv_row["jumlah_desa"], csv_row["desa_dengan_kim"],
                csv_row["cakupan_persen"].replace(".", ",") + "%", csv_row["jumlah_kim"],
                csv_row["desa_tanpa_kim"] or "–"] == shown  # fmt: skip

    stories = read_csv(Path(f"{stem}-berita.csv"))
    html = page.select("#berita tbody tr")
    assert len(stories) == len(html) > 0
    assert [(r["slug_kim"], r["judul"]) for r in stories] == [(row["data-kim"], cells(row)[2]) for row in html]
    assert all(r["tanggal"].startswith("2026-11-") for r in stories)

    aspirations = read_csv(Path(f"{stem}-aspirasi.csv"))
    html = page.select("#aspirasi tbody tr")
    assert len(aspirations) == len(html) == 2
    for csv_row, row in zip(aspirations, html, strict=True):
        shown = cells(row)
        median = csv_row["median_hari_sampai_jawaban"]
        oldest = f"{csv_row['terlama_menunggu_hari']} hari: {csv_row['terlama_menunggu_judul']}"
        assert [csv_row["instansi"], csv_row["aspirasi"], csv_row["dijawab"],
                f"{float(median):.1f}".replace(".", ",") if median else "belum ada", csv_row["selesai"],
                csv_row["menunggu"], oldest if csv_row["terlama_menunggu_hari"] else "–"] == shown  # fmt: skip

    kims = read_csv(stem.with_suffix(".csv"))
    assert [(r["slug"], r["berita_bulan_ini"], r["status"]) for r in kims] == [
        (row["data-kim"], cells(row)[2], cells(row)[4]) for row in page.select("#per-kim tbody tr")
    ]


def test_every_wrong_kabupaten_is_reported_at_once(tmp_path: Path) -> None:
    content = make_network(tmp_path)
    done = run_kim("--konten", str(content), "laporan", "--kabupaten", "Pesawran,18.99", "--bulan", "2025-06",
                   "--keluaran", str(tmp_path / "laporan"))  # fmt: skip
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith('Kabupaten/kota "Pesawran" tidak ada di ') and lines[0].endswith(
        'Mungkin maksud Anda "Kabupaten Pesawaran" (18.09)?'
    )
    assert lines[1].startswith('Kode kabupaten/kota "18.99" tidak ada di ')
    assert not (tmp_path / "laporan").exists()


@pytest.mark.parametrize(
    "arguments",
    [
        ["laporan", "--kabupaten", "18.09", "--dari", "2025-01", "--sampai", "2025-03", "--keluaran", "hasil"],
        ["laporan", "--regency", "18.09", "--from", "2025-01", "--to", "2025-03", "--output", "hasil"],
    ],
)
def test_options_have_indonesian_names_and_english_aliases(arguments: list[str]) -> None:
    from warta_cli.main import make_parser

    args = make_parser().parse_args(arguments)
    assert (args.kabupaten, args.first, args.last, args.keluaran) == (["18.09"], "2025-01", "2025-03", "hasil")
