"""Settings of the partner-news plugin (``WARTA_MITRA_*``), declared once with types and defaults.

The same options serve the build (what the pages show) and ``kim ambil`` (how
feeds are fetched; :class:`~warta_partners.spider.FetchOptions` takes its
defaults from here). They are checked with every other plugin's settings by
:mod:`warta_core.config_options`.
"""

from __future__ import annotations

from typing import Any

from warta_core.config_options import Bool, Bytes, Int, Path, Seconds, Str
from warta_core.host_options import HostPortList

PREFIX = "WARTA_MITRA_"
PAGINATED = ("mitra", "mitra_outlet")  # templates Pelican paginates for this plugin
MAX_ITEMS_LIMIT = 500  # entries kept per partner at most, whatever the configuration says

SCHEMA = (
    Path(
        "WARTA_MITRA_CACHE_DIR",
        "_mitra",
        "Cache folder inside the content folder (folders starting with `_` are not content); the build reads only it.",
    ),
    Int("WARTA_MITRA_SECTION_ITEMS", 4, "Items in each 'Berita Mitra' section.", min=1),
    Int("WARTA_MITRA_PAGE_ITEMS", 20, "Items per page of `/mitra/` and `/mitra/<id>/`.", min=1),
    Int("WARTA_MITRA_MAX_ITEMS", 30, "Entries kept per partner without `maks_berita`.", min=1, max=MAX_ITEMS_LIMIT),
    Int(
        "WARTA_MITRA_MAX_AGE_DAYS",
        60,
        "Entries older than this many days are dropped at every fetch, even when the feed fails; 0 keeps them.",
        min=0,
    ),
    Int("WARTA_MITRA_SUMMARY_LENGTH", 280, "Characters of plain-text summary kept.", min=1),
    Int("WARTA_MITRA_CONCURRENCY", 32, "Feeds fetched at the same time.", min=1),
    Seconds("WARTA_MITRA_CONNECT_TIMEOUT", 5.0, "Seconds to open a connection."),
    Seconds("WARTA_MITRA_READ_TIMEOUT", 10.0, "Seconds of silence allowed while reading."),
    Seconds(
        "WARTA_MITRA_FEED_TIMEOUT",
        30.0,
        "Seconds for one feed in all (redirects, body, images): a trickling server cannot hold it longer.",
    ),
    Seconds(
        "WARTA_MITRA_DEADLINE",
        120.0,
        "Seconds for the whole fetch; feeds still running then are abandoned and keep their cache.",
    ),
    Bytes(
        "WARTA_MITRA_MAX_BYTES",
        4 * 1024 * 1024,
        "Largest feed body accepted, counted after decompression (gzip bombs stop here).",
    ),
    Bytes(
        "WARTA_MITRA_IMAGE_MAX_BYTES",
        300 * 1024,
        "Largest partner image copied to the portal; bigger ones are left out (readers pay for data).",
    ),
    Bool("WARTA_MITRA_IMAGES", True, "Copy partner images (JPEG/PNG/GIF/WebP) to serve and show them locally."),
    Int("WARTA_MITRA_MAX_REDIRECTS", 5, "Redirects followed per request.", min=0),
    Str(
        "WARTA_MITRA_USER_AGENT",
        None,
        "User-Agent of the fetcher; `None` builds one naming the portal (network name and `SITEURL`).",
        nullable=True,
    ),
    Bool(
        "WARTA_MITRA_USE_ENV_PROXY",
        True,
        "Honour `HTTP(S)_PROXY` / `NO_PROXY` from the environment (never used for local addresses); the proxy "
        "resolves names itself, so only direct connections are pinned to the checked address.",
    ),
    HostPortList(
        "WARTA_MITRA_LOCAL_ALLOWLIST",
        (),
        "`host:port` entries the fetcher may use although they are not public addresses (the demo's and tests' "
        "fixture servers); every other loopback, private, link-local or reserved address is refused.",
    ),
)


def derived_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """Pelican paginates ``/mitra/`` and ``/mitra/<id>/`` by ``WARTA_MITRA_PAGE_ITEMS`` (set while validating)."""
    per_page = settings["WARTA_MITRA_PAGE_ITEMS"]
    return {"PAGINATED_TEMPLATES": {**settings.get("PAGINATED_TEMPLATES", {}), **dict.fromkeys(PAGINATED, per_page)}}
