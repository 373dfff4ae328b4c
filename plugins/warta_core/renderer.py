"""The Markdown renderer the check borrows from the build: an extension point, not an import.

The core never imports Markdown, yet two checks need the build's own
renderer so that ``kim periksa`` refuses exactly what the build would:
:mod:`.links` asks which references Markdown shows only as code, and
:mod:`.validation` trial-renders the few bodies :mod:`.markdown_bounds`
cannot judge by measure alone. The adapter that owns Markdown
(``warta_network.rendering``) registers one object in the entry-point group
:data:`RENDERER_GROUP` (pyproject.toml), as feature checks register in
``warta_kim.checks``; :func:`renderer` loads it. With none registered, or
more than one, the check stops with :class:`RendererMissing` instead of
skipping what it cannot judge.
"""

from __future__ import annotations

import functools
from importlib.metadata import entry_points
from typing import Protocol, runtime_checkable

RENDERER_GROUP = "warta_kim.renderer"


class BodyRefused(Exception):
    """A body the renderer will not render, with the check's message, hint and line in the body (1 = first)."""

    def __init__(self, message: str, hint: str, line: int) -> None:
        super().__init__(message)
        self.message, self.hint, self.line = message, hint, line


class RendererMissing(RuntimeError):
    """No single Markdown renderer is registered, so bodies cannot be checked as the build renders them."""


@runtime_checkable
class Renderer(Protocol):
    """What the check needs of the build's renderer; both methods obey ``markdown_bounds`` and raise BodyRefused."""

    def markdown_html(self, body: str) -> str:
        """Markdown's HTML for ``body``, not yet sanitised (the check looks for code in it)."""
        ...

    def render_bounded(self, body: str, local_files: dict[str, str]) -> str:
        """The sanitised HTML the build would publish for ``body`` with these resolved local files."""
        ...


@functools.cache
def renderer() -> Renderer:
    """The one renderer registered in :data:`RENDERER_GROUP`, loaded once per process."""
    found = entry_points(group=RENDERER_GROUP)
    if len(found) != 1:
        names = ", ".join(sorted(f"{point.name} = {point.value}" for point in found)) or "none"
        raise RendererMissing(
            f"Expected exactly one Markdown renderer in the entry-point group {RENDERER_GROUP!r}, found: {names}. "
            "Install Warta KIM (`pip install -e .`), which registers warta_network.rendering."
        )
    (point,) = found
    loaded = point.load()
    if not isinstance(loaded, Renderer):
        raise RendererMissing(f"{point.value} (entry point {RENDERER_GROUP!r}) is not a Renderer: {loaded!r}")
    return loaded
