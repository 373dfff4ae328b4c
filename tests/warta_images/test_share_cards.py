"""Recent stories have share cards of their own; older ones and other pages have cards that say what they are.

A story without a photo cover gets a 1200x630 card drawn with its title, KIM and network while it was
published within ``WARTA_IMAGES_CARD_DAYS`` of the build's moment (``WARTA_NOW``); after that it shares
its KIM's card (issue 27: 10,000 stories without photos were 11,700 cards to draw on a cold build), or
has a 600x315 card of its own with ``WARTA_IMAGES_OLD_STORY_CARDS``. No story shares the network's one
card (issue 26). A KIM, a region, a topic, the home page and a weekly digest get cards naming the KIM,
the region, the topic, the network and the week. Each test builds a tiny network.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from PIL import Image
from support.site import TEST_ADDRESS, article, build_content, make_network, soup

from warta_network.settings_check import check_settings

KIM = "kim/kim-uji-bagelen"
DESA = "wilayah/lampung/kabupaten-pesawaran/gedong-tataan/bagelen"
SITE = f"{TEST_ADDRESS}/"
WIB = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2024, 6, 1, 12, 0, tzinfo=WIB)
FILES = {
    f"{KIM}/2024/baru.md": article("Kerja Bakti Minggu Ini", "2024-05-20 08:00"),  # 12 days before NOW
    f"{KIM}/2024/lama.md": article("Rapat Tahun Lalu", "2024-01-10 08:00"),  # 143 days before NOW
    f"{KIM}/2024/lama-dua.md": article("Panen Raya", "2024-02-01 08:00"),
}
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>'


def share(page_file: Path) -> tuple[str, str, dict[str, str]]:
    """og:image (relative to the site), og:image:alt and every og:image* value of a built page."""
    meta = {m["property"]: m["content"] for m in soup(page_file).select('meta[property^="og:image"]')}
    return meta["og:image"].removeprefix(SITE), meta["og:image:alt"], meta


def story(output: Path, slug: str) -> tuple[str, str, dict[str, str]]:
    return share(output / KIM / slug / "index.html")


def own_cards(output: Path) -> list[Path]:
    return sorted(output.glob("kim/*/*/bagikan-*"))


def assert_card_file(path: Path, size: tuple[int, int], meta: dict[str, str] | None = None) -> None:
    """A large card is a JPEG of at most 300 KB, a small one a PNG of at most 20 KB (issue 26's budget)."""
    kind, limit = ("JPEG", 300 * 1024) if size == (1200, 630) else ("PNG", 20 * 1024)
    assert path.is_file() and path.stat().st_size <= limit, path
    with Image.open(path) as image:
        assert (image.format, image.size) == (kind, size)
    if meta is not None:
        assert (meta["og:image:width"], meta["og:image:height"]) == tuple(map(str, size))
        assert meta["og:image:type"] == f"image/{kind.lower()}"


def kim_card(output: Path) -> str:
    """The KIM page's own og:image (relative to the site)."""
    return share(output / KIM / "index.html")[0]


def test_recent_stories_get_their_own_large_card_older_ones_their_kims(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build_content(make_network(tmp_path, FILES), output, WARTA_NOW=NOW)
    url, alt, meta = story(output, "baru")
    assert url.startswith(f"{KIM}/baru/bagikan-")
    assert "Kerja Bakti Minggu Ini" in alt and "KIM Uji Bagelen" in alt
    assert_card_file(output / url, (1200, 630), meta)
    old_url, old_alt, old_meta = story(output, "lama")
    assert old_url == kim_card(output) and old_url.startswith(f"{KIM}/bagikan-")
    assert old_alt == "Kartu KIM Uji Bagelen, Desa Bagelen, Kabupaten Pesawaran"
    assert_card_file(output / old_url, (600, 315), old_meta)
    assert story(output, "lama-dua")[0] == old_url, "older stories of one KIM share its card"
    assert len(own_cards(output)) == 1 and not list(output.glob("bagikan-jaringan-*"))
    graph = json.loads(soup(output / KIM / "lama/index.html").find("script", type="application/ld+json").string)
    news = next(node for node in graph["@graph"] if node["@type"] == "NewsArticle")
    assert news["image"][0] == SITE + old_url, "structured data shows the same picture as og:image"


def test_old_story_cards_setting_gives_older_stories_small_cards_of_their_own(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build_content(make_network(tmp_path, FILES), output, WARTA_NOW=NOW, WARTA_IMAGES_OLD_STORY_CARDS=True)
    large = story(output, "baru")[0]
    old_url, old_alt, old_meta = story(output, "lama")
    assert old_url.startswith(f"{KIM}/lama/bagikan-") and "Rapat Tahun Lalu" in old_alt
    assert_card_file(output / old_url, (600, 315), old_meta)
    assert (output / old_url).stat().st_size < (output / large).stat().st_size / 4, "the small card is cheap"
    other_url, other_alt, _ = story(output, "lama-dua")
    assert other_url.startswith(f"{KIM}/lama-dua/bagikan-") and "Panen Raya" in other_alt
    assert len(own_cards(output)) == 3


def test_large_card_gives_way_to_the_kims_card_when_the_story_ages(tmp_path: Path) -> None:
    content = make_network(tmp_path, {f"{KIM}/2024/baru.md": FILES[f"{KIM}/2024/baru.md"]})
    output = tmp_path / "output"
    build_content(content, output, WARTA_NOW=NOW)
    card, _alt, _meta = story(output, "baru")
    later = NOW + dt.timedelta(days=80)  # 92 days after the article: past the default 90
    build_content(content, output, WARTA_NOW=later)
    url, alt, meta = story(output, "baru")
    assert url == kim_card(output) and alt.startswith("Kartu KIM Uji Bagelen")
    assert_card_file(output / url, (600, 315), meta)
    assert not (output / card).exists(), "the large card is no longer published: removed from the output"
    assert own_cards(output) == []
    build_content(content, output, WARTA_NOW=later, WARTA_IMAGES_CARD_DAYS=365)  # a longer limit: large again
    assert story(output, "baru")[0] == card and (output / card).is_file()


def test_an_illustrated_story_is_shared_like_one_without_a_photo(tmp_path: Path) -> None:
    text = article("Peta Jalur Evakuasi", "2024-05-15 08:00", Gambar="gambar/peta.svg", Deskripsi_Gambar="Peta jalur")
    output = tmp_path / "output"
    build_content(make_network(tmp_path, {f"{KIM}/2024/peta.md": text, f"{KIM}/gambar/peta.svg": SVG}), output,
                  WARTA_NOW=NOW)  # fmt: skip
    url, alt, meta = story(output, "peta")  # a recent story: its own large card, not the network's
    assert url.startswith(f"{KIM}/peta/bagikan-") and "Peta Jalur Evakuasi" in alt
    assert_card_file(output / url, (1200, 630), meta)


def test_recent_clarification_keeps_its_verdict_card_and_no_article_card(tmp_path: Path) -> None:
    clarification = article("Pesan Bantuan Lewat Tautan Itu Penipuan", "2024-05-25 10:00").replace(
        "Topik: kesehatan\n",  # a fact check's header fields (warta_core.factcheck)
        "Topik: kesehatan\nKlaim: Bantuan tunai bisa didaftar lewat tautan.\nPenilaian: Salah\n"
        "Sumber: https://cekbansos.kemensos.go.id/\n",
    )
    output = tmp_path / "output"
    build_content(make_network(tmp_path, {f"{KIM}/2024/hoaks.md": clarification}), output, WARTA_NOW=NOW)
    url, alt, _meta = story(output, "hoaks")
    assert url.startswith(f"{KIM}/hoaks/cek-fakta-1200x630-") and alt.startswith("Kartu cek fakta: ")
    assert own_cards(output) == [], "its og:image is the verdict card: no unseen article card is made"


def test_zero_days_means_no_story_gets_a_card_of_its_own(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build_content(make_network(tmp_path, FILES), output, WARTA_NOW=NOW, WARTA_IMAGES_CARD_DAYS=0)
    assert {story(output, slug)[0] for slug in ("baru", "lama", "lama-dua")} == {kim_card(output)}
    assert own_cards(output) == []


def test_pages_that_are_not_stories_have_cards_saying_what_they_are(tmp_path: Path) -> None:
    output = tmp_path / "output"
    build_content(make_network(tmp_path, FILES), output, WARTA_NOW=NOW)
    pages = {
        "": ((1200, 630), "Warta KIM Sumatra"),
        f"{KIM}/": ((600, 315), "KIM Uji Bagelen, Desa Bagelen, Kabupaten Pesawaran"),
        f"{DESA}/": ((600, 315), "Desa Bagelen, Kecamatan Gedong Tataan, Kabupaten Pesawaran"),
        "topik/kesehatan/": ((600, 315), "Kesehatan"),
        "kabar-sepekan/": ((1200, 630), "kabar sepekan Warta KIM Sumatra, 26 Mei – 1 Juni 2024"),
        "kabar-sepekan/lampung/kabupaten-pesawaran/": ((1200, 630), "kabar sepekan Kabupaten Pesawaran, 26 Mei"),
    }
    seen = set()
    for page, (size, words) in pages.items():
        url, alt, meta = share(output / page / "index.html")
        assert url == f"{page}bagikan-{url.rsplit('-', 1)[1]}", (page, url)
        assert words in alt, (page, alt)
        assert_card_file(output / url, size, meta)
        seen.add(url)
    assert len(seen) == len(pages), "each page has its own card"


def test_card_days_is_a_checked_setting() -> None:
    problems = check_settings({"WARTA_IMAGES_CARD_DAYS": -1}, ["warta_images"])
    assert [p.message for p in problems.errors] == [
        "WARTA_IMAGES_CARD_DAYS harus bilangan bulat 0 atau lebih, tetapi berisi -1."
    ]
    settings: dict[str, object] = {}
    assert not check_settings(settings, ["warta_images"]).errors and settings["WARTA_IMAGES_CARD_DAYS"] == 90
