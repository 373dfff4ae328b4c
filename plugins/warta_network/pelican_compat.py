"""Every place Warta KIM depends on Pelican's private behaviour, behind one door.

Pelican's public API is its settings and signals. What the plugins need
beyond that (generator attributes, the reader table, the writer's
bookkeeping, how a page write is called) is read or changed only here, and
``tests/warta_network/test_pelican_compat.py`` checks each of these names and signatures
against the pinned Pelican, so an upgrade that moves one fails a test
naming it instead of breaking a build.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.paginator import Page, Paginator
from pelican.writers import FileOverwriteFailedError, Writer

PELICAN_VERSION = "4.12.0"  # what the names below were checked against (pyproject.toml pins it)

# ArticlesGenerator: every list of articles it produced (`article_generator_finalized` sees them all).
ARTICLE_LISTS = ("articles", "drafts", "hidden_articles", "translations", "drafts_translations", "hidden_translations")
PAGE_LISTS = ("pages", "hidden_pages", "draft_pages")  # PagesGenerator's equivalent


# Pelican's pagination: the URLs, ``save_as`` and previous/next links of ``PAGINATION_PATTERNS`` come from its
# Paginator and Page; warta_listings.archive subclasses both (its own slicing), warta_partners pages with them.
__all__ = ["Page", "Paginator"]


def paginator(name: str, url: str, items: list[Any], settings: dict[str, Any], per_page: int) -> Paginator:
    """Pelican's paginator of ``items`` for the listing written at ``name`` (``url``), ``per_page`` a page."""
    return Paginator(name=name, url=url, object_list=items, settings=settings, per_page=per_page)


def new_page(page_class: type[Page], paginator: Paginator, items: list[Any], number: int) -> Page:
    """Page ``number`` of ``paginator`` holding ``items`` (Pelican's constructor, by keyword)."""
    return page_class(
        name=paginator.name,
        url=paginator.url,
        object_list=items,
        number=number,
        paginator=paginator,
        settings=paginator.settings,
    )


def produced_articles(generator) -> list[Any]:
    """Every article an ``ArticlesGenerator`` produced, published or not."""
    return [article for name in ARTICLE_LISTS for article in getattr(generator, name)]


def produced_pages(generator) -> list[Any]:
    """Every page a ``PagesGenerator`` produced."""
    return [page for name in PAGE_LISTS for page in getattr(generator, name)]


def remove_articles(generator, removed: Iterable[Any]) -> None:
    """Take ``removed`` out of every article list of an ``ArticlesGenerator`` and its ``dates``, in place.

    The lists are the very objects ``generate_context`` put in the context, so every later generator and
    template sees the articles gone (``article_generator_finalized``, before the pages are written).
    """
    gone = {id(article) for article in removed}
    for name in (*ARTICLE_LISTS, "dates"):
        items = getattr(generator, name, None)
        if isinstance(items, list):
            items[:] = [article for article in items if id(article) not in gone]


def drop_pelican_taxonomies(generator) -> None:
    """Empty the category, tag and author collections of an ``ArticlesGenerator``.

    Their pages are not written (KIM, wilayah and topik listings replace
    them), but Pelican still runs quadratic "which articles belong here"
    loops over them; the types are the ones ``generate_context`` builds.
    """
    generator.categories, generator.tags, generator.authors = [], {}, []


def use_only_reader(readers, reader_class: type, extensions: Iterable[str]) -> None:
    """Make ``reader_class`` Pelican's only reader of sources (``readers_init``); static files keep theirs."""
    static = readers.reader_classes.get("static")
    readers.reader_classes.clear()
    if static is not None:
        readers.reader_classes["static"] = static
    for extension in extensions:
        readers.reader_classes[extension] = reader_class


def read_sources_from(generator, articles: Iterable[str], pages: Iterable[str]) -> None:
    """Let the article and page generators take their sources from the check instead of walking content/ again.

    Pelican's ``get_files`` walks ``ARTICLE_PATHS``/``PAGE_PATHS`` (and, to
    warn about files of disabled readers, every path once more): about 2 s
    at 10,000 articles, for lists the check already made (absolute paths).
    The static generator keeps its own walk. The disabled-readers walk is
    skipped: the check refuses every file of a kind it does not read, so
    there is nothing left to warn about.
    """
    generator.check_disabled_readers = lambda: None
    sources = (
        articles
        if isinstance(generator, ArticlesGenerator)
        else pages
        if isinstance(generator, PagesGenerator)
        else None
    )
    if sources is not None:
        relative = {os.path.relpath(path, generator.path) for path in sources}
        generator.get_files = lambda paths, exclude=None, extensions=None: set(relative)


def static_files(generator) -> list[Any]:
    """The ``Static`` objects a ``StaticGenerator`` is about to copy."""
    return generator.staticfiles


def keep_static_files(generator, kept: list[Any]) -> None:
    """Let a ``StaticGenerator`` copy only ``kept`` (``static_generator_finalized``)."""
    generator.staticfiles[:] = kept
    generator.context["staticfiles"] = kept


@dataclass
class PageWrite:
    """One call of ``Writer.write_file``, kept to run later (possibly in another process)."""

    name: str
    template: Any
    context: dict[str, Any]
    relative_urls: bool = False
    paginated: dict[str, Any] | None = None
    template_name: str | None = None
    override_output: bool = False
    url: str | None = None
    kwargs: dict[str, Any] = field(default_factory=dict)

    def run(self, writer: Writer) -> None:
        """Write the page(s) with Pelican's own ``write_file`` (pagination, context, ``content_written``)."""
        Writer.write_file(
            writer,
            self.name,
            self.template,
            self.context,
            relative_urls=self.relative_urls,
            paginated=self.paginated,
            template_name=self.template_name,
            override_output=self.override_output,
            url=self.url,
            **self.kwargs,
        )


class _SilentTemplate:
    """A template stand-in whose rendering costs nothing: for announcing pages written elsewhere."""

    def __init__(self, template: Any) -> None:
        self.name = getattr(template, "name", None)

    def render(self, _context: dict[str, Any]) -> str:
        return ""


class GuardedWriter(Writer):
    """Pelican's writer with its two private needs in one place: the overwrite rules and the file it opens.

    ``open_page`` gives subclasses the file to write (e.g. one renamed into
    place whole); ``announce`` sends ``content_written`` for pages another
    process wrote, with the context Pelican would have given, in this process.
    """

    _announcing = False

    def open_page(self, filename: str, encoding: str):  # pragma: no cover - overridden
        """The file object a page is written to."""
        return open(filename, "w", encoding=encoding)

    def _open_w(self, filename, encoding, override=False):
        """Pelican's rules against writing one file twice, then ``open_page``."""
        if self._announcing:
            return open(os.devnull, "w", encoding=encoding)
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time')
            return open(os.devnull, "w", encoding=encoding)  # Pelican closes it
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" (set `override=True` if intended)')
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return self.open_page(filename, encoding)

    def announce(self, writes: Iterable[PageWrite]) -> None:
        """Send ``content_written`` in this process for pages written by a worker process."""
        if not signals.content_written.receivers:
            return  # nobody listens: skip the cost of building each page's context
        self._announcing = True
        try:
            for write in writes:
                silent = PageWrite(**{**write.__dict__, "template": _SilentTemplate(write.template)})
                silent.run(self)
        finally:
            self._announcing = False


def silence_content_written() -> Callable[[], None]:
    """In a worker process: drop ``content_written`` receivers (the main process announces the pages)."""
    receivers = dict(signals.content_written.receivers)
    signals.content_written.receivers.clear()

    def restore() -> None:
        signals.content_written.receivers.update(receivers)

    return restore
