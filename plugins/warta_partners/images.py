"""Partner images, copied once and served from the portal itself.

Pages never load anything from another host: a reader's phone should not
tell a partner's server what it reads, nor download a 3 MB photo on a
metered connection. At fetch time an entry's image is downloaded (http(s),
the same caps, redirect and address rules as feeds, a smaller size limit),
accepted only when its bytes are really JPEG, PNG, GIF or WebP (never SVG,
which can carry scripts), and stored under the SHA-1 of its bytes. An image
on an address the fetcher refuses (``addresses``) is not downloaded; its item
is published without it, and the refusal is reported with the feed's health.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import httpx

from .cache import PartnerCache
from .entries import Entry
from .http import Limits, fetch_url

IMAGE_ACCEPT = "image/webp, image/jpeg, image/png, image/gif;q=0.8"
MAX_IMAGES_PER_FEED = 30


@dataclass
class ImageRun:
    """What one feed's image downloads did: how many were stored, which addresses were refused (Indonesian)."""

    stored: int = 0
    refused: list[str] = field(default_factory=list)


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
    client: httpx.AsyncClient,
    entries: list[Entry],
    cache: PartnerCache,
    limits: Limits,
    now: dt.datetime,
    run: ImageRun | None = None,
) -> ImageRun:
    """Download the images of entries first seen or revised now, recording into ``run`` as it goes (kept on a timeout).

    Only new and revised entries are tried (a revised one whose image address changed has no copy: see
    ``upstream.carry_over``), so a broken image costs its server one request, not one per fetch.
    """
    run = run or ImageRun()
    wanted = [e for e in entries if e.image_url and now in (e.first_seen, e.revised) and not e.image_file]
    for entry in wanted[:MAX_IMAGES_PER_FEED]:
        result = await fetch_url(client, entry.image_url, limits, now, accept=IMAGE_ACCEPT)
        if result.refused:
            run.refused.append(f"Gambar berita tidak diunduh. {result.error}")
        extension = sniff_image(result.body) if result.kind == "ok" else None
        if extension is None:
            entry.image_file = None
            continue
        name = f"{hashlib.sha1(result.body).hexdigest()}.{extension}"
        if cache.image_path(name) is None:
            cache.save_image(name, result.body)
        entry.image_file = name
        run.stored += 1
    return run
