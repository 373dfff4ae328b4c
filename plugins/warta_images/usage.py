"""The photos' share of the built site, for the capacity forecast (``kim bangun``, ``kim terbitkan``).

Read from the build's :class:`markup.ImageIndex` after the build: what every published picture takes, and
for the articles of the last ``RATE_DAYS`` days how many show a photo and what their photos take with every
copy and once archived (``WARTA_IMAGES_ARCHIVE_DAYS``). The forecast itself is
:mod:`warta_publish.capacity`'s, pure; this module only adapts the build to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from warta_core.articles import PUBLISHED, ArticleSource
from warta_publish.capacity import RATE_DAYS, PhotoUsage, aware

from .markup import ImageIndex, Picture


def _pictures(index: ImageIndex, source: ArticleSource) -> list[Picture]:
    paths = [source.image, *(v.removeprefix("{static}/") for v in source.body_images.values())]
    return [p for p in map(index.get, paths) if p is not None]


def photo_usage(index: ImageIndex, sources: Iterable[ArticleSource], now: dt.datetime, archive_days: int) -> PhotoUsage:
    """What the photos take, and what the recent photo stories' photos take (all photo stories when none)."""
    start = aware(now) - dt.timedelta(days=RATE_DAYS)
    published = [s for s in sources if s.status == PUBLISHED and s.withdrawal is None]
    recent = [s for s in published if start < aware(s.date) <= aware(now)]
    with_photo = [pictures for s in recent if (pictures := _pictures(index, s))]
    sample = with_photo or [pictures for s in published if (pictures := _pictures(index, s))]
    full = sum(p.published_bytes for pictures in sample for p in pictures)
    archived = sum(p.archived_bytes for pictures in sample for p in pictures)
    stories = max(1, len(sample))
    total = sum(p.published_bytes for p in index.pictures.values())
    return PhotoUsage(total, len(recent), len(with_photo), full / stories, archived / stories, archive_days)
