"""The preview's first answer to a saved edit of a story's text: its own page, before the whole rebuild.

A writer who saves a story wants to see that story. In a network of 10,000 stories the preview's whole
rebuild takes seconds (listings, feeds, related stories, every page's fingerprint), so the preview keeps
the last good build in memory (Pelican's articles generator: its articles, shared context and templates)
and, when a batch of saved files is only stories whose text changed, renders those stories' pages at
once, then runs the whole rebuild as before:

- only story files the last build published or showed as drafts, each with every header field as before
  (title, date, topics, status, Ringkasan, photos: what other pages show of a story); anything else, or
  any doubt, leaves the change to the whole rebuild;
- each file is checked again by the check's own rules for one file
  (:func:`warta_core.validation.recheck_article`): a text the check would refuse is not shown;
- the page is rendered by Pelican's own ``write_file`` with the same template and context as the build
  that wrote it, from a copy of the story's object with the new body and summary, and renamed into place
  whole; the whole rebuild that follows writes the same bytes again
  (``tests/warta_cli/test_preview_quick.py`` compares them).

Listings, feeds and the other stories' pages catch up when the whole rebuild ends. Keeping the generator
costs the memory of one build's article objects between edits.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator

from warta_core.validation import recheck_article
from warta_network.pelican_compat import GuardedWriter
from warta_network.reader import article_body
from warta_network.state import warta_state
from warta_output.durable import AtomicTextFile, remove_partial_folder, reset_partial_folder

ARTICLE_SUFFIXES = (".md", ".markdown")


class _WholePageWriter(GuardedWriter):
    """Pelican's writer whose pages appear whole (written aside, then renamed over the served page)."""

    def __init__(self, output_path: str, settings: dict[str, Any], partial_folder: str) -> None:
        super().__init__(output_path, settings=settings)
        self.partial_folder = partial_folder

    def open_page(self, filename: str, encoding: str):
        return AtomicTextFile(filename, self.partial_folder, encoding)


class QuickRender:
    """Holds the last good build's articles generator and renders single stories' pages from it."""

    def __init__(self) -> None:
        self.output = ""  # the folder of the build whose generator is kept
        self.generator: ArticlesGenerator | None = None
        self.pending: ArticlesGenerator | None = None
        # A weak reference (blinker's default): a QuickRender that is no longer used stops listening by itself.
        signals.article_writer_finalized.connect(self._seen)

    def _seen(self, generator, writer=None) -> None:
        if isinstance(generator, ArticlesGenerator) and generator.settings.get("OUTPUT_PATH") == self.output:
            self.pending = generator

    def begin(self, output: str) -> None:
        """A build into ``output`` starts: its generator is kept only if the build succeeds (:meth:`keep`)."""
        self.output, self.pending = output, None

    def keep(self) -> None:
        """The build succeeded: render from it from now on."""
        self.generator, self.pending = self.pending, None

    def render(self, changed: list[str]) -> list[str] | None:
        """Write the pages of the stories in ``changed`` whose text alone changed; their addresses, or None.

        None: some file in the batch needs the whole rebuild (or its check refused it); nothing was written.
        """
        generator = self.generator
        if generator is None or not changed:
            return None
        edits = []
        for path in changed:
            edit = self._story_edit(generator, path)
            if edit is None:
                return None
            edits.append(edit)
        partial = reset_partial_folder(self.output)
        try:
            writer = _WholePageWriter(self.output, generator.settings, partial)
            for old, fresh in edits:
                self._write(generator, writer, old, fresh)
        finally:
            remove_partial_folder(self.output)
        return [fresh.url for _old, fresh in edits]

    def _story_edit(self, generator: ArticlesGenerator, path: str) -> tuple[Any, Any] | None:
        """(the story's object in the last build, a copy with the new text), or None."""
        if not path.endswith(ARTICLE_SUFFIXES):
            return None
        old = next((a for a in (*generator.articles, *generator.drafts) if a.source_path == path), None)
        state = warta_state(generator.settings)
        before = state.articles.get(path)
        if old is None or before is None or getattr(old, "source", None) is not before:
            return None
        after, _problems = recheck_article(path, state.network, state.files, state.now)
        if after is None or dataclasses.replace(after, body=before.body) != before or after.body == before.body:
            return None  # refused (the rebuild reports it), a header field changed, or nothing changed
        content, summary = article_body(after, generator.settings)
        fresh = copy.copy(old)
        fresh._content = content
        fresh.metadata = {**old.metadata, "summary": summary}
        fresh.source = after
        return old, fresh

    @staticmethod
    def _write(generator: ArticlesGenerator, writer: GuardedWriter, old: Any, fresh: Any) -> None:
        """``fresh``'s page, as Pelican's ``generate_articles`` or ``generate_drafts`` writes it."""
        more = {"all_articles": generator.articles} if old in generator.drafts else {}
        writer.write_file(
            fresh.save_as,
            generator.get_template(fresh.template),
            generator.context,
            relative_urls=generator.settings["RELATIVE_URLS"],
            article=fresh,
            category=getattr(fresh, "category", None),
            override_output=hasattr(fresh, "override_save_as"),
            url=fresh.url,
            blog=True,
            **more,
        )
