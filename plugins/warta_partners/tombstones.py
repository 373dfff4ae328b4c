"""RFC 6721 tombstones: the ``at:deleted-entry`` elements by which a feed says an entry was withdrawn.

feedparser does not expose them, so they are read here from the same bytes
feedparser gets: already capped in size, re-encoded as UTF-8 and with every
declaration that could grow the document cut out (:mod:`xmlsafe`). The
bytes are parsed only when they name the tombstone namespace at all, with
expat (the standard library's ElementTree pull parser, which neither
fetches nor expands anything the prolog no longer declares), in the same
parser process as the feed. Elements are dropped as soon as they have been
looked at, so memory stays a small multiple of the capped document.

Deleting is the one thing a feed can do to the portal beyond adding, so the
rules are strict: only a document that is well-formed XML counts (feedparser
salvages broken feeds for their entries; their tombstones are ignored); only
``at:deleted-entry`` elements that are children of the root element (Atom
``feed``) or of an RSS ``channel`` count; each needs a ``ref`` and a
``when`` that is an RFC 3339 date-time with a zone, not before 1995 (a
``when`` in the future is read as now); at most :data:`MAX_TOMBSTONES` are
read, the rest only counted. What a tombstone removes, and from whose
entries, is decided by ``update.apply_tombstones``: only the entries of the
partner whose feed announced it.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from .textclean import clean_text, markup_to_text, shorten
from .urls import safe_http_url

NAMESPACE = "http://purl.org/atompub/tombstones/1.0"
ATOM = "http://www.w3.org/2005/Atom"
DELETED_ENTRY = f"{{{NAMESPACE}}}deleted-entry"
COMMENT = f"{{{NAMESPACE}}}comment"
LINKS = (f"{{{ATOM}}}link", "link")
MAX_TOMBSTONES = 200  # read per document; a Warta KIM feed announces a few withdrawals, not hundreds
MAX_REF = 2048  # as an entry's own id (normalise.normalise_entry)
MAX_COMMENT = 300  # characters of the reason shown on /mitra/status/
MAX_WHEN = 64
MAX_COMMENT_INPUT = 16 * 1024  # characters of comment text looked at
EARLIEST_PLAUSIBLE = dt.datetime(1995, 1, 1, tzinfo=dt.UTC)
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Tombstone:
    """One valid ``at:deleted-entry``: the id it withdraws, when, its alternate link and its comment (text)."""

    ref: str
    when: dt.datetime
    link: str | None = None
    comment: str = ""


@dataclass
class Tombstones:
    """The tombstones of one document, and how many were ignored (invalid, repeated, or past the bound)."""

    found: list[Tombstone] = field(default_factory=list)
    ignored: int = 0


def parse_when(value: str | None, now: dt.datetime) -> dt.datetime | None:
    """An RFC 3339 date-time with a zone, in UTC; None when absent, malformed, zoneless or before 1995."""
    if not value or len(value) > MAX_WHEN:
        return None
    try:
        when = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if when.tzinfo is None or "T" not in value.upper():
        return None  # a bare date, or no zone: not the instant RFC 3339 requires
    when = when.astimezone(dt.UTC)
    if when < EARLIEST_PLAUSIBLE:
        return None
    return min(when, now)


def _comment(element: ET.Element) -> str:
    """The comment as plain text (an ``html`` comment is reduced to its text), bounded."""
    parts: list[str] = []
    size = 0
    for piece in element.itertext():
        parts.append(piece[: MAX_COMMENT_INPUT - size])
        size += len(parts[-1])
        if size >= MAX_COMMENT_INPUT:
            break
    text = "".join(parts)
    kind = (element.get("type") or "text").lower()
    return shorten(markup_to_text(text) if kind == "html" else clean_text(text), MAX_COMMENT)


def _tombstone(element: ET.Element, base_url: str, now: dt.datetime) -> Tombstone | None:
    """A valid tombstone from one ``at:deleted-entry`` element, or None."""
    ref = clean_text((element.get("ref") or "")[: MAX_REF * 2])[:MAX_REF]
    when = parse_when(element.get("when"), now)
    if not ref or when is None:
        return None
    link = None
    comment = ""
    for child in element:
        if child.tag in LINKS and link is None and (child.get("rel") or "alternate") == "alternate":
            link = safe_http_url(child.get("href"), base=base_url)
        elif child.tag == COMMENT and not comment:
            comment = _comment(child)
    return Tombstone(ref, when, link, comment)


def _counts(stack: list[ET.Element]) -> bool:
    """Whether an element whose ancestors are ``stack`` is where RFC 6721 puts a tombstone."""
    if len(stack) == 1:
        return True  # a child of the root: atom:feed
    return len(stack) == 2 and stack[1].tag == "channel"  # RSS 2.0: rss/channel


def read_tombstones(data: bytes, base_url: str, now: dt.datetime) -> Tombstones:
    """Every valid tombstone of a UTF-8 document already made safe by ``xmlsafe``; none if it is not XML."""
    if NAMESPACE.encode() not in data:
        return Tombstones()  # almost every feed: no second parse at all
    reader = _Reader(base_url, now)
    parser = ET.XMLPullParser(events=("start", "end"))
    try:
        for start in range(0, len(data), CHUNK):
            parser.feed(data[start : start + CHUNK])
            reader.consume(parser.read_events())
        parser.close()
        reader.consume(parser.read_events())
    except ET.ParseError:
        return Tombstones()  # not well-formed: nothing in it may delete anything
    return reader.result


class _Reader:
    """Walks the pull parser's events; finished elements outside a tombstone are dropped at once."""

    def __init__(self, base_url: str, now: dt.datetime) -> None:
        self.base_url = base_url
        self.now = now
        self.stack: list[ET.Element] = []
        self.inside = 0  # open at:deleted-entry elements (their children are kept until they end)
        self.seen: set[str] = set()
        self.result = Tombstones()

    def consume(self, events) -> None:
        """Handle the parser's pending events."""
        for event, element in events:
            if event == "start":
                self.stack.append(element)
                self.inside += element.tag == DELETED_ENTRY
                continue
            self.stack.pop()
            if element.tag == DELETED_ENTRY:
                self.inside -= 1
                if _counts(self.stack):
                    self._add(element)
            if self.stack and not self.inside:
                self.stack[-1].clear()  # the parent forgets this finished child (and its earlier siblings)

    def _add(self, element: ET.Element) -> None:
        if len(self.result.found) >= MAX_TOMBSTONES:
            self.result.ignored += 1
            return
        tombstone = _tombstone(element, self.base_url, self.now)
        if tombstone is None or tombstone.ref in self.seen:
            self.result.ignored += 1
            return
        self.seen.add(tombstone.ref)
        self.result.found.append(tombstone)
