"""The desa finder and the front page's portal blocks.

``/wilayah/desa/`` lists, A to Z, every desa/kelurahan that has a KIM or news,
each with its kecamatan and kabupaten/kota (names repeat across the country,
so the place settles which one is meant). A desa page also names the other
desa of its kecamatan that have a page. The home page's blocks are
``warta_listings.home``.
"""

from __future__ import annotations

from dataclasses import dataclass

from warta_core.network import Network
from warta_core.regions import DESA, Region

from .indexes import NetworkIndex

DESA_FINDER_URL = "wilayah/desa/"


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
