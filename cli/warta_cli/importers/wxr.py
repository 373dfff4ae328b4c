"""WordPress export files (WXR: Tools › Export in the WordPress dashboard).

A WXR file is RSS with WordPress namespaces. Posts are ``<item>`` elements
with ``wp:post_type`` "post"; attachments, pages, menu items and trashed
posts are counted as skipped. The featured image is the attachment named by
the post's ``_thumbnail_id``. ``wp:post_date`` is the local time the site
showed, which is what the KIM's article header wants. Namespaces are matched
by their local name, so WXR 1.0, 1.1 and 1.2 all work. The author is the
display name of the account whose login ``dc:creator`` names, matched
without regard to case; titles are kept as the XML text (see :mod:`fields`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

from .model import ImportFailed, ParsedSource, SourcePost
from .xmlrepair import parse_export

_STATUSES = {"publish": "terbit", "future": "terjadwal", "draft": "draf", "pending": "draf", "private": "draf"}
_TYPES = {"page": "halaman statis", "attachment": None, "nav_menu_item": None}
_YEAR = re.compile(r"^(?:19[7-9]\d|2\d{3})-")  # WordPress has no posts before 1970
_RFC822_YEAR = re.compile(r"\s(?:19[7-9]\d|2\d{3})\s")  # a four-digit year; "-0001" is WordPress's zero date
ZERO_DATE = (
    "tanggal di ekspor WordPress kosong (0000-00-00 00:00:00, biasanya draf yang belum pernah diberi tanggal); "
    "tidak diimpor agar tidak tercatat sebagai berita tahun 2000"
)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _child(element: ET.Element, name: str, namespace_part: str = "") -> str:
    """Text of the first child called ``name`` whose namespace contains ``namespace_part``."""
    for child in element:
        if _local(child.tag) == name and namespace_part in _namespace(child.tag):
            return (child.text or "").strip() if name != "encoded" else child.text or ""
    return ""


def _post_meta(item: ET.Element) -> dict[str, str]:
    meta = {}
    for entry in item:
        if _local(entry.tag) == "postmeta":
            meta[_child(entry, "meta_key")] = _child(entry, "meta_value")
    return meta


def _wordpress_time(written: str) -> dt.datetime | None:
    """``2020-11-16 08:15:00`` as written; ``None`` for WordPress's zero date and anything unreadable."""
    if not written or written.startswith("0000") or not _YEAR.match(written):
        return None
    try:
        return dt.datetime.strptime(written, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def _date(item: ET.Element) -> tuple[dt.datetime | None, str]:
    """The post's date, and why there is none ("" when there is one or the export gives no date at all).

    ``wp:post_date`` is the local time; ``wp:post_date_gmt`` the same moment in UTC; ``pubDate`` an
    RFC 822 copy. A draft that never had a date holds ``0000-00-00 00:00:00`` in both and
    ``Mon, 30 Nov -0001`` in ``pubDate``, which the standard library reads as 30 November 2000: that
    is no date, and the post is refused with a message rather than filed in the year 2000.
    """
    local = _child(item, "post_date", "wordpress.org")
    when = _wordpress_time(local)
    if when is not None:
        return when, ""
    universal = _child(item, "post_date_gmt", "wordpress.org")
    when = _wordpress_time(universal)
    if when is not None:
        return when.replace(tzinfo=dt.UTC), ""
    published = _child(item, "pubDate")
    if published and _RFC822_YEAR.search(published):
        try:
            return parsedate_to_datetime(published), ""
        except (TypeError, ValueError):
            pass
    written = [value for value in (local, universal, published) if value]
    if not written:
        return None, ""
    zero = any(value.startswith("0000") or "-0001" in value for value in written)
    shown = local or universal or published
    return None, ZERO_DATE if zero else f'tanggal di ekspor WordPress tidak bisa dibaca ("{shown}")'


def parse_wxr(path: str) -> ParsedSource:
    """Read every post of a WordPress export."""
    root, repairs = parse_export(path, "ekspor WordPress")
    channel = root.find("channel")
    if _local(root.tag) != "rss" or channel is None:
        raise ImportFailed(f"{path}: bukan berkas ekspor WordPress (WXR): tidak ada <rss><channel>.")
    site_url = _child(channel, "link")
    authors = {  # dc:creator holds the login; WordPress matches logins without regard to case
        _child(author, "author_login").casefold(): _child(author, "author_display_name")
        for author in channel
        if _local(author.tag) == "author"
    }
    items = [item for item in channel if _local(item.tag) == "item"]
    attachments = {
        _child(item, "post_id", "wordpress.org"): item
        for item in items
        if _child(item, "post_type", "wordpress.org") == "attachment"
    }
    parsed = ParsedSource(repairs=repairs)
    for number, item in enumerate(items, start=1):
        kind = _child(item, "post_type", "wordpress.org") or "post"
        status = _child(item, "status", "wordpress.org") or "publish"
        if kind != "post":
            if _TYPES.get(kind, kind):
                parsed.skipped[f"bukan berita ({_TYPES.get(kind, kind)})"] += 1
            continue
        if status in ("trash", "auto-draft", "inherit"):
            parsed.skipped["berita di tong sampah atau simpanan otomatis"] += 1
            continue
        login = _child(item, "creator", "purl.org/dc")
        cover_url, cover_alt = "", ""
        thumbnail = attachments.get(_post_meta(item).get("_thumbnail_id", ""))
        if thumbnail is not None:
            cover_url = _child(thumbnail, "attachment_url", "wordpress.org") or _child(thumbnail, "guid")
            cover_alt = _post_meta(thumbnail).get("_wp_attachment_image_alt", "") or _child(thumbnail, "title")
        date, date_problem = _date(item)
        parsed.posts.append(
            SourcePost(
                origin=f"{os.path.basename(path)}, item ke-{number}",
                title=_child(item, "title"),
                body_html=_child(item, "encoded", "purl.org/rss/1.0/modules/content"),
                date=date,
                date_problem=date_problem,
                author=authors.get(login.casefold()) or login,
                categories=[
                    (category.text or "").strip()
                    for category in item
                    if _local(category.tag) == "category" and (category.text or "").strip()
                ],
                slug=_child(item, "post_name", "wordpress.org"),
                status=_STATUSES.get(status, "draf"),
                summary=_child(item, "encoded", "excerpt"),
                source_url=_child(item, "link") or site_url,
                cover_url=cover_url,
                cover_alt=cover_alt,
            )
        )
    return parsed
