"""Warta KIM listings plugin: KIM, wilayah and topik pages with Atom feeds."""

from __future__ import annotations

from pelican import signals

from .generator import ListingsGenerator


def get_generators(_pelican):
    """Add the listings generator (it runs after Pelican's article generator)."""
    return ListingsGenerator


def register() -> None:
    """``get_generators`` is Pelican's hook for adding a whole generator."""
    signals.get_generators.connect(get_generators)
