"""Settings of the web-editor plugin (``WARTA_ADMIN_*``), declared once with types and defaults.

Where the editor saves (GitHub repository, OAuth proxy, local backend) is
network data and lives in ``jaringan.yml`` (``penyunting``); these settings
only say whether and from where ``/admin/`` is built. They are checked with
every other plugin's settings by :mod:`warta_core.config_options`.
"""

from __future__ import annotations

import os
from typing import Any

from warta_core.config_options import Bool, Path

PREFIX = "WARTA_ADMIN_"

SCHEMA = (
    Bool("WARTA_ADMIN_ENABLED", True, "Write `/admin/` (Decap CMS) into the output."),
    Path(
        "WARTA_ADMIN_DECAP_DIR",
        None,
        "Folder holding `decap-cms.js`; `None`: `<THEME>/admin/node_modules/decap-cms/dist` (from `make setup`).",
        nullable=True,
    ),
    Bool(
        "WARTA_ADMIN_REQUIRE_BUNDLE",
        False,
        "Fail the build when `decap-cms.js` is missing, instead of writing an explanatory page "
        "(for a deployment that must ship the editor).",
    ),
)


def decap_dir(settings: dict[str, Any]) -> str:
    """Absolute folder expected to hold Decap's ``decap-cms.js`` bundle."""
    configured = settings.get("WARTA_ADMIN_DECAP_DIR")
    if configured:
        return os.path.abspath(configured)
    return os.path.join(os.path.abspath(settings["THEME"]), "admin", "node_modules", "decap-cms", "dist")
