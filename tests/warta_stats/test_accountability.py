"""The policy page, the "masih perlu verifikasi" label, and corrections/replies/withdrawals in the statistics.

Builds a tiny network with a corrected story, a reply, a withdrawn story and one still being verified, and
asserts the footer link to the policy page, the network organisation's ``correctionsPolicy``/``ethicsPolicy``
in JSON-LD, the visible label, and the per-KIM counts (withdrawn stories counted apart, never as articles).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from support.site import DEMO_CONTENT, article, build_content, make_network, soup

from warta_core.validation import check_network
from warta_stats.compute import compute_stats

KIM = "kim/kim-uji-bagelen"
NOW = dt.datetime(2024, 3, 20, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
FILES = {
    f"{KIM}/2024/jalan.md": article(
        "Jalan Desa Rusak", "2024-03-05 09:30", "pemerintahan",
        Ralat="2024-03-06 10:00 | Panjang jalan tertulis 2 km, seharusnya 3 km.",
    ),
    f"{KIM}/2024/jawaban.md": article(
        "Kepala Desa Menjawab", "2024-03-09 10:00", "pemerintahan",
        Hak_Jawab_Untuk="/kim/kim-uji-bagelen/jalan/", Hak_Jawab_Dari="Kepala Desa Bagelen",
    ),
    f"{KIM}/2024/dicabut.md": article(
        "Berita Dicabut", "2024-03-07 09:30", "kesehatan", Dicabut="2024-03-08 10:00",
        Alasan_Pencabutan="trauma-korban", Penjelasan_Pencabutan="Keluarga korban keberatan.",
    ),
    f"{KIM}/2024/banjir.md": article("Banjir di Bagelen", "2024-03-10 09:30", "lingkungan", Perlu_Verifikasi="ya"),
    "pages/pedoman-pemberitaan.md": (DEMO_CONTENT / "pages/pedoman-pemberitaan.md").read_text(encoding="utf-8"),
}  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("akuntabilitas")
    output = root / "output"
    build_content(make_network(root, FILES), output, WARTA_NOW=NOW, FEED_DOMAIN="https://warta.example.org")
    return output


def test_every_footer_links_the_policy_page(site: Path) -> None:
    for page in ("index.html", "kim/kim-uji-bagelen/jalan/index.html", "kim/kim-uji-bagelen/dicabut/index.html"):
        links = [a["href"] for a in soup(site / page).select("footer.kaki a")]
        assert any(href.endswith("/pedoman-pemberitaan/") for href in links), page
    policy = soup(site / "pedoman-pemberitaan/index.html")
    assert policy.find(id="ralat") is not None and policy.find("a", href="https://dewanpers.or.id/") is not None


def test_the_network_organisation_names_its_policies(site: Path) -> None:
    page = soup(site / "kim/kim-uji-bagelen/jalan/index.html")
    graph = json.loads(page.find("script", type="application/ld+json").string)["@graph"]
    network = next(node for node in graph if node["@type"] == "NewsArticle")["publisher"]["parentOrganization"]
    assert network["correctionsPolicy"] == "https://warta.example.org/pedoman-pemberitaan/#ralat"
    assert network["ethicsPolicy"] == "https://warta.example.org/pedoman-pemberitaan/"


def test_a_story_being_verified_carries_a_visible_label(site: Path) -> None:
    label = soup(site / "kim/kim-uji-bagelen/banjir/index.html").select_one("article.berita p.label-verifikasi")
    assert label is not None and "Masih perlu verifikasi" in label.get_text()
    assert soup(site / "kim/kim-uji-bagelen/jalan/index.html").select_one("p.label-verifikasi") is None


def test_statistics_count_corrections_replies_and_withdrawals_per_kim(tmp_path: Path) -> None:
    result = check_network(make_network(tmp_path, FILES), now=NOW)
    assert result.ok, result.problems.items
    stats = compute_stats(result.network, result.articles.values(), NOW)
    bagelen = stats.kims["kim-uji-bagelen"]
    assert (bagelen.corrections, bagelen.replies, bagelen.withdrawn) == (1, 1, 1)
    assert bagelen.total == 3, "the withdrawn story is not counted as an article"
    assert "Berita Dicabut" not in [a.title for a in bagelen.articles]
    assert (stats.network.corrections, stats.network.replies, stats.network.withdrawn) == (1, 1, 1)
