"""Settings of the statistics plugin (``WARTA_STATS_*``), declared once with types and defaults."""

from __future__ import annotations

from warta_core.config_options import Str, Url

PREFIX = "WARTA_STATS_"

SCHEMA = (
    Str("WARTA_STATS_LICENCE_NAME", "CC BY 4.0", "Licence of the open data under `/data/` (name shown)."),
    Url(
        "WARTA_STATS_LICENCE_URL",
        "https://creativecommons.org/licenses/by/4.0/deed.id",
        "Address of the open data's licence text.",
    ),
)
