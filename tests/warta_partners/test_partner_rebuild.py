"""A partner fetch re-renders only the pages whose partner news changed, and the result equals a clean build.

Three partners are fetched for real (``kim ambil`` against feeds served on 127.0.0.1) and the site is built.
Then one partner's feed changes (a title edited, a new story with an image, an old story with another image
past the age limit, and with it the page of the region only that story named), only that partner is fetched,
and the site is built again. Which pages were re-rendered is read from the output files' inodes: the writer
renames every page it renders into place, and leaves unchanged ones alone.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import shutil
import sys
from pathlib import Path

import pytest
from support.site import ROOT, build_content, make_network, run_kim, soup

from warta_output.fingerprints import build_digest
from warta_partners.index import SECTION_TEMPLATES

sys.path.insert(0, str(ROOT / "scripts"))
from serve_partner_fixtures import DEMO_FOLDER, FixtureServer, allowlist_settings

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)  # kim ambil keeps or drops entries by the clock
SETTINGS = {"WARTA_NOW": NOW, "WARTA_SEARCH_INDEX": False}
MITRA_YML = """\
- id: kabar-pesisir
  nama: Kabar Pesisir
  beranda: https://pesisir.example/
  umpan: {server}/pesisir.rss
  wilayah: ["18.09"]
- id: lensa-metro
  nama: Lensa Metro
  beranda: https://metro.example/
  umpan: {server}/metro.rss
  wilayah: ["18.72"]
  topik: [ekonomi-umkm]
- id: suara-rohil
  nama: Suara Rohil
  beranda: https://rohil.example/
  umpan: {server}/rohil.rss
  wilayah: ["14.07"]
"""
PESISIR = "wilayah/lampung/kabupaten-pesawaran/"
NEGERI_KATON = PESISIR + "negeri-katon/index.html"  # a region with partner news only (no KIM, no article)
PARTNER_IDS = ("kabar-pesisir", "lensa-metro", "suara-rohil")
HEALTH_PAGES = {"mitra/status/index.html", *(f"mitra/{partner}/index.html" for partner in PARTNER_IDS)}


def item(slug: str, title: str, days_ago: int, text: str, image: str = "") -> str:
    """One RSS item of a partner feed, published ``days_ago`` days before now."""
    enclosure = f'<enclosure url="gambar/{image}" type="image/png" length="600"/>' if image else ""
    published = email.utils.format_datetime(NOW - dt.timedelta(days=days_ago, hours=1))
    return (
        f"<item><title>{title}</title><link>https://mitra.example/{slug}</link><guid>https://mitra.example/{slug}</guid>"
        f"<pubDate>{published}</pubDate>{enclosure}<description>{text}</description></item>"
    )


def feed(*items: str) -> str:
    """An RSS document."""
    channel = f"<channel><title>Mitra</title>{''.join(items)}</channel>"
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0">{channel}</rss>'


BAGELEN = ("bagelen", 2, "Warga Desa Bagelen, Kecamatan Gedong Tataan, membersihkan saluran.")
TATAAN = item("tataan", "Pasar Gedong Tataan Ramai", 3, "Pasar di Gedong Tataan.")
PESISIR_FEED = feed(
    item(BAGELEN[0], "Warga Desa Bagelen Kerja Bakti", *BAGELEN[1:]),
    item(
        "katon", "Jalan Baru di Kecamatan Negeri Katon", 20, "Jalan di Kecamatan Negeri Katon.", "pantai-pahawang.png"
    ),
    TATAAN,
)
PESISIR_CHANGED = feed(  # a new story with an image, one title edited; the old Negeri Katon story is past the age limit
    item("baru", "Panen Kakao di Gedong Tataan", 1, "Petani di Kecamatan Gedong Tataan panen.", "kebun-kakao.png"),
    item(BAGELEN[0], "Warga Desa Bagelen Kerja Bakti Lagi", *BAGELEN[1:]),
    TATAAN,
)
METRO_FEED = feed(item("metro", "Bazar UMKM di Metro Pusat", 4, "Bazar di Kecamatan Metro Pusat."))
ROHIL_FEED = feed(item("rohil", "Nelayan Panipahan Melaut Lagi", 5, "Nelayan Kecamatan Pasir Limau Kapas melaut."))


def snapshot(output: Path) -> dict[str, tuple[int, bytes]]:
    """Every built file: relative name -> (inode, bytes)."""
    return {
        str(path.relative_to(output)): (path.stat().st_ino, path.read_bytes())
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


def rendered(before: dict, after: dict) -> set[str]:
    """Files written anew (new inode) or created by the build between the two snapshots."""
    return {name for name, (inode, _) in after.items() if name not in before or before[name][0] != inode}


def differing(before: dict, after: dict) -> set[str]:
    """Files of ``after`` that are new or whose bytes changed."""
    return {name for name, (_, data) in after.items() if name not in before or before[name][1] != data}


def fetch(content: Path, *options: str) -> None:
    """``kim ambil`` for real, as a technician runs it, with settings that allow the fixture server."""
    result = run_kim("--konten", str(content), "fetch", "--pengaturan", str(content.parent / "ambil.py"), *options)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def rebuilds(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Snapshots of: the first build, a rebuild with nothing changed, a rebuild after one partner changed,
    a clean build of that, and a rebuild after a fetch that found nothing new."""
    root = tmp_path_factory.mktemp("mitra-ulang")
    feeds = root / "umpan"
    shutil.copytree(DEMO_FOLDER / "gambar", feeds / "gambar")
    for name, text in {"pesisir.rss": PESISIR_FEED, "pesisir-2.rss": PESISIR_CHANGED, "metro.rss": METRO_FEED,
                       "rohil.rss": ROHIL_FEED}.items():  # fmt: skip
        (feeds / name).write_text(text, encoding="utf-8")
    output = root / "output"
    with FixtureServer(feeds) as server:
        content = make_network(root, {"_data/mitra.yml": MITRA_YML.format(server=f"http://127.0.0.1:{server.port}")})
        allowlist_settings(root / "ambil.py", server.host_port)  # `kim ambil` refuses 127.0.0.1 otherwise
        fetch(content, "--umur-maks", "0")
        build_content(content, output, **SETTINGS)
        first = snapshot(output)
        build_content(content, output, **SETTINGS)
        again = snapshot(output)
        server.routes["/pesisir.rss"] = "pesisir-2.rss"
        fetch(content, "--mitra", "kabar-pesisir", "--umur-maks", "14")
        build_content(content, output, **SETTINGS)
        changed = snapshot(output)
        build_content(content, root / "bersih", **SETTINGS)
        clean = snapshot(root / "bersih")
        fetch(content, "--umur-maks", "0")  # every feed answers 304 Not Modified
        build_content(content, output, **SETTINGS)
        unchanged = snapshot(output)
    return {"first": first, "again": again, "changed": changed, "clean": clean, "unchanged": unchanged,
            "output": output}  # fmt: skip


def test_the_partner_pages_and_sections_are_there(rebuilds: dict) -> None:
    first, changed = rebuilds["first"], rebuilds["changed"]
    assert NEGERI_KATON in first and NEGERI_KATON not in changed, "a region with partner news only: page and gone"
    assert "mitra/gambar/" + "pantai-pahawang.png" not in changed
    images = {name.rsplit("/", 1)[1] for name in changed if name.startswith("mitra/gambar/")}
    assert len(images) == 1, "the image of the new story only; the dropped story's image is removed"
    home = soup(rebuilds["output"] / "index.html").select_one("section.berita-mitra")
    assert "Panen Kakao di Gedong Tataan" in home.get_text()
    assert home.select_one("img")["src"] == "/mitra/gambar/" + images.pop()


def test_only_pages_whose_partner_news_changed_are_rendered(rebuilds: dict) -> None:
    first, again, changed = rebuilds["first"], rebuilds["again"], rebuilds["changed"]
    always = rendered(first, again)  # pages without a fingerprint, rendered on every build
    with_partner_news = {
        n for n, (_, data) in again.items() if b'class="berita-mitra"' in data or n.startswith("mitra/")
    }
    assert len(with_partner_news) > 10 and not always & with_partner_news
    assert rendered(first, again) - differing(first, again) == always
    assert not differing(first, again) - always, "a rebuild with nothing new changes nothing"
    work = rendered(again, changed) - always
    assert work == differing(again, changed) - always, "re-rendered exactly the pages that differ"
    expected = {"index.html", PESISIR + "index.html", PESISIR + "gedong-tataan/index.html", "mitra/index.html"}
    assert expected <= work
    assert "wilayah/lampung/index.html" in work, "the province shows the partner's stories too"
    assert not {n for n in work if n.startswith("kim/")}, "KIM pages and articles are not partner pages"
    metro = "wilayah/lampung/kota-metro/index.html"
    assert metro in changed and metro not in work, "the other partners' sections did not change"


def test_the_rebuild_equals_a_clean_build(rebuilds: dict) -> None:
    built = {name: data for name, (_, data) in rebuilds["changed"].items()}
    clean = {name: data for name, (_, data) in rebuilds["clean"].items()}
    assert sorted(built) == sorted(clean)
    assert [name for name in built if built[name] != clean[name]] == []


def test_a_fetch_with_nothing_new_renders_only_the_feed_health(rebuilds: dict) -> None:
    work = rendered(rebuilds["changed"], rebuilds["unchanged"]) - rendered(rebuilds["first"], rebuilds["again"])
    assert work == HEALTH_PAGES, "only the pages that show when each feed was last fetched"


def test_section_templates_are_the_listings_that_show_partner_news(rebuilds: dict) -> None:
    output = rebuilds["output"]
    shown = {
        "index": output / "index.html",
        "wilayah": output / PESISIR / "index.html",
        "topik": output / "topik" / "ekonomi-umkm" / "index.html",
    }
    for template, page in shown.items():
        assert soup(page).select_one("section.berita-mitra"), template
    assert set(shown) == SECTION_TEMPLATES
    for left_out in ("kim/kim-uji-bagelen/index.html", "cek-fakta/index.html"):  # kim.html, cek_fakta.html
        assert soup(output / left_out).select_one("section.berita-mitra") is None, left_out


def test_the_build_digest_leaves_the_partner_cache_to_the_pages(tmp_path: Path) -> None:
    content = make_network(tmp_path, {"_data/mitra.yml": MITRA_YML.format(server="http://127.0.0.1:9")})
    settings = {"THEME": str(ROOT / "theme"), "PATH": str(content), "WARTA_MITRA_CACHE_DIR": "_mitra"}
    digest = build_digest(settings)
    (content / "_mitra" / "gambar").mkdir(parents=True)
    (content / "_mitra" / "kabar-pesisir.json").write_text("{}", encoding="utf-8")
    (content / "_mitra" / "gambar" / "a.png").write_bytes(b"png")
    assert build_digest(settings) == digest
    (content / "_data" / "mitra.yml").write_text(MITRA_YML.format(server="http://127.0.0.1:8"), encoding="utf-8")
    assert build_digest(settings) != digest, "the partner list (the Mitra menu link) is in every page's digest"
