"""Settings of the publishing plugin (``WARTA_PUBLISH_*``), declared once with types and defaults.

``publishconf.py`` fills ``WARTA_PUBLISH_DOMAIN`` from the ``WARTA_DOMAIN``
environment variable so that CI and ``make publish DOMAIN=...`` need no
Python edits. They are checked with every other plugin's settings by
:mod:`warta_core.config_options`.
"""

from __future__ import annotations

from typing import Any

from warta_core.config_options import Bool, Bytes, Choice, Domain, Int, Ratio, schema_value

from .capacity import HOSTS, HostLimits

PREFIX = "WARTA_PUBLISH_"
GITHUB_PAGES_LIMIT = 1024**3  # bytes; GitHub Pages refuses published sites above 1 GB

SCHEMA = (
    Bytes(
        "WARTA_PUBLISH_SITE_SIZE_LIMIT",
        GITHUB_PAGES_LIMIT,
        "Largest published site the host accepts (GitHub Pages: 1 GB); larger output is refused.",
        renamed_from=("WARTA_SITE_SIZE_LIMIT",),
    ),
    Ratio(
        "WARTA_PUBLISH_SITE_SIZE_WARNING",
        0.8,
        "Share of `WARTA_PUBLISH_SITE_SIZE_LIMIT` above which every build warns, so there is time to act.",
        renamed_from=("WARTA_SITE_SIZE_WARNING",),
    ),
    Choice(
        "WARTA_PUBLISH_HOST",
        "github-pages",
        "Host the site is published to: its documented file-count and file-size limits (`warta_publish.capacity`) "
        "are forecast by every build and enforced by `kim terbitkan`.",
        choices=tuple(HOSTS),
    ),
    Domain(
        "WARTA_PUBLISH_DOMAIN",
        "",
        "Custom domain written to `CNAME` on the published branch; empty when the host's own address is used.",
    ),
    Bool(
        "WARTA_PUBLISH_KEEP_HISTORY",
        False,
        "Whether `kim terbitkan` adds each publish to the published branch's history (`True`) or replaces the "
        "branch with one commit (`False`), so withdrawn pages and photos leave it; `--dengan-riwayat` / "
        "`--tanpa-riwayat` (`make publish HISTORY=keep|replace`) override it for one run.",
    ),
    Int(
        "WARTA_PUBLISH_NOT_FOUND_LATEST",
        5,
        "Latest articles suggested on the 404 page (0 for none).",
        min=0,
        renamed_from=("WARTA_NOT_FOUND_LATEST",),
    ),
)


def setting(settings: dict[str, Any], name: str) -> Any:
    """A publishing setting (validated), else its old name, else its default (the plugin did not run)."""
    return schema_value(SCHEMA, settings, name)


def host_limits(settings: dict[str, Any]) -> HostLimits:
    """The documented limits of the configured host (``WARTA_PUBLISH_HOST``)."""
    return HOSTS[setting(settings, "WARTA_PUBLISH_HOST")]
