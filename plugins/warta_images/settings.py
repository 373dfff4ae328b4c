"""Settings of the images plugin (``WARTA_IMAGES_*``), declared once with types and defaults.

They are checked with every other plugin's settings by
:mod:`warta_core.config_options`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from warta_core.config_options import Bool, Int, schema_value

PREFIX = "WARTA_IMAGES_"

SCHEMA = (
    Int(
        "WARTA_IMAGES_CARD_DAYS",
        90,
        "Articles without a photo published within this many days of the build get a 1200x630 share card of "
        "their own (title, KIM, network); older ones share their KIM's card (see WARTA_IMAGES_OLD_STORY_CARDS). "
        "`0`: no story gets a large card.",
        min=0,
    ),
    Bool(
        "WARTA_IMAGES_OLD_STORY_CARDS",
        False,
        "Older articles without a photo get a 600x315 card of their own (title, KIM, network) instead of their "
        "KIM's card: one more file and about 5 KB per story, and one more card to draw on a cold build.",
    ),
    Int(
        "WARTA_IMAGES_ARCHIVE_DAYS",
        365,
        "Photos shown only by articles published more than this many days before the build keep fewer copies: "
        "WebP up to 720 px and the 720 px JPEG, which is also their og:image (no 1440 px copy, no 1200x630 "
        "crop). `0`: every photo keeps every copy.",
        min=0,
    ),
)


def setting(settings: dict[str, Any], name: str) -> Any:
    """An images setting (validated), else its old name, else its default (the plugin did not run)."""
    return schema_value(SCHEMA, settings, name)


def card_cutoff(settings: dict[str, Any], now: dt.datetime) -> dt.datetime | None:
    """Articles dated at or after this moment (``now`` is the build state's) get a large card; None: none does."""
    days = setting(settings, "WARTA_IMAGES_CARD_DAYS")
    if not days:
        return None
    return now - dt.timedelta(days=days)


def archive_cutoff(settings: dict[str, Any], now: dt.datetime) -> dt.datetime | None:
    """Photos shown only by articles dated before this moment keep the archive copies; None: none does."""
    days = setting(settings, "WARTA_IMAGES_ARCHIVE_DAYS")
    if not days:
        return None
    return now - dt.timedelta(days=days)
