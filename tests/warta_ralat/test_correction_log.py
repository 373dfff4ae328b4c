"""``/ralat/``: the public log of corrections, replies and withdrawals, its kabupaten/kota pages and feeds.

A tiny network over two provinces is built: a Pesawaran story with two corrections, a Rokan Hilir story and a
reply to it, a Kota Metro story withdrawn, and a Pesawaran story that was corrected and then withdrawn. The
same output is built again after one more correction (incremental, as a KIM would). Pages are read with
BeautifulSoup, feeds with feedparser and json.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import feedparser
import pytest
from support.site import article, build_content, make_network, soup

BAGELEN, METRO, PANIPAHAN = "kim/kim-uji-bagelen", "kim/kim-uji-metro", "kim/kim-uji-panipahan"
WIB = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2024, 3, 20, 12, 0, tzinfo=WIB)
SETTINGS = {"WARTA_NOW": NOW, "FEED_DOMAIN": "https://warta.example.org"}
FIRST_NOTE = "Ralat: 2024-03-06 08:00 | Nama ketua RT tertulis Darto, seharusnya Darmo."
SECOND_NOTE = "Ralat: 2024-03-12 09:00 | Jadwal posyandu tertulis Senin, seharusnya Selasa."
LATE_NOTE = "Ralat: 2024-03-18 16:00 | Lokasi banjir tertulis RT 02, seharusnya RT 04."
HIDDEN_NOTE = "Ralat: 2024-03-08 07:00 | Catatan yang ikut hilang bersama berita yang dicabut."
WITHDRAWAL = (
    "Dicabut: 2024-03-15 09:00\nAlasan-Pencabutan: trauma-korban\n"
    "Penjelasan-Pencabutan: Keluarga korban keberatan; foto dan nama korban terlanjur dimuat.\n"
)


def with_header(text: str, *lines: str) -> str:
    """``text`` with ``lines`` added at the end of its header."""
    header, body = text.split("\n\n", 1)
    return "\n".join([header, *lines]) + "\n\n" + body


POSYANDU = with_header(article("Posyandu Bagelen Buka Lagi", "2024-03-05 09:30"), FIRST_NOTE, SECOND_NOTE)
FLOOD = article("Banjir Pasang di Panipahan", "2024-03-10 10:00", "lingkungan")
REPLY = article(
    "Kelurahan Menjawab Soal Parit", "2024-03-14 11:00", "lingkungan",
    Hak_Jawab_Untuk="banjir", Hak_Jawab_Dari="Pemerintah Desa Panipahan Laut",
)  # fmt: skip
ACCIDENT = with_header(article("Kecelakaan di Jalan Metro", "2024-03-07 08:00"), WITHDRAWAL)
MARKET = with_header(article("Pasar Murah Bagelen", "2024-03-07 10:00"), HIDDEN_NOTE, WITHDRAWAL)
FILES = {
    f"{BAGELEN}/2024/posyandu.md": POSYANDU,
    f"{BAGELEN}/2024/pasar.md": MARKET,
    f"{PANIPAHAN}/2024/banjir.md": FLOOD,
    f"{PANIPAHAN}/2024/jawaban.md": REPLY,
    f"{METRO}/2024/kecelakaan.md": ACCIDENT,
}
PESAWARAN_LOG = "ralat/lampung/kabupaten-pesawaran/"
ROKAN_HILIR_LOG = "ralat/riau/kabupaten-rokan-hilir/"
METRO_LOG = "ralat/lampung/kota-metro/"


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """Build, note what the log wrote, add a late correction, build the same output: (output, log files before)."""
    root = tmp_path_factory.mktemp("log-ralat")
    content = make_network(root, FILES)
    output = root / "output"
    build_content(content, output, **SETTINGS)
    before = {str(path.relative_to(output / "ralat")): path.read_bytes() for path in (output / "ralat").rglob("*.*")}
    (content / PANIPAHAN / "2024" / "banjir.md").write_text(with_header(FLOOD, LATE_NOTE), encoding="utf-8")
    build_content(content, output, **SETTINGS)
    return output, before


def entries(output: Path, url: str) -> list[tuple[str, str]]:
    """(kind, visible text) of each entry of a log page, in page order."""
    page = soup(output / url / "index.html")
    return [(item["data-jenis"], " ".join(item.get_text(" ").split())) for item in page.select("ol.daftar-ralat > li")]


def test_the_network_log_lists_every_event_newest_first(builds) -> None:
    output, _before = builds
    found = entries(output, "ralat/")
    assert [kind for kind, _text in found] == ["ralat", "pencabutan", "pencabutan", "hak-jawab", "ralat", "ralat"]
    assert "Lokasi banjir tertulis RT 02, seharusnya RT 04." in found[0][1]
    assert "Banjir Pasang di Panipahan" in found[0][1]
    assert "Mencegah trauma korban. Keluarga korban keberatan" in found[1][1]
    assert "Hak jawab dari Pemerintah Desa Panipahan Laut: Kelurahan Menjawab Soal Parit" in found[3][1]
    assert "Jadwal posyandu tertulis Senin" in found[4][1] and "Nama ketua RT tertulis Darto" in found[5][1]
    page = soup(output / "ralat" / "index.html")
    assert " ".join(page.select_one("[data-angka=log]").get_text().split()) == "3 ralat · 1 hak jawab · 2 pencabutan"
    links = {a["href"] for a in page.select("ol.daftar-ralat a")}
    assert "/kim/kim-uji-bagelen/posyandu/#judul-ralat" in links  # straight to the notes
    assert "/kim/kim-uji-panipahan/jawaban/" in links  # the reply itself
    assert "/kim/kim-uji-panipahan/banjir/" in links  # and the story it answers


def test_a_withdrawn_storys_corrections_leave_with_it(builds) -> None:
    output, _before = builds
    text = soup(output / "ralat" / "index.html").get_text()
    assert "Pasar Murah Bagelen" in text  # the withdrawal is listed
    assert "Catatan yang ikut hilang" not in text
    assert "Catatan yang ikut hilang" not in (output / "ralat" / "atom.xml").read_text(encoding="utf-8")


def test_each_kabupaten_has_its_own_log(builds) -> None:
    output, _before = builds
    assert [kind for kind, _ in entries(output, PESAWARAN_LOG)] == ["pencabutan", "ralat", "ralat"]
    assert [kind for kind, _ in entries(output, ROKAN_HILIR_LOG)] == ["ralat", "hak-jawab"]
    assert [kind for kind, _ in entries(output, METRO_LOG)] == ["pencabutan"]
    network = soup(output / "ralat" / "index.html")
    per_kabupaten = {a["href"]: a.find_parent("li").get_text(" ", strip=True) for a in network.select("section li a")}
    assert per_kabupaten[f"/{PESAWARAN_LOG}"] == "Kabupaten Pesawaran — 3 catatan"
    assert per_kabupaten[f"/{ROKAN_HILIR_LOG}"] == "Kabupaten Rokan Hilir — 2 catatan"
    crumbs = [a.get_text(strip=True) for a in soup(output / ROKAN_HILIR_LOG / "index.html").select("nav a")]
    assert "Riau" in crumbs


def test_every_feed_format_carries_the_log(builds) -> None:
    output, _before = builds
    atom = feedparser.parse((output / ROKAN_HILIR_LOG / "atom.xml").read_bytes())
    rss = feedparser.parse((output / ROKAN_HILIR_LOG / "rss.xml").read_bytes())
    assert not atom.bozo and not rss.bozo
    titles = ["Ralat: Banjir Pasang di Panipahan", "Hak jawab: Banjir Pasang di Panipahan"]
    assert [entry.title for entry in atom.entries] == titles == [entry.title for entry in rss.entries]
    late = atom.entries[0]
    assert late.id.endswith("#ralat-20240318T160000") and late.id.startswith("tag:")
    assert late.link == "https://warta.example.org/kim/kim-uji-panipahan/banjir/#judul-ralat"
    assert late.updated == "2024-03-18T16:00:00+07:00"
    assert [tag.term for tag in late.tags] == ["ralat"]
    assert "Lokasi banjir tertulis RT 02, seharusnya RT 04." in late.content[0].value
    document = json.loads((output / ROKAN_HILIR_LOG / "feed.json").read_text(encoding="utf-8"))
    assert [item["title"] for item in document["items"]] == titles
    assert document["items"][1]["url"].endswith("/jawaban/")
    ids = [entry.id for entry in feedparser.parse((output / "ralat" / "atom.xml").read_bytes()).entries]
    assert len(ids) == len(set(ids)) == 6


def test_an_incremental_build_adds_the_late_correction_where_it_belongs(builds) -> None:
    output, before = builds
    after = {str(path.relative_to(output / "ralat")): path.read_bytes() for path in (output / "ralat").rglob("*.*")}
    assert set(after) == set(before)
    changed = {name for name in after if after[name] != before[name]}
    rokan_hilir = {f"{ROKAN_HILIR_LOG.removeprefix('ralat/')}{name}" for name in ("index.html", "atom.xml")}
    assert rokan_hilir <= changed and {"index.html", "atom.xml", "rss.xml", "feed.json"} <= changed
    assert not any(name.startswith(PESAWARAN_LOG.removeprefix("ralat/")) for name in changed)


def test_every_page_links_the_log_and_the_sitemap_lists_it(builds) -> None:
    output, _before = builds
    footer = soup(output / "index.html").select_one("footer")
    assert footer.find("a", href="/ralat/").get_text() == "Catatan ralat dan pencabutan"
    subscribe = {a["href"] for a in soup(output / "langganan" / "index.html").select("main a")}
    assert {"/ralat/rss.xml", f"/{PESAWARAN_LOG}atom.xml", f"/{METRO_LOG}feed.json"} <= subscribe
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    for url in ("ralat/", PESAWARAN_LOG, ROKAN_HILIR_LOG, METRO_LOG):
        assert f"<loc>https://warta.example.org/{url}</loc>" in sitemap


def test_an_empty_network_still_has_its_log(tmp_path: Path) -> None:
    content = make_network(tmp_path, {f"{BAGELEN}/2024/posyandu.md": article("Posyandu", "2024-03-05 09:30")})
    build_content(content, tmp_path / "output", **SETTINGS)
    page = soup(tmp_path / "output" / "ralat" / "index.html")
    assert page.select_one("p.kosong").get_text() == "Belum ada ralat, hak jawab, atau pencabutan."
    assert not (tmp_path / "output" / "ralat" / "lampung").exists()
    assert feedparser.parse((tmp_path / "output" / "ralat" / "atom.xml").read_bytes()).entries == []


def test_statistics_and_open_data_count_what_the_log_lists(builds) -> None:
    output, _before = builds
    page = soup(output / "statistik" / "index.html")
    rows = {
        row["data-kim"]: [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for row in page.select("#ralat-kim tr[data-kim]")
    }
    assert rows == {
        "kim-uji-bagelen": ["KIM Uji Bagelen", "2", "0", "1"],  # the withdrawn story's note left with it
        "kim-uji-panipahan": ["KIM Uji Panipahan", "1", "1", "0"],
        "kim-uji-metro": ["KIM Uji Metro", "0", "0", "1"],
        "": ["Jumlah", "3", "1", "2"],
    }
    assert page.find("a", string="log ralat")["href"] == "/ralat/"
    kabupaten = soup(output / "statistik" / "lampung" / "kabupaten-pesawaran" / "index.html")
    assert kabupaten.find("a", string="log ralat")["href"] == f"/{PESAWARAN_LOG}"
    table = (output / "data" / "kim.csv").read_text(encoding="utf-8-sig").splitlines()
    columns = table[0].split(",")
    at = columns.index("jumlah_ralat")  # columns only ever added at the end: kim_baru came after these three
    assert columns[at : at + 3] == ["jumlah_ralat", "jumlah_hak_jawab", "jumlah_dicabut"]
    counts = {row.split(",")[0]: row.split(",")[at : at + 3] for row in table[1:]}
    assert counts["kim-uji-bagelen"] == ["2", "0", "1"] and counts["kim-uji-panipahan"] == ["1", "1", "0"]
