"""Measure ``kim impor``'s own page extraction against trafilatura + htmldate on the saved-page fixtures.

Usage: ``.venv/bin/python scripts/compare_extractors.py`` (needs ``pip install trafilatura==2.3.1
htmldate==1.11.0``; neither is a dependency of the portal). The truth is the reviewed Markdown in
``tests/fixtures/import/expected/<page>/``: its title, date, author and story paragraphs, and the
fixture's ``Expect-absent`` chrome. For each page and extractor it prints the story paragraphs kept,
the chrome strings left, and whether title, date (day) and author are right; then the totals.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "cli"), str(ROOT / "tests")]

import htmldate  # noqa: E402
import trafilatura  # noqa: E402
from fixture_cases import read_header  # noqa: E402

from warta_cli.importers.bylines import story_byline  # noqa: E402
from warta_cli.importers.cleaning import clean_fragment, remove_repeated_headline  # noqa: E402
from warta_cli.importers.html_page import parse_html_page  # noqa: E402
from warta_core.metadata import parse_header  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "import"
PRECISION = "--recall" not in sys.argv  # trafilatura's default balance with --recall
_MARKDOWN = re.compile(r"[*_#>`\[\]]|\(https?://[^)]*\)")


def words(text: str) -> str:
    """Text reduced to lower-case words, so markup and punctuation do not count."""
    return " ".join(re.findall(r"\w+", _MARKDOWN.sub(" ", text).casefold()))


def truth(page: Path) -> dict:
    """What the reviewed expected Markdown says the page holds."""
    (expected,) = (FIXTURES / "expected" / page.name).rglob("*.md")
    header = parse_header(expected.read_text(encoding="utf-8"))
    paragraphs = [
        line
        for line in header.body.split("\n\n")
        if line.strip() and not line.startswith(("<!--", "*Foto", "![")) and not line.startswith("*") and len(line) > 40
    ]
    return {
        "title": header.value("title"),
        "date": header.value("date")[:10],
        "author": header.value("author"),
        "paragraphs": paragraphs,
        "chrome": read_header(page).split("expect-absent"),
    }


def ours(page: Path) -> dict:
    """The importer's reading of the page."""
    (post,) = parse_html_page(str(page)).posts
    root = clean_fragment(post.body_html, post.chrome)  # what ArticleWriter.write does next
    remove_repeated_headline(root, post.title, post.chrome)
    named = story_byline(root, post.chrome)
    return {
        "title": post.title,
        "date": f"{post.date:%Y-%m-%d}" if post.date else "",
        "author": post.author or named,
        "text": root.get_text("\n"),
    }


def theirs(page: Path) -> dict:
    """Trafilatura's reading (precision-oriented, no comments), with htmldate for the date."""
    markup = page.read_text(encoding="utf-8")
    text = trafilatura.extract(markup, include_comments=False, include_tables=True, favor_precision=PRECISION) or ""
    metadata = trafilatura.extract_metadata(markup)
    date = htmldate.find_date(markup, extensive_search=True, original_date=True, outputformat="%Y-%m-%d") or ""
    return {
        "title": (metadata.title if metadata else "") or "",
        "date": date,
        "author": (metadata.author if metadata else "") or "",
        "text": text,
    }


def score(expected: dict, found: dict) -> dict:
    """Paragraphs kept, chrome left and metadata right, for one extraction."""
    text = words(found["text"])
    kept = sum(1 for paragraph in expected["paragraphs"] if words(paragraph) in text)
    left = [chrome for chrome in expected["chrome"] if chrome.casefold() in found["text"].casefold()]
    return {
        "kept": kept,
        "of": len(expected["paragraphs"]),
        "left": left,
        "title": found["title"] == expected["title"],
        "date": found["date"] == expected["date"],
        "author": (found["author"] or "") == expected["author"],
    }


def main() -> int:
    """Print the comparison table."""
    pages = sorted(p for p in FIXTURES.glob("*.html") if (FIXTURES / "expected" / p.name).is_dir())
    totals = {name: {"kept": 0, "of": 0, "left": 0, "title": 0, "date": 0, "author": 0} for name in ("kim", "traf")}
    print(f"{'halaman':42} {'extractor':11} {'paragraf':>8} {'chrome':>6}  judul tanggal penulis")
    for page in pages:
        expected = truth(page)
        for name, extract in (("kim", ours), ("traf", theirs)):
            result = score(expected, extract(page))
            total = totals[name]
            for key in ("kept", "of", "title", "date", "author"):
                total[key] += int(result[key])
            total["left"] += len(result["left"])
            label = "kim impor" if name == "kim" else "trafilatura"
            marks = " ".join(("ya" if result[key] else "TIDAK").ljust(len(key)) for key in ("title", "date", "author"))
            print(f"{page.name:42} {label:11} {result['kept']:>4}/{result['of']:<3} {len(result['left']):>6}  {marks}")
            if result["left"]:
                print(f"{'':55}sisa: {' | '.join(result['left'])}")
    print()
    for name, total in totals.items():
        label = "kim impor" if name == "kim" else "trafilatura+htmldate"
        print(
            f"{label:22} paragraf {total['kept']}/{total['of']}, chrome tersisa {total['left']}, judul "
            f"{total['title']}/{len(pages)}, tanggal {total['date']}/{len(pages)}, "
            f"penulis {total['author']}/{len(pages)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
