"""Who appears where: articles and KIMs grouped by KIM, region and topic.

Everything is rolled up: an article of Desa Bagelen is listed on Bagelen's
page and on Gedong Tataan's, Pesawaran's and Lampung's. An article naming two
desa of one kecamatan still appears there once. Lists keep the order of the
input, so passing articles newest-first gives newest-first listings.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from warta_network.network import Network
from warta_network.profiles import KimProfile
from warta_network.regions import Region


@dataclass
class NetworkIndex:
    """Articles and KIMs per KIM slug, region code and topic slug."""

    by_kim: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    by_region: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    by_topic: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    kims_by_region: dict[str, list[KimProfile]] = field(default_factory=lambda: defaultdict(list))

    def region_has_content(self, code: str) -> bool:
        """True when a region has at least one article or KIM (so it gets a page)."""
        return bool(self.by_region.get(code) or self.kims_by_region.get(code))

    def child_regions(self, network: Network, code: str | None) -> list[Region]:
        """Children of ``code`` (provinces for None) that have content."""
        return [r for r in network.registry.children.get(code, []) if self.region_has_content(r.code)]


def build_index(articles: list[Any], network: Network) -> NetworkIndex:
    """Group published articles (newest first) and KIM profiles."""
    index = NetworkIndex()
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
