"""Phone-like test photos: large, noisy, with GPS EXIF, a camera model and a rotation flag.

Two kinds: :func:`phone_photo`, detail and noise at every scale (the noise-heavy worst case of issue 27),
and :func:`demo_photo`, the demo's two CC0 photographs cropped, scaled to 12 MP and given phone-like
sensor noise (the "real-looking photograph" of the issue's targets).

The stored top-left corner is red; with orientation 6 (the phone was held
upright) it must show at the top right of every published copy, which is
portrait. ``kim periksa`` refuses the GPS position and camera model
(tests/warta_core/test_photo_privacy.py), so a test about something else asks for
``private=False``; a test proving that the build strips them builds inside
:func:`private_photos_published`.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from random import Random

from PIL import Image, ImageChops, ImageOps

from support.site import ROOT
from warta_core import image_check

CAMERA_MAKE = "PabrikPonselUji"
CAMERA_MODEL = "PonselUji X12"
GPS = {1: "S", 2: (5.0, 26.0, 12.5), 3: "E", 4: (105.0, 15.0, 3.0)}
DEMO_PHOTOS = (  # CC0, from scikit-image's sample data (docs/user-guide/photos.md, "Demo photos")
    "kim/kim-way-lima-sejahtera/gambar/secangkir-kopi.jpg",
    "kim/kim-metro-berseri/gambar/kucing-warga.jpg",
)
CONTENT = ROOT / "content"


def phone_photo(
    width: int = 4000, height: int = 3000, orientation: int = 6, seed: int = 24, *, private: bool = True
) -> bytes:
    """A JPEG like a phone's: detail at every scale (so it compresses like a photo, not like a flat drawing),
    sensor-like noise, a red top-left corner, full EXIF with GPS and the camera (only the rotation flag when
    not ``private``)."""
    base = Image.linear_gradient("L").resize((width, height))
    fine = Image.effect_noise((width, height), seed)
    middle = Image.effect_noise((max(1, width // 6), max(1, height // 6)), 70).resize((width, height), Image.BICUBIC)
    coarse = Image.effect_noise((max(1, width // 40), max(1, height // 40)), 90).resize((width, height), Image.BICUBIC)
    green = ImageChops.add(ImageChops.multiply(middle, coarse), fine, scale=1.6)
    image = Image.merge("RGB", (base, green, Image.blend(coarse, fine, 0.3)))
    corner = max(8, width // 10)
    image.paste((255, 0, 0), (0, 0, corner, corner))
    exif = Image.Exif()
    exif[0x0112] = orientation
    if private:
        exif[0x010F] = CAMERA_MAKE
        exif[0x0110] = CAMERA_MODEL
        exif.get_ifd(0x8825).update(GPS)
    buffer = io.BytesIO()
    comment = CAMERA_MODEL.encode() if private else b""
    image.save(buffer, "JPEG", quality=92, exif=exif.tobytes(), comment=comment)
    return buffer.getvalue()


def demo_photo(number: int = 0, width: int = 4000, height: int = 3000) -> bytes:
    """A real-looking 12 MP phone JPEG: one of the demo's photographs (by ``number``), a different crop and
    mirroring for each number, scaled up, with luma noise (sigma 5) and colour noise (sigma 3) on every pixel
    as a phone sensor leaves after its own noise reduction, saved at JPEG quality 92 like a phone (3-4 MB)."""
    chance = Random(number)
    with Image.open(CONTENT / DEMO_PHOTOS[number % len(DEMO_PHOTOS)]) as source:
        photo = source.convert("RGB")
    share = chance.uniform(0.75, 1.0)
    crop_width, crop_height = int(photo.width * share), int(photo.height * share)
    left, top = chance.randint(0, photo.width - crop_width), chance.randint(0, photo.height - crop_height)
    photo = ImageOps.fit(photo.crop((left, top, left + crop_width, top + crop_height)), (width, height), Image.BICUBIC)
    if chance.random() < 0.5:
        photo = ImageOps.mirror(photo)
    luma = Image.effect_noise((width, height), 5)  # centred on 128: added with offset -128
    channels = [
        ImageChops.add(ImageChops.add(channel, luma, 1.0, -128), Image.effect_noise((width, height), 3), 1.0, -128)
        for channel in photo.split()
    ]
    buffer = io.BytesIO()
    Image.merge("RGB", channels).save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


@contextlib.contextmanager
def private_photos_published() -> Iterator[None]:
    """Switch off the check's refusal of private metadata, to prove the build strips it all the same.

    The check refusing a GPS photo is the first line; the build re-encoding every image with no metadata
    is the second, and must hold on its own (a photo committed before the rule, a rule that misses a tag).
    """
    import pytest  # here: scripts/bench_photos.py imports this module without pytest

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(image_check, "private_metadata", lambda _image: [])
        yield


def screenshot_png(width: int = 1170, height: int = 2532) -> bytes:
    """A PNG screenshot with a text chunk naming the phone."""
    from PIL import PngImagePlugin

    image = Image.new("RGBA", (width, height), (240, 240, 240, 255))
    image.paste((11, 93, 59, 255), (0, 0, width, height // 8))
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", CAMERA_MODEL)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def metadata_found(data: bytes) -> list[str]:
    """What identifying metadata an image file still carries (empty when clean)."""
    found = []
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    if len(exif):
        found.append(f"EXIF {dict(exif)}")
    if exif.get_ifd(0x8825):
        found.append("GPS")
    for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "Software", "photoshop"):
        if image.info.get(key):
            found.append(key)
    for marker in (CAMERA_MODEL.encode(), CAMERA_MAKE.encode()):
        if marker in data:
            found.append(marker.decode())
    return found
