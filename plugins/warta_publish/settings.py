"""Settings of the publishing plugin, declared once with types, defaults and checks.

They are read from ``pelicanconf.py`` / ``publishconf.py``; ``publishconf.py``
fills ``WARTA_PUBLISH_DOMAIN`` from the ``WARTA_DOMAIN`` environment variable
so that CI and ``make publish DOMAIN=...`` need no Python edits.
"""

from __future__ import annotations

import re
from typing import Any

from warta_network.settings import Option, apply_options

GITHUB_PAGES_LIMIT = 1024**3  # bytes; GitHub Pages refuses published sites above 1 GB
DOMAIN_PATTERN = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")


OPTIONS = (
    Option(
        "WARTA_SITE_SIZE_LIMIT",
        (int,),
        GITHUB_PAGES_LIMIT,
        "Largest published site the host accepts, in bytes (GitHub Pages: 1 GB); larger output is refused.",
        lambda value: value > 0,
        "berupa jumlah bita lebih dari 0",
    ),
    Option(
        "WARTA_SITE_SIZE_WARNING",
        (float, int),
        0.8,
        "Share of WARTA_SITE_SIZE_LIMIT above which every build warns, so there is time to act.",
        lambda value: 0 < value <= 1,
        "berupa pecahan antara 0 dan 1, misalnya 0.8",
    ),
    Option(
        "WARTA_PUBLISH_DOMAIN",
        (str,),
        "",
        "Custom domain written to CNAME on the published branch; empty when the host's own address is used.",
        lambda value: value == "" or bool(DOMAIN_PATTERN.fullmatch(value)),
        "berupa nama domain tanpa https:// dan tanpa garis miring, misalnya warta.example.go.id",
    ),
    Option(
        "WARTA_NOT_FOUND_LATEST",
        (int,),
        5,
        "Latest articles suggested on the 404 page (0 for none).",
        lambda value: value >= 0,
        "berupa bilangan 0 atau lebih",
    ),
)


def apply_settings(settings: dict[str, Any]) -> list[str]:
    """Defaults and checks for this plugin's own options (the shared mechanism of warta_network)."""
    return apply_options(settings, OPTIONS)


def setting(settings: dict[str, Any], name: str) -> Any:
    """A publishing setting, or its default when the plugin did not run (e.g. a custom settings file)."""
    if name in settings:
        return settings[name]
    return next(option.default for option in OPTIONS if option.name == name)
