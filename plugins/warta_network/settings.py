"""Settings of the core plugin (``WARTA_*``), declared once with types and defaults.

The option classes and the one validation of every plugin's settings are in
:mod:`.config_options`; each plugin declares its own schema like this one.
"""

from __future__ import annotations

import os

from warta_core.config_options import DEFAULT_SETTINGS_FILE, SETTINGS_FILE_KEY, DateTime, Int, Path

PREFIX = "WARTA_"

SCHEMA = (
    Int("WARTA_SUMMARY_LENGTH", 200, "Characters of article text used as summary when Ringkasan is empty.", min=1),
    DateTime("WARTA_NOW", None, "Fixed 'now' for the future-date check (tests); `None`: the clock.", nullable=True),
    Int(
        "WARTA_WORKERS",
        os.cpu_count() or 1,
        "Processes rendering Markdown and pages.",
        min=1,
        default_doc="CPU count",
    ),
    Path(
        SETTINGS_FILE_KEY,
        DEFAULT_SETTINGS_FILE,
        "Settings file named in messages; `kim` sets it to the file given with `--pengaturan`.",
    ),
)
