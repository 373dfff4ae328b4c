"""Warta KIM partner-news plugin: partner outlets' RSS/Atom news beside the KIMs' own.

Three stages, each runnable alone (the Planet Venus model): ``kim fetch``
(:mod:`spider`) fetches and normalises the feeds listed in
``content/_data/mitra.yml`` into the cache ``content/_mitra/``; the build
(this plugin) reads only that cache, maps entries to wilayah and topics and
writes ``/mitra/`` pages and "Berita Mitra" sections; a missing cache just
means empty partner pages. The build never opens a network connection.
Partner content is plain text everywhere; links and images are http(s)
only, and images are served from the portal's own copies.
"""

from __future__ import annotations

import logging
import os

from pelican import signals

from warta_network.problems import NetworkCheckFailed
from warta_network.reader import STATE_KEY

from .config import load_partner_config
from .generator import CONFIG_KEY, PartnersGenerator
from .settings import apply_settings

logger = logging.getLogger("warta_partners")
PAGINATED = ("mitra", "mitra_outlet")


class SettingsError(Exception):
    """Invalid partner settings; the message lists every bad key."""

    exitcode = 1


def validate_partners(pelican) -> None:
    """Validate settings and ``mitra.yml``; refuse to build on any error, all reported at once.

    Runs after warta_network's receiver (plugin order), which has loaded the
    network whose regions and topics the partner entries must name.
    """
    settings = pelican.settings
    errors = apply_settings(settings)
    if errors:
        raise SettingsError("\n" + "\n".join(errors))
    if STATE_KEY not in settings:
        raise SettingsError("warta_partners: letakkan warta_network sebelum warta_partners di PLUGINS.")
    network = settings[STATE_KEY].network
    config, problems = load_partner_config(network)
    if problems.errors:
        raise NetworkCheckFailed(problems.errors, os.path.dirname(os.path.abspath(settings["PATH"])))
    settings[CONFIG_KEY] = config
    per_page = settings["WARTA_MITRA_PAGE_ITEMS"]
    settings["PAGINATED_TEMPLATES"] = {**settings["PAGINATED_TEMPLATES"], **dict.fromkeys(PAGINATED, per_page)}


def get_generators(_pelican):
    """The partner pages are one more generator."""
    return PartnersGenerator


def register() -> None:
    """``initialized`` validates before anything is read; ``get_generators`` adds the pages."""
    signals.initialized.connect(validate_partners)
    signals.get_generators.connect(get_generators)
