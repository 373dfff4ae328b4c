"""Which feeds carry the whole article, and how the body travels (issue 17).

Network, provinsi, kabupaten/kota, KIM, topic and fact-check feeds carry the
body in all three formats; kecamatan and desa feeds carry title, summary,
cover, categories and link only. The body is sanitised HTML written once:
a CDATA section in Atom and RSS (a ``]]>`` inside is split), raw in JSON
Feed except ``</``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree
from support.feed_checks import atom_problems, json_feed_problems, rss_problems
from support.site import article, build_content, make_network, soup

from warta_syndication.formats import FeedMeta, atom_feed, cdata, json_feed, rss_feed
from warta_syndication.items import Category, FeedItem, Image

KIM_FOLDER = "kim/kim-uji-bagelen"
BODY_MARK = "Isi lengkap penanda-badan"
SUMMARY = "Posyandu Bagelen menimbang 40 balita."
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><title>t</title></svg>'
DESA = "wilayah/lampung/kabupaten-pesawaran/gedong-tataan/bagelen/"
KECAMATAN = "wilayah/lampung/kabupaten-pesawaran/gedong-tataan/"
SUMMARY_FEEDS = {"desa": DESA, "kecamatan": KECAMATAN}
FULL_FEEDS = {
    "jaringan": "",
    "provinsi": "wilayah/lampung/",
    "kabupaten": "wilayah/lampung/kabupaten-pesawaran/",
    "kim": f"{KIM_FOLDER}/",
    "topik": "topik/kesehatan/",
}
JSON_FULL_FEEDS = {"", "wilayah/lampung/kabupaten-pesawaran/"}  # JSON Feed: network and kabupaten/kota only
A = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
THUMBNAIL = "{http://search.yahoo.com/mrss/}thumbnail"
BASE = "http://127.0.0.1:8000/"
COVER = f"{BASE}{KIM_FOLDER}/gambar/sampul.svg"
ARTICLE_URL = f"{BASE}{KIM_FOLDER}/posyandu/"


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One article with cover, summary and two topics in Desa Bagelen, plus one whose body holds ``]]>``."""
    root = tmp_path_factory.mktemp("isi-umpan")
    text = article(
        "Posyandu Bagelen", "2024-03-05 09:30", "kesehatan, budaya", Ringkasan=SUMMARY,
        Gambar="gambar/sampul.svg", Deskripsi_Gambar="Balai desa",
    ).replace("Isi berita uji.", f"{BODY_MARK}. <b>Tebal</b> &")  # fmt: skip
    brackets = article("Kurung", "2024-03-04 08:00").replace("Isi berita uji.", "Kode a[b[c]]> selesai.")
    files = {
        f"{KIM_FOLDER}/2024/posyandu.md": text,
        f"{KIM_FOLDER}/2024/kurung.md": brackets,
        f"{KIM_FOLDER}/gambar/sampul.svg": SVG,
    }
    content = make_network(root, files)
    built = root / "output"
    build_content(content, built)
    return built


def atom_entry(output: Path, url: str) -> etree._Element:
    return etree.parse(str(output / url / "atom.xml")).find(f"{A}entry")


def rss_item(output: Path, url: str) -> etree._Element:
    return etree.parse(str(output / url / "rss.xml")).find("channel/item")


def json_item(output: Path, url: str) -> dict:
    return json.loads((output / url / "feed.json").read_bytes())["items"][0]


@pytest.mark.parametrize("url", SUMMARY_FEEDS.values(), ids=list(SUMMARY_FEEDS))
def test_kecamatan_and_desa_feeds_carry_summary_cover_categories_and_link_only(output: Path, url: str) -> None:
    entry = atom_entry(output, url)
    assert entry.findtext(f"{A}title") == "Posyandu Bagelen"
    assert entry.findtext(f"{A}summary") == SUMMARY
    links = {link.get("rel", "alternate"): link.get("href") for link in entry.findall(f"{A}link")}
    assert links == {"alternate": ARTICLE_URL, "enclosure": COVER}
    assert {c.get("term") for c in entry.findall(f"{A}category")} == {"kesehatan", "budaya", "18.09.01.2007"}
    assert entry.find(f"{A}content") is None
    assert entry.findtext(f"{A}source/{A}title") == "KIM Uji Bagelen"

    item = rss_item(output, url)
    assert (item.findtext("title"), item.findtext("link"), item.findtext("description")) == (
        "Posyandu Bagelen", ARTICLE_URL, SUMMARY,
    )  # fmt: skip
    assert item.find("enclosure").get("url") == item.find(THUMBNAIL).get("url") == COVER
    assert [c.text for c in item.findall("category")] == ["Kesehatan", "Budaya", "Desa Bagelen"]
    assert item.find(CONTENT) is None

    data = json_item(output, url)
    assert (data["title"], data["url"], data["image"]) == ("Posyandu Bagelen", ARTICLE_URL, COVER)
    assert data["content_text"] == SUMMARY and "summary" not in data, "the summary is the item's content, once"
    assert data["tags"] == ["Kesehatan", "Budaya", "Desa Bagelen"]
    assert "content_html" not in data

    for name in ("atom.xml", "rss.xml", "feed.json"):
        assert BODY_MARK.encode() not in (output / url / name).read_bytes(), (url, name)
    parsed = feedparser.parse((output / url / "atom.xml").read_bytes()).entries[0]
    assert parsed.summary == SUMMARY and "content" not in parsed


@pytest.mark.parametrize("url", FULL_FEEDS.values(), ids=list(FULL_FEEDS))
def test_network_provinsi_kabupaten_kim_and_topic_feeds_carry_the_body(output: Path, url: str) -> None:
    entry = atom_entry(output, url)
    content = entry.find(f"{A}content")
    assert content.get("type") == "html" and entry.findtext(f"{A}summary") == SUMMARY
    html = BeautifulSoup(content.text, "html.parser")
    assert BODY_MARK in html.get_text() and html.find("b").get_text() == "Tebal"
    assert html.select_one("em a")["href"] == ARTICLE_URL, "the attribution links the original"
    rss = BeautifulSoup(rss_item(output, url).findtext(CONTENT), "html.parser")
    assert BODY_MARK in rss.get_text() and rss.select_one("em a")["href"] == ARTICLE_URL
    data = json_item(output, url)
    if url in JSON_FULL_FEEDS:
        assert BODY_MARK in BeautifulSoup(data["content_html"], "html.parser").get_text()
        assert data["summary"] == SUMMARY and "content_text" not in data
    else:  # provinsi, KIM and topic JSON Feeds: the summary as the content, once
        assert data["content_text"] == SUMMARY and "content_html" not in data and "summary" not in data
        assert BODY_MARK.encode() not in (output / url / "feed.json").read_bytes()
    own_feed = url == f"{KIM_FOLDER}/"  # the channel is the source: items do not repeat it
    assert (entry.find(f"{A}source") is None) is own_feed
    assert (rss_item(output, url).find("source") is None) is own_feed
    assert ("_warta" not in data) is own_feed


def test_every_feed_stays_valid(output: Path) -> None:
    folders = sorted(path.parent for path in output.rglob("atom.xml"))
    assert len(folders) >= len(SUMMARY_FEEDS) + len(FULL_FEEDS)
    for folder in folders:
        assert atom_problems((folder / "atom.xml").read_bytes()) == [], folder
        assert rss_problems((folder / "rss.xml").read_bytes()) == [], folder
        assert json_feed_problems((folder / "feed.json").read_bytes()) == [], folder


def test_written_brackets_survive_the_cdata_section(output: Path) -> None:
    entries = etree.parse(str(output / "atom.xml")).findall(f"{A}entry")
    body = next(e for e in entries if e.findtext(f"{A}title") == "Kurung").findtext(f"{A}content")
    assert "Kode a[b[c]]> selesai." in BeautifulSoup(body, "html.parser").get_text()


def test_subscribe_page_says_which_feeds_carry_the_whole_article(output: Path) -> None:
    page = soup(output / "langganan/index.html")
    text = " ".join(page.select_one("#isi-umpan").get_text().split())
    assert text.startswith(
        "Umpan RSS dan Atom seluruh jaringan, provinsi, kabupaten/kota, KIM, topik, dan cek fakta memuat isi berita"
        " lengkap."
    )
    assert "JSON Feed memuat isi lengkap hanya untuk seluruh jaringan dan setiap kabupaten/kota" in text
    assert "Umpan kecamatan dan desa hanya memuat judul, ringkasan, gambar sampul, kategori, dan tautan" in text
    headings = [h.get_text() for h in page.select("h2.bagian")]
    assert "Per kecamatan (judul dan ringkasan)" in headings and "Per kabupaten/kota" in headings


WHEN = dt.datetime(2024, 3, 5, 9, 30, tzinfo=dt.UTC)
FEED_URL = "http://127.0.0.1:8000/topik/x/"


def serialised(content_html: str, *, full: bool = True) -> dict[str, bytes]:
    """The three documents of one feed with one item whose body is ``content_html``."""
    meta = FeedMeta(
        "Umpan", "Uji", FEED_URL, f"{FEED_URL}atom.xml", f"{FEED_URL}rss.xml", f"{FEED_URL}feed.json", "Hak",
        WHEN, full_content=full,
    )  # fmt: skip
    item = FeedItem(
        "tag:uji.example,2024:x", f"{BASE}kim/x/a/", "Judul", "Ringkas", content_html, WHEN, WHEN, "Penulis",
        "KIM X", f"{BASE}kim/x/", [Category("kesehatan", "Kesehatan", f"{BASE}topik/")],
        Image(f"{BASE}kim/x/a.jpg", "image/jpeg", 10),
    )  # fmt: skip
    return {"atom": atom_feed(meta, [item]), "rss": rss_feed(meta, [item]), "json": json_feed(meta, [item])}


@pytest.mark.parametrize("body", ["<p>a ]]> b</p>", "<p>]]]]>]]></p>", "]]>", "<p>]]&gt; ok</p>"])
def test_cdata_splits_its_end_marker(body: str) -> None:
    assert etree.fromstring(f"<x>{cdata(body)}</x>".encode()).text == body
    documents = serialised(body)
    assert etree.fromstring(documents["atom"]).findtext(f"{A}entry/{A}content") == body
    assert etree.fromstring(documents["rss"]).findtext(f"channel/item/{CONTENT}") == body
    assert atom_problems(documents["atom"]) == [] and rss_problems(documents["rss"]) == []


def test_json_body_is_written_once_and_cannot_close_a_script() -> None:
    body = '<p>Warga &amp; <a href="https://x.example/?a=1&amp;b=2">desa</a> café</p></script>'
    data = serialised(body)["json"]
    assert json.loads(data)["items"][0]["content_html"] == body
    assert b"</" not in data and "café".encode() in data and b"\\u003c" not in data
    assert json_feed_problems(data) == []


def test_summary_feeds_need_no_body() -> None:
    documents = serialised("<p>badan</p>", full=False)
    assert b"badan" not in b"".join(documents.values())
    assert json.loads(documents["json"])["items"][0]["content_text"] == "Ringkas"
    assert atom_problems(documents["atom"]) == [] and rss_problems(documents["rss"]) == []
    assert json_feed_problems(documents["json"]) == []


@pytest.mark.parametrize(("name", "url"), [*SUMMARY_FEEDS.items(), *FULL_FEEDS.items()])
def test_listing_pages_say_when_their_feeds_carry_summaries(output: Path, name: str, url: str) -> None:
    """A reader subscribing from a desa or kecamatan page learns there that its feeds hold summaries only."""
    line = " ".join(soup(output / url / "index.html").select_one("p.umpan").get_text().split())
    says_summary = "Umpan ini memuat judul, ringkasan, dan tautan setiap berita" in line
    assert says_summary == (name in SUMMARY_FEEDS), line
