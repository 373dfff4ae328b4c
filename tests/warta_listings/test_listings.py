"""Listing pages, URLs, pagination, breadcrumbs and rendering of tiny networks."""

from __future__ import annotations

from pathlib import Path

import feedparser
from support.site import article, build_network, soup

BAGELEN = "kim/kim-uji-bagelen"
DESA_BAGELEN = "wilayah/lampung/kabupaten-pesawaran/gedong-tataan/bagelen/"


def titles(page) -> list[str]:
    """Titles listed on a listing page: the home page's lead, page 1's entries or an archive page's compact ones."""
    entries = soup(page).select(".utama-judul a, .daftar-berita .ringkas-judul a, .daftar-arsip > li > a")
    return [a.get_text(strip=True) for a in entries]


def test_article_url_profile_and_region_rollup(tmp_path: Path) -> None:
    output = build_network(tmp_path, {f"{BAGELEN}/2024/2024-03-05-posyandu.md": article("Posyandu Bagelen")})
    page = output / BAGELEN / "posyandu" / "index.html"
    assert page.exists()
    for url in (
        f"{BAGELEN}/",
        DESA_BAGELEN,
        "wilayah/lampung/kabupaten-pesawaran/gedong-tataan/",
        "wilayah/lampung/kabupaten-pesawaran/",
        "wilayah/lampung/",
        "topik/kesehatan/",
        "",
    ):
        assert titles(output / url / "index.html") == ["Posyandu Bagelen"], url
        entries = feedparser.parse((output / url / "atom.xml").read_bytes()).entries
        assert [e.title for e in entries] == ["Posyandu Bagelen"], url
    assert titles(output / "topik" / "budaya" / "index.html") == []


def test_regions_without_content_get_no_page(tmp_path: Path) -> None:
    output = build_network(tmp_path, {f"{BAGELEN}/2024/a.md": article()})
    assert not (output / "wilayah/riau/kabupaten-rokan-hilir/pasir-limau-kapas/panipahan-2001").exists()
    # Riau has a KIM (kim-uji-panipahan) but no article: the page exists and lists the KIM.
    riau = soup(output / "wilayah/riau/index.html")
    assert "KIM Uji Panipahan" in riau.get_text()


def test_same_desa_name_gets_distinct_addresses(tmp_path: Path) -> None:
    text = article("Dua Panipahan", Desa="14.07.06.1007, 14.07.06.2001")
    output = build_network(tmp_path, {"kim/kim-uji-panipahan/2024/dua.md": text})
    base = output / "wilayah/riau/kabupaten-rokan-hilir/pasir-limau-kapas"
    assert titles(base / "panipahan/index.html") == ["Dua Panipahan"]
    assert titles(base / "panipahan-2001/index.html") == ["Dua Panipahan"]
    assert titles(base / "index.html") == ["Dua Panipahan"], "listed once in the kecamatan"


def test_desa_by_name_and_several_desa(tmp_path: Path) -> None:
    text = article("Kakao Dua Desa", Desa="Desa Gedung Tataan, purworejo")
    output = build_network(tmp_path, {f"{BAGELEN}/2024/kakao.md": text})
    gedung = output / "wilayah/lampung/kabupaten-pesawaran/gedong-tataan/gedung-tataan/index.html"
    assert titles(gedung) == ["Kakao Dua Desa"]
    assert titles(output / DESA_BAGELEN / "index.html") == [], "the KIM's own desa is only the default"
    purworejo = output / "wilayah/lampung/kabupaten-pesawaran/negeri-katon/purworejo/index.html"
    assert titles(purworejo) == ["Kakao Dua Desa"]
    assert titles(output / "wilayah/lampung/kabupaten-pesawaran/index.html") == ["Kakao Dua Desa"]


def test_pagination_urls_and_text_labels(tmp_path: Path) -> None:
    files = {f"{BAGELEN}/2024/b{i:02d}.md": article(f"Berita {i:02d}", f"2024-03-{i:02d} 08:00") for i in range(1, 24)}
    # Pages 2.. are compact archive pages (tests/warta_listings/test_archive_pages.py), here of 10 entries too.
    output = build_network(tmp_path, files, DEFAULT_PAGINATION=10, WARTA_ARCHIVE_PAGE_ITEMS=10)
    first = titles(output / BAGELEN / "index.html")
    second = titles(output / BAGELEN / "page/2/index.html")
    third = titles(output / BAGELEN / "page/3/index.html")
    assert first[0] == "Berita 23", "newest first"
    assert len(first) + len(second) + len(third) == 23
    assert set(first).isdisjoint(second)
    nav = soup(output / BAGELEN / "page/2/index.html").select_one("nav.halaman")
    labels = [a.get_text(strip=True) for a in nav.find_all("a")]
    assert labels == ["← Halaman sebelumnya", "Halaman berikutnya →"]
    assert nav.find("a", rel="prev")["href"] == f"/{BAGELEN}/"
    assert nav.find("a", rel="next")["href"] == f"/{BAGELEN}/page/3/"
    assert (output / "page/2/index.html").exists(), "home paginates too"


def test_article_page_breadcrumbs_dates_and_links(tmp_path: Path) -> None:
    text = article("Rapat Koordinasi", "2019-11-20 09:30", topics="pemerintahan, kegiatan-kim", Penulis="Rina Uji")
    output = build_network(tmp_path, {f"{BAGELEN}/2019/rapat.md": text})
    page = soup(output / BAGELEN / "rapat/index.html")
    crumbs = [li.get_text(strip=True) for li in page.select("nav.jejak li")]
    assert crumbs == ["Beranda", "Wilayah", "Lampung", "Kabupaten Pesawaran", "Kecamatan Gedong Tataan", "Desa Bagelen"]
    time = page.select_one(".berita time")
    assert time.get_text() == "Rabu, 20 November 2019, 09.30 WIB"
    assert time["datetime"] == "2019-11-20T09:30:00+07:00"
    topics = [a.get_text() for a in page.select(".berita-kaki a.label")]
    assert topics == ["Pemerintahan", "Kegiatan KIM"]
    assert "Rina Uji" in page.select_one(".berita .meta").get_text()
    assert page.html["lang"] == "id"


def test_region_page_breadcrumbs_children_and_kims(tmp_path: Path) -> None:
    output = build_network(tmp_path, {f"{BAGELEN}/2024/a.md": article()})
    page = soup(output / "wilayah/lampung/kabupaten-pesawaran/index.html")
    crumbs = [li.get_text(strip=True) for li in page.select("nav.jejak li")]
    assert crumbs == ["Beranda", "Wilayah", "Lampung", "Kabupaten Pesawaran"]
    assert page.select_one("nav.jejak [aria-current=page]").get_text() == "Kabupaten Pesawaran"
    children = [a.get_text() for a in page.select("#judul-sub + ul a")]
    assert children == ["Kecamatan Gedong Tataan"]
    assert [a.get_text() for a in page.select("#judul-kim + ul a")] == ["KIM Uji Bagelen", "Desa Bagelen"]


def test_kim_directory_groups_by_kabupaten_and_kecamatan(tmp_path: Path) -> None:
    output = build_network(tmp_path, {f"{BAGELEN}/2024/a.md": article()})
    page = soup(output / "kim/index.html")
    groups = {
        section.h2.get_text(strip=True): [h3.get_text(strip=True) for h3 in section.find_all("h3")]
        for section in page.select("section.kelompok")
    }
    assert groups == {
        "Kabupaten Rokan Hilir": ["Kecamatan Pasir Limau Kapas"],
        "Kabupaten Pesawaran": ["Kecamatan Gedong Tataan"],
        "Kota Metro": ["Kecamatan Metro Pusat"],
    }
    wilayah = soup(output / "wilayah/index.html")
    assert [a.get_text() for a in wilayah.select(".daftar-wilayah a")] == ["Lampung", "Riau"]  # A to Z


def test_markup_in_metadata_is_escaped_and_body_is_sanitised(tmp_path: Path) -> None:
    body = (
        "Judul: <script>alert(1)</script> Judul\nTanggal: 2024-03-05\nTopik: kesehatan\n\n"
        'Paragraf <b onclick="x()">tebal</b>.\n\n<script>alert(2)</script>\n\n'
        '[tautan](javascript:alert(3)) <iframe src="https://contoh.example"></iframe>\n'
    )
    output = build_network(tmp_path, {f"{BAGELEN}/2024/xss.md": body})
    html = (output / BAGELEN / "xss/index.html").read_text()
    page = soup(output / BAGELEN / "xss/index.html")
    assert [s["type"] for s in page.find_all("script")] == ["application/ld+json"], "only inert structured data"
    assert "<script>alert" not in html, "markup in the title is escaped in JSON-LD too"
    assert page.find("iframe") is None
    assert "onclick" not in html
    assert "javascript:" not in html
    assert page.h1.get_text() == "<script>alert(1)</script> Judul"
    home = soup(output / "index.html")
    assert home.find("script") is None
    assert "<script>alert" not in (output / "index.html").read_text()


def test_body_images_point_at_published_files(tmp_path: Path) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><title>t</title></svg>'
    text = article("Bergambar", Gambar="gambar/sampul.svg", Deskripsi_Gambar="Sampul uji") + (
        "\n![Warga bergotong royong](gambar/isi.svg)\n"
    )
    output = build_network(
        tmp_path,
        {
            f"{BAGELEN}/2024/bergambar.md": text,
            f"{BAGELEN}/gambar/sampul.svg": svg,
            f"{BAGELEN}/gambar/isi.svg": svg,
        },
    )
    page = soup(output / BAGELEN / "bergambar/index.html")
    cover = page.select_one(".sampul img")
    assert cover["src"] == f"/{BAGELEN}/gambar/sampul.svg"
    assert cover["alt"] == "Sampul uji"
    inline = page.select_one(".isi img")
    assert inline["src"] == f"/{BAGELEN}/gambar/isi.svg"
    assert inline["alt"] == "Warga bergotong royong"
    assert (output / BAGELEN / "gambar/isi.svg").exists()
    assert not (output / BAGELEN / "kim.yml").exists(), "profiles are data, not published files"


def test_summary_falls_back_to_body_text(tmp_path: Path) -> None:
    output = build_network(tmp_path, {f"{BAGELEN}/2024/a.md": article("Tanpa Ringkasan")})
    summary = soup(output / "index.html").select_one(".ringkasan").get_text()
    assert summary == "Isi berita uji. Warga berkumpul di balai desa."


def test_front_matter_articles_are_read_like_header_lines(tmp_path: Path) -> None:
    text = '---\ntitle: "Dari Penyunting Web"\ndate: 2024-03-05T09:30:00.000Z\ntopik:\n  - budaya\n---\n\nIsi.\n'
    output = build_network(tmp_path, {f"{BAGELEN}/2024/2024-03-05-dari-web.md": text})
    page = soup(output / BAGELEN / "dari-web/index.html")
    assert page.h1.get_text() == "Dari Penyunting Web"
    assert page.select_one(".berita time")["datetime"] == "2024-03-05T09:30:00+00:00"


def test_region_lists_are_in_alphabetical_order_and_say_so(tmp_path) -> None:
    """The registry lists regions by Kemendagri code, which readers never see: pages list them A to Z."""
    from support.site import WILAYAH, build_content, make_network

    content = make_network(tmp_path, {
        "kim/kim-uji-bagelen/2024/a.md": article("Bagelen", "2024-03-05 09:00"),
        "kim/kim-uji-panipahan/2024/b.md": article("Panipahan", "2024-03-05 10:00"),
        "kim/kim-uji-aceh/kim.yml": 'nama: KIM Uji Latiung\ndesa: "11.01.01.2001"\n',
        "kim/kim-uji-aceh/2024/c.md": article("Latiung", "2024-03-05 11:00"),
        "kim/kim-uji-bagelen/2024/d.md": article("Purworejo", "2024-03-06 09:00", Desa="18.09.02.2003"),
    })  # fmt: skip
    (content / "_data" / "wilayah.csv").write_text(
        WILAYAH + "11,Aceh\n11.01,Kabupaten Simeulue\n11.01.01,Teupah Selatan\n11.01.01.2001,Latiung\n"
        "18.09.03,Anak Tuha\n18.09.03.2001,Tanjung Harapan\n",  # a kecamatan coded after Gedong Tataan
        encoding="utf-8",
    )
    (content / "kim/kim-uji-bagelen/2024/e.md").write_text(article("Anak Tuha", "2024-03-07", Desa="18.09.03.2001"))
    output = tmp_path / "output"
    build_content(content, output)
    index = soup(output / "wilayah" / "index.html")
    assert [a.get_text() for a in index.select("ul.daftar-wilayah a")] == ["Aceh", "Lampung", "Riau"]
    assert "menurut abjad" in index.select_one("main p").get_text()
    pesawaran = soup(output / "wilayah" / "lampung" / "kabupaten-pesawaran" / "index.html")
    children = [a.get_text() for a in pesawaran.select("#judul-sub ~ ul a")]
    assert children == ["Kecamatan Anak Tuha", "Kecamatan Gedong Tataan", "Kecamatan Negeri Katon"]
    assert pesawaran.select_one("#judul-sub small").get_text() == "menurut abjad"


def test_a_desa_without_stories_points_to_the_nearest_news_and_offers_no_empty_feed(tmp_path) -> None:
    from support.site import build_content, make_network

    laut = "wilayah/riau/kabupaten-rokan-hilir/pasir-limau-kapas/panipahan-laut/"  # KIM Uji Panipahan's desa
    story = article("Nelayan Panipahan Melaut Lagi", "2024-03-05 09:00", Desa="14.07.06.2001")
    content = make_network(tmp_path, {"kim/kim-uji-panipahan/2024/melaut.md": story})
    output = tmp_path / "output"
    build_content(content, output)
    page = soup(output / laut / "index.html")
    notes = [" ".join(p.get_text().split()) for p in page.select("p.kosong")]
    note = next(text for text in notes if text.startswith("Belum ada berita"))
    assert note == "Belum ada berita dari Desa Panipahan Laut. Berita terdekat, dari Kecamatan Pasir Limau Kapas:"
    assert [a.get_text() for a in page.select("ul.daftar-terkait li > a")] == ["Nelayan Panipahan Melaut Lagi"]
    assert not page.select("link[rel=alternate][href^='/wilayah/']"), "an empty desa advertises no feed"
    assert page.select_one("p.umpan") is None
    assert not any((output / laut / name).exists() for name in ("atom.xml", "rss.xml", "feed.json"))
    subscribe = {a["href"] for a in soup(output / "langganan" / "index.html").select("main a")}
    assert not any(href.startswith(f"/{laut}") for href in subscribe)
    with_news = "wilayah/riau/kabupaten-rokan-hilir/pasir-limau-kapas/panipahan-2001/"
    assert (output / with_news / "atom.xml").exists()
    assert soup(output / with_news / "index.html").select("link[rel=alternate][href^='/wilayah/']")
