"""Warta KIM theme support: Indonesian date and number filters for templates, and compiled templates kept.

Compiling the theme's templates costs about half a second of every build;
Jinja's bytecode cache keeps them compiled in ``CACHE_PATH/jinja/`` (keyed by
each template's source, so an edited template is compiled again).
"""

from __future__ import annotations

import os

from jinja2 import FileSystemBytecodeCache
from pelican import signals

from .filters import FILTERS


def add_filters(generator) -> None:
    """Every generator has its own Jinja environment; give each the filters and the compiled-template cache."""
    generator.env.filters.update(FILTERS)
    cache = generator.settings.get("CACHE_PATH")
    if cache:
        folder = os.path.join(cache, "jinja")
        os.makedirs(folder, exist_ok=True)
        generator.env.bytecode_cache = FileSystemBytecodeCache(folder)


def register() -> None:
    """``generator_init`` fires once per generator, after its environment exists."""
    signals.generator_init.connect(add_filters)
