"""Score page extraction on the real-like saved pages in ``tests/fixtures/import/real-like/``.

Each page is written for the tests (original text, fictional people) in the structure of an Indonesian
news site or government portal, and states in its header comment what a correct import holds::

    Title: the headline
    Date: 2020-11-16 08:15     (or only the day; "-" when the page states no date)
    Author: Dedi Kurniawan     ("-" when no person is named as the author)
    Body-contains: text of the story | …
    Body-absent: page chrome that must be gone | …

``tests/warta_cli/test_import_real_like.py`` demands every point from ``kim impor``; ``scripts/compare_extractors.py``
prints the same scores for trafilatura + htmldate beside it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from support.fixture_cases import read_header
from support.site import TESTS

REAL_LIKE = TESTS / "fixtures" / "import" / "real-like"
PAGES = sorted(REAL_LIKE.glob("*.html"))
WIB = dt.timezone(dt.timedelta(hours=7))  # every page of the corpus is in western Indonesia
CHECKS = ("title", "date", "author", "body", "chrome")


@dataclass
class Expected:
    """What a page's header says a correct import holds."""

    name: str
    title: str
    date: str  # "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "" for no date
    author: str
    contains: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)


@dataclass
class Found:
    """One extractor's reading of a page."""

    title: str
    date: dt.datetime | None
    author: str
    text: str
    date_has_time: bool = True


def expected_of(page: Path) -> Expected:
    """The page's header."""
    header = read_header(page)
    date, author = header.get("date"), header.get("author")
    return Expected(
        name=page.name,
        title=header.get("title"),
        date="" if date == "-" else date,
        author="" if author == "-" else author,
        contains=header.split("body-contains"),
        absent=header.split("body-absent"),
    )


def _flat(text: str) -> str:
    text = re.sub(r"[*_\\]", "", text.replace("\u00a0", " "))
    return " ".join(text.split()).casefold()


def score(expected: Expected, found: Found) -> dict[str, list[str]]:
    """For each check, what is wrong (an empty list when right)."""
    wrong: dict[str, list[str]] = {check: [] for check in CHECKS}
    if " ".join(found.title.split()) != expected.title:
        wrong["title"].append(f"judul {found.title!r}")
    when = found.date.astimezone(WIB) if found.date is not None and found.date.tzinfo else found.date
    if expected.date == "":
        if when is not None:
            wrong["date"].append(f"tanggal dikarang {when:%Y-%m-%d %H:%M}")
    elif when is None:
        wrong["date"].append("tanggal tidak ditemukan")
    else:
        shown = f"{when:%Y-%m-%d %H:%M}"[: len(expected.date)]
        if not found.date_has_time:
            shown = shown[:10]
        if shown != expected.date[: len(shown)]:
            wrong["date"].append(f"tanggal {shown}")
    if " ".join(found.author.split()) != expected.author:
        wrong["author"].append(f"penulis {found.author!r}")
    text = _flat(found.text)
    wrong["body"] = [f"hilang {part!r}" for part in expected.contains if _flat(part) not in text]
    wrong["chrome"] = [f"tersisa {part!r}" for part in expected.absent if _flat(part) in text]
    return wrong


def kim_reading(page: Path) -> Found:
    """What ``kim impor`` makes of the page: the same steps ``ArticleWriter.write`` takes."""
    from warta_cli.importers.convert import prepare_body
    from warta_cli.importers.html_page import parse_html_page

    (post,) = parse_html_page(str(page)).posts
    root, named = prepare_body(post, post.title)
    return Found(title=post.title, date=post.date, author=post.author or named, text=root.get_text("\n"))
