"""Measure ``kim impor``'s page extraction against trafilatura + htmldate on the real-like saved pages.

Usage: ``.venv/bin/python scripts/compare_extractors.py [--recall] [--detail]`` (needs the ``compare`` extra,
``pip install -e .[compare]``: trafilatura 2.3.1 and htmldate 1.11.0; neither is used by ``kim``).
The truth is the header of each page in ``tests/fixtures/import/real-like/`` (see
``tests/support/real_like_pages.py``): title, date (day, and time when the page states one), author, story
text that must be kept and page chrome that must be gone. Prints one row per page and extractor, then
the totals; ``--detail`` adds what each one got wrong. trafilatura runs with ``favor_precision`` and
without comments (``--recall``: its default balance), htmldate with ``original_date`` and its extensive
search; both read the saved file only (no download).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "cli"), str(ROOT / "tests")]

import htmldate  # noqa: E402
import trafilatura  # noqa: E402
from support.real_like_pages import CHECKS, PAGES, WIB, Found, expected_of, kim_reading, score  # noqa: E402

PRECISION = "--recall" not in sys.argv
LABELS = {"title": "judul", "date": "tanggal", "author": "penulis", "body": "isi utuh", "chrome": "hiasan bersih"}


def trafilatura_reading(page: Path) -> Found:
    """The text, title and author trafilatura finds, with htmldate's publication date."""
    markup = page.read_text(encoding="utf-8")
    text = trafilatura.extract(markup, include_comments=False, include_tables=True, favor_precision=PRECISION)
    metadata = trafilatura.extract_metadata(markup)
    day = htmldate.find_date(markup, extensive_search=True, original_date=True, outputformat="%Y-%m-%d")
    date = dt.datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=WIB) if day else None
    return Found(
        title=(metadata.title if metadata else "") or "",
        date=date,
        author=(metadata.author if metadata else "") or "",
        text=text or "",
        date_has_time=False,  # htmldate gives the day; only the day is compared
    )


EXTRACTORS = {"kim impor": kim_reading, "trafilatura+htmldate": trafilatura_reading}


def main() -> int:
    """Print the table and the totals."""
    detail = "--detail" in sys.argv
    totals = {name: dict.fromkeys(CHECKS, 0) for name in EXTRACTORS}
    print(f"{'page':38} {'extractor':21} " + " ".join(f"{check:>6}" for check in CHECKS))
    for page in PAGES:
        expected = expected_of(page)
        for name, read in EXTRACTORS.items():
            wrong = score(expected, read(page))
            for check in CHECKS:
                totals[name][check] += not wrong[check]
            marks = " ".join(f"{'ok' if not wrong[check] else 'NO':>6}" for check in CHECKS)
            print(f"{page.stem[:38]:38} {name:21} {marks}")
            if detail:
                for check in CHECKS:
                    if wrong[check]:
                        print(f"{'':60}{check}: {'; '.join(wrong[check])}")
    print()
    print(f"{'totals (' + str(len(PAGES)) + ' pages)':38} {'':21} " + " ".join(f"{check:>6}" for check in CHECKS))
    for name, total in totals.items():
        print(f"{'':38} {name:21} " + " ".join(f"{total[check]:>6}" for check in CHECKS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
