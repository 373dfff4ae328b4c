"""``/favicon.ico`` and ``/apple-touch-icon.png`` at the site's root, where browsers ask for them unprompted.

The files are drawn by ``scripts/make_icons.py`` and kept in the theme
(``static/img/``); pages also link them from ``<head>``. Copied only when
their bytes differ, so an unchanged build rewrites nothing.
"""

from __future__ import annotations

import os

from pelican.generators import Generator

from warta_network.outputfiles import copy_if_changed

ROOT_ICONS = ("favicon.ico", "apple-touch-icon.png")


class RootIconsGenerator(Generator):
    """Copy the theme's icons to the root of the output."""

    def generate_context(self) -> None:
        """Nothing to read."""

    def generate_output(self, writer) -> None:
        """Copy each icon the theme has; a theme without one simply has none at the root."""
        for name in ROOT_ICONS:
            source = os.path.join(self.theme, "static", "img", name)
            if os.path.isfile(source):
                copy_if_changed(source, self.output_path, name)
