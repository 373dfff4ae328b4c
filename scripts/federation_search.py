"""Across portals: the national portal's ``/cari/`` searches the kabupaten portals' own indexes.

Used by ``scripts/federation.py`` after the first aggregation. The national
portal lists the kabupaten portals in ``WARTA_SEARCH_PORTALS``; its ``/cari/``
merges their Pagefind indexes by URL (``mergeIndex``), fetched cross-origin:
the national portal is served from another port than the kabupaten portals,
and their server sends ``Access-Control-Allow-Origin: *`` for ``pagefind/``
as GitHub Pages does. One query, a word of story titles in two kabupaten
portals, is typed into ``/cari/?q=`` in Chromium (skipped when it is absent);
the listed results must come from both.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
_TITLE = re.compile(r"^Judul: (.+)$", re.MULTILINE)
_WORD = re.compile(r"[a-z]{5,}")
DONE = """(() => {
  const status = document.getElementById('status').textContent;
  const busy = document.getElementById('hasil').getAttribute('aria-busy') === 'true';
  return status && !status.startsWith('Ketik') && !busy ? status : '';
})()"""
LINKS = "[...document.querySelectorAll('#hasil li h2 a')].map(a => a.href)"


@dataclass
class SearchFigures:
    """One query on the national portal's /cari/ and where its results came from."""

    query: str = ""
    status: str = ""
    links: list[str] = field(default_factory=list)
    portals: list[str] = field(default_factory=list)  # kabupaten codes of the listed stories


def pick_query(folders: dict[str, Path]) -> str:
    """A title word of two or more kabupaten portals' stories, the rarest such word (its results fit one page)."""
    where: dict[str, set[str]] = defaultdict(set)
    count: dict[str, int] = defaultdict(int)
    for code, content in sorted(folders.items()):
        for story in sorted(content.rglob("*.md")):
            title = _TITLE.search(story.read_text(encoding="utf-8"))
            for word in set(_WORD.findall(title.group(1).lower()) if title else ()):
                where[word].add(code)
                count[word] += 1
    shared = [word for word, codes in where.items() if len(codes) >= 2]
    if not shared:
        raise SystemExit("Tidak ada kata judul yang sama di dua portal kabupaten; buat lebih banyak berita.")
    return min(shared, key=lambda word: (count[word], word))


def search_national(national_url: str, query: str, codes: list[str]) -> SearchFigures:
    """Open the national ``/cari/?q=query`` in Chromium; the results listed and their kabupaten portals."""
    sys.path[:0] = [
        str(REPO / "plugins"),
        str(REPO / "cli"),
        str(REPO / "tests"),
    ]  # code first: no tests/warta_* shadows it
    from support.cdp import Browser  # noqa: PLC0415  (the test suite's small Chromium driver)

    figures = SearchFigures(query=query)
    with tempfile.TemporaryDirectory(prefix="federasi-chromium-") as work, Browser(Path(work)) as browser:
        browser.navigate(f"{national_url}cari/?q={quote(query)}")
        figures.status = browser.wait_for(DONE, timeout=60, what=f"results for {query!r} on the national portal")
        figures.links = browser.evaluate(LINKS)
    figures.portals = sorted({code for code in codes for link in figures.links if f"/{code}/" in link})
    return figures
