"""Pelican reader for Warta KIM Markdown articles and pages.

Articles were already read and checked by :mod:`validation` before Pelican
starts; this reader only renders the body and hands Pelican the metadata it
understands. Objects (KIM profile, topics, regions) are attached later, from
the current network data, so Pelican's content cache never serves stale ones.
"""

from __future__ import annotations

import os
from typing import Any

from markdown import Markdown
from pelican.readers import BaseReader

from .articles import ArticleSource
from .metadata import parse_header
from .sanitize import clean_article_html, plain_text, shorten
from .text import slugify

STATE_KEY = "WARTA_STATE"
MARKDOWN_EXTENSIONS = ["markdown.extensions.extra", "markdown.extensions.sane_lists"]


class WartaMarkdownReader(BaseReader):
    """Render article bodies with Python-Markdown, sanitised."""

    enabled = True
    file_extensions = ("md", "markdown")

    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__(settings)
        self._markdown = Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")

    def _render(self, body: str, local_files: dict[str, str]) -> str:
        self._markdown.reset()
        return clean_article_html(self._markdown.convert(body), local_files)

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Return rendered HTML and Pelican metadata for an article or a page."""
        state = self.settings[STATE_KEY]
        article = state.articles.get(os.path.abspath(source_path))
        if article is None:
            return self._read_page(source_path)
        return self._read_article(article)

    def _read_article(self, article: ArticleSource) -> tuple[str, dict[str, Any]]:
        local_files = dict(article.body_images)
        content = self._render(article.body, local_files)
        summary = article.summary or shorten(plain_text(content), self.settings["WARTA_SUMMARY_LENGTH"])
        metadata: dict[str, Any] = {
            "title": article.title,
            "date": article.date,
            "author": self.process_metadata("author", article.author),
            "slug": article.slug,
            "status": article.status,
            "category": self.process_metadata("category", "berita"),
            "summary": summary,
            "kim": article.kim.slug,
            "topic_slugs": list(article.topics),
            "desa_codes": [region.code for region in article.desa],
            "image_path": article.image,
            "image_alt": article.image_alt,
            "scheduled": article.scheduled,
        }
        if article.modified:
            metadata["modified"] = article.modified
        return content, metadata

    def _read_page(self, source_path: str) -> tuple[str, dict[str, Any]]:
        with open(source_path, encoding="utf-8-sig") as handle:
            header = parse_header(handle.read())
        content = self._render(header.body, {})
        metadata: dict[str, Any] = {"title": header.value("title")}
        stem = os.path.splitext(os.path.basename(source_path))[0]
        metadata["slug"] = slugify(header.value("slug") or stem)
        if header.value("summary"):
            metadata["summary"] = header.value("summary")
        return content, metadata
