"""A normalised partner entry: the only shape partner news has after fetching.

Everything in it is plain text or a vetted http(s) URL. The cache stores it
as JSON; reading it back re-checks every field, so a hand-edited or damaged
cache cannot smuggle anything into a page either.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from .textclean import clean_text
from .urls import safe_http_url

IMAGE_FILE = re.compile(r"^[0-9a-f]{40}\.(jpg|png|gif|webp)$")
MAX_TITLE = 300
MAX_AUTHOR = 120
MAX_MATCH_TEXT = 2000
MAX_CATEGORIES = 20  # category terms kept per entry; a Warta KIM feed gives topics plus a few desa
MAX_CATEGORY = 64  # longer terms are neither region codes nor topic slugs, so they are dropped


def clean_categories(values: Any) -> list[str]:
    """Category terms as plain text: strings only, each once, at most 64 characters, at most 20."""
    if not isinstance(values, (list, tuple)):
        return []
    kept: dict[str, None] = {}
    for value in values[: MAX_CATEGORIES * 5]:
        term = clean_text(value[:1024]) if isinstance(value, str) else ""
        if term and len(term) <= MAX_CATEGORY:
            kept[term] = None
            if len(kept) == MAX_CATEGORIES:
                break
    return list(kept)


@dataclass
class Entry:
    """One partner news item as cached."""

    key: str  # stable: hash of the partner id and the entry's own id
    source_id: str  # the feed's id (guid) or link, for duplicate detection
    title: str
    link: str | None
    published: dt.datetime  # aware, UTC; never in the future
    date_estimated: bool  # True when the feed gave no usable date (first-seen time used)
    first_seen: dt.datetime
    summary: str = ""
    text: str = ""  # longer plain text, used only to map regions and topics, never shown
    author: str = ""
    image_url: str | None = None  # the partner's image address
    image_file: str | None = None  # our local copy, "<sha1>.<ext>" in the cache's image folder
    # Category terms of the feed entry; a Warta KIM feed's are desa codes and topic slugs (exact mapping).
    categories: list[str] = field(default_factory=list)
    updated: dt.datetime | None = None  # the feed's own "last changed" date (Atom <updated>), when it gives one
    revised: dt.datetime | None = None  # the fetch that found it changed upstream (update.merge_entries)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the two optional dates only when set, so older cache files read the same)."""
        data = asdict(self)
        for name in ("published", "first_seen", "updated", "revised"):
            value = getattr(self, name)
            if value is None:
                del data[name]
            else:
                data[name] = value.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Entry | None:
        """Re-check a cached entry; None when it is unusable."""
        if not isinstance(data, dict):
            return None
        try:
            published = _aware(dt.datetime.fromisoformat(str(data["published"])))
            first_seen = _aware(dt.datetime.fromisoformat(str(data["first_seen"])))
            key = str(data["key"])
            title = clean_text(str(data.get("title") or ""))[:MAX_TITLE]
        except (KeyError, ValueError, TypeError):
            return None
        if not re.fullmatch(r"[0-9a-f]{16,64}", key) or not title:
            return None
        image_file = data.get("image_file")
        return cls(
            key=key,
            source_id=str(data.get("source_id") or "")[:2048],
            title=title,
            link=safe_http_url(data.get("link")),
            published=published,
            date_estimated=bool(data.get("date_estimated")),
            first_seen=first_seen,
            summary=clean_text(str(data.get("summary") or ""))[:2000],
            text=clean_text(str(data.get("text") or ""))[:MAX_MATCH_TEXT],
            author=clean_text(str(data.get("author") or ""))[:MAX_AUTHOR],
            image_url=safe_http_url(data.get("image_url")),
            image_file=image_file if isinstance(image_file, str) and IMAGE_FILE.match(image_file) else None,
            categories=clean_categories(data.get("categories")),
            updated=_optional_date(data.get("updated")),
            revised=_optional_date(data.get("revised")),
        )


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _optional_date(value: Any) -> dt.datetime | None:
    """An optional cached date; anything unreadable is no date."""
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        return _aware(dt.datetime.fromisoformat(value))
    except ValueError:
        return None
