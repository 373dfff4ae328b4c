"""Warta KIM syndication plugin: feeds for every listing, and everything for sharing.

Atom, RSS and JSON Feed per listing, OPML subscription lists, the
``/langganan/`` page, sitemaps, robots.txt and the structured data (Open
Graph, JSON-LD) used by the theme.
"""

from __future__ import annotations

from pelican import signals

from .generator import SyndicationGenerator


def get_generators(_pelican):
    """Added after warta_listings' generator, whose listings it reads."""
    return SyndicationGenerator


def register() -> None:
    """``get_generators`` adds a whole generator; plugin order fixes generator order."""
    signals.get_generators.connect(get_generators)
