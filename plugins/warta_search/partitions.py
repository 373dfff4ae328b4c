"""The search index in parts: this calendar year's stories, and the archive, each its own Pagefind bundle.

Pagefind cannot update an index in place: every run reads every page it is
given. Most edits touch this year's stories, so the index is split at a fixed
calendar boundary: ``pagefind/`` holds the stories (and partner news) of the
build's current year (``WartaState.now``, which tests and the demo pin with
``WARTA_NOW``) and later, ``pagefind/arsip/`` everything older. Each part is
re-indexed alone when its own pages change (:mod:`.freshness` keeps one stamp
per part), and ``cari.js`` searches both at once (Pagefind's ``mergeIndex``,
given the same options as the main index). A rolling window would move
stories between the parts every day; a calendar year moves them once, on
1 January, when both parts are rebuilt.

The archive lives inside the main bundle's folder, so everything that treats
``pagefind/`` as the search index (publishing, output checks) sees both parts.
Which pages belong to which part is decided once per build, when ``/cari/``
is rendered (the page names the parts that have pages), and read again by the
indexer at ``finalized``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from warta_network.state import WartaState

CURRENT = "pagefind"  # this year's part: Pagefind's main bundle, the one /cari/ imports
ARCHIVE = "pagefind/arsip"  # earlier years: merged into the search by cari.js
PARTS = (CURRENT, ARCHIVE)


def part_of(year: int, current_year: int) -> str:
    """The part a story of ``year`` belongs to (a story dated next year counts as current)."""
    return CURRENT if year >= current_year else ARCHIVE


def part_slug(part: str) -> str:
    """``pagefind`` / ``pagefind-arsip``: the part as one file-name word."""
    return part.replace("/", "-")


@dataclass
class SearchPlan:
    """Which article page goes into which part, for one build."""

    current_year: int
    pages: dict[str, str] = field(default_factory=dict)  # output name (kim/x/slug/index.html) -> part

    def names(self, part: str) -> list[str]:
        """The output names of one part's article pages, sorted."""
        return sorted(name for name, owner in self.pages.items() if owner == part)

    def items(self, part: str, items: Iterable[Any]) -> list[Any]:
        """The partner items of one part (by their date's year)."""
        return [item for item in items if part_of(item.date.year, self.current_year) == part]

    def filled(self, items: Iterable[Any]) -> list[str]:
        """The parts that have something to index, current first."""
        years = {part_of(item.date.year, self.current_year) for item in items}
        return [part for part in PARTS if part in years or part in self.pages.values()]


def plan_articles(state: WartaState, articles: Iterable[Any]) -> SearchPlan:
    """Record in the build state which part each published article (``save_as``, ``date``) is indexed in."""
    year = state.now.year
    state.search_parts = {a.save_as: part_of(a.date.year, year) for a in articles if a.save_as}
    return SearchPlan(year, state.search_parts)


def recorded_plan(state: WartaState) -> SearchPlan | None:
    """The plan ``/cari/`` was rendered with in this build, if it was."""
    return None if state.search_parts is None else SearchPlan(state.now.year, state.search_parts)


def link_pages(output: str, site: str, names: Iterable[str]) -> int:
    """Give ``site`` the pages ``names`` of ``output`` (hard links, else copies) for Pagefind to read; how many."""
    shutil.rmtree(site, ignore_errors=True)
    count = 0
    for name in names:
        source, target = os.path.join(output, name), os.path.join(site, name)
        if not os.path.isfile(source):
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            os.link(source, target)
        except OSError:  # a file system without hard links
            shutil.copyfile(source, target)
        count += 1
    os.makedirs(site, exist_ok=True)
    return count
