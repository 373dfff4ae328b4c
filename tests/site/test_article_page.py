"""An article page stays small (issue 17) and keeps every feature a reader, a search engine or a share needs.

The page around the story (head, navigation, share, related stories, footer) is the same few kilobytes on
every one of a network's articles, so it is held to a byte budget here, measured on a page that has all of
its parts: cover, two topics, related stories, previous and next. The same page is checked for what the
budget must not cost: share targets, feeds, structured data, Open Graph, breadcrumbs, licence and data credits.
"""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from support.site import article, build_content, make_network, soup

from warta_syndication.formats import FEED_FORMATS_FOR_READERS

BAGELEN = "kim/kim-uji-bagelen"
MIDDLE = f"{BAGELEN}/kedua/index.html"
# Bytes of this article page outside its body (``<div class="isi">``): 10,230 before issue 17, ~8,450 after.
CHROME_BUDGET = 9_000
GOOGLE_ARTICLE_FIELDS = {"headline", "image", "datePublished", "dateModified", "author", "publisher"}
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><title>t</title></svg>'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three articles of one KIM (so the middle one has previous, next and related stories), one of another."""
    root = tmp_path_factory.mktemp("berita")
    long_title = "Kader Posyandu Bagelen Menimbang Seratus Dua Puluh Balita dan Membagikan Makanan Tambahan"
    files = {
        f"{BAGELEN}/gambar/sampul.svg": SVG,
        f"{BAGELEN}/2024/pertama.md": article("Posyandu Bagelen Bulan Februari", "2024-02-05 09:30"),
        f"{BAGELEN}/2024/kedua.md": article(
            long_title,
            "2024-03-05 09:30",
            "kesehatan, pertanian",
            Gambar="gambar/sampul.svg",
            Diperbarui="2024-03-06 08:00",
        ).replace("Gambar: gambar/sampul.svg", "Gambar: gambar/sampul.svg\nDeskripsi-Gambar: Kader menimbang balita"),
        f"{BAGELEN}/2024/ketiga.md": article("Posyandu Bagelen Bulan April", "2024-04-05 09:30"),
        "kim/kim-uji-metro/2024/metro.md": article("Imunisasi di Kota Metro", "2024-03-06 08:00"),
    }
    output = root / "output"
    build_content(make_network(root, files), output)
    return output


def chrome_bytes(page: Path) -> int:
    """The page's size without the story body (the one part that is the writer's, not the theme's)."""
    text = page.read_text(encoding="utf-8")
    start = text.index('<div class="isi">')
    end = text.index("</div>", start)
    return len(text.encode()) - len(text[start:end].encode())


def test_article_chrome_stays_within_budget(site: Path) -> None:
    page = soup(site / MIDDLE)
    assert page.select(".terkait li") and page.select("a[rel=prev]") and page.select("a[rel=next]"), (
        "the measured page lacks related stories or previous/next: the budget would prove nothing"
    )
    assert page.select_one("figure.sampul img"), "the measured page has no cover"
    size = chrome_bytes(site / MIDDLE)
    assert size <= CHROME_BUDGET, f"the article page carries {size} bytes around its story (budget {CHROME_BUDGET})"


def test_budget_keeps_every_share_target_and_the_address(site: Path) -> None:
    page = soup(site / MIDDLE)
    canonical = page.select_one("link[rel=canonical]")["href"]
    hosts = {a["href"].split("/")[2] for a in page.select(".bagikan a")}
    assert hosts == {"wa.me", "t.me", "www.facebook.com", "x.com"}
    assert page.select_one("#alamat-berita")["value"] == canonical


def test_feed_discovery_offers_the_network_and_the_kim_in_a_format_every_reader_knows(site: Path) -> None:
    links = soup(site / MIDDLE).head.find_all("link", rel="alternate")
    rss = FEED_FORMATS_FOR_READERS[0]
    assert [(link["type"], link["href"]) for link in links] == [
        (rss.media_type, f"/{rss.file}"),
        (rss.media_type, f"/{BAGELEN}/{rss.file}"),
    ]
    for link in links:
        feed = feedparser.parse((site / link["href"].lstrip("/")).read_bytes())
        assert not feed.bozo and feed.entries, link["href"]
    listing = soup(site / BAGELEN / "index.html").head.find_all("link", rel="alternate")
    assert len(listing) == 2 * len(FEED_FORMATS_FOR_READERS), "a listing page still offers every format"


def test_structured_data_is_compact_and_has_what_google_reads(site: Path) -> None:
    page = soup(site / MIDDLE)
    script = page.find("script", type="application/ld+json").string
    graph = json.loads(script)["@graph"]
    assert script == json.dumps(json.loads(script), separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    news = next(node for node in graph if node["@type"] == "NewsArticle")
    assert set(news) >= GOOGLE_ARTICLE_FIELDS, GOOGLE_ARTICLE_FIELDS - set(news)
    assert news["image"] == [page.find("meta", property="og:image")["content"]]
    assert not {"description", "inLanguage", "mainEntityOfPage", "keywords"} & set(news), "duplicates of other tags"
    crumbs = next(node for node in graph if node["@type"] == "BreadcrumbList")
    assert [i["name"] for i in crumbs["itemListElement"]] == ["Beranda", "Wilayah"] + [
        a.get_text() for a in page.select(".jejak li a")[2:]
    ]
    for name in ("og:title", "og:description", "og:url", "og:image", "og:image:alt", "article:published_time"):
        assert page.find("meta", property=name)["content"], name
    assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"


def test_compact_markup_keeps_the_spaces_between_words(site: Path) -> None:
    page = soup(site / MIDDLE)
    meta = page.select_one("article.berita header .meta").get_text(" ", strip=False)
    assert " ".join(meta.split()) == (
        "Oleh KIM Uji Bagelen · KIM Uji Bagelen · Selasa, 5 Maret 2024, 09.30 WIB · diperbarui Rabu, 6 Maret 2024"
    )
    assert page.select_one(".berita-kaki p").get_text() == "Topik: Kesehatan, Pertanian"
    footer = " ".join(page.select_one("footer.kaki").get_text().split())
    assert "JSON Feed · Statistik jaringan · Data terbuka · Panduan menulis" in footer


def test_related_dates_are_days(site: Path) -> None:
    times = [time["datetime"] for time in soup(site / MIDDLE).select(".terkait time")]
    assert times and all(len(value) == len("2024-03-05") for value in times), times


def test_licence_and_data_credits_stay_one_link_away(site: Path) -> None:
    page = soup(site / MIDDLE)
    assert page.select_one(".berita-kaki a[rel=license]"), "the article lost its licence line"
    footer = page.select_one("footer.kaki")
    assert footer.select_one('a[href="/tentang/"]') and footer.select_one('a[href="/langganan/"]')
    assert "ODbL" not in footer.get_text(), "the data credits are still repeated on every article"
    about = soup(site / "tentang/index.html").select_one("footer.kaki")
    assert "ODbL" in about.get_text() and about.select_one("a[rel=license]"), "/tentang/ lost the credits"
    home = soup(site / "index.html").select_one("footer.kaki")
    assert "ODbL" in home.get_text(), "listing pages keep the full footer"
