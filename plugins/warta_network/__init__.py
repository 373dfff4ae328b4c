"""Warta KIM network plugin: the thin Pelican adapter of :mod:`warta_core`.

Runs the core's check (network data, KIM profiles, every article header)
before Pelican reads anything, and stops the build with one report in
Bahasa Indonesia when anything is wrong. Pelican alone would log a broken
article, skip it and exit 0; this plugin makes sure no article is ever
dropped silently. What speaks to Pelican, Markdown and nh3 lives here: the
reader, the renderer (registered for the core's check, see
``warta_core.renderer``), the sanitiser, SVG assets, the build state and
the compatibility module.
"""

from __future__ import annotations

import logging
import os

from pelican import signals

from warta_core.articles import ArticleSource
from warta_core.dates import build_now
from warta_core.digests import digest
from warta_core.problems import NetworkCheckFailed, Problem, format_report
from warta_core.validation import check_network

from .assets import publish_only_checked_files, svg_generator
from .pelican_compat import (
    drop_pelican_taxonomies,
    produced_articles,
    produced_pages,
    read_sources_from,
    use_only_reader,
)
from .reader import WartaMarkdownReader
from .rendering import render_all
from .settings_check import validate_settings
from .state import has_state, start_state, warta_state

logger = logging.getLogger("warta_network")


def check_before_build(pelican) -> None:
    """Validate settings and the whole network; refuse to build on errors."""
    settings = pelican.settings
    validate_settings(settings)  # every plugin's settings at once (config_options), before any reading
    now = build_now(settings["WARTA_NOW"], settings.get("TIMEZONE"))
    result = check_network(settings["PATH"], now=now, cache_dir=settings.get("CACHE_PATH"))
    root = os.path.dirname(os.path.abspath(settings["PATH"]))
    if not result.ok:
        raise NetworkCheckFailed(result.problems.items, root)
    if result.problems.warnings:
        logger.warning("warta_network: %s", format_report(result.problems.warnings, root))
    settings["NETWORK"] = result.network.info  # a template variable, like SITENAME
    settings["SITENAME"] = result.network.info.name
    settings["SITESUBTITLE"] = result.network.info.description
    state = start_state(settings, result, now)  # from here on, the settings are only read (refuse_written_settings)
    state.rendered = render_all(result.articles, settings.get("CACHE_PATH"), settings["WARTA_WORKERS"])


def refuse_written_settings(pelican) -> None:
    """``finalized``: fail the build when a plugin wrote to the settings after the check (a plugin bug).

    What plugins compute goes through the typed build state; settings a plugin derives from its options are
    set while validating (``derived_settings``), before the state starts.
    """
    written = warta_state(pelican.settings).settings_written() if has_state(pelican.settings) else []
    if written:
        raise RuntimeError(f"pengaturan diubah di tengah pembangunan (galat plugin): {', '.join(written)}")


def use_warta_reader(readers) -> None:
    """Ours is the only reader of sources: one path, through the check and the sanitiser.

    Pelican's own readers (reStructuredText, HTML, Markdown spelled ``.mkd``
    or ``.mdown``, and any a plugin adds) are removed, so a file the check
    did not accept as an article or page can never be read as one.
    """
    use_only_reader(readers, WartaMarkdownReader, WartaMarkdownReader.file_extensions)


def attach_network_objects(generator) -> None:
    """Give each article its KIM, topics and regions, and prove none was dropped.

    Runs after Pelican read (or loaded from cache) every article; anything in
    the checked set that Pelican did not produce fails the build.
    """
    state = warta_state(generator.settings)
    network = state.network
    produced = produced_articles(generator)
    for article in produced:
        # Articles only reach Pelican through the check (the reader refuses anything else), so each carries
        # its checked source, with the network's own objects: nothing is turned into codes and back.
        source: ArticleSource = article.source
        article.page_digest = digest(repr(source))
        article.kim, article.kim_profile = source.kim.slug, source.kim
        article.topic_slugs = list(source.topics)
        article.topics = [network.topics[slug] for slug in source.topics]
        article.desa_codes = [region.code for region in source.desa]
        article.regions = list(source.desa)
        article.breadcrumbs = network.registry.path(source.desa[0].code)
        article.image_path, article.image_alt = source.image, source.image_alt
        article.scheduled, article.feed_id = source.scheduled, source.feed_id
        article.image_url = article.image_path.replace(os.sep, "/") if article.image_path else None
        article.entry_digest = digest(
            article.url, article.title, article.date, article.summary, article.image_url, article.image_alt,
            article.kim_profile.name, article.regions[0].label,
        )  # fmt: skip
    # Pelican's category/tag/author pages are replaced by KIM, wilayah and topik listings; emptying these
    # spares its quadratic "which articles belong here" loops, which run even when nothing is written.
    drop_pelican_taxonomies(generator)
    produced_paths = {os.path.abspath(article.source_path) for article in produced}
    _refuse_if_dropped(sorted(set(state.articles) - produced_paths), generator.settings)


def prove_pages_read(generator) -> None:
    """Every checked page came out of Pelican (a reader failure cannot drop one)."""
    state = warta_state(generator.settings)
    produced = produced_pages(generator)
    _refuse_if_dropped(
        sorted(set(state.pages) - {os.path.abspath(p.source_path) for p in produced}), generator.settings
    )


def fingerprint_pages(generator) -> None:
    """Give each static page its fingerprint: what ``page.html`` shows of it (address, title, text)."""
    for page in produced_pages(generator):
        page.page_digest = digest(page.url, page.title, page.content)


def sources_from_the_check(generator) -> None:
    """Articles and pages are the files the check read (its inventory); Pelican does not walk content/ again."""
    files = warta_state(generator.settings).files
    read_sources_from(generator, files.articles, files.pages)


def _refuse_if_dropped(missing: list[str], settings) -> None:
    if missing:
        dropped = [
            Problem(
                path,
                None,
                "Berkas ini lolos pemeriksaan tetapi gagal dibaca Pelican, sehingga tidak terbit.",
                "Lihat pesan galat Pelican di atas; laporkan ke pengelola jaringan jika tidak jelas.",
            )
            for path in missing
        ]
        raise NetworkCheckFailed(dropped, os.path.dirname(os.path.abspath(settings["PATH"])))


def register() -> None:
    """Connect receivers.

    ``initialized`` validates before any reading (and not in ``register``,
    whose exceptions Pelican only logs); ``readers_init`` makes our reader the
    only one; ``generator_init`` hands the article and page generators the
    check's file list; ``article_generator_finalized`` and
    ``page_generator_finalized`` see every article and page, cached or not,
    and give each its fingerprint; ``static_generator_finalized`` cuts
    Pelican's copy list to the checked files, and ``get_generators`` adds the
    writer of sanitised SVG; ``finalized`` proves no plugin wrote to the
    settings after the check.
    """
    signals.initialized.connect(check_before_build)
    signals.readers_init.connect(use_warta_reader)
    signals.generator_init.connect(sources_from_the_check)
    signals.article_generator_finalized.connect(attach_network_objects)
    signals.page_generator_finalized.connect(prove_pages_read)
    signals.page_generator_finalized.connect(fingerprint_pages)
    signals.static_generator_finalized.connect(publish_only_checked_files)
    signals.get_generators.connect(svg_generator)
    signals.finalized.connect(refuse_written_settings)
