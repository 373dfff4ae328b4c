"""Pelican generator writing the network's listing pages.

Pages: home, ``/kim/`` and each KIM, ``/wilayah/`` and every region level that
has content, ``/topik/`` and each topic, each paginated at ``X/page/N/``. Only
page 1 of a listing shows its profile, sub-regions or KIM list, so later pages
stay cheap. The listings are put in the context (``listings``) during
``generate_context`` so that other plugins (feeds, sitemaps) use the very same
lists.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from pelican.generators import Generator
from pelican.paginator import Paginator

from warta_network.network import Network
from warta_network.state import warta_state

from .factchecks import factcheck_listings, latest_entries
from .indexes import NetworkIndex, build_index

logger = logging.getLogger("warta_listings")


@dataclass(frozen=True)
class Listing:
    """One paginated list of articles; warta_syndication gives it one feed per format at ``url``."""

    url: str  # relative to SITEURL, "" for the home page
    template: str  # "index", "kim", "wilayah", "topik" or "cek_fakta"
    title: str
    description: str
    articles: list[Any]
    context: dict[str, Any]


class ListingsGenerator(Generator):
    """Write every listing page of the network."""

    def generate_context(self) -> None:
        """Group the published articles (read by Pelican's generator, which runs first)."""
        network: Network = warta_state(self.settings).network
        index = build_index(self.context["articles"], network, warta_state(self.settings).outside_news_regions)
        self.context["network_index"] = index
        self.context["listings"] = list(self.listings(network, index))

    def generate_output(self, writer) -> None:
        """Write all listings, in a stable order."""
        network: Network = warta_state(self.settings).network
        for listing in self.context["listings"]:
            self.write_listing(writer, listing)
        self.write_directory_pages(writer, network, self.context["network_index"])
        logger.info("warta_listings: listing pages written")

    def listings(self, network: Network, index: NetworkIndex):
        """Yield every paginated listing: home, KIMs, regions, topics."""
        articles = self.context["articles"]
        home = {"factcheck_strip": latest_entries(articles)}  # the latest clarifications (warta_listings.factchecks)
        yield Listing("", "index", network.info.name, network.info.description, articles, home)
        for kim in network.kims.values():
            breadcrumbs = network.registry.path(kim.desa.code)
            yield Listing(
                kim.url,
                "kim",
                kim.name,
                f"Berita terbaru dari {kim.name}, {kim.desa.label}, {breadcrumbs[1].label}.",
                index.by_kim.get(kim.slug, []),
                {"kim": kim, "breadcrumbs": breadcrumbs},
            )
        for region in network.registry:
            if not index.region_has_content(region.code):
                continue
            yield Listing(
                region.url,
                "wilayah",
                region.label,
                f"Berita terbaru dari KIM di {region.label}.",
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
            yield Listing(
                topic.url,
                "topik",
                topic.label,
                f"Berita terbaru bertopik {topic.label}. {topic.description}".strip(),
                index.by_topic.get(topic.slug, []),
                {"topic": topic},
            )
        yield from factcheck_listings(network, articles, Listing)

    def write_listing(self, writer, listing: Listing) -> None:
        """Write a listing's pages, one by one with a fingerprint each (feeds: warta_syndication).

        A page's fingerprint is what it shows: the entries on it, its position,
        the listing's size and, on page 1, the profile or sub-regions. Editing
        one article's body therefore re-renders its own page only.
        """
        template = self.get_template(listing.template)
        per_page = self.settings["PAGINATED_TEMPLATES"].get(listing.template) or self.settings["DEFAULT_PAGINATION"]
        paginator = Paginator(f"{listing.url}index.html", listing.url, listing.articles, self.settings, per_page)
        pages = [paginator.page(number) for number in paginator.page_range]
        first_page_extras = repr(sorted(listing.context.items()))
        for index, page in enumerate(pages):
            fingerprint = (
                "listing",
                listing.template,
                listing.url,
                listing.title,
                page.number,
                paginator.num_pages,
                paginator.count,
                tuple(article.entry_digest for article in page.object_list),
                first_page_extras if page.number == 1 else None,
            )
            writer.write_file(
                page.save_as,
                template,
                self.context,
                self.settings["RELATIVE_URLS"],
                template_name=listing.template,
                url=page.url,
                fingerprint=fingerprint,
                listing=listing,
                articles_paginator=paginator,
                articles_page=page,
                articles_previous_page=pages[index - 1] if index > 0 else None,
                articles_next_page=pages[index + 1] if index + 1 < len(pages) else None,
                **listing.context,
            )

    def write_directory_pages(self, writer, network: Network, index: NetworkIndex) -> None:
        """Write ``/kim/``, ``/wilayah/`` and ``/topik/``."""
        groups = []
        for kabupaten in sorted(
            {network.registry.get(k.desa.kabupaten_code) for k in network.kims.values()},
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
