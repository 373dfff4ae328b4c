"""Feed bytes to normalised entries.

feedparser reads RSS and Atom of every vintage and survives broken XML, but
it must never fetch (no timeout, no size cap) and never see entity
declarations (see :mod:`xmlsafe`). So the bytes arrive here already fetched
and capped; they are converted to UTF-8 the way feedparser would (HTTP
charset, BOM, XML declaration, fallbacks), the prolog is neutralised, and
only then does feedparser parse them. Each entry becomes plain text plus
vetted http(s) URLs.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from typing import Any

import feedparser
from feedparser.encodings import convert_to_utf8

from .entries import MAX_AUTHOR, MAX_MATCH_TEXT, MAX_TITLE, Entry, clean_categories
from .textclean import clean_text, first_image_source, markup_to_text, shorten
from .tombstones import Tombstones, read_tombstones
from .urls import safe_http_url
from .xmlsafe import neutralise_declarations

MAX_ENTRIES_READ = 500  # entries of one document looked at; feeds list newest first
EARLIEST_PLAUSIBLE = dt.datetime(1995, 1, 1, tzinfo=dt.UTC)  # before any news feed existed
FUTURE_TOLERANCE = dt.timedelta(minutes=10)
_ASCII_DECLARATION = re.compile(rb"^\s*<\?xml\s")
_WIDE_ENCODING = re.compile(rb"""(encoding\s*=\s*["'])(?:utf-?16|utf-?32|ucs-?2|ucs-?4)[^"']*(["'])""", re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+")
_EMAIL_WITH_NAME = re.compile(r"^\s*\S+@\S+\s*\((.+)\)\s*$")
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/jpg", "image/pjpeg")


@dataclass
class ParsedFeed:
    """Entries of one document, and whether the document was usable at all."""

    entries: list[Entry] = field(default_factory=list)
    usable: bool = True
    skipped: int = 0  # entries without a title
    problem: str | None = None  # Indonesian, when the document could not be read as a feed
    tombstones: Tombstones = field(default_factory=Tombstones)  # RFC 6721 withdrawals the document announces


def to_utf8(body: bytes, content_type: str) -> bytes:
    """The document re-encoded as UTF-8, using feedparser's own rules for the source encoding.

    One lie is corrected first: a declaration naming UTF-16/32 in a document whose first bytes are plain
    ASCII ``<?xml`` cannot be true (those encodings would put NUL bytes or a BOM there), and believing it
    would turn the whole feed into noise.
    """
    if _ASCII_DECLARATION.match(body):
        body = _WIDE_ENCODING.sub(b"\\1utf-8\\2", body[:200], count=1) + body[200:]
    headers = {"content-type": content_type} if content_type else {}
    result: dict[str, Any] = {}
    converted = convert_to_utf8(headers, body, result)
    if not result.get("encoding"):
        converted = body.decode("utf-8", "replace").encode("utf-8")
    return converted


def safe_document(body: bytes, content_type: str) -> bytes:
    """``body`` as UTF-8 with its prolog neutralised: what every parser here reads."""
    return neutralise_declarations(to_utf8(body, content_type))


def parse_document(data: bytes, base_url: str) -> feedparser.FeedParserDict:
    """Parse ``safe_document`` bytes with feedparser, without network access or entity expansion."""
    return feedparser.parse(
        io.BytesIO(data),
        response_headers={"content-type": "application/xml; charset=utf-8", "content-location": base_url},
        sanitize_html=True,
        resolve_relative_uris=True,
    )


def _text(entry: Any, name: str) -> str:
    """A text construct as plain text, whether the feed declared it text or HTML."""
    value = entry.get(name)
    if not isinstance(value, str) or not value:
        return ""
    detail = entry.get(f"{name}_detail") or {}
    kind = detail.get("type", "") if isinstance(detail, dict) else ""
    return clean_text(value[:65536]) if kind == "text/plain" else markup_to_text(value)


def _body_markup(entry: Any) -> str:
    for content in entry.get("content") or []:
        if isinstance(content, dict) and isinstance(content.get("value"), str) and content["value"].strip():
            return content["value"]
    summary = entry.get("summary")
    return summary if isinstance(summary, str) else ""


def _plain_body(entry: Any) -> str:
    for content in entry.get("content") or []:
        if isinstance(content, dict) and isinstance(content.get("value"), str) and content["value"].strip():
            if content.get("type") == "text/plain":
                return clean_text(content["value"][:65536])
            return markup_to_text(content["value"])
    return _text(entry, "summary")


def _date(
    entry: Any, names: tuple[str, ...] = ("published_parsed", "updated_parsed", "created_parsed")
) -> dt.datetime | None:
    for name in names:
        value = dict.get(entry, name)  # feedparser's own get() maps and warns about these keys
        if value is None:
            continue
        try:
            stamp = calendar.timegm(value)
            return dt.datetime.fromtimestamp(stamp, dt.UTC)
        except (TypeError, ValueError, OverflowError, OSError):
            continue
    return None


def _link(entry: Any, base_url: str) -> str | None:
    candidates = [entry.get("link")]
    candidates += [
        link.get("href")
        for link in entry.get("links") or []
        if isinstance(link, dict) and link.get("rel", "alternate") == "alternate"
    ]
    for candidate in candidates:
        url = safe_http_url(candidate, base=base_url)
        if url:
            return url
    return None


def _image(entry: Any, base_url: str) -> str | None:
    """Enclosure, media:thumbnail, media:content, or the first ``<img>``; http(s) only."""
    candidates: list[Any] = []
    for link in entry.get("enclosures") or []:
        if isinstance(link, dict) and str(link.get("type", "")).lower() in IMAGE_TYPES:
            candidates.append(link.get("href"))
    candidates += [item.get("url") for item in entry.get("media_thumbnail") or [] if isinstance(item, dict)]
    for item in entry.get("media_content") or []:
        if isinstance(item, dict) and (
            item.get("medium") == "image" or str(item.get("type", "")).lower() in IMAGE_TYPES
        ):
            candidates.append(item.get("url"))
    candidates.append(first_image_source(_body_markup(entry)))
    for candidate in candidates:
        url = safe_http_url(candidate, base=base_url)
        if url:
            return url
    return None


def _author(entry: Any) -> str:
    """The author's name; RSS writes "email (Name)", and addresses are not shown on the portal."""
    text = _text(entry, "author")
    named = _EMAIL_WITH_NAME.match(text)
    if named:
        text = named.group(1)
    return clean_text(_EMAIL.sub("", text)).strip(" ()<>,;")


def _categories(entry: Any) -> list[str]:
    """Terms of the entry's categories (Atom ``term``, RSS element text), for exact region and topic mapping."""
    tags = entry.get("tags") or []
    return clean_categories([tag.get("term") for tag in tags[:100] if isinstance(tag, dict)])


def entry_key(partner_id: str, source_id: str) -> str:
    """Stable file-safe key of an entry within the network."""
    return hashlib.sha1(f"{partner_id}\n{source_id}".encode()).hexdigest()[:20]


def normalise_entry(entry: Any, partner_id: str, base_url: str, now: dt.datetime, summary_length: int) -> Entry | None:
    """One feedparser entry as an :class:`Entry`; None when it has no title at all."""
    title = shorten(_text(entry, "title"), MAX_TITLE)
    body = _plain_body(entry)
    if not title:
        title = shorten(body, 120)
    if not title:
        return None
    link = _link(entry, base_url)
    raw_id = entry.get("id") if isinstance(entry.get("id"), str) else ""
    source_id = clean_text(raw_id)[:2048] or link or ""
    published = _date(entry)
    estimated = published is None or not EARLIEST_PLAUSIBLE <= published <= now + FUTURE_TOLERANCE
    if not source_id:
        source_id = f"{title}\n{published.isoformat() if published and not estimated else ''}"
    author = _author(entry)
    return Entry(
        key=entry_key(partner_id, source_id),
        source_id=source_id,
        title=title,
        link=link,
        published=now if estimated else published,
        date_estimated=estimated,
        first_seen=now,
        summary=shorten(body, summary_length),
        text=body[:MAX_MATCH_TEXT],
        author=shorten(author, MAX_AUTHOR),
        image_url=_image(entry, base_url),
        categories=_categories(entry),
        updated=_date(entry, ("updated_parsed",)),
    )


def parse_feed(
    body: bytes, content_type: str, base_url: str, partner_id: str, now: dt.datetime, summary_length: int
) -> ParsedFeed:
    """Normalise a fetched document; an unreadable one is reported, not raised."""
    data = safe_document(body, content_type)
    parsed = parse_document(data, base_url)
    raw_entries = parsed.get("entries") or []
    result = ParsedFeed(tombstones=read_tombstones(data, base_url, now))
    if not raw_entries and not parsed.get("version"):
        result.usable = False
        reason = parsed.get("bozo_exception")
        result.problem = "Isi yang diterima bukan umpan RSS/Atom yang bisa dibaca" + (
            f" ({clean_text(str(reason))[:120]})." if reason else "."
        )
        return result
    seen: set[str] = set()
    for raw in raw_entries[:MAX_ENTRIES_READ]:
        entry = normalise_entry(raw, partner_id, base_url, now, summary_length)
        if entry is None:
            result.skipped += 1
        elif entry.key not in seen:
            seen.add(entry.key)
            result.entries.append(entry)
    return result
