"""Pelican reader for Warta KIM Markdown articles and pages.

Articles were already read and checked by :mod:`validation` before Pelican
starts; this reader only renders the body and hands Pelican the metadata it
understands. Objects (KIM profile, topics, regions) are attached later, from
the current network data, so Pelican's content cache never serves stale ones.
"""

from __future__ import annotations

import os
from typing import Any

from pelican.readers import BaseReader

from warta_core.articles import PUBLISHED, ArticleSource
from warta_core.pages import PageSource
from warta_core.story_links import last_change

from .rendering import render_bounded
from .sanitize import plain_text, shorten
from .state import warta_state


class UncheckedSource(Exception):
    """Pelican asked for a file the check never saw; the build then fails naming it (see ``prove_nothing_dropped``)."""


def article_body(article: ArticleSource, settings: dict[str, Any], rendered: str | None = None) -> tuple[str, str]:
    """An article's HTML body (``rendered`` when the body cache has it) and summary (Ringkasan, or its start)."""
    content = rendered if rendered is not None else render_bounded(article.body, article.body_images)
    return content, article.summary or shorten(plain_text(content), settings["WARTA_SUMMARY_LENGTH"])


class WartaMarkdownReader(BaseReader):
    """Hand Pelican the checked metadata and the (pre-rendered, sanitised) body."""

    enabled = True
    file_extensions = ("md", "markdown")

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Return rendered HTML and Pelican metadata for a checked article or page; refuse anything else."""
        state = warta_state(self.settings)
        path = os.path.abspath(source_path)
        article = state.articles.get(path)
        if article is not None:
            return self._read_article(article)
        page = state.pages.get(path)
        if page is not None:
            return self._read_page(page)
        raise UncheckedSource(f"{source_path}: not in the checked inventory; nothing unchecked is published")

    def _read_article(self, article: ArticleSource) -> tuple[str, dict[str, Any]]:
        content, summary = article_body(article, self.settings, warta_state(self.settings).rendered.get(article.path))
        metadata: dict[str, Any] = {
            "title": article.title,
            "date": article.date,
            "author": self.process_metadata("author", article.author),
            "slug": article.slug,
            "status": article.status,
            "category": self.process_metadata("category", "berita"),
            "summary": summary,
            "source": article,  # the checked article; warta_network gives Pelican's object its KIM, topics, …
        }
        # Formatting ARTICLE_URL once here spares Pelican's generic (and slow) URL formatting on every access.
        # A draft keeps Pelican's DRAFT_* settings (empty in production: drafts are never written).
        kind = "ARTICLE" if article.status == PUBLISHED else "DRAFT"
        url_fields = {"kim": article.kim.slug, "slug": article.slug, "date": article.date, "lang": "id"}
        metadata["url"] = self.settings[f"{kind}_URL"].format(**url_fields)
        metadata["save_as"] = self.settings[f"{kind}_SAVE_AS"].format(**url_fields)
        modified = last_change(article)  # Diperbarui or the latest Ralat: a correction is a change
        if modified:
            metadata["modified"] = modified
        return content, metadata

    def _read_page(self, page: PageSource) -> tuple[str, dict[str, Any]]:
        metadata: dict[str, Any] = {"title": page.title, "slug": page.slug}
        if page.summary:
            metadata["summary"] = page.summary
        return render_bounded(page.body, {}), metadata
