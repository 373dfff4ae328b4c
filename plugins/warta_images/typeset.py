"""Text on generated images (share cards): the font shipped in a wheel, and word wrapping.

Used by the article cards of :mod:`warta_images.encode` and the fact-check
cards of ``warta_cekfakta``, so both look alike and nothing is downloaded.
"""

from __future__ import annotations

import contextlib
from importlib import resources

from PIL import ImageDraw, ImageFont

FONT_FILE = "Inter[opsz,wght].ttf"  # in fontpkg-inter (OFL-1.1)


def font(size: int, weight: int) -> ImageFont.FreeTypeFont:
    """Inter at ``size`` pixels and ``weight`` (100–900)."""
    with resources.as_file(resources.files("fontpkg_inter") / "files" / FONT_FILE) as path:
        face = ImageFont.truetype(str(path), size)
    with contextlib.suppress(OSError):  # FreeType without variable-font support: the default instance
        face.set_variation_by_axes([min(32, size), weight])
    return face


def wrap(draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of ``width`` pixels; the last one ends with "…" when text is left over."""
    result: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=face) <= width or not line:
            line = candidate
        else:
            result.append(line)
            line = word
    result.append(line)
    if len(result) > lines:
        result = result[:lines]
        result[-1] = result[-1].rstrip(".,;: ") + "…"
    return result
