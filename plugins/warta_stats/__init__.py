"""Warta KIM statistics plugin: coverage and activity at /statistik/, open data at /data/.

Listed after warta_listings in PLUGINS: its generator then computes the
figures after the listings exist (so each KIM listing and the directory get
theirs) and before any page is written.
"""

from __future__ import annotations

from pelican import signals

from .generator import StatsGenerator


def get_generators(_pelican):
    """Add the statistics generator (after the listings generator, by plugin order)."""
    return StatsGenerator


def register() -> None:
    """``get_generators`` is Pelican's hook for adding a whole generator."""
    signals.get_generators.connect(get_generators)
