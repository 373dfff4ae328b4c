"""Warta KIM theme support: Indonesian date and number filters for templates."""

from __future__ import annotations

from pelican import signals

from .filters import FILTERS


def add_filters(generator) -> None:
    """Every generator has its own Jinja environment; give each the filters."""
    generator.env.filters.update(FILTERS)


def register() -> None:
    """``generator_init`` fires once per generator, after its environment exists."""
    signals.generator_init.connect(add_filters)
