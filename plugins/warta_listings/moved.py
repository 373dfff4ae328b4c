"""Former region addresses keep working: a small page that sends the reader on.

When a network changes a region's slug on purpose, it writes the old one in
``slug_lama`` of ``wilayah.csv`` (``warta_core.regions``). Every page this
plugin gives a region under its current address (``wilayah/…``, and the
region's ``cek-fakta/…``, ``aspirasi/…``, ``kabar-sepekan/…`` pages, which
use the same path) then also gets a page at each former address, for the
region and every region below it: a refresh to the new address, a canonical
link to it, ``noindex`` so search engines keep the new one, and a plain link
for browsers that ignore the refresh. A static host cannot answer with a real
301, so this is the best a static site can do; feeds at a former address are
not kept (a feed reader does not follow an HTML page).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from warta_core.regions import Region, Registry

TEMPLATE = "wilayah_pindah"
REGION_SECTION = "wilayah"


@dataclass(frozen=True)
class MovedPage:
    """A former address (relative to SITEURL, ending in "/") and where its page lives now."""

    old_url: str
    new_url: str
    region: Region


def moved_pages(registry: Registry, urls: Iterable[str]) -> list[MovedPage]:
    """Pages to write at former addresses, for the region pages among ``urls`` (``section/<region path>/``)."""
    former: dict[str, list[str]] = defaultdict(list)
    by_url: dict[str, Region] = {}
    for old_url, region in registry.moved().items():
        former[region.code].append(old_url)
        by_url[region.url] = region
    if not former:
        return []
    pages: dict[str, MovedPage] = {}
    for url in urls:
        section, _, path = url.partition("/")
        region = by_url.get(f"{REGION_SECTION}/{path}")
        if not section or region is None:
            continue
        for old in former[region.code]:
            old_url = f"{section}/{old.removeprefix(REGION_SECTION + '/')}"
            pages.setdefault(old_url, MovedPage(old_url, url, region))
    return sorted(pages.values(), key=lambda page: page.old_url)
