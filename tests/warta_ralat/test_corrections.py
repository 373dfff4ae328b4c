"""Corrections (``Ralat``): the page, JSON-LD, every feed format, the sitemap, and ``kim ralat``.

The check's refusals are data (``tests/fixtures/validation/ralat-*.case``, run by ``test_validation.py``
and explained in /panduan/ per ``test_guide.py``); this module builds a tiny network with one corrected
story and asserts what readers, feed readers and search engines see of it.
"""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from lxml import etree
from support.kim_inprocess import kim
from support.site import article, build_content, make_network, run_kim, soup

from warta_core.corrections import format_correction
from warta_core.metadata import parse_header
from warta_core.validation import check_network

CORRECTED = """\
Judul: Panen Raya Padi di Bagelen
Tanggal: 2024-03-05 09:30
Topik: pertanian
Ringkasan: Petani Bagelen memanen padi di lahan 21 hektare.
Ralat: 2024-03-06 10:00 | Luas sawah tertulis 12 hektare, seharusnya 21 hektare.
Ralat: 2024-03-08 14:15 WIB | Nama ketua kelompok tani tertulis Sutrisno, seharusnya Sutarno.

Petani Bagelen memanen padi bersama. Ketua kelompok tani, Sutarno, memimpin panen.
"""
FILES = {
    "kim/kim-uji-bagelen/2024/panen.md": CORRECTED,
    "kim/kim-uji-bagelen/2024/lain.md": article("Kerja Bakti Warga", "2024-03-07 08:00", "lingkungan"),
}
ATOM = "{http://www.w3.org/2005/Atom}"
PAGE = "kim/kim-uji-bagelen/panen/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ralat")
    output = root / "output"
    build_content(make_network(root, FILES), output, FEED_DOMAIN="https://warta.example.org")
    return output


def test_the_page_shows_every_note_dated_above_the_body(site: Path) -> None:
    page = soup(site / PAGE)
    notes = page.select("article.berita section.ralat li")
    assert [note.time["datetime"] for note in notes] == ["2024-03-06T10:00:00+07:00", "2024-03-08T14:15:00+07:00"]
    assert "Luas sawah tertulis 12 hektare, seharusnya 21 hektare." in notes[0].get_text()
    assert "8 Maret 2024" in notes[1].get_text() and "14.15 WIB" in notes[1].get_text()
    section = page.select_one("section.ralat")
    assert section.find_next("div", class_="isi") is not None, "the notes come before the body"
    modified = page.find("meta", property="article:modified_time")["content"]
    assert modified == "2024-03-08T14:15:00+07:00"
    assert soup(site / "kim/kim-uji-bagelen/lain/index.html").select_one("section.ralat") is None


def test_json_ld_has_date_modified_and_correction_comments(site: Path) -> None:
    page = soup(site / PAGE)
    graph = json.loads(page.find("script", type="application/ld+json").string)["@graph"]
    news = next(node for node in graph if node["@type"] == "NewsArticle")
    assert news["dateModified"] == "2024-03-08T14:15:00+07:00"
    assert news["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Luas sawah tertulis 12 hektare, seharusnya 21 hektare.",
            "datePublished": "2024-03-06T10:00:00+07:00",
        },
        {
            "@type": "CorrectionComment",
            "text": "Nama ketua kelompok tani tertulis Sutrisno, seharusnya Sutarno.",
            "datePublished": "2024-03-08T14:15:00+07:00",
        },
    ]


def test_atom_entry_is_updated_and_every_format_starts_with_the_notes(site: Path) -> None:
    atom = etree.parse(str(site / "atom.xml"))
    entry = next(e for e in atom.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == "Panen Raya Padi di Bagelen")
    assert entry.findtext(f"{ATOM}updated") == "2024-03-08T14:15:00+07:00"
    assert entry.findtext(f"{ATOM}published") == "2024-03-05T09:30:00+07:00"
    parsed = feedparser.parse((site / "atom.xml").read_bytes())
    atom_html = next(e for e in parsed.entries if e.title == "Panen Raya Padi di Bagelen").content[0].value
    rss = feedparser.parse((site / "rss.xml").read_bytes())
    rss_html = next(e for e in rss.entries if e.title == "Panen Raya Padi di Bagelen").content[0].value
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    item = next(i for i in feed["items"] if i["title"] == "Panen Raya Padi di Bagelen")
    assert item["date_modified"] == "2024-03-08T14:15:00+07:00"
    for content in (atom_html, rss_html, item["content_html"]):
        assert content.startswith("<p><strong>Ralat (Rabu, 6 Maret 2024, 10.00 WIB):</strong> Luas sawah"), content
        assert content.index("seharusnya Sutarno") < content.index("Petani Bagelen memanen")
    other = next(i for i in feed["items"] if i["title"] == "Kerja Bakti Warga")
    assert "Ralat" not in other["content_html"] and "date_modified" not in other


def test_sitemap_lastmod_follows_the_latest_correction(site: Path) -> None:
    sitemap = etree.parse(str(site / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in sitemap.getroot()}
    lastmod = next(value for url, value in urls.items() if url.endswith("/kim/kim-uji-bagelen/panen/"))
    assert lastmod.startswith("2024-03-08")


def test_front_matter_lists_and_editor_objects_are_read_as_notes(tmp_path: Path) -> None:
    text = (
        "---\njudul: Panen\ntanggal: 2024-03-05 09:30\ntopik: pertanian\nralat:\n"
        '  - "2024-03-06 10:00 | Luas 12 hektare, seharusnya 21."\n'
        "  - {catatan: Nama ketua tertulis Sutrisno, tanggal: '2024-03-07 08:00'}\n---\n\nIsi.\n"
    )
    assert [raw.value for raw in parse_header(text).values("corrections")] == [
        "2024-03-06 10:00 | Luas 12 hektare, seharusnya 21.",
        "2024-03-07 08:00 | Nama ketua tertulis Sutrisno",
    ]
    result = check_network(make_network(tmp_path, {"kim/kim-uji-bagelen/2024/panen.md": text}))
    assert result.ok, result.problems.items
    (source,) = result.articles.values()
    assert [note.date.day for note in source.corrections] == [6, 7]


def test_kim_ralat_appends_a_dated_note_that_passes_the_check(tmp_path: Path) -> None:
    content = make_network(tmp_path, {"kim/kim-uji-bagelen/2024/panen.md": CORRECTED})
    path = content / "kim/kim-uji-bagelen/2024/panen.md"
    done = kim("--konten", str(content), "ralat", str(path), "--catatan", "Jumlah petani 40 orang, seharusnya 45.")
    assert done.returncode == 0, done.stderr
    header = parse_header(path.read_text(encoding="utf-8"))
    notes = [raw.value for raw in header.values("corrections")]
    assert len(notes) == 3 and notes[-1].endswith(" WIB | Jumlah petani 40 orang, seharusnya 45.")
    assert header.body.startswith("Petani Bagelen memanen padi bersama.")
    assert check_network(content).ok


def test_kim_ralat_refuses_and_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    content = make_network(tmp_path, {"kim/kim-uji-bagelen/2024/panen.md": CORRECTED})
    path = content / "kim/kim-uji-bagelen/2024/panen.md"
    empty = kim("--konten", str(content), "ralat", str(path), "--catatan", "  ")
    assert empty.returncode == 1 and "Catatan ralat kosong" in empty.stderr
    future = run_kim(
        "--konten", str(content), "ralat", str(path), "--catatan", "Teks.", "--tanggal", "2099-01-01 10:00"
    )
    assert future.returncode == 1
    assert "Ralat tidak disimpan" in future.stderr and "Tanggal ralat 2099-01-01 10:00 masih di masa depan." in (
        future.stderr
    )
    assert path.read_text(encoding="utf-8") == CORRECTED


def test_format_correction_names_the_zone() -> None:
    import datetime as dt

    from warta_core.dates import WITA

    when = dt.datetime(2026, 12, 7, 10, 0, tzinfo=WITA)
    assert format_correction(when, "Nama  tertulis X,\nseharusnya Y.") == (
        "2026-12-07 10:00 WITA | Nama tertulis X, seharusnya Y."
    )


def test_a_correction_added_later_reaches_the_page_and_feeds_on_an_incremental_rebuild(tmp_path: Path) -> None:
    plain = CORRECTED.replace("Ralat: 2024-03-06 10:00 | Luas sawah tertulis 12 hektare, seharusnya 21 hektare.\n", "")
    plain = "".join(line for line in plain.splitlines(keepends=True) if not line.startswith("Ralat:"))
    content = make_network(tmp_path, {"kim/kim-uji-bagelen/2024/panen.md": plain})
    output = tmp_path / "output"
    build_content(content, output)
    assert soup(output / PAGE).select_one("section.ralat") is None
    path = content / "kim/kim-uji-bagelen/2024/panen.md"
    done = kim("--konten", str(content), "ralat", str(path), "--catatan", "Luas sawah 12 hektare, seharusnya 21.")
    assert done.returncode == 0, done.stderr
    build_content(content, output)  # same output and cache: only what changed is written again
    assert "seharusnya 21" in soup(output / PAGE).select_one("section.ralat").get_text()
    feed = json.loads((output / "feed.json").read_text(encoding="utf-8"))  # JSON Feed's full content: the network's
    assert feed["items"][0]["content_html"].startswith("<p><strong>Ralat (")
    assert "date_modified" in feed["items"][0]
