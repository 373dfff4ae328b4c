"""Feed and subscription-list validators used by the syndication tests.

Atom: the RELAX NG grammar in ``schemas/atom.rng`` plus the RFC 4287 rules a
grammar cannot express. RSS 2.0 and OPML 2.0 have no official schema; their
specifications' requirements are checked here element by element. JSON Feed
1.1: the JSON Schema in ``schemas/jsonfeed-1.1.schema.json``.
"""

from __future__ import annotations

import json
from email.utils import parsedate_to_datetime
from functools import cache
from urllib.parse import urlparse

import jsonschema
from lxml import etree

from support.site import TESTS

SCHEMAS = TESTS / "schemas"
ATOM = "{http://www.w3.org/2005/Atom}"
RSS_CHANNEL_ELEMENTS = {
    "title", "link", "description", "language", "copyright", "managingEditor", "webMaster", "pubDate",
    "lastBuildDate", "category", "generator", "docs", "cloud", "ttl", "image", "rating", "textInput",
    "skipHours", "skipDays", "item",
}  # fmt: skip
RSS_ITEM_ELEMENTS = {
    "title",
    "link",
    "description",
    "author",
    "category",
    "comments",
    "enclosure",
    "guid",
    "pubDate",
    "source",
}


@cache
def _atom_grammar() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "atom.rng")))


@cache
def _json_feed_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / "jsonfeed-1.1.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


def _absolute_http(url: str | None) -> bool:
    parsed = urlparse(url or "")
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def _rfc822(value: str | None) -> bool:
    try:
        return parsedate_to_datetime(value or "") is not None
    except (TypeError, ValueError):
        return False


def atom_problems(data: bytes) -> list[str]:
    """Problems of an Atom document, empty when it is valid."""
    document = etree.fromstring(data)
    grammar = _atom_grammar()
    if not grammar.validate(document):
        return [str(error) for error in grammar.error_log]
    problems = []
    feed_has_author = document.find(f"{ATOM}author") is not None
    for index, entry in enumerate(document.findall(f"{ATOM}entry"), start=1):
        if (
            not feed_has_author
            and entry.find(f"{ATOM}author") is None
            and entry.find(f"{ATOM}source/{ATOM}author") is None
        ):
            problems.append(f"entry {index}: no atom:author and the feed has none (RFC 4287 4.1.1)")
        links = entry.findall(f"{ATOM}link")
        alternates = [
            (link.get("type"), link.get("hreflang")) for link in links if link.get("rel") in (None, "alternate")
        ]
        if entry.find(f"{ATOM}content") is None and not alternates:
            problems.append(f"entry {index}: neither content nor an alternate link (RFC 4287 4.1.2)")
        if len(alternates) != len(set(alternates)):
            problems.append(f"entry {index}: two alternate links with the same type and hreflang")
        if ":" not in (entry.findtext(f"{ATOM}id") or ""):
            problems.append(f"entry {index}: atom:id is not an absolute IRI")
    if ":" not in (document.findtext(f"{ATOM}id") or ""):
        problems.append("feed: atom:id is not an absolute IRI")
    return problems


def rss_problems(data: bytes) -> list[str]:
    """Problems of an RSS 2.0 document according to the RSS 2.0 specification."""
    root = etree.fromstring(data)
    problems = []
    if root.tag != "rss" or root.get("version") != "2.0":
        return ['root element must be <rss version="2.0">']
    channels = root.findall("channel")
    if len(channels) != 1:
        return ["exactly one <channel> is required"]
    channel = channels[0]
    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            problems.append(f"channel: required <{name}> missing or empty")
    if not _absolute_http(channel.findtext("link")):
        problems.append("channel: <link> must be an absolute http(s) URL")
    for name in ("pubDate", "lastBuildDate"):
        if channel.find(name) is not None and not _rfc822(channel.findtext(name)):
            problems.append(f"channel: <{name}> is not an RFC 822 date")
    for child in channel:
        if isinstance(child.tag, str) and not child.tag.startswith("{") and child.tag not in RSS_CHANNEL_ELEMENTS:
            problems.append(f"channel: <{child.tag}> is not an RSS 2.0 element (namespace it)")
    selves = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
    if len(selves) != 1 or not _absolute_http(selves[0].get("href")):
        problems.append('channel: one atom:link rel="self" with an absolute href is recommended and required here')
    for index, item in enumerate(channel.findall("item"), start=1):
        where = f"item {index}"
        if not (item.findtext("title") or item.findtext("description")):
            problems.append(f"{where}: needs <title> or <description>")
        for child in item:
            if isinstance(child.tag, str) and not child.tag.startswith("{") and child.tag not in RSS_ITEM_ELEMENTS:
                problems.append(f"{where}: <{child.tag}> is not an RSS 2.0 item element")
        if item.find("link") is not None and not _absolute_http(item.findtext("link")):
            problems.append(f"{where}: <link> must be an absolute http(s) URL")
        if item.find("pubDate") is not None and not _rfc822(item.findtext("pubDate")):
            problems.append(f"{where}: <pubDate> is not an RFC 822 date")
        guid = item.find("guid")
        if guid is not None:
            permalink = guid.get("isPermaLink", "true")
            if permalink not in ("true", "false"):
                problems.append(f"{where}: isPermaLink must be true or false")
            if permalink == "true" and not _absolute_http(guid.text):
                problems.append(f'{where}: a guid that is not a URL needs isPermaLink="false"')
        for enclosure in item.findall("enclosure"):
            if not _absolute_http(enclosure.get("url")):
                problems.append(f"{where}: enclosure url must be an absolute http(s) URL")
            if not (enclosure.get("length") or "").isdigit():
                problems.append(f"{where}: enclosure length must be a number of bytes")
            if "/" not in (enclosure.get("type") or ""):
                problems.append(f"{where}: enclosure type must be a MIME type")
        if len(item.findall("enclosure")) > 1:
            problems.append(f"{where}: at most one enclosure")
        source = item.find("source")
        if source is not None and not _absolute_http(source.get("url")):
            problems.append(f"{where}: <source> requires a url attribute")
    return problems


def json_feed_problems(data: bytes) -> list[str]:
    """Problems of a JSON Feed 1.1 document."""
    try:
        document = json.loads(data)
    except ValueError as error:
        return [f"not JSON: {error}"]
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in _json_feed_validator().iter_errors(document)]


def opml_problems(data: bytes) -> list[str]:
    """Problems of an OPML 2.0 subscription list (what feed-reader importers need)."""
    root = etree.fromstring(data)
    problems = []
    if root.tag != "opml" or root.get("version") != "2.0":
        return ['root element must be <opml version="2.0">']
    head, body = root.find("head"), root.find("body")
    if head is None or body is None:
        return ["<head> and <body> are required"]
    if not (head.findtext("title") or "").strip():
        problems.append("head: <title> missing")
    if head.find("dateCreated") is not None and not _rfc822(head.findtext("dateCreated")):
        problems.append("head: dateCreated is not an RFC 822 date")
    outlines = body.findall(".//outline")
    if not outlines:
        problems.append("body: at least one <outline> is required")
    for index, outline in enumerate(outlines, start=1):
        if not outline.get("text"):
            problems.append(f"outline {index}: text attribute is required")
        if outline.get("type") == "rss":
            for name in ("xmlUrl", "htmlUrl"):
                if not _absolute_http(outline.get(name)):
                    problems.append(f"outline {index}: {name} must be an absolute http(s) URL")
            if not outline.get("title"):
                problems.append(f"outline {index}: title attribute missing")
    return problems
