"""Feeds, subscription lists, sitemaps and share metadata (issue: syndication)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import feedparser
import pytest
from lxml import etree
from PIL import Image
from support.feed_checks import atom_problems, json_feed_problems, opml_problems, rss_problems
from support.site import DEMO_CONTENT, article, build_content, build_network, make_network, soup

from warta_syndication.formats import FEED_FORMATS, FEED_FORMATS_FOR_READERS

BAGELEN = "kim/kim-uji-bagelen"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><title>t</title></svg>'


def feed_dirs(output: Path) -> list[Path]:
    return sorted(path.parent for path in output.rglob("atom.xml"))


@pytest.mark.slow
def test_every_demo_feed_is_valid(demo_output: Path) -> None:
    folders = feed_dirs(demo_output)
    assert len(folders) > 50
    for folder in folders:
        assert atom_problems((folder / "atom.xml").read_bytes()) == [], folder
        assert rss_problems((folder / "rss.xml").read_bytes()) == [], folder
        assert json_feed_problems((folder / "feed.json").read_bytes()) == [], folder


@pytest.mark.slow
def test_feeds_carry_every_article_of_the_first_page(demo_output: Path) -> None:
    for folder in feed_dirs(demo_output):
        page = soup(folder / "index.html")
        own = [a for a in page.select(".daftar-berita .ringkas-judul a") if not a["href"].startswith("http")]
        expected = {a["href"] for a in own}  # partner items link elsewhere and are not in the network's feeds
        covers = {
            a.find_parent("article").select_one(".ringkas-judul a")["href"]
            for a in page.select(".daftar-berita img.ringkas-gambar")
        }
        relative = folder.relative_to(demo_output).parts
        summaries_only = relative[:1] == ("wilayah",) and len(relative) >= 4  # kecamatan and desa (issue 17)
        for kind in ("atom.xml", "rss.xml"):
            parsed = feedparser.parse((folder / kind).read_bytes())
            assert not parsed.bozo, (folder, kind, parsed.get("bozo_exception"))
            links = {entry.link for entry in parsed.entries}
            assert {f"http://127.0.0.1:8000{href}" for href in expected} <= links, (folder, kind)
            for entry in parsed.entries:
                assert entry.link.startswith("http://127.0.0.1:8000/")
                if summaries_only:
                    assert "content" not in entry and entry.summary, (folder, kind)
                else:
                    assert "http://127.0.0.1:8000/" in entry.content[0].value, "canonical link inside the content"
                path = entry.link.removeprefix("http://127.0.0.1:8000")
                if path in covers:
                    images = [link.href for link in entry.links if link.rel == "enclosure"]
                    images += [m["url"] for m in entry.get("media_content", [])]
                    assert images and all(i.startswith("http://127.0.0.1:8000/kim/") for i in images), entry.link
        document = json.loads((folder / "feed.json").read_bytes())
        urls = {item["url"] for item in document["items"]}
        assert {f"http://127.0.0.1:8000{href}" for href in expected} <= urls
        for item in document["items"]:
            if item["url"].removeprefix("http://127.0.0.1:8000") in covers:
                assert item["image"].startswith("http://127.0.0.1:8000/kim/")


@pytest.mark.slow
def test_licence_in_every_feed_and_every_article(demo_output: Path) -> None:
    for folder in feed_dirs(demo_output):
        assert "CC BY 4.0" in etree.parse(str(folder / "atom.xml")).findtext("{http://www.w3.org/2005/Atom}rights")
        assert "CC BY 4.0" in etree.parse(str(folder / "rss.xml")).findtext("channel/copyright")
        assert "CC BY 4.0" in json.loads((folder / "feed.json").read_bytes())["_warta"]["rights"]
    for page in demo_output.glob("kim/*/*/index.html"):
        if page.parent.name in ("page", "gambar"):
            continue
        html = soup(page)
        if html.select_one("article.berita-dicabut"):  # a withdrawal notice: no story left to license
            continue
        assert "CC BY 4.0" in html.select_one(".lisensi").get_text()


def test_feed_id_survives_renames_and_a_new_site_address(tmp_path: Path) -> None:
    text = article("Judul Lama", "2024-03-05 09:30")
    content = make_network(tmp_path, {f"{BAGELEN}/2024/2024-03-05-judul-lama.md": text})
    build_content(content, tmp_path / "one")
    first = feedparser.parse((tmp_path / "one" / BAGELEN / "atom.xml").read_bytes()).entries[0]
    old = content / BAGELEN / "2024/2024-03-05-judul-lama.md"
    moved = content / BAGELEN / "arsip/2024-03-05-judul-baru.md"
    moved.parent.mkdir()
    moved.write_text(old.read_text().replace("Judul Lama", "Judul Baru"))
    old.unlink()
    build_content(content, tmp_path / "two", FEED_DOMAIN="https://portal-baru.example.org")
    second = feedparser.parse((tmp_path / "two" / BAGELEN / "atom.xml").read_bytes()).entries[0]
    assert second.title == "Judul Baru"
    assert second.link == "https://portal-baru.example.org/kim/kim-uji-bagelen/judul-baru/"
    assert first.id == second.id == "tag:warta-kim.example.org,2024-03-05:kim/kim-uji-bagelen/20240305T093000"
    rss = feedparser.parse((tmp_path / "two" / BAGELEN / "rss.xml").read_bytes()).entries[0]
    assert rss.id == first.id
    assert 'isPermaLink="false"' in (tmp_path / "two" / BAGELEN / "rss.xml").read_text()


def test_explicit_id_wins(tmp_path: Path) -> None:
    output = build_network(
        tmp_path, {f"{BAGELEN}/2024/a.md": article(Id="urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427")}
    )
    entry = feedparser.parse((output / BAGELEN / "atom.xml").read_bytes()).entries[0]
    assert entry.id == "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427"


def test_items_have_categories_author_dates_image_and_source(tmp_path: Path) -> None:
    text = article("Bergambar", "2024-03-05 09:30", "kesehatan, budaya", Penulis="Rina Uji", Gambar="gambar/a.svg")
    text = text.replace("Gambar: gambar/a.svg", "Gambar: gambar/a.svg\nDeskripsi-Gambar: Sampul")
    output = build_network(tmp_path, {f"{BAGELEN}/2024/bergambar.md": text, f"{BAGELEN}/gambar/a.svg": SVG})
    atom = feedparser.parse((output / "topik/budaya/atom.xml").read_bytes()).entries[0]
    assert atom.author == "Rina Uji"
    assert {t.term for t in atom.tags} == {"kesehatan", "budaya", "18.09.01.2007"}
    assert atom.published.startswith("2024-03-05T09:30:00+07:00")
    enclosure = next(link for link in atom.links if link.rel == "enclosure")
    assert enclosure.href == "http://127.0.0.1:8000/kim/kim-uji-bagelen/gambar/a.svg"
    assert enclosure.length == str(len(SVG))
    assert atom.source.title == "KIM Uji Bagelen"
    rss_text = (output / "topik/budaya/rss.xml").read_text()
    rss = feedparser.parse(rss_text.encode()).entries[0]
    assert rss.enclosures[0].href == enclosure.href
    assert rss.media_thumbnail[0]["url"] == enclosure.href
    assert rss.source.title == "KIM Uji Bagelen"
    item = json.loads((output / "topik/budaya/feed.json").read_bytes())["items"][0]
    assert item["image"] == enclosure.href
    assert item["authors"] == [{"name": "Rina Uji"}]
    assert item["_warta"]["source"]["title"] == "KIM Uji Bagelen"


def test_feeds_keep_only_the_latest_items(tmp_path: Path) -> None:
    files = {f"{BAGELEN}/2024/b{i:02d}.md": article(f"Berita {i:02d}", f"2024-03-{i:02d} 08:00") for i in range(1, 13)}
    output = build_network(tmp_path, files, FEED_MAX_ITEMS=5)
    for kind in ("atom.xml", "rss.xml"):
        entries = feedparser.parse((output / BAGELEN / kind).read_bytes()).entries
        assert [e.title for e in entries] == [f"Berita {i:02d}" for i in range(12, 7, -1)]
    assert len(json.loads((output / BAGELEN / "feed.json").read_bytes())["items"]) == 5


def test_websub_hub_is_announced(tmp_path: Path) -> None:
    content = make_network(tmp_path, {f"{BAGELEN}/2024/a.md": article()})
    info = content / "_data" / "jaringan.yml"
    info.write_text(info.read_text() + "\nwebsub_hub: https://hub.example.org/\n")
    build_content(content, tmp_path / "out")
    atom = feedparser.parse((tmp_path / "out/atom.xml").read_bytes())
    assert any(link.rel == "hub" and link.href == "https://hub.example.org/" for link in atom.feed.links)
    assert 'rel="hub" href="https://hub.example.org/"' in (tmp_path / "out/rss.xml").read_text()
    assert json.loads((tmp_path / "out/feed.json").read_bytes())["hubs"] == [
        {"type": "WebSub", "url": "https://hub.example.org/"}
    ]


def test_every_page_links_its_feeds_and_canonical_url(demo_output: Path) -> None:
    for page in demo_output.rglob("*.html"):
        if "admin" in page.parts:
            continue
        html = soup(page)
        head = html.head
        relative = page.relative_to(demo_output).as_posix()
        expected = "http://127.0.0.1:8000/" + relative.removesuffix("index.html")
        assert head.find("link", rel="canonical")["href"] == expected, relative
        feeds = [(link["type"], link["href"]) for link in head.find_all("link", rel="alternate")]
        kim = html.select_one("article.berita:not(.berita-dicabut) .meta a[href^='/kim/']")  # a notice: no story
        if kim:  # an article offers one format each for the network and its KIM: every page repeats them
            rss = FEED_FORMATS_FOR_READERS[0]
            assert feeds == [(rss.media_type, f"/{rss.file}"), (rss.media_type, kim["href"] + rss.file)], relative
        else:
            assert {feed.media_type for feed in FEED_FORMATS} <= {kind for kind, _ in feeds}, relative
        assert head.find("meta", property="og:image")["content"].startswith("http://127.0.0.1:8000/")
        assert head.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"


def test_listing_pages_link_their_own_feeds(demo_output: Path) -> None:
    page = soup(demo_output / "kim/kim-bagelen-berdaya/index.html")
    hrefs = {link["href"] for link in page.head.find_all("link", rel="alternate")}
    assert {
        "/kim/kim-bagelen-berdaya/atom.xml",
        "/kim/kim-bagelen-berdaya/rss.xml",
        "/kim/kim-bagelen-berdaya/feed.json",
    } <= hrefs


def test_article_structured_data(tmp_path: Path) -> None:
    text = article("Rapat KIM", "2024-03-05 09:30", "kegiatan-kim", Penulis="Rina Uji")
    output = build_network(tmp_path, {f"{BAGELEN}/2024/rapat.md": text})
    page = soup(output / BAGELEN / "rapat/index.html")
    graph = json.loads(page.find("script", type="application/ld+json").string)["@graph"]
    news = next(node for node in graph if node["@type"] == "NewsArticle")
    assert news["headline"] == "Rapat KIM"
    assert news["datePublished"] == "2024-03-05T09:30:00+07:00"
    assert news["author"] == [{"@type": "Person", "name": "Rina Uji"}]
    assert news["publisher"]["name"] == "KIM Uji Bagelen"
    assert news["publisher"]["parentOrganization"]["name"] == "Warta KIM Sumatra"
    # No cover photo: a share card (warta_images; its own when recent, else the network's), as its og:image.
    assert news["image"][0] == page.find("meta", property="og:image")["content"] and "/bagikan-" in news["image"][0]
    crumbs = next(node for node in graph if node["@type"] == "BreadcrumbList")
    assert [i["name"] for i in crumbs["itemListElement"]][-1] == "Desa Bagelen"
    assert page.find("meta", property="og:type")["content"] == "article"
    assert page.find("meta", property="og:title")["content"] == "Rapat KIM"
    region = soup(output / "wilayah/lampung/kabupaten-pesawaran/index.html")
    data = json.loads(region.find("script", type="application/ld+json").string)
    assert data["@type"] == "BreadcrumbList"


def test_raster_cover_becomes_the_share_image(tmp_path: Path) -> None:
    png = io.BytesIO()
    Image.new("RGB", (1600, 900), (11, 93, 59)).save(png, "PNG")  # a real PNG: the check decodes it
    png = png.getvalue()
    text = article("Foto", Gambar="gambar/foto.png").replace(
        "Gambar: gambar/foto.png", "Gambar: gambar/foto.png\nDeskripsi-Gambar: Foto warga"
    )
    # Every photo keeps its crop (by default an older story's og:image is its 720 px JPEG: test_photos_output.py)
    output = build_network(
        tmp_path, {f"{BAGELEN}/2024/foto.md": text, f"{BAGELEN}/gambar/foto.png": png}, WARTA_IMAGES_ARCHIVE_DAYS=0
    )
    page = soup(output / BAGELEN / "foto/index.html")
    share = page.find("meta", property="og:image")["content"]  # a 1200x630 JPEG crop of the cover (warta_images)
    assert share.startswith("http://127.0.0.1:8000/kim/kim-uji-bagelen/gambar/foto-") and share.endswith("-bagikan.jpg")
    assert page.find("meta", property="og:image:alt")["content"] == "Foto warga"


@pytest.mark.slow
def test_opml_lists_import_into_feed_readers(demo_output: Path) -> None:
    everything = demo_output / "langganan/semua.opml"
    assert opml_problems(everything.read_bytes()) == []
    outlines = etree.parse(str(everything)).findall(".//outline")
    kims = sorted(p.name for p in (DEMO_CONTENT / "kim").iterdir() if p.is_dir())
    assert sorted(o.get("htmlUrl").rstrip("/").rsplit("/", 1)[1] for o in outlines) == kims
    per_kabupaten = sorted((demo_output / "langganan").glob("*.opml"))
    assert len(per_kabupaten) == 5  # semua + 4 kabupaten/kota
    for path in per_kabupaten:
        assert opml_problems(path.read_bytes()) == [], path
        for outline in etree.parse(str(path)).findall(".//outline"):
            assert (
                feedparser.parse((demo_output / outline.get("xmlUrl").split("8000/", 1)[1]).read_bytes()).version
                == "rss20"
            )


@pytest.mark.slow
def test_subscribe_page_lists_every_feed(demo_output: Path) -> None:
    page = soup(demo_output / "langganan/index.html")
    hrefs = {a["href"] for a in page.select("main a")}
    for folder in feed_dirs(demo_output):
        url = "/" + folder.relative_to(demo_output).as_posix() + "/" if folder != demo_output else "/"
        level = url.count("/") - 1
        if url.startswith("/wilayah/") and level not in (3, 4):  # provinsi and desa feeds are on their pages
            continue
        assert f"{url}rss.xml".replace("//", "/") in hrefs, url
    assert "/langganan/semua.opml" in hrefs
    assert page.h1.get_text() == "Berlangganan berita"


def test_sitemaps_and_robots(tmp_path: Path) -> None:
    files = {
        f"{BAGELEN}/2024/lama.md": article("Lama", "2024-03-01 08:00"),
        f"{BAGELEN}/2024/baru.md": article("Baru", "2024-03-05 08:00"),
    }
    now = dt.datetime(2024, 3, 6, 8, 0, tzinfo=dt.UTC)
    output = build_network(tmp_path, files, WARTA_NOW=now)
    sitemap = etree.parse(str(output / "sitemap.xml"))
    locations = {e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert "http://127.0.0.1:8000/kim/kim-uji-bagelen/lama/" in locations
    assert "http://127.0.0.1:8000/wilayah/lampung/kabupaten-pesawaran/gedong-tataan/bagelen/" in locations
    news = etree.parse(str(output / "sitemap-berita.xml"))
    titles = [e.text for e in news.iter("{http://www.google.com/schemas/sitemap-news/0.9}title")]
    assert titles == ["Baru"]
    robots = (output / "robots.txt").read_text()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in robots
    assert "Sitemap: http://127.0.0.1:8000/sitemap-berita.xml" in robots


@pytest.mark.parametrize(
    ("checker", "document", "expected"),
    [
        (atom_problems, b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', "feed"),
        (
            atom_problems,
            b'<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>x</title>'
            b"<updated>2024-01-01T00:00:00Z</updated><entry><id>urn:y</id><title>t</title>"
            b"<updated>2024-01-01T00:00:00Z</updated></entry></feed>",
            "atom:author",
        ),
        (
            rss_problems,
            b'<rss version="2.0"><channel><title>t</title><link>http://a.example/</link><description>d</description>'
            b"<item><title>i</title><guid>tag:x,2024:1</guid></item></channel></rss>",
            "isPermaLink",
        ),
        (json_feed_problems, b'{"version": "https://jsonfeed.org/version/1.1", "title": "t"}', "items"),
        (
            opml_problems,
            b'<opml version="2.0"><head><title>t</title></head><body><outline text="a" type="rss"/></body></opml>',
            "xmlUrl",
        ),
    ],
)
def test_validators_reject_invalid_documents(checker, document: bytes, expected: str) -> None:
    problems = checker(document)
    assert problems and any(expected in p for p in problems), problems
