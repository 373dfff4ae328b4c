"""A reader on a 360 × 740 phone: the front page, the menu, profiles and statistics (issue 26).

Two halves. BeautifulSoup tests on tiny networks pin down what the front page is made of
(``warta_listings.home``): the lead is the story pinned with ``Sematkan`` while its pin lasts, else the
newest story, photo or not; no story is linked twice; an expired pin re-renders the home page in an
incremental build. Chromium tests (Debian's ``/usr/bin/chromium`` over the DevTools protocol, see
``cdp.py``) load the demo, built at a fixed moment (``WARTA_NOW`` 2026-12-07), at 360 × 740 and measure
what a reader sees: the newest story within the first two screens, every menu item on screen without
sideways scrolling, the site's name whole, nothing wider than the screen on profile and statistics pages
(wide tables scroll inside a labelled region), and chart text at least 12 px as rendered.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from support.browser import CHROMIUM, serve
from support.site import DEMO_CONTENT, article, build_content, make_network, soup

PHONE = {"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": True}
SCREENS = 2  # the newest story must be within the first two screens
NOW = dt.datetime(2026, 12, 7, 9, 0)
BAGELEN = "kim/kim-uji-bagelen"
METRO = "kim/kim-uji-metro"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 21"><title>t</title></svg>'


def story_hrefs(page) -> list[str]:
    """Links to the network's own stories in ``main`` (``/kim/<kim>/<story>/``), in page order."""
    hrefs = [a["href"] for a in page.select("main a[href^='/kim/']")]
    return [h for h in hrefs if h.count("/") == 4 and "/page/" not in h]


def network_files(*, pin: str | None = None) -> dict[str, str | bytes]:
    """Twenty stories, newest without a photo, an older one with a photo, one older clarification."""
    files: dict[str, str | bytes] = {f"{BAGELEN}/gambar/s.svg": SVG}
    for day in range(1, 19):
        files[f"{METRO}/2026/kabar-{day}.md"] = article(
            f"Kabar Metro {day}", f"2026-11-{day:02d} 08:00", "pemerintahan"
        )
    extra = {"Sematkan": pin} if pin else {}
    files[f"{BAGELEN}/2026/panen.md"] = article(
        "Panen Kakao Bagelen", "2026-11-20 09:00", "pertanian",
        Gambar="gambar/s.svg", Deskripsi_Gambar="Warga memanen kakao", **extra,
    )  # fmt: skip
    files[f"{BAGELEN}/2026/jalan.md"] = article("Jalan Desa Bagelen Ditutup Sementara", "2026-11-21 07:00")
    files[f"{BAGELEN}/2026/hoaks.md"] = (
        "Judul: Pesan Bantuan Lewat Tautan Adalah Penipuan\nTanggal: 2026-11-10 10:00\nTopik: cek-fakta\n"
        "Klaim: Bantuan bisa didaftarkan lewat tautan.\nPenilaian: penipuan\nSumber: https://kemensos.go.id/\n\n"
        "Isi klarifikasi.\n"
    )
    return files


def test_lead_is_the_newest_story_photo_or_not_and_no_story_is_linked_twice(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build_content(make_network(tmp_path, network_files()), output, WARTA_NOW=NOW)
    home = soup(output / "index.html")
    assert home.select_one(".utama h2 a")["href"] == f"/{BAGELEN}/jalan/"
    assert home.select_one(".utama img") is None  # the newest has no photo; the older photo story is not lead
    assert "Disematkan" not in home.select_one(".utama").get_text()
    links = story_hrefs(home)
    assert not [h for h, n in Counter(links).items() if n > 1], links
    assert f"/{BAGELEN}/hoaks/" in [a["href"] for a in home.select(".cek-terbaru li a")]
    listed = [a["href"] for a in home.select(".daftar-berita .ringkas-judul a")]
    assert listed[0] == f"/{BAGELEN}/panen/", "the second newest opens 'Berita terbaru'"
    text = home.select_one("main").get_text()
    assert text.index("Berita terbaru") < text.index("Dari tiap kabupaten/kota")


def test_a_pinned_story_leads_until_its_day_then_the_home_page_is_rewritten(tmp_path: Path) -> None:
    content = make_network(tmp_path, network_files(pin="2026-12-03"))
    output = tmp_path / "output"
    build_content(content, output, WARTA_NOW=dt.datetime(2026, 12, 3, 20, 0))
    home = soup(output / "index.html")
    lead = home.select_one(".utama")
    assert lead.h2.a["href"] == f"/{BAGELEN}/panen/" and "Disematkan" in lead.get_text()
    assert lead.select_one("img[fetchpriority=high]") is not None
    listed = [a["href"] for a in home.select(".daftar-berita .ringkas-judul a")]
    assert listed[0] == f"/{BAGELEN}/jalan/", "the newest story comes right under the pinned one"
    assert f"/{BAGELEN}/panen/" not in listed
    links = story_hrefs(home)
    assert not [h for h, n in Counter(links).items() if n > 1], links

    # Same files, same output and caches, one day later: the pin has ended, so the home page changes.
    build_content(content, output, WARTA_NOW=dt.datetime(2026, 12, 4, 8, 0))
    home = soup(output / "index.html")
    assert home.select_one(".utama h2 a")["href"] == f"/{BAGELEN}/jalan/"
    assert "Disematkan" not in home.select_one(".utama").get_text()


def test_sematkan_ya_pins_for_three_days_after_the_story(tmp_path: Path) -> None:
    content = make_network(tmp_path, network_files(pin="ya"))  # the story is of 20 November
    output = tmp_path / "output"
    build_content(content, output, WARTA_NOW=dt.datetime(2026, 11, 23, 23, 0))
    assert soup(output / "index.html").select_one(".utama h2 a")["href"] == f"/{BAGELEN}/panen/"
    build_content(content, output, WARTA_NOW=dt.datetime(2026, 11, 24, 0, 30))
    assert soup(output / "index.html").select_one(".utama h2 a")["href"] == f"/{BAGELEN}/jalan/"


# --- Measured in Chromium at 360 × 740 --------------------------------------------------------------------

chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)")

MEASURE_HOME = """(() => {
  const links = [...document.querySelectorAll('main a[href]')]
    .map(a => [new URL(a.href).pathname, a.getBoundingClientRect().top + scrollY])
    .filter(([path]) => /^\\/kim\\/[^/]+\\/[^/]+\\/$/.test(path) && !path.includes('/page/'));
  return {links, screen: innerHeight, height: document.documentElement.scrollHeight};
})()"""

MEASURE_MENU = """(() => {
  const width = document.documentElement.clientWidth;
  const items = [...document.querySelectorAll('header nav a')].map(a => {
    const r = a.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {text: a.textContent.trim(), left: r.left, right: r.right, height: r.height,
            visible: r.width > 0 && !!hit && (a === hit || a.contains(hit))};
  });
  const brand = document.querySelector('.kepala .merek');
  return {width, scrollWidth: document.documentElement.scrollWidth, items,
          brand: {scroll: brand.scrollWidth, client: brand.clientWidth, right: brand.getBoundingClientRect().right}};
})()"""

# Elements wider than the screen, except inside a labelled, focusable scroll region (a wide table may scroll
# there); each such region must itself fit, have role=region, a name and tabindex=0.
MEASURE_WIDTH = """(() => {
  const width = document.documentElement.clientWidth;
  const scrollers = [...document.querySelectorAll('body *')].filter(e => {
    const o = getComputedStyle(e).overflowX; return (o === 'auto' || o === 'scroll') && e.scrollWidth > e.clientWidth;
  });
  const inside = e => scrollers.some(s => s !== e && s.contains(e));
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 0.5 && !inside(e))
    .map(e => e.tagName.toLowerCase() + '.' + e.className + ': ' + e.textContent.trim().slice(0, 40));
  const unlabelled = scrollers.filter(s => s.closest('main') && !(s.getAttribute('role') === 'region'
      && s.getAttribute('tabindex') === '0' && (s.getAttribute('aria-label') || s.getAttribute('aria-labelledby'))))
    .map(s => s.tagName.toLowerCase() + '.' + s.className);
  const texts = [...document.querySelectorAll('svg text')].map(t => {
    const svg = t.ownerSVGElement, box = svg.viewBox.baseVal;
    const scale = box && box.width ? svg.getBoundingClientRect().width / box.width : 1;
    return parseFloat(getComputedStyle(t).fontSize) * scale;
  });
  const news = document.querySelector('main h2.bagian');
  return {width, scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 8), unlabelled, texts,
          screen: innerHeight, newsTop: news ? news.getBoundingClientRect().top + scrollY : null};
})()"""


@pytest.fixture(scope="module")
def demo_today(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo built on 7 December 2026 (its newest story is three weeks old by then)."""
    output = tmp_path_factory.mktemp("demo-hari-ini") / "output"
    build_content(DEMO_CONTENT, output, WARTA_NOW=NOW)
    return output


@pytest.fixture(scope="module")
def pinned_network(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny network whose older photo story is pinned on the build's day."""
    root = tmp_path_factory.mktemp("disematkan")
    output = root / "output"
    build_content(make_network(root, network_files(pin="2026-12-03")), output, WARTA_NOW=dt.datetime(2026, 12, 1))
    return output


def measure(site: Path, work: Path, pages: list[str], script: str) -> dict[str, dict]:
    """Run ``script`` on each page of ``site`` in Chromium at 360 × 740; the results by page."""
    from support.cdp import Browser

    work.mkdir(parents=True, exist_ok=True)
    results = {}
    with serve(site, work / "http.log") as base_url, Browser(work / "chromium") as browser:
        browser.call("Emulation.setDeviceMetricsOverride", PHONE)
        for page in pages:
            browser.navigate(base_url + page.lstrip("/"))
            results[page] = browser.evaluate(script)
    return results


def newest_story(site: Path) -> str:
    """Path of the newest story by date, from the network's JSON Feed (independent of the home page)."""
    items = json.loads((site / "feed.json").read_text(encoding="utf-8"))["items"]
    newest = max(items, key=lambda item: dt.datetime.fromisoformat(item["date_published"]))
    return "/" + newest["url"].split("://", 1)[1].split("/", 1)[1]


def check_first_two_screens(site: Path, work: Path) -> dict:
    found = measure(site, work, ["/"], MEASURE_HOME)["/"]
    paths = [path for path, _top in found["links"]]
    twice = [path for path, count in Counter(paths).items() if count > 1]
    assert not twice, f"story links shown more than once on the home page: {twice}"
    newest = newest_story(site)
    top = dict((path, y) for path, y in found["links"]).get(newest)
    assert top is not None, f"the newest story {newest} is not on the home page"
    assert top < SCREENS * found["screen"], f"the newest story {newest} starts at {top:.0f} px (screen {top / 740:.1f})"
    return found


@pytest.mark.slow
@chromium
def test_demo_home_page_shows_the_newest_story_early_and_each_story_once(demo_today: Path, tmp_path: Path) -> None:
    found = check_first_two_screens(demo_today, tmp_path)
    assert found["height"] < 11 * found["screen"], "the home page grew back to eleven screens"


@pytest.mark.slow
@chromium
def test_pinned_home_page_still_shows_the_newest_story_early(pinned_network: Path, tmp_path: Path) -> None:
    home = soup(pinned_network / "index.html")
    assert home.select_one(".utama h2 a")["href"] == f"/{BAGELEN}/panen/"
    check_first_two_screens(pinned_network, tmp_path)


@pytest.mark.slow
@chromium
def test_menu_fits_a_phone_and_the_site_name_is_whole(demo_today: Path, tmp_path: Path) -> None:
    pages = ["/", "/kim/kim-bagelen-berdaya/", "/statistik/", "/wilayah/lampung/kabupaten-pesawaran/"]
    for page, found in measure(demo_today, tmp_path, pages, MEASURE_MENU).items():
        assert found["scrollWidth"] <= found["width"] == 360, (page, found["scrollWidth"])
        texts = [item["text"] for item in found["items"]]
        assert {"KIM", "Wilayah", "Topik", "Mitra", "Cari", "Tentang"} <= set(texts), (page, texts)
        off = [item for item in found["items"] if not (item["visible"] and item["left"] >= 0 and item["right"] <= 360)]
        assert not off, f"{page}: menu items off screen or covered: {off}"
        assert all(item["height"] >= 24 for item in found["items"]), (page, found["items"])
        assert found["brand"]["scroll"] <= found["brand"]["client"] and found["brand"]["right"] <= 360, found["brand"]


@pytest.mark.slow
@chromium
def test_profiles_and_statistics_fit_the_phone_and_charts_are_legible(demo_today: Path, tmp_path: Path) -> None:
    site = tmp_path / "situs"
    shutil.copytree(demo_today, site)
    statistics = sorted("/" + p.parent.relative_to(site).as_posix() + "/" for p in site.glob("statistik/**/index.html"))
    profiles = ["/kim/kim-bagelen-berdaya/", "/kim/kim-metro-berseri/", "/kim/"]
    found = measure(site, tmp_path / "ukur", profiles + statistics, MEASURE_WIDTH)
    for page, result in found.items():
        assert result["scrollWidth"] <= 360 and not result["wide"], f"{page}: wider than the screen: {result['wide']}"
        assert not result["unlabelled"], f"{page}: scrolls sideways outside a labelled region: {result['unlabelled']}"
    for page in statistics:
        texts = found[page]["texts"]
        assert texts, f"{page} draws no chart text"
        assert min(texts) >= 12, f"{page}: chart text renders at {min(texts):.1f} px"
    for page in profiles[:2]:
        top = found[page]["newsTop"]
        assert top is not None and top < SCREENS * 740, f"{page}: the KIM's own news starts at {top} px"
