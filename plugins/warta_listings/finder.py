"""The desa finder and the front page's portal blocks.

``/wilayah/desa/`` lists, A to Z, every desa/kelurahan that has a KIM or news,
each with its kecamatan and kabupaten/kota (names repeat across the country,
so the place settles which one is meant). A desa page also names the other
desa of its kecamatan that have a page. The home page gets a lead story (the
newest with a picture among the first page's stories) and the latest story of each
kabupaten/kota, most recently active first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from warta_core.network import Network
from warta_core.regions import DESA, Region, kabupaten_code

from .indexes import NetworkIndex
from .related import StoryLink, story_link

DESA_FINDER_URL = "wilayah/desa/"
LEAD_LOOKAHEAD = 12  # the lead is the newest story with a picture among the newest twelve (page 1)
KABUPATEN_ON_HOME = 12  # latest-per-kabupaten rows on the home page (the rest: /wilayah/)


@dataclass(frozen=True)
class DesaRow:
    """One line of the finder: the desa, its kecamatan and kabupaten/kota, its KIM and story counts."""

    desa: Region
    kecamatan: Region
    kabupaten: Region
    kims: int
    stories: int


def desa_rows(network: Network, index: NetworkIndex) -> list[DesaRow]:
    """Every desa/kelurahan with a page, sorted by name, then kabupaten and kecamatan."""
    rows = []
    for region in network.registry:
        if region.level == DESA and index.region_has_content(region.code):
            path = network.registry.path(region.code)
            rows.append(
                DesaRow(
                    region,
                    path[2],
                    path[1],
                    len(index.kims_by_region.get(region.code, [])),
                    len(index.by_region.get(region.code, [])),
                )
            )
    rows.sort(key=lambda r: (r.desa.name.lower(), r.kabupaten.name.lower(), r.kecamatan.name.lower(), r.desa.code))
    return rows


def by_letter(rows: list[DesaRow]) -> list[tuple[str, list[DesaRow]]]:
    """Rows grouped by the first letter of the desa's name (``#`` for anything else)."""
    groups: dict[str, list[DesaRow]] = {}
    for row in rows:
        first = row.desa.name[:1].upper()
        groups.setdefault(first if first.isalpha() else "#", []).append(row)
    return list(groups.items())


def neighbour_desa(network: Network, index: NetworkIndex, region: Region) -> tuple[Region, ...]:
    """The other desa/kelurahan of ``region``'s kecamatan that have a page."""
    if region.level != DESA:
        return ()
    return tuple(r for r in index.child_regions(network, region.parent_code) if r.code != region.code)


@dataclass(frozen=True)
class LeadStory:
    """The home page's lead: a story and, when it has one, its cover."""

    story: StoryLink
    summary: str
    image_url: str | None
    image_alt: str
    desa: Region
    kabupaten: Region


def lead_story(articles: list[Any], network: Network) -> LeadStory | None:
    """The newest story with a picture among the newest few, else the newest."""
    if not articles:
        return None
    newest = articles[:LEAD_LOOKAHEAD]
    lead = next((a for a in newest if a.image_url), newest[0])
    path = lead.breadcrumbs
    return LeadStory(story_link(lead), lead.summary, lead.image_url, lead.image_alt or "", path[-1], path[1])


def latest_per_kabupaten(articles: list[Any], network: Network) -> tuple[tuple[Region, StoryLink], ...]:
    """The newest story of each kabupaten/kota, most recently active first (one pass, newest first)."""
    found: dict[str, tuple[Region, StoryLink]] = {}
    for article in articles:
        for code in dict.fromkeys(kabupaten_code(desa) for desa in article.desa_codes):
            if code not in found:
                found[code] = (network.registry.get(code), story_link(article, article.regions[0].label))
        if len(found) >= KABUPATEN_ON_HOME:
            break
    return tuple(found.values())
