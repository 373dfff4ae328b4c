"""Decoding is bounded: pixels per raster image and for all images of the network together (``batas:``)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from support.site import article, build_content, make_network

from warta_core.problems import NetworkCheckFailed
from warta_core.validation import check_network

KIM = "kim/kim-uji-bagelen"


def png(width: int, height: int) -> bytes:
    """A tiny file of many pixels (one bit each, all black): the shape of a decompression bomb."""
    data = io.BytesIO()
    Image.new("1", (width, height)).save(data, "PNG", optimize=True)
    return data.getvalue()


def with_limits(content: Path, **limits: int) -> Path:
    network = content / "_data" / "jaringan.yml"
    network.write_text(
        network.read_text(encoding="utf-8") + "batas:\n" + "".join(f"  {k}: {v}\n" for k, v in limits.items())
    )
    return content


def test_one_image_over_the_pixel_limit_is_refused_from_its_header(tmp_path: Path) -> None:
    content = make_network(tmp_path, {f"{KIM}/gambar/peta.png": png(8_000, 7_000)})
    errors = check_network(content).problems.errors
    assert [Path(p.path).name for p in errors] == ["peta.png"]
    assert "8000×7000 piksel (56 juta), melebihi batas 50 juta piksel per gambar" in errors[0].message


def test_the_network_may_allow_larger_images(tmp_path: Path) -> None:
    content = with_limits(make_network(tmp_path, {f"{KIM}/gambar/peta.png": png(8_000, 7_000)}), piksel_gambar_mp=60)
    assert check_network(content).ok


def test_all_images_together_stay_within_the_build_budget(tmp_path: Path) -> None:
    files = {
        f"{KIM}/gambar/besar.png": png(1_500, 1_000),
        f"{KIM}/gambar/kecil.png": png(900, 800),
        f"{KIM}/2024/a.md": article("Berita"),
    }
    content = with_limits(make_network(tmp_path, files), piksel_total_mp=2)
    checked = check_network(content)
    assert [Path(p.path).name for p in checked.problems.errors] == ["besar.png"]
    message = checked.problems.errors[0].message
    assert "bersama-sama berukuran 2 juta piksel, melebihi batas 2 juta piksel" in message
    assert "kim/kim-uji-bagelen/gambar/besar.png (2 juta), kim/kim-uji-bagelen/gambar/kecil.png (1 juta)" in message
    with pytest.raises(NetworkCheckFailed) as refused:
        build_content(content, tmp_path / "output")
    assert [p.message for p in refused.value.problems] == [message]


def test_images_within_the_budget_pass(tmp_path: Path) -> None:
    content = with_limits(make_network(tmp_path, {f"{KIM}/gambar/besar.png": png(1_500, 1_000)}), piksel_total_mp=2)
    assert check_network(content).ok
