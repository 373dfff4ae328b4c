"""The bundled demo network builds completely: every listing, every article everywhere it belongs."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from support.site import DEMO_CONTENT, soup

from warta_core.validation import check_network

pytestmark = pytest.mark.slow


def listing_links(output: Path, url: str) -> set[str]:
    """Article links across every pagination page of the listing at ``url``."""
    links: set[str] = set()
    page = output / url / "index.html"
    number = 1
    while page.exists():
        # page 1's full entries (on the home page also its lead and fact-check strip, which its list leaves out:
        # warta_listings.home), then the compact archive entries of pages 2.. (warta_listings.archive)
        shown = ".daftar-berita .ringkas-judul a, .daftar-arsip > li > a, .utama-judul a, .daftar-cek > li > a"
        for anchor in soup(page).select(shown):
            links.add(anchor["href"].strip("/") + "/")
        number += 1
        page = output / url / "page" / str(number) / "index.html"
    return links


@pytest.fixture(scope="module")
def demo():
    result = check_network(DEMO_CONTENT)
    assert result.ok, [p.format() for p in result.problems.items]
    return result


def published(demo):
    """The demo's live stories: published and not withdrawn."""
    return [a for a in demo.articles.values() if a.status == "published" and a.withdrawal is None]


def test_the_demo_shows_a_withdrawal_as_a_notice_only(demo, demo_output: Path) -> None:
    withdrawn = [a for a in demo.articles.values() if a.withdrawal is not None]
    assert withdrawn, "the demo shows how a withdrawn story looks"
    home = listing_links(demo_output, "")
    for article in withdrawn:
        url = f"kim/{article.kim.slug}/{article.slug}/"
        assert url not in home
        page = (demo_output / url / "index.html").read_text(encoding="utf-8")
        assert 'content="noindex"' in page and article.withdrawal.explanation in page
        assert article.body.split("\n", 1)[0][:40] not in page  # the body's first words are gone
        assert url in (demo_output / "ralat" / "index.html").read_text(encoding="utf-8")


def test_demo_meets_the_size_promised(demo) -> None:
    assert len(demo.network.kims) >= 8
    assert len(published(demo)) >= 40
    used_topics = {t for a in published(demo) for t in a.topics}
    assert used_topics == set(demo.network.topics)
    years = {a.date.year for a in published(demo)}
    assert len(years) >= 5
    kabupaten = {a.kim.desa.kabupaten_code for a in published(demo)}
    assert kabupaten == {"18.72", "18.09", "14.07", "16.06"}


def test_every_listing_has_a_page_and_an_atom_feed(demo, demo_output: Path) -> None:
    urls = ["", "kim/", "wilayah/", "topik/"]
    urls += [kim.url for kim in demo.network.kims.values()]
    urls += [topic.url for topic in demo.network.topics.values()]
    regions = {code for a in published(demo) for r in a.desa for code in r.ancestor_codes()}
    regions |= {code for kim in demo.network.kims.values() for code in kim.desa.ancestor_codes()}
    levels = {code.count(".") + 1 for code in regions}
    assert levels == {1, 2, 3, 4}
    urls += [demo.network.registry.get(code).url for code in regions]
    for url in urls:
        assert (demo_output / url / "index.html").exists(), url
    for url in set(urls) - {"kim/", "wilayah/", "topik/"}:
        feed = feedparser.parse((demo_output / url / "atom.xml").read_bytes())
        assert not feed.bozo, (url, feed.get("bozo_exception"))
        assert feed.version == "atom10"


def test_every_article_appears_on_every_listing_it_belongs_to(demo, demo_output: Path) -> None:
    registry = demo.network.registry
    cache: dict[str, set[str]] = {}

    def on(url: str) -> set[str]:
        if url not in cache:
            cache[url] = listing_links(demo_output, url)
        return cache[url]

    for article in published(demo):
        url = f"kim/{article.kim.slug}/{article.slug}/"
        assert (demo_output / url / "index.html").exists(), url
        assert url in on(""), "home"
        assert url in on(article.kim.url), article.kim.url
        for region in article.desa:
            for code in region.ancestor_codes():
                assert url in on(registry.get(code).url), (url, code)
        for topic in article.topics:
            assert url in on(f"topik/{topic}/"), (url, topic)


def test_drafts_and_scheduled_articles_are_not_published(demo, demo_output: Path) -> None:
    unpublished = [a for a in demo.articles.values() if a.status != "published"]
    assert unpublished, "the demo shows a draft and a scheduled article"
    assert any(a.scheduled for a in unpublished)
    for article in unpublished:
        assert not (demo_output / "kim" / article.kim.slug / article.slug).exists()


def test_two_kims_share_an_article_slug(demo, demo_output: Path) -> None:
    by_slug: dict[str, set[str]] = {}
    for article in published(demo):
        by_slug.setdefault(article.slug, set()).add(article.kim.slug)
    shared = {slug: kims for slug, kims in by_slug.items() if len(kims) > 1}
    assert shared
    for slug, kims in shared.items():
        titles = {soup(demo_output / "kim" / kim / slug / "index.html").h1.get_text() for kim in kims}
        assert len(titles) == len(kims)


def test_region_credit_and_licence_are_on_the_site(demo_output: Path) -> None:
    footer = soup(demo_output / "index.html").footer.get_text(" ", strip=True)
    assert "idn-area-data" in footer
    assert "ODbL" in footer
    assert "CC BY 4.0" in footer
