"""Settings of the partner-news plugin, declared once with types, defaults and checks.

The same options serve the build (what the pages show) and ``kim fetch`` (how
feeds are fetched), both read from ``pelicanconf.py`` / ``publishconf.py``.
Every bad value is reported together, naming the key and what was expected.
"""

from __future__ import annotations

from typing import Any

from warta_network.settings import Option, apply_options

MEGABYTE = 1024 * 1024
MAX_ITEMS_LIMIT = 500  # entries kept per partner at most, whatever the configuration says


def _positive(value: Any) -> bool:
    return value > 0


OPTIONS = (
    Option(
        "WARTA_MITRA_CACHE_DIR", (str,), "_mitra", "Cache folder inside the content folder; the build reads only it."
    ),
    Option("WARTA_MITRA_SECTION_ITEMS", (int,), 4, "Items in each 'Berita Mitra' section.", _positive, "lebih dari 0"),
    Option(
        "WARTA_MITRA_PAGE_ITEMS", (int,), 20, "Items per page of /mitra/ and /mitra/<id>/.", _positive, "lebih dari 0"
    ),
    Option(
        "WARTA_MITRA_MAX_ITEMS",
        (int,),
        30,
        "Entries kept per partner without `maks_berita`.",
        lambda value: 1 <= value <= MAX_ITEMS_LIMIT,
        f"antara 1 dan {MAX_ITEMS_LIMIT}",
    ),
    Option(
        "WARTA_MITRA_MAX_AGE_DAYS",
        (int,),
        60,
        "Entries older than this many days are dropped at every fetch; 0 keeps them.",
        lambda value: value >= 0,
        "0 atau lebih",
    ),
    Option(
        "WARTA_MITRA_SUMMARY_LENGTH", (int,), 280, "Characters of plain-text summary kept.", _positive, "lebih dari 0"
    ),
    Option("WARTA_MITRA_CONCURRENCY", (int,), 32, "Feeds fetched at the same time.", _positive, "lebih dari 0"),
    Option("WARTA_MITRA_CONNECT_TIMEOUT", (int, float), 5.0, "Seconds to open a connection.", _positive, "detik > 0"),
    Option(
        "WARTA_MITRA_READ_TIMEOUT", (int, float), 10.0, "Seconds of silence allowed while reading.", _positive, "> 0"
    ),
    Option(
        "WARTA_MITRA_FEED_TIMEOUT",
        (int, float),
        30.0,
        "Seconds for one feed in all (redirects, body, images): a trickling server cannot hold it longer.",
        _positive,
        "detik > 0",
    ),
    Option(
        "WARTA_MITRA_DEADLINE",
        (int, float),
        120.0,
        "Seconds for the whole fetch; feeds still running then are abandoned and keep their cache.",
        _positive,
        "detik > 0",
    ),
    Option(
        "WARTA_MITRA_MAX_BYTES",
        (int,),
        4 * MEGABYTE,
        "Largest feed body accepted, counted after decompression (gzip bombs stop here).",
        _positive,
        "jumlah bita > 0",
    ),
    Option(
        "WARTA_MITRA_IMAGE_MAX_BYTES",
        (int,),
        300 * 1024,
        "Largest partner image copied to the portal; bigger ones are left out (readers pay for data).",
        _positive,
        "jumlah bita > 0",
    ),
    Option("WARTA_MITRA_IMAGES", (bool,), True, "Copy partner images (JPEG/PNG/GIF/WebP) to serve them locally."),
    Option("WARTA_MITRA_MAX_REDIRECTS", (int,), 5, "Redirects followed per request.", lambda v: v >= 0, "0 atau lebih"),
    Option(
        "WARTA_MITRA_USER_AGENT",
        (str, type(None)),
        None,
        "User-Agent of the fetcher; None builds one naming the portal (network name and address).",
    ),
    Option("WARTA_MITRA_USE_ENV_PROXY", (bool,), True, "Honour HTTP(S)_PROXY / NO_PROXY from the environment."),
)


def apply_settings(settings: dict[str, Any]) -> list[str]:
    """Defaults and checks for this plugin's own options (the shared mechanism of warta_network)."""
    return apply_options(settings, OPTIONS)
