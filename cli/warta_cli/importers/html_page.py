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

from .bylines import in_chrome, meta_values, read_page, remove_dateline, story_date
from .cleaning import clean_element, remove_repeated_headline
from .fields import title_text
from .model import ImportFailed, ParsedSource, SourcePost
from .structured import address_day, json_ld_articles

BODY_SELECTORS = (
    '[itemprop~="articleBody"]', ".entry-content", ".post-content", ".post-body", ".article-content",
    ".article-body", ".detail-content", ".detail__body-text", ".isi-berita", ".content-detail", ".single-content",
    ".td-post-content", ".story-content", ".read__content", ".txt-article", ".post-text", ".single_page_content",
    ".isi-artikel", ".artikel-isi", ".berita-isi", ".konten-berita", ".isi-konten", ".amp-article-content",
    ".isi", "article", "main",
)  # fmt: skip
BODY_WITHOUT_PARAGRAPHS = 200  # characters: a Blogger post written with <br><br> has no <p> at all
MAX_PAGE_BYTES = 8 * 1024 * 1024  # a saved article page is far smaller; a bigger file is not one
# Cleaning takes about 0.4 ms per element; news pages have a few thousand. This keeps one page under ~15 s.
MAX_PAGE_TAGS = 40_000
_TAG_START = re.compile(r"<[A-Za-z]")
HEADLINE_TAGS = ("h1", "h2", "h3")
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
        candidates = [
            tag
            for tag in soup.select(selector)
            if tag.find("p") is not None or len(tag.get_text(" ", strip=True)) >= BODY_WITHOUT_PARAGRAPHS
        ]
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


def _comparable(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def named_headline(soup: BeautifulSoup, body: Tag) -> Tag | None:
    """The heading the page's own metadata names as the headline (Open Graph, JSON-LD or ``<title>``).

    Desa and Blogger themes print the site's name as ``h1`` and the story's headline as ``h2``/``h3``;
    the heading whose text is the ``og:title``, or one part of ``<title>``, is the headline (the
    longest, when the site name is a part too).
    """
    names = {_comparable(name) for name in meta_values(soup, ('meta[property="og:title"]',))}
    names |= {_comparable(str(node.get("headline"))) for node in json_ld_articles(soup) if node.get("headline")}
    title = soup.title.get_text() if soup.title else ""
    parts = {_comparable(part) for part in re.split(r"\s+[|–—:-]\s+|\s+::\s+|:\s+", title)} | {_comparable(title)}
    found = []
    for heading in soup.find_all(HEADLINE_TAGS, limit=200):
        text = _comparable(heading_text(heading))
        if text and (text in names or text in parts) and not in_chrome(heading, body):
            found.append((text in names, len(text), heading))
    return max(found, key=lambda item: item[:2])[2] if found else None


def page_title(soup: BeautifulSoup, body: Tag) -> tuple[str, Tag | None]:
    """The headline and its element: the story's ``h1``, else Open Graph, else ``<title>`` without the site name."""
    named = named_headline(soup, body)
    if named is not None:
        return heading_text(named), named
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
    headings = [h for h in body.find_all_previous(HEADLINE_TAGS) if heading_text(h) == title]
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
            data = handle.read(MAX_PAGE_BYTES + 1)
    except OSError as error:
        raise ImportFailed(f"{path}: berkas tidak bisa dibaca ({error.strerror}).") from None
    if len(data) > MAX_PAGE_BYTES:
        raise ImportFailed(
            f"{path}: halaman lebih dari {MAX_PAGE_BYTES // (1024 * 1024)} MB, terlalu besar untuk satu halaman "
            'berita. Simpan ulang halamannya saja ("Halaman web, hanya HTML").'
        )
    markup = UnicodeDammit(data, is_html=True).unicode_markup or ""
    tags = sum(1 for _ in _TAG_START.finditer(markup))
    if tags > MAX_PAGE_TAGS:
        raise ImportFailed(
            f"{path}: halaman berisi {tags} tag HTML (paling banyak {MAX_PAGE_TAGS}), terlalu rumit untuk satu "
            "halaman berita. Simpan ulang halamannya saja, atau salin beritanya ke berkas dari kim berita-baru."
        )
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
    found = read_page(soup, body, headline, post.chrome)  # before the headline goes: bylines follow it
    post.author, post.date = found.author, found.date
    for heading in body.find_all(HEADLINE_TAGS):
        if heading_text(heading) == title:
            heading.decompose()  # the title is in the header already
    clean_element(body, post.chrome)
    remove_repeated_headline(body, title, post.chrome)
    dateline = remove_dateline(body, post.chrome)  # a stated date typed as the story's first line
    post.date = post.date or dateline
    if post.date is None:
        post.date = story_date(body) or address_day(source_url)
        post.date_guessed = post.date is not None
    body.name, body.attrs = "div", {}
    post.body_html = str(body)
    if not post.title and not body.get_text(strip=True):
        raise ImportFailed(f"{path}: tidak ada judul maupun isi berita yang bisa dikenali di halaman ini.")
    return ParsedSource(posts=[post])
