"""Settings of the listings plugin (``WARTA_ARCHIVE_*``), declared once with types and defaults.

They are checked with every other plugin's settings by
:mod:`warta_core.config_options`.
"""

from __future__ import annotations

from typing import Any

from warta_core.config_options import Int, schema_value

PREFIX = "WARTA_ARCHIVE_"

SCHEMA = (
    Int(
        "WARTA_ARCHIVE_PAGE_ITEMS",
        50,
        "Entries on each archive page (page 2 on) of a listing: date, title and KIM only; page 1 keeps "
        "`DEFAULT_PAGINATION` (or `PAGINATED_TEMPLATES`) full entries.",
        min=1,
    ),
)


def setting(settings: dict[str, Any], name: str) -> Any:
    """A listings setting (validated), else its old name, else its default (the plugin did not run)."""
    return schema_value(SCHEMA, settings, name)
