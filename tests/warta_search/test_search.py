"""Search at /cari/: the Pagefind index of the demo, the page, and real searches in Chromium.

The index holds articles only (``data-pagefind-body``), in Indonesian, with the
kabupaten/kota, KIM, topic and year filters; ``/cari/?q=…`` runs the search
from the address. A build without the Pagefind program still succeeds and
says so in Indonesian.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
import shutil
from pathlib import Path

import pytest
from support.browser import CHROMIUM, serve
from support.site import ROOT, article, build_content, build_network, make_network, soup

from warta_search import indexer

# The build's year is the stories' (2024): they go into the main part of the index, pagefind/ (partitions.py).
IN_2024 = {"WARTA_NOW": dt.datetime(2024, 12, 1, 12, 0, tzinfo=dt.UTC)}


def published_articles(output: Path) -> list[Path]:
    """Article pages of a build: kim/<kim>/<slug>/index.html, less withdrawn stories' notices (noindex)."""
    return sorted(
        path
        for path in output.glob("kim/*/*/index.html")
        if path.parent.name != "page" and 'name="robots" content="noindex"' not in path.read_text(encoding="utf-8")
    )


@pytest.mark.slow
def test_demo_index_holds_every_article_in_indonesian(demo_output: Path) -> None:
    """Both parts together (this year's in pagefind/, older ones in pagefind/arsip/) hold every article once."""
    parts = [demo_output / "pagefind", demo_output / "pagefind" / "arsip"]
    indexed = 0
    for part in parts:
        entry = json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == ["id"], f"{part} is not Indonesian only: {entry['languages']}"
        indexed += entry["languages"]["id"]["page_count"]
    articles = published_articles(demo_output)
    assert len(articles) > 20
    partner_items = indexed - len(articles)  # partner news joins through throw-away pages (test_search_partners)
    urls = {"/" + path.parent.relative_to(demo_output).as_posix() + "/" for path in articles}
    fragments = [
        json.loads(gzip.decompress(f.read_bytes())[12:]) for part in parts for f in (part / "fragment").iterdir()
    ]
    own = [f["url"] for f in fragments if "mitra" not in f["meta"]]
    assert sorted(own) == sorted(urls), "the index is not the articles, each once"
    assert sum("mitra" in f["meta"] for f in fragments) == partner_items > 0
    for part in parts:
        for unused in indexer.UNUSED_FILES:
            assert not (part / unused).exists(), f"{part}/{unused} is published but never used"


@pytest.mark.slow
def test_search_page_works_without_javascript_as_a_signpost(demo_output: Path) -> None:
    page = soup(demo_output / "cari" / "index.html")
    form = page.select_one("form#cari")
    assert form is not None and form["action"] == "/cari/" and form["method"] == "get"
    assert form.select_one('input[name="q"]') is not None
    links = {a["href"] for a in page.select("noscript a")}
    assert {"/kim/", "/wilayah/", "/topik/"} <= links
    scripts = [script.get("src") for script in page.find_all("script") if script.get("type") != "application/ld+json"]
    assert scripts == ["/theme/js/cari.js"]
    home = soup(demo_output / "index.html")
    assert [a.get_text() for a in home.select("nav.kepala a, header.kepala nav a") if a["href"] == "/cari/"] == ["Cari"]


def test_build_without_pagefind_says_so_in_indonesian(caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    with caplog.at_level(logging.WARNING, logger="warta_search"):
        output = build_network(tmp_path, WARTA_SEARCH_PAGEFIND="/tidak/ada/pagefind")
    assert (output / "cari" / "index.html").is_file() and (output / "index.html").is_file()
    assert not (output / "pagefind").exists()
    messages = [r.getMessage() for r in caplog.records if r.name == "warta_search"]
    assert any("Pagefind tidak ditemukan di /tidak/ada/pagefind" in m and "pagefind-bin" in m for m in messages)


def test_rebuilt_index_replaces_the_old_one(tmp_path: Path) -> None:
    output = build_network(tmp_path, {"kim/kim-uji-bagelen/2024/a.md": article("Panen Kopi Bagelen")}, **IN_2024)
    stale = output / "pagefind" / "fragment" / "lama.pf_fragment"
    stale.write_bytes(b"old")
    indexer.build_index(str(output), indexer.pagefind_program(""), "kim/*/*/index.html")
    assert not stale.exists(), "files of an earlier index survived a rebuild"
    assert not (output / indexer.STAGING).exists()
    assert (output / "favicon.ico").is_file() and (output / "apple-touch-icon.png").is_file()


def demo_title_word(demo_output: Path) -> tuple[str, str]:
    """A rare long word of one demo article's title, and that article's address."""
    for path in published_articles(demo_output):
        title = soup(path).h1.get_text()
        words = [w.strip(",.:;!?\"'()").lower() for w in title.split()]
        long_words = [w for w in words if len(w) >= 7 and w.isalpha()]
        if long_words:
            return long_words[0], "/" + path.parent.relative_to(demo_output).as_posix() + "/"
    raise AssertionError("no demo title has a long word")


@pytest.mark.slow
def test_typing_a_title_word_lists_its_article(demo_output: Path, tmp_path: Path) -> None:
    from support.cdp import Browser

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium package")
    word, url = demo_title_word(demo_output)
    site = tmp_path / "situs"
    shutil.copytree(demo_output, site)
    links = "[...document.querySelectorAll('#hasil a')].map(a => new URL(a.href).pathname)"
    with serve(site, tmp_path / "http.log") as base_url, Browser(tmp_path / "chromium") as browser:
        browser.navigate(base_url + "cari/")
        browser.wait_for("document.querySelector('#saring select')", what="the filters Pagefind lists")
        browser.focus("document.getElementById('q')")
        browser.type(word)
        found = browser.wait_for(f"(l => l.length && l)({links})", what=f"results for {word!r}")
        assert url in found, f"searching {word!r} listed {found}, not {url}"
        assert browser.evaluate("location.search") == f"?q={word}", "the address does not hold the query"
        # The address is a link: opening it runs the same search.
        browser.navigate(f"{base_url}cari/?q={word}")
        assert url in browser.wait_for(f"(l => l.length && l)({links})", what=f"results for ?q={word}")
        filters = browser.evaluate("[...document.querySelectorAll('#saring select')].map(s => s.name)")
        assert filters == ["kabupaten", "kim", "topik", "tahun"]
        # A filter alone narrows to one year.
        browser.navigate(f"{base_url}cari/?tahun=2019")
        browser.wait_for("document.getElementById('status').textContent.includes('ditemukan')", what="2019 results")


def test_index_is_rebuilt_only_when_article_pages_change(tmp_path: Path) -> None:
    """Pagefind reads every article page, so a rebuild that changed none of them keeps the index as it is."""
    content = make_network(tmp_path, {"kim/kim-uji-bagelen/2024/a.md": article("Panen Kopi Bagelen")})
    output, cache = tmp_path / "output", str(tmp_path / "output.cache")
    build_content(content, output, CACHE_PATH=cache, **IN_2024)
    entry = output / "pagefind" / "pagefind-entry.json"
    first = entry.stat().st_ino
    build_content(content, output, CACHE_PATH=cache, **IN_2024)
    draft = content / "kim" / "kim-uji-bagelen" / "2024" / "draf.md"
    draft.write_text(
        article("Masih Draf", date="2024-03-06 10:00", Status="draf"), encoding="utf-8"
    )  # no published page changes
    build_content(content, output, CACHE_PATH=cache, **IN_2024)
    assert entry.stat().st_ino == first, "a rebuild without any changed article page re-ran Pagefind"

    story = content / "kim" / "kim-uji-bagelen" / "2024" / "a.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nKata pencarian baru: durianmontong.\n", encoding="utf-8")
    build_content(content, output, CACHE_PATH=cache, **IN_2024)
    assert entry.stat().st_ino != first, "an edited article page did not re-index"
    second = entry.stat().st_ino

    (output / "pagefind" / "fragment").rename(tmp_path / "hilang")  # an index damaged or replaced by hand
    for stamp in Path(cache).glob("warta-search-*.json"):
        stamp.unlink()  # ... or a build killed while Pagefind ran: no stamp matches, so it indexes again
    build_content(content, output, CACHE_PATH=cache, **IN_2024)
    assert entry.stat().st_ino != second and (output / "pagefind" / "fragment").is_dir()


def test_index_holds_article_pages_only(tmp_path: Path) -> None:
    output = build_network(tmp_path, {"kim/kim-uji-bagelen/2024/a.md": article("Panen Kopi Bagelen")}, **IN_2024)
    assert indexer.indexed_pages(str(output / "pagefind")) == len(published_articles(output)) == 1


def test_network_without_articles_has_no_index_and_the_page_says_so(tmp_path: Path) -> None:
    output = build_network(tmp_path)
    assert not (output / "pagefind").exists()
    assert "belum tersedia" in (ROOT / "theme" / "static" / "js" / "cari.js").read_text(encoding="utf-8")
