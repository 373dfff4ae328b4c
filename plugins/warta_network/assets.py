"""Publish exactly the files the check accepted: rasters re-encoded (warta_images), SVG sanitised.

Pelican's static generator would copy every file under ``STATIC_PATHS`` and
every file a ``{static}`` link names, wherever it is. Here its list is cut to
the check's inventory (``files.assets``); a file it found that the
inventory does not hold fails the build by name, since that means the check
and the build disagree. Rasters go to warta_images when it is on (a copy would
publish the photo's GPS position); without it Pelican copies them. SVG files are taken off its list and written by
:class:`SanitisedSvgGenerator` through svg-hush instead of being copied.
"""

from __future__ import annotations

import os

from pelican.generators import Generator

from warta_core.problems import NetworkCheckFailed, Problem
from warta_core.svg import sanitise_svg

from .outputfiles import write_if_changed
from .pelican_compat import keep_static_files, static_files
from .state import warta_state


def _source(generator, static) -> str:
    return os.path.abspath(os.path.join(generator.path, static.source_path))


def publish_only_checked_files(generator) -> None:
    """``static_generator_finalized``: keep the checked rasters; SVG goes to the sanitiser; refuse the rest."""
    assets = warta_state(generator.settings).files.assets
    unexpected = [s for s in static_files(generator) if _source(generator, s) not in assets]
    if unexpected:
        problems = [
            Problem(
                _source(generator, s),
                None,
                "Pelican hendak menyalin berkas ini, padahal pemeriksaan tidak meloloskannya.",
                "Laporkan ke pengelola jaringan: pemeriksaan dan pembangunan tidak sepakat.",
            )
            for s in unexpected
        ]
        raise NetworkCheckFailed(problems, os.path.dirname(os.path.abspath(generator.settings["PATH"])))
    # With warta_images on, rasters are re-encoded by it (no metadata), so Pelican copies none of them.
    ours = {"svg"} if warta_state(generator.settings).images is None else {"svg", "jpeg", "png", "gif", "webp", "heif"}
    keep_static_files(generator, [s for s in static_files(generator) if assets[_source(generator, s)] not in ours])


class SanitisedSvgGenerator(Generator):
    """Writes every checked SVG through svg-hush, at the address Pelican would have copied it to."""

    def generate_output(self, writer) -> None:
        """Write the sanitised SVG files (unchanged ones are left alone)."""
        del writer  # not a page: written directly, atomically
        state = warta_state(self.settings)
        for path, kind in sorted(state.files.assets.items()):
            if kind != "svg":
                continue
            with open(path, "rb") as handle:
                data = sanitise_svg(handle.read())
            write_if_changed(self.output_path, os.path.relpath(path, state.network.content_path), data)


def svg_generator(_pelican) -> type[Generator]:
    """``get_generators``: add the SVG writer."""
    return SanitisedSvgGenerator
