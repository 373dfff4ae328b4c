"""Federation: feeds of other Warta KIM portals map exactly, and a national portal aggregates kabupaten portals.

Fast tests: category terms are read from real feed bytes and re-checked from the cache; desa codes and topic
slugs map exactly inside the partner's coverage (names only as a fallback); regions with partner news get
wilayah pages. The slow tests run ``scripts/federation.py`` at a tiny size: real kabupaten builds in separate
processes, one local HTTP server, a real ``kim ambil`` and ``kim bangun`` of the national portal; then one
kabupaten portal withdraws a story and corrects another (``scripts/federation_upstream.py``), and the national
portal, fetching and building again, must show neither the withdrawn story nor the old text.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from support.site import ROOT, build_content, make_network, soup

from warta_core.validation import check_network
from warta_partners.cache import FeedState, PartnerCache
from warta_partners.config import Partner, PartnerConfig
from warta_partners.entries import MAX_CATEGORIES, Entry
from warta_partners.index import build_partner_index
from warta_partners.normalise import entry_key, parse_feed

sys.path.insert(0, str(ROOT / "scripts"))
from federation import NATIONAL, run_federation
from federation_upstream import EXPLANATION

NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)
PURWOREJO_PAGE = "wilayah/lampung/kabupaten-pesawaran/negeri-katon/purworejo/index.html"
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Kecamatan Negeri Katon</title><id>urn:uji</id>
<updated>2026-11-20T08:00:00+07:00</updated>
<entry><id>tag:uji,2026:1</id><title>Panen kakao</title><link href="https://kab.example/kim/a/panen/"/>
<updated>2026-11-20T08:00:00+07:00</updated>
<category term="pertanian" label="Pertanian" scheme="https://kab.example/topik/"/>
<category term="18.09.02.2003" label="Desa Purworejo" scheme="https://kab.example/wilayah/"/>
<category term="pertanian"/>
<category term="  18.09.02.2010\u202e "/>
<category term="{long}"/>
{many}
</entry>
<entry><id>tag:uji,2026:2</id><title>Tanpa kategori</title><updated>2026-11-20T08:00:00+07:00</updated></entry>
</feed>
"""
RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>RSS</title><item><title>Panen</title><guid>r1</guid>
<category domain="https://kab.example/topik/">Pertanian</category><category>Desa Purworejo</category></item>
</channel></rss>
"""


def test_category_terms_are_read_as_bounded_plain_text() -> None:
    many = "\n".join(f'<category term="istilah-{n}"/>' for n in range(40))
    body = ATOM.format(long="x" * 65, many=many).encode()
    entries = parse_feed(body, "application/atom+xml", "https://kab.example/", "uji", NOW, 200).entries
    first, second = entries
    assert first.categories[:3] == ["pertanian", "18.09.02.2003", "18.09.02.2010"], "once each, cleaned"
    assert len(first.categories) == MAX_CATEGORIES and first.categories[-1] == "istilah-16"
    assert all(len(term) <= 64 for term in first.categories), "a 65-character term is dropped"
    assert second.categories == []
    rss = parse_feed(RSS.encode(), "application/rss+xml", "https://kab.example/", "uji", NOW, 200).entries
    assert rss[0].categories == ["Pertanian", "Desa Purworejo"], "RSS carries labels, which map by name only"


@pytest.mark.parametrize(
    ("cached", "expected"),
    [
        (["18.09.02.2003", "pertanian"], ["18.09.02.2003", "pertanian"]),
        ("18.09.02.2003", []),
        ({"term": "18.09"}, []),
        ([1, None, ["18.09"], "x" * 65, "ok"], ["ok"]),
        (["a\u0000b", "a\u0000b", "ab"], ["ab"]),
        ([f"t{n}" for n in range(500)], [f"t{n}" for n in range(MAX_CATEGORIES)]),
    ],
)
def test_cached_categories_are_checked_again(cached, expected) -> None:
    data = Entry(entry_key("uji", "1"), "1", "Judul", None, NOW, False, NOW).to_dict()
    data["categories"] = cached
    assert Entry.from_dict(data).categories == expected


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    return check_network(make_network(tmp_path_factory.mktemp("jaringan"))).network


def mapped(network, tmp_path: Path, partner: Partner, entry: Entry):
    cache = PartnerCache(str(tmp_path / "_mitra"))
    cache.save(FeedState(partner.id, entries=[entry]))
    index = build_partner_index(PartnerConfig([partner], {}), network, cache, "Asia/Jakarta", 4, images=False)
    item = index.latest()[0]
    return [region.code for region in item.regions], [topic.slug for topic in item.topics]


@pytest.mark.parametrize(
    ("coverage", "terms", "text", "expected"),
    [
        (("18.09",), ["18.09.02.2003"], "Kabar dari Desa Bagelen, Kecamatan Gedong Tataan.", ["18.09.02.2003"]),
        (("18.09",), ["18.72.01.1001"], "Warga Desa Purworejo, Kecamatan Negeri Katon.", ["18.09.02.2003"]),
        (("18.09",), ["18.72.01.1001"], "Kabar dari Kota Metro.", []),
        (("18.09",), ["18.09.99.2999"], "Pelatihan di Desa Bagelen, Kecamatan Gedong Tataan.", ["18.09.01.2007"]),
        ((), ["18.09.01.2007"], "Desa Bagelen, Kecamatan Gedong Tataan.", []),
        (("18.09",), ["18.09", "18.09.02.2003", "18.09.01.2007", "18.09.02"], "", ["18.09.01.2007", "18.09.02.2003"]),
        (("18.09.02",), ["18.09.01.2007", "18.09.02.2003"], "", ["18.09.02.2003"]),
        (("18.09",), ["Desa Purworejo"], "Kabar dari Desa Bagelen, Kecamatan Gedong Tataan.", ["18.09.01.2007"]),
        (("14.07",), ["14.07.06.1007"], "Nelayan Desa Panipahan Laut melaut.", ["14.07.06.1007"]),
    ],
)
def test_region_codes_map_exactly_inside_the_coverage(network, tmp_path, coverage, terms, text, expected) -> None:
    partner = Partner("kab", "Portal Kabupaten", "https://kab.example/", "https://kab.example/atom.xml", coverage)
    entry = Entry(entry_key("kab", "1"), "1", "Kabar warga", None, NOW, False, NOW, text=text, categories=terms)
    assert mapped(network, tmp_path, partner, entry)[0] == expected


@pytest.mark.parametrize(
    ("defaults", "terms", "title", "expected"),
    [
        ((), ["pertanian"], "Rapat warga", ["pertanian"]),
        ((), ["Pertanian", "tani"], "Rapat warga", []),
        ((), ["kesehatan", "18.09.02.2003"], "Panen padi", ["kesehatan", "pertanian"]),
        (("budaya",), ["kesehatan", "budaya"], "Rapat warga", ["budaya", "kesehatan"]),
    ],
)
def test_topic_slugs_map_exactly_beside_keywords(network, tmp_path, defaults, terms, title, expected) -> None:
    partner = Partner("kab", "Portal", "https://kab.example/", "https://kab.example/atom.xml", ("18.09",), defaults)
    entry = Entry(entry_key("kab", "1"), "1", title, None, NOW, False, NOW, categories=terms)
    assert mapped(network, tmp_path, partner, entry)[1] == expected


def test_regions_with_partner_news_get_wilayah_pages_without_a_kim(tmp_path: Path) -> None:
    mitra = (
        "- id: kab\n  nama: Portal Pesawaran\n  beranda: https://kab.example/\n"
        '  umpan: https://kab.example/atom.xml\n  wilayah: ["18.09"]\n'
    )
    content = make_network(tmp_path, {"_data/mitra.yml": mitra})
    entry = Entry(
        entry_key("kab", "1"), "tag:kab.example,2026:1", "Panen kakao <b>Purworejo</b>", "https://kab.example/kim/a/1/",
        NOW, False, NOW, categories=["18.09.02.2003", "pertanian"],
    )  # fmt: skip
    PartnerCache(str(content / "_mitra")).save(FeedState("kab", entries=[entry]))
    output = tmp_path / "output"
    build_content(content, output)
    page = soup(output / PURWOREJO_PAGE)
    links = page.select(".berita-mitra .ringkas-judul a")
    assert [a.get_text() for a in links] == ["Panen kakao <b>Purworejo</b>"], "escaped text, never markup"
    assert links[0]["href"] == "https://kab.example/kim/a/1/"
    kabupaten = soup(output / "wilayah/lampung/kabupaten-pesawaran/index.html")
    assert "Kecamatan Negeri Katon" in [a.get_text() for a in kabupaten.select(".daftar-wilayah a")], (
        "listed under its parent"
    )
    assert not (output / "wilayah/lampung/kabupaten-pesawaran/gedong-tataan/gedung-tataan").exists(), "no news"
    topic = soup(output / "topik/pertanian/index.html")
    assert [a["href"] for a in topic.select(".berita-mitra .ringkas-judul a")] == ["https://kab.example/kim/a/1/"]


@pytest.fixture(scope="module")
def federation(tmp_path_factory):
    root = tmp_path_factory.mktemp("federasi")
    return root, run_federation(root, articles=60, kims=12, jobs=2)


def kabupaten_terms(site: Path, codes) -> dict[str, set[str]]:
    """Every kabupaten article's address -> its category terms, read from each portal's own Atom feed."""
    terms = {}
    for code in codes:
        for item in feedparser.parse((site / code / "atom.xml").read_bytes()).entries:
            terms[item.link] = {tag.term for tag in item.tags}
    return terms


@pytest.mark.slow
def test_national_portal_aggregates_kabupaten_portals(federation) -> None:
    root, figures = federation
    site = root / "situs"
    assert figures.kabupaten_portals >= 2 and sum(figures.kabupaten_articles.values()) == 60
    assert figures.entries_aggregated == 60 and figures.exact_desa_entries == 60
    assert figures.kecamatan_feeds >= figures.kabupaten_portals and figures.region_pages > figures.desa_pages
    terms = kabupaten_terms(site, figures.kabupaten_build_seconds)
    assert len(terms) == 60 - 1, "the kabupaten feeds, read at the end, no longer list the withdrawn story"
    national = site / NATIONAL
    assert not list((national / "kim").glob("*/index.html")), "the national portal has no KIMs of its own"
    desa_pages = [p for p in (national / "wilayah").glob("*/*/*/*/index.html")]
    assert len(desa_pages) == figures.desa_pages >= 10
    link_pattern = re.compile(r"^http://127\.0\.0\.1:\d+/(\d\d\.\d\d)/kim/kim-\d{5}/berita-\d{6}/$")
    shown = set()
    for path in desa_pages:
        page = soup(path)
        code = re.search(r"Kode wilayah (?:Kemendagri )?([\d.]+)", page.select_one(".meta").get_text()).group(1)
        links = [a["href"] for a in page.select(".berita-mitra .ringkas-judul a")]
        assert links, path
        for link in links:
            kabupaten = link_pattern.match(link).group(1)
            assert code.startswith(kabupaten + ".") and code in terms[link], (path, link)
            assert (site / kabupaten / link.split(f"/{kabupaten}/", 1)[1] / "index.html").exists(), link
        shown.update(links)
    assert len(shown) >= 30, "the desa pages together show most of the network's news"
    topic_pages = list((national / "topik").glob("*/index.html"))
    assert len(topic_pages) >= 5 and figures.exact_topic_entries == 60, "every entry has its own topics"
    for path in topic_pages:
        links = [a["href"] for a in soup(path).select(".berita-mitra .ringkas-judul a")]
        assert links and all(link in terms for link in links), path


def national_pages(national: Path) -> dict[str, BeautifulSoup]:
    """Every page of the national portal, by path (the status page apart: it names what was removed)."""
    return {
        path.relative_to(national).as_posix(): soup(path)
        for path in national.rglob("*.html")
        if path.relative_to(national).parts[:2] != ("mitra", "status")
    }


@pytest.mark.slow
def test_withdrawal_and_correction_travel_down_to_the_national_portal(federation) -> None:
    root, figures = federation
    upstream = figures.upstream
    national = root / "situs" / NATIONAL
    assert figures.entries_aggregated == 60, "the first aggregation had every story, the withdrawn one included"
    kecamatan_feeds = (root / "situs" / upstream.kabupaten / "wilayah").rglob("atom.xml")
    assert any("<at:deleted-entry" in feed.read_text(encoding="utf-8") for feed in kecamatan_feeds)
    assert (upstream.removed_entries, upstream.revised_entries) == (1, 1)
    cache = PartnerCache(str(root / NATIONAL / "content" / "_mitra"))
    assert sum(len(state.entries) for state in cache.states()) == 59
    pages = national_pages(national)
    assert len(pages) > 30
    for name, page in pages.items():
        text = page.get_text(" ")
        assert not page.select(f'a[href="{upstream.withdrawn_link}"]'), name
        assert upstream.withdrawn_title not in text, name
        assert upstream.old_title not in text and upstream.old_summary not in text, name
    listing = pages["mitra/index.html"]
    [corrected] = [a for a in listing.select(".ringkas-judul a") if a["href"] == upstream.corrected_link]
    assert corrected.get_text(strip=True) == upstream.new_title
    assert upstream.new_summary in corrected.find_parent("li").get_text(" ")
    status = soup(national / "mitra" / "status" / "index.html")
    [removal] = status.select(".daftar-dicabut li")
    text = removal.get_text(" ", strip=True)
    assert text.startswith(f"“{upstream.withdrawn_title}”, dicabut")
    assert text.endswith("Alasan dari sumber: Berita dicabut: Melindungi masa depan anak. " + EXPLANATION)


@pytest.mark.slow
def test_national_search_finds_stories_of_two_kabupaten_portals(federation) -> None:
    root, figures = federation
    if figures.search is None:
        pytest.skip("Chromium is absent: install Debian's chromium package")
    national = root / "situs" / NATIONAL
    form = soup(national / "cari" / "index.html").select_one("form#cari")
    portals = form["data-portal"].split()
    assert len(portals) == figures.kabupaten_portals and all(p.startswith("http://127.0.0.1:") for p in portals)
    assert not (national / "pagefind").exists(), "the kabupaten feeds' items were indexed twice on the national portal"
    search = figures.search
    assert "berita ditemukan" in search.status, search
    assert len(search.portals) >= 2, f"/cari/?q={search.query} listed stories of {search.portals} only: {search}"
    for link in search.links:  # each result leads to the story on its own kabupaten portal
        kabupaten = re.match(r"^http://127\.0\.0\.1:\d+/(\d\d\.\d\d)/kim/", link).group(1)
        assert (root / "situs" / kabupaten / link.split(f"/{kabupaten}/", 1)[1] / "index.html").exists(), link
