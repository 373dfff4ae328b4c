r"""Atom 1.0, RSS 2.0 and JSON Feed 1.1 serialisers.

Feeds are the bulk of a build's output (three formats for every listing), so
they are written as text, one entry per line, with every value passed
through :func:`text`, :func:`attr` or :func:`cdata`, which escape markup and
drop the characters XML 1.0 forbids (a stray control character from a pasted
article would otherwise make the whole feed unreadable).

Every field is either text or HTML, and each format says which it carries:

- text (titles, summaries, names, categories, rights): Atom text constructs
  (``type`` absent or ``"text"``), RSS ``title``/``category``/``source``/
  ``dc:creator``, JSON Feed ``title``/``summary``/``content_text``/
  ``authors``/``tags``. The text is XML-escaped once, so ``<img`` is the
  text ``<img``; JSON writes ``<``, ``>`` and ``&`` in text as ``\u003c``
  etc. (the same value for every JSON parser), so no feed file holds a raw
  tag that a writer typed.
- HTML: Atom ``content type="html"``, RSS ``content:encoded`` and JSON Feed
  ``content_html`` carry the sanitised article body (warta_network.sanitize:
  only allow-listed tags, and ``<``/``>`` in its text and attributes already
  written as ``&lt;``/``&gt;``). XML carries it in a CDATA section
  (:func:`cdata`), JSON as it is except ``</`` written ``<\/``, so the body
  is not inflated by a second escaping. RSS ``description`` (item and
  channel) is HTML by common practice, so the plain-text summary and channel
  description are HTML-escaped first (:func:`html_from_text`) and then
  XML-escaped: ``<img`` becomes ``&amp;lt;img``, which a reader decodes to
  the HTML ``&lt;img`` and shows as the text ``<img``.

A feed whose :attr:`FeedMeta.full_content` is false (kecamatan and desa,
see ``generator.full_content``) leaves the body out: Atom and RSS items keep
the summary, JSON Feed items carry it as ``content_text`` (JSON Feed needs a
content field). Items of a KIM's own feed carry no source: the channel is
that source.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass
from email.utils import format_datetime

from .items import FeedItem

ATOM = "http://www.w3.org/2005/Atom"
TOMBSTONES = "http://purl.org/atompub/tombstones/1.0"  # RFC 6721: a withdrawn entry's at:deleted-entry
MEDIA = "http://search.yahoo.com/mrss/"
DC = "http://purl.org/dc/elements/1.1/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
LANGUAGE = "id"
GENERATOR = "Warta KIM"


@dataclass(frozen=True)
class FeedFormat:
    """One of the feeds every listing ``X/`` offers, as ``X/<file>``."""

    file: str
    media_type: str
    label: str  # the name readers know it by

    def at(self, listing_url: str) -> str:
        """The feed's path for the listing at ``listing_url`` (``""`` for the home page, else ending in ``/``)."""
        return f"{listing_url}{self.file}"


ATOM_FEED = FeedFormat("atom.xml", "application/atom+xml", "Atom")
RSS_FEED = FeedFormat("rss.xml", "application/rss+xml", "RSS")
JSON_FEED = FeedFormat("feed.json", "application/feed+json", "JSON Feed")
FEED_FORMATS = (ATOM_FEED, RSS_FEED, JSON_FEED)  # the order of the <link rel="alternate"> in every page head
FEED_FORMATS_FOR_READERS = (RSS_FEED, ATOM_FEED, JSON_FEED)  # in text, the best-known name first
FEED_FILES = tuple(feed.file for feed in FEED_FORMATS)  # what every listing X/ offers, by name
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'


@dataclass(frozen=True)
class Tombstone:
    """An RFC 6721 ``at:deleted-entry``: the withdrawn entry's id, when, why, and the notice page."""

    ref: str
    when: dt.datetime
    comment: str
    url: str


@dataclass(frozen=True)
class FeedMeta:
    """Channel-level data shared by the three formats."""

    title: str
    description: str
    page_url: str  # absolute URL of the listing page
    atom_url: str
    rss_url: str
    json_url: str
    rights: str
    updated: dt.datetime  # newest item, or the network's newest article for empty feeds
    hub: str = ""
    full_content: bool = True  # False: items without the body (kecamatan and desa feeds)
    deleted: tuple[Tombstone, ...] = ()  # withdrawn entries, announced in Atom only (RSS and JSON Feed drop them)


def xml_chars(value: str) -> str:
    """``value`` without the characters XML 1.0 forbids (NUL, ESC, other C0 controls, lone surrogates)."""
    return _NOT_XML.sub("", value)


def html_from_text(value: str) -> str:
    """Plain text as an HTML fragment showing exactly that text, for HTML-only fields (RSS ``description``)."""
    return html.escape(value, quote=False)


def text(value: str) -> str:
    """Escape element text (chained ``replace`` is several times faster than ``translate`` here)."""
    return _NOT_XML.sub("", value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(value: str) -> str:
    """Escape a double-quoted attribute value."""
    escaped = text(value).replace('"', "&quot;")
    return escaped.replace("\n", "&#10;").replace("\t", "&#9;")


def cdata(value: str) -> str:
    """A CDATA section holding ``value``; a ``]]>`` inside is split across two sections."""
    return "<![CDATA[" + _NOT_XML.sub("", value).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def element(tag: str, value: str | None = None, /, **attributes: str | None) -> str:
    """One element on one line; attributes with None values are left out."""
    attrs = "".join(f' {name}="{attr(v)}"' for name, v in attributes.items() if v is not None)
    if value is None:
        return f"<{tag}{attrs}/>"
    return f"<{tag}{attrs}>{text(value)}</{tag}>"


def _rfc3339(value: dt.datetime) -> str:
    return value.isoformat()


def atom_feed(meta: FeedMeta, items: list[FeedItem]) -> bytes:
    """An Atom 1.0 (RFC 4287) document."""
    tombstones = f' xmlns:at="{TOMBSTONES}"' if meta.deleted else ""
    out = [XML_DECLARATION + f'<feed xmlns="{ATOM}"{tombstones} xml:lang="{LANGUAGE}">']
    out += [
        element("id", meta.page_url),
        element("title", meta.title),
        element("subtitle", meta.description),
        element("updated", _rfc3339(meta.updated)),
        element("link", rel="alternate", type="text/html", href=meta.page_url),
        element("link", rel="self", type=ATOM_FEED.media_type, href=meta.atom_url),
    ]
    if meta.hub:
        out.append(element("link", rel="hub", href=meta.hub))
    out += [element("rights", meta.rights), element("generator", GENERATOR)]
    for gone in meta.deleted:  # extension elements before the entries, as RFC 4287's schema places them
        out.append(
            element("at:deleted-entry", None, ref=gone.ref, when=_rfc3339(gone.when))[:-2]
            + ">"
            + element("at:comment", gone.comment)
            + element("link", rel="alternate", type="text/html", href=gone.url)
            + "</at:deleted-entry>"
        )
    for item in items:
        entry = ["<entry>", element("id", item.id), element("title", item.title), element("link", href=item.url)]
        if item.image:
            image = item.image
            entry.append(
                element("link", rel="enclosure", type=image.mime_type, href=image.url, length=str(image.length))
            )
        entry += [
            element("published", _rfc3339(item.published)),
            element("updated", _rfc3339(item.updated)),
            f"<author>{element('name', item.author)}</author>",
        ]
        entry += [element("category", term=c.term, label=c.label, scheme=c.scheme) for c in item.categories]
        entry.append(element("summary", item.summary))
        if meta.full_content:
            entry.append(f'<content type="html">{cdata(item.content_html)}</content>')
        if item.kim_url != meta.page_url:
            entry.append(
                "<source>"
                + element("id", item.kim_url)
                + element("title", item.kim_name)
                + element("link", href=item.kim_url)
                + element("link", rel="self", href=ATOM_FEED.at(item.kim_url))
                + "</source>"
            )
        out.append("".join(entry) + "</entry>")
    out.append("</feed>\n")
    return "\n".join(out).encode("utf-8")


def rss_feed(meta: FeedMeta, items: list[FeedItem]) -> bytes:
    """An RSS 2.0 document with Atom self link, Dublin Core creators, full content and Media RSS."""
    out = [
        XML_DECLARATION
        + f'<rss version="2.0" xmlns:atom="{ATOM}" xmlns:content="{CONTENT}" xmlns:dc="{DC}" xmlns:media="{MEDIA}">',
        "<channel>",
        element("title", meta.title),
        element("link", meta.page_url),
        element("description", html_from_text(meta.description)),
        element("language", LANGUAGE),
        element("copyright", meta.rights),
        element("pubDate", format_datetime(meta.updated)),
        element("generator", GENERATOR),
        element("atom:link", rel="self", type=RSS_FEED.media_type, href=meta.rss_url),
    ]
    if meta.hub:
        out.append(element("atom:link", rel="hub", href=meta.hub))
    for item in items:
        entry = [
            "<item>",
            element("title", item.title),
            element("link", item.url),
            element("guid", item.id, isPermaLink="true" if item.id == item.url else "false"),
            element("pubDate", format_datetime(item.published)),
            element("dc:creator", item.author),
        ]
        entry += [element("category", c.label, domain=c.scheme) for c in item.categories]
        entry.append(element("description", html_from_text(item.summary)))
        if meta.full_content:
            entry.append(f"<content:encoded>{cdata(item.content_html)}</content:encoded>")
        if item.image:
            image = item.image
            entry += [
                element("enclosure", url=image.url, length=str(image.length), type=image.mime_type),
                element("media:thumbnail", url=image.url),
            ]
        if item.kim_url != meta.page_url:
            entry.append(element("source", item.kim_name, url=RSS_FEED.at(item.kim_url)))
        out.append("".join(entry) + "</item>")
    out.append("</channel>\n</rss>\n")
    return "\n".join(out).encode("utf-8")


def json_feed(meta: FeedMeta, items: list[FeedItem]) -> bytes:
    """A JSON Feed 1.1 document; licence and source travel in ``_warta`` extensions."""
    document: dict[str, object] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": meta.title,
        "home_page_url": meta.page_url,
        "feed_url": meta.json_url,
        "description": meta.description,
        "language": LANGUAGE,
        "_warta": {"rights": meta.rights},
    }
    if meta.hub:
        document["hubs"] = [{"type": "WebSub", "url": meta.hub}]
    entries = []
    for item in items:
        entry: dict[str, object] = {"id": item.id, "url": item.url, "title": item.title}
        if meta.full_content:
            entry["summary"] = item.summary
        else:  # JSON Feed needs content_html or content_text: here the summary is the content
            entry["content_text"] = item.summary
        entry["date_published"] = _rfc3339(item.published)
        if item.updated != item.published:
            entry["date_modified"] = _rfc3339(item.updated)
        entry["authors"] = [{"name": item.author}]
        entry["tags"] = [category.label for category in item.categories]
        if item.image:
            entry["image"] = item.image.url
        if item.kim_url != meta.page_url:
            entry["_warta"] = {"source": {"title": item.kim_name, "url": item.kim_url}}
        text = _json_text(entry)
        if meta.full_content:  # sanitised HTML, written once: first key, spliced in
            text = '{"content_html":' + _json_html(item.content_html) + "," + text[1:]
        entries.append(text)
    head = _json_text(document)
    return (head[:-1] + ',"items":[\n' + ",\n".join(entries) + "]}\n").encode("utf-8")


def _json_clean(value: object) -> object:
    """Strings of a JSON document without control characters, so all three formats carry the same text."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, dict):
        return {key: _json_clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_clean(item) for item in value]
    return value


def _json_html(value: str) -> str:
    r"""A JSON string of sanitised HTML: raw UTF-8 and tags, ``</`` as ``<\/`` so no ``</script>`` can close."""
    return json.dumps(_NOT_XML.sub("", value), ensure_ascii=False).replace("</", "<\\/")


def _json_text(document: dict) -> str:
    r"""Compact JSON; ``<``, ``>`` and ``&`` (only ever inside strings) written as ``\u`` escapes."""
    dumped = json.dumps(_json_clean(document), ensure_ascii=False, separators=(",", ":"))
    return dumped.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
