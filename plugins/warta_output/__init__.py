"""Warta KIM output plugin: incremental, parallel page writing.

Replaces Pelican's writer (``get_writer``) with one that skips pages whose
inputs did not change and renders the others in several processes once all
generators have queued their pages (``finalized``).
"""

from __future__ import annotations

from pelican import signals

from warta_network.state import has_state, warta_state

from .writer import ParallelIncrementalWriter


def get_writer(_pelican):
    """Pelican asks plugins for a writer class before writing anything."""
    return ParallelIncrementalWriter


def flush_pages(pelican) -> None:
    """Every generator has queued its pages: render them now."""
    writer = warta_state(pelican.settings).writer if has_state(pelican.settings) else None
    if writer is not None:
        writer.flush(pelican.settings["WARTA_WORKERS"])


def register() -> None:
    """``finalized`` runs after every generator's output step, before Pelican reports."""
    signals.get_writer.connect(get_writer)
    signals.finalized.connect(flush_pages)
