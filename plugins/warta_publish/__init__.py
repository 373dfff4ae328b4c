"""Warta KIM publishing plugin: the 404 page, checks of the built output, and publishing with ghp-import.

Inside Pelican it only validates its settings and writes ``404.html``. The
rest is used by ``kim terbitkan`` (``make publish``) after the build:
:mod:`.output_check` proves the output is whole (home page and 404 present,
every internal link resolves, size under the host's limit) and
:mod:`.branch` commits it to the published branch with ghp-import and pushes
it, making no commit when nothing changed.
"""

from __future__ import annotations

from pelican import signals

from .not_found import NotFoundPageGenerator


def get_generators(_pelican):
    """Add the 404 page generator."""
    return NotFoundPageGenerator


def register() -> None:
    """Connect receivers.

    The settings (settings.py) are checked with every plugin's by
    warta_network's ``initialized`` receiver; ``get_generators`` is Pelican's
    hook for adding a generator.
    """
    signals.get_generators.connect(get_generators)
