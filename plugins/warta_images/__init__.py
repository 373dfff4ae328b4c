"""Warta KIM images plugin: phone photos made light and private before they are published.

Every raster the check accepted is decoded and written again by Pillow
(orientation applied, no metadata), at its own address (long edge at most
2048 px) and in responsive widths as WebP plus a JPEG or PNG fallback;
every article gets a 1200x630 JPEG share image: cropped from its cover
photo, else drawn as a card with its title when it is recent (published
within ``WARTA_IMAGES_CARD_DAYS`` of the build: sharing happens in a
story's first weeks), else the network's one card. Templates reach the results
through the ``gambar`` variable (:class:`markup.ImageIndex`); feeds and
JSON-LD through ``article.share_image`` and ``article.feed_image``.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
import time

from pelican import signals
from pelican.generators import Generator

from warta_core.atomic import write_atomically
from warta_core.digests import extended
from warta_core.published import derived_image_path, published_image_path
from warta_core.withdrawals import withdrawn_only_files
from warta_network.outputfiles import copy_if_changed, output_key
from warta_network.pelican_compat import produced_articles
from warta_network.state import warta_state

from .derive import CACHE_DIR, Job, Made, card_key, file_key, run_jobs
from .markup import ImageIndex, Picture, Published, ShareImage
from .settings import card_cutoff

logger = logging.getLogger("warta_images")
RASTER_KINDS = {"jpeg", "png", "gif", "webp", "heif"}
FEED_WIDTH = 1080  # feeds' enclosure and media:thumbnail: a capped variant, never the original
NETWORK_CARD = "network#card"  # the job of the network's card, made once for every older article


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
    covers = {os.path.join(content, a.image_path) for a in articles if a.image_path}
    jobs: dict[str, Job] = {}
    for path, kind in rasters.items():
        jobs[path] = Job(file_key(path, "image"), "image", path, kind)
        if path in covers:
            jobs[path + "#share"] = Job(file_key(path, "share"), "share", path, kind)
    network_name = state.info.name
    cutoff = card_cutoff(settings, state.now)
    for article in articles:
        if article.image_path is not None and os.path.join(content, article.image_path) in rasters:
            continue
        # A clarification's og:image is its verdict card (warta_cekfakta): a card of its own would go unseen.
        if cutoff is not None and article.date >= cutoff and article.source.factcheck is None:
            text = (article.title, article.kim_profile.name, network_name)
            jobs[article.source_path + "#card"] = Job(card_key("card", *text), "card", text=text)
        elif NETWORK_CARD not in jobs:
            text = (network_name, state.info.description)
            jobs[NETWORK_CARD] = Job(card_key("network", *text), "network", text=text)
    results = run_jobs(list(jobs.values()), cache, settings["WARTA_WORKERS"])
    for path, kind in rasters.items():
        _add_picture(index, cache, content, path, kind, jobs, results)
    network_card = _network_card(index, cache, jobs.get(NETWORK_CARD), results, network_name)
    for article in articles:
        _attach(article, index, cache, jobs, results, network_name, network_card)
    generator.context["gambar"] = index
    cards = sum(1 for job in jobs.values() if job.what == "card")
    logger.info("warta_images: %d images, %d share images (%d own cards) in %.2fs", len(rasters), len(articles),
                cards, time.perf_counter() - started)  # fmt: skip


def _network_card(index: ImageIndex, cache: str, job: Job | None, results, network_name: str) -> ShareImage | None:
    """The network's card, published once at the site root, when an article uses it."""
    if job is None:
        return None
    url = f"bagikan-jaringan-{job.key[:8]}.jpg"
    index.copies.append((os.path.join(cache, job.key, "bagikan.jpg"), url))
    description = job.text[1]
    alt = f"Kartu {network_name}: {description}" if description else f"Kartu {network_name}"
    return ShareImage(_published(url, results[job.key][0]), alt)


def _add_picture(index: ImageIndex, cache: str, content: str, path: str, kind: str, jobs, results) -> None:
    relative = os.path.relpath(path, content).replace(os.sep, "/")
    job = jobs[path]
    made = {m.name: m for m in results[job.key]}
    full_url = published_image_path(relative, kind)  # HEIC gains .jpg (browsers cannot show it); the check agrees
    index.copies.append((os.path.join(cache, job.key, "full"), full_url))
    variants = []
    for name, item in made.items():
        if name != "full":
            url = derived_image_path(relative, job.key, name)
            index.copies.append((os.path.join(cache, job.key, name), url))
            variants.append(_published(url, item))
    variants.sort(key=lambda v: (v.width, v.mime))
    picture = Picture(relative, _published(full_url, made["full"]), variants)
    share = jobs.get(path + "#share")
    if share is not None:
        url = derived_image_path(relative, share.key, "bagikan.jpg")
        index.copies.append((os.path.join(cache, share.key, "bagikan.jpg"), url))
        picture.share = _published(url, results[share.key][0])
    index.pictures[relative] = picture


def _attach(article, index: ImageIndex, cache: str, jobs, results, network_name: str, network_card) -> None:
    """Share and feed images on the article; its page and listing fingerprints follow the images' keys.

    The page's fingerprint holds its og:image's address (which holds the card's key), so an article whose
    own card gives way to the network's card, once it is older than ``WARTA_IMAGES_CARD_DAYS``, is
    written again; its old card is then no longer copied and the copier removes it from the output.
    """
    picture = index.get(article.image_path)
    card = jobs.get(article.source_path + "#card")
    if picture is not None and picture.share is not None:
        article.share_image = ShareImage(picture.share, article.image_alt)
        capped = [v for v in picture.variants if v.mime != "image/webp" and v.width <= FEED_WIDTH]
        article.feed_image = capped[-1]
    elif card is None:
        article.share_image = network_card
        article.feed_image = None
    else:
        url = f"{posixpath.dirname(article.save_as)}/bagikan-{card.key[:8]}.jpg"
        index.copies.append((os.path.join(cache, card.key, "bagikan.jpg"), url))
        alt = f"Kartu berita berjudul “{article.title}” dari {article.kim_profile.name}, {network_name}"
        article.share_image = ShareImage(_published(url, results[card.key][0]), alt)
        article.feed_image = None
    shown = [article.image_path] + [v.removeprefix("{static}/") for v in article.source.body_images.values()]
    keys = [article.share_image.image.url] + [p.variants[0].url for p in map(index.get, shown) if p is not None]
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
