"""The reader's side of the demo: the front page, images, and real Chromium on every article.

Chromium (Debian's package, driven over the DevTools protocol, see ``cdp.py``) opens every article of the
demo and checks its WhatsApp link carries its canonical URL and that it has related stories; it checks desa
names in listings are links, the header is one row at 360 px, and what the print stylesheet hides and shows.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from support.browser import CHROMIUM, serve
from support.site import soup


def demo_articles_newest_first(output: Path) -> list[str]:
    """Site-absolute addresses of the demo's stories, newest first (from the network's JSON Feed)."""
    items = json.loads((output / "feed.json").read_text(encoding="utf-8"))["items"]
    items.sort(key=lambda item: dt.datetime.fromisoformat(item["date_published"]), reverse=True)
    return ["/" + item["url"].split("://", 1)[1].split("/", 1)[1] for item in items]


def demo_articles(output: Path) -> list[str]:
    """Site-absolute addresses of the demo's article pages (not withdrawal notices: they share nothing)."""
    pages = sorted(
        p for p in output.glob("kim/*/*/index.html")
        if p.parent.name != "page" and 'class="berita berita-dicabut"' not in p.read_text(encoding="utf-8")
    )  # fmt: skip
    return ["/" + p.parent.relative_to(output).as_posix() + "/" for p in pages]


@pytest.mark.slow
def test_front_page_works_like_a_portal(demo_output: Path) -> None:
    home = soup(demo_output / "index.html")
    lead = home.select_one("main .utama")  # the newest story, photo or not (issue 26; pinning: test_reader_phone)
    assert lead is not None and lead.select_one("h2 a")["href"] == demo_articles_newest_first(demo_output)[0]
    rows = home.select(".daftar-per-wilayah li")
    assert len(rows) >= 3, "no latest story per kabupaten/kota"
    kabupaten = [row.a["href"] for row in rows]
    assert len(set(kabupaten)) == len(kabupaten) and all(href.startswith("/wilayah/") for href in kabupaten)
    chips = [a["href"] for a in home.select(".chip-topik a")]
    assert chips and all(href.startswith("/topik/") for href in chips)
    text = home.select_one("main").get_text()
    assert text.index("Berita terbaru") < text.index("Berita Mitra"), "partner news pushes the network's own news down"
    assert home.select_one(".cek-terbaru"), "the cek-fakta strip is gone"
    menu = [a.get_text() for a in home.select("header nav a")]
    assert "Mitra" in menu and "KIM" in menu
    footer = {a["href"] for a in home.select("footer a")}
    assert {"/statistik/", "/data/"} <= footer


@pytest.mark.slow
def test_every_demo_image_has_a_size_and_the_first_listing_image_loads_first(demo_output: Path) -> None:
    unsized = []
    for page in demo_output.rglob("*.html"):
        if "admin" in page.relative_to(demo_output).parts:
            continue
        unsized += [f"{page.relative_to(demo_output)}: {img.get('src')}" for img in soup(page).find_all("img")
                    if not (img.get("width") and img.get("height"))]  # fmt: skip
    assert not unsized, "images without width/height:\n" + "\n".join(unsized[:20])
    mitra = soup(demo_output / "mitra" / "index.html").select("main img")
    assert mitra, "the demo's /mitra/ shows no partner image"
    assert mitra[0]["loading"] == "eager" and mitra[0]["fetchpriority"] == "high"
    assert all(img["loading"] == "lazy" for img in mitra[1:])


@pytest.mark.slow
def test_demo_pages_of_this_feature_stay_small(demo_output: Path) -> None:
    import gzip

    pages = [
        "index.html",
        "wilayah/desa/index.html",
        "kabar-sepekan/index.html",
        *(p.relative_to(demo_output).as_posix() for p in demo_output.glob("kabar-sepekan/*/*/index.html")),
    ]
    for page in pages:
        size = len(gzip.compress((demo_output / page).read_bytes()))
        assert size <= 30 * 1024, f"{page} is {size} bytes compressed"


@pytest.mark.slow
def test_articles_share_and_relate_and_listings_link_desa_in_chromium(demo_output: Path, tmp_path: Path) -> None:
    from support.cdp import Browser

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium package")
    site = tmp_path / "situs"
    shutil.copytree(demo_output, site)
    articles = demo_articles(site)
    assert len(articles) > 20
    probe = """(() => ({
      canonical: document.querySelector('link[rel=canonical]').href,
      whatsapp: [...document.querySelectorAll('a[href^="https://wa.me/"]')].map(a => a.href),
      related: [...document.querySelectorAll('.terkait li a')].map(a => new URL(a.href).pathname),
    }))()"""
    with serve(site, tmp_path / "http.log") as base_url, Browser(tmp_path / "chromium") as browser:
        for url in articles:
            browser.navigate(base_url + url.lstrip("/"))
            found = browser.evaluate(probe)
            assert found["canonical"].endswith(url)
            assert len(found["whatsapp"]) == 1, f"{url}: {found['whatsapp']}"
            text = parse_qs(urlparse(found["whatsapp"][0]).query)["text"][0]
            assert found["canonical"] in text, f"{url}: the WhatsApp text lacks {found['canonical']}"
            assert found["related"], f"{url} has no related stories"
            assert url not in found["related"] and all(r in articles for r in found["related"])
        listing_probe = """[...document.querySelectorAll('.daftar-berita:not(.daftar-mitra) .ringkas .meta')]
          .map(meta =>
          [...meta.querySelectorAll('a')].some(a => /^(Desa|Kelurahan) /.test(a.textContent)
            && new URL(a.href).pathname.startsWith('/wilayah/')))"""
        for page in ("", "topik/kesehatan/", "wilayah/lampung/", "kim/kim-bagelen-berdaya/"):
            browser.navigate(base_url + page)
            linked = browser.evaluate(listing_probe)
            assert linked and all(linked), f"/{page}: a desa name in the list is not a link"
        # A header of at most two rows on a 360 px phone: the name, then every menu item (test_reader_phone).
        metrics = {"width": 360, "height": 800, "deviceScaleFactor": 1, "mobile": True}
        browser.call("Emulation.setDeviceMetricsOverride", metrics)
        browser.navigate(base_url)
        header = browser.evaluate("""(() => {
          const items = [...document.querySelectorAll('.kepala .merek, .kepala .menu li')];
          const boxes = items.map(e => e.getBoundingClientRect());
          const oneRow = Math.max(...boxes.map(b => b.top)) < Math.min(...boxes.map(b => b.bottom));
          return {rows: oneRow ? 1 : 2, height: document.querySelector('.kepala').getBoundingClientRect().height,
                  overflow: document.documentElement.scrollWidth - innerWidth};
        })()""")
        assert header["height"] <= 100 and header["overflow"] <= 0, header
        # Print: no navigation, link addresses after links.
        browser.call("Emulation.setEmulatedMedia", {"media": "print"})
        browser.navigate(base_url + articles[0].lstrip("/"))
        printed = browser.evaluate("""(() => ({
          nav: getComputedStyle(document.querySelector('.kepala nav')).display,
          share: getComputedStyle(document.querySelector('.bagikan')).display,
          footer: getComputedStyle(document.querySelector('.kaki')).display,
          after: getComputedStyle(document.querySelector('main .berita-kaki a'), '::after').content,
        }))()""")
        assert (printed["nav"], printed["share"], printed["footer"]) == ("none", "none", "none"), printed
        assert "/topik/" in printed["after"], printed
