"""`kim impor` on pages built like real Indonesian news sites and government portals, and on zero dates.

``test_real_like_page`` runs every page of ``tests/fixtures/import/real-like/`` (their headers say what a
correct import holds; see ``real_like_pages.py``) and names each check that fails: title, date, author,
story kept, chrome gone. ``scripts/compare_extractors.py`` prints the same scores beside trafilatura +
htmldate. The other tests cover WordPress's zero dates, date lines typed at the top of a story, and
the bounds on untrusted pages.
"""

from __future__ import annotations

import json
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest
from support.fixture_cases import read_header
from support.kim_inprocess import kim
from support.real_like_pages import CHECKS, PAGES, expected_of, kim_reading, score
from support.site import DEMO_CONTENT, TESTS

from warta_cli.importers.bylines import remove_dateline
from warta_cli.importers.cleaning import clean_fragment
from warta_cli.importers.html_page import MAX_PAGE_BYTES, MAX_PAGE_TAGS, parse_html_page
from warta_cli.importers.model import ImportFailed
from warta_cli.importers.structured import MAX_SCRIPT_CHARS, json_ld_articles
from warta_core.metadata import parse_header

ZERO_DATES = TESTS / "fixtures" / "import" / "tanggal-nol" / "wordpress-draf-tanggal-nol.xml"


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_real_like_page(page: Path) -> None:
    wrong = score(expected_of(page), kim_reading(page))
    problems = [f"{check}: {'; '.join(wrong[check])}" for check in CHECKS if wrong[check]]
    assert not problems, f"{page.name}: " + " | ".join(problems)


def test_the_corpus_is_big_and_varied_enough() -> None:
    """At least 15 pages; some without any date, some with JSON-LD, some whose date is only in a byline."""
    assert len(PAGES) >= 15
    expectations = [expected_of(page) for page in PAGES]
    assert any(not e.date for e in expectations) and any(not e.author for e in expectations)
    assert sum("ld+json" in page.read_text(encoding="utf-8") for page in PAGES) >= 2
    assert all(e.contains and e.absent and e.title for e in expectations)  # a misspelt key would drop a check
    assert all("case" in read_header(page) and read_header(page).get("date") for page in PAGES)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, target)
    return target


def import_zero_dates(content: Path):
    return kim(
        "--konten", str(content), "import", str(ZERO_DATES), "--kim", "kim-bagelen-berdaya", "--topik", "pendidikan"
    )


def test_wordpress_zero_date_is_refused_by_name_never_the_year_2000(content: Path) -> None:
    folder = content / "kim" / "kim-bagelen-berdaya"
    imported = kim(
        "--konten", str(content), "import", str(ZERO_DATES), "--kim", "kim-bagelen-berdaya", "--topik", "pendidikan"
    )
    assert imported.returncode == 1, imported.stdout
    assert (
        "! wordpress-draf-tanggal-nol.xml, item ke-1: tidak diimpor, tanggal di ekspor WordPress kosong "
        "(0000-00-00 00:00:00, biasanya draf yang belum pernah diberi tanggal); tidak diimpor agar tidak tercatat "
        'sebagai berita tahun 2000 ("Rencana Lomba Kebersihan Antar-RT"); tulis tanggalnya dengan --tanggal, '
        "misalnya --tanggal 2020-11-16." in imported.stdout
    )
    assert (
        "tanggal kosong (0000-00-00) di ekspor WordPress, tidak diimpor: wordpress-draf-tanggal-nol.xml, item ke-1 "
        '("Rencana Lomba Kebersihan Antar-RT"). Beri tanggal di WordPress lalu ekspor ulang, atau ulangi dengan '
        "--tanggal." in imported.stdout
    )
    assert not (folder / "2000").exists() and not list(folder.rglob("*lomba-kebersihan*"))
    published = parse_header((folder / "2021" / "2021-06-01-kelas-membaca.md").read_text(encoding="utf-8"))
    assert published.value("date") == "2021-06-01 08:30"  # post_date_gmt 01:30 UTC is 08:30 WIB
    draft = parse_header((folder / "2020" / "2020-11-16-taman-baca-koleksi.md").read_text(encoding="utf-8"))
    assert draft.value("date") == "2020-11-16 08:15" and draft.value("status") == "draf"


def test_a_date_line_at_the_top_of_an_exported_post_leaves_the_body(content: Path) -> None:
    import_zero_dates(content)
    article = content / "kim" / "kim-bagelen-berdaya" / "2020" / "2020-11-16-taman-baca-koleksi.md"
    body = parse_header(article.read_text(encoding="utf-8")).body
    assert "Taman baca Dusun Krajan menerima sumbangan 120 buku" in body
    assert "16 November 2020" not in body and "08:15" not in body


@pytest.mark.parametrize(
    ("first", "removed"),
    [
        ("Senin, 16 November 2020 | 08:15 WIB", True),
        ("Oleh Redaksi | Senin, 16 November 2020 | 08:15 WIB", True),
        ("Diposting pada Mei 5, 2021", True),
        ("Rabu (20/11/2019) 10:05 WIB", True),
        ("Pada Senin, 16 November 2020, warga Dusun Krajan bergotong royong.", False),
        ("Oleh karena itu, 16 November 2020 ditetapkan sebagai hari kerja bakti.", False),
        ("16 November 2020 adalah hari pertama pasar dibuka lagi.", False),
    ],
)
def test_only_a_line_that_is_just_a_date_is_removed(first: str, removed: bool) -> None:
    tally: Counter[str] = Counter()
    root = clean_fragment(f"<p>{first}</p><p>Warga membersihkan saluran irigasi sepanjang dua kilometer.</p>", tally)
    date = remove_dateline(root, tally)
    assert (date is not None) is removed
    assert (first.split(maxsplit=1)[0] in root.get_text()) is not removed


def test_a_saved_page_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "besar.html"
    page.write_bytes(
        b"<html><body><article><h1>Besar</h1>" + b"<p>isi</p>" * (MAX_PAGE_BYTES // 10 + 1) + b"</article>"
    )
    with pytest.raises(ImportFailed, match=r"besar.html: halaman lebih dari 8 MB"):
        parse_html_page(str(page))


def test_a_saved_page_with_too_many_elements_is_refused_quickly(tmp_path: Path) -> None:
    page = tmp_path / "rumit.html"
    page.write_text("<html><body><article><h1>Rumit</h1>" + "<p>isi</p>" * MAX_PAGE_TAGS + "</article>")
    started = time.monotonic()
    with pytest.raises(ImportFailed, match=r"rumit.html: halaman berisi 40004 tag HTML \(paling banyak 40000\)"):
        parse_html_page(str(page))
    assert time.monotonic() - started < 5


def test_hostile_json_ld_is_bounded(tmp_path: Path) -> None:
    """Deeply nested, oversized and broken JSON-LD is skipped quickly; a good script beside them is read."""
    from bs4 import BeautifulSoup

    deep = "[" * 100_000 + "]" * 100_000
    huge = json.dumps({"@type": "NewsArticle", "datePublished": "2020-01-01", "x": "a" * MAX_SCRIPT_CHARS})
    good = json.dumps({"@graph": [{"@type": "NewsArticle", "datePublished": "2021-03-02T09:15:00+07:00"}]})
    scripts = "".join(f'<script type="application/ld+json">{text}</script>' for text in (deep, huge, "{broken", good))
    started = time.monotonic()
    articles = json_ld_articles(BeautifulSoup(f"<html><head>{scripts}</head></html>", "html.parser"))
    assert time.monotonic() - started < 5
    assert [node["datePublished"] for node in articles] == ["2021-03-02T09:15:00+07:00"]
