"""Pagination of a listing: page 1 with full entries, then compact "arsip" pages.

Page 1 shows ``first`` rich entries (cover, summary, regions) as before; pages
2.. show ``archive`` compact entries each (date, linked title, KIM), so a
network that grows for years needs few, light pagination pages. The URLs
(``X/page/N/``), ``save_as`` and the previous/next pages come from Pelican's
:class:`~pelican.paginator.Page` (``PAGINATION_PATTERNS``, reached through
``warta_network.pelican_compat``); only the slicing differs. ``DEFAULT_ORPHANS`` is not applied.
"""

from __future__ import annotations

from math import ceil
from typing import Any

from warta_network.pelican_compat import Page, Paginator, new_page


class ArchivePage(Page):
    """One page of a listing; ``archive`` is true from page 2 on (compact entries)."""

    @property
    def archive(self) -> bool:
        """Whether this page shows compact archive entries."""
        return self.number > 1

    def start_index(self) -> int:
        """1-based position of the page's first entry in the listing (0 when it is empty)."""
        if self.paginator.count == 0:
            return 0
        return self.paginator.bounds(self.number)[0] + 1

    def end_index(self) -> int:
        """1-based position of the page's last entry in the listing."""
        return self.paginator.bounds(self.number)[1]


class ArchivePaginator(Paginator):
    """``first`` entries on page 1, ``archive`` on each later page."""

    def __init__(self, name: str, url: str, object_list: list[Any], settings: dict, first: int, archive: int):
        super().__init__(name=name, url=url, object_list=object_list, settings=settings, per_page=first)
        self.orphans = 0
        self.archive_per_page = archive

    def bounds(self, number: int) -> tuple[int, int]:
        """Slice ``[bottom, top)`` of the listing shown on page ``number``."""
        if number == 1:
            return 0, min(self.per_page, self.count)
        bottom = self.per_page + (number - 2) * self.archive_per_page
        return bottom, min(bottom + self.archive_per_page, self.count)

    def page(self, number: int) -> ArchivePage:
        """Page ``number`` (1-based)."""
        bottom, top = self.bounds(number)
        page = new_page(ArchivePage, self, self.object_list[bottom:top], number)
        assert isinstance(page, ArchivePage)
        return page

    @property
    def num_pages(self) -> int:
        """Page 1, plus as many archive pages as the rest needs."""
        return 1 + ceil(max(0, self.count - self.per_page) / self.archive_per_page)


def page_entries(page: ArchivePage) -> tuple[Any, ...]:
    """What the page shows of its entries, for its fingerprint.

    Page 1: each entry's digest (title, summary, cover, ...) and its kabupaten link; an archive page only
    what its compact entries show (address, title, date, KIM, a clarification's verdict), so editing a
    summary or a photo re-renders the listings' first pages, not their archives.
    """
    if not page.archive:
        return (
            tuple(article.entry_digest for article in page.object_list),
            tuple(article.breadcrumbs[1].label for article in page.object_list),  # kabupaten links
        )
    return tuple(
        (
            article.url,
            article.title,
            article.date.isoformat(),
            article.kim_profile.url,
            article.kim_profile.name,
            _verdict(article),
            getattr(article, "aspiration_days", None),  # warta_listings.aspirations: /aspirasi/ shows the wait
        )
        for article in page.object_list
    )


def _verdict(article: Any) -> str | None:
    factcheck = getattr(article, "factcheck", None)  # warta_cekfakta: clarifications only
    return factcheck.verdict.slug if factcheck is not None else None
