"""What every importer produces: one :class:`SourcePost` per story found in an export."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field


class ImportFailed(Exception):
    """An export that cannot be read at all; the message is in Indonesian and names the file."""


@dataclass
class SourcePost:
    """One story as the old site had it, before cleaning and conversion to Markdown."""

    origin: str  # where it came from, for messages: "ekspor.xml, pos ke-3"
    title: str
    body_html: str
    date: dt.datetime | None  # aware when the source says its zone, else local time as written
    author: str = ""
    categories: list[str] = field(default_factory=list)
    slug: str = ""
    status: str = "terbit"  # terbit, draf or terjadwal (the article's Status values)
    summary: str = ""
    source_url: str = ""
    cover_url: str = ""  # featured image, when the source names one apart from the body
    cover_alt: str = ""
    base_dir: str | None = None  # folder against which relative image paths resolve (saved pages)
    chrome: Counter[str] = field(default_factory=Counter)  # site chrome removed, by kind (for the report)
    date_guessed: bool = False  # read from the story's text rather than a stated place
    date_problem: str = ""  # why the source's date was refused (Indonesian, starts with "tanggal")


@dataclass
class ParsedSource:
    """Posts found in one export, plus what was deliberately left out and why."""

    posts: list[SourcePost] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  # reason in Indonesian -> count
    repairs: list[str] = field(default_factory=list)  # producer mistakes repaired while reading, in Indonesian
