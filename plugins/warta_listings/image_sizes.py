"""Width and height of the images the derived-image index does not know (SVG drawings).

Every ``<img>`` carries ``width`` and ``height`` so the page does not jump
while it loads. Raster covers get theirs from warta_images; an SVG's come
from its root element (``width``/``height``, else the ``viewBox``), read with
expat from the already-checked file, stopping at the first element.
"""

from __future__ import annotations

import contextlib
import os
import re
import xml.parsers.expat
from functools import lru_cache

from markupsafe import Markup

_NUMBER = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*$")
READ_LIMIT = 64 * 1024  # the root element is at the start of the file


class _Root(Exception):
    """Raised by the first start-element callback to stop parsing there."""


def _pixels(value: str | None) -> float | None:
    match = _NUMBER.match(value or "")
    return float(match.group(1)) if match else None


def svg_size_from(data: bytes) -> tuple[int, int] | None:
    """Pixel size of an SVG's root element, None when it states none."""
    parser = xml.parsers.expat.ParserCreate()
    found: dict[str, str] = {}

    def start(_name: str, attributes: dict[str, str]) -> None:
        found.update(attributes)
        raise _Root

    parser.StartElementHandler = start
    with contextlib.suppress(_Root, xml.parsers.expat.ExpatError):
        parser.Parse(data, False)
    width, height = _pixels(found.get("width")), _pixels(found.get("height"))
    if not (width and height):
        box = (found.get("viewBox") or "").replace(",", " ").split()
        if len(box) == 4:
            width, height = _pixels(box[2]), _pixels(box[3])
    if width and height:
        return round(width), round(height)
    return None


def svg_size(path: str) -> tuple[int, int] | None:
    """Pixel size of the SVG file at ``path`` (None when unreadable or sizeless)."""
    if not path.lower().endswith(".svg") or not os.path.isfile(path):
        return None
    stat = os.stat(path)
    return _read_size(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4096)
def _read_size(path: str, _mtime_ns: int, _size: int) -> tuple[int, int] | None:
    """Cached per file version: a page shows the same drawing many times."""
    with open(path, "rb") as handle:
        return svg_size_from(handle.read(READ_LIMIT))


_IMG = re.compile(r"<img\b[^>]*>")
_SRC = re.compile(r'\ssrc="([^"]+)"')


def with_svg_sizes(body: str, siteurl: str, content: str) -> Markup:
    """An article body (already sanitised) with ``width``/``height`` added to its unsized SVG images."""
    prefix = f"{siteurl}/"

    def add_size(match: re.Match[str]) -> str:
        tag = match.group(0)
        src = _SRC.search(tag)
        if " width=" in tag or src is None or not src.group(1).startswith(prefix):
            return tag
        size = svg_size(os.path.join(content, src.group(1).removeprefix(prefix)))
        return f'{tag[:-1]} width="{size[0]}" height="{size[1]}">' if size else tag

    return Markup(_IMG.sub(add_size, str(body)))
