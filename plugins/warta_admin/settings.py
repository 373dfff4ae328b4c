"""Settings of the web-editor plugin, declared once with types and defaults.

Where the editor saves (GitHub repository, OAuth proxy, local backend) is
network data and lives in ``jaringan.yml`` (``penyunting``); these settings
only say whether and from where ``/admin/`` is built.
"""

from __future__ import annotations

import os
from typing import Any

from warta_network.settings import SETTINGS_FILE, Option

OPTIONS = (
    Option("WARTA_ADMIN_ENABLED", (bool,), True, "Write /admin/ (Decap CMS) into the output."),
    Option(
        "WARTA_ADMIN_DECAP_DIR",
        (str, type(None)),
        None,
        "Folder holding decap-cms.js; None = <THEME>/admin/node_modules/decap-cms/dist (installed by `make setup`).",
    ),
    Option(
        "WARTA_ADMIN_REQUIRE_BUNDLE",
        (bool,),
        False,
        "Fail the build when decap-cms.js is missing, instead of writing an explanatory page.",
    ),
)


def apply_admin_settings(settings: dict[str, Any]) -> list[str]:
    """Fill in defaults and return one Indonesian message per invalid option."""
    errors = []
    for option in OPTIONS:
        value = settings.setdefault(option.name, option.default)
        if not isinstance(value, option.types):
            expected = " atau ".join(t.__name__ for t in option.types)
            errors.append(
                f"{SETTINGS_FILE}: pengaturan {option.name} harus bertipe {expected}, "
                f"tetapi berisi {value!r}. ({option.doc})"
            )
    return errors


def decap_dir(settings: dict[str, Any]) -> str:
    """Absolute folder expected to hold Decap's ``decap-cms.js`` bundle."""
    configured = settings.get("WARTA_ADMIN_DECAP_DIR")
    if configured:
        return os.path.abspath(configured)
    return os.path.join(os.path.abspath(settings["THEME"]), "admin", "node_modules", "decap-cms", "dist")
