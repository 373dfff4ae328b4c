"""Warta KIM web editor: ``/admin/`` serves Decap CMS for writers without git.

Decap CMS comes from the npm registry (``theme/admin/package.json``, pinned,
installed by ``make setup``) and is copied into the output, so the editor
needs no CDN. Its configuration is generated from the network on every build:
one collection per KIM, topics and villages from the registry, uploads into
the KIM's own ``gambar/`` folder. The admin page is the only page with
JavaScript; the public pages stay script-free.
"""

from __future__ import annotations

import logging

from pelican import signals

from warta_network.reader import STATE_KEY

from .config import config_yaml, decap_config
from .page import ADMIN_DIR, write_admin
from .settings import apply_admin_settings, decap_dir

logger = logging.getLogger("warta_admin")


class AdminSettingsError(Exception):
    """Invalid plugin settings or a required bundle missing; the message lists every problem."""

    exitcode = 1


def check_admin_settings(pelican) -> None:
    """Validate the plugin's settings before anything is read."""
    errors = apply_admin_settings(pelican.settings)
    if errors:
        raise AdminSettingsError("\n" + "\n".join(errors))


def publish_admin(pelican) -> None:
    """Write ``output/admin/`` once everything else is written."""
    settings = pelican.settings
    if not settings["WARTA_ADMIN_ENABLED"]:
        return
    network = settings[STATE_KEY].network
    folder = decap_dir(settings)
    config = config_yaml(decap_config(network, settings.get("SITEURL", "")))
    copied = write_admin(settings["OUTPUT_PATH"], network.info.name, config, folder)
    if copied:
        logger.info("warta_admin: /%s/ written with %d Decap CMS files from %s", ADMIN_DIR, len(copied), folder)
        return
    message = (
        f"warta_admin: Decap CMS tidak ditemukan di {folder}; /{ADMIN_DIR}/ hanya berisi halaman penjelasan. "
        "Pasang Node.js dan npm, lalu jalankan `make setup`."
    )
    if settings["WARTA_ADMIN_REQUIRE_BUNDLE"]:
        raise AdminSettingsError(message)
    logger.warning(message)


def register() -> None:
    """Connect receivers.

    ``initialized`` validates settings before any reading; ``finalized`` runs
    after every page is written, when the network state is complete.
    """
    signals.initialized.connect(check_admin_settings)
    signals.finalized.connect(publish_admin)
