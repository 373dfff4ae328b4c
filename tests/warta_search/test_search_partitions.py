"""The search index in parts: this year's stories in ``pagefind/``, older ones in ``pagefind/arsip/``.

An edit re-indexes only its own part (the other part's files stay the very same files); the parts follow the
build's year (``WARTA_NOW``), so on 1 January last year's stories move to the archive; ``/cari/`` names the
parts it imports and merges, and in Chromium one search lists stories of both parts and mends a typo with
either part's words, and a part that lacks one word of a query adds no loose matches for the others.
``WARTA_SEARCH_PORTALS`` is checked like every setting.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from support.browser import CHROMIUM, serve
from support.site import TEST_ADDRESS, article, build_content, make_network, soup

from warta_core.config_options import Invalid
from warta_search.settings import SCHEMA

IN_2026 = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
IN_2027 = dt.datetime(2027, 1, 2, 12, 0, tzinfo=dt.UTC)
NEW = "kim/kim-uji-bagelen/2026/baru.md"
OLD = "kim/kim-uji-bagelen/2024/lama.md"
FILES = {
    NEW: article("Panen Durian Montong Bagelen", date="2026-03-05 09:30") + "\nPetani durianmontong melihat harimau.\n",
    OLD: article("Lomba Perahu Naga Bagelen", date="2024-03-05 09:30")
    + "\nPerahu naga berlomba di kalibagelen sepanjang hari.\n",
}


def urls(bundle: Path) -> set[str]:
    """The addresses of the pages one part holds, read from its fragments."""
    return {json.loads(gzip.decompress(f.read_bytes())[12:])["url"] for f in (bundle / "fragment").iterdir()}


def inodes(bundle: Path) -> dict[str, int]:
    """Each file of one part (nested parts left out) and its inode: a rebuilt part has new files."""
    return {
        str(path.relative_to(bundle)): path.stat().st_ino
        for path in bundle.rglob("*")
        if path.is_file() and "arsip" not in path.relative_to(bundle).parts
    }


def build(content: Path, output: Path, now: dt.datetime) -> None:
    build_content(content, output, CACHE_PATH=str(output) + ".cache", WARTA_NOW=now)


@pytest.fixture
def network(tmp_path: Path) -> tuple[Path, Path]:
    content, output = make_network(tmp_path, FILES), tmp_path / "output"
    build(content, output, IN_2026)
    return content, output


def test_this_years_stories_and_the_archive_are_separate_parts(network) -> None:
    _content, output = network
    assert urls(output / "pagefind") == {"/kim/kim-uji-bagelen/baru/"}
    assert urls(output / "pagefind" / "arsip") == {"/kim/kim-uji-bagelen/lama/"}
    assert (output / "pagefind" / "kata" / "d.json").is_file() and (output / "pagefind" / "arsip" / "kata").is_dir()
    form = soup(output / "cari" / "index.html").select_one("form#cari")
    assert (form["data-indeks"], form["data-gabung"], form["data-situs"]) == ("/pagefind/", "/pagefind/arsip/", "/")
    assert not list(output.glob(".cari-*")) and not list(output.glob(".pagefind*")), "throw-away folders were left"


def test_an_edit_re_indexes_only_its_own_part(network) -> None:
    content, output = network
    current, archive = inodes(output / "pagefind"), inodes(output / "pagefind" / "arsip")
    story = content / NEW
    story.write_text(story.read_text(encoding="utf-8") + "\nKata baru: rambutanrapiah.\n", encoding="utf-8")
    build(content, output, IN_2026)
    assert inodes(output / "pagefind" / "arsip") == archive, "an edit of this year's story re-indexed the archive"
    assert set(inodes(output / "pagefind").values()).isdisjoint(current.values()), "this year's part was kept"
    assert "rambutanrapiah" in (output / "pagefind" / "kata" / "r.json").read_text(encoding="utf-8")

    current = inodes(output / "pagefind")
    story = content / OLD
    story.write_text(story.read_text(encoding="utf-8") + "\nKata lama: salakpondoh.\n", encoding="utf-8")
    build(content, output, IN_2026)
    assert inodes(output / "pagefind") == current, "an edit of an archived story re-indexed this year's part"
    assert "salakpondoh" in (output / "pagefind" / "arsip" / "kata" / "s.json").read_text(encoding="utf-8")


def test_a_new_story_leaves_the_archive_index_alone_though_older_pages_link_to_it(tmp_path: Path) -> None:
    """A KIM's new story changes its previous story's page (the "next story" link), not what Pagefind reads."""
    metro_old = "kim/kim-uji-metro/2025/pasar.md"
    content = make_network(tmp_path, {**FILES, metro_old: article("Pasar Murah Metro", date="2025-11-20 08:00")})
    output = tmp_path / "output"
    build(content, output, IN_2026)
    archive, old_page = inodes(output / "pagefind" / "arsip"), (output / "kim/kim-uji-metro/pasar/index.html")
    before = old_page.read_bytes()
    (content / "kim/kim-uji-metro/2026").mkdir()
    (content / "kim/kim-uji-metro/2026/kopi.md").write_text(article("Kopi Robusta Metro", date="2026-05-02 08:00"))
    build(content, output, IN_2026)
    assert old_page.read_bytes() != before and b"Kopi Robusta Metro" in old_page.read_bytes(), "premise: it links"
    assert inodes(output / "pagefind" / "arsip") == archive, "a new story of this year re-indexed the archive"
    assert "/kim/kim-uji-metro/kopi/" in {url.removeprefix(TEST_ADDRESS) for url in urls(output / "pagefind")}


def test_on_new_year_last_years_stories_move_to_the_archive(network) -> None:
    content, output = network
    build(content, output, IN_2027)
    assert urls(output / "pagefind" / "arsip") == {
        "/kim/kim-uji-bagelen/baru/",
        "/kim/kim-uji-bagelen/lama/",
    }
    assert sorted(p.name for p in (output / "pagefind").iterdir()) == ["arsip"], "2026's part outlived 2026"
    form = soup(output / "cari" / "index.html").select_one("form#cari")
    assert (form["data-indeks"], form["data-gabung"]) == ("/pagefind/arsip/", "")


def test_a_rebuild_gives_the_clean_builds_index(network, tmp_path: Path) -> None:
    content, output = network
    story = content / NEW
    story.write_text(story.read_text(encoding="utf-8") + "\nKata baru: rambutanrapiah.\n", encoding="utf-8")
    build(content, output, IN_2026)
    clean = tmp_path / "bersih"
    build(content, clean, IN_2026)
    for part in ("pagefind", "pagefind/arsip"):
        assert urls(output / part) == urls(clean / part)
        words = {p.name: p.read_bytes() for p in (output / part / "kata").iterdir()}
        assert words == {p.name: p.read_bytes() for p in (clean / part / "kata").iterdir()}, f"{part}/kata differs"
        kinds = {p.parent.name for p in (output / part).rglob("*.pf_*")}  # Pagefind's own files vary in order
        assert kinds == {p.parent.name for p in (clean / part).rglob("*.pf_*")}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("https://kab.example/", "harus daftar alamat portal"),
        (["ftp://kab.example/"], "isian ke-1 ('ftp://kab.example/') bukan alamat"),
        (['https://kab.example/" onload="x'], "isian ke-1"),
        ([f"https://kab{n}.example/" for n in range(51)], "paling banyak 50 portal"),
    ],
)
def test_portal_list_refuses_what_is_not_a_portal_address(value: object, message: str) -> None:
    option = next(option for option in SCHEMA if option.name == "WARTA_SEARCH_PORTALS")
    with pytest.raises(Invalid, match="WARTA_SEARCH_PORTALS") as refused:
        option.check(value)
    assert message in refused.value.message
    assert option.check(["https://kab.example/warta", "https://kab.example/warta/"]) == ("https://kab.example/warta/",)


@pytest.mark.slow
def test_one_search_finds_stories_of_both_parts_and_mends_with_either(network, tmp_path: Path) -> None:
    from support.cdp import Browser

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium package")
    _content, output = network
    site = tmp_path / "situs"
    shutil.copytree(output, site)
    links = "(l => l.length && l)([...document.querySelectorAll('#hasil li h2 a')].map(a => a.getAttribute('href')))"
    with serve(site, tmp_path / "http.log") as base_url, Browser(tmp_path / "chromium") as browser:
        browser.navigate(f"{base_url}cari/?q={quote('bagelen')}")
        found = browser.wait_for(links, what="results of both parts")
        assert sorted(found) == ["/kim/kim-uji-bagelen/baru/", "/kim/kim-uji-bagelen/lama/"]
        filters = browser.evaluate("[...document.querySelectorAll('#saring-tahun option')].map(o => o.value)")
        assert filters == ["", "2026", "2024"], "the year filter does not count both parts"
        # An index that lacks a word matches it loosely ("hari" for "harimau") or leaves it out of a longer
        # query: the archive, which has neither word, must add nothing.
        browser.navigate(f"{base_url}cari/?q=harimau")
        assert browser.wait_for(links, what="the story with the word") == ["/kim/kim-uji-bagelen/baru/"]
        browser.navigate(f"{base_url}cari/?q={quote('bagelen durianmontong')}")
        assert browser.wait_for(links, what="the story with both words") == ["/kim/kim-uji-bagelen/baru/"]
        browser.navigate(f"{base_url}cari/?q=kalibagelan")  # a typo of a word only the archive has
        assert browser.wait_for(links, what="the archive's word mended") == ["/kim/kim-uji-bagelen/lama/"]
