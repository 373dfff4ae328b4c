"""Pillow recipes: open a writer's photo safely, then write clean, smaller copies.

Every copy is made from decoded pixels, with the orientation flag applied
first and colours converted to sRGB, and saved with an empty ``info``: no
EXIF (GPS, camera model), XMP, IPTC, ICC profile or comment survives. The
original bytes never reach the output.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageDraw, ImageOps

from warta_core.limits import MAX_IMAGE_PIXELS

from .typeset import font, wrap

try:  # HEIC/HEIF from iPhones: optional, registered when the package is installed
    import pillow_heif

    pillow_heif.register_heif_opener()
    HEIF = True
except ImportError:  # pragma: no cover - pinned in pyproject, so present in the project's venv
    HEIF = False

Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS  # the check refused anything larger; Pillow refuses it too

WIDTHS = (360, 720, 1080)  # responsive variants; never wider than the original
FULL_EDGE = 2048  # long edge of the copy at the original address (and of `kim foto`)
SHARE_SIZE = (1200, 630)  # og:image
SHARE_BYTES = 300 * 1024
WEBP_QUALITY = 72
JPEG_QUALITY = 76
RECIPE = "1"  # bump when the recipe changes: every derived image is made again
CARD_RECIPE = "2"  # bump when a drawn card changes: only the cards are made again
CARD_QUALITY = 70  # drawn cards: flat colours and text stay clean at 4:2:0 q70 (q82: 56 KB, q70: 46 KB)
SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class Encoded:
    """One written copy: file suffix, size in pixels, format, bytes."""

    suffix: str  # appended to the stem: "-720.webp", "" for the full copy
    width: int
    height: int
    mime: str
    data: bytes


def open_photo(source: bytes | str) -> Image.Image:
    """Decode an image (path or bytes), orientation applied, in sRGB RGB or RGBA, with no metadata kept."""
    image = Image.open(io.BytesIO(source) if isinstance(source, bytes) else source)
    image.load()
    icc = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if has_alpha else "RGB"
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError):  # a broken profile: pixels as they are
            image = ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), SRGB, outputMode=mode)
    image = image.convert(mode)
    if mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")  # an opaque screenshot: a photo format serves it lighter
    image.info = {}
    return image


def _scaled(image: Image.Image, width: int) -> Image.Image:
    if width >= image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    resized = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    resized.info = {}
    return resized


def save(image: Image.Image, fmt: str, quality: int = JPEG_QUALITY) -> bytes:
    """Encode with no metadata at all (``info`` is emptied; nothing is passed through)."""
    image.info = {}
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    elif fmt == "WEBP":
        image.save(buffer, "WEBP", quality=quality, method=4)
    elif fmt == "PNG":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.convert("P", palette=Image.Palette.ADAPTIVE).save(buffer, "GIF")
    return buffer.getvalue()


MIME = {"JPEG": "image/jpeg", "WEBP": "image/webp", "PNG": "image/png", "GIF": "image/gif"}
FULL_FORMAT = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF", "heif": "JPEG"}


def widths_for(original: int) -> list[int]:
    """The variant widths for an image ``original`` pixels wide (its own width when narrower than the largest)."""
    chosen = [w for w in WIDTHS if w < original]
    if original <= WIDTHS[-1]:
        chosen.append(original)
    return chosen or [original]


def fallback_format(image: Image.Image) -> str:
    """JPEG for photos, PNG when the picture has transparency (logos, screenshots with alpha)."""
    return "PNG" if image.mode == "RGBA" else "JPEG"


def derive(source: str, kind: str) -> tuple[list[Encoded], Encoded]:
    """Responsive variants (WebP + fallback) and the full copy (long edge <= FULL_EDGE) of one image."""
    image = open_photo(source)
    variants: list[Encoded] = []
    fallback = fallback_format(image)
    for width in widths_for(image.width):
        scaled = _scaled(image, width)
        for fmt in ("WEBP", fallback):
            extension = "webp" if fmt == "WEBP" else fallback.lower().replace("jpeg", "jpg")
            quality = WEBP_QUALITY if fmt == "WEBP" else JPEG_QUALITY
            variants.append(
                Encoded(f"-{width}.{extension}", scaled.width, scaled.height, MIME[fmt], save(scaled, fmt, quality))
            )
    full = ImageOps.contain(image, (FULL_EDGE, FULL_EDGE)) if max(image.size) > FULL_EDGE else image
    fmt = FULL_FORMAT[kind]
    return variants, Encoded("", full.width, full.height, MIME[fmt], save(full, fmt, 85))


def share_photo(source: str) -> Encoded:
    """A 1200x630 JPEG of at most SHARE_BYTES, cropped from the middle of the photo."""
    image = ImageOps.fit(open_photo(source).convert("RGB"), SHARE_SIZE, Image.Resampling.LANCZOS)
    return _share_jpeg(image)


def _share_jpeg(image: Image.Image, first_quality: int = 82) -> Encoded:
    """A progressive, optimised 4:2:0 JPEG of at most SHARE_BYTES (the quality steps down until it fits)."""
    for quality in (first_quality, *(q for q in (74, 66, 58, 50, 42, 34) if q < first_quality)):
        data = save(image, "JPEG", quality)
        if len(data) <= SHARE_BYTES:
            break
    return Encoded("", image.width, image.height, "image/jpeg", data)


def share_card(title: str, kim: str, network: str) -> Encoded:
    """The share card of an article without a photo: its title, its KIM and the network, on the theme's colours."""
    image = Image.new("RGB", SHARE_SIZE, "#0b5d3b")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 560, 1200, 630), fill="#f3f5f1")
    heading, small = font(62, 700), font(34, 500)
    y = 70
    draw.text((70, y), wrap(draw, kim, small, 1060, 1)[0], font=small, fill="#f3f5f1")
    y += 70
    for line in wrap(draw, title, heading, 1060, 5):
        draw.text((70, y), line, font=heading, fill="#ffffff")
        y += 76
    draw.text((70, 574), wrap(draw, network, small, 1060, 1)[0], font=small, fill="#07402a")
    return _share_jpeg(image, CARD_QUALITY)


def network_card(network: str, description: str) -> Encoded:
    """The one card of the articles without a photo and without a card of their own: the network and what it is."""
    image = Image.new("RGB", SHARE_SIZE, "#0b5d3b")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 560, 1200, 630), fill="#f3f5f1")
    heading, body, small = font(72, 700), font(40, 500), font(34, 500)
    y = 70
    for line in wrap(draw, network, heading, 1060, 2):
        draw.text((70, y), line, font=heading, fill="#ffffff")
        y += 86
    y += 24
    for line in wrap(draw, description, body, 1060, (530 - y) // 52) if description else ():
        draw.text((70, y), line, font=body, fill="#f3f5f1")
        y += 52
    draw.text((70, 574), "Kelompok Informasi Masyarakat", font=small, fill="#07402a")
    return _share_jpeg(image, CARD_QUALITY)
