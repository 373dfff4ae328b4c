"""Withdrawn stories in the build: out of every list, a notice at their address, tombstones in Atom feeds.

The check gives each withdrawn story its ``ArticleSource.withdrawal``
(``warta_core.withdrawals``). Here, on ``article_generator_finalized`` and
before warta_images (PLUGINS order), the story is taken out of Pelican's
article lists (``pelican_compat.remove_articles``) and kept in the build
state (``state.withdrawn``). Nothing downstream needs to know: listings,
feeds, sitemaps, weekly digests, related stories, share cards and derived
images are all made from those lists, and the search index reads only pages
with ``data-pagefind-body``, which the notice has not. Images only withdrawn
stories used are no longer published (warta_images asks
``warta_core.withdrawals.withdrawn_only_files``), and the copier and the
incremental writer remove what earlier builds wrote.

:class:`WithdrawnPagesGenerator` writes the notice at the story's own address
(``dicabut.html``: title, dates, reason, explanation, ``noindex``), so links
keep working. :func:`tombstones_for` gives a listing's Atom feed an RFC 6721
``at:deleted-entry`` for each of its withdrawn stories, for
``WARTA_RALAT_TOMBSTONE_DAYS``.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from pelican.generators import Generator

from warta_network.pelican_compat import produced_articles, remove_articles
from warta_network.state import warta_state

from .settings import setting

logger = logging.getLogger("warta_ralat")
TEMPLATE = "dicabut"


def withdraw_from_build(generator) -> None:
    """``article_generator_finalized``: withdrawn stories leave every article list, into ``state.withdrawn``."""
    state = warta_state(generator.settings)
    withdrawn = [article for article in produced_articles(generator) if article.source.withdrawal is not None]
    remove_articles(generator, withdrawn)
    state.withdrawn = sorted(withdrawn, key=lambda article: article.source.withdrawal.date, reverse=True)
    if withdrawn:
        logger.info("warta_ralat: %d withdrawn stories show a notice only", len(withdrawn))


def notice_fingerprint(article) -> tuple:
    """What the notice shows: its page is written again only when one of these changes."""
    withdrawal = article.source.withdrawal
    return (
        "dicabut", article.url, article.title, article.date, article.source.timed, article.kim_profile.name,
        article.kim_profile.url, withdrawal.date, withdrawal.reason, withdrawal.explanation,
    )  # fmt: skip


class WithdrawnPagesGenerator(Generator):
    """Writes each withdrawn story's notice at the story's own address."""

    def generate_output(self, writer) -> None:
        """One notice page per withdrawn story (fingerprinted by what it shows)."""
        template = self.get_template(TEMPLATE)
        for article in warta_state(self.settings).withdrawn:
            writer.write_file(
                article.save_as, template, self.context, self.settings["RELATIVE_URLS"], url=article.url,
                withdrawn=article, fingerprint=notice_fingerprint(article),
            )  # fmt: skip


def withdrawn_pages_generator(_pelican) -> type[Generator]:
    """``get_generators``: add the writer of withdrawal notices."""
    return WithdrawnPagesGenerator


def tombstones_for(listing, settings: dict[str, Any], now: dt.datetime) -> list[Any]:
    """The withdrawn stories ``listing``'s Atom feed announces: withdrawn within the tombstone period, newest first."""
    days = setting(settings, "WARTA_RALAT_TOMBSTONE_DAYS")
    if not days:
        return []
    since = now - dt.timedelta(days=days)
    listed = {id(article) for article in listing.withdrawn}  # grouped as the listings group (warta_listings)
    return [
        article
        for article in warta_state(settings).withdrawn
        if article.source.withdrawal.date >= since and id(article) in listed
    ]
