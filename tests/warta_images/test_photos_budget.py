"""Page weight with phone photos, measured in Debian's headless Chromium at 360 px.

Budgets from issue 12: an article with a 12-megapixel phone photo (cover and
inline) transfers at most 150 KiB; a listing page with ten photos at most
250 KiB. Chromium fetches what a phone would (``srcset``/``sizes`` at
device scale 1, lazy images below the fold left alone); the bytes are
``transferSize`` from the Resource Timing API, the cache is off. The test
first shows that the same article published the old way (the original file)
is far over budget, so the budgets can fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.browser import CHROMIUM, PHONE_HEIGHT, PHONE_WIDTH, serve
from support.photo_samples import phone_photo
from support.site import article, build_content, make_network

KIM = "kim/kim-uji-bagelen"
KIB = 1024
ARTICLE_BUDGET = 150 * KIB
LISTING_BUDGET = 250 * KIB
TRANSFERRED = """(() => {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  return entries.map(e => [e.name, e.transferSize]);
})()"""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)"),
]


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ten articles with their own phone photo; the first also has one inline."""
    root = tmp_path_factory.mktemp("budget")
    files: dict[str, str | bytes] = {}
    for number in range(10):
        files[f"{KIM}/gambar/foto-{number}.jpg"] = phone_photo(seed=20 + number, private=False)
        text = article(
            f"Kegiatan Warga Nomor {number}",
            date=f"2024-03-{number + 1:02d} 09:30",
            Gambar=f"gambar/foto-{number}.jpg",
            Deskripsi_Gambar=f"Warga bergotong royong, foto {number}",
        )
        if number == 0:
            text += "\n" + "Paragraf isi berita yang cukup panjang. " * 60
            text += "\n\n![Warga di balai](gambar/foto-9.jpg)\n"
        files[f"{KIM}/2024/berita-{number}.md"] = text
    content = make_network(root, files)
    build_content(content, root / "output")
    return root


def transferred(root: Path, path: str) -> tuple[int, list[tuple[str, int]]]:
    """Bytes Chromium transfers to show ``path`` at phone width, and each resource."""
    from support.cdp import Browser

    name = path.strip("/").replace("/", "-")
    with serve(root / "output", root / f"server-{name}.log") as base_url, Browser(root / f"chromium-{name}") as browser:
        browser.call("Network.enable")
        browser.call("Network.setCacheDisabled", {"cacheDisabled": True})
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": PHONE_WIDTH, "height": PHONE_HEIGHT, "deviceScaleFactor": 1, "mobile": True},
        )
        browser.navigate(base_url + path)
        # Eager images, and lazy ones Chromium fetches because they are near the first screen (its lazy-load
        # margin is at least 1,250 px): waiting only for the eager ones raced with the lazy fetches.
        browser.wait_for(
            "[...document.images]"
            ".filter(i => i.loading !== 'lazy' || i.getBoundingClientRect().top < innerHeight + 1000)"
            ".every(i => i.complete)"
        )
        entries = [(url, size) for url, size in browser.evaluate(TRANSFERRED)]
    return sum(size for _name, size in entries), entries


def test_article_with_a_phone_photo_is_light(photo_site: Path) -> None:
    total, entries = transferred(photo_site, f"/{KIM}/berita-0/")
    assert any(name.endswith(".webp") for name, _size in entries), entries
    assert total <= ARTICLE_BUDGET, f"{total / KIB:.0f} KiB: {entries}"
    original = (photo_site / "content" / KIM / "gambar" / "foto-0.jpg").stat().st_size
    assert original > 10 * ARTICLE_BUDGET  # published byte for byte, the photo alone would blow the budget


def test_listing_with_ten_photos_is_light(photo_site: Path) -> None:
    total, entries = transferred(photo_site, f"/{KIM}/")
    assert sum(name.endswith(".webp") for name, _size in entries) >= 2, entries
    assert total <= LISTING_BUDGET, f"{total / KIB:.0f} KiB: {entries}"
