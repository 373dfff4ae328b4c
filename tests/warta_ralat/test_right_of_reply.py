"""Right of reply (``Hak-Jawab-Untuk``/``Hak-Jawab-Dari``): linked both ways, in pages and feeds; ``kim hak-jawab``.

The check's refusals are data (``tests/fixtures/validation/hak-jawab-*.case``); this module builds a
tiny network with one story and its reply and asserts both pages, the feeds, and the scaffolding command.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.kim_inprocess import kim
from support.site import article, build_content, make_network, run_kim, soup

from warta_core.metadata import parse_header
from warta_core.validation import check_network

ORIGINAL = article("Jalan Desa Rusak Belum Diperbaiki", "2024-03-05 09:30", "pemerintahan")
REPLY = """\
Judul: Kepala Desa: Perbaikan Jalan Dianggarkan Tahun Ini
Tanggal: 2024-03-09 10:00
Topik: pemerintahan
Hak-Jawab-Untuk: /kim/kim-uji-bagelen/jalan/
Hak-Jawab-Dari: Kepala Desa Bagelen

Kepala Desa Bagelen menyampaikan bahwa perbaikan jalan sudah masuk anggaran desa.
"""
FILES = {
    "kim/kim-uji-bagelen/2024/jalan.md": ORIGINAL,
    "kim/kim-uji-bagelen/2024/jawaban.md": REPLY,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hak-jawab")
    output = root / "output"
    build_content(make_network(root, FILES), output, FEED_DOMAIN="https://warta.example.org")
    return output


def test_the_original_shows_its_reply_near_the_top(site: Path) -> None:
    page = soup(site / "kim/kim-uji-bagelen/jalan/index.html")
    (link,) = page.select("article.berita ul.hak-jawab a")
    assert link.get_text(strip=True) == "Hak jawab dari Kepala Desa Bagelen"
    assert link["href"].endswith("/kim/kim-uji-bagelen/jawaban/")
    assert "9 Maret 2024" in link.parent.get_text()
    assert link.find_next("div", class_="isi") is not None, "above the body"


def test_the_reply_names_the_story_it_answers(site: Path) -> None:
    page = soup(site / "kim/kim-uji-bagelen/jawaban/index.html")
    notice = page.select_one("article.berita p.hak-jawab")
    assert "Hak jawab dari Kepala Desa Bagelen atas berita" in notice.get_text(" ", strip=True)
    assert notice.a["href"].endswith("/kim/kim-uji-bagelen/jalan/")
    assert notice.a.get_text() == "Jalan Desa Rusak Belum Diperbaiki"


def test_feeds_carry_the_link_both_ways(site: Path) -> None:
    items = {item["title"]: item for item in json.loads((site / "feed.json").read_text())["items"]}
    original = items["Jalan Desa Rusak Belum Diperbaiki"]["content_html"]
    reply = items["Kepala Desa: Perbaikan Jalan Dianggarkan Tahun Ini"]["content_html"]
    assert original.startswith("<p><strong>Hak jawab dari Kepala Desa Bagelen</strong> (Sabtu, 9 Maret 2024)")
    assert 'href="https://warta.example.org/kim/kim-uji-bagelen/jawaban/"' in original
    assert reply.startswith("<p><strong>Hak jawab dari Kepala Desa Bagelen</strong> atas berita")
    assert 'href="https://warta.example.org/kim/kim-uji-bagelen/jalan/"' in reply


@pytest.mark.parametrize(
    "written",
    ["/kim/kim-uji-bagelen/jalan/", "kim-uji-bagelen/jalan", "jalan", "kim/kim-uji-bagelen/2024/jalan.md",
     "content/kim/kim-uji-bagelen/2024/jalan.md", "2024/jalan.md", "https://warta.example.org/kim/kim-uji-bagelen/jalan/"],
)  # fmt: skip
def test_the_original_may_be_named_by_address_slug_or_file(tmp_path: Path, written: str) -> None:
    reply = REPLY.replace("/kim/kim-uji-bagelen/jalan/", written)
    content = make_network(tmp_path, {**FILES, "kim/kim-uji-bagelen/2024/jawaban.md": reply})
    result = check_network(content)
    assert result.ok, result.problems.items
    source = result.articles[str(content / "kim/kim-uji-bagelen/2024/jawaban.md")]
    assert source.reply.target == str(content / "kim/kim-uji-bagelen/2024/jalan.md")


def test_a_draft_reply_is_not_shown_on_the_original(tmp_path: Path) -> None:
    files = {**FILES, "kim/kim-uji-bagelen/2024/jawaban.md": REPLY.replace("Topik:", "Status: draf\nTopik:")}
    output = tmp_path / "output"
    build_content(make_network(tmp_path, files), output)
    assert soup(output / "kim/kim-uji-bagelen/jalan/index.html").select_one("ul.hak-jawab") is None


def test_kim_hak_jawab_scaffolds_a_draft_that_links_once_published(tmp_path: Path) -> None:
    content = make_network(tmp_path, {"kim/kim-uji-bagelen/2024/jalan.md": ORIGINAL})
    original = content / "kim/kim-uji-bagelen/2024/jalan.md"
    done = kim(
        "--konten", str(content), "hak-jawab", str(original), "--dari", "Kepala Desa Bagelen",
        "--judul", "Kepala Desa Menjawab Soal Jalan", "--tanggal", "2024-03-09 10:00",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (path,) = (content / "kim/kim-uji-bagelen/2024").glob("2024-03-09-*.md")
    header = parse_header(path.read_text(encoding="utf-8"))
    assert header.value("reply_to") == "/kim/kim-uji-bagelen/jalan/"
    assert header.value("reply_from") == "Kepala Desa Bagelen"
    assert header.value("status") == "draf" and header.value("topics") == "pemerintahan"
    assert check_network(content).ok
    path.write_text(path.read_text(encoding="utf-8").replace("Status: draf", "Status: terbit"), encoding="utf-8")
    output = tmp_path / "output"
    build_content(content, output)
    page = soup(output / "kim/kim-uji-bagelen/jalan/index.html")
    assert page.select_one("ul.hak-jawab a")["href"].endswith("/kim/kim-uji-bagelen/kepala-desa-menjawab-soal-jalan/")


def test_kim_hak_jawab_refuses_an_unknown_file(tmp_path: Path) -> None:
    content = make_network(tmp_path, {})
    done = run_kim("--konten", str(content), "hak-jawab", str(content / "tidak-ada.md"), "--dari", "X", "--judul", "Y")
    assert done.returncode == 1 and "tidak ditemukan" in done.stderr


def test_a_new_reply_re_renders_the_original_on_an_incremental_rebuild(tmp_path: Path) -> None:
    content = make_network(tmp_path, {"kim/kim-uji-bagelen/2024/jalan.md": ORIGINAL})
    output = tmp_path / "output"
    build_content(content, output)
    assert soup(output / "kim/kim-uji-bagelen/jalan/index.html").select_one("ul.hak-jawab") is None
    (content / "kim/kim-uji-bagelen/2024/jawaban.md").write_text(REPLY, encoding="utf-8")
    build_content(content, output)
    link = soup(output / "kim/kim-uji-bagelen/jalan/index.html").select_one("ul.hak-jawab a")
    assert link is not None and link["href"].endswith("/kim/kim-uji-bagelen/jawaban/")
