"""/cari/ on a 360 × 740 phone, in Chromium: filters folded behind "Saring hasil", mended queries said aloud.

The four filter drop-downs used to push the first result to the bottom of the first screen. They now sit
in one ``<details>`` ("Saring hasil"), closed on a phone unless a filter is chosen in the address, open
on a wide screen. When the query was mended (``posiandu`` -> ``posyandu``) the status says what was
searched instead and links the search exactly as typed (``?persis=1``), which then mends nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from support.browser import CHROMIUM, serve
from test_search_queries import DONE, LINKS

PHONE = {"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": True}
WIDE = {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}
LAYOUT = """(() => {
  const fold = document.getElementById('saring-lipat');
  const first = document.querySelector('#hasil li');
  const summary = fold && fold.querySelector('summary');
  return {
    folded: !!fold && !fold.hidden && !fold.open,
    summary: summary ? summary.textContent.trim() : null,
    summaryHeight: summary ? summary.getBoundingClientRect().height : 0,
    firstBottom: first ? first.querySelector('h2').getBoundingClientRect().bottom : null,
    screen: innerHeight,
    kabupaten: document.getElementById('saring-kabupaten') && document.getElementById('saring-kabupaten').value,
  };
})()"""


@pytest.fixture
def search_site(demo_output: Path, tmp_path: Path):
    """The demo served over HTTP, with one Chromium: yields (browser, base URL)."""
    from support.cdp import Browser

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium package")
    site = tmp_path / "situs"
    shutil.copytree(demo_output, site)
    with serve(site, tmp_path / "http.log") as base_url, Browser(tmp_path / "chromium") as browser:
        yield browser, base_url


def open_search(browser, base_url: str, query: str) -> dict:
    browser.navigate(f"{base_url}cari/?{query}")
    browser.wait_for(DONE, timeout=10, what=f"results for ?{query}")
    return browser.evaluate(LAYOUT)


@pytest.mark.slow
def test_filters_are_folded_on_a_phone_and_the_first_result_is_on_the_first_screen(search_site) -> None:
    browser, base_url = search_site
    browser.call("Emulation.setDeviceMetricsOverride", PHONE)
    layout = open_search(browser, base_url, "q=posyandu")
    assert layout["summary"] == "Saring hasil", layout
    assert layout["folded"], f"the filters are not folded on a phone: {layout}"
    assert layout["summaryHeight"] >= 24, f"'Saring hasil' is too small to tap: {layout}"
    assert layout["firstBottom"] is not None and layout["firstBottom"] <= layout["screen"] / 2, (
        f"the first result's title ends at {layout['firstBottom']} px of a {layout['screen']} px screen"
    )
    # A filter held in the address opens the fold and shows the choice.
    kabupaten = browser.evaluate("[...document.querySelectorAll('#saring-kabupaten option')].map(o => o.value)[1]")
    layout = open_search(browser, base_url, f"q=posyandu&kabupaten={quote(kabupaten)}")
    assert not layout["folded"] and layout["kabupaten"] == kabupaten, layout
    # On a wide screen the filters are open from the start.
    browser.call("Emulation.setDeviceMetricsOverride", WIDE)
    assert not open_search(browser, base_url, "q=posyandu")["folded"]


@pytest.mark.slow
def test_a_mended_query_says_what_was_searched_and_links_the_exact_search(search_site) -> None:
    browser, base_url = search_site
    open_search(browser, base_url, "q=posiandu")
    status = browser.evaluate("document.getElementById('status').textContent")
    assert "Menampilkan hasil untuk “posyandu”" in status, status
    assert all("posyandu" in link for link in browser.evaluate(LINKS)[:3]), browser.evaluate(LINKS)
    exact = browser.evaluate("document.querySelector('#status a').getAttribute('href')")
    assert exact == "?q=posiandu&persis=1", exact
    browser.navigate(f"{base_url}cari/{exact}")
    status = browser.wait_for(DONE, timeout=10, what="the exact search")
    assert "Menampilkan" not in status, f"?persis=1 still mended the query: {status}"
    # A query that needs no mending says nothing more than the count.
    open_search(browser, base_url, "q=posyandu")
    assert browser.evaluate("document.getElementById('status').textContent").endswith("berita ditemukan.")


@pytest.mark.slow
def test_partner_news_is_found_labelled_and_leads_to_the_partner(search_site) -> None:
    browser, base_url = search_site
    open_search(browser, base_url, "q=pahawang")
    first = browser.evaluate(
        "(li => ({href: li.querySelector('h2 a').href, rel: li.querySelector('h2 a').rel,"
        " meta: li.querySelector('.meta').textContent}))(document.querySelector('#hasil li'))"
    )
    assert first["href"].startswith("https://kabarpesisir.example/"), first
    assert first["meta"].startswith("Berita mitra · Kabar Pesisir Lampung · "), first
    assert "external" in first["rel"] and "noopener" in first["rel"], first
    # The portal's own stories stay unlabelled.
    open_search(browser, base_url, "q=posyandu")
    assert "Berita mitra" not in browser.evaluate("document.querySelector('#hasil li .meta').textContent")
