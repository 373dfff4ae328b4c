"""Aspirasi warga: what a valid aspiration becomes once built, counted from a fixed moment.

The field rules and their messages are data (``tests/fixtures/validation/aspirasi-*.case`` and
``tests/fixtures/hostile/aspirasi-*.case``, explained in /panduan/ per ``test_guide.py``); this module builds a
tiny network at a fixed ``WARTA_NOW`` with one aspiration in every status (two still open), a follow-up story
and an ordinary article, and checks the pages, the order by waiting time, the three feed formats, the days
waited, the brief lists on the home and desa pages, and the links between the aspiration and its follow-up.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import feedparser
import pytest
from support.aspiration_network import FILES, NOW, WIB
from support.css import STYLESHEET, contrast_ratio, css_colour, css_rules
from support.feed_checks import atom_problems, json_feed_problems, rss_problems
from support.kim_inprocess import kim
from support.site import build_content, make_network, soup

from warta_core.aspiration_model import STATUSES, Aspiration, Step
from warta_core.institutions import Institution
from warta_core.metadata import parse_header
from warta_core.validation import check_network

ORDER = [  # open (longest waiting first), answered, then finished and closed (most recent first)
    "Jalan Dusun II Bagelen Berlubang",  # 65 days since 3 October
    "Lampu Jalan Metro Padam",  # 17 days
    "Posyandu Bagelen Butuh Timbangan",  # answered 27 days ago
    "Dermaga Panipahan Rusak",  # finished 15 October
    "Taman Metro Diminta Dibuka",  # closed 20 August
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("aspirasi")
    output = root / "output"
    build_content(make_network(root, FILES), output, WARTA_NOW=NOW, FEED_DOMAIN="https://warta.example.org")
    return output


def titles(page) -> list[str]:
    return [h.get_text(strip=True) for h in page.select("ul.daftar-cek .ringkas-judul")]


def test_network_listing_orders_by_waiting_time(site: Path) -> None:
    page = soup(site / "aspirasi" / "index.html")
    assert titles(page) == ORDER
    badges = [b.get_text(strip=True) for b in page.select("ul.daftar-cek .vonis")]
    assert badges == ["Menunggu tanggapan"] * 2 + ["Sudah dijawab", "Selesai", "Tidak dapat ditindaklanjuti"]
    waited = [li.select_one(".meta").get_text(" ", strip=True) for li in page.select("ul.daftar-cek > li")]
    assert "menunggu 65 hari" in waited[0] and "menunggu 17 hari" in waited[1] and "menunggu 27 hari" in waited[2]
    assert "menunggu" not in waited[3]


def test_region_and_desa_listings(site: Path) -> None:
    kabupaten = soup(site / "aspirasi" / "lampung" / "kabupaten-pesawaran" / "index.html")
    assert titles(kabupaten) == ["Jalan Dusun II Bagelen Berlubang", "Posyandu Bagelen Butuh Timbangan"]
    desa = soup(site / "aspirasi" / "lampung" / "kabupaten-pesawaran" / "gedong-tataan" / "bagelen" / "index.html")
    assert titles(desa) == titles(kabupaten)
    assert titles(soup(site / "aspirasi" / "lampung" / "kota-metro" / "index.html")) == [ORDER[1], ORDER[4]]
    for folder in ("aspirasi/lampung/kabupaten-pesawaran", "aspirasi/riau/kabupaten-rokan-hilir"):
        assert (site / folder / "atom.xml").exists() and (site / folder / "feed.json").exists()


def test_aspiration_page_shows_status_timeline_and_days(site: Path) -> None:
    page = soup(site / "kim" / "kim-uji-bagelen" / "timbangan" / "index.html")
    section = page.select_one("section.aspirasi")
    badge = section.select_one(".vonis")
    assert badge.get_text(strip=True) == "Sudah dijawab" and "vonis-biru" in badge["class"]
    assert "sudah 27 hari menunggu" in section.get_text(" ", strip=True)
    steps = section.select("ol.linimasa > li")
    assert [li.time["datetime"] for li in steps] == ["2026-11-01", "2026-11-02", "2026-11-10"]
    assert "dijawab oleh Dinas Kesehatan Kabupaten Pesawaran" in steps[2].get_text(" ", strip=True)
    assert "Jawaban pertama datang 9 hari" in section.get_text(" ", strip=True)
    assert "Kepada: Dinas Kesehatan Kabupaten Pesawaran" in section.get_text(" ", strip=True)
    metro = soup(site / "kim" / "kim-uji-metro" / "lampu-jalan" / "index.html").select_one("section.aspirasi")
    assert "sudah 17 hari menunggu" in metro.get_text(" ", strip=True)
    assert "vonis-jingga" in metro.select_one(".vonis")["class"]
    closed = soup(site / "kim" / "kim-uji-metro" / "taman" / "index.html").select_one("section.aspirasi")
    assert "Dari: Ibu Sri Lestari" in closed.get_text(" ", strip=True)  # a person, with consent
    assert "menunggu" not in closed.p.get_text(" ", strip=True)


def test_follow_up_links_both_ways(site: Path) -> None:
    original = soup(site / "kim" / "kim-uji-panipahan" / "dermaga-rusak" / "index.html")
    links = original.select("section.aspirasi h3 + ul a")
    assert [(a.get_text(strip=True), a["href"]) for a in links] == [
        ("Dermaga Panipahan Sudah Diperbaiki", "/kim/kim-uji-panipahan/dermaga-diperbaiki/")
    ]
    later = soup(site / "kim" / "kim-uji-panipahan" / "dermaga-diperbaiki" / "index.html")
    back = later.find("a", href="/kim/kim-uji-panipahan/dermaga-rusak/")
    assert back is not None and "Tindak lanjut aspirasi warga" in back.parent.get_text()


def test_feeds_in_every_format_carry_status_and_last_step(site: Path) -> None:
    folder = site / "aspirasi"
    atom, rss, feed = [(folder / name).read_bytes() for name in ("atom.xml", "rss.xml", "feed.json")]
    assert atom_problems(atom) == [] and rss_problems(rss) == [] and json_feed_problems(feed) == []
    # Feeds are read for what changed: the latest step first (the page puts the longest-waiting first).
    feed_order = [ORDER[1], ORDER[2], ORDER[3], ORDER[0], ORDER[4]]  # 20 Nov, 10 Nov, 15 Oct, 3 Oct, 20 Aug
    for raw in (atom, rss):
        parsed = feedparser.parse(raw)
        assert [entry.title for entry in parsed.entries] == feed_order
        answered = parsed.entries[1]
        assert "Sudah dijawab" in [tag.get("label") or tag.term for tag in answered.tags]
    entries = feedparser.parse(atom).entries  # the last step is the entry's last change: a status change moves it
    assert entries[1].updated.startswith("2026-11-10T14:00:00")
    assert entries[2].updated.startswith("2026-10-15T00:00:00")
    assert entries[0].updated == entries[0].published  # a step on the story's own day changes nothing
    items = json.loads(feed)["items"]
    assert [item["title"] for item in items] == feed_order
    assert "Tidak dapat ditindaklanjuti" in items[4]["tags"]


def test_home_and_desa_pages_show_the_open_ones_briefly(site: Path) -> None:
    home = soup(site / "index.html").select_one("#judul-aspirasi-terbuka").parent
    assert [a.get_text(strip=True) for a in home.select("li > a")] == ORDER[:2]
    assert [b.get_text(strip=True) for b in home.select("li .vonis")] == ["65 hari", "17 hari"]
    assert home.find("a", href="/aspirasi/") is not None
    desa = soup(site / "wilayah" / "lampung" / "kabupaten-pesawaran" / "gedong-tataan" / "bagelen" / "index.html")
    brief = desa.select_one("#judul-aspirasi-terbuka").parent
    assert [a.get_text(strip=True) for a in brief.select("li > a")] == ORDER[:1]
    assert brief.find("a", href="/aspirasi/lampung/kabupaten-pesawaran/gedong-tataan/bagelen/") is not None
    riau = soup(site / "wilayah" / "riau" / "kabupaten-rokan-hilir" / "index.html")
    assert riau.select_one("#judul-aspirasi-terbuka") is None  # nothing open there


def test_checked_object_for_statistics(tmp_path: Path) -> None:
    result = check_network(make_network(tmp_path, FILES), now=NOW)
    assert result.ok, [p.format() for p in result.problems.items]
    by_title = {a.title: a.aspiration for a in result.articles.values() if a.aspiration}
    answered = by_title["Posyandu Bagelen Butuh Timbangan"]
    assert (answered.status, answered.days_to_first_answer, answered.institution.region_code) == ("dijawab", 9, "18.09")
    assert [step.kind for step in answered.steps] == ["diterima", "diteruskan", "dijawab"]
    assert by_title["Taman Metro Diminta Dibuka"].status == "ditutup"
    assert by_title["Lampu Jalan Metro Padam"].days_to_first_answer is None


def test_a_kim_profile_without_desa_is_the_one_problem_not_the_aspirations_institution(tmp_path: Path) -> None:
    """The KIM's region is unknown while its kim.yml lacks a desa: its institutions cannot be judged, so only the
    profile is reported (before, every aspiration of the KIM also read "Instansi … tidak ada … Pilih dari: (belum
    ada)", sending the writer to the wrong file)."""
    content = make_network(tmp_path, FILES)
    profile = content / "kim" / "kim-uji-bagelen" / "kim.yml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("desa:", "desaa:"), encoding="utf-8")
    messages = [p.format() for p in check_network(content, now=NOW).problems.items]
    assert any("kim-uji-bagelen/kim.yml" in m and "`desa` wajib diisi" in m for m in messages), messages
    assert not [m for m in messages if "daftar instansi" in m], messages


def test_days_waited_counts_calendar_days_from_the_given_moment() -> None:
    step = Step(dt.datetime(2026, 12, 1, 23, 30, tzinfo=WIB), "diterima")
    aspiration = Aspiration("Minta", "warga", Institution("Dinas Uji", "18.09"), (step,))
    assert aspiration.days_waited(NOW) == 6
    assert aspiration.days_waited(dt.datetime(2026, 12, 1, 17, 0, tzinfo=dt.UTC)) == 1  # 2 December in WIB
    assert aspiration.days_waited(dt.datetime(2026, 11, 1, tzinfo=WIB)) == 0  # never negative


def test_status_badges_have_aa_contrast() -> None:
    rules = css_rules(STYLESHEET.read_text(encoding="utf-8"))
    for _slug, label, _group, colour in STATUSES.values():
        selector = f".vonis-{colour}"
        front, back = css_colour(rules, selector, "color"), css_colour(rules, selector, "background")
        assert contrast_ratio(front, back) >= 4.5, (label, selector, front, back)


def test_new_article_scaffolds_an_aspiration_that_passes_and_becomes_one_when_filled(tmp_path: Path) -> None:
    content = make_network(tmp_path)
    made = kim("--konten", str(content), "berita-baru", "--kim", "kim-uji-bagelen", "--judul", "Jalan", "--aspirasi")
    assert made.returncode == 0, made.stderr
    path = content.parent / re.search(r"Berita baru dibuat: (\S+)", made.stdout).group(1)
    text = path.read_text(encoding="utf-8")
    header = parse_header(text)
    assert all(name in header.fields for name in ("aspiration", "aspiration_from", "aspiration_to"))
    assert header.values("aspiration_steps")
    assert "* Aspirasi-Kepada: instansi yang dituju: nama resmi kantornya atau nama pendeknya. Pilihan: Dinas " in text
    assert "Dinas Lingkungan Hidup Kota Metro" not in text  # another kabupaten/kota's office is no choice here
    assert check_network(content).ok  # empty fields: not an aspiration yet
    path.write_text(text.replace("Aspirasi:\n", "Aspirasi: Warga meminta jalan diperbaiki.\n", 1), encoding="utf-8")
    errors = {p.message for p in check_network(content).problems.errors}
    assert errors == {
        "Aspirasi belum menyebut dari siapa.",
        "Aspirasi belum menyebut instansi yang dituju.",
        "Aspirasi belum punya tahap.",
    }
