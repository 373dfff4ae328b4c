"""Publish exactly the files the check accepted: rasters copied, SVG sanitised.

Pelican's static generator would copy every file under ``STATIC_PATHS`` and
every file a ``{static}`` link names, wherever it is. Here its list is cut to
the check's inventory (``files.assets``); a file it found that the
inventory does not hold fails the build by name, since that means the check
and the build disagree. SVG files are taken off its list and written by
:class:`SanitisedSvgGenerator` through svg-hush instead of being copied.
"""

from __future__ import annotations

import os

from pelican.generators import Generator

from .pelican_compat import keep_static_files, static_files
from .problems import NetworkCheckFailed, Problem
from .state import warta_state
from .svg import sanitise_svg


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
    keep_static_files(generator, [s for s in static_files(generator) if assets[_source(generator, s)] != "svg"])


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
            target = os.path.join(self.output_path, os.path.relpath(path, state.network.content_path))
            if os.path.exists(target):
                with open(target, "rb") as handle:
                    if handle.read() == data:
                        continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            temporary = f"{target}.{os.getpid()}.tmp"
            with open(temporary, "wb") as handle:
                handle.write(data)
            os.replace(temporary, target)


def svg_generator(_pelican) -> type[Generator]:
    """``get_generators``: add the SVG writer."""
    return SanitisedSvgGenerator
