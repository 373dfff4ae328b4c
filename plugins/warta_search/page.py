"""The ``/cari/`` page: a form, an empty result list, and the one script of the public portal.

The page is useful without JavaScript too: its ``<noscript>`` says search
needs JavaScript and links the directories (KIM, wilayah, topik).
"""

from __future__ import annotations

from pelican.generators import Generator

SEARCH_TEMPLATE = "cari"
SEARCH_SAVE_AS = "cari/index.html"


class SearchPageGenerator(Generator):
    """Write ``cari/index.html`` from ``theme/templates/cari.html``."""

    def generate_context(self) -> None:
        """Nothing to read: Pagefind gives the page its filters and results in the reader's browser."""

    def generate_output(self, writer) -> None:
        """Render the page once per build."""
        writer.write_file(
            SEARCH_SAVE_AS, self.get_template(SEARCH_TEMPLATE), self.context, template_name=SEARCH_TEMPLATE
        )
