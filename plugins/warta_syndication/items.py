"""What a feed says about one article, computed once per build.

Every URL is absolute (feeds are read far from the site), the content ends
with an attribution paragraph linking the original, and the id is the
article's permanent ``feed_id``.
"""

from __future__ import annotations

import datetime as dt
import html
import mimetypes
import os
import re
from dataclasses import dataclass, field
from functools import partial

from warta_ralat.notices import notice_html

_ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)(")')


@dataclass(frozen=True)
class Category:
    """A topic or a desa, as a feed category."""

    term: str
    label: str
    scheme: str


@dataclass(frozen=True)
class Image:
    """The cover image of an article."""

    url: str
    mime_type: str
    length: int


@dataclass(frozen=True)
class FeedItem:
    """One article as every feed format needs it."""

    id: str
    url: str
    title: str
    summary: str
    content_html: str
    published: dt.datetime
    updated: dt.datetime
    author: str
    kim_name: str
    kim_url: str
    categories: list[Category] = field(default_factory=list)
    image: Image | None = None


def absolute(base: str, url: str) -> str:
    """Join the site's absolute base and a SITEURL-relative or root-relative URL."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.IGNORECASE):
        return url
    return f"{base}/{url.lstrip('/')}"


def absolutize_html(fragment: str, base: str) -> str:
    """Make root-relative ``href``/``src`` values absolute."""
    return _ROOT_RELATIVE.sub(lambda m: f"{m.group(1)}{base}{m.group(2)}{m.group(3)}", fragment)


def attribution(item_url: str, network_name: str, kim_name: str, licence_name: str, licence_url: str) -> str:
    """Closing paragraph so that republished copies credit and link the original, and carry the licence."""
    escape = html.escape
    text = (
        f'<p><em>Pertama terbit di <a href="{escape(item_url)}">{escape(network_name)}</a>, '
        f"ditulis oleh {escape(kim_name)}."
    )
    if licence_name:
        text += (
            f' Lisensi <a href="{escape(licence_url)}">{escape(licence_name)}</a>:'
            " boleh dimuat ulang dengan menyebut sumber dan menautkan berita ini."
        )
    return text + "</em></p>"


def feed_item(article, base: str, settings: dict, network) -> FeedItem:
    """Build the feed view of a Pelican article (with network objects attached)."""
    url = absolute(base, article.url)
    info = network.info
    content = absolutize_html(article.get_content(settings["SITEURL"]), base)
    content = notice_html(article, partial(absolute, base)) + content  # corrections and replies come first
    content += attribution(url, info.name, article.kim_profile.name, info.licence_name, info.licence_url)
    categories = [Category(t.slug, t.label, absolute(base, "topik/")) for t in article.topics]
    categories += [Category(r.code, r.label, absolute(base, "wilayah/")) for r in article.regions]
    factcheck = getattr(article, "factcheck", None)  # warta_cekfakta: a clarification's verdict is a category too
    if factcheck is not None:
        categories.append(Category(factcheck.verdict.slug, factcheck.verdict.label, absolute(base, "cek-fakta/")))
    image = None
    feed_image = getattr(article, "feed_image", None)  # warta_images: a capped, metadata-free variant
    if feed_image is not None:
        image = Image(absolute(base, feed_image.url), feed_image.mime, feed_image.length)
    elif article.image_path:  # an SVG cover, or no warta_images: the file as published
        mime_type = mimetypes.guess_type(article.image_path)[0] or "application/octet-stream"
        length = os.path.getsize(os.path.join(settings["PATH"], article.image_path))
        image = Image(absolute(base, article.image_url), mime_type, length)
    return FeedItem(
        id=article.feed_id,
        url=url,
        title=article.title,
        summary=article.summary,
        content_html=content,
        published=article.date,
        updated=getattr(article, "modified", None) or article.date,
        author=str(article.author),
        kim_name=article.kim_profile.name,
        kim_url=absolute(base, article.kim_profile.url),
        categories=categories,
        image=image,
    )
