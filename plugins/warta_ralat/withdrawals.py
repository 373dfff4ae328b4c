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
keep working. ``state.tombstones_since`` tells warta_syndication from when a
listing's Atom feed announces its withdrawn stories (``Listing.withdrawn``)
as RFC 6721 ``at:deleted-entry`` elements: ``WARTA_RALAT_TOMBSTONE_DAYS``.
"""

from __future__ import annotations

import datetime as dt
import logging

from pelican.generators import Generator

from warta_network.pelican_compat import produced_articles, remove_articles
from warta_network.state import warta_state

from .log import CorrectionLogGenerator
from .settings import setting

logger = logging.getLogger("warta_ralat")
TEMPLATE = "dicabut"


def withdraw_from_build(generator) -> None:
    """``article_generator_finalized``: withdrawn stories leave every article list, into ``state.withdrawn``."""
    state = warta_state(generator.settings)
    withdrawn = [article for article in produced_articles(generator) if article.source.withdrawal is not None]
    remove_articles(generator, withdrawn)
    state.withdrawn = sorted(withdrawn, key=lambda article: article.source.withdrawal.date, reverse=True)
    days = setting(generator.settings, "WARTA_RALAT_TOMBSTONE_DAYS")
    state.tombstones_since = state.now - dt.timedelta(days=days) if days else None
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


def accountability_generators(_pelican) -> tuple[type[Generator], ...]:
    """``get_generators``: add the writers of withdrawal notices and of the public log (``/ralat/``)."""
    return WithdrawnPagesGenerator, CorrectionLogGenerator
