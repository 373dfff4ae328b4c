"""Warta KIM images plugin: phone photos made light and private before they are published.

Every raster the check accepted is decoded and written again by Pillow
(orientation applied, no metadata) as WebP at 360 and 720 px and a largest
copy (long edge 1440 px), plus one 720 px JPEG (or PNG) for browsers without
WebP. The original is not published, not even resized: it stays in the
repository, and a link to it leads to the largest copy (issue 27: a network's
photos must fit free hosting for years). A photo shown only by articles older
than ``WARTA_IMAGES_ARCHIVE_DAYS`` keeps the copies up to 720 px.
Every article gets a share image of its own: a 1200x630 JPEG crop of its
cover photo when that is recent (an older cover's 720 px JPEG otherwise), else
a 1200x630 card drawn with its title, KIM and network while the story is
recent (published within ``WARTA_IMAGES_CARD_DAYS`` of the build: sharing
happens in a story's first weeks); after that it shares its KIM's card, or
gets a 600x315 PNG of its own with ``WARTA_IMAGES_OLD_STORY_CARDS``. An
illustration (SVG) cover is not rasterised: its story is treated as one
without a photo. Pages that are not stories get
cards that say what they are (:mod:`.pages`). Templates reach the results
through the ``gambar`` variable (:class:`markup.ImageIndex`, with
``gambar.page_card``); feeds and JSON-LD through ``article.share_image`` and
``article.feed_image``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import posixpath
import time
from collections.abc import Iterator
from typing import Any

from pelican import signals
from pelican.generators import Generator

from warta_core.articles import PUBLISHED
from warta_core.atomic import write_atomically
from warta_core.digests import extended
from warta_core.published import derived_image_path
from warta_core.withdrawals import withdrawn_only_files
from warta_network.outputfiles import copy_if_changed, output_key
from warta_network.pelican_compat import produced_articles
from warta_network.state import warta_state

from .derive import CACHE_DIR, Job, Made, card_key, file_key, run_jobs
from .markup import ImageIndex, Picture, Published, ShareImage
from .pages import FULL, SMALL, PageCard, page_cards
from .settings import archive_cutoff, card_cutoff, setting

logger = logging.getLogger("warta_images")
RASTER_KINDS = {"jpeg", "png", "gif", "webp", "heif"}


def start_index(pelican) -> None:
    """``initialized`` (after warta_network's check): from now on rasters are ours to publish, not Pelican's."""
    warta_state(pelican.settings).images = ImageIndex(siteurl=pelican.settings.get("SITEURL", ""))


def _published(url: str, made: Made) -> Published:
    return Published(url, made.width, made.height, made.mime, made.length)


def derive_images(generator) -> None:
    """``article_generator_finalized``: make (or find in the cache) every derived image, and attach them."""
    started = time.perf_counter()
    settings = generator.settings
    state = warta_state(settings)
    index: ImageIndex = state.images
    content = state.network.content_path
    cache = os.path.join(settings.get("CACHE_PATH") or "cache", CACHE_DIR)
    gone = withdrawn_only_files(state.articles.values(), content)  # a withdrawn story's photos are not published
    rasters = {p: k for p, k in sorted(state.files.assets.items()) if k in RASTER_KINDS and p not in gone}
    articles = produced_articles(generator)
    archived = archived_images(articles, content, archive_cutoff(settings, state.now))
    covers = {os.path.join(content, a.image_path) for a in articles if a.image_path}
    jobs: dict[str, Job] = {}
    for path, kind in rasters.items():
        tier = "archive" if path in archived else "image"
        jobs[path] = Job(file_key(path, tier), tier, path, kind)
        if path in covers and tier == "image":
            jobs[path + "#share"] = Job(file_key(path, "share"), "share", path, kind)
    network_name = state.info.name
    for article, what in story_cards(articles, rasters, content, settings, state.now):
        text = (article.kim_profile.name, article.title, network_name)
        jobs[article.source_path + "#card"] = Job(card_key(what, *text), what, text=text)
    published = [a for a in articles if a.status == PUBLISHED]
    pages = page_cards(state.network, published, state.outside_news_regions, state.now)
    for page in pages:
        jobs[f"page:{page.url}#card"] = Job(card_key(page.what, *page.text), page.what, text=page.text)
    results = run_jobs(list(jobs.values()), cache, settings["WARTA_WORKERS"])
    for path in rasters:
        _add_picture(index, cache, content, path, jobs, results)
    for page in pages:
        _add_page_card(index, cache, page, jobs[f"page:{page.url}#card"], results)
    for article in articles:
        _attach(article, index, cache, jobs, results, network_name)
    generator.context["gambar"] = index
    cards = sum(1 for job in jobs.values() if job.what in (FULL, SMALL))
    logger.info("warta_images: %d images (%d archived), %d share images, %d drawn cards in %.2fs", len(rasters),
                len(archived & rasters.keys()), len(articles), cards, time.perf_counter() - started)  # fmt: skip


def story_cards(
    articles: list[Any], rasters: dict[str, str], content: str, settings: dict[str, Any], now: dt.datetime
) -> Iterator[tuple[Any, str]]:
    """``(article, FULL or SMALL)`` for each story that gets a card of its own.

    A story without a raster cover published within ``WARTA_IMAGES_CARD_DAYS`` gets a 1200x630 card; an older
    one shares its KIM's card unless ``WARTA_IMAGES_OLD_STORY_CARDS`` gives it a 600x315 one (10,000 stories
    without photos were 11,700 cards to draw on a cold build and 1.2 more files per story). A clarification's
    og:image is its verdict card (warta_cekfakta): a card of its own would go unseen.
    """
    cutoff = card_cutoff(settings, now)
    old_cards = setting(settings, "WARTA_IMAGES_OLD_STORY_CARDS")
    for article in articles:
        if article.image_path is not None and os.path.join(content, article.image_path) in rasters:
            continue
        if article.source.factcheck is not None:
            continue
        if cutoff is not None and article.date >= cutoff:
            yield article, FULL
        elif old_cards:
            yield article, SMALL


def shown_images(article) -> list[str]:
    """Content-relative paths of the images an article shows or links to: its cover, then its body's."""
    body = [v.removeprefix("{static}/") for v in article.source.body_images.values()]
    return [article.image_path, *body] if article.image_path else body


def archived_images(articles, content: str, cutoff: dt.datetime | None) -> set[str]:
    """Absolute paths of the images shown only by articles dated before ``cutoff`` (None: no image is archived).

    An image no article shows (a page's, say) is not archived: only a story's date says it is old.
    """
    if cutoff is None:
        return set()
    newest: dict[str, dt.datetime] = {}
    for article in articles:
        for path in shown_images(article):
            absolute = os.path.join(content, path)
            newest[absolute] = max(newest.get(absolute, article.date), article.date)
    return {path for path, date in newest.items() if date < cutoff}


def _add_page_card(index: ImageIndex, cache: str, page: PageCard, job: Job, results) -> None:
    """Publish a page's card beside the page (``<page>/bagikan-<key8>.<jpg|png>``) and note it for the template."""
    index.page_cards[page.url] = ShareImage(_card_file(index, cache, job, results, page.url), page.alt)


def _card_file(index: ImageIndex, cache: str, job: Job, results, folder: str) -> Published:
    """Publish a drawn card in ``folder`` (a page's URL, "" or ending in "/") as ``bagikan-<key8>.<jpg|png>``."""
    made = results[job.key][0]
    url = f"{folder}bagikan-{job.key[:8]}{os.path.splitext(made.name)[1]}"
    index.copies.append((os.path.join(cache, job.key, made.name), url))
    return _published(url, made)


def _add_picture(index: ImageIndex, cache: str, content: str, path: str, jobs, results) -> None:
    """Publish an image's derived copies (HEIC, PNG or JPEG alike: never the file at its own address)."""
    relative = os.path.relpath(path, content).replace(os.sep, "/")
    job = jobs[path]
    variants = []
    for item in results[job.key]:
        url = derived_image_path(relative, job.key, item.name)
        index.copies.append((os.path.join(cache, job.key, item.name), url))
        variants.append(_published(url, item))
    variants.sort(key=lambda v: (v.width, v.mime))
    picture = Picture(relative, variants)
    share = jobs.get(path + "#share")
    if share is not None:
        url = derived_image_path(relative, share.key, "bagikan.jpg")
        index.copies.append((os.path.join(cache, share.key, "bagikan.jpg"), url))
        picture.share = _published(url, results[share.key][0])
    index.pictures[relative] = picture


def _attach(article, index: ImageIndex, cache: str, jobs, results, network_name: str) -> None:
    """Share and feed images on the article; its page and listing fingerprints follow the images' keys.

    The page's fingerprint holds its og:image's address (which holds the card's key), so an article whose
    1200x630 card gives way to its KIM's card, once it is older than ``WARTA_IMAGES_CARD_DAYS``, is
    written again; its old card is then no longer copied and the copier removes it from the output.
    """
    picture = index.get(article.image_path)
    card = jobs.get(article.source_path + "#card")
    article.feed_image = None
    if picture is not None:  # a recent cover's 1200x630 crop, an older one's 720 px JPEG (WhatsApp shows either)
        article.share_image = ShareImage(picture.share or picture.fallback, article.image_alt)
        article.feed_image = picture.fallback  # feeds' enclosure and media:thumbnail: never larger than 720 px
    elif card is not None:
        published = _card_file(index, cache, card, results, posixpath.dirname(article.save_as) + "/")
        alt = f"Kartu berita berjudul “{article.title}” dari {article.kim_profile.name}, {network_name}"
        article.share_image = ShareImage(published, alt)
    elif article.source.factcheck is not None:  # its verdict card (warta_cekfakta) is its og:image
        article.share_image = None
    else:  # an older story without a photo: its KIM's card
        article.share_image = index.page_cards.get(article.kim_profile.url)
    pictures = [p for p in map(index.get, shown_images(article)) if p is not None]
    share = article.share_image.image.url if article.share_image else ""
    keys = [share] + [p.variants[0].url for p in pictures]
    article.page_digest = extended(article.page_digest, keys)
    # Listings show the cover (or first image), never the og:image: a card that ages out re-renders no listing.
    article.entry_digest = extended(article.entry_digest, keys[1:2])


def _write_list(path: str, names: set[str]) -> None:
    write_atomically(path, json.dumps(sorted(names)).encode("utf-8"))


class DerivedImageGenerator(Generator):
    """Copies the derived images from the cache to the output and removes the ones no longer derived.

    What it may have written is listed in the cache before the first copy (the old list plus the new),
    so a build killed half-way leaves no derived image that the next build does not know to remove.
    """

    def generate_output(self, writer) -> None:
        """Write every derived image atomically (equal files are left alone); delete stale ones."""
        del writer  # not pages: copied directly
        index = warta_state(self.settings).images
        output = os.path.abspath(self.output_path)
        tag = output_key(output)[:12]
        listing = os.path.join(self.settings.get("CACHE_PATH") or "cache", CACHE_DIR, f"published-{tag}.json")
        try:
            with open(listing, encoding="utf-8") as handle:
                before = set(json.load(handle))
        except (OSError, ValueError):
            before = set()
        now = {relative for _source, relative in index.copies}
        os.makedirs(os.path.dirname(listing), exist_ok=True)
        _write_list(listing, before | now)
        for source, relative in index.copies:
            copy_if_changed(source, output, relative)
        for relative in sorted(before - now):
            stale = os.path.normpath(os.path.join(output, relative))
            if stale.startswith(output + os.sep) and os.path.isfile(stale):
                os.remove(stale)
        _write_list(listing, now)


def image_generator(_pelican) -> type[Generator]:
    """``get_generators``: add the writer of derived images."""
    return DerivedImageGenerator


def register() -> None:
    """Connect receivers.

    ``initialized`` runs after warta_network's check (PLUGINS order) and marks
    rasters as this plugin's to publish; ``article_generator_finalized`` sees
    every article (cached or not) after warta_network attached its objects,
    before any page is written; ``get_generators`` adds the copier.
    """
    signals.initialized.connect(start_index)
    signals.article_generator_finalized.connect(derive_images)
    signals.get_generators.connect(image_generator)
