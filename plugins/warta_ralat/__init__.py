"""Warta KIM accountability plugin: corrections and the right of reply, shown where readers look.

The header fields are checked by ``warta_core.corrections`` (``Ralat``,
``Hak-Jawab-Untuk``, ``Hak-Jawab-Dari``); this adapter gives each Pelican
article what its page and feeds show of them:

- ``article.corrections``: the dated notes, oldest first (the reader already
  moved ``article.modified`` to the latest one, see ``warta_core.story_links.last_change``);
- ``article.reply_to`` / ``article.reply_from``: on a reply, the original's
  Pelican article and who replies;
- ``article.replies``: on an original, its published replies, oldest first.

An original's page shows its replies, so its fingerprint is extended with
them; a reply's page names its original, so its fingerprint follows the
original's title and address. ``article.feed_notice`` is the same notes as
HTML for the top of its feed entries (:func:`notice_html`).

Withdrawals (``Dicabut``) are :mod:`.withdrawals`: the story leaves every
article list before any other plugin sees it, and a notice takes its place.
The public log of all three, ``/ralat/``, is :mod:`.log`.
"""

from __future__ import annotations

import logging

from pelican import signals

from warta_core.articles import PUBLISHED
from warta_core.digests import extended
from warta_network.pelican_compat import produced_articles

from .notices import notice_html
from .withdrawals import accountability_generators, withdraw_from_build

logger = logging.getLogger("warta_ralat")

__all__ = ["attach_corrections", "notice_html", "register"]


def site_root(url: str) -> str:
    """A SITEURL-relative address as a root-relative one (feeds make those absolute)."""
    return "/" + url.lstrip("/")


def attach_corrections(generator) -> None:
    """``article_generator_finalized``: corrections on every article, and replies linked both ways."""
    articles = produced_articles(generator)
    by_path = {article.source.path: article for article in articles}
    for article in articles:
        article.corrections = article.source.corrections
        article.reply_to, article.reply_from, article.replies = None, "", []
    linked = 0
    for article in articles:
        reply = article.source.reply
        original = by_path.get(reply.target) if reply is not None else None
        if original is None:
            continue
        article.reply_to, article.reply_from = original, reply.source
        article.page_digest = extended(article.page_digest, original.url, original.title)
        if article.status == PUBLISHED:
            original.replies.append(article)
            linked += 1
    for article in articles:
        if article.replies:
            article.replies.sort(key=lambda reply: reply.date)
            shown = tuple((reply.url, reply.title, reply.reply_from, reply.date) for reply in article.replies)
            article.page_digest = extended(article.page_digest, shown)
    for article in articles:  # feeds put the notes first; root-relative links, made absolute with the content
        article.feed_notice = notice_html(article, site_root)
    logger.info("warta_ralat: %d replies linked to their stories", linked)


def register() -> None:
    """``article_generator_finalized``, after warta_network gave each article its objects and fingerprint.

    Replies are linked first (a reply to a withdrawn story still names it), then withdrawn stories leave the
    lists, before warta_images (next in PLUGINS) derives images and cards; ``get_generators`` adds the
    writers of withdrawal notices and of the public log.
    """
    signals.article_generator_finalized.connect(attach_corrections)
    signals.article_generator_finalized.connect(withdraw_from_build)
    signals.get_generators.connect(accountability_generators)
