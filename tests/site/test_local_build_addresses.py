"""A local build works wherever it is served; a published build keeps absolute addresses (issue 26, item 8).

``kim bangun`` (``make build``) with the project's pelicanconf.py has no public address: canonical links,
og:url, og:image, share texts, feeds and sitemaps are root-relative, so nothing names ``127.0.0.1:8000``
and ``kim sajikan`` on any other port serves every internal link a page makes. The same network built with
publishconf.py (``kim terbitkan``) keeps absolute URLs in feeds, canonical links and share texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from support.site import ROOT, article, make_network, run_kim, soup
from support.photo_samples import phone_photo
from support.serving import Served

KIM = "kim/kim-uji-bagelen"
DESA = "wilayah/lampung/kabupaten-pesawaran/gedong-tataan/bagelen"
PUBLIC = "https://warta.example.org"
FILES = {
    f"{KIM}/gambar/posyandu.jpg": phone_photo(1600, 1200, private=False),
    f"{KIM}/2024/foto.md": article(
        "Posyandu Bagelen", "2024-03-06 10:00", Gambar="gambar/posyandu.jpg", Deskripsi_Gambar="Kader menimbang"
    ),
    f"{KIM}/2024/rapat.md": article("Rapat Warga Membahas Jalan Desa", "2024-03-05 09:30"),
    "pages/panduan.md": "Judul: Panduan\nSlug: panduan\n\nPanduan menulis.\n",  # every footer links it
}
PAGES = ["/", "/kim/", f"/{KIM}/", f"/{KIM}/foto/", f"/{KIM}/rapat/", f"/{DESA}/", "/topik/kesehatan/",
         "/kabar-sepekan/", "/langganan/"]  # fmt: skip
TEXT_SUFFIXES = {".html", ".xml", ".json", ".txt", ".opml", ".js", ".css", ".csv", ".webmanifest", ""}


def built(tmp_path: Path, *settings: str) -> Path:
    """The tiny network built by ``kim bangun`` (with ``--pengaturan`` when given)."""
    content = make_network(tmp_path, FILES)
    output = tmp_path / "output"
    result = run_kim("--konten", str(content), "bangun", *settings, "--keluaran", str(output))
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="module")
def local_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory.mktemp("lokal"))


@pytest.fixture(scope="module")
def served(local_site: Path) -> Iterator[Served]:
    server = Served(local_site)
    yield server
    server.stop()


def test_no_file_names_the_development_address(local_site: Path) -> None:
    files = [p for p in local_site.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES]
    assert len(files) > 40
    named = [str(p.relative_to(local_site)) for p in files if b"127.0.0.1:8000" in p.read_bytes()]
    assert named == []


def test_head_links_are_root_relative(local_site: Path) -> None:
    page = soup(local_site / KIM / "rapat/index.html")
    assert page.find("link", rel="canonical") is None  # a canonical link must be absolute (Lighthouse's SEO audit)
    assert "Sitemap:" not in (local_site / "robots.txt").read_text()  # so must a robots.txt sitemap line
    meta = {m["property"]: m["content"] for m in page.select("meta[property]")}
    assert meta["og:url"] == f"/{KIM}/rapat/"
    assert meta["og:image"].startswith(f"/{KIM}/bagikan-")  # an older story without a photo: its KIM's card
    assert (local_site / meta["og:image"].lstrip("/")).is_file()


def internal_links(page: BeautifulSoup, page_url: str, port: int) -> set[str]:
    """Every address a page names on this machine (links, images, srcsets, feeds, og: values), as paths.

    An address on this machine but not on the port serving the page (``127.0.0.1:8000`` in a folder served
    elsewhere) is returned whole: it cannot be requested here, so it counts as dead.
    """
    values = [tag.get(name) for tag in page.find_all(True) for name in ("href", "src") if tag.get(name)]
    values += [u.split()[0] for tag in page.find_all(srcset=True) for u in tag["srcset"].split(",")]
    values += [m["content"] for m in page.select('meta[property="og:url"], meta[property="og:image"]')]
    paths = set()
    for value in values:
        absolute = urljoin(f"http://127.0.0.1:{port}{page_url}", value)
        parts = urlsplit(absolute)
        if parts.hostname in ("127.0.0.1", "localhost"):
            paths.add(unquote(parts.path) if parts.port == port else absolute)
    return paths


def test_served_on_another_port_no_internal_link_is_dead(served: Served) -> None:
    assert served.port != 8000
    checked: dict[str, int] = {}
    for page_url in PAGES:
        status, _headers, body = served.request(page_url)
        assert status == 200, page_url
        page = BeautifulSoup(body.decode("utf-8"), "html.parser")
        for path in internal_links(page, page_url, served.port) - checked.keys():
            checked[path] = served.request(path, method="HEAD")[0] if path.startswith("/") else 0
    dead = sorted(path for path, status in checked.items() if status != 200)
    assert dead == [] and len(checked) > 30, dead


def test_feeds_resolve_against_the_address_they_are_read_from(served: Served) -> None:
    for feed in (f"/{KIM}/atom.xml", f"/{KIM}/rss.xml", "/atom.xml"):
        status, headers, body = served.request(feed)
        assert status == 200
        location = f"http://127.0.0.1:{served.port}{feed}"  # what a reader knows when it fetches the feed
        parsed = feedparser.parse(body, response_headers={**headers, "content-location": location})
        assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
        links = [entry.link for entry in parsed.entries] + [parsed.feed.link]
        for link in links:
            assert link.startswith(f"http://127.0.0.1:{served.port}/"), (feed, link)
            assert served.request(urlsplit(link).path, method="HEAD")[0] == 200, link


def test_a_published_build_keeps_absolute_addresses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARTA_SITEURL", PUBLIC)
    output = built(tmp_path, "--pengaturan", str(ROOT / "publishconf.py"))
    page = soup(output / KIM / "rapat/index.html")
    assert page.find("link", rel="canonical")["href"] == f"{PUBLIC}/{KIM}/rapat/"
    meta = {m["property"]: m["content"] for m in page.select("meta[property]")}
    assert meta["og:url"] == f"{PUBLIC}/{KIM}/rapat/" and meta["og:image"].startswith(f"{PUBLIC}/{KIM}/bagikan-")
    assert soup(output / KIM / "index.html").find("meta", property="og:image")["content"].startswith(f"{PUBLIC}/{KIM}/")
    whatsapp = next(a["href"] for a in page.select("a[href^='https://wa.me/']"))
    assert f"{PUBLIC}/{KIM}/rapat/" in unquote(whatsapp), "the share text carries the public link"
    feed = feedparser.parse((output / KIM / "atom.xml").read_bytes())  # no base to resolve against
    assert feed.entries and all(entry.link.startswith(f"{PUBLIC}/{KIM}/") for entry in feed.entries)
    assert re.search(rf"Sitemap: {re.escape(PUBLIC)}/sitemap.xml", (output / "robots.txt").read_text())
