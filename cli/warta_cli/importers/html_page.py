"""A single article page saved from a browser ("Save page as…, complete").

News sites put the story inside a page full of other things, so the story
is located first: a container known from common themes (``articleBody``,
``entry-content``, ``post-body``…), else the element holding the most
paragraph text; then it is cleaned of chrome here, so that the date can be
looked for in its first paragraphs. Author and date come only from the
places :mod:`bylines` names; Indonesian dates such as ``Rabu (20/11/2019)``
or ``Senin, 16 November 2020 | 08:15 WIB`` are understood. Images saved next
to the page (``Page_files/…``) resolve against the page's folder.
"""

from __future__ import annotations

import os
import re

from bs4 import BeautifulSoup, Tag, UnicodeDammit

from warta_core.limits import strip_forbidden

from .bylines import meta_values, read_page, story_date
from .cleaning import clean_element, remove_repeated_headline
from .fields import title_text
from .model import ImportFailed, ParsedSource, SourcePost

BODY_SELECTORS = (
    '[itemprop="articleBody"]', ".entry-content", ".post-content", ".post-body", ".article-content",
    ".article-body", ".detail-content", ".detail__body-text", ".isi-berita", ".content-detail", ".single-content",
    ".td-post-content", ".story-content", "article", "main",
)  # fmt: skip
_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s+::\s+")


def heading_text(tag: Tag) -> str:
    """A headline's text as shown: inline tags add no space (``Mark<sup>up</sup>`` is "Markup")."""
    copy = BeautifulSoup(str(tag), "html.parser")
    for line_break in copy.find_all("br"):
        line_break.replace_with(" ")
    return title_text(copy.get_text())


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


def page_title(soup: BeautifulSoup, body: Tag) -> tuple[str, Tag | None]:
    """The headline and its element: the story's ``h1``, else Open Graph, else ``<title>`` without the site name."""
    article = body if body.name == "article" else body.find_parent("article")
    heading = article.find("h1") if article is not None else None
    if heading is None:
        before = [h for h in body.find_all_previous("h1") if not h.find_parent(("header", "nav"))]
        heading = before[0] if before else body.find("h1")
    if heading is not None and heading.get_text(strip=True):
        return heading_text(heading), heading
    og = meta_values(soup, ('meta[property="og:title"]',))
    if og:
        return title_text(og[0]), None
    title = title_text(soup.title.get_text() if soup.title else "")
    return (_TITLE_SEPARATORS.split(title)[0] if title else ""), None


def lead_image(soup: BeautifulSoup, body: Tag, title: str) -> tuple[str, str]:
    """The story's main photo when the page shows it between the headline and the story."""
    headings = [h for h in body.find_all_previous("h1") if heading_text(h) == title]
    if headings:
        for image in headings[0].find_all_next("img"):
            if body in image.parents or image in body.descendants:
                break
            if image.find_parent(("header", "nav", "aside", "footer")) is None and str(image.get("width")) != "1":
                figure = image.find_parent("figure")
                caption = figure.find("figcaption") if figure is not None else None
                alt = " ".join(str(image.get("alt") or "").split())
                return str(image.get("src") or ""), alt or (caption.get_text(" ", strip=True) if caption else "")
    og = meta_values(soup, ('meta[property="og:image"]',))
    return (og[0], "") if og else ("", "")


def parse_html_page(path: str) -> ParsedSource:
    """Read one saved article page."""
    try:
        with open(path, "rb") as handle:
            markup = UnicodeDammit(handle.read(), is_html=True).unicode_markup or ""
    except OSError as error:
        raise ImportFailed(f"{path}: berkas tidak bisa dibaca ({error.strerror}).") from None
    soup = BeautifulSoup(strip_forbidden(markup), "html.parser")
    body = locate_body(soup)
    title, headline = page_title(soup, body)
    canonical = soup.find("link", rel="canonical")
    og_url = meta_values(soup, ('meta[property="og:url"]',))
    source_url = str(canonical.get("href")) if canonical is not None else (og_url[0] if og_url else "")
    cover_url, cover_alt = lead_image(soup, body, title)
    post = SourcePost(
        origin=os.path.basename(path),
        title=title,
        body_html="",
        date=None,
        categories=meta_values(soup, ('meta[property="article:section"]', 'meta[property="article:tag"]')),
        slug="",
        summary=(meta_values(soup, ('meta[name="description"]', 'meta[property="og:description"]')) or [""])[0],
        source_url=source_url,
        cover_url=cover_url,
        cover_alt=cover_alt,
        base_dir=os.path.dirname(os.path.abspath(path)),
    )
    for heading in body.find_all("h1"):
        if heading_text(heading) == title:
            heading.decompose()  # the title is in the header already
    found = read_page(soup, body, headline, post.chrome)
    post.author, post.date = found.author, found.date
    clean_element(body, post.chrome)
    remove_repeated_headline(body, title, post.chrome)
    if post.date is None:
        post.date = story_date(body)
        post.date_guessed = post.date is not None
    body.name, body.attrs = "div", {}
    post.body_html = str(body)
    if not post.title and not body.get_text(strip=True):
        raise ImportFailed(f"{path}: tidak ada judul maupun isi berita yang bisa dikenali di halaman ini.")
    return ParsedSource(posts=[post])
