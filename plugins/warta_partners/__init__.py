"""Warta KIM partner-news plugin: partner outlets' RSS/Atom news beside the KIMs' own.

Three stages, each runnable alone (the Planet Venus model): ``kim fetch``
(:mod:`spider`) fetches and normalises the feeds listed in
``content/_data/mitra.yml`` into the cache ``content/_mitra/``; the build
(this plugin) reads only that cache, maps entries to wilayah and topics and
writes ``/mitra/`` pages and "Berita Mitra" sections; a missing cache just
means empty partner pages. The build never opens a network connection,
nor even imports the fetching modules: they are two halves around a shared
model (:mod:`model`), and ``tests/test_partners_layers.py`` keeps them apart.
Partner content is plain text everywhere; links and images are http(s)
only, and images are served from the portal's own copies.
"""

from __future__ import annotations

import logging
import os

from pelican import signals

from warta_core.config_options import SettingsError
from warta_core.problems import NetworkCheckFailed
from warta_network.state import has_state, warta_state

from .config import partner_config
from .generator import PartnersGenerator, publish_partner_news

logger = logging.getLogger("warta_partners")
PAGINATED = ("mitra", "mitra_outlet")


def validate_partners(pelican) -> None:
    """Validate ``mitra.yml``; refuse to build on any error, all reported at once.

    Runs after warta_network's receiver (plugin order), which has checked every
    plugin's settings (this one's are in settings.py) and loaded the network
    whose regions and topics the partner entries must name.
    """
    settings = pelican.settings
    if not has_state(settings):
        raise SettingsError("warta_partners: letakkan warta_network sebelum warta_partners di PLUGINS.")
    state = warta_state(settings)
    config, problems = partner_config(state.network)  # parsed by the network's check already: not read again
    if problems.errors:
        raise NetworkCheckFailed(problems.errors, os.path.dirname(os.path.abspath(settings["PATH"])))
    state.partner_config = config
    per_page = settings["WARTA_MITRA_PAGE_ITEMS"]
    settings["PAGINATED_TEMPLATES"] = {**settings["PAGINATED_TEMPLATES"], **dict.fromkeys(PAGINATED, per_page)}


def get_generators(_pelican):
    """The partner pages are one more generator."""
    return PartnersGenerator


def register() -> None:
    """``initialized`` validates before anything is read; ``generator_init`` publishes the partner news.

    ``get_generators`` adds the pages.
    """
    signals.initialized.connect(validate_partners)
    signals.generator_init.connect(publish_partner_news)
    signals.get_generators.connect(get_generators)
