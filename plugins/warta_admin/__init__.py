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

from warta_core.config_options import SettingsError
from warta_network.state import warta_state

from .cache import cached_config, config_key
from .config import config_yaml, decap_config
from .page import ADMIN_DIR, write_admin
from .settings import decap_dir

logger = logging.getLogger("warta_admin")


class AdminSettingsError(SettingsError):
    """A required Decap CMS bundle is missing (the settings themselves are checked by warta_network)."""


def publish_admin(pelican) -> None:
    """Write ``output/admin/`` once everything else is written."""
    settings = pelican.settings
    if not settings["WARTA_ADMIN_ENABLED"]:
        return
    network = warta_state(settings).network
    folder = decap_dir(settings)
    site_url = settings.get("SITEURL", "")
    config = cached_config(
        settings.get("CACHE_PATH"), config_key(network, site_url), lambda: config_yaml(decap_config(network, site_url))
    )
    copied = write_admin(settings, network.info.name, config, folder)
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

    Its settings are checked with every plugin's by warta_network (``initialized``); ``finalized`` runs
    once every generator has queued its output and the network state is
    complete. It runs before warta_output's ``finalized`` receiver (PLUGINS
    order), so the portal's pages may not be on disk yet: ``/admin/`` needs
    only the network state and writes its files itself.
    """
    signals.finalized.connect(publish_admin)
