"""The ``404.html`` page: GitHub Pages, GitLab Pages, Cloudflare Pages and Netlify all serve it for unknown paths.

The page is served at whatever address the reader mistyped, so it is always
written with absolute links (never ``RELATIVE_URLS``), which keep working at
any depth.
"""

from __future__ import annotations

from pelican.generators import Generator

NOT_FOUND_TEMPLATE = "404"
NOT_FOUND_SAVE_AS = "404.html"


class NotFoundPageGenerator(Generator):
    """Write ``404.html`` from ``theme/templates/404.html``."""

    def generate_context(self) -> None:
        """Nothing to read: the page only needs the articles Pelican's generator already put in the context."""

    def generate_output(self, writer) -> None:
        """Render the page with the latest articles as suggestions."""
        latest = self.context.get("articles", [])[: self.settings["WARTA_PUBLISH_NOT_FOUND_LATEST"]]
        writer.write_file(
            NOT_FOUND_SAVE_AS,
            self.get_template(NOT_FOUND_TEMPLATE),
            self.context,
            relative_urls=False,
            template_name=NOT_FOUND_TEMPLATE,
            page_name="404",
            latest_articles=latest,
        )
