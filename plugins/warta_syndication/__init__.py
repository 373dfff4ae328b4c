"""Warta KIM syndication plugin: feeds for every listing, and everything for sharing.

Atom, RSS and JSON Feed per listing, OPML subscription lists, the
``/langganan/`` page, sitemaps, robots.txt and the structured data (Open
Graph, JSON-LD) used by the theme.
"""

from __future__ import annotations

from pelican import signals

from .formats import FEED_FORMATS, FEED_FORMATS_FOR_READERS
from .generator import SyndicationGenerator, full_content, has_feeds


def add_feed_globals(generator) -> None:
    """Every page links feeds (macros in ``_macros.html``); globals reach even macros imported without context.

    ``feed_is_full(listing)`` tells a listing page whether its feeds carry whole articles (kecamatan and desa
    feeds carry summaries), so the page says so where it offers them; ``has_feeds(listing)`` whether it offers
    any (an empty kecamatan or desa has none).
    """
    generator.env.globals.update(
        FEEDS=FEED_FORMATS, FEEDS_FOR_READERS=FEED_FORMATS_FOR_READERS, feed_is_full=full_content, has_feeds=has_feeds
    )


def get_generators(_pelican):
    """Added after warta_listings' generator, whose listings it reads."""
    return SyndicationGenerator


def register() -> None:
    """``get_generators`` adds a whole generator; plugin order fixes generator order.

    ``generator_init`` fires once per generator, after its Jinja environment exists.
    """
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_feed_globals)
