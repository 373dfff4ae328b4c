"""The benchmark's photo variant: the same synthetic network with phone-size photos on a share of articles.

Used by ``scripts/bench.py`` (``--photo-share``). The network is generated
again (deterministic from the seed) in ``work/photos``; a share of its
articles gets a 12-megapixel phone-like JPEG cover (tests/photo_samples.py:
a rotation flag, detail at every scale; no GPS or camera data, which the
check refuses). Reported: the derived image bytes per photo article (what
the output gains) and the build time the photos add, first build and
rebuild after editing one article, against the same network without
photos measured by bench.py.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from photo_samples import phone_photo  # noqa: E402 - the test photos, so the bench and the tests agree
from synthetic_network import generate  # noqa: E402

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
    return {
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
