"""Who appears where: articles and KIMs grouped by KIM, region and topic.

Everything is rolled up: an article of Desa Bagelen is listed on Bagelen's
page and on Gedong Tataan's, Pesawaran's and Lampung's. An article naming two
desa of one kecamatan still appears there once. Lists keep the order of the
input, so passing articles newest-first gives newest-first listings.

Regions can also have news from outside the network's own articles (partner
feeds: on a federated national portal that is all of its news). Another
plugin lists their codes, ancestors included, in the build state
(``WartaState.outside_news_regions``) before the listings are computed;
those regions then get a page too, listed under their parent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from warta_core.network import Network
from warta_core.profiles import KimProfile
from warta_core.regions import KABUPATEN, Region


@dataclass
class NetworkIndex:
    """Articles and KIMs per KIM slug, region code and topic slug."""

    by_kim: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    by_region: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    by_topic: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    kims_by_region: dict[str, list[KimProfile]] = field(default_factory=lambda: defaultdict(list))
    outside_news: frozenset[str] = frozenset()  # regions with news from outside the network

    def region_has_content(self, code: str) -> bool:
        """True when a region has an article, a KIM or outside news (so it gets a page)."""
        return bool(self.by_region.get(code) or self.kims_by_region.get(code) or code in self.outside_news)

    def digest_kabupaten(self, network: Network) -> list[Region]:
        """The kabupaten/kota with KIMs or stories of their own, in registry order: each gets a weekly digest."""
        return [
            region
            for region in network.registry
            if region.level == KABUPATEN and (self.by_region.get(region.code) or self.kims_by_region.get(region.code))
        ]

    def child_regions(self, network: Network, code: str | None) -> list[Region]:
        """Children of ``code`` (provinces for None) that have content, in alphabetical order of their names.

        Pages say so ("menurut abjad"): the registry's own order is the Kemendagri code, which readers cannot see.
        """
        found = [r for r in network.registry.children.get(code, []) if self.region_has_content(r.code)]
        return sorted(found, key=lambda region: (region.name.casefold(), region.code))


def build_index(articles: list[Any], network: Network, outside_news: Iterable[str] = ()) -> NetworkIndex:
    """Group published articles (newest first) and KIM profiles; ``outside_news``: see the module docstring."""
    index = NetworkIndex(outside_news=frozenset(code for code in outside_news if code in network.registry))
    for article in articles:
        index.by_kim[article.kim].append(article)
        for slug in article.topic_slugs:
            index.by_topic[slug].append(article)
        codes: dict[str, None] = {}
        for desa_code in article.desa_codes:
            codes.update(dict.fromkeys(network.registry.get(desa_code).ancestor_codes()))
        for code in codes:
            index.by_region[code].append(article)
    for kim in sorted(network.kims.values(), key=lambda k: k.name.lower()):
        for code in kim.desa.ancestor_codes():
            index.kims_by_region[code].append(kim)
    return index
