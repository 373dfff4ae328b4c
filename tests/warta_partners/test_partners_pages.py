"""Partner pages and "Berita Mitra" sections, built by the real Pelican build from a cache filled by a real fetch.

The build reads only the cache: a test forbids every socket connection during it. Partner text is always
escaped, always credited to its outlet, always linked to the original, and never part of the KIMs' feeds.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from support.site import CODE_PATH, DEMO_CONTENT, ROOT, build_content, build_network, make_network, run_kim, soup

from warta_partners.cache import FeedState, PartnerCache
from warta_partners.config import Partner
from warta_partners.entries import Entry
from warta_partners.spider import FetchOptions, Spider

sys.path.insert(0, str(ROOT / "scripts"))
from serve_partner_fixtures import DEMO_FOLDER, DEMO_PORT, FixtureServer

NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)
BAGELEN_PAGE = "wilayah/lampung/kabupaten-pesawaran/gedong-tataan/bagelen/index.html"
MITRA_YML = """\
- id: kabar-pesisir-lampung
  nama: Kabar Pesisir Lampung
  beranda: https://kabarpesisir.example/
  umpan: {server}/kabar-pesisir-lampung.rss
  wilayah: ["18.09"]
- id: lensa-warga-metro
  nama: Lensa Warga Metro
  beranda: https://lensawargametro.example/
  umpan: {server}/lensa-warga-metro.rss
  wilayah: ["18.72"]
"""
KIM_ARTICLE = "Judul: Posyandu KIM Uji\nTanggal: 2024-03-05 09:30\nTopik: kesehatan\n\nIsi berita KIM.\n"


@pytest.fixture(scope="module")
def fetched_site(tmp_path_factory):
    """A tiny network whose two partners were fetched for real from the demo fixtures, then built."""
    root = tmp_path_factory.mktemp("situs-mitra")
    with FixtureServer(DEMO_FOLDER) as server:
        content = make_network(
            root,
            {
                "_data/mitra.yml": MITRA_YML.format(server=f"http://127.0.0.1:{server.port}"),
                "kim/kim-uji-bagelen/2024/posyandu.md": KIM_ARTICLE,
            },
        )
        partners = [
            Partner("kabar-pesisir-lampung", "Kabar Pesisir Lampung", "https://kabarpesisir.example/",
                    server.url("kabar-pesisir-lampung.rss"), regions=("18.09",)),
            Partner("lensa-warga-metro", "Lensa Warga Metro", "https://lensawargametro.example/",
                    server.url("lensa-warga-metro.rss"), regions=("18.72",)),
        ]  # fmt: skip
        options = FetchOptions(
            use_env_proxy=False, max_age_days=0, read_timeout=3, feed_timeout=5, local_allowlist=(server.host_port,)
        )
        Spider(PartnerCache(str(content / "_mitra")), options, clock=lambda: NOW).run(partners)
    output = root / "output"
    build_content(content, output, WARTA_MITRA_PAGE_ITEMS=4)
    return content, output


def partner_titles(page) -> list[str]:
    return [h.get_text(strip=True) for h in page.select(".daftar-mitra .ringkas-judul")]


def test_all_partner_news_newest_first_credited_and_linked(fetched_site) -> None:
    _content, output = fetched_site
    pages = [output / "mitra" / "index.html", output / "mitra/page/2/index.html", output / "mitra/page/3/index.html"]
    assert not (output / "mitra/page/4").exists()
    items = [item for page in pages for item in soup(page).select(".daftar-mitra article")]
    dates = [item.find("time")["datetime"] for item in items]
    assert dates == sorted(dates, reverse=True)
    assert len(items) == 9, "6 + 4 fetched, the story both outlets carry shown once; 4 per page"
    nav = soup(pages[1]).select_one("nav.halaman")
    assert [a.get_text(strip=True) for a in nav.find_all("a")] == ["← Halaman sebelumnya", "Halaman berikutnya →"]
    for item in items:
        source = item.select_one(".meta a")
        assert source.get_text() in ("Kabar Pesisir Lampung", "Lensa Warga Metro")
        assert source["href"] in ("/mitra/kabar-pesisir-lampung/", "/mitra/lensa-warga-metro/")
        original = item.select_one(".ringkas-judul a")
        assert original["href"].startswith(("https://kabarpesisir.example/", "https://lensawargametro.example/"))
        assert "external" in original["rel"] and "nofollow" in original["rel"]
    pasar = next(i for i in items if "Pasar Kuliner Malam" in i.get_text())
    assert pasar.select_one(".meta a").get_text() == "Lensa Warga Metro", "credited to the earlier publisher"
    assert "Juga dimuat Kabar Pesisir Lampung." in pasar.get_text(" ", strip=True)


def test_partner_page_shows_its_news_and_health(fetched_site) -> None:
    _content, output = fetched_site
    page = soup(output / "mitra" / "kabar-pesisir-lampung" / "index.html")
    assert page.h1.get_text(strip=True) == "Kabar Pesisir Lampung"
    facts = {
        dt_.get_text(strip=True): dd.get_text(" ", strip=True)
        for dt_, dd in zip(page.select(".data dt"), page.select(".data dd"), strict=True)
    }
    assert facts["Situs"] == "https://kabarpesisir.example/"
    assert facts["Liputan"] == "Kabupaten Pesawaran"
    assert facts["Status umpan"] == "Diperbarui (HTTP 200)"
    assert facts["Terakhir berhasil"] == "21 Nov 2026 19.00 WIB"
    assert facts["Berita tersimpan"] == "6"
    assert "Pasar Kuliner Malam Kota Metro Kembali Dibuka Setiap Akhir Pekan" in " ".join(
        partner_titles(page) + partner_titles(soup(output / "mitra/kabar-pesisir-lampung/page/2/index.html"))
    ), "its own page keeps the syndicated story"


def test_status_page_has_a_row_per_partner(fetched_site) -> None:
    _content, output = fetched_site
    page = soup(output / "mitra" / "status" / "index.html")
    rows = {
        row.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in row.find_all("td")]
        for row in page.select("tbody tr")
    }
    assert set(rows) == {"Kabar Pesisir Lampung", "Lensa Warga Metro"}
    assert rows["Lensa Warga Metro"][:3] == ["Diperbarui", "200", "4"]
    assert rows["Lensa Warga Metro"][4] == "5 hari", "16 Nov 19.00 WIB to the fetch on 21 Nov 19.00 WIB"


def test_berita_mitra_sections_follow_region_and_topic_mapping(fetched_site) -> None:
    _content, output = fetched_site
    home = soup(output / "index.html").select_one("section.berita-mitra")
    assert home and len(home.select(".daftar-mitra > li")) == 4
    bagelen = soup(output / BAGELEN_PAGE).select_one("section.berita-mitra")
    assert partner_titles(bagelen) == ["Ibu-ibu Bagelen Belajar Mengemas Keripik Pisang untuk Dijual Daring"]
    assert bagelen.select_one(".meta").get_text(" ", strip=True).endswith("Desa Bagelen")
    pesawaran = soup(output / "wilayah/lampung/kabupaten-pesawaran/index.html").select_one("section.berita-mitra")
    assert "Ibu-ibu Bagelen Belajar Mengemas Keripik Pisang untuk Dijual Daring" in partner_titles(pesawaran)
    metro = soup(output / "wilayah/lampung/kota-metro/index.html").select_one("section.berita-mitra")
    assert "Pasar Kuliner Malam Kota Metro Kembali Dibuka Setiap Akhir Pekan" in partner_titles(metro)
    assert soup(output / "wilayah/riau/index.html").select_one("section.berita-mitra") is None
    health = soup(output / "topik/kesehatan/index.html").select_one("section.berita-mitra")
    assert "Posyandu Desa Hanura Tambah Jadwal Penimbangan Balita pada Sabtu" in partner_titles(health)
    disaster = soup(output / "topik/kebencanaan/index.html").select_one("section.berita-mitra")
    assert partner_titles(disaster) == ["Warga Pesisir Padang Cermin Diminta Waspada Banjir Rob Akhir Bulan"]


def test_partner_news_never_enters_the_network_feeds(fetched_site) -> None:
    _content, output = fetched_site
    feeds = [p for p in output.rglob("*") if p.suffix in (".xml", ".json") or p.name.endswith(".opml")]
    assert len(feeds) > 10
    for feed in feeds:
        text = feed.read_text(encoding="utf-8")
        for marker in ("kabarpesisir.example", "lensawargametro.example", "Keripik Pisang", "Kuliner Malam"):
            assert marker not in text, f"{marker} in {feed.relative_to(output)}"


def test_images_are_copied_and_served_from_the_portal(fetched_site) -> None:
    _content, output = fetched_site
    images = [img for p in (output / "mitra").rglob("index.html") for img in soup(p).select(".daftar-mitra img")]
    assert images
    for image in images:
        assert image["src"].startswith("/mitra/gambar/") and image["alt"] == "" and "role" not in image.attrs
        assert (output / image["src"].lstrip("/")).read_bytes().startswith(b"\x89PNG")


def hostile_entry(**fields: object) -> dict:
    data = {
        "key": "0123456789abcdef0123", "source_id": "x", "title": "<script>alert(1)</script> Banjir <b>rob</b>",
        "link": "https://uji.example/1", "published": "2026-11-20T01:00:00+00:00", "date_estimated": False,
        "first_seen": "2026-11-20T01:00:00+00:00", "summary": '<img src=x onerror="alert(2)"> Air naik', "text": "",
        "author": "<i>Siti</i>", "image_url": None, "image_file": None,
    }  # fmt: skip
    return {**data, **fields}


def write_cache(content: Path, partner_id: str, entries: list[dict]) -> None:
    folder = content / "_mitra"
    folder.mkdir(parents=True, exist_ok=True)
    state = FeedState(partner_id).to_dict() | {"entries": entries}
    (folder / f"{partner_id}.json").write_text(json.dumps(state), encoding="utf-8")


ONE_PARTNER = "- id: uji\n  nama: Media <Uji> & Co\n  beranda: https://uji.example/\n  umpan: http://127.0.0.1:9/rss\n"


def test_partner_text_is_escaped_and_a_tampered_cache_is_rechecked(tmp_path: Path) -> None:
    content = make_network(tmp_path, {"_data/mitra.yml": ONE_PARTNER})
    write_cache(content, "uji", [
        hostile_entry(),
        hostile_entry(key="fedcba9876543210fedc", title="Tautan diubah", link="javascript:alert(3)",
                      image_file="../../../../etc/passwd", image_url="data:image/png;base64,AAAA"),
    ])  # fmt: skip
    output = tmp_path / "output"
    build_content(content, output)
    page = soup(output / "mitra" / "uji" / "index.html")
    listing = page.select_one(".daftar-mitra")
    assert listing.find("script") is None and listing.find("b") is None and listing.find("i") is None
    assert not [tag for tag in listing.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
    assert "<script>alert(1)</script> Banjir <b>rob</b>" in partner_titles(page)
    assert '<img src=x onerror="alert(2)"> Air naik' in listing.get_text()
    assert "<i>Siti</i>" in listing.get_text()
    assert page.h1.get_text() == "Media <Uji> & Co"
    tampered = next(a for a in listing.select("article") if "Tautan diubah" in a.get_text())
    assert tampered.select_one(".ringkas-judul a") is None, "a non-http link from the cache is not linked"
    assert tampered.find("img") is None
    assert "javascript:" not in (output / "mitra" / "uji" / "index.html").read_text(encoding="utf-8")


def test_without_a_cache_the_pages_render_empty_and_no_connection_is_opened(tmp_path: Path, monkeypatch) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object):
        attempts.append(args)
        raise AssertionError("the build opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    content = make_network(tmp_path, {"_data/mitra.yml": ONE_PARTNER})
    output = tmp_path / "output"
    build_content(content, output)
    assert attempts == []
    listing = soup(output / "mitra" / "index.html")
    assert "Berita mitra belum pernah diambil" in listing.select_one("main").get_text()
    assert "Umpan mitra belum pernah diambil." in soup(output / "mitra" / "status" / "index.html").get_text()
    partner_page = soup(output / "mitra" / "uji" / "index.html")
    assert "Belum pernah diambil" in partner_page.select_one(".data").get_text()
    assert soup(output / "index.html").select_one("section.berita-mitra") is None


def test_a_network_without_partners_says_so(tmp_path: Path) -> None:
    output = build_network(tmp_path)
    assert "Jaringan ini belum punya media mitra." in soup(output / "mitra" / "index.html").get_text()
    assert soup(output / "index.html").select_one("section.berita-mitra") is None


def test_images_can_be_switched_off(tmp_path: Path) -> None:
    content = make_network(tmp_path, {"_data/mitra.yml": ONE_PARTNER})
    image = (DEMO_FOLDER / "gambar" / "kebun-kakao.png").read_bytes()
    PartnerCache(str(content / "_mitra")).save_image("a" * 40 + ".png", image)
    write_cache(content, "uji", [hostile_entry(image_file="a" * 40 + ".png", title="Dengan gambar")])
    build_content(content, tmp_path / "dengan")
    assert soup(tmp_path / "dengan" / "mitra" / "index.html").select(".daftar-mitra img")
    build_content(content, tmp_path / "tanpa", WARTA_MITRA_IMAGES=False)
    assert not soup(tmp_path / "tanpa" / "mitra" / "index.html").select(".daftar-mitra img")
    assert not (tmp_path / "tanpa" / "mitra" / "gambar").exists()


# --- the demo ------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_demo_build_shows_partner_news(demo_output: Path) -> None:
    listing = soup(demo_output / "mitra" / "index.html")
    assert len(listing.select(".daftar-mitra > li")) >= 15
    status = soup(demo_output / "mitra" / "status" / "index.html")
    assert len(status.select("tbody tr")) == 4
    assert soup(demo_output / "index.html").select_one("section.berita-mitra")


@pytest.mark.slow
def test_fetch_demo_command_reproduces_the_committed_cache(tmp_path: Path) -> None:
    """What `make fetch-demo` runs: the fixture server on 127.0.0.1:8765 while `kim ambil` fetches for real."""
    content = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, content, ignore=shutil.ignore_patterns("_mitra"))
    env = {**os.environ, "PYTHONPATH": CODE_PATH}
    command = [sys.executable, str(ROOT / "scripts" / "serve_partner_fixtures.py"), "--port", str(DEMO_PORT), "--"]
    command += [sys.executable, "-m", "warta_cli.main", "--konten", str(content), "fetch", "--umur-maks", "0"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "4 diperbarui" in result.stdout
    committed = PartnerCache(str(DEMO_CONTENT / "_mitra"))
    fresh = PartnerCache(str(content / "_mitra"))
    for name in sorted(os.listdir(committed.folder)):
        if name.endswith(".json"):
            partner_id = name[:-5]
            old, new = committed.load(partner_id), fresh.load(partner_id)
            assert [(e.key, e.title, e.link, e.published, e.image_file) for e in new.entries] == [
                (e.key, e.title, e.link, e.published, e.image_file) for e in old.entries
            ], f"{name}: regenerate with `make fetch-demo`"
    assert sorted(os.listdir(fresh.image_folder)) == sorted(os.listdir(committed.image_folder))


def test_hostile_entry_helper_builds_a_valid_entry() -> None:
    assert Entry.from_dict(hostile_entry()) is not None


def test_run_kim_fetch_is_registered() -> None:
    result = run_kim("fetch", "--help")
    assert result.returncode == 0 and "--umur-maks" in result.stdout


def test_the_weekly_digest_has_the_weeks_partner_news_apart(fetched_site, tmp_path: Path) -> None:
    """Partner items of the week get their own section, linked to the outlet and kept out of the WhatsApp text."""
    content, _output = fetched_site
    output = tmp_path / "output"
    build_content(content, output, WARTA_NOW=NOW)  # the fetch's day: its items are this week's
    page = soup(output / "kabar-sepekan" / "index.html")
    section = page.select_one("section[aria-labelledby=judul-mitra-sepekan]")
    links = section.select("li > a")
    assert links, "the week's partner items are missing"
    assert all(
        a["href"].startswith(("https://kabarpesisir.example/", "https://lensawargametro.example/")) for a in links
    )
    assert all("nofollow" in a["rel"] for a in links)
    dates = [t["datetime"] for t in section.select("time")]
    assert dates == sorted(dates, reverse=True)
    text = page.select_one("pre.teks-wa")
    assert text is None or not any(a.get_text() in text.get_text() for a in links), "partner news in the KIMs' text"
    metro = soup(output / "kabar-sepekan" / "lampung" / "kota-metro" / "index.html")
    metro_links = [a["href"] for a in metro.select("section[aria-labelledby=judul-mitra-sepekan] li > a")]
    assert metro_links and all(href.startswith("https://lensawargametro.example/") for href in metro_links)
