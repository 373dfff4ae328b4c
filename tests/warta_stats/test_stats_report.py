"""``kim laporan``: the monthly report of one kabupaten/kota, on the known network (issue 15)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from bs4 import BeautifulSoup
from support.site import make_network, run_kim
from support.stats_network import BAGELEN, FILES, METRO

NEW_KIM = """\
nama: KIM Uji Baru
desa: "18.09.02.2003"
tanggal_berdiri: 2025-06-15
"""


SLUGS = {"18.09": "kabupaten-pesawaran", "18.72": "kota-metro"}


def report(tmp_path: Path, kabupaten: str, month: str) -> tuple[BeautifulSoup, list[dict[str, str]], str]:
    content = make_network(tmp_path, {**FILES, "kim/kim-uji-baru/kim.yml": NEW_KIM})
    out = tmp_path / "laporan"
    done = run_kim(
        "--konten", str(content), "laporan", "--kabupaten", kabupaten, "--bulan", month, "--keluaran", str(out)
    )
    assert done.returncode == 0, done.stderr
    name = f"laporan-{SLUGS[kabupaten]}-{month}"
    page = BeautifulSoup((out / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
    data = (out / f"{name}.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return page, list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))), done.stdout


def figures(page: BeautifulSoup) -> dict[str, str]:
    return {row["data-angka"]: row.td.get_text(strip=True) for row in page.select("#angka tr")}


def test_month_of_a_kabupaten_where_most_desa_have_no_kim(tmp_path: Path) -> None:
    page, rows, stdout = report(tmp_path, "18.09", "2025-06")
    assert figures(page) == {
        "jumlah-desa": "4", "desa-dengan-kim": "2", "cakupan": "50,0%", "jumlah-kim": "2",
        "kim-aktif": "1", "jumlah-berita": "2", "kim-baru": "1", "kim-diam": "0",
    }  # fmt: skip
    # the draft of 25 June and the article scheduled for July are not June's
    assert [row.find_all("td")[-1].get_text() for row in page.select("#berita tbody tr")] == [
        "Jadwal Imunisasi", "Cek Hoaks Bansos",
    ]  # fmt: skip
    assert [li["data-kim"] for li in page.select("#kim-baru li")] == ["kim-uji-baru"]
    assert page.select("#kim-diam li") == []  # founded 15 days before: new, not silent (issue 25)
    assert "Juni 2025" in page.title.get_text() and page.html["lang"] == "id"
    assert not page.find("script")
    assert [(r["slug"], r["berita_bulan_ini"], r["berita_terakhir"], r["kim_baru"], r["tidak_aktif_90_hari"],
             r["status"]) for r in rows] == [
        (BAGELEN, "2", "2025-06-20", "0", "0", "aktif"), ("kim-uji-baru", "0", "", "1", "0", "KIM baru"),
    ]  # fmt: skip
    assert "2 berita terbit; 1 dari 2 KIM menerbitkan berita; 0 KIM tanpa berita lebih dari 90 hari; 1 KIM baru" in (
        stdout
    )


def test_silence_is_counted_at_the_end_of_the_month(tmp_path: Path) -> None:
    page, rows, _ = report(tmp_path, "18.72", "2025-06")
    assert figures(page)["jumlah-berita"] == "0" and figures(page)["kim-diam"] == "1"
    assert "149 hari" in page.select_one("#kim-diam li").get_text()
    assert rows == [{"slug": METRO, "nama": "KIM Uji Metro", "kecamatan": "Metro Pusat", "desa": "Metro",
                     "berita_bulan_ini": "0", "berita_terakhir": "2025-02-01", "hari_tanpa_berita": "149",
                     "kim_baru": "0", "tidak_aktif_90_hari": "1", "kode_kecamatan": "18.72.01",
                     "kode_desa": "18.72.01.1001", "tanggal_berdiri": "", "status": "tidak aktif"}]  # fmt: skip
    february, _, _ = report(tmp_path, "18.72", "2025-02")
    assert figures(february)["jumlah-berita"] == "1" and figures(february)["kim-aktif"] == "1"


def test_messages_for_a_wrong_month_or_kabupaten(tmp_path: Path) -> None:
    """The exact messages, with and without suggestions, are in tests/warta_stats/test_stats_report_input.py."""
    content = make_network(tmp_path)
    wrong_month = run_kim("--konten", str(content), "laporan", "--kabupaten", "18.09", "--bulan", "2025-13")
    assert wrong_month.returncode == 2 and 'Bulan "2025-13" tidak sah' in wrong_month.stderr
    unknown = run_kim("--konten", str(content), "laporan", "--kabupaten", "18.99", "--bulan", "2025-06")
    assert unknown.returncode == 2
    assert 'Kode kabupaten/kota "18.99" tidak ada di' in unknown.stderr and "wilayah.csv" in unknown.stderr
    kecamatan = run_kim("--konten", str(content), "laporan", "--kabupaten", "18.09.01", "--bulan", "2025-06")
    assert kecamatan.returncode == 2 and "18.09" in kecamatan.stderr
    help_text = " ".join(run_kim("laporan", "--help").stdout.split())
    assert "kode Kemendagri (18.09), nama" in help_text
