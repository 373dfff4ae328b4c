"""Warta KIM partner-news plugin: partner outlets' RSS/Atom news beside the KIMs' own.

Three stages, each runnable alone (the Planet Venus model): ``kim ambil``
(:mod:`spider`) fetches and normalises the feeds listed in
``content/_data/mitra.yml`` into the cache ``content/_mitra/``; the build
(this plugin) reads only that cache, maps entries to wilayah and topics and
writes ``/mitra/`` pages and "Berita Mitra" sections; a missing cache just
means empty partner pages. The build never opens a network connection,
nor even imports the fetching modules: they are two halves around a shared
model (:mod:`model`), and ``tests/warta_partners/test_partners_layers.py`` keeps them apart.
Partner content is plain text everywhere; links and images are http(s)
only, and images are served from the portal's own copies.
"""

from __future__ import annotations

import logging

from pelican import signals

from warta_core.config_options import SettingsError
from warta_network.state import has_state

from .generator import PartnersGenerator, publish_partner_news

logger = logging.getLogger("warta_partners")


def require_checked_network(pelican) -> None:
    """Refuse to build when warta_network did not run first (PLUGINS order).

    Its receiver checks every plugin's settings (this one's are in settings.py) and the network, with
    ``mitra.yml`` among its feature files (:mod:`warta_core.features`): an error there already stopped the build.
    """
    if not has_state(pelican.settings):
        raise SettingsError("warta_partners: letakkan warta_network sebelum warta_partners di PLUGINS.")


def get_generators(_pelican):
    """The partner pages are one more generator."""
    return PartnersGenerator


def register() -> None:
    """``initialized`` validates before anything is read; ``generator_init`` publishes the partner news.

    ``get_generators`` adds the pages.
    """
    signals.initialized.connect(require_checked_network)
    signals.generator_init.connect(publish_partner_news)
    signals.get_generators.connect(get_generators)
