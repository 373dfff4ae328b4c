"""Settings of the search plugin (``WARTA_SEARCH_*``), declared once with types and defaults.

They are checked with every other plugin's settings by
:mod:`warta_core.config_options`.
"""

from __future__ import annotations

from typing import Any

from warta_core.config_options import Bool, Str, schema_value

PREFIX = "WARTA_SEARCH_"

SCHEMA = (
    Bool(
        "WARTA_SEARCH_INDEX",
        True,
        "Build the Pagefind search index for `/cari/` after every build (`False` leaves `/cari/` without results).",
    ),
    Str(
        "WARTA_SEARCH_PAGEFIND",
        "",
        "Path of the Pagefind program; empty uses the one the `pagefind-bin` package installed.",
    ),
)


def setting(settings: dict[str, Any], name: str) -> Any:
    """A search setting (validated), else its old name, else its default (the plugin did not run)."""
    return schema_value(SCHEMA, settings, name)
