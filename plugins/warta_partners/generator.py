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

from warta_network.state import warta_state

from .cache import PartnerCache, cache_folder
from .index import IMAGE_URL, PartnerIndex, build_partner_index

logger = logging.getLogger("warta_partners")
CONTEXT_NAME = "PARTNERS"


def publish_partner_news(generator: Generator) -> None:
    """Read the cache once per build and put the index in the context all generators share.

    Connected to ``generator_init``, which fires as each generator is created:
    a generator that reads ``PARTNERS`` or the partner regions in its
    ``generate_context`` (the listings do, and they may come before ours) has
    been created by then, so the index is there whatever the order of PLUGINS.
    """
    context = generator.context
    if CONTEXT_NAME in context:
        return
    settings = generator.settings
    state = warta_state(settings)
    index = build_partner_index(
        state.partner_config,
        state.network,
        PartnerCache(cache_folder(settings)),
        settings["TIMEZONE"],
        settings["WARTA_MITRA_SECTION_ITEMS"],
        settings["WARTA_MITRA_IMAGES"],
    )
    context[CONTEXT_NAME] = index
    state.outside_news_regions = set(index.region_codes)


class PartnersGenerator(Generator):
    """Writes /mitra/, /mitra/<id>/ and /mitra/status/."""

    def generate_context(self) -> None:
        """Take the index :func:`publish_partner_news` put in the context."""
        self.partner_index: PartnerIndex = self.context[CONTEXT_NAME]

    def generate_output(self, writer) -> None:
        """Write the pages and copy the images they show."""
        index: PartnerIndex = self.partner_index
        common = {"relative_urls": self.settings["RELATIVE_URLS"]}
        writer.write_file(
            "mitra/index.html",
            self.get_template("mitra"),
            self.context,
            paginated={"items": index.latest()},
            template_name="mitra",
            url="mitra/",
            page_name="mitra/index",
            **common,
        )
        for view in index.partners:
            writer.write_file(
                f"{view.partner.url}index.html",
                self.get_template("mitra_outlet"),
                self.context,
                paginated={"items": view.items},
                template_name="mitra_outlet",
                url=view.partner.url,
                page_name=f"{view.partner.url}index",
                partner_view=view,
                **common,
            )
        writer.write_file(
            "mitra/status/index.html",
            self.get_template("mitra_status"),
            self.context,
            url="mitra/status/",
            **common,
        )
        self._copy_images(index)
        logger.info("warta_partners: %d mitra, %d berita mitra ditulis", len(index.partners), len(index))

    def _copy_images(self, index: PartnerIndex) -> None:
        cache = PartnerCache(cache_folder(self.settings))
        target = os.path.join(self.output_path, IMAGE_URL)
        for name in sorted(index.image_files):
            source = cache.image_path(name)
            destination = os.path.join(target, name)
            if source and not os.path.exists(destination):
                os.makedirs(target, exist_ok=True)
                shutil.copy2(source, destination)
