"""Publication date and author stated in a page's JSON-LD, and the day an article's address names.

Many news sites describe the story as JSON-LD (``NewsArticle``, ``Article``, ``BlogPosting``) with
``datePublished`` and ``author``, sometimes as their only machine-readable date. The JSON is untrusted
input: only a few scripts of bounded size are read, nesting deeper than :data:`MAX_DEPTH` is not
followed, and anything that does not parse is ignored. Organisations are not authors.

The address (``/2023/08/14/slug``) is the last resort for the day, and is reported as a guess: many
Indonesian sites put the publication day in it, and a saved page that shows only "2 hari lalu" has
nothing else. A relative date is never resolved against today.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator

from bs4 import BeautifulSoup

from .fields import person_name

MAX_SCRIPTS = 8  # JSON-LD scripts read per page
MAX_SCRIPT_CHARS = 200_000  # a larger script is not a story's description
MAX_DEPTH = 6  # "@graph" and nested objects followed this deep
MAX_NODES = 500  # objects looked at per page
ARTICLE_TYPES = {
    "newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "webpage",
    "socialmediaposting", "liveblogposting",
}  # fmt: skip
_ADDRESS_DAY = re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?=/|$|[-_.?#])")


def _objects(value: object, depth: int = 0) -> Iterator[dict]:
    """Every JSON object in ``value`` down to :data:`MAX_DEPTH`, outermost first."""
    if depth > MAX_DEPTH:
        return
    if isinstance(value, dict):
        yield value
        for key in ("@graph", "mainEntity", "itemListElement"):
            yield from _objects(value.get(key), depth + 1)
    elif isinstance(value, list):
        for item in value[:MAX_NODES]:
            yield from _objects(item, depth + 1)


def _types(node: dict) -> set[str]:
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {kind.casefold() for kind in kinds if isinstance(kind, str)}


def json_ld_articles(soup: BeautifulSoup) -> list[dict]:
    """The page's JSON-LD objects that describe an article, news story first."""
    found: list[dict] = []
    for script in soup.find_all("script", type="application/ld+json")[:MAX_SCRIPTS]:
        text = script.string or ""
        if len(text) > MAX_SCRIPT_CHARS:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        for count, node in enumerate(_objects(data)):
            if count >= MAX_NODES:
                break
            if _types(node) & ARTICLE_TYPES:
                found.append(node)
    return sorted(found, key=lambda node: "webpage" in _types(node))


def json_ld_date(articles: list[dict]) -> str:
    """The first ``datePublished`` (as written), or ""."""
    for node in articles:
        written = node.get("datePublished")
        if isinstance(written, str) and written.strip():
            return written.strip()
    return ""


def json_ld_author(articles: list[dict]) -> str:
    """The first person named as ``author`` (a name, or an object with ``name``), or ""."""
    for node in articles:
        authors = node.get("author")
        for author in (authors if isinstance(authors, list) else [authors])[:10]:
            if isinstance(author, dict) and "organization" in _types(author):
                continue
            name = author.get("name") if isinstance(author, dict) else author
            if isinstance(name, str) and 0 < len(name) <= 60 and not name.startswith("http") and person_name(name):
                return person_name(name)
    return ""


def address_day(address: str) -> dt.datetime | None:
    """The day an article address names (``/2023/08/14/``), or ``None``."""
    match = _ADDRESS_DAY.search(address or "")
    if match is None:
        return None
    try:
        return dt.datetime(*(int(part) for part in match.groups()))
    except ValueError:  # 31 February
        return None
