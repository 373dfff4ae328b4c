"""The ``/cari/`` page: a form, an empty result list, and the one script of the public portal.

The page is useful without JavaScript too: its ``<noscript>`` says search
needs JavaScript and links the directories (KIM, wilayah, topik). It names
the parts of the index that will have pages (:mod:`.partitions`: the first
is imported, the others merged) and the other portals whose indexes are
merged (``WARTA_SEARCH_PORTALS``).
"""

from __future__ import annotations

from pelican.generators import Generator

from warta_network.state import warta_state

from .partitions import plan_articles
from .partners import searchable_partner_items
from .settings import portal_roots

SEARCH_TEMPLATE = "cari"
SEARCH_SAVE_AS = "cari/index.html"


class SearchPageGenerator(Generator):
    """Write ``cari/index.html`` from ``theme/templates/cari.html``."""

    def generate_context(self) -> None:
        """Nothing to read: Pagefind gives the page its filters and results in the reader's browser."""

    def generate_output(self, writer) -> None:
        """Render the page once per build, after every article is known (so each is given its part)."""
        plan = plan_articles(warta_state(self.settings), self.context.get("articles", ()))
        parts = plan.filled(searchable_partner_items(self.settings))  # none: only other portals' indexes, if any
        writer.write_file(
            SEARCH_SAVE_AS,
            self.get_template(SEARCH_TEMPLATE),
            self.context,
            template_name=SEARCH_TEMPLATE,
            search_parts=[f"{part}/" for part in parts],
            search_portals=portal_roots(self.settings),
        )
