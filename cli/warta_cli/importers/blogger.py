"""Blogger exports (Settings › Back up content, or Google Takeout's ``feed.atom``).

Both are Atom feeds whose entries mix posts with comments, pages, settings
and the template. The older export marks the kind with a category of scheme
``http://schemas.google.com/g/2005#kind`` and drafts with ``app:draft``;
the newer one has ``blogger:type`` (POST, PAGE, COMMENT) and
``blogger:status`` (LIVE, DRAFT, DELETED). Dates carry their zone. Backups
with a namespace prefix used but never declared are repaired on reading
(:mod:`xmlrepair`) and the report says so.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

from .model import ImportFailed, ParsedSource, SourcePost
from .xmlrepair import parse_export

ATOM = "{http://www.w3.org/2005/Atom}"
KIND_SCHEME = "http://schemas.google.com/g/2005#kind"
_KIND_NAMES = {"comment": "komentar", "page": "halaman statis", "settings": None, "template": None, "layout": None}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _blogger(entry: ET.Element, name: str) -> str:
    """Text of a ``blogger:`` element (new Takeout format)."""
    for child in entry:
        if _local(child.tag) == name and "blogger" in child.tag:
            return (child.text or "").strip()
    return ""


def _kind(entry: ET.Element) -> str:
    for category in entry.findall(f"{ATOM}category"):
        if category.get("scheme") == KIND_SCHEME:
            return (category.get("term") or "").rsplit("#", 1)[-1]
    return _blogger(entry, "type").lower() or "post"


def _status(entry: ET.Element) -> str:
    written = _blogger(entry, "status").upper()
    if written:
        return {"LIVE": "terbit", "DRAFT": "draf", "SCHEDULED": "terjadwal"}.get(written, "dihapus")
    for control in entry:
        if _local(control.tag) == "control":
            draft = next((c for c in control if _local(c.tag) == "draft"), None)
            if draft is not None and (draft.text or "").strip().lower() == "yes":
                return "draf"
    return "terbit"


def _date(entry: ET.Element) -> dt.datetime | None:
    written = (entry.findtext(f"{ATOM}published") or _blogger(entry, "created") or "").strip()
    if not written:
        return None
    try:
        return dt.datetime.fromisoformat(written.replace("Z", "+00:00"))
    except ValueError:
        return None


def _address(entry: ET.Element) -> tuple[str, str]:
    """(public address, slug) from the alternate link or the Takeout file name."""
    url = ""
    for link in entry.findall(f"{ATOM}link"):
        if link.get("rel") == "alternate" and link.get("href"):
            url = link.get("href", "")
    filename = _blogger(entry, "filename") or urlparse(url).path
    slug = os.path.splitext(os.path.basename(filename))[0]
    return url, slug


def _title(entry: ET.Element) -> str:
    """The entry's title as text; an ``type="html"`` title is markup whose entities are decoded once more."""
    title = entry.find(f"{ATOM}title")
    if title is None:
        return ""
    written = title.text or ""
    return html.unescape(written) if title.get("type") in ("html", "xhtml") else written


def parse_blogger(path: str) -> ParsedSource:
    """Read every post of a Blogger export."""
    root, repairs = parse_export(path, "ekspor Blogger")
    if root.tag != f"{ATOM}feed":
        raise ImportFailed(f"{path}: bukan berkas ekspor Blogger: elemen utamanya bukan <feed> Atom.")
    parsed = ParsedSource(repairs=repairs)
    for number, entry in enumerate(root.findall(f"{ATOM}entry"), start=1):
        kind = _kind(entry)
        if kind != "post":
            label = _KIND_NAMES.get(kind, kind)
            if label:
                parsed.skipped[f"bukan berita ({label})"] += 1
            continue
        status = _status(entry)
        if status == "dihapus":
            parsed.skipped["berita yang sudah dihapus"] += 1
            continue
        url, slug = _address(entry)
        author = (entry.findtext(f"{ATOM}author/{ATOM}name") or "").strip()
        parsed.posts.append(
            SourcePost(
                origin=f"{os.path.basename(path)}, entri ke-{number}",
                title=_title(entry),
                body_html=entry.findtext(f"{ATOM}content") or "",
                date=_date(entry),
                author="" if author.lower() in ("unknown", "anonymous", "") else author,
                categories=[
                    c.get("term", "").strip()
                    for c in entry.findall(f"{ATOM}category")
                    if c.get("scheme") != KIND_SCHEME and c.get("term", "").strip()
                ],
                slug=slug,
                status=status,
                source_url=url,
            )
        )
    return parsed
