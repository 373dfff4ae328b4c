"""The fact-check listings: ``/cek-fakta/`` and one page per kabupaten/kota.

Every published clarification (an article with ``Klaim``, see
``warta_core.factcheck``) is listed at ``cek-fakta/``, newest first, and
at ``cek-fakta/<provinsi>/<kabupaten>/`` for every kabupaten/kota of its
desa. Those addresses reuse the wilayah slugs (``wilayah/<provinsi>/
<kabupaten>/`` becomes ``cek-fakta/<provinsi>/<kabupaten>/``), so they are as
stable as the region pages. Being listings, they get Atom, RSS and JSON Feed
from warta_syndication like every other listing. The first page shows the
counts per kabupaten/kota and per KIM; the home page shows a strip of the
latest clarifications (``warta_listings.home``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from warta_core.network import Network
from warta_core.regions import kabupaten_code
from warta_core.verdicts import Verdict

FACT_CHECK_URL = "cek-fakta/"
TEMPLATE = "cek_fakta"


@dataclass(frozen=True)
class Count:
    """One line of a count table: what, its page, and how many clarifications."""

    label: str
    url: str
    count: int


@dataclass(frozen=True)
class FactCheckEntry:
    """A clarification as the home strip shows it (plain values: its repr is the page's fingerprint)."""

    title: str
    url: str
    verdict: Verdict
    claim: str
    kim_name: str
    date: Any


def clarifications(articles: list[Any]) -> list[Any]:
    """The published clarifications, in the order given (newest first)."""
    return [article for article in articles if getattr(article, "factcheck", None) is not None]


def region_url(region_url: str) -> str:
    """``wilayah/lampung/kabupaten-pesawaran/`` -> ``cek-fakta/lampung/kabupaten-pesawaran/``."""
    return FACT_CHECK_URL + region_url.removeprefix("wilayah/")


def by_kabupaten(checks: list[Any]) -> dict[str, list[Any]]:
    """Clarifications per kabupaten/kota code of their desa (each listed once per kabupaten)."""
    grouped: dict[str, list[Any]] = {}
    for article in checks:
        for code in dict.fromkeys(kabupaten_code(desa) for desa in article.desa_codes):
            grouped.setdefault(code, []).append(article)
    return grouped


def kim_counts(checks: list[Any]) -> list[Count]:
    """Clarifications per KIM, most first."""
    counts = Counter(article.kim_profile.slug for article in checks)
    profiles = {article.kim_profile.slug: article.kim_profile for article in checks}
    ranked = sorted(counts.items(), key=lambda item: (-item[1], profiles[item[0]].name.lower()))
    return [Count(profiles[slug].name, profiles[slug].url, count) for slug, count in ranked]


def factcheck_listings(network: Network, articles: list[Any], listing: type) -> list[Any]:
    """``/cek-fakta/`` and its kabupaten/kota pages, as ``listing`` objects (warta_listings' Listing)."""
    checks = clarifications(articles)
    grouped = by_kabupaten(checks)
    kabupaten = [network.registry.get(code) for code in sorted(grouped)]
    counts = tuple(Count(region.label, region_url(region.url), len(grouped[region.code])) for region in kabupaten)
    name = network.info.name
    result = [
        listing(
            FACT_CHECK_URL,
            TEMPLATE,
            "Cek Fakta",
            f"Klarifikasi kabar bohong oleh KIM di {name}: klaim yang beredar, penilaiannya, dan sumbernya.",
            checks,
            {"kabupaten_counts": counts, "kim_counts": tuple(kim_counts(checks)), "region": None},
        )
    ]
    for region in kabupaten:
        found = grouped[region.code]
        result.append(
            listing(
                region_url(region.url),
                TEMPLATE,
                f"Cek Fakta {region.label}",
                f"Klarifikasi kabar bohong yang beredar di {region.label}, diperiksa KIM setempat.",
                found,
                {
                    "kabupaten_counts": (),
                    "kim_counts": tuple(kim_counts(found)),
                    "region": region,
                    "breadcrumbs": network.registry.path(region.code),
                },
            )
        )
    return result
