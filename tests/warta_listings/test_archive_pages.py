"""Compact archive pages: page 1 of a listing keeps its rich entries, pages 2.. list more, lighter entries.

Page 1 shows ``DEFAULT_PAGINATION`` (or ``PAGINATED_TEMPLATES``) entries with cover and summary; each
later page (``X/page/N/``) shows ``WARTA_ARCHIVE_PAGE_ITEMS`` entries of date, linked title and KIM,
with the same previous/next links and page numbers in the title.
"""

from __future__ import annotations

from pathlib import Path

from support.site import article, build_content, make_network, soup

from warta_listings.archive import ArchivePaginator
from warta_network.settings_check import check_settings

BAGELEN = "kim/kim-uji-bagelen"
METRO = "kim/kim-uji-metro"
PESAWARAN = "wilayah/lampung/kabupaten-pesawaran"


def stories(count: int, kim: str = BAGELEN, prefix: str = "Berita") -> dict[str, str]:
    """``count`` articles, one a day in March 2024 (newest last), each with a summary."""
    return {
        f"{kim}/2024/{prefix.lower()}-{i:02d}.md": article(
            f"{prefix} {i:02d}", f"2024-03-{i:02d} 08:00", Ringkasan=f"Ringkasan {prefix.lower()} {i:02d}."
        )
        for i in range(1, count + 1)
    }


def archive_rows(path: Path) -> list[tuple[str, str, str, str]]:
    """(title, article href, date, KIM name or "") of each compact entry."""
    rows = []
    for item in soup(path).select("ul.daftar-arsip > li"):
        title = item.find("a", recursive=False)
        kim = item.select_one(".meta a")
        rows.append((title.get_text(), title["href"], item.time["datetime"], kim.get_text() if kim else ""))
    return rows


def test_first_page_unchanged_then_compact_archive_pages(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build_content(make_network(tmp_path, stories(17)), output, DEFAULT_PAGINATION=5, WARTA_ARCHIVE_PAGE_ITEMS=4)
    first = soup(output / BAGELEN / "index.html")
    assert len(first.select(".daftar-berita .ringkas")) == 5 and not first.select(".daftar-arsip")
    assert first.select_one(".ringkas .ringkasan").get_text() == "Ringkasan berita 17."
    pages = [output / BAGELEN / f"page/{n}/index.html" for n in (2, 3, 4)]
    rows = [archive_rows(page) for page in pages]
    assert [len(r) for r in rows] == [4, 4, 4], "5 + 4 + 4 + 4 = 17 entries"
    assert not (output / BAGELEN / "page/5").exists()
    assert [r[0] for r in rows[0]] == ["Berita 12", "Berita 11", "Berita 10", "Berita 09"], "newest first, after page 1"
    assert rows[2][-1][0] == "Berita 01"
    assert rows[0][0][1:] == (f"/{BAGELEN}/berita-12/", "2024-03-12T08:00:00+07:00", ""), "a KIM page omits its KIM"
    second = soup(pages[0])
    assert not second.select(".daftar-berita, .ringkasan, picture, img.ringkas-gambar"), "no summary, no image"
    assert second.title.get_text().startswith("KIM Uji Bagelen (halaman 2)")
    assert second.h1.small.get_text() == "halaman 2"
    nav = second.select_one("nav.halaman")
    assert nav.find("a", rel="prev")["href"] == f"/{BAGELEN}/"
    assert nav.find("a", rel="next")["href"] == f"/{BAGELEN}/page/3/"
    assert nav.select_one(".halaman-posisi").get_text() == "Halaman 2 dari 4"
    last = soup(pages[2]).select_one("nav.halaman")
    assert last.find("a", rel="prev")["href"] == f"/{BAGELEN}/page/3/" and not last.find("a", rel="next")
    assert soup(output / BAGELEN / "index.html").select_one("nav.halaman a[rel=next]")["href"] == f"/{BAGELEN}/page/2/"


def test_archive_entries_name_the_kim_on_shared_listings(tmp_path: Path) -> None:
    files = {**stories(4), **stories(3, METRO, "Metro")}
    output = tmp_path / "output"
    sizes = {"index": None, "kim": None, "wilayah": None, "topik": None}  # all: DEFAULT_PAGINATION
    build_content(make_network(tmp_path, files), output, DEFAULT_PAGINATION=2, PAGINATED_TEMPLATES=sizes)
    rows = archive_rows(output / "topik/kesehatan/page/2/index.html")
    assert len(rows) == 5 and not (output / "topik/kesehatan/page/3").exists(), "7 stories: 2 on page 1, 5 after"
    assert {kim for *_rest, kim in rows} == {"KIM Uji Bagelen", "KIM Uji Metro"}
    home = soup(output / "page/2/index.html")
    assert home.title.get_text().startswith("Berita terbaru (halaman 2)")
    region = archive_rows(output / PESAWARAN / "page/2/index.html")
    assert [title for title, *_rest in region] == ["Berita 02", "Berita 01"]
    assert soup(output / PESAWARAN / "page/2/index.html").select_one(".daftar-arsip .meta a")["href"] == f"/{BAGELEN}/"


def test_archive_page_is_written_again_only_when_its_entries_change(tmp_path: Path) -> None:
    files = stories(6)
    content = make_network(tmp_path, files)
    output = tmp_path / "output"
    settings = {"DEFAULT_PAGINATION": 3, "WARTA_ARCHIVE_PAGE_ITEMS": 10}
    build_content(content, output, **settings)
    archive = output / BAGELEN / "page/2/index.html"
    first = output / BAGELEN / "index.html"
    before = (archive.stat().st_mtime_ns, first.stat().st_mtime_ns)
    oldest = content / BAGELEN / "2024/berita-01.md"
    oldest.write_text(oldest.read_text().replace("Ringkasan berita 01.", "Ringkasan baru."), encoding="utf-8")
    build_content(content, output, **settings)
    assert archive.stat().st_mtime_ns == before[0], "a summary is not on the archive page: not written again"
    oldest.write_text(oldest.read_text().replace("Judul: Berita 01", "Judul: Berita Pertama"), encoding="utf-8")
    newest = content / BAGELEN / "2024/berita-06.md"
    newest.write_text(newest.read_text().replace("Ringkasan berita 06.", "Ringkasan terbaru."), encoding="utf-8")
    build_content(content, output, **settings)
    assert archive.stat().st_mtime_ns != before[0] and "Berita Pertama" in archive.read_text(encoding="utf-8")
    assert "Ringkasan terbaru." in first.read_text(encoding="utf-8")


def test_archive_paginator_slices_and_counts() -> None:
    settings = {"DEFAULT_ORPHANS": 0, "PAGINATION_PATTERNS": []}
    paginator = ArchivePaginator("x/index.html", "x/", list(range(23)), settings, 10, 5)
    assert paginator.num_pages == 4 and paginator.page_range == [1, 2, 3, 4]
    assert [paginator.page(n).object_list for n in (1, 4)] == [list(range(10)), [20, 21, 22]]
    assert (paginator.page(2).start_index(), paginator.page(2).end_index()) == (11, 15)
    assert not paginator.page(1).archive and paginator.page(2).archive
    assert ArchivePaginator("x", "x/", list(range(10)), settings, 10, 5).num_pages == 1
    assert ArchivePaginator("x", "x/", [], settings, 10, 5).num_pages == 1


def test_archive_page_items_is_a_checked_setting() -> None:
    problems = check_settings({"WARTA_ARCHIVE_PAGE_ITEMS": 0}, ["warta_listings"])
    assert [p.message for p in problems.errors] == [
        "WARTA_ARCHIVE_PAGE_ITEMS harus bilangan bulat 1 atau lebih, tetapi berisi 0."
    ]
