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

from warta_theme.filters import tanggal_jam

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


def claim_text(factcheck) -> str:
    """A clarification's verdict and claim as the first words of its feed summary: "Hoaks. Klaim: “…”."."""
    return f"{factcheck.verdict.label}. Klaim: “{factcheck.claim}”."


def claim_html(factcheck) -> str:
    """The same at the top of a clarification's feed content, so a republished debunk says what it debunks."""
    escape = html.escape
    return (
        f"<p><strong>Penilaian: {escape(factcheck.verdict.label)}.</strong> Klaim yang beredar: "
        f"“{escape(factcheck.claim)}”</p>"
    )


def feed_item(article, base: str, settings: dict, network) -> FeedItem:
    """Build the feed view of a Pelican article (with network objects attached)."""
    url = absolute(base, article.url)
    info = network.info
    content = absolutize_html(article.get_content(settings["SITEURL"]), base)
    factcheck = getattr(article, "factcheck", None)  # warta_cekfakta: the verdict and the claim, in words
    summary = article.summary
    if factcheck is not None:
        content = claim_html(factcheck) + content
        summary = f"{claim_text(factcheck)} {summary}"
    notice = getattr(article, "feed_notice", "")  # warta_ralat: corrections and replies come first
    content = absolutize_html(notice, base) + content
    content += attribution(url, info.name, article.kim_profile.name, info.licence_name, info.licence_url)
    categories = [Category(t.slug, t.label, absolute(base, "topik/")) for t in article.topics]
    categories += [Category(r.code, r.label, absolute(base, "wilayah/")) for r in article.regions]
    if factcheck is not None:  # the verdict is a category too
        categories.append(Category(factcheck.verdict.slug, factcheck.verdict.label, absolute(base, "cek-fakta/")))
    aspiration = getattr(article, "aspiration", None)  # warta_listings: an aspiration's status is a category too
    if aspiration is not None:
        status = f"aspirasi-{aspiration.status}"
        categories.append(Category(status, aspiration.status_label, absolute(base, "aspirasi/")))
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
        summary=summary,
        content_html=content,
        published=article.date,
        updated=getattr(article, "modified", None) or article.date,
        author=str(article.author),
        kim_name=article.kim_profile.name,
        kim_url=absolute(base, article.kim_profile.url),
        categories=categories,
        image=image,
    )


def event_item(event, base: str) -> FeedItem:
    """A ``/ralat/`` log entry (``warta_core.correction_log.LogEvent``) as a feed item: the event, then the story."""
    escape = html.escape
    story = absolute(base, event.story_url)
    when = tanggal_jam(event.date)
    content = (
        f"<p><strong>{escape(event.label)} ({escape(when)}):</strong> {escape(event.text)}</p>"
        f'<p>Berita: <a href="{escape(story)}">{escape(event.story_title)}</a>, {escape(event.kim_name)}.</p>'
    )
    return FeedItem(
        id=event.id,
        url=absolute(base, event.url),
        title=f"{event.label}: {event.story_title}",
        summary=event.text,
        content_html=content,
        published=event.date,
        updated=event.date,
        author=event.kim_name,
        kim_name=event.kim_name,
        kim_url=absolute(base, event.kim_url),
        categories=[Category(event.kind, event.label, absolute(base, "ralat/"))],
    )
