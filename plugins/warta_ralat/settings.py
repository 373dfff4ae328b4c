"""Settings of the accountability plugin (``WARTA_RALAT_*``), declared once with types and defaults.

They are checked with every other plugin's settings by :mod:`warta_core.config_options`.
"""

from __future__ import annotations

from typing import Any

from warta_core.config_options import Int, schema_value

PREFIX = "WARTA_RALAT_"

SCHEMA = (
    Int(
        "WARTA_RALAT_TOMBSTONE_DAYS",
        90,
        "Atom feeds announce a withdrawn story (an RFC 6721 `at:deleted-entry`) for this many days after its "
        "withdrawal, so aggregators that fetch less often still remove it. `0`: no tombstones.",
        min=0,
    ),
)


def setting(settings: dict[str, Any], name: str) -> Any:
    """An accountability setting (validated), else its default (the plugin did not run)."""
    return schema_value(SCHEMA, settings, name)
