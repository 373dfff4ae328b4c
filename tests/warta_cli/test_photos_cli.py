"""``kim foto`` and ``kim berita-baru --gambar``: photos are tidied before they reach the repository."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from support.kim_inprocess import kim
from support.photo_samples import metadata_found, phone_photo
from support.site import make_network, run_kim

KIM = "kim/kim-uji-bagelen"


def test_kim_foto_tidies_committed_photos_once(tmp_path: Path) -> None:
    content = make_network(tmp_path, {f"{KIM}/gambar/posyandu.jpg": phone_photo()})
    photo = content / KIM / "gambar" / "posyandu.jpg"
    before = photo.stat().st_size
    listed = kim("--konten", str(content), "foto", "--periksa")
    assert listed.returncode == 1 and "perlu dirapikan" in listed.stdout and photo.stat().st_size == before
    done = run_kim("--konten", str(content), "foto")  # the real entry point once
    assert done.returncode == 0, done.stderr
    assert "dirapikan" in done.stdout
    with Image.open(photo) as image:
        assert max(image.size) == 2048 and image.height > image.width  # orientation applied
    assert metadata_found(photo.read_bytes()) == []
    assert photo.stat().st_size < before / 3
    again = kim("--konten", str(content), "foto")
    assert again.returncode == 0 and "Semua foto sudah rapi." in again.stdout
    assert kim("--konten", str(content), "foto", "--periksa").returncode == 0
    assert kim("--konten", str(content), "check").returncode == 0


def test_kim_foto_names_a_damaged_file(tmp_path: Path) -> None:
    content = make_network(tmp_path, {f"{KIM}/gambar/rusak.jpg": phone_photo(400, 300)[:900]})
    done = kim("--konten", str(content), "foto")
    assert done.returncode == 1 and "rusak.jpg" in done.stderr and "terpotong" in done.stderr


def test_new_article_brings_in_a_tidied_cover(tmp_path: Path) -> None:
    content = make_network(tmp_path)
    original = tmp_path / "IMG_20240305_093000.jpg"
    original.write_bytes(phone_photo())
    made = kim(
        "--konten", str(content), "new-article", "--kim", "kim-uji-bagelen", "--judul", "Posyandu Maret",
        "--topik", "kesehatan", "--gambar", str(original), "--deskripsi-gambar", "Kader menimbang balita",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    copy = content / KIM / "gambar" / "posyandu-maret.jpg"
    assert metadata_found(copy.read_bytes()) == []
    with Image.open(copy) as image:
        assert max(image.size) <= 2048
    article = next((content / KIM).glob("*/*posyandu-maret*.md")).read_text(encoding="utf-8")
    assert "Gambar: gambar/posyandu-maret.jpg" in article and "Deskripsi-Gambar: Kader menimbang balita" in article


def test_new_article_refuses_a_cover_without_description(tmp_path: Path) -> None:
    content = make_network(tmp_path)
    original = tmp_path / "foto.jpg"
    original.write_bytes(phone_photo(800, 600))
    made = kim(
        "--konten", str(content), "new-article", "--kim", "kim-uji-bagelen", "--judul", "Posyandu",
        "--gambar", str(original),
    )  # fmt: skip
    assert made.returncode == 1 and "--deskripsi-gambar" in made.stderr
    assert not (content / KIM / "gambar").exists()
