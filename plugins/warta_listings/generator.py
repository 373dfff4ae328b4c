"""Pelican generator writing the network's listing pages and their Atom feeds.

Pages: home, ``/kim/`` and each KIM, ``/wilayah/`` and every region level that
has content, ``/topik/`` and each topic. Each listing is paginated at
``X/page/N/`` and has a feed at ``X/atom.xml``. Only page 1 of a listing shows
its profile, sub-regions or KIM list, so later pages stay cheap.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from pelican.generators import Generator

from warta_network.network import Network
from warta_network.reader import STATE_KEY

from .indexes import NetworkIndex, build_index

logger = logging.getLogger("warta_listings")


@dataclass(frozen=True)
class Listing:
    """One paginated list of articles with its own feed."""

    url: str  # relative to SITEURL, "" for the home page
    template: str
    title: str
    articles: list[Any]
    context: dict[str, Any]

    @property
    def feed_url(self) -> str:
        """Atom feed of this listing."""
        return f"{self.url}atom.xml"


class ListingsGenerator(Generator):
    """Write every listing page and feed of the network."""

    def generate_context(self) -> None:
        """Nothing to read: listings are derived from the articles at output time."""

    def generate_output(self, writer) -> None:
        """Write all listings, in a stable order."""
        network: Network = self.settings[STATE_KEY].network
        index = build_index(self.context["articles"], network)
        self.context["network_index"] = index
        for listing in self.listings(network, index):
            self.write_listing(writer, listing)
        self.write_directory_pages(writer, network, index)
        logger.info("warta_listings: listing pages written")

    def listings(self, network: Network, index: NetworkIndex):
        """Yield every paginated listing: home, KIMs, regions, topics."""
        yield Listing("", "index", network.info.name, self.context["articles"], {})
        for kim in network.kims.values():
            yield Listing(
                kim.url,
                "kim",
                kim.name,
                index.by_kim.get(kim.slug, []),
                {"kim": kim, "breadcrumbs": network.registry.path(kim.desa.code)},
            )
        for region in network.registry:
            if not index.region_has_content(region.code):
                continue
            yield Listing(
                region.url,
                "wilayah",
                region.label,
                index.by_region.get(region.code, []),
                {
                    "region": region,
                    "breadcrumbs": network.registry.path(region.code),
                    "child_regions": [
                        (child, len(index.by_region.get(child.code, [])))
                        for child in index.child_regions(network, region.code)
                    ],
                    "region_kims": index.kims_by_region.get(region.code, []),
                },
            )
        for topic in network.topics.values():
            yield Listing(topic.url, "topik", topic.label, index.by_topic.get(topic.slug, []), {"topic": topic})

    def write_listing(self, writer, listing: Listing) -> None:
        """Write a listing's pages and its feed."""
        writer.write_file(
            f"{listing.url}index.html",
            self.get_template(listing.template),
            self.context,
            self.settings["RELATIVE_URLS"],
            paginated={"articles": listing.articles},
            template_name=listing.template,
            url=listing.url,
            page_name=listing.url.rstrip("/") or "index",
            listing=listing,
            **listing.context,
        )
        feed_title = listing.title if not listing.url else f"{listing.title} — {self.context['SITENAME']}"
        writer.write_feed(
            listing.articles,
            self.context,
            listing.feed_url,
            listing.feed_url,
            feed_type="atom",
            feed_title=feed_title,
        )

    def write_directory_pages(self, writer, network: Network, index: NetworkIndex) -> None:
        """Write ``/kim/``, ``/wilayah/`` and ``/topik/``."""
        groups = []
        for kabupaten in sorted(
            {network.registry.get(".".join(k.desa.code.split(".")[:2])) for k in network.kims.values()},
            key=lambda r: r.code,
        ):
            kecamatans = []
            for kecamatan in network.registry.children[kabupaten.code]:
                kims = [k for k in index.kims_by_region.get(kecamatan.code, [])]
                if kims:
                    kecamatans.append((kecamatan, kims))
            groups.append((kabupaten, kecamatans))
        pages = [
            ("kim/", "kim_index", {"groups": groups, "kim_counts": {s: len(a) for s, a in index.by_kim.items()}}),
            (
                "wilayah/",
                "wilayah_index",
                {
                    "provinces": [
                        (p, len(index.by_region.get(p.code, [])), len(index.kims_by_region.get(p.code, [])))
                        for p in index.child_regions(network, None)
                    ]
                },
            ),
            (
                "topik/",
                "topik_index",
                {"topics": [(t, len(index.by_topic.get(t.slug, []))) for t in network.topics.values()]},
            ),
        ]
        for url, template, extra in pages:
            writer.write_file(
                f"{url}index.html",
                self.get_template(template),
                self.context,
                self.settings["RELATIVE_URLS"],
                url=url,
                page_url=url,
                **extra,
            )
