"""Partner images, copied once and served from the portal itself.

Pages never load anything from another host: a reader's phone should not
tell a partner's server what it reads, nor download a 3 MB photo on a
metered connection. At fetch time an entry's image is downloaded (http(s),
the same caps and redirect rules as feeds, a smaller size limit), accepted
only when its bytes are really JPEG, PNG, GIF or WebP (never SVG, which can
carry scripts), and stored under the SHA-1 of its bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import httpx

from .cache import PartnerCache
from .entries import Entry
from .http import Limits, fetch_url

IMAGE_ACCEPT = "image/webp, image/jpeg, image/png, image/gif;q=0.8"
MAX_IMAGES_PER_FEED = 30


def sniff_image(data: bytes) -> str | None:
    """File extension for real raster image bytes, else None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


async def fetch_images(
    client: httpx.AsyncClient, entries: list[Entry], cache: PartnerCache, limits: Limits, now: dt.datetime
) -> int:
    """Download the images of entries first seen now; return how many were stored.

    Only new entries are tried, so a broken image costs its server one request, not one per fetch.
    """
    stored = 0
    wanted = [e for e in entries if e.image_url and e.first_seen == now and not e.image_file]
    for entry in wanted[:MAX_IMAGES_PER_FEED]:
        result = await fetch_url(client, entry.image_url, limits, now, accept=IMAGE_ACCEPT)
        extension = sniff_image(result.body) if result.kind == "ok" else None
        if extension is None:
            entry.image_file = None
            continue
        name = f"{hashlib.sha1(result.body).hexdigest()}.{extension}"
        if cache.image_path(name) is None:
            cache.save_image(name, result.body)
        entry.image_file = name
        stored += 1
    return stored
