"""Pelican generator for the partner pages, reading the cache only.

``/mitra/`` lists all partner news, newest first; ``/mitra/<id>/`` one
partner's news and health; ``/mitra/status/`` the health of every feed. In
the generator's constructor (Pelican creates every generator before any
``generate_context`` runs, so this holds whatever the PLUGINS order) it puts
the :class:`PartnerIndex` in the shared context as ``PARTNERS``, so the home,
wilayah and topik templates can show "Berita Mitra" sections, and the codes
of regions with partner news under warta_listings' ``OUTSIDE_NEWS_REGIONS``
hook, so those regions get wilayah pages even without a KIM (a federated
national portal has none). Images are copied from the cache; nothing is
downloaded.
"""

from __future__ import annotations

import logging
import os
import shutil

from pelican.generators import Generator

from warta_listings.indexes import OUTSIDE_NEWS_REGIONS
from warta_network.reader import STATE_KEY

from .cache import PartnerCache
from .index import IMAGE_URL, PartnerIndex, build_partner_index, cache_folder

logger = logging.getLogger("warta_partners")
CONFIG_KEY = "WARTA_MITRA_CONFIG"
CONTEXT_NAME = "PARTNERS"


class PartnersGenerator(Generator):
    """Writes /mitra/, /mitra/<id>/ and /mitra/status/."""

    def __init__(self, *args, **kwargs) -> None:
        """Build the index at once: the listings' ``generate_context`` may run before ours."""
        super().__init__(*args, **kwargs)
        self.publish_index()

    def publish_index(self) -> None:
        """Read the cache; publish the index to every template and its regions to the listings."""
        cache = PartnerCache(cache_folder(self.settings))
        self.partner_index = build_partner_index(
            self.settings[CONFIG_KEY],
            self.settings[STATE_KEY].network,
            cache,
            self.settings["TIMEZONE"],
            self.settings["WARTA_MITRA_SECTION_ITEMS"],
            self.settings["WARTA_MITRA_IMAGES"],
        )
        self.cache = cache
        self.context[CONTEXT_NAME] = self.partner_index
        self.context[OUTSIDE_NEWS_REGIONS] = self.partner_index.region_codes

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
        target = os.path.join(self.output_path, IMAGE_URL)
        for name in sorted(index.image_files):
            source = self.cache.image_path(name)
            destination = os.path.join(target, name)
            if source and not os.path.exists(destination):
                os.makedirs(target, exist_ok=True)
                shutil.copy2(source, destination)
