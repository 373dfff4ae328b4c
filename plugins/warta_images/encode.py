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

WIDTHS = (360, 720)  # responsive WebP widths below the largest; 360: the LCP image of a 360 px phone at 1x
LARGEST_EDGE = 1440  # long edge of the largest variant (1440x1080, 1080x1440): the "full size" image
FALLBACK_WIDTH = 720  # the one JPEG (PNG) width, for browsers without WebP, feeds and an old story's og:image
FULL_EDGE = 2048  # long edge of a writer's photo tidied by `kim foto` (kept in the repository, not published)
SHARE_SIZE = (1200, 630)  # og:image
SHARE_BYTES = 300 * 1024
SMALL_CARD_SIZE = (600, 315)  # older stories' and listing pages' cards: the smallest size link previews show large
SMALL_CARD_COLOURS = 16  # palette of a small card's PNG: 8 colours save 15 % more and start to band the text edges
WEBP_QUALITY = 72  # 12 MP phone photos at these widths: q75 costs 5-9 % more bytes, q70 3 % fewer (measured)
WEBP_METHOD = 4  # method 6 saves 1-3 % of the bytes for 40-80 % more encode time per photo (measured)
JPEG_QUALITY = 78
SHARE_QUALITY = 80  # first try of a photo's share crop; steps down to fit SHARE_BYTES
TIERS = ("image", "archive")  # an image's variants: every width, or (older stories) the widths up to FALLBACK_WIDTH
RECIPE = "2"  # bump when the recipe changes: every derived image is made again
CARD_RECIPE = "4"  # bump when a drawn card changes: only the cards are made again
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


def open_photo(source: bytes | str, at_least: int = 0) -> Image.Image:
    """Decode an image (path or bytes), orientation applied, in sRGB RGB or RGBA, with no metadata kept.

    ``at_least``: a JPEG may be decoded at 1/2, 1/4 or 1/8 scale (libjpeg's DCT scaling) as long as both of
    its sides stay at least this many pixels; a 12 MP photo then decodes in a quarter of the time.
    """
    image = Image.open(io.BytesIO(source) if isinstance(source, bytes) else source)
    if at_least and image.format == "JPEG":
        image.draft(None, (at_least, at_least))
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


def save(image: Image.Image, fmt: str, quality: int = JPEG_QUALITY, *, optimize: bool = True) -> bytes:
    """Encode with no metadata at all (``info`` is emptied; nothing is passed through).

    ``optimize=False`` keeps zlib's default level for a PNG: a small card is then 8 % larger and 7x faster to
    write (2 ms against 14 ms), which counts when every story of a large network gets one.
    """
    image.info = {}
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    elif fmt == "WEBP":
        image.save(buffer, "WEBP", quality=quality, method=WEBP_METHOD)
    elif fmt == "PNG":
        image.save(buffer, "PNG", optimize=optimize)
    else:
        image.convert("P", palette=Image.Palette.ADAPTIVE).save(buffer, "GIF")
    return buffer.getvalue()


MIME = {"JPEG": "image/jpeg", "WEBP": "image/webp", "PNG": "image/png", "GIF": "image/gif"}
FULL_FORMAT = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF", "heif": "JPEG"}


def widths_for(width: int, height: int, tier: str = "image") -> list[int]:
    """The variant widths of an image ``width`` x ``height`` pixels: never wider than it is.

    "image": 360, 720 and the largest (long edge :data:`LARGEST_EDGE`); "archive" (older stories): up to
    :data:`FALLBACK_WIDTH` only.
    """
    if tier == "archive":
        largest = min(width, FALLBACK_WIDTH)
    else:
        largest = min(width, round(width * LARGEST_EDGE / max(width, height)))
    return [w for w in WIDTHS if w < largest] + [largest]


def fallback_format(image: Image.Image) -> str:
    """JPEG for photos, PNG when the picture has transparency (logos, screenshots with alpha)."""
    return "PNG" if image.mode == "RGBA" else "JPEG"


def derive(source: str, tier: str = "image") -> list[Encoded]:
    """The published copies of one image: WebP at every width of ``tier`` and one JPEG (PNG) fallback width.

    The original is never published, not even resized: the largest WebP is its "full size" copy.
    """
    image = open_photo(source, at_least=LARGEST_EDGE)
    widths = widths_for(image.width, image.height, tier)
    fallback = fallback_format(image)
    fallback_width = max(w for w in widths if w <= FALLBACK_WIDTH)  # widths start at 360 or below
    variants: list[Encoded] = []
    for width in widths:
        scaled = _scaled(image, width)
        formats = ("WEBP", fallback) if width == fallback_width else ("WEBP",)
        for fmt in formats:
            extension = "webp" if fmt == "WEBP" else fallback.lower().replace("jpeg", "jpg")
            quality = WEBP_QUALITY if fmt == "WEBP" else JPEG_QUALITY
            variants.append(
                Encoded(f"-{width}.{extension}", scaled.width, scaled.height, MIME[fmt], save(scaled, fmt, quality))
            )
    return variants


def share_photo(source: str) -> Encoded:
    """A 1200x630 JPEG of at most SHARE_BYTES, cropped from the middle of the photo."""
    photo = open_photo(source, at_least=SHARE_SIZE[0]).convert("RGB")
    return _share_jpeg(ImageOps.fit(photo, SHARE_SIZE, Image.Resampling.LANCZOS), SHARE_QUALITY)


def _share_jpeg(image: Image.Image, first_quality: int) -> Encoded:
    """A progressive, optimised 4:2:0 JPEG of at most SHARE_BYTES (the quality steps down until it fits)."""
    for quality in (first_quality, *(q for q in (74, 66, 58, 50, 42, 34) if q < first_quality)):
        data = save(image, "JPEG", quality)
        if len(data) <= SHARE_BYTES:
            break
    return Encoded("", image.width, image.height, "image/jpeg", data)


def text_card(eyebrow: str, heading: str, footer: str, size: tuple[int, int] = SHARE_SIZE) -> Encoded:
    """A drawn card on the theme's colours: a small line above, the heading (up to five lines), a footer band.

    Drawn at ``size``, so nothing is scaled after drawing: 1200x630 as JPEG, or :data:`SMALL_CARD_SIZE` (older
    stories and listing pages) as a 16-colour PNG, about a seventh of the large card's bytes.
    """
    scale = size[0] / SHARE_SIZE[0]

    def px(value: float) -> int:
        return round(value * scale)

    image = Image.new("RGB", size, "#0b5d3b")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, px(560), size[0], size[1]), fill="#f3f5f1")
    heading_font, small = font(px(62), 700), font(px(34), 500)
    room = px(1060)
    y = px(70)
    draw.text((px(70), y), wrap(draw, eyebrow, small, room, 1)[0], font=small, fill="#f3f5f1")
    y += px(70)
    for line in wrap(draw, heading, heading_font, room, 5):
        draw.text((px(70), y), line, font=heading_font, fill="#ffffff")
        y += px(76)
    draw.text((px(70), px(574)), wrap(draw, footer, small, room, 1)[0], font=small, fill="#07402a")
    if size == SHARE_SIZE:
        return _share_jpeg(image, CARD_QUALITY)
    # A small card is flat colour and text: 16 colours hold its anti-aliasing (6 KB against 17 KB as JPEG).
    data = save(image.quantize(SMALL_CARD_COLOURS, method=Image.Quantize.FASTOCTREE), "PNG", optimize=False)
    return Encoded("", image.width, image.height, "image/png", data)
