"""Pelican generator writing feeds, subscription lists, sitemaps and robots.txt.

It runs after warta_listings and uses the same ``listings`` so that every
listing page ``X/`` has one feed per :data:`~.formats.FEED_FORMATS`
(``X/atom.xml``, ``X/rss.xml`` and ``X/feed.json``) with the same first items.
Files are only rewritten when their bytes change.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from pelican.generators import Generator

from warta_core.regions import DESA, KABUPATEN, KECAMATAN
from warta_network.outputfiles import queue_or_write, write_if_changed
from warta_network.state import warta_state

from .formats import ATOM_FEED, FEED_FORMATS, JSON_FEED, RSS_FEED, FeedMeta, Tombstone, atom_feed, json_feed, rss_feed
from .items import FeedItem, absolute, event_item, feed_item
from .outlines import Subscription, news_sitemap, opml, robots, sitemap
from .structured import breadcrumb_list, news_article, policy_page

logger = logging.getLogger("warta_syndication")
SHARE_IMAGE = "img/bagikan.png"
NEWS_SITEMAP_WINDOW = dt.timedelta(days=2)


def tombstone(article, base: str) -> Tombstone:
    """The RFC 6721 tombstone of a withdrawn story: its feed id, when, and the reason in words."""
    withdrawal = article.source.withdrawal
    comment = f"Berita dicabut: {withdrawal.reason.label}. {withdrawal.explanation}"
    return Tombstone(article.feed_id, withdrawal.date, comment, absolute(base, article.url))


def announced(listing, since: dt.datetime | None) -> list:
    """The withdrawn stories ``listing``'s Atom feed announces: those withdrawn since ``since``, newest first."""
    if since is None:
        return []
    gone = [article for article in listing.withdrawn if article.source.withdrawal.date >= since]
    return sorted(gone, key=lambda article: article.source.withdrawal.date, reverse=True)


def full_content(listing) -> bool:
    """Whether a listing's feeds carry whole articles (issue 17).

    Readers and newsrooms subscribe to the network, provinsi, kabupaten/kota,
    KIM, topic and fact-check feeds, which carry the body; kecamatan and desa
    feeds, one or two per article on top of those, carry title, summary,
    cover, categories and link.
    """
    region = listing.context.get("region") if listing.template == "wilayah" else None
    return region is None or region.level not in (KECAMATAN, DESA)


def has_feeds(listing) -> bool:
    """Whether a listing offers feeds: all do, except a kecamatan or desa with no story.

    Such a feed would be an empty file, which readers' apps and feed checkers flag; the page points to the
    nearest news instead (warta_listings).
    """
    if listing.articles or listing.withdrawn or listing.template != "wilayah":
        return True
    return listing.context["region"].level not in (KECAMATAN, DESA)


def json_full_content(listing) -> bool:
    """Whether a listing's JSON Feed carries whole articles: the network's, a kabupaten/kota's and the log only.

    Atom and RSS are where readers' apps and newsrooms subscribe, so they keep the body wherever
    :func:`full_content` says; JSON Feed, a third copy of every body, carries it for the network and each
    kabupaten/kota (the feeds a portal aggregates) and summaries elsewhere (issue 27: output per article).
    """
    if listing.template in ("index", "ralat"):
        return True
    region = listing.context.get("region") if listing.template == "wilayah" else None
    return region is not None and region.level == KABUPATEN


class SyndicationGenerator(Generator):
    """Feeds for every listing, OPML, the subscribe page, sitemaps and robots.txt."""

    def generate_context(self) -> None:
        """Expose absolute URLs and structured-data helpers to every template."""
        state = warta_state(self.settings)
        base, network = state.absolute_url, state.network
        share_image = absolute(base, f"{self.settings['THEME_STATIC_DIR']}/{SHARE_IMAGE}")
        self.context["ABSOLUTE_URL"] = base
        self.context["SHARE_IMAGE"] = share_image
        policy = self.context["POLICY_URL"] = policy_page(state.pages.values())  # None: no policy page to link
        self.context["article_jsonld"] = lambda article: news_article(
            article, base, network.info.name, share_image, policy
        )
        self.context["breadcrumb_jsonld"] = lambda regions: {
            "@context": "https://schema.org",
            **breadcrumb_list(base, regions),
        }

    def generate_output(self, writer) -> None:
        """Queue every listing's feeds (skipped when unchanged), then write lists and sitemaps."""
        state = warta_state(self.settings)
        network, base = state.network, state.absolute_url
        limit = self.settings["FEED_MAX_ITEMS"]
        articles = self.context["articles"]
        newest = articles[0].date if articles else dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
        rights = self.rights(network.info)
        items: dict[int, FeedItem] = {}  # per process: a forked writer fills its own

        def item(article) -> FeedItem:
            if id(article) not in items:
                items[id(article)] = feed_item(article, base, self.settings, network)
            return items[id(article)]

        def write_feeds(listing, entries_of: Callable[[], list[FeedItem]], full: bool, gone: tuple = ()) -> None:
            entries = entries_of()  # made in the job: a forked writer makes only the feeds it writes
            title = listing.title if not listing.url else f"{listing.title} — {network.info.name}"
            meta = FeedMeta(
                title=title,
                description=listing.description or network.info.description,
                page_url=absolute(base, listing.url),
                atom_url=absolute(base, ATOM_FEED.at(listing.url)),
                rss_url=absolute(base, RSS_FEED.at(listing.url)),
                json_url=absolute(base, JSON_FEED.at(listing.url)),
                rights=rights,
                updated=max((entry.updated for entry in entries), default=newest),
                hub=network.info.websub_hub,
                full_content=full,
            )
            write_if_changed(self.output_path, RSS_FEED.at(listing.url), rss_feed(meta, entries))
            json_meta = replace(meta, full_content=full and json_full_content(listing))
            write_if_changed(self.output_path, JSON_FEED.at(listing.url), json_feed(json_meta, entries))
            if gone:  # a withdrawal is news for aggregators: the feed is updated when it is announced
                meta = replace(meta, deleted=gone, updated=max(meta.updated, *(g.when for g in gone)))
            write_if_changed(self.output_path, ATOM_FEED.at(listing.url), atom_feed(meta, entries))

        queued = 0
        for listing in state.listings:
            if not has_feeds(listing):
                continue
            chosen = (listing.articles if listing.feed_articles is None else listing.feed_articles)[:limit]
            full = full_content(listing)
            gone = tuple(tombstone(article, base) for article in announced(listing, state.tombstones_since))
            fingerprint = (
                "feeds", listing.url, listing.title, listing.description, rights, network.info.websub_hub, full,
                None if chosen else newest, tuple(article.page_digest for article in chosen), gone,
            )  # fmt: skip
            job = partial(write_feeds, listing, partial(list, map(item, chosen)), full, gone)
            queued += queue_or_write(writer, [feed.at(listing.url) for feed in FEED_FORMATS], fingerprint, job)
        for log in state.correction_log:  # warta_ralat's /ralat/ pages: one entry per correction, reply, withdrawal
            events = log.events[:limit]
            fingerprint = ("log-feeds", log.url, log.title, log.description, rights, network.info.websub_hub,
                           None if events else newest, events)  # fmt: skip
            job = partial(write_feeds, log, partial(list, (event_item(event, base) for event in events)), True)
            queued += queue_or_write(writer, [feed.at(log.url) for feed in FEED_FORMATS], fingerprint, job)
        self.write_subscriptions(writer, network, base, newest)
        self.write_sitemaps(network, base, articles)
        logger.info("warta_syndication: feeds of %d listings queued", queued)

    @staticmethod
    def rights(info) -> str:
        """Licence statement carried by every feed."""
        if not info.licence_name:
            return f"Hak cipta pada KIM penulis masing-masing, {info.name}."
        return (
            f"Berita {info.name} dilisensikan {info.licence_name} ({info.licence_url}): "
            "boleh disebarluaskan ulang dengan menyebut KIM penulisnya dan menautkan berita aslinya."
        )

    def subscription(self, listing, base: str) -> Subscription:
        """The subscribable view of a listing."""
        return Subscription(
            title=listing.title,
            page_url=absolute(base, listing.url),
            rss_url=absolute(base, RSS_FEED.at(listing.url)),
            atom_url=absolute(base, ATOM_FEED.at(listing.url)),
            json_url=absolute(base, JSON_FEED.at(listing.url)),
            description=listing.description,
        )

    def write_subscriptions(self, writer, network, base: str, newest: dt.datetime) -> None:
        """``/langganan/`` with every feed, ``semua.opml`` and one OPML per kabupaten/kota."""
        by_kind: dict[str, list] = {
            "index": [], "kabupaten": [], "kecamatan": [], "kim": [], "topik": [], "cek_fakta": [], "aspirasi": [],
        }  # fmt: skip
        for listing in warta_state(self.settings).listings:
            if not has_feeds(listing):
                continue
            if listing.template == "wilayah":
                level = listing.context["region"].level
                if level in (KABUPATEN, KECAMATAN):
                    by_kind["kabupaten" if level == KABUPATEN else "kecamatan"].append(listing)
            else:
                by_kind[listing.template].append(listing)
        owner = network.info.name
        kims = [self.subscription(listing, base) for listing in by_kind["kim"]]
        self.write_outline(writer, "langganan/semua.opml", opml(f"Semua KIM — {owner}", kims, newest, owner))
        kabupaten_lists = []
        for listing in by_kind["kabupaten"]:
            region = listing.context["region"]
            province = network.registry.get(region.parent_code)
            filename = f"langganan/{province.slug}-{region.slug}.opml"
            members = [
                self.subscription(kim_listing, base)
                for kim_listing in by_kind["kim"]
                if kim_listing.context["kim"].desa.code.startswith(region.code + ".")
            ]
            self.write_outline(writer, filename, opml(f"KIM di {region.label} — {owner}", members, newest, owner))
            kabupaten_lists.append((region, filename, len(members)))
        writer.write_file(
            "langganan/index.html",
            self.get_template("langganan"),
            self.context,
            self.settings["RELATIVE_URLS"],
            url="langganan/",
            network_feed=by_kind["index"][0],
            kabupaten_feeds=by_kind["kabupaten"],
            kecamatan_feeds=by_kind["kecamatan"],
            kim_feeds=by_kind["kim"],
            topic_feeds=by_kind["topik"],
            factcheck_feeds=by_kind["cek_fakta"],
            aspiration_feeds=by_kind["aspirasi"],
            correction_logs=warta_state(self.settings).correction_log,
            kabupaten_opml=kabupaten_lists,
        )

    def write_outline(self, writer, name: str, data: bytes) -> None:
        """One OPML file, through the writer: its store deletes the file once no build produces it (a KIM gone)."""
        queue_or_write(writer, [name], ("opml", data), partial(write_if_changed, self.output_path, name, data))

    def write_sitemaps(self, network, base: str, articles: list) -> None:
        """``sitemap.xml``, the Google News sitemap of the last two days, and ``robots.txt``."""
        entries: list[tuple[str, dt.datetime | None]] = []
        state = warta_state(self.settings)
        for url in ("kim/", "wilayah/", "topik/", "langganan/", *state.extra_pages):
            entries.append((absolute(base, url), None))
        for listing in state.listings:
            newest = listing.articles[0].date if listing.articles else None
            entries.append((absolute(base, listing.url), newest))
        for page in self.context.get("pages", []):
            entries.append((absolute(base, page.url), None))
        for article in articles:
            modified = getattr(article, "modified", None) or article.date
            entries.append((absolute(base, article.url), modified))
        write_if_changed(self.output_path, "sitemap.xml", sitemap(entries))
        now = state.now
        recent = [(absolute(base, a.url), a.title, a.date) for a in articles if now - a.date <= NEWS_SITEMAP_WINDOW]
        write_if_changed(self.output_path, "sitemap-berita.xml", news_sitemap(network.info.name, recent))
        write_if_changed(self.output_path, "robots.txt", robots(base))
