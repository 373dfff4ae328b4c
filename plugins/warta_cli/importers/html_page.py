"""A single article page saved from a browser ("Save page as…, complete").

News sites put the story inside a page full of other things, so the story
is located first: a container known from common themes (``articleBody``,
``entry-content``, ``post-body``…), else the element holding the most
paragraph text. Title, date and author come from the page's metadata when
present (Open Graph, ``article:published_time``, ``<time>``), else from the
visible text, where Indonesian dates such as ``Rabu (20/11/2019)`` or
``Senin, 16 November 2020 | 08:15 WIB`` are understood. Images saved next to
the page (``Page_files/…``) resolve against the page's folder.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from bs4 import BeautifulSoup, Tag

from warta_network.dates import parse_date

from .model import ImportFailed, ParsedSource, SourcePost

BODY_SELECTORS = (
    '[itemprop="articleBody"]', ".entry-content", ".post-content", ".post-body", ".article-content",
    ".article-body", ".detail-content", ".detail__body-text", ".isi-berita", ".content-detail", ".single-content",
    ".td-post-content", ".story-content", "article", "main",
)  # fmt: skip
DATE_META = (
    ('meta[property="article:published_time"]', "content"),
    ('meta[itemprop="datePublished"]', "content"),
    ('meta[name="pubdate"]', "content"),
    ('meta[name="date"]', "content"),
    ("time[datetime]", "datetime"),
)
BYLINE_LIMIT = 200
AUTHOR_META = ('meta[name="author"]', 'meta[property="article:author"]')
_DATE_CLASSES = re.compile(r"date|tanggal|time|waktu|publish|posted|meta", re.IGNORECASE)
_AUTHOR_CLASSES = re.compile(r"author|penulis|reporter|byline|writer", re.IGNORECASE)
_DATE_IN_TEXT = re.compile(
    r"(?:(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)\s*,?\s*\(?\s*)?"
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{1,2}\s+[a-z]+\.?\s+\d{4})"
    r"\s*\)?\s*(?:[|,–-]\s*)?(?:pukul\s*)?(?:(\d{1,2}[:.]\d{2})\s*(wib|wita|wit)?)?",
    re.IGNORECASE,
)
_AUTHOR_IN_TEXT = re.compile(
    r"(?i:penulis|reporter|pewarta|oleh|ditulis oleh)\s*:?\s*([A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,4})"
)
_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s+::\s+")


def find_date(text: str) -> dt.datetime | None:
    """The first date in free text that :func:`parse_date` understands."""
    for match in _DATE_IN_TEXT.finditer(text):
        day, clock, zone = match.groups()
        parsed = parse_date(" ".join(part for part in (day, clock, zone) if part))
        if parsed is not None:
            return parsed
    return None


def _meta(soup: BeautifulSoup, selectors: tuple[str, ...] | tuple[tuple[str, str], ...]) -> list[str]:
    found = []
    for selector in selectors:
        name, attribute = selector if isinstance(selector, tuple) else (selector, "content")
        for tag in soup.select(name):
            value = " ".join(str(tag.get(attribute) or "").split())
            if value:
                found.append(value)
    return found


def locate_body(soup: BeautifulSoup) -> Tag:
    """The element holding the story."""
    for selector in BODY_SELECTORS:
        candidates = [tag for tag in soup.select(selector) if len(tag.find_all("p")) >= 1]
        if candidates:
            return max(candidates, key=lambda tag: len(tag.get_text(" ", strip=True)))
    paragraphs = soup.find_all("p")
    scores: dict[int, tuple[int, Tag]] = {}
    for paragraph in paragraphs:
        parent = paragraph.parent
        if parent is not None:
            score, _tag = scores.get(id(parent), (0, parent))
            scores[id(parent)] = (score + len(paragraph.get_text(strip=True)), parent)
    if not scores:
        return soup.body or soup
    return max(scores.values(), key=lambda pair: pair[0])[1]


def page_title(soup: BeautifulSoup, body: Tag) -> str:
    """The headline: the story's ``h1``, else Open Graph, else a ``<title>`` without the site name."""
    article = body if body.name == "article" else body.find_parent("article")
    heading = article.find("h1") if article is not None else None
    if heading is None:
        before = [h for h in body.find_all_previous("h1") if not h.find_parent(("header", "nav"))]
        heading = before[0] if before else body.find("h1")
    if heading is not None and heading.get_text(strip=True):
        return " ".join(heading.get_text(" ").split())
    og = _meta(soup, ('meta[property="og:title"]',))
    if og:
        return og[0]
    title = " ".join((soup.title.get_text() if soup.title else "").split())
    return _TITLE_SEPARATORS.split(title)[0] if title else ""


def page_date(soup: BeautifulSoup, body: Tag) -> dt.datetime | None:
    """Publication time from metadata, else from a date-like element, else from the story's first lines."""
    for written in _meta(soup, DATE_META):
        try:
            parsed = dt.datetime.fromisoformat(written.replace("Z", "+00:00"))
        except ValueError:
            parsed = parse_date(written) or find_date(written)
        if parsed is not None:
            return parsed
    for tag in soup.find_all(class_=_DATE_CLASSES):
        text = tag.get_text(" ", strip=True)
        if len(text) > BYLINE_LIMIT:
            continue  # a whole article whose class says "status-publish"
        parsed = find_date(text)
        if parsed is not None:
            return parsed
    return find_date(body.get_text(" ", strip=True)[:600])


def page_author(soup: BeautifulSoup, body: Tag) -> str:
    """Author from metadata, a byline element, or a "Penulis: …" line."""
    for written in _meta(soup, AUTHOR_META):
        if not written.startswith("http"):
            return written
    for tag in soup.find_all(class_=_AUTHOR_CLASSES):
        text = " ".join(tag.get_text(" ").split())
        match = _AUTHOR_IN_TEXT.search(text)
        if match:
            return match.group(1)
        if 0 < len(text) <= 60:
            return re.sub(r"^(oleh|penulis|reporter)\s*:?\s*", "", text, flags=re.IGNORECASE)
    match = _AUTHOR_IN_TEXT.search(body.get_text(" "))
    return match.group(1) if match else ""


def lead_image(soup: BeautifulSoup, body: Tag, title: str) -> tuple[str, str]:
    """The story's main photo when the page shows it between the headline and the story."""
    headings = [h for h in body.find_all_previous("h1") if " ".join(h.get_text(" ").split()) == title]
    if headings:
        for image in headings[0].find_all_next("img"):
            if body in image.parents or image in body.descendants:
                break
            if image.find_parent(("header", "nav", "aside", "footer")) is None and str(image.get("width")) != "1":
                figure = image.find_parent("figure")
                caption = figure.find("figcaption") if figure is not None else None
                alt = " ".join(str(image.get("alt") or "").split())
                return str(image.get("src") or ""), alt or (caption.get_text(" ", strip=True) if caption else "")
    og = _meta(soup, ('meta[property="og:image"]',))
    return (og[0], "") if og else ("", "")


def parse_html_page(path: str) -> ParsedSource:
    """Read one saved article page."""
    try:
        with open(path, "rb") as handle:
            soup = BeautifulSoup(handle.read(), "html.parser")
    except OSError as error:
        raise ImportFailed(f"{path}: berkas tidak bisa dibaca ({error.strerror}).") from None
    body = locate_body(soup)
    title = page_title(soup, body)
    canonical = soup.find("link", rel="canonical")
    og_url = _meta(soup, ('meta[property="og:url"]',))
    source_url = str(canonical.get("href")) if canonical is not None else (og_url[0] if og_url else "")
    cover_url, cover_alt = lead_image(soup, body, title)
    post = SourcePost(
        origin=os.path.basename(path),
        title=title,
        body_html="",
        date=page_date(soup, body),
        author=page_author(soup, body),
        categories=_meta(soup, ('meta[property="article:section"]', 'meta[property="article:tag"]')),
        slug="",
        summary=(_meta(soup, ('meta[name="description"]', 'meta[property="og:description"]')) or [""])[0],
        source_url=source_url,
        cover_url=cover_url,
        cover_alt=cover_alt,
        base_dir=os.path.dirname(os.path.abspath(path)),
    )
    for heading in body.find_all("h1"):
        if " ".join(heading.get_text(" ").split()) == title:
            heading.decompose()  # the title is in the header already
    post.body_html = str(body)
    if not post.title and not body.get_text(strip=True):
        raise ImportFailed(f"{path}: tidak ada judul maupun isi berita yang bisa dikenali di halaman ini.")
    return ParsedSource(posts=[post])
