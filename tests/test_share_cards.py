"""Share cards only for recent stories: older articles without a photo share the network's one card.

An article without a photo cover gets its own 1200x630 card (title, KIM, network) only when it was
published within ``WARTA_IMAGES_CARD_DAYS`` of the build's moment (``WARTA_NOW``); older ones point
their og:image at ``bagikan-jaringan-<key>.jpg``, made once. Each test builds a tiny network.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import article, build_content, make_network, soup
from PIL import Image

from warta_network.settings_check import check_settings

KIM = "kim/kim-uji-bagelen"
SITE = "http://127.0.0.1:8000/"
WIB = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2024, 6, 1, 12, 0, tzinfo=WIB)
DESCRIPTION = "Kabar dari Kelompok Informasi Masyarakat"  # the start of the demo's jaringan.yml description
FILES = {
    f"{KIM}/2024/baru.md": article("Kerja Bakti Minggu Ini", "2024-05-20 08:00"),  # 12 days before NOW
    f"{KIM}/2024/lama.md": article("Rapat Tahun Lalu", "2024-01-10 08:00"),  # 143 days before NOW
    f"{KIM}/2024/lama-dua.md": article("Panen Raya", "2024-02-01 08:00"),
}


def share(output: Path, slug: str) -> tuple[str, str, dict[str, str]]:
    """og:image (relative to the site), og:image:alt and the og:image:* sizes of an article page."""
    page = soup(output / KIM / slug / "index.html")
    meta = {m["property"]: m["content"] for m in page.select('meta[property^="og:image"]')}
    return meta["og:image"].removeprefix(SITE), meta["og:image:alt"], meta


def own_cards(output: Path) -> list[Path]:
    return sorted(output.glob("kim/*/*/bagikan-*.jpg"))


def assert_card_file(path: Path) -> None:
    assert path.is_file() and path.stat().st_size <= 300 * 1024, path
    with Image.open(path) as image:
        assert (image.format, image.size) == ("JPEG", (1200, 630))


def test_recent_article_has_its_own_card_older_ones_share_the_network_card(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build_content(make_network(tmp_path, FILES), output, WARTA_NOW=NOW)
    url, alt, _meta = share(output, "baru")
    assert url.startswith(f"{KIM}/baru/bagikan-") and "jaringan" not in url
    assert "Kerja Bakti Minggu Ini" in alt and "KIM Uji Bagelen" in alt
    assert_card_file(output / url)
    old_url, old_alt, old_meta = share(output, "lama")
    assert old_url.startswith("bagikan-jaringan-") and "/" not in old_url
    assert old_alt.startswith(f"Kartu Warta KIM Sumatra: {DESCRIPTION}")
    assert (old_meta["og:image:width"], old_meta["og:image:height"]) == ("1200", "630")
    assert_card_file(output / old_url)
    assert share(output, "lama-dua")[:2] == (old_url, old_alt), "one network card for every older article"
    assert own_cards(output) == [output / url], "no card of its own for the older articles"
    assert len(list(output.glob("bagikan-jaringan-*.jpg"))) == 1
    graph = json.loads(soup(output / KIM / "lama/index.html").find("script", type="application/ld+json").string)
    news = next(node for node in graph["@graph"] if node["@type"] == "NewsArticle")
    assert news["image"][0] == SITE + old_url, "structured data shows the same picture as og:image"


def test_card_gives_way_to_the_network_card_when_the_article_ages(tmp_path: Path) -> None:
    content = make_network(tmp_path, {f"{KIM}/2024/baru.md": FILES[f"{KIM}/2024/baru.md"]})
    output = tmp_path / "output"
    build_content(content, output, WARTA_NOW=NOW)
    card, _alt, _meta = share(output, "baru")
    assert (output / card).is_file() and not list(output.glob("bagikan-jaringan-*.jpg"))
    later = NOW + dt.timedelta(days=80)  # 92 days after the article: past the default 90
    build_content(content, output, WARTA_NOW=later)
    url, alt, _meta = share(output, "baru")
    assert url.startswith("bagikan-jaringan-") and alt.startswith("Kartu Warta KIM Sumatra")
    assert_card_file(output / url)
    assert not (output / card).exists(), "the old card is no longer published: removed from the output"
    assert own_cards(output) == []
    build_content(content, output, WARTA_NOW=NOW, WARTA_IMAGES_CARD_DAYS=365)  # a longer limit: its card again
    assert share(output, "baru")[0] == card and (output / card).is_file()
    assert not list(output.glob("bagikan-jaringan-*.jpg")), "the network card is removed once no page uses it"


def test_recent_clarification_keeps_its_verdict_card_and_no_article_card(tmp_path: Path) -> None:
    clarification = article("Pesan Bantuan Lewat Tautan Itu Penipuan", "2024-05-25 10:00").replace(
        "Topik: kesehatan\n",  # a fact check's header fields (warta_core.factcheck)
        "Topik: kesehatan\nKlaim: Bantuan tunai bisa didaftar lewat tautan.\nPenilaian: Salah\n"
        "Sumber: https://cekbansos.kemensos.go.id/\n",
    )
    output = tmp_path / "output"
    build_content(make_network(tmp_path, {f"{KIM}/2024/hoaks.md": clarification}), output, WARTA_NOW=NOW)
    url, alt, _meta = share(output, "hoaks")
    assert url.startswith(f"{KIM}/hoaks/cek-fakta-1200x630-") and alt.startswith("Kartu cek fakta: ")
    assert own_cards(output) == [], "its og:image is the verdict card: no unseen article card is made"


def test_zero_days_means_no_card_per_article(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build_content(make_network(tmp_path, FILES), output, WARTA_NOW=NOW, WARTA_IMAGES_CARD_DAYS=0)
    urls = {share(output, slug)[0] for slug in ("baru", "lama", "lama-dua")}
    assert len(urls) == 1 and next(iter(urls)).startswith("bagikan-jaringan-")
    assert own_cards(output) == []


def test_card_days_is_a_checked_setting() -> None:
    problems = check_settings({"WARTA_IMAGES_CARD_DAYS": -1}, ["warta_images"])
    assert [p.message for p in problems.errors] == [
        "WARTA_IMAGES_CARD_DAYS harus bilangan bulat 0 atau lebih, tetapi berisi -1."
    ]
    settings: dict[str, object] = {}
    assert not check_settings(settings, ["warta_images"]).errors and settings["WARTA_IMAGES_CARD_DAYS"] == 90
