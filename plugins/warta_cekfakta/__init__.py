"""Warta KIM fact-check plugin: what a clarification carries beyond its page text.

For every article with ``Klaim`` (checked by ``warta_core.factcheck``) it
attaches ``article.factcheck``, the WhatsApp-ready text and its ``wa.me``
link (:mod:`.share`), and two share cards drawn with Pillow (:mod:`.cards`):
``article.share_card`` (1200x630, preferred by the template's ``og:image``
over warta_images' ``share_image``) and ``article.square_card`` (1080x1080,
offered for download). The listings of ``/cek-fakta/`` are in
``warta_listings.factchecks``, the ClaimReview in ``warta_syndication.structured``.
"""

from __future__ import annotations

import logging
import os
import posixpath
from dataclasses import dataclass

from pelican import signals
from pelican.generators import Generator

from warta_core.digests import extended
from warta_network.outputfiles import copy_if_changed
from warta_network.pelican_compat import produced_articles
from warta_network.state import warta_state
from warta_syndication.items import absolute

from .cards import CACHE_DIR, SQUARE, WIDE, Card, CardText, make_card
from .share import fact_text, plain_text, shorten, whatsapp_link, whatsapp_text

logger = logging.getLogger("warta_cekfakta")


@dataclass(frozen=True)
class PublishedCard:
    """A card in the output: its address (relative to the site root), pixel size, type, length and cache file."""

    url: str
    width: int
    height: int
    mime: str
    length: int
    source: str


@dataclass(frozen=True)
class ShareCard:
    """The og:image of a clarification (same shape as warta_images' ShareImage): the card and its description."""

    image: PublishedCard
    alt: str


def _published(card: Card, folder: str, name: str) -> PublishedCard:
    key = os.path.basename(card.path)[:8]
    return PublishedCard(f"{folder}/{name}-{key}.jpg", card.width, card.height, card.mime, card.length, card.path)


def attach_factchecks(generator) -> None:
    """``article_generator_finalized``: fact check, WhatsApp text and cards on every clarification."""
    settings = generator.settings
    state = warta_state(settings)
    network_name, base = state.info.name, state.absolute_url
    cache = os.path.join(settings.get("CACHE_PATH") or "cache", CACHE_DIR)
    count = 0
    for article in produced_articles(generator):
        factcheck = article.source.factcheck
        article.factcheck = factcheck
        if factcheck is None:
            continue
        url = absolute(base, article.url)
        fact = fact_text(article.source.summary or plain_text(article.summary))
        kim = article.kim_profile.name
        article.whatsapp_text = whatsapp_text(factcheck, fact, url, kim, network_name)
        article.whatsapp_url = whatsapp_link(article.whatsapp_text)
        link = url.split("://", 1)[-1]
        text = CardText(factcheck.verdict.label, factcheck.verdict.colour, shorten(factcheck.claim, 240),
                        shorten(fact, 240), kim, network_name, link)  # fmt: skip
        folder = posixpath.dirname(article.save_as)
        wide = _published(make_card(text, WIDE, cache), folder, "cek-fakta-1200x630")
        square = _published(make_card(text, SQUARE, cache), folder, "cek-fakta-1080x1080")
        alt = f"Kartu cek fakta: {factcheck.verdict.label}. Klaim: “{text.claim}” — {kim}, {network_name}"
        article.share_card, article.square_card = ShareCard(wide, alt), square
        keys = (wide.url, square.url, article.whatsapp_text)
        article.page_digest = extended(article.page_digest, keys)
        article.entry_digest = extended(article.entry_digest, factcheck.verdict.slug)
        count += 1
    logger.info("warta_cekfakta: %d clarifications with share cards", count)


class ShareCardGenerator(Generator):
    """Copies the published clarifications' cards from the cache (equal files are left alone)."""

    def generate_output(self, writer) -> None:
        """Write every card atomically."""
        del writer  # not pages: copied directly
        for article in self.context["articles"]:
            if getattr(article, "factcheck", None) is None:
                continue
            for card in (article.share_card.image, article.square_card):
                copy_if_changed(card.source, self.output_path, card.url)


def card_generator(_pelican) -> type[Generator]:
    """``get_generators``: add the writer of share cards."""
    return ShareCardGenerator


def register() -> None:
    """Connect receivers.

    ``article_generator_finalized`` sees every article (cached or not) after
    warta_network attached its objects (PLUGINS order), before any page or
    feed is written; ``get_generators`` adds the copier of the cards.
    """
    signals.article_generator_finalized.connect(attach_factchecks)
    signals.get_generators.connect(card_generator)
