"""The partner news the build shows, read from the cache only.

Templates get one :class:`PartnerIndex` as ``PARTNERS`` and ask it for what
they need: ``PARTNERS.latest(4)``, ``PARTNERS.for_region(region.code, 4)``,
``PARTNERS.for_topic(topic.slug, 4)``. Regions and topics are mapped here,
at build time, so a registry or keyword change shows at the next build
without refetching. Entries carried by several partners (same link, same
global id, or same title on the same day) are shown once, credited to the
earliest, with the others named.

What a page shows of the partner news is also its fingerprint part
(:meth:`PartnerIndex.section_fingerprint`, :meth:`PartnerItem.shown`), so a
fetch re-renders only the pages whose partner news changed: the partner
cache is not in the build-wide digest.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from PIL import Image

from warta_core.network import Network
from warta_core.regions import Region
from warta_core.topics import Topic

from .cache import PartnerCache
from .config import Partner, PartnerConfig
from .entries import Entry
from .health import PartnerHealth, partner_health
from .mapping import RegionMatcher, TopicMatcher
from .phrases import words
from .urls import link_key

IMAGE_URL = "mitra/gambar/"
# Listing templates whose first page includes _berita_mitra.html (kim.html and cek_fakta.html leave it out);
# tests/warta_partners/test_partner_rebuild.py checks this against the built pages.
SECTION_TEMPLATES = frozenset({"index", "wilayah", "topik"})


@dataclass
class PartnerItem:
    """One partner entry ready for a template (all text; links vetted)."""

    partner: Partner
    key: str
    title: str
    link: str | None
    date: dt.datetime  # in the portal's time zone
    date_estimated: bool
    summary: str
    author: str
    image: str | None  # relative to SITEURL, a local copy
    image_size: tuple[int, int] | None  # its width and height in pixels, read from the cached copy
    regions: list[Region]
    topics: list[Topic]
    source_id: str = ""
    also_in: list[Partner] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """Fragment id of the item on its partner's page."""
        return f"berita-{self.key}"

    def shown(self) -> tuple:
        """Every field ``mitra_macros.partner_items`` renders: the item's part of a page fingerprint."""
        region = (self.regions[0].url, self.regions[0].label) if self.regions else None
        return (
            self.key, self.title, self.link, self.image, self.image_size, self.partner.url, self.partner.name,
            self.date.isoformat(), self.date_estimated, self.author, region, self.summary,
            tuple(other.name for other in self.also_in),
        )  # fmt: skip


@dataclass
class PartnerView:
    """A partner with its health and its own items (duplicates included)."""

    partner: Partner
    health: PartnerHealth
    items: list[PartnerItem]
    coverage: list[Region] = field(default_factory=list)


def _global_id(source_id: str) -> str | None:
    """An entry id that is meaningful across outlets (URL, URN, tag, UUID); short numbers are not."""
    if len(source_id) >= 16 and any(mark in source_id for mark in (":", "/", "-")):
        return source_id
    return None


class PartnerIndex:
    """Partner news by partner, region and topic; what ``PARTNERS`` is in templates."""

    def __init__(
        self, views: list[PartnerView], section_items: int, cache_present: bool, zone: ZoneInfo | None = None
    ) -> None:
        self.partners = views
        self.section_items = section_items
        self.cache_present = cache_present
        self.zone = zone or ZoneInfo("Asia/Jakarta")
        rank = {view.partner.id: number for number, view in enumerate(views)}
        self._latest = self._deduplicate([item for view in views for item in view.items], rank)
        self._by_region: dict[str, list[PartnerItem]] = defaultdict(list)
        self._by_topic: dict[str, list[PartnerItem]] = defaultdict(list)
        for item in self._latest:
            codes = dict.fromkeys(code for region in item.regions for code in region.ancestor_codes())
            for code in codes:
                self._by_region[code].append(item)
            for topic in item.topics:
                self._by_topic[topic.slug].append(item)

    @staticmethod
    def _deduplicate(items: list[PartnerItem], rank: dict[str, int]) -> list[PartnerItem]:
        """One item per story: the earliest keeps the credit (on a tie, the partner listed first)."""
        items = sorted(items, key=lambda i: (i.date, i.key), reverse=True)
        kept: dict[str, PartnerItem] = {}
        first_for: dict[str, str] = {}
        for item in sorted(items, key=lambda i: (i.date, rank.get(i.partner.id, 0), i.key)):
            keys = [f"title:{' '.join(words(item.title))}:{item.date.date()}"]
            if item.link:
                keys.append(f"link:{link_key(item.link)}")
            entry_id = _global_id(item.source_id)
            if entry_id:
                keys.append(f"id:{entry_id}")
            original = next((first_for[k] for k in keys if k in first_for), None)
            if original is not None:
                if item.partner not in kept[original].also_in and item.partner != kept[original].partner:
                    kept[original].also_in.append(item.partner)
                continue
            kept[item.key] = item
            for k in keys:
                first_for[k] = item.key
        return [item for item in items if item.key in kept]

    def latest(self, limit: int | None = None) -> list[PartnerItem]:
        """All partner news, newest first, each story once."""
        return self._latest[:limit]

    def for_region(self, code: str, limit: int | None = None) -> list[PartnerItem]:
        """News mapped to ``code`` or any region inside it."""
        return self._by_region.get(code, [])[:limit]

    def for_topic(self, slug: str, limit: int | None = None) -> list[PartnerItem]:
        """News mapped to the topic ``slug``."""
        return self._by_topic.get(slug, [])[:limit]

    @property
    def region_codes(self) -> set[str]:
        """Codes of every region with partner news, ancestors included (each gets a wilayah page)."""
        return set(self._by_region)

    def section(self, region: Region | None = None, topic: Topic | None = None) -> list[PartnerItem]:
        """A page's "Berita Mitra" section: its region's news, else its topic's, else the latest."""
        if region:
            return self.for_region(region.code, self.section_items)
        if topic:
            return self.for_topic(topic.slug, self.section_items)
        return self.latest(self.section_items)

    def section_fingerprint(self, template: str, context: dict[str, Any]) -> tuple | None:
        """What the first page of a listing (``template``, its ``context``) shows of the partner news."""
        if template not in SECTION_TEMPLATES:
            return None
        return tuple(item.shown() for item in self.section(context.get("region"), context.get("topic")))

    def for_partner(self, partner_id: str) -> PartnerView | None:
        """One partner with its health and items."""
        return next((view for view in self.partners if view.partner.id == partner_id), None)

    def local(self, value: dt.datetime) -> dt.datetime:
        """A stored (UTC) time in the portal's time zone, for templates."""
        return value.astimezone(self.zone)

    @property
    def image_files(self) -> set[str]:
        """Cached image names shown anywhere (copied into the output)."""
        return {item.image.removeprefix(IMAGE_URL) for view in self.partners for item in view.items if item.image}

    def __len__(self) -> int:
        return len(self._latest)


def build_partner_index(
    config: PartnerConfig, network: Network, cache: PartnerCache, timezone: str, section_items: int, images: bool
) -> PartnerIndex:
    """Read every partner's cache and map its entries; never touches the network."""
    zone = ZoneInfo(timezone)
    topics = TopicMatcher(network.topics, config.keywords)
    views = []
    for partner in config.partners:
        state = cache.load(partner.id)
        regions = RegionMatcher(network.registry, partner.regions)
        items = [_item(entry, partner, regions, topics, zone, cache, images) for entry in state.entries]
        items.sort(key=lambda i: (i.date, i.key), reverse=True)
        coverage = [network.registry.get(code) for code in partner.regions if code in network.registry]
        views.append(PartnerView(partner, partner_health(partner, state), items, coverage))
    return PartnerIndex(views, section_items, cache.exists(), zone)


def _image_size(path: str) -> tuple[int, int] | None:
    """Width and height of a cached image (Pillow reads only its header), None when unreadable."""
    try:
        with Image.open(path) as opened:
            return opened.size
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def _item(
    entry: Entry,
    partner: Partner,
    regions: RegionMatcher,
    topics: TopicMatcher,
    zone: ZoneInfo,
    cache: PartnerCache,
    images: bool,
) -> PartnerItem:
    text = f"{entry.title}. {entry.text or entry.summary}"
    image = size = None
    cached = cache.image_path(entry.image_file) if images and entry.image_file else None
    if cached:
        image, size = IMAGE_URL + entry.image_file, _image_size(cached)
        image = image if size else None  # not readable as an image: not shown
    return PartnerItem(
        partner=partner,
        key=entry.key,
        title=entry.title,
        link=entry.link,
        date=entry.published.astimezone(zone),
        date_estimated=entry.date_estimated,
        summary=entry.summary,
        author=entry.author,
        image=image,
        image_size=size,
        regions=regions.exact(entry.categories) or regions.match(text),
        topics=topics.match(entry.title, entry.text or entry.summary, partner.topics, entry.categories),
        source_id=entry.source_id,
    )
