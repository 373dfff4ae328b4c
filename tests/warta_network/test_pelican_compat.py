"""What Warta KIM relies on in Pelican still holds for the pinned version, and standard signals keep their meaning.

Every private name ``warta_network.pelican_compat`` touches is checked here,
so a Pelican upgrade that moves one fails this test, naming it, instead of
breaking a build in some other way.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pelican
from pelican import signals
from pelican.readers import Readers
from pelican.settings import DEFAULT_CONFIG
from pelican.writers import Writer
from support.site import article, build_content, make_network

from warta_network import pelican_compat
from warta_network.pelican_compat import ARTICLE_LISTS, PAGE_LISTS, PageWrite
from warta_output.writer import MIN_JOBS_PER_WORKER

SIGNALS = (
    "initialized", "readers_init", "article_generator_finalized", "page_generator_finalized",
    "static_generator_finalized", "get_generators", "get_writer", "content_written", "finalized",
)  # fmt: skip


def parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_pinned_pelican_is_the_checked_one() -> None:
    assert pelican.__version__ == pelican_compat.PELICAN_VERSION


def test_writer_signatures_and_bookkeeping() -> None:
    assert parameters(Writer.write_file) == [
        "self", "name", "template", "context", "relative_urls", "paginated", "template_name", "override_output",
        "url", "kwargs",
    ]  # fmt: skip
    fields = list(PageWrite.__dataclass_fields__)
    assert fields[:-1] == parameters(Writer.write_file)[1:-1]  # PageWrite replays exactly these, then **kwargs
    assert parameters(Writer._open_w) == ["self", "filename", "encoding", "override"]
    writer = Writer("/tmp", settings={"RELATIVE_URLS": False, "SITEURL": ""})
    assert isinstance(writer._written_files, set)
    assert isinstance(writer._overridden_files, set)
    source = inspect.getsource(Writer.write_file)
    assert "self._open_w(path" in source  # our GuardedWriter decides where a page goes through _open_w
    assert "signals.content_written.send(path, context=localcontext)" in source


def test_pagination_signatures() -> None:
    """warta_listings.archive and warta_partners paginate through pelican_compat, by keyword."""
    from pelican.paginator import Page, Paginator
    from pelican.settings import DEFAULT_CONFIG

    assert parameters(Paginator.__init__) == ["self", "name", "url", "object_list", "settings", "per_page"]
    assert parameters(Page.__init__) == ["self", "name", "url", "object_list", "number", "paginator", "settings"]
    for name in ("count", "num_pages", "page_range", "page", "per_page", "orphans", "name", "url", "settings"):
        assert hasattr(Paginator("x/index.html", "x/", [1, 2, 3], DEFAULT_CONFIG, 2), name), name
    for name in ("save_as", "url", "has_next", "has_previous", "start_index", "end_index"):
        assert hasattr(Page, name), name  # what the templates and ArchivePage use
    page = Paginator("x/index.html", "x/", [1], DEFAULT_CONFIG, 1).page(1)
    assert (page.number, page.object_list, page.paginator.per_page) == (1, [1], 1)


def test_signals_and_reader_table() -> None:
    for name in SIGNALS:
        assert hasattr(signals, name), name
    assert isinstance(signals.content_written.receivers, dict)  # silenced in workers, announced in the main process
    settings = {**DEFAULT_CONFIG, "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}
    assert "static" in Readers(settings).reader_classes


def test_generator_attributes(tmp_path: Path) -> None:
    seen: dict[str, object] = {}

    def articles(generator) -> None:
        seen.update({name: getattr(generator, name) for name in ARTICLE_LISTS})
        seen["taxonomy types"] = (type(generator.categories), type(generator.tags), type(generator.authors))
        seen["generator"] = generator

    def pages(generator) -> None:
        seen.update({name: getattr(generator, name) for name in PAGE_LISTS})

    def static(generator) -> None:
        seen["staticfiles"] = generator.staticfiles
        seen["context_staticfiles"] = generator.context["staticfiles"]

    signals.article_generator_finalized.connect(articles)
    signals.page_generator_finalized.connect(pages)
    signals.static_generator_finalized.connect(static)
    try:
        content = make_network(tmp_path, {"kim/kim-uji-bagelen/2024/a.md": article()})
        build_content(content, tmp_path / "output")
    finally:
        signals.article_generator_finalized.disconnect(articles)
        signals.page_generator_finalized.disconnect(pages)
        signals.static_generator_finalized.disconnect(static)
    for name in (*ARTICLE_LISTS, *PAGE_LISTS, "staticfiles", "context_staticfiles"):
        assert isinstance(seen[name], list), name
    # drop_pelican_taxonomies replaces them with empty values of the types Pelican builds
    assert all(issubclass(kind, base) for kind, base in zip(seen["taxonomy types"], (list, dict, list), strict=True))
    generator = seen["generator"]
    assert (generator.categories, generator.tags, generator.authors) == ([], {}, [])
    assert len(seen["articles"]) == 1


def test_content_written_fires_in_the_main_process_for_every_page(tmp_path: Path) -> None:
    """A plugin that keeps state in memory (like a sitemap) sees every page, also those forked workers wrote."""
    written: list[str] = []

    def record(path, context) -> None:
        assert "output_file" in context
        written.append(path)

    files = {
        f"kim/kim-uji-bagelen/2024/berita-{n}.md": article(f"Berita {n}", f"2024-03-{1 + n % 28:02d} {n // 28:02d}:00")
        for n in range(120)
    }
    content = make_network(tmp_path, files)
    output = tmp_path / "output"
    signals.content_written.connect(record)
    try:
        build_content(content, output, WARTA_WORKERS=2)
    finally:
        signals.content_written.disconnect(record)
    pages = {str(p) for p in output.rglob("*.html") if "admin" not in p.relative_to(output).parts}
    assert len(pages) > 2 * MIN_JOBS_PER_WORKER  # enough for the writer to fork
    assert set(written) == pages
    assert len(written) == len(set(written))


def test_source_listing_hooks_match_pelican() -> None:
    """read_sources_from replaces ``get_files`` and ``check_disabled_readers`` on generator instances."""
    import pelican
    from pelican.generators import ArticlesGenerator, Generator, PagesGenerator, StaticGenerator

    assert list(inspect.signature(Generator.get_files).parameters) == ["self", "paths", "exclude", "extensions"]
    for generator_class in (ArticlesGenerator, PagesGenerator, StaticGenerator):
        assert list(inspect.signature(generator_class.check_disabled_readers).parameters) == ["self"]
    for generator_class in (ArticlesGenerator, PagesGenerator):
        assert "self.get_files(" in inspect.getsource(generator_class.generate_context)
    assert "p.check_disabled_readers()" in inspect.getsource(pelican.Pelican.run)
