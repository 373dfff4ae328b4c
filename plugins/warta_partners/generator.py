"""Pelican generator for the partner pages, reading the cache only.

``/mitra/`` lists all partner news, newest first; ``/mitra/<id>/`` one
partner's news and health; ``/mitra/status/`` the health of every feed.
Before any generator reads its context, :func:`publish_partner_news` puts the
:class:`PartnerIndex` there as ``PARTNERS``, so the home, wilayah and topik
templates can show "Berita Mitra" sections, and the codes of regions with
partner news in the build state (``outside_news_regions``), so those
regions get wilayah pages even without a KIM (a federated national portal
has none). Images are copied from the cache; nothing is downloaded.

This is the build half (see :mod:`model`): it imports nothing that fetches.
"""

from __future__ import annotations

import logging
import os
import shutil

from pelican.generators import Generator

from warta_network.pelican_compat import paginator as pelican_paginator
from warta_network.state import warta_state

from .cache import PartnerCache, cache_folder
from .config import PartnerConfig
from .entries import IMAGE_FILE
from .index import IMAGE_URL, PartnerIndex, build_partner_index

logger = logging.getLogger("warta_partners")
CONTEXT_NAME = "PARTNERS"


def publish_partner_news(generator: Generator) -> None:
    """Read the cache once per build: the index goes to the build state, and to templates as ``PARTNERS``.

    Connected to ``generator_init``, which fires as each generator is created:
    a generator that reads the partner news or the partner regions in its
    ``generate_context`` (the listings do, and they may come before ours) has
    been created by then, so the index is there whatever the order of PLUGINS.
    """
    settings = generator.settings
    state = warta_state(settings)
    if state.partners is not None:
        generator.context.setdefault(CONTEXT_NAME, state.partners)
        return
    config = state.check.feature("mitra", PartnerConfig) or PartnerConfig([], {})
    index = build_partner_index(
        config,
        state.network,
        PartnerCache(cache_folder(settings)),
        settings["TIMEZONE"],
        settings["WARTA_MITRA_SECTION_ITEMS"],
        settings["WARTA_MITRA_IMAGES"],
    )
    state.partners = generator.context[CONTEXT_NAME] = index  # PARTNERS: a template variable
    state.outside_news_regions = set(index.region_codes)


class PartnersGenerator(Generator):
    """Writes /mitra/, /mitra/<id>/ and /mitra/status/."""

    def generate_context(self) -> None:
        """Take the index :func:`publish_partner_news` put in the context."""
        partners = warta_state(self.settings).partners
        assert isinstance(partners, PartnerIndex)  # publish_partner_news ran when this generator was created
        self.partner_index = partners

    def generate_output(self, writer) -> None:
        """Write the pages, each with the fingerprint of what it shows, and copy the images they show."""
        index: PartnerIndex = self.partner_index
        zone = str(index.zone)
        self._write_pages(writer, "mitra/", "mitra", index.latest(), (index.cache_present,))
        for view in index.partners:
            profile = (view.partner, repr(view.health), tuple(r.code for r in view.coverage), zone)
            self._write_pages(
                writer, view.partner.url, "mitra_outlet", view.items, (index.cache_present, profile), partner_view=view
            )
        writer.write_file(
            "mitra/status/index.html",
            self.get_template("mitra_status"),
            self.context,
            self.settings["RELATIVE_URLS"],
            url="mitra/status/",
            fingerprint=("mitra_status", index.cache_present, zone, tuple(repr(v.health) for v in index.partners)),
        )
        self._copy_images(index)
        logger.info("warta_partners: %d mitra, %d berita mitra ditulis", len(index.partners), len(index))

    def _write_pages(self, writer, url: str, template_name: str, items: list, first_page: tuple, **extra) -> None:
        """One paginated list of partner items, page by page (as Pelican paginates ``items``), fingerprinted.

        A page's fingerprint is what it shows: its items' rendered fields, its position and, on page 1,
        ``first_page`` (the partner's profile and health, whether a cache exists).
        """
        template = self.get_template(template_name)
        per_page = self.settings["PAGINATED_TEMPLATES"].get(template_name) or self.settings["DEFAULT_PAGINATION"]
        paginator = pelican_paginator(f"{url}index.html", url, items, self.settings, per_page)
        pages = [paginator.page(number) for number in paginator.page_range]
        partner_names = tuple((view.partner.url, view.partner.name) for view in self.partner_index.partners)
        for number, page in enumerate(pages):
            shown = tuple(item.shown() for item in page.object_list)
            fingerprint = (template_name, url, page.number, paginator.num_pages, paginator.count, shown,
                           (first_page, partner_names) if page.number == 1 else None)  # fmt: skip
            writer.write_file(
                page.save_as,
                template,
                self.context,
                self.settings["RELATIVE_URLS"],
                template_name=template_name,
                url=page.url,
                fingerprint=fingerprint,
                page_name=f"{url}index",
                items_paginator=paginator,
                items_page=page,
                items_previous_page=pages[number - 1] if number > 0 else None,
                items_next_page=pages[number + 1] if number + 1 < len(pages) else None,
                **extra,
            )

    def _copy_images(self, index: PartnerIndex) -> None:
        """Copy the images shown that are not in the output yet; delete those no page shows any more."""
        cache = PartnerCache(cache_folder(self.settings))
        target = os.path.join(self.output_path, IMAGE_URL)
        shown = index.image_files
        for name in sorted(shown):
            source = cache.image_path(name)
            destination = os.path.join(target, name)
            if source and not os.path.exists(destination):
                os.makedirs(target, exist_ok=True)
                shutil.copy2(source, destination)
        if os.path.isdir(target):
            for name in os.listdir(target):
                path = os.path.join(target, name)
                if name not in shown and IMAGE_FILE.match(name) and os.path.isfile(path) and not os.path.islink(path):
                    os.remove(path)
