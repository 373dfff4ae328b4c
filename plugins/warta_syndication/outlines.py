"""OPML 2.0 subscription lists, sitemaps and robots.txt.

Every value is text (OPML ``title``/``text``, Google News ``title``):
ElementTree escapes it once, and :func:`_sub` drops the characters XML 1.0
forbids, which ElementTree would write as they are.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from email.utils import format_datetime

from .formats import xml_chars


def _sub(parent: ET.Element, tag: str, text: str | None = None, /, **attributes: str | None) -> ET.Element:
    """Append a child; ``text`` is positional-only so an attribute may be called ``text``."""
    child = ET.SubElement(parent, tag, {k: xml_chars(v) for k, v in attributes.items() if v is not None})
    if text is not None:
        child.text = xml_chars(text)
    return child


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
ET.register_namespace("", SITEMAP)
ET.register_namespace("news", NEWS)


@dataclass(frozen=True)
class Subscription:
    """One feed a reader can follow."""

    title: str
    page_url: str
    rss_url: str
    atom_url: str
    json_url: str
    description: str = ""


def opml(title: str, subscriptions: list[Subscription], created: dt.datetime, owner: str) -> bytes:
    """An OPML 2.0 document whose outlines feed readers import as subscriptions."""
    root = ET.Element("opml", {"version": "2.0"})
    head = _sub(root, "head")
    _sub(head, "title", title)
    _sub(head, "dateCreated", format_datetime(created))
    _sub(head, "ownerName", owner)
    body = _sub(root, "body")
    for item in subscriptions:
        _sub(
            body,
            "outline",
            type="rss",
            text=item.title,
            title=item.title,
            description=item.description or None,
            xmlUrl=item.rss_url,
            htmlUrl=item.page_url,
            language="id",
            version="RSS2",
        )
    return _serialise(root)


def sitemap(entries: list[tuple[str, dt.datetime | None]]) -> bytes:
    """``sitemap.xml``: every page with its last modification when known."""
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for location, modified in entries:
        url = _sub(root, f"{{{SITEMAP}}}url")
        _sub(url, f"{{{SITEMAP}}}loc", location)
        if modified is not None:
            _sub(url, f"{{{SITEMAP}}}lastmod", modified.isoformat())
    return _serialise(root)


def news_sitemap(publication: str, articles: list[tuple[str, str, dt.datetime]]) -> bytes:
    """Google News sitemap of recent articles: ``(url, title, published)``."""
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for location, title, published in articles:
        url = _sub(root, f"{{{SITEMAP}}}url")
        _sub(url, f"{{{SITEMAP}}}loc", location)
        news = _sub(url, f"{{{NEWS}}}news")
        pub = _sub(news, f"{{{NEWS}}}publication")
        _sub(pub, f"{{{NEWS}}}name", publication)
        _sub(pub, f"{{{NEWS}}}language", "id")
        _sub(news, f"{{{NEWS}}}publication_date", published.isoformat())
        _sub(news, f"{{{NEWS}}}title", title)
    return _serialise(root)


def robots(base: str) -> bytes:
    """``robots.txt`` naming both sitemaps; the web editor is not for crawlers.

    A ``Sitemap:`` line must hold an absolute URL, so a local build (no public address) names none.
    """
    sitemaps = f"Sitemap: {base}/sitemap.xml\nSitemap: {base}/sitemap-berita.xml\n" if base else ""
    return f"User-agent: *\nDisallow: /admin/\n{sitemaps}".encode()
