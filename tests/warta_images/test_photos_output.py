"""What one phone photo costs the published site (issue 27: photos within free hosting).

Targets: no original in the output, not even resized; all files derived from one 12 MP photo at most
400 KB for a real-looking photograph (:func:`photo_samples.demo_photo`) and 1 MB for the noise-heavy worst
case (:func:`photo_samples.phone_photo`); no published image over 600 KB; a photo shown only by stories
older than ``WARTA_IMAGES_ARCHIVE_DAYS`` keeps fewer copies, and the rebuild that ages it removes the others.
The 12 MP photos are made once for the module; the archive tests use 1600x1200 photos to stay quick.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from PIL import Image
from support.photo_samples import demo_photo, phone_photo
from support.site import article, build_content, make_network, soup

KIM = "kim/kim-uji-bagelen"
WIB = dt.timezone(dt.timedelta(hours=7))
RECENT = dt.datetime(2024, 3, 20, 12, 0, tzinfo=WIB)  # two weeks after the stories
AGED = dt.datetime(2025, 6, 1, 12, 0, tzinfo=WIB)  # more than 365 days after them
KB = 1024
REAL_PHOTO_BUDGET, NOISY_PHOTO_BUDGET, FILE_BUDGET = 400 * KB, 1024 * KB, 600 * KB
PHOTOS = {"kopi": lambda: demo_photo(0), "kucing": lambda: demo_photo(1), "bising": lambda: phone_photo(private=False)}
IMAGE = re.compile(r"\.(jpe?g|png|webp|gif|heic)$")


def story(title: str, photo: str, date: str = "2024-03-05 09:30", body: str = "") -> str:
    """An article with ``gambar/<photo>.jpg`` as its cover, and ``body`` after it."""
    text = article(title, date=date, Gambar=f"gambar/{photo}.jpg", Deskripsi_Gambar=f"Foto {title.lower()}")
    return text + body


@pytest.fixture(scope="module")
def photos() -> dict[str, bytes]:
    """The module's 12 MP photos: two real-looking ones and the noise-heavy one."""
    return {name: make() for name, make in PHOTOS.items()}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, photos: dict[str, bytes]) -> Path:
    """One recent story per photo; the first links to its photo "in full size"."""
    root = tmp_path_factory.mktemp("foto-terbit")
    files: dict[str, str | bytes] = {f"{KIM}/gambar/{name}.jpg": data for name, data in photos.items()}
    for number, name in enumerate(photos):
        body = "\nParagraf berita.\n\n[Lihat foto ukuran penuh]({static}../gambar/kopi.jpg)\n" if number == 0 else ""
        files[f"{KIM}/2024/{name}.md"] = story(f"Berita {name.title()}", name, f"2024-03-0{number + 1} 09:30", body)
    content = make_network(root, files)
    build_content(content, root / "output", WARTA_NOW=RECENT)
    return root / "output"


def derived(output: Path, name: str) -> list[Path]:
    """The files published for ``gambar/<name>.jpg``: ``<name>-<key>-<what>``."""
    return sorted((output / KIM / "gambar").glob(f"{name}-*"))


def test_no_original_is_published_not_even_resized(site: Path, photos: dict[str, bytes]) -> None:
    for name, data in photos.items():
        assert not (site / KIM / "gambar" / f"{name}.jpg").exists()
        for path in derived(site, name):
            assert path.read_bytes() != data
            with Image.open(path) as image:
                assert max(image.size) <= 1440, (path.name, image.size)  # the largest copy: long edge 1440


def test_each_photo_publishes_five_files_within_its_budget(site: Path) -> None:
    for name in PHOTOS:
        own_address = site / KIM / "gambar" / f"{name}.jpg"
        files = derived(site, name) + ([own_address] if own_address.exists() else [])
        total = sum(path.stat().st_size for path in files)
        budget = NOISY_PHOTO_BUDGET if name == "bising" else REAL_PHOTO_BUDGET
        assert total <= budget, f"{name}: {total / KB:.0f} KB > {budget / KB:.0f} KB"
        assert all(path.stat().st_size <= FILE_BUDGET for path in files), name
        suffixes = sorted(re.sub(r"^.*-[0-9a-f]{8}-", "", path.name) for path in files)
        largest = "1080.webp" if name == "bising" else "1440.webp"  # the noisy photo is portrait: 1080x1440
        assert suffixes == sorted(["360.webp", "720.webp", largest, "720.jpg", "bagikan.jpg"]), name


def test_share_crop_stays_what_whatsapp_takes(site: Path) -> None:
    for name in PHOTOS:
        (crop,) = [path for path in derived(site, name) if path.name.endswith("-bagikan.jpg")]
        with Image.open(crop) as image:
            assert (image.format, image.size) == ("JPEG", (1200, 630))
        assert crop.stat().st_size <= 300 * KB


def test_a_link_to_the_full_photo_opens_the_largest_copy(site: Path) -> None:
    page = soup(site / KIM / "kopi" / "index.html")
    link = page.select_one(".isi a", string="Lihat foto ukuran penuh")
    assert re.fullmatch(rf"/{KIM}/gambar/kopi-[0-9a-f]{{8}}-1440\.webp", link["href"]), link["href"]


def test_cover_is_right_sized_for_a_360_px_phone(site: Path) -> None:
    cover = soup(site / KIM / "kopi" / "index.html").select_one("figure.sampul picture")
    source = cover.select_one('source[type="image/webp"]')
    widths = [int(entry.rsplit(" ", 1)[1][:-1]) for entry in source["srcset"].split(", ")]
    assert widths == [360, 720, 1440] and source["sizes"].endswith("calc(100vw - 2rem)")
    # At 360 px and 1x the slot is 328 px: the browser takes the 360w copy, about a tenth of the largest.
    smallest = next(path for path in derived(site, "kopi") if path.name.endswith("-360.webp"))
    assert smallest.stat().st_size <= 25 * KB
    img = cover.select_one("img")
    assert (img["width"], img["height"]) == ("1440", "1080") and img["loading"] == "eager"


def referenced(output: Path) -> set[str]:
    """Every image address the pages and feeds name (srcset entries, src, href, og:image, enclosures)."""
    found: set[str] = set()
    for page in output.rglob("*.html"):
        html = soup(page)
        found |= {tag["src"] for tag in html.select("img[src]")}
        found |= {entry.split(" ")[0] for tag in html.select("[srcset]") for entry in tag["srcset"].split(", ")}
        found |= {tag["href"] for tag in html.select("a[href]") if IMAGE.search(tag["href"])}
        found |= {tag["content"] for tag in html.select('meta[property="og:image"]')}
    for feed in output.rglob("*.xml"):
        found |= set(re.findall(r'url="([^"]+)"', feed.read_text(encoding="utf-8")))
    return {address for address in found if IMAGE.search(address)}


def missing(output: Path) -> list[str]:
    """Referenced images of this site that are not in the output."""
    paths = {re.sub(r"^https?://[^/]+", "", address).lstrip("/") for address in referenced(output)}
    return sorted(path for path in paths if not (output / path).is_file())


def test_markup_and_feeds_reference_only_files_that_exist(site: Path) -> None:
    assert len(referenced(site)) >= 3 * 5
    assert missing(site) == []


@pytest.fixture
def aging(tmp_path: Path) -> tuple[Path, Path]:
    """Two stories of March 2024 with a cover each: (content, output)."""
    files: dict[str, str | bytes] = {
        f"{KIM}/gambar/lama.jpg": demo_photo(2, 1600, 1200),
        f"{KIM}/gambar/bersama.jpg": demo_photo(3, 1600, 1200),
        f"{KIM}/2024/lama.md": story("Berita Lama", "lama", "2024-03-05 09:30"),
        f"{KIM}/2024/bersama.md": story("Berita Bersama", "bersama", "2024-03-06 09:30"),
    }
    return make_network(tmp_path, files), tmp_path / "output"


def names(output: Path, name: str) -> list[str]:
    """What is published for ``gambar/<name>.jpg``, without the keys."""
    return sorted(re.sub(r"^.*-[0-9a-f]{8}-", "", path.name) for path in derived(output, name))


def test_older_stories_keep_fewer_copies_and_the_rebuild_removes_the_rest(aging: tuple[Path, Path]) -> None:
    content, output = aging
    build_content(content, output, WARTA_NOW=RECENT)
    every = ["1440.webp", "360.webp", "720.jpg", "720.webp", "bagikan.jpg"]
    assert names(output, "lama") == every
    before = set(derived(output, "lama"))
    recent = article("Berita Baru", date="2025-05-20 08:00") + "\n![Foto lama](gambar/bersama.jpg)\n"
    (content / KIM / "2025").mkdir()
    (content / KIM / "2025" / "baru.md").write_text(recent, encoding="utf-8")  # shows the other old photo
    build_content(content, output, WARTA_NOW=AGED)  # the same output, a year and more later
    assert names(output, "lama") == ["360.webp", "720.jpg", "720.webp"]
    assert names(output, "bersama") == every  # a recent story shows it too
    assert not any(path.exists() for path in before - set(derived(output, "lama")))
    page = soup(output / KIM / "lama" / "index.html")
    og = page.select_one('meta[property="og:image"]')["content"]
    assert re.search(r"/gambar/lama-[0-9a-f]{8}-720\.jpg$", og)  # its 720 px JPEG is its share image
    assert page.select_one('meta[property="og:image:width"]')["content"] == "720"
    assert missing(output) == []


def test_the_archive_age_is_a_setting(aging: tuple[Path, Path]) -> None:
    content, output = aging
    build_content(content, output, WARTA_NOW=AGED, WARTA_IMAGES_ARCHIVE_DAYS=0)
    assert len(names(output, "lama")) == 5
    build_content(content, output, WARTA_NOW=AGED, WARTA_IMAGES_ARCHIVE_DAYS=800)
    assert len(names(output, "lama")) == 5
    build_content(content, output, WARTA_NOW=AGED, WARTA_IMAGES_ARCHIVE_DAYS=400)
    assert len(names(output, "lama")) == 3


def test_an_upgraded_site_loses_the_originals_it_published_before(aging: tuple[Path, Path]) -> None:
    """A site built before issue 27 holds each photo at its own address; the next build removes it."""
    from warta_network.outputfiles import output_key

    content, output = aging
    build_content(content, output, WARTA_NOW=RECENT)
    listing = Path(f"{output}.cache") / "warta-images" / f"published-{output_key(str(output.resolve()))[:12]}.json"
    published = json.loads(listing.read_text(encoding="utf-8"))
    old_copy = output / KIM / "gambar" / "lama.jpg"
    old_copy.write_bytes((content / KIM / "gambar" / "lama.jpg").read_bytes())  # as the old recipe left it
    listing.write_text(json.dumps(sorted([*published, f"{KIM}/gambar/lama.jpg"])), encoding="utf-8")
    build_content(content, output, WARTA_NOW=RECENT)
    assert not old_copy.exists()
