"""The reader's side of the portal on tiny builds: desa finder, end of an article, sharing, kabar sepekan.

Each test builds a tiny network (conftest ``make_network``) and reads the pages with BeautifulSoup; the
page-wide checks on the demo (front page, images, print) are in ``test_reader_demo.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from support.site import article, build_content, build_network, make_network, soup

from warta_listings.image_sizes import svg_size_from
from warta_listings.related import RELATED_LIMIT
from warta_listings.weekly import period_label

BAGELEN = "kim/kim-uji-bagelen"
METRO = "kim/kim-uji-metro"
DESA_BAGELEN = "wilayah/lampung/kabupaten-pesawaran/gedong-tataan/bagelen/"
NOW = dt.datetime(2024, 3, 20, 12, 0, tzinfo=dt.UTC)


def page_of(output: Path, url: str):
    return soup(output / url / "index.html")


def test_desa_finder_lists_every_desa_with_a_kim_or_news_a_to_z(tmp_path: Path) -> None:
    files = {
        f"{BAGELEN}/2024/a.md": article("Kabar Purworejo", "2024-03-05 09:30", Desa="18.09.02.2003"),
        f"{BAGELEN}/2024/b.md": article("Kabar Bagelen Negeri Katon", "2024-03-05 10:30", Desa="18.09.02.2010"),
    }
    output = build_network(tmp_path, files)
    finder = page_of(output, "wilayah/desa")
    rows = finder.select(".daftar-desa li")
    names = [row.a.get_text() for row in rows]
    # Names repeat (two Bagelen): each row names its kecamatan and kabupaten/kota, all of them links.
    assert names == ["Desa Bagelen", "Desa Bagelen", "Kelurahan Metro", "Desa Panipahan Laut", "Desa Purworejo"]
    places = [[a.get_text() for a in row.select("a")][1:] for row in rows[:2]]
    assert sorted(places) == [
        ["Kecamatan Gedong Tataan", "Kabupaten Pesawaran"],
        ["Kecamatan Negeri Katon", "Kabupaten Pesawaran"],
    ]
    for link in finder.select(".daftar-desa a"):
        assert (output / link["href"].lstrip("/") / "index.html").is_file(), f"{link['href']} has no page"
    assert [a.get_text() for a in finder.select(".lompat-ke a")] == ["B", "M", "P"]
    assert "Desa Gedung Tataan" not in finder.get_text(), "a desa without KIM or news is listed"
    assert page_of(output, "wilayah").select_one('a[href="/wilayah/desa/"]'), "/wilayah/ does not link the finder"


def test_desa_page_names_its_place_kims_and_neighbours_and_keeps_the_code_small(tmp_path: Path) -> None:
    files = {f"{BAGELEN}/2024/a.md": article("Kabar Gedung Tataan", Desa="18.09.01.2006")}
    page = page_of(build_network(tmp_path, files), DESA_BAGELEN)
    subtitle = page.select_one(".subjudul").get_text(" ", strip=True)
    assert subtitle.startswith("Desa di Kecamatan Gedong Tataan , Kabupaten Pesawaran")
    assert "Kode" not in subtitle
    assert page.select_one(".meta small").get_text() == "Kode wilayah Kemendagri 18.09.01.2007"
    assert [a.get_text() for a in page.select("#judul-kim + ul li > a:first-child")] == ["KIM Uji Bagelen"]
    assert [a.get_text() for a in page.select("#judul-tetangga + ul a")] == ["Desa Gedung Tataan"]


def test_desa_kim_and_kabupaten_names_in_listings_are_links(tmp_path: Path) -> None:
    output = build_network(tmp_path, {f"{BAGELEN}/2024/a.md": article("Kabar Satu")})
    for url in ("", "topik/kesehatan/", "wilayah/lampung/", BAGELEN + "/"):
        page = soup(output / url / "index.html") if url else soup(output / "index.html")
        meta = page.select(".utama .meta, .ringkas .meta")  # the home page's only story is its lead
        assert meta, f"/{url} lists no article"
        links = {a.get_text(): a["href"] for a in meta[0].select("a")}
        assert links["Desa Bagelen"] == "/" + DESA_BAGELEN
        assert links["Kabupaten Pesawaran"] == "/wilayah/lampung/kabupaten-pesawaran/"
        if url != BAGELEN + "/":  # a KIM's own page does not repeat its name
            assert links["KIM Uji Bagelen"] == f"/{BAGELEN}/"
    directory = page_of(output, "kim")
    assert directory.select_one(f'[data-kim="kim-uji-bagelen"] dd a[href="/{DESA_BAGELEN}"]'), "/kim/ desa not linked"


def related_titles(output: Path, url: str) -> list[str]:
    return [a.get_text() for a in page_of(output, url).select(".terkait li a")]


def test_related_stories_come_from_the_same_desa_kim_and_topic(tmp_path: Path) -> None:
    files = {f"{BAGELEN}/2024/b{n}.md": article(f"Bagelen {n}", f"2024-03-0{n} 08:00") for n in range(1, 8)}
    files["kim/kim-uji-panipahan/2024/lain.md"] = article(
        "Panipahan Pendidikan", "2024-03-04 09:00", topics="pendidikan"
    )
    files[f"{METRO}/2024/sehat.md"] = article("Metro Sehat", "2024-03-04 10:00")
    output = build_network(tmp_path, files)
    titles = related_titles(output, f"{BAGELEN}/b4")
    # Neighbours in its desa, KIM and topic lists; the most related first (same desa, topic and KIM), then the
    # newest: Metro Sehat (4 March 10:00, the same topic only) comes after Bagelen 3 and 2, which are older.
    assert titles == ["Bagelen 6", "Bagelen 5", "Bagelen 3", "Bagelen 2", "Metro Sehat"][:RELATED_LIMIT]
    assert "Panipahan Pendidikan" not in titles
    assert related_titles(output, "kim/kim-uji-panipahan/lain") == [], "an article sharing nothing has no related"
    assert "Bagelen 4" in related_titles(output, f"{METRO}/sehat"), "the same topic is related"
    end = page_of(output, f"{BAGELEN}/b4").select_one("nav.sebelum-sesudah")
    assert end.select_one("a[rel=prev]")["href"] == f"/{BAGELEN}/b3/"
    assert end.select_one("a[rel=next]")["href"] == f"/{BAGELEN}/b5/"
    newest = page_of(output, f"{BAGELEN}/b7").select_one("nav.sebelum-sesudah")
    assert newest.select_one("a[rel=next]") is None and newest.select_one("a[rel=prev]")["href"] == f"/{BAGELEN}/b6/"


def test_a_neighbours_new_title_re_renders_the_article(tmp_path: Path) -> None:
    """The related list is in the article's fingerprint: the incremental writer does not keep a stale one."""
    files = {f"{BAGELEN}/2024/b{n}.md": article(f"Bagelen {n}", f"2024-03-0{n} 08:00") for n in range(1, 4)}
    content = make_network(tmp_path, files)
    output = tmp_path / "output"
    build_content(content, output)
    untouched = output / BAGELEN / "b1" / "index.html"
    written = untouched.stat().st_mtime_ns
    (content / BAGELEN / "2024" / "b2.md").write_text(article("Bagelen Dua Baru", "2024-03-02 08:00"))
    build_content(content, output)
    assert "Bagelen Dua Baru" in related_titles(output, f"{BAGELEN}/b3")
    assert "Bagelen Dua Baru" in related_titles(output, f"{BAGELEN}/b1")
    (content / BAGELEN / "2024" / "b2.md").write_text(article("Bagelen Dua Baru", "2024-03-02 08:00") + "Lagi.\n")
    written = untouched.stat().st_mtime_ns
    build_content(content, output)  # a body edit changes no neighbour's links
    assert untouched.stat().st_mtime_ns == written, "a neighbour's body edit re-rendered an article"


def test_every_article_can_be_shared_without_javascript(tmp_path: Path) -> None:
    summary = "Kader posyandu mengajak warga membawa balita ke balai desa. " * 5  # 300 characters: cut at a word
    output = build_network(
        tmp_path, {f"{BAGELEN}/2024/a.md": article("Posyandu & Imunisasi Balita", Ringkasan=summary)}
    )
    page = page_of(output, f"{BAGELEN}/a")
    canonical = page.select_one("link[rel=canonical]")["href"]
    assert canonical.endswith(f"/{BAGELEN}/a/")
    links = {a.get_text(): a["href"] for a in page.select(".bagikan a")}
    assert set(links) == {"Kirim lewat WhatsApp", "Kirim lewat Telegram", "Bagikan ke Facebook", "Bagikan ke X"}
    whatsapp = urlparse(links["Kirim lewat WhatsApp"])
    assert (whatsapp.scheme, whatsapp.netloc, whatsapp.path) == ("https", "wa.me", "/")
    text = parse_qs(whatsapp.query)["text"][0]  # title in bold, the summary cut at a word, the address
    title, cut, address = text.split("\n")
    assert (title, address) == ("*Posyandu & Imunisasi Balita*", canonical)
    assert len(cut) <= 200 and cut.endswith("…") and summary.startswith(cut[:-1]) and cut[-2] != " "
    assert "&" not in whatsapp.query.split("text=", 1)[1], "the title's & is not encoded"
    assert parse_qs(urlparse(links["Kirim lewat Telegram"]).query)["url"] == [canonical]
    assert parse_qs(urlparse(links["Bagikan ke Facebook"]).query)["u"] == [canonical]
    assert parse_qs(urlparse(links["Bagikan ke X"]).query)["url"] == [canonical]
    field = page.select_one(".bagikan input#alamat-berita")
    assert field.has_attr("readonly") and field["value"] == canonical
    assert page.select_one('label[for="alamat-berita"]'), "the address field has no label"
    assert not page.find("script", src=True), "an article loads JavaScript"


def test_a_clarification_keeps_its_own_whatsapp_text_only(tmp_path: Path) -> None:
    hoax = article("Pesan Bantuan Adalah Penipuan", topics="pemerintahan", Klaim="Daftar bantuan lewat tautan.",
                   Penilaian="Salah", Sumber="https://contoh.go.id/")  # fmt: skip
    page = page_of(build_network(tmp_path, {f"{BAGELEN}/2024/hoaks.md": hoax}), f"{BAGELEN}/hoaks")
    whatsapp = [a["href"] for a in page.select("a[href^='https://wa.me/']")]
    assert len(whatsapp) == 1, f"expected the clarification's own WhatsApp link only, found {whatsapp}"
    canonical = page.select_one("link[rel=canonical]")["href"]
    assert canonical in unquote(whatsapp[0]), "the clarification's WhatsApp text lacks the canonical URL"
    assert page.select_one(".bagikan a[href^='https://t.me/']"), "the other share links are missing"


def weekly_files() -> dict[str, str]:
    return {
        f"{BAGELEN}/2024/baru.md": article("Panen Raya Bagelen", "2024-03-19 08:00"),
        f"{BAGELEN}/2024/awal.md": article("Kerja Bakti Awal Pekan", "2024-03-14 07:00"),
        f"{BAGELEN}/2024/lama.md": article("Kabar Lama Bagelen", "2024-03-13 20:00"),
        f"{METRO}/2024/metro.md": article("Festival Kota Metro", "2024-03-18 10:00"),
    }


def test_kabar_sepekan_for_the_network_and_each_kabupaten(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build_content(make_network(tmp_path, weekly_files()), output, WARTA_NOW=NOW)
    page = page_of(output, "kabar-sepekan")
    assert page.h1.get_text() == "Kabar sepekan Jaringan KIM Lampung" or page.h1.get_text().startswith("Kabar sepekan")
    assert page.select_one(".subjudul").get_text().startswith("14–20 Maret 2024")
    stories = [a.get_text() for a in page.select(".daftar-sepekan li > a")]
    assert stories == ["Panen Raya Bagelen", "Festival Kota Metro", "Kerja Bakti Awal Pekan"]
    text = page.select_one("pre.teks-wa").get_text()
    assert text.startswith("*Kabar sepekan ") and "\n14–20 Maret 2024\n" in text
    assert "*Panen Raya Bagelen*" in text and "Kabar Lama" not in text
    links = [line for line in text.splitlines() if line.startswith("http")]
    assert len(links) == len(stories) + 1, "one link per story, then the digest's own page"
    assert links[0].endswith(f"/{BAGELEN}/baru/") and links[-1].endswith("/kabar-sepekan/")
    share = next(a["href"] for a in page.select(".bagikan a") if a["href"].startswith("https://wa.me/"))
    assert parse_qs(urlparse(share).query)["text"] == [text]
    pesawaran = page_of(output, "kabar-sepekan/lampung/kabupaten-pesawaran")
    assert [a.get_text() for a in pesawaran.select(".daftar-sepekan li > a")] == [
        "Panen Raya Bagelen",
        "Kerja Bakti Awal Pekan",
    ]
    assert page.select_one('a[href="/kabar-sepekan/lampung/kota-metro/"]'), "the network digest lists kabupaten"
    region = page_of(output, "wilayah/lampung/kabupaten-pesawaran")
    assert region.select_one('a[href="/kabar-sepekan/lampung/kabupaten-pesawaran/"]')


def test_kabar_sepekan_is_the_same_all_day(tmp_path: Path) -> None:
    pages = []
    for hour, folder in ((1, "pagi"), (16, "sore")):  # 08:00 and 23:00 WIB on the same day
        output = tmp_path / folder / "output"
        moment = NOW.replace(hour=hour)
        build_content(make_network(tmp_path / folder, weekly_files()), output, WARTA_NOW=moment)
        pages.append((output / "kabar-sepekan" / "index.html").read_text(encoding="utf-8"))
    assert pages[0] == pages[1]


def test_period_labels_across_months_and_years() -> None:
    assert period_label(dt.date(2024, 3, 14), dt.date(2024, 3, 20)) == "14–20 Maret 2024"
    assert period_label(dt.date(2024, 2, 27), dt.date(2024, 3, 4)) == "27 Februari – 4 Maret 2024"
    assert period_label(dt.date(2024, 12, 28), dt.date(2025, 1, 3)) == "28 Desember 2024 – 3 Januari 2025"


def test_svg_sizes_come_from_the_root_element() -> None:
    assert svg_size_from(b'<svg xmlns="http://www.w3.org/2000/svg" width="120px" height="63"/>') == (120, 63)
    assert svg_size_from(b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 630"><g/></svg>') == (1200, 630)
    assert svg_size_from(b'<svg xmlns="http://www.w3.org/2000/svg" width="100%"/>') is None
    assert svg_size_from(b"not xml") is None


def test_listing_covers_have_sizes_and_the_first_loads_first(tmp_path: Path) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 21"><title>t</title></svg>'
    files = {f"{BAGELEN}/gambar/s.svg": svg}
    for n in (1, 2):
        files[f"{BAGELEN}/2024/g{n}.md"] = article(f"Bergambar {n}", f"2024-03-0{n} 08:00", Gambar="gambar/s.svg",
                                                   Deskripsi_Gambar="Sampul uji")  # fmt: skip
    output = build_network(tmp_path, files)
    for url in (DESA_BAGELEN, "topik/kesehatan/", BAGELEN + "/", "wilayah/lampung/"):
        images = page_of(output, url).select("main img")
        assert len(images) == 2, url
        assert [(i["width"], i["height"]) for i in images] == [("40", "21")] * 2, url
        assert images[0]["loading"] == "eager" and images[0]["fetchpriority"] == "high", url
        assert images[1]["loading"] == "lazy" and not images[1].has_attr("fetchpriority"), url
    home = soup(output / "index.html")
    lead = home.select_one(".utama img")
    assert lead["fetchpriority"] == "high" and lead["width"] == "40"
    assert [i.get("fetchpriority") for i in home.select("main img")].count("high") == 1, "two eager images"


def test_a_date_without_a_time_shows_the_date_only(tmp_path: Path) -> None:
    """`Tanggal: 5 Maret 2024` twice on one day: both published, neither page says "00.00 WIB" (or any time)."""
    files = {f"{BAGELEN}/2024/{slug}.md": article(slug.title(), "5 Maret 2024") for slug in ("pagi", "sore")}
    files[f"{BAGELEN}/2024/berjam.md"] = article("Berjam", "2024-03-05 09:30")
    output = build_network(tmp_path, files, WARTA_NOW=NOW)
    for slug in ("pagi", "sore"):
        shown = page_of(output, f"{BAGELEN}/{slug}").select_one("header .meta time")
        assert shown.get_text() == "Selasa, 5 Maret 2024"
        assert shown["datetime"] == "2024-03-05"
    timed = page_of(output, f"{BAGELEN}/berjam").select_one("header .meta time")
    assert timed.get_text() == "Selasa, 5 Maret 2024, 09.30 WIB"


def test_a_quiet_week_shows_the_last_week_with_news_and_never_an_empty_message(tmp_path: Path) -> None:
    output = tmp_path / "output"
    later = NOW + dt.timedelta(days=30)  # nothing written for a month
    build_content(make_network(tmp_path, weekly_files()), output, WARTA_NOW=later)
    page = page_of(output, "kabar-sepekan")
    assert page.select_one(".subjudul").get_text().startswith(period_label(
        (later - dt.timedelta(days=6)).date(), later.date()))  # fmt: skip
    note = " ".join(page.select_one("p.kosong").get_text().split())
    assert note == "Pekan ini belum ada kabar baru dari KIM. Berikut kabar terakhir, dari pekan 13–19 Maret 2024."
    assert [a.get_text() for a in page.select(".daftar-sepekan li > a")] == [
        "Panen Raya Bagelen", "Festival Kota Metro", "Kerja Bakti Awal Pekan", "Kabar Lama Bagelen",
    ]  # fmt: skip
    text = page.select_one("pre.teks-wa").get_text()
    assert text.startswith("*Kabar terakhir ") and "\n13–19 Maret 2024\n" in text
    assert "Belum ada kabar" not in text
    quiet = page_of(output, "kabar-sepekan/riau/kabupaten-rokan-hilir")  # a KIM, never a story
    assert "belum ada kabar baru dari KIM di Kabupaten Rokan Hilir" in quiet.select_one("p.kosong").get_text()
    assert quiet.select_one("pre.teks-wa") is None and not quiet.select("a[href^='https://wa.me/']")
