"""Decoding a writer's raster image once, bounded, before the build trusts it.

The extension and first bytes were checked by ``files``; here Pillow reads
the header (a decompression bomb is refused by its pixel count before any
pixel is decoded), ``verify()`` walks the file's structure, and a full
decode (JPEG at 1/8 scale, which is cheap) finds truncated data. A problem
is one sentence in Bahasa Indonesia, or None. A sound image's metadata is
then read from what that decode already parsed (:mod:`.photo_privacy`): the
place and camera a committed photo would give away.
"""

from __future__ import annotations

import warnings
from typing import NamedTuple

from PIL import Image

from .limits import MAX_IMAGE_PIXELS, MEGAPIXEL
from .photo_privacy import private_metadata

try:  # HEIC/HEIF photos from iPhones
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:  # pragma: no cover - pinned in pyproject
    pillow_heif = None

Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS  # Pillow's own bomb check agrees with ours
FIX_COMMAND = "kim foto"  # normalises committed photos (warta_cli.foto)


class RasterInspection(NamedTuple):
    """What one look at a raster found."""

    problem: str | None  # why it is not a safe image (Indonesian), or None
    pixels: int  # its pixel count, 0 when unknown
    private: tuple[str, ...] = ()  # private metadata it carries (photo_privacy labels); only for a sound image


def decode_problem(path: str, max_pixels: int = MAX_IMAGE_PIXELS) -> str | None:
    """Why Pillow cannot read ``path`` as a safe image, or None when it decodes completely."""
    return inspect_raster(path, max_pixels).problem


def inspect_raster(path: str, max_pixels: int = MAX_IMAGE_PIXELS) -> RasterInspection:
    """Whether ``path`` is a safe image, its pixel count, and the private metadata it carries.

    An image with more than ``max_pixels`` is refused from its header, before any pixel is decoded.
    """
    pixels = 0
    private: tuple[str, ...] = ()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                pixels = image.width * image.height
                if pixels > max_pixels:
                    return RasterInspection(
                        f"berukuran {image.width}×{image.height} piksel ({pixels / MEGAPIXEL:.0f} juta), melebihi "
                        f"batas {max_pixels // MEGAPIXEL} juta piksel per gambar",
                        pixels,
                    )
                image.verify()
            with Image.open(path) as image:
                if image.format == "JPEG":
                    image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
                image.load()
                private = tuple(private_metadata(image))  # from what the decode parsed: no reading of its own
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return RasterInspection(f"berukuran terlalu besar (lebih dari {MAX_IMAGE_PIXELS:,} piksel)", pixels)
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError) as error:
        if "truncated" in str(error):
            return RasterInspection(
                "terpotong (berkasnya tidak utuh, mungkin unggahan atau salinan yang terputus)", pixels
            )
        return RasterInspection("rusak atau tidak bisa dibaca sebagai gambar", pixels)
    return RasterInspection(None, pixels, private)
