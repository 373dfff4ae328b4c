"""Warta KIM network plugin: the content model and its strict validation.

Reads the network data (``content/_data``), the KIM profiles and every article
header before Pelican reads anything, and stops the build with one report in
Bahasa Indonesia when anything is wrong. Pelican alone would log a broken
article, skip it and exit 0; this plugin makes sure no article is ever
dropped silently.
"""

from __future__ import annotations

import hashlib
import logging
import os

from pelican import signals

from .assets import publish_only_checked_files, svg_generator
from .problems import NetworkCheckFailed, Problem, format_report
from .reader import RENDERED_KEY, STATE_KEY, WartaMarkdownReader
from .rendering import render_all
from .settings import apply_settings
from .validation import CheckResult, check_network

logger = logging.getLogger("warta_network")


class SettingsError(Exception):
    """Invalid plugin settings; the message lists every bad key."""

    exitcode = 1


def check_before_build(pelican) -> None:
    """Validate settings and the whole network; refuse to build on errors."""
    settings = pelican.settings
    errors = apply_settings(settings)
    if errors:
        raise SettingsError("\n" + "\n".join(errors))
    result = check_network(settings["PATH"], now=settings["WARTA_NOW"])
    root = os.path.dirname(os.path.abspath(settings["PATH"]))
    if not result.ok:
        raise NetworkCheckFailed(result.problems.items, root)
    if result.problems.warnings:
        logger.warning("warta_network: %s", format_report(result.problems.warnings, root))
    settings[STATE_KEY] = result
    settings[RENDERED_KEY] = render_all(result.articles, settings.get("CACHE_PATH"), settings["WARTA_WORKERS"])
    settings["NETWORK"] = result.network.info
    settings["SITENAME"] = result.network.info.name
    settings["SITESUBTITLE"] = result.network.info.description


def use_warta_reader(readers) -> None:
    """Ours is the only reader of sources: one path, through the check and the sanitiser.

    Pelican's own readers (reStructuredText, HTML, Markdown spelled ``.mkd``
    or ``.mdown``, and any a plugin adds) are removed, so a file the check
    did not accept as an article or page can never be read as one.
    """
    kept = {"static": readers.reader_classes.get("static")}
    readers.reader_classes.clear()
    readers.reader_classes.update({ext: cls for ext, cls in kept.items() if cls})
    for extension in WartaMarkdownReader.file_extensions:
        readers.reader_classes[extension] = WartaMarkdownReader


def attach_network_objects(generator) -> None:
    """Give each article its KIM, topics and regions, and prove none was dropped.

    Runs after Pelican read (or loaded from cache) every article; anything in
    the checked set that Pelican did not produce fails the build.
    """
    state: CheckResult = generator.settings[STATE_KEY]
    network = state.network
    produced = generator.articles + generator.drafts + generator.hidden_articles
    produced += generator.translations + generator.drafts_translations + generator.hidden_translations
    for article in produced:
        # Articles only reach Pelican through the check, so each has its checked source.
        article.page_digest = _digest(repr(state.articles[os.path.abspath(article.source_path)]))
        article.kim_profile = network.kims[article.kim]
        article.topics = [network.topics[slug] for slug in article.topic_slugs]
        article.regions = [network.registry.get(code) for code in article.desa_codes]
        article.breadcrumbs = network.registry.path(article.desa_codes[0])
        article.image_url = article.image_path.replace(os.sep, "/") if article.image_path else None
        article.entry_digest = _digest(
            article.url, article.title, article.date, article.summary, article.image_url, article.image_alt,
            article.kim_profile.name, article.regions[0].label,
        )  # fmt: skip
    # Pelican's category/tag/author pages are replaced by KIM, wilayah and topik listings; emptying these
    # spares its quadratic "which articles belong here" loops, which run even when nothing is written.
    generator.categories, generator.tags, generator.authors = [], {}, []
    produced_paths = {os.path.abspath(article.source_path) for article in produced}
    _refuse_if_dropped(sorted(set(state.articles) - produced_paths), generator.settings)


def prove_pages_read(generator) -> None:
    """Every checked page came out of Pelican (a reader failure cannot drop one)."""
    state: CheckResult = generator.settings[STATE_KEY]
    produced = generator.pages + generator.hidden_pages + generator.draft_pages
    _refuse_if_dropped(
        sorted(set(state.pages) - {os.path.abspath(p.source_path) for p in produced}), generator.settings
    )


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


def _digest(*parts: object) -> str:
    """Short stable fingerprint of what a page shows, for incremental writing."""
    return hashlib.sha1(repr(parts).encode()).hexdigest()


def register() -> None:
    """Connect receivers.

    ``initialized`` validates before any reading (and not in ``register``,
    whose exceptions Pelican only logs); ``readers_init`` makes our reader the
    only one; ``article_generator_finalized`` and ``page_generator_finalized``
    see every article and page, cached or not; ``static_generator_finalized``
    cuts Pelican's copy list to the checked files, and ``get_generators`` adds
    the writer of sanitised SVG.
    """
    signals.initialized.connect(check_before_build)
    signals.readers_init.connect(use_warta_reader)
    signals.article_generator_finalized.connect(attach_network_objects)
    signals.page_generator_finalized.connect(prove_pages_read)
    signals.static_generator_finalized.connect(publish_only_checked_files)
    signals.get_generators.connect(svg_generator)
