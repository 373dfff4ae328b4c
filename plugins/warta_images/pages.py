"""Share cards of the pages that are not stories: each card says what its page is (issue 26).

The home page shows the network's name and description; a KIM's page its name, desa and kabupaten/kota; a
region's page its name and the regions above it; a topic's page its name; a weekly digest its region and
its week. Only page 1 of a listing gets a card (later archive pages keep the site's image): page 1's
fingerprint holds everything its card shows, so a card's address, which holds the card's key, never
outlives the page that names it. Cards of listing pages are 600x315 (a few thousand of them in a large
network); the home page's and the digests', the pages made for sharing, are 1200x630.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from warta_core.network import Network
from warta_core.regions import Region
from warta_listings.indexes import build_index
from warta_listings.weekly import WEEKLY_URL, period_label, region_url, week_start

FULL, SMALL = "card", "small-card"  # derive.Job.what of a 1200x630 and of a 600x315 card
KIM_LINE = "Kelompok Informasi Masyarakat"


@dataclass(frozen=True)
class PageCard:
    """The card of one page: its address (relative to the site, "" for home), size, text and description."""

    url: str
    what: str
    text: tuple[str, str, str]  # the small line above, the heading, the footer
    alt: str


def _place(network: Network, region: Region) -> str:
    """The regions above ``region``, nearest first: "Kecamatan Gedong Tataan, Kabupaten Pesawaran, Lampung"."""
    return ", ".join(r.label for r in reversed(network.registry.path(region.code)[:-1]))


def page_cards(network: Network, articles: list[Any], outside_news: Iterable[str], now: dt.datetime) -> list[PageCard]:
    """Every non-story page's card, in a stable order."""
    name, description = network.info.name, network.info.description
    cards = [PageCard("", FULL, (KIM_LINE, name, description), f"Kartu {name}: {description}".rstrip(": "))]
    for kim in network.kims.values():
        where = f"{kim.desa.label}, {network.registry.path(kim.desa.code)[1].label}"
        cards.append(PageCard(kim.url, SMALL, (KIM_LINE, kim.name, f"{where} · {name}"), f"Kartu {kim.name}, {where}"))
    index = build_index(articles, network, outside_news)  # the listings' own rule for which regions get a page
    for region in network.registry:
        if not index.region_has_content(region.code):
            continue
        place = _place(network, region)
        footer = f"{place} · {name}" if place else name
        alt = f"Kartu berita KIM di {region.label}" + (f", {place}" if place else "")
        cards.append(PageCard(region.url, SMALL, ("Berita KIM di wilayah", region.label, footer), alt))
    for topic in network.topics.values():
        cards.append(PageCard(topic.url, SMALL, ("Topik berita KIM", topic.label, name), f"Kartu topik {topic.label}"))
    period = period_label(week_start(now).date(), now.date())
    weekly = [(WEEKLY_URL, name)] + [(region_url(region), region.label) for region in index.digest_kabupaten(network)]
    for url, where in weekly:  # the digest's own title, as warta_listings.weekly names it, and its week
        text = (period, f"Kabar sepekan {where}", name)
        cards.append(PageCard(url, FULL, text, f"Kartu kabar sepekan {where}, {period}"))
    return cards
