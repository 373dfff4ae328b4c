"""Author and date of a saved page, only from the places that state them.

An author comes from metadata (``<meta name="author">``), an element marked
``itemprop="author"`` or ``rel="author"``, a byline element between the
headline and the story, or an "Oleh:/Penulis:/Reporter:" line that is a
whole paragraph at the very start or end of the story. Never from a
sentence: "… dibuka oleh Kepala Dinas Hendra …" names no author, and the
import then leaves Penulis empty and asks for ``--penulis``. A date comes
from metadata, then ``<time>``, then the byline, then an Indonesian date in
the first paragraphs of the story once chrome is gone, so never from a
"Baca juga" item, a comment or the sidebar. Byline lines used are removed
from the story (the header carries them).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from warta_core.dates import parse_date

from .cleaning import BYLINE, chrome_kind
from .fields import person_name
from .structured import json_ld_articles, json_ld_author, json_ld_date

DATE_META = (
    'meta[property="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="pubdate"]',
    'meta[name="date"]',
    'meta[name="publish-date"]',
    'meta[name="content_PublishedDate"]',
    'meta[name="dc.date"]',
    'meta[name="publishdate"]',
    'meta[name="publish_date"]',
    'meta[name="datePublished"]',
    'meta[property="og:published_time"]',
)
# Elements that state the publication time in an attribute (Joomla, Blogger, microdata themes).
DATE_ELEMENTS = '[itemprop~="datePublished"], abbr.published, time.published, time.entry-date'
AUTHOR_META = (
    'meta[name="author"]', 'meta[property="article:author"]', 'meta[name="dc.creator"]',
    'meta[name="content_Author"]',
)  # fmt: skip
LINE_LIMIT = 120  # a byline is a short line; a paragraph of the story is not one
DATE_LINE_LIMIT = 60  # a short line under the headline that holds a date is the publication date
HEADER_BLOCKS = 16  # elements between the headline and the story searched for a byline
STORY_DATE_PARAGRAPHS = 3
_ROLE = (
    r"(?:oleh|penulis|ditulis oleh|reporter|pewarta|wartawan|kontributor|diposting oleh|dipublikasikan oleh"
    r"|posted by|written by|by)"
)
_BYLINE_LINE = re.compile(rf"^{_ROLE}\s*:?\s+(.+)$", re.IGNORECASE)
# "Laporan Wartawan Radar Tanggamus, Andika Putra": the reporter's name after the outlet.
_REPORT_LINE = re.compile(r"^laporan\s+(?:wartawan|reporter|koresponden|kontributor)\b[^,]{0,60},\s*(.+)$", re.I)
_STAFF_LINE = re.compile(r"^(?:editor|redaktur|penyunting|fotografer|foto|sumber)\s*:\s*\S", re.IGNORECASE)
_MONTH_FIRST = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{1,2}),\s*(\d{4})\b", re.IGNORECASE)  # WordPress's "Mei 5, 2021"
# What a line that only states when a story was published may hold besides the date itself.
_DATELINE_WORDS = re.compile(
    r"\b(?:diposting|dipublikasikan|diterbitkan|ditulis|terbit|tanggal|pada|pukul|jam|wib|wita|wit|update"
    r"|posted|published|on)\b|[|,:;•·–—()/-]",
    re.IGNORECASE,
)
_SLASHED_ISO = re.compile(r"^(\d{4})/(\d{2})/(\d{2})")
_WEEKDAY = re.compile(r"\b(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)\b", re.IGNORECASE)
DATELINE_BLOCKS = 2  # a date line is one of the story's first blocks
_NAME_END = re.compile(
    r"\s+[|–—-]\s+|\s*[|,/(]\s*|\s+(?:pada|on|di|-)\s+|\s+(?=\d|(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu)\b)",
    re.IGNORECASE,
)
_NAME = re.compile(r"^[A-Z][\w'.]*(?:\s+(?:[A-Z][\w'.]*|bin|binti|al|van|de)){0,4}$")
_AUTHOR_CLASSES = re.compile(r"author|penulis|reporter|byline|writer|pewarta", re.IGNORECASE)
_DATE_CLASSES = re.compile(r"date|tanggal|time|waktu|publish|posted|meta|byline", re.IGNORECASE)
_DATE_IN_TEXT = re.compile(
    r"(?:(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)\s*,?\s*\(?\s*)?"
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{1,2}\s+[a-z]+\.?\s+\d{4})"
    r"\s*\)?\s*(?:[|,–-]\s*)?(?:pukul\s*)?(?:(\d{1,2}[:.]\d{2})\s*(wib|wita|wit)?)?",
    re.IGNORECASE,
)


@dataclass
class Found:
    """A header value and whether it was read from a stated place or guessed from the story's text."""

    author: str = ""
    date: dt.datetime | None = None
    date_guessed: bool = False


def text_of(tag: Tag) -> str:
    """Visible text of an element on one line."""
    return " ".join(tag.get_text(" ").split()).replace("\u00a0", " ").strip()


def find_date(text: str) -> dt.datetime | None:
    """The first date in free text that :func:`parse_date` understands ("Mei 5, 2021" too)."""
    text = _MONTH_FIRST.sub(r"\2 \1 \3", text)
    for match in _DATE_IN_TEXT.finditer(text):
        day, clock, zone = match.groups()
        parsed = parse_date(" ".join(part for part in (day, clock, zone) if part))
        if parsed is not None:
            return parsed
    return None


def name_in_byline(text: str) -> str:
    """The name in "Oleh: Andi Saputra - Kabar Pesawaran" ("" when the line is no byline)."""
    if len(text) > LINE_LIMIT:
        return ""
    match = _BYLINE_LINE.match(text) or _REPORT_LINE.match(text)
    if match is None:
        return ""
    name = _NAME_END.split(match.group(1), maxsplit=1)[0].strip(" .:")
    return person_name(name) if _NAME.match(name) else ""


def in_chrome(tag: Tag, story: Tag | None = None) -> bool:
    """Inside a comment, sidebar, related-post box or other site chrome.

    ``<body>`` and the elements that hold the ``story`` are never chrome, whatever their class words
    (Joomla's ``<body class="view-article">``, Blogger's ``<div class="widget Blog">``).
    """
    holders = {id(story), *(id(parent) for parent in story.parents)} if story is not None else set()
    for parent in (tag, *tag.parents):
        if not isinstance(parent, Tag) or isinstance(parent, BeautifulSoup) or parent.name in ("body", "html"):
            continue
        if id(parent) in holders:
            continue
        if parent.name in ("aside", "footer", "nav", "form") or chrome_kind(parent):
            return True
    return False


_HEADER_TAGS = ("div", "span", "p", "time", "small", "address", "li", "a", "td", "dd", "dt", "abbr")
_BLOCK_INSIDE = ("div", "p", "li", "td", "dd", "dt", "ul", "ol", "table", "h2", "h3", "h4")


def header_blocks(soup: BeautifulSoup, body: Tag, headline: Tag | None) -> list[Tag]:
    """Short elements between the headline and the story's first real paragraph."""
    if headline is None:
        return []
    found = []
    for tag in headline.find_all_next(_HEADER_TAGS):
        if len(found) >= HEADER_BLOCKS or (tag.name == "p" and len(text_of(tag)) > LINE_LIMIT):
            break
        if tag is body:
            break
        if body in tag.parents and tag.name == "p" and not name_in_byline(text_of(tag)):
            break
        leaf = tag.find(_BLOCK_INSIDE) is None  # inline children (a name in a link, a <time>) are fine
        if leaf and not in_chrome(tag, body) and 0 < len(text_of(tag)) <= LINE_LIMIT:
            found.append(tag)
    return found


def meta_values(soup: BeautifulSoup, selectors: tuple[str, ...]) -> list[str]:
    """The non-empty ``content`` of the tags ``selectors`` find, spacing collapsed, in order."""
    values = []
    for selector in selectors:
        for tag in soup.select(selector):
            value = " ".join(str(tag.get("content") or "").split())
            if value:
                values.append(value)
    return values


def marked_author(soup: BeautifulSoup, story: Tag | None = None, articles: list[dict] | None = None) -> str:
    """An author from metadata, JSON-LD, ``itemprop="author"`` or ``rel="author"``, outside chrome."""
    for written in meta_values(soup, AUTHOR_META):
        if not written.startswith("http") and person_name(written):
            return person_name(written)
    named = json_ld_author(articles or [])
    if named:
        return named
    for tag in soup.select('[itemprop~="author"], a[rel~="author"], .author.vcard, .post-author .fn'):
        if in_chrome(tag, story):
            continue
        named = tag.select_one('[itemprop="name"]')
        written = str(tag.get("content") or "") or text_of(named if named is not None else tag)
        name = name_in_byline(written) or written
        if len(name) <= 60 and person_name(name):
            return person_name(name)
    return ""


def story_lines(body: Tag) -> list[Tag]:
    """The first two and last three blocks of the story, where a byline line may stand."""
    blocks = [b for b in body.find_all(("p", "div"), recursive=True) if text_of(b) and not b.find(("p", "div"))]
    return blocks[:2] + blocks[2:][-3:]


def read_page(soup: BeautifulSoup, body: Tag, headline: Tag | None, tally: Counter[str]) -> Found:
    """Author and stated date of a page; byline lines inside the story are removed and counted."""
    articles = json_ld_articles(soup)
    found = Found(author=marked_author(soup, body, articles))
    for written in [*meta_values(soup, DATE_META), json_ld_date(articles)]:
        found.date = _parse(written)
        if found.date is not None:
            break
    for tag in soup.select(DATE_ELEMENTS):
        if found.date is None and not in_chrome(tag, body):
            written = tag.get("content") or tag.get("datetime") or tag.get("title") or ""
            found.date = _parse(str(written))
    for tag in soup.find_all("time"):
        if found.date is None and not in_chrome(tag, body):
            found.date = _parse(str(tag.get("datetime") or "")) or find_date(text_of(tag))
    used: list[Tag] = []
    for tag in header_blocks(soup, body, headline):
        text, classes = text_of(tag), " ".join(tag.get("class") or [])
        byline = _BYLINE_LINE.match(text) is not None
        name = name_in_byline(text)
        if not name and _AUTHOR_CLASSES.search(classes) and _NAME.match(text):
            name = person_name(text)
        date = find_date(text) if byline or _DATE_CLASSES.search(classes) or len(text) <= DATE_LINE_LIMIT else None
        found.author = found.author or name
        found.date = found.date or date
        if byline or name or date:
            used.append(tag)
    for tag in used:
        if body in tag.parents and not tag.decomposed:
            tag.decompose()
            tally[BYLINE] += 1
    name = story_byline(body, tally)
    found.author = found.author or name
    return found


def story_byline(body: Tag, tally: Counter[str]) -> str:
    """Remove "Oleh:/Reporter:/Editor:" lines at the start or end of a story; the author they name."""
    author = ""
    for tag in story_lines(body):
        lines = _lines(tag)
        names = [name_in_byline(line) for line in lines]
        author = author or next((name for name in names if name), "")
        staff = [bool(_STAFF_LINE.match(line)) and len(line) <= LINE_LIMIT for line in lines]
        if lines and all(name or is_staff for name, is_staff in zip(names, staff, strict=True)):
            tag.decompose()
            tally[BYLINE] += 1
    return author


def _lines(tag: Tag) -> list[str]:
    """The block's text cut at its ``<br>`` (a "Reporter: …<br>Editor: …" block holds two lines)."""
    lines, current = [], []
    for node in tag.descendants:
        if isinstance(node, Tag) and node.name == "br":
            lines.append(" ".join(current))
            current = []
        elif isinstance(node, str) and not isinstance(node, Tag):
            current.append(str(node))
    lines.append(" ".join(current))
    return [" ".join(line.replace("\u00a0", " ").split()) for line in lines if line.strip()]


def remove_dateline(root: Tag, tally: Counter[str]) -> dt.datetime | None:
    """Remove a line at the start of a story that only says when it was published; that date.

    "Senin, 16 November 2020 | 08:15 WIB" or "Oleh Redaksi | 3 Februari 2022" typed as the first
    paragraph: the header carries the date, so the line leaves the story. A sentence that mentions a
    date is no date line and stays.
    """
    blocks = [b for b in root.find_all(("p", "div"), recursive=True) if text_of(b) and not b.find(("p", "div"))]
    for block in blocks[:DATELINE_BLOCKS]:
        text = text_of(block)
        if len(text) > LINE_LIMIT:
            continue
        date = find_date(text)
        rest = _DATE_IN_TEXT.sub(" ", _MONTH_FIRST.sub(" ", text))
        rest = _WEEKDAY.sub(" ", " ".join(_DATELINE_WORDS.sub(" ", rest).split())).strip()
        byline = _BYLINE_LINE.match(rest)
        if byline is not None and _NAME.match(byline.group(1).strip()):
            rest = ""  # "Oleh Redaksi": a name, not a sentence
        if date is not None and not rest:
            block.decompose()
            tally[BYLINE] += 1
            return date
    return None


def story_date(root: Tag) -> dt.datetime | None:
    """An Indonesian date in the first paragraphs of a story already cleaned of chrome.

    Never one after today: a story cannot have been published after it was saved (a date that
    lies ahead is an announced event).
    """
    paragraphs = [text_of(p) for p in root.find_all(("p", "div", "li")) if not p.find(("p", "div"))]
    found = find_date(" ".join([p for p in paragraphs if p][:STORY_DATE_PARAGRAPHS]))
    if found is None:
        return None
    today = dt.datetime.now(found.tzinfo) if found.tzinfo else dt.datetime.now()
    return found if found <= today else None


def _parse(written: str) -> dt.datetime | None:
    if not written:
        return None
    written = _SLASHED_ISO.sub(r"\1-\2-\3", written.strip())  # "2021/09/01 10:00:00"
    try:
        return dt.datetime.fromisoformat(written.replace("Z", "+00:00"))
    except ValueError:
        return parse_date(written) or find_date(written)
