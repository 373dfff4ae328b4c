"""The benchmark's photo variant: the same synthetic network with phone-size photos on a share of articles.

Used by ``scripts/bench.py`` (``--photo-share``, ``--photo-sample``). The network is generated
again (deterministic from the seed) in ``work/photos``; a share of its
articles gets a 12-megapixel phone-like JPEG cover (tests/support/photo_samples.py:
a rotation flag, detail at every scale; no GPS or camera data, which the
check refuses). Reported: the derived image bytes and files per photo story (what
the output gains; the synthetic stories span seven years, so most photos are
archived, ``WARTA_IMAGES_ARCHIVE_DAYS``) and the build time the photos add, first build and
rebuild after editing one article, against the same network without
photos measured by bench.py.

Issue 27's figures come from a sample encoded in-process (:func:`photo_sample`): ``--photo-sample``
real-looking 12 MP photos (the demo's CC0 photographs with phone-like sensor noise) and one noise-heavy
one, each made into what a recent story publishes; and from them the capacity of 1 GB for a network with
photos on 80 % of its stories (:func:`photo_capacity`, with :mod:`warta_publish.capacity`).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [
    str(REPO / "plugins"),
    str(REPO / "cli"),
    str(REPO / "tests"),
]  # code first: no tests/warta_* shadows it

from support.photo_samples import demo_photo, phone_photo  # noqa: E402 - the test photos, so the bench and the tests agree
from synthetic_network import generate  # noqa: E402

from warta_images import encode  # noqa: E402
from warta_publish.capacity import stories_that_fit  # noqa: E402

GB = 1024**3
PHOTO_SHARE = 0.8  # issue 27: a network with photos on 80 % of its stories
SYNTHETIC_YEARS = 7  # synthetic_network spreads the stories over seven years

IMAGE_SUFFIXES = (".jpg", ".webp", ".png")


def add_photos(content: Path, share: float) -> int:
    """Give every ``1/share``-th article a phone photo cover; return how many got one."""
    sources = sorted((content / "kim").glob("*/*/*.md"))
    step = max(1, round(1 / share))
    chosen = sources[::step]
    for number, source in enumerate(chosen):
        kim = source.parent.parent
        (kim / "gambar").mkdir(exist_ok=True)
        (kim / "gambar" / f"foto-{number}.jpg").write_bytes(phone_photo(seed=number % 97 + 1, private=False))
        header, _, body = source.read_text(encoding="utf-8").partition("\n\n")
        kept = [line for line in header.splitlines() if not line.startswith(("Gambar:", "Deskripsi-Gambar:"))]
        header = "\n".join(kept)
        header += f"\nGambar: gambar/foto-{number}.jpg\nDeskripsi-Gambar: Warga berkumpul di balai desa, foto {number}"
        source.write_text(f"{header}\n\n{body}", encoding="utf-8")
    return len(chosen)


def image_bytes(output: Path) -> tuple[int, int]:
    """Bytes of the images derived from photos (in ``gambar/``) and of the share cards (in article folders)."""
    images = [p for p in (output / "kim").rglob("*") if p.suffix in IMAGE_SUFFIXES]
    photos = sum(p.stat().st_size for p in images if p.parent.name == "gambar")
    return photos, sum(p.stat().st_size for p in images if p.name.startswith("bagikan-"))


def photo_variant(
    work: Path, articles: int, kims: int, seed: int, share: float, measure: Callable, kim_command: list[str]
) -> dict:
    """Build the photo network (cold, then after one edit) and report what the photos cost."""
    root = work / "photos"
    content = generate(root, articles, kims, seed)
    photos = add_photos(content, share)
    kim = [*kim_command, "--konten", str(content)]
    output = root / "output"
    build = measure([*kim, "build", "--output", str(output)], REPO)
    edited = next((content / "kim").glob("kim-00000/*/*.md"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\nSatu kalimat tambahan untuk uji bangun ulang.\n")
    rebuild = measure([*kim, "build", "--output", str(output)], REPO)
    photo_bytes, card_bytes = image_bytes(output)
    photo_files = sum(
        1 for p in (output / "kim").rglob("*") if p.suffix in IMAGE_SUFFIXES and p.parent.name == "gambar"
    )
    return {
        "photo_derived_kb_per_story": round(photo_bytes / 1024 / max(1, photos), 1),
        "photo_files_per_story": round(photo_files / max(1, photos), 2),
        "photo_articles": photos,
        "photo_build_s": round(build["seconds"], 2),
        "photo_rebuild_one_s": round(rebuild["seconds"], 2),
        "image_kb_per_photo_article": round(photo_bytes / 1024 / max(1, photos), 1),  # stored: all variants
        "card_kb_per_article": round(card_bytes / 1024 / max(1, articles - photos), 1),
    }


def added_times(result: dict) -> dict:
    """The photos' cost against the build without them (same size, same run)."""
    return {
        "photo_added_build_s": round(result["photo_build_s"] - result["build_s"], 2),
        "photo_added_rebuild_s": round(result["photo_rebuild_one_s"] - result["rebuild_one_s"], 2),
    }


def _published(path: str) -> tuple[list[int], int, float]:
    """Sizes of what a recent story publishes for the photo at ``path``, its archived bytes, and the seconds."""
    started = time.perf_counter()
    variants = encode.derive(path, "image")
    share = encode.share_photo(path)
    seconds = time.perf_counter() - started
    archived = sum(len(v.data) for v in variants if v.width <= encode.FALLBACK_WIDTH)
    return [len(v.data) for v in variants] + [len(share.data)], archived, seconds


def photo_sample(count: int) -> dict:
    """Encode ``count`` real-looking 12 MP photos and one noise-heavy one; their sizes and encode time."""
    real: list[tuple[list[int], int, float]] = []
    noisy: tuple[list[int], int, float] = ([], 0, 0.0)
    with tempfile.TemporaryDirectory(prefix="warta-photos-") as folder:
        for number in range(count + 1):
            path = os.path.join(folder, f"foto-{number}.jpg")
            with open(path, "wb") as handle:
                handle.write(demo_photo(number) if number < count else phone_photo(private=False))
            measured = _published(path)
            if number < count:
                real.append(measured)
            else:
                noisy = measured
    totals = [sum(sizes) for sizes, _archived, _seconds in real]
    return {
        "photo_sample_photos": count,
        "photo_sample_kb_per_photo": round(sum(totals) / 1024 / count, 1),
        "photo_sample_max_kb_per_photo": round(max(totals) / 1024, 1),
        "photo_sample_archived_kb_per_photo": round(sum(a for _s, a, _t in real) / 1024 / count, 1),
        "photo_sample_max_file_kb": round(max(max(sizes) for sizes, _a, _t in real) / 1024, 1),
        "photo_sample_files_per_photo": len(real[0][0]),
        "photo_encode_s_per_photo": round(sum(t for _s, _a, t in real) / count, 2),
        "photo_noisy_kb_per_photo": round(sum(noisy[0]) / 1024, 1),
        "photo_noisy_max_file_kb": round(max(noisy[0]) / 1024, 1),
        "photo_noisy_encode_s": round(noisy[2], 2),
    }


def photo_capacity(result: dict) -> dict:
    """Stories that fit in 1 GB with photos (the sample's) on 80 % of them, beside the text the bench measured.

    Text: the network without photos, KB per article. With the archive, the stories of the last 365 days (at
    the synthetic network's rate, ``articles / 7`` a year) keep every copy and older ones the archived copies.
    """
    text = result["output_kb_per_article"] * 1024
    new = result["photo_sample_kb_per_photo"] * 1024
    archived = result["photo_sample_archived_kb_per_photo"] * 1024
    per_year = result["articles"] / SYNTHETIC_YEARS
    fit = stories_that_fit(GB, text, PHOTO_SHARE, new, archived, round(per_year))
    return {
        "capacity_photo_share": PHOTO_SHARE,
        "capacity_kb_per_story_photos_80": round((text + PHOTO_SHARE * new) / 1024, 1),
        "capacity_stories_1gb_photos_80": fit,
        "capacity_stories_1gb_photos_80_no_archive": stories_that_fit(GB, text, PHOTO_SHARE, new, archived, 0),
        "capacity_years_1gb_photos_80": round(fit / per_year, 1),
    }
