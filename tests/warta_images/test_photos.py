"""Phone photos are published light and private: variants, markup, share images, cache, check.

Every test builds a tiny network with phone-like photos (tests/support/photo_samples.py)
and looks at the real output with Pillow and BeautifulSoup. The check refuses
a photo with GPS or camera data (tests/warta_core/test_photo_privacy.py); the builds here
that prove the output carries none of it run with that refusal switched off
(``private_photos_published``), so the build's own stripping is tested alone.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from support.photo_samples import metadata_found, phone_photo, private_photos_published, screenshot_png
from support.site import ROOT, article, build_content, build_network, make_network, soup

from warta_core.validation import check_network

KIM = "kim/kim-uji-bagelen"
ARTICLE = f"{KIM}/2024/posyandu.md"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic"}
RECENT = dt.datetime(2024, 3, 20, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def photo_article(title: str = "Posyandu Balita", cover: str = "gambar/posyandu.jpg", body_image: str = "") -> str:
    """An article with a cover photo and, optionally, an inline image."""
    text = article(title, Gambar=cover, Deskripsi_Gambar="Kader menimbang balita di posyandu")
    if body_image:
        text += f"\n![Antrean ibu dan balita]({body_image})\n"
    return text


@pytest.fixture(scope="module")
def phone_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build with a 12-megapixel phone cover, an inline PNG screenshot and an article without a photo."""
    root = tmp_path_factory.mktemp("photos")
    content = make_network(
        root,
        {
            f"{KIM}/gambar/posyandu.jpg": phone_photo(),
            f"{KIM}/gambar/layar.png": screenshot_png(),
            ARTICLE: photo_article(body_image="gambar/layar.png"),
            f"{KIM}/2024/rapat.md": article("Rapat Warga Membahas Jalan Desa", date="2024-03-06 10:00"),
        },
    )
    output = root / "output"
    # Two weeks after the articles: within WARTA_IMAGES_CARD_DAYS, so an article without a photo gets the large
    # card (older ones get a small card of their own: tests/warta_images/test_share_cards.py).
    with private_photos_published():
        build_content(content, output, WARTA_NOW=RECENT)
    return output


def test_no_image_in_the_output_keeps_metadata(phone_site: Path) -> None:
    images = [p for p in phone_site.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES]
    assert len(images) >= 8  # the full copies, their variants and the share images
    for path in images:
        assert metadata_found(path.read_bytes()) == [], path


def test_original_address_holds_nothing_and_the_largest_copy_is_1440_px(phone_site: Path) -> None:
    assert not (phone_site / KIM / "gambar" / "posyandu.jpg").exists()  # issue 27: the original is not published
    largest = max((phone_site / KIM / "gambar").glob("posyandu-*.webp"), key=lambda p: p.stat().st_size)
    with Image.open(largest) as image:
        assert image.size == (1080, 1440)  # the rotation flag was applied to the pixels: portrait


def test_cover_is_a_picture_with_variants_and_loads_first(phone_site: Path) -> None:
    page = soup(phone_site / KIM / "posyandu" / "index.html")
    cover = page.select_one("figure.sampul picture")
    webp = cover.select_one('source[type="image/webp"]')["srcset"]
    assert [entry.rsplit(" ", 1)[1] for entry in webp.split(", ")] == ["360w", "720w", "1080w"]
    img = cover.select_one("img")
    assert img["loading"] == "eager" and img["fetchpriority"] == "high"
    assert img["src"].endswith("-720.jpg") and "srcset" not in img.attrs  # one JPEG width, for browsers without WebP
    assert (int(img["width"]), int(img["height"])) == (1080, 1440)
    assert img["alt"] == "Kader menimbang balita di posyandu"
    for entry in [*webp.split(", "), img["src"] + " 720w"]:
        url, width = entry.rsplit(" ", 1)
        with Image.open(phone_site / url.lstrip("/")) as variant:
            assert variant.width == int(width[:-1])
            assert _is_red(variant, (variant.width - 20, 0, variant.width, 20))  # the red corner is now top right
            assert not _is_red(variant, (0, 0, 20, 20))


def _is_red(image: Image.Image, box: tuple[int, int, int, int]) -> bool:
    red, green, blue = ImageStat.Stat(image.convert("RGB").crop(box)).mean
    return red > 200 and green < 60 and blue < 60


def test_inline_images_are_lazy_pictures(phone_site: Path) -> None:
    body = soup(phone_site / KIM / "posyandu" / "index.html").select_one(".isi")
    img = body.select_one("picture img")
    assert img["loading"] == "lazy" and "fetchpriority" not in img.attrs
    assert img["alt"] == "Antrean ibu dan balita"
    assert img["src"].endswith(".jpg")  # an opaque screenshot: JPEG is lighter than PNG
    assert int(img["width"]) == 665 and 1439 <= int(img["height"]) <= 1440  # 1170x2532: long edge 1440


def test_listing_covers_are_pictures(phone_site: Path) -> None:
    listing = soup(phone_site / KIM / "index.html")
    pictures = listing.select(".daftar-berita picture img.ringkas-gambar")
    assert len(pictures) == 1
    assert pictures[0]["width"] and pictures[0].find_previous_sibling("source")["srcset"]


def _meta(page, name: str) -> str:
    return page.select_one(f'meta[property="{name}"]')["content"]


def test_share_image_is_a_small_crop_of_the_cover(phone_site: Path) -> None:
    page = soup(phone_site / KIM / "posyandu" / "index.html")
    url = _meta(page, "og:image")
    assert url.startswith("http://127.0.0.1:8000/") and url.endswith("-bagikan.jpg")
    data = (phone_site / url.removeprefix("http://127.0.0.1:8000/")).read_bytes()
    assert len(data) <= 300 * 1024
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == (1200, 630)
    assert (_meta(page, "og:image:width"), _meta(page, "og:image:height")) == ("1200", "630")
    assert _meta(page, "og:image:alt") == "Kader menimbang balita di posyandu"


def test_recent_article_without_photo_gets_its_own_card(phone_site: Path) -> None:
    page = soup(phone_site / KIM / "rapat" / "index.html")
    url = _meta(page, "og:image").removeprefix("http://127.0.0.1:8000/")
    assert url == f"{KIM}/rapat/" + Path(url).name
    with Image.open(phone_site / url) as image:
        assert image.size == (1200, 630)
    assert (phone_site / url).stat().st_size <= 300 * 1024
    alt = _meta(page, "og:image:alt")
    assert "Rapat Warga Membahas Jalan Desa" in alt and "KIM Uji Bagelen" in alt


def test_feeds_point_at_a_capped_variant(phone_site: Path) -> None:
    rss = (phone_site / KIM / "rss.xml").read_text(encoding="utf-8")
    from bs4 import BeautifulSoup

    enclosure = BeautifulSoup(rss, "xml").select_one("item enclosure")
    url = enclosure["url"].removeprefix("http://127.0.0.1:8000/")
    assert enclosure["type"] == "image/jpeg"
    assert int(enclosure["length"]) == (phone_site / url).stat().st_size
    with Image.open(phone_site / url) as image:
        assert image.width == 720  # the JPEG fallback: a capped variant, never the original


def test_unchanged_photo_is_not_encoded_again(tmp_path: Path) -> None:
    files = {f"{KIM}/gambar/posyandu.jpg": phone_photo(1600, 1200, private=False), ARTICLE: photo_article()}
    content = make_network(tmp_path, files)
    output = tmp_path / "output"
    build_content(content, output)
    cache = tmp_path / "output.cache" / "warta-images"
    before = {p: p.stat().st_mtime_ns for p in cache.glob("*/*") if p.is_file()}  # each job's files
    published = {p: p.stat().st_mtime_ns for p in output.rglob("*.webp")}
    assert before and published
    build_content(content, output)
    assert {p: p.stat().st_mtime_ns for p in cache.glob("*/*") if p.is_file()} == before
    assert {p: p.stat().st_mtime_ns for p in output.rglob("*.webp")} == published
    (content / KIM / "gambar" / "posyandu.jpg").write_bytes(phone_photo(1600, 1200, seed=60, private=False))
    build_content(content, output)
    srcset = soup(output / KIM / "posyandu" / "index.html").select_one("source")["srcset"]
    assert all(Path(url.split(" ")[0]).name not in {p.name for p in published} for url in srcset.split(", "))


def _check(tmp_path: Path, files: dict[str, str | bytes]):
    return check_network(make_network(tmp_path, files))


def test_check_warns_about_large_photos_and_names_the_fix(tmp_path: Path) -> None:
    result = _check(tmp_path, {f"{KIM}/gambar/posyandu.jpg": phone_photo(private=False), ARTICLE: photo_article()})
    assert result.ok
    warning = next(w for w in result.problems.warnings if w.path.endswith("posyandu.jpg"))
    assert "MB" in warning.message and "`kim foto`" in warning.hint


def test_check_refuses_photos_above_the_limit(tmp_path: Path) -> None:
    jaringan = (ROOT / "content" / "_data" / "jaringan.yml").read_text(encoding="utf-8")
    files = {
        "_data/jaringan.yml": jaringan + "\nbatas:\n  ukuran_gambar_kb: 1024\n  peringatan_gambar_kb: 512\n",
        f"{KIM}/gambar/posyandu.jpg": phone_photo(private=False),
        f"{KIM}/gambar/kecil.jpg": phone_photo(900, 600, private=False),
        ARTICLE: photo_article(),
    }
    result = _check(tmp_path, files)
    refused = [p for p in result.problems.items if p.severity == "galat" and p.path.endswith("posyandu.jpg")]
    assert refused and "terlalu besar" in refused[0].message and "kim foto" in refused[0].hint
    assert not any(p.path.endswith("kecil.jpg") and p.severity == "galat" for p in result.problems.items)


@pytest.mark.parametrize(
    ("name", "damage", "expected"),
    [
        ("terpotong.jpg", lambda data: data[: len(data) // 2], "terpotong"),
        ("rusak.png", lambda _data: b"\x89PNG\r\n\x1a\n" + b"\0" * 200, "rusak"),
        ("palsu.jpg", lambda _data: b"<html><script>alert(1)</script></html>", "bukan gambar"),
    ],
)
def test_check_names_damaged_images(tmp_path: Path, name: str, damage, expected: str) -> None:
    data = damage(phone_photo(800, 600))
    result = _check(tmp_path, {f"{KIM}/gambar/{name}": data, ARTICLE: photo_article(cover=f"gambar/{name}")})
    assert not result.ok
    problem = next(p for p in result.problems.items if p.path.endswith(name))
    assert expected in problem.message


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(buffer, "PNG")  # 144 megapixels in a few kilobytes
    result = _check(tmp_path, {f"{KIM}/gambar/bom.png": buffer.getvalue()})
    problem = next(p for p in result.problems.items if p.path.endswith("bom.png"))
    assert "piksel" in problem.message


def test_heic_photo_from_an_iphone_is_published_as_jpeg_and_webp(tmp_path: Path) -> None:
    import pillow_heif

    pillow_heif.register_heif_opener()
    with Image.open(io.BytesIO(phone_photo(2016, 1512))) as photo:
        buffer = io.BytesIO()
        photo.save(buffer, "HEIF", quality=60, exif=photo.info["exif"])
    with private_photos_published():
        output = build_network(
            tmp_path,
            {f"{KIM}/gambar/iphone.heic": buffer.getvalue(), ARTICLE: photo_article(cover="gambar/iphone.heic")},
            WARTA_NOW=RECENT,
        )
    assert not (output / KIM / "gambar" / "iphone.heic").exists()  # browsers cannot show HEIC
    img = soup(output / KIM / "posyandu" / "index.html").select_one("figure.sampul picture img")
    assert img["src"].endswith(".jpg") and (int(img["width"]), int(img["height"])) == (1080, 1440)
    assert not (output / KIM / "gambar" / "iphone.heic.jpg").exists()  # nor a JPEG of the original
    for path in (output / KIM / "gambar").iterdir():
        assert metadata_found(path.read_bytes()) == [], path
