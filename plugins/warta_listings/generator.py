"""Pelican generator writing the network's listing pages.

Pages: home, ``/kim/`` and each KIM, ``/wilayah/`` and every region level that
has content, ``/topik/`` and each topic, each paginated at ``X/page/N/``. Only
page 1 of a listing shows its profile, sub-regions or KIM list, so later pages
stay cheap; they are compact archive pages (``archive``). The listings are put in the context (``listings``) during
``generate_context`` so that other plugins (feeds, sitemaps) use the very same
lists. Also written here: the desa finder (``/wilayah/desa/``, see
``finder``) and the weekly digests (``/kabar-sepekan/``, see ``weekly``); and
every article gets its related stories (``related``) before any page is
written.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace

from pelican.generators import Generator

from warta_core.network import Network
from warta_core.regions import DESA, KABUPATEN
from warta_network.state import Listing, warta_state

from .archive import ArchivePaginator, page_entries
from .aspirations import aspiration_listings, aspiration_of, attach_aspirations, region_brief
from .factchecks import factcheck_listings
from .finder import DESA_FINDER_URL, by_letter, desa_rows, neighbour_desa
from .home import front_page
from .image_sizes import svg_size, with_svg_sizes
from .indexes import NetworkIndex, build_index
from .moved import TEMPLATE as MOVED_TEMPLATE
from .moved import moved_pages
from .related import attach_related, nearest_news
from .settings import setting
from .weekly import TEMPLATE as WEEKLY_TEMPLATE
from .weekly import partner_links, weekly_digests
from .weekly import region_url as weekly_region_url

logger = logging.getLogger("warta_listings")


class ListingsGenerator(Generator):
    """Write every listing page of the network."""

    def generate_context(self) -> None:
        """Group the published articles (read by Pelican's generator, which runs first)."""
        state = warta_state(self.settings)
        network: Network = state.network
        index = build_index(self.context["articles"], network, state.outside_news_regions)
        self.index = index
        attach_related(self.context["articles"], index, network)
        attach_aspirations(self.context["articles"], state.now)  # before any page: what each shows of them
        content = self.settings["PATH"]
        self.context["svg_size"] = lambda path: svg_size(os.path.join(content, path)) if path else None
        siteurl = self.settings["SITEURL"]
        self.context["svg_sized"] = lambda body: with_svg_sizes(body, siteurl, content)
        listings = list(self.listings(network, index, self.context["articles"]))
        if state.withdrawn:  # where each withdrawn story would be listed, by the same grouping (Atom tombstones)
            gone = self.listings(network, build_index(state.withdrawn, network), state.withdrawn)
            withdrawn = {listing.url: tuple(listing.articles) for listing in gone}
            listings = [replace(listing, withdrawn=withdrawn.get(listing.url, ())) for listing in listings]
        state.listings = listings

    def generate_output(self, writer) -> None:
        """Write all listings, in a stable order."""
        state = warta_state(self.settings)
        for listing in state.listings:
            self.write_listing(writer, listing)
        self.write_directory_pages(writer, state.network, self.index)
        digests = self.write_weekly_digests(writer, state.network, self.index)
        pages = [listing.url for listing in state.listings] + digests + state.extra_pages
        self.write_moved_region_pages(writer, state.network, pages)
        logger.info("warta_listings: listing pages written")

    def listings(self, network: Network, index: NetworkIndex, articles: list):
        """Yield every paginated listing of ``articles`` (grouped in ``index``): home, KIMs, regions, topics."""
        first_page = self.settings["PAGINATED_TEMPLATES"].get("index") or self.settings["DEFAULT_PAGINATION"]
        now = warta_state(self.settings).now
        home = {
            **front_page(articles, network, now, first_page).context(),  # lead, strips, per kabupaten: .home
            "home_topics": tuple(network.topics.values()),
        }
        yield Listing("", "index", network.info.name, network.info.description, articles, home)
        aspirating = [a for a in articles if aspiration_of(a) is not None]  # once, not once per region (600 x 10k)
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
                    "neighbour_desa": neighbour_desa(network, index, region),
                    "weekly_url": weekly_region_url(region) if region.level == KABUPATEN else None,
                    "nearest_news": nearest_news(network, index, region),
                    **(region_brief(aspirating, region, now) if region.level in (KABUPATEN, DESA) else {}),
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
        yield from aspiration_listings(network, articles, Listing, now)

    def write_listing(self, writer, listing: Listing) -> None:
        """Write a listing's pages, one by one with a fingerprint each (feeds: warta_syndication).

        A page's fingerprint is what it shows: the entries on it, its position,
        the listing's size and, on page 1, the profile or sub-regions. Editing
        one article's body therefore re-renders its own page only. Pages 2..
        are compact archive pages of ``WARTA_ARCHIVE_PAGE_ITEMS`` entries
        (:mod:`.archive`).
        """
        template = self.get_template(listing.template)
        per_page = self.settings["PAGINATED_TEMPLATES"].get(listing.template) or self.settings["DEFAULT_PAGINATION"]
        archive = setting(self.settings, "WARTA_ARCHIVE_PAGE_ITEMS")
        paginator = ArchivePaginator(
            f"{listing.url}index.html", listing.url, listing.articles, self.settings, per_page, archive
        )
        pages = [paginator.page(number) for number in paginator.page_range]
        first_page_extras = repr(sorted(listing.context.items()))
        partners = warta_state(self.settings).partners  # page 1's "Berita Mitra" items, if warta_partners is on
        if partners is not None:
            first_page_extras += repr(partners.section_fingerprint(listing.template, listing.context))
        for index, page in enumerate(pages):
            fingerprint = (
                "listing",
                listing.template,
                listing.url,
                listing.title,
                page.number,
                paginator.num_pages,
                paginator.count,
                page_entries(page),  # page 1: full entries; later pages: what their compact entries show
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
            (DESA_FINDER_URL, "wilayah_desa", {"letters": by_letter(desa_rows(network, index))}),
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

    def write_weekly_digests(self, writer, network: Network, index: NetworkIndex) -> list[str]:
        """Write ``/kabar-sepekan/`` and one digest per kabupaten/kota with KIMs or stories; return their URLs."""
        kabupaten = index.digest_kabupaten(network)
        state = warta_state(self.settings)
        template = self.get_template(WEEKLY_TEMPLATE)
        partner_items = partner_links(state.partners)
        urls = []
        for digest in weekly_digests(
            self.context["articles"], network, kabupaten, state.now, state.absolute_url, partner_items
        ):
            urls.append(digest.url)
            others = tuple((r, weekly_region_url(r)) for r in kabupaten) if digest.region is None else ()
            writer.write_file(
                f"{digest.url}index.html",
                template,
                self.context,
                self.settings["RELATIVE_URLS"],
                url=digest.url,
                page_url=digest.url,
                fingerprint=("kabar-sepekan", repr(digest), repr(others)),
                digest=digest,
                breadcrumbs=network.registry.path(digest.region.code) if digest.region else None,
                other_digests=others,
            )
        return urls

    def write_moved_region_pages(self, writer, network: Network, urls: list[str]) -> None:
        """Write a page at each former address of a region page (``slug_lama``, see :mod:`.moved`)."""
        moved = moved_pages(network.registry, urls)
        if not moved:
            return
        template = self.get_template(MOVED_TEMPLATE)
        base = warta_state(self.settings).absolute_url
        for page in moved:
            writer.write_file(
                f"{page.old_url}index.html",
                template,
                self.context,
                self.settings["RELATIVE_URLS"],
                url=page.old_url,
                fingerprint=(MOVED_TEMPLATE, page.old_url, page.new_url, page.region.label),
                moved=page,
                canonical_url=f"{base}/{page.new_url}",
            )
