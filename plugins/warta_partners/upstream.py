"""What a partner's feed says about entries the cache already holds: changed, or withdrawn.

Rules, stated where they live:

- **Changed.** An entry the feed lists again replaces the cached one: its
  title, summary, link, image, author and categories are the feed's now;
  only when it was first seen is kept (and, for an entry without a usable
  date, the earliest estimate). It counts as *revised* when a shown field
  (title, summary, link, image address) or its Atom ``<updated>`` changed;
  ``Entry.revised`` then records the fetch, so a new image address is
  downloaded at once (``images.fetch_images``) and the old copy is deleted
  at the end of the run when no entry uses it any more. The order stays by
  publication date: a corrected story keeps its place, as on the portal
  that published it.
- **Withdrawn.** An RFC 6721 tombstone (:mod:`tombstones`) removes the
  cached entry whose id equals its ``ref``, or whose link equals its
  alternate link, and the removal is remembered (:class:`model.Removal`,
  shown on ``/mitra/status/``). Only that partner's own entries are looked
  at, so a feed cannot withdraw another partner's news, and an entry the
  same document still lists is kept (the feed contradicts itself; listing
  wins). A tombstone for an id the cache does not hold does nothing.
- **Gone quiet.** An entry that simply no longer appears in the feed is
  kept: feeds are windows on the latest news, not archives. Age and count
  limits (``update.trim``) decide when it leaves.
"""

from __future__ import annotations

import datetime as dt

from .entries import Entry
from .model import MAX_REMOVALS, REMOVAL_DAYS, Removal
from .tombstones import Tombstone
from .urls import link_key


def revised(before: Entry, after: Entry) -> bool:
    """Whether the feed changed a cached entry in a way readers see, or said so with its ``<updated>``."""
    shown = (before.title, before.summary, before.link, before.image_url)
    if shown != (after.title, after.summary, after.link, after.image_url):
        return True
    return before.updated is not None and after.updated is not None and before.updated != after.updated


def carry_over(before: Entry, entry: Entry, now: dt.datetime) -> bool:
    """Give the feed's new version of a cached entry what the cache knows; True when it was revised."""
    entry.first_seen = before.first_seen
    if entry.date_estimated:
        entry.published = min(before.published, entry.published)
    if entry.image_url == before.image_url:
        entry.image_file = before.image_file
    changed = revised(before, entry)
    entry.revised = now if changed else before.revised
    return changed


def apply_tombstones(
    entries: list[Entry], tombstones: list[Tombstone], listed: set[str], now: dt.datetime
) -> tuple[list[Entry], list[Removal]]:
    """``entries`` (one partner's) without those the tombstones withdraw, and what was removed (newest first).

    ``listed`` holds the keys of the entries the same document lists: those stay.
    """
    if not tombstones:
        return entries, []
    by_ref = {tombstone.ref: tombstone for tombstone in tombstones}
    by_link = {link_key(tombstone.link): tombstone for tombstone in tombstones if tombstone.link}
    kept: list[Entry] = []
    removed: list[Removal] = []
    for entry in entries:
        tombstone = None
        if entry.key not in listed:
            tombstone = by_ref.get(entry.source_id) or (by_link.get(link_key(entry.link)) if entry.link else None)
        if tombstone is None:
            kept.append(entry)
        else:
            removed.append(Removal(entry.title, tombstone.when, now, tombstone.comment))
    removed.sort(key=lambda removal: removal.withdrawn, reverse=True)
    return kept, removed


def recent_removals(removals: list[Removal], now: dt.datetime) -> list[Removal]:
    """The removals still worth showing: of the last ``REMOVAL_DAYS`` days, at most ``MAX_REMOVALS``."""
    since = now - dt.timedelta(days=REMOVAL_DAYS)
    return [removal for removal in removals if removal.removed >= since][:MAX_REMOVALS]
