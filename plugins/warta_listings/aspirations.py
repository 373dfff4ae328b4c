"""The aspiration listings (``/aspirasi/``, per kabupaten/kota and per desa) and the links between stories.

Every published aspiration (an article with ``Aspirasi``, see
``warta_core.aspirations``) is listed at ``aspirasi/``, at
``aspirasi/<provinsi>/<kabupaten>/`` and at
``aspirasi/<provinsi>/<kabupaten>/<kecamatan>/<desa>/`` for each of its desa;
the addresses reuse the wilayah slugs like ``/cek-fakta/``. The order is what
a reader asks first, "who is still waiting?": open aspirations, the longest
waiting on top; then answered ones, the longest waiting since the answer on
top; then finished or closed ones, the most recent first. Waiting is counted
in days from the last step to the build's moment (``state.now``), never the
clock. Being listings, they get Atom, RSS and JSON Feed from
warta_syndication; an entry's ``updated`` is its last step
(``story_links.last_change``), so a status change moves it.

:func:`attach_aspirations` gives each Pelican article its ``aspiration``, the
days waited, its follow-up stories (``Tindak-Lanjut-Aspirasi``) and, for a
follow-up, the aspiration it answers; what the pages show of them is added to
the fingerprints. The home page and the desa and kabupaten pages show the open
ones briefly (:func:`open_aspirations`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from warta_core.digests import extended
from warta_core.network import Network
from warta_core.regions import DESA, kabupaten_code

from .related import StoryLink, story_link

ASPIRATION_URL = "aspirasi/"
TEMPLATE = "aspirasi"
BRIEF = 3  # open aspirations on the home, desa and kabupaten pages


@dataclass(frozen=True)
class AspirationEntry:
    """An aspiration as a brief list shows it (plain values: its repr is part of the page's fingerprint)."""

    title: str
    url: str
    request: str
    status_label: str
    colour: str
    days_waited: int
    institution: str
    kim_name: str


def aspiration_of(article: Any) -> Any:
    """The checked aspiration of a Pelican article, or None (withdrawn stories too: they keep their source)."""
    return getattr(getattr(article, "source", None), "aspiration", None)


def waiting_order(articles: list[Any], now: dt.datetime) -> list[Any]:
    """The aspirations of ``articles``: open, longest waiting on top; answered likewise; finished, newest first."""

    def key(article: Any) -> tuple:
        aspiration = aspiration_of(article)
        last = aspiration.last.date.timestamp()
        days = aspiration.days_waited(now)
        if aspiration.group < 2:
            return (aspiration.group, -days, last, article.url)
        return (aspiration.group, 0, -last, article.url)

    return sorted((article for article in articles if aspiration_of(article) is not None), key=key)


def region_url(region_url: str) -> str:
    """``wilayah/lampung/kabupaten-pesawaran/`` -> ``aspirasi/lampung/kabupaten-pesawaran/``."""
    return ASPIRATION_URL + region_url.removeprefix("wilayah/")


def _entry(article: Any, now: dt.datetime) -> AspirationEntry:
    aspiration = aspiration_of(article)
    return AspirationEntry(
        article.title,
        article.url,
        aspiration.request,
        aspiration.status_label,
        aspiration.colour,
        aspiration.days_waited(now),
        aspiration.institution.name,
        article.kim_profile.name,
    )


def open_aspirations(articles: list[Any], now: dt.datetime, limit: int = BRIEF) -> tuple[AspirationEntry, ...]:
    """The longest-waiting open aspirations among ``articles``, at most ``limit``."""
    found = [a for a in waiting_order(articles, now) if aspiration_of(a).is_open]
    return tuple(_entry(article, now) for article in found[:limit])


def region_brief(articles: list[Any], region: Any, now: dt.datetime) -> dict[str, Any]:
    """Context for a desa or kabupaten page: its open aspirations and the address of its aspiration list."""
    mine = [a for a in articles if aspiration_of(a) is not None and region.code in _codes(a)]
    if not mine:
        return {}
    return {"open_aspirations": open_aspirations(mine, now), "aspirations_url": region_url(region.url)}


def _codes(article: Any) -> set[str]:
    return {code for desa in article.desa_codes for code in (desa, kabupaten_code(desa))}


def changed_first(articles: list[Any]) -> list[Any]:
    """The order of an aspiration list's feeds: a feed is read for what changed, so the latest step first."""
    return sorted(articles, key=lambda a: getattr(a, "modified", None) or a.date, reverse=True)


def aspiration_listings(network: Network, articles: list[Any], listing: type, now: dt.datetime) -> list[Any]:
    """``/aspirasi/`` and its kabupaten/kota and desa pages, as ``listing`` objects (warta_listings' Listing).

    The pages put the longest-waiting first (a page is read for what waits); their feeds, the latest change.
    """
    ordered = waiting_order(articles, now)
    grouped: dict[str, list[Any]] = {}
    for article in ordered:
        for code in dict.fromkeys(c for desa in article.desa_codes for c in (kabupaten_code(desa), desa)):
            grouped.setdefault(code, []).append(article)
    name = network.info.name
    counts = tuple((key, sum(1 for a in ordered if aspiration_of(a).status == key)) for key in ("menunggu", "dijawab"))
    result = [
        listing(
            ASPIRATION_URL,
            TEMPLATE,
            "Aspirasi Warga",
            f"Permintaan warga yang dibawa KIM di {name} ke instansi pemerintah, dan tanggapannya.",
            ordered,
            {"region": None, "now": now.date(), "counts": counts},
            feed_articles=changed_first(ordered),
        )
    ]
    for code in sorted(grouped):
        region = network.registry.get(code)
        found = grouped[code]
        where = region.label if region.level != DESA else f"{region.label}, {network.registry.path(code)[1].label}"
        result.append(
            listing(
                region_url(region.url),
                TEMPLATE,
                f"Aspirasi Warga {region.label}",
                f"Permintaan warga {where} yang dibawa KIM setempat ke instansi pemerintah, dan tanggapannya.",
                found,
                {"region": region, "breadcrumbs": network.registry.path(code), "now": now.date(), "counts": ()},
                feed_articles=changed_first(found),
            )
        )
    return result


def attach_aspirations(articles: list[Any], now: dt.datetime) -> None:
    """Give each article its aspiration and days waited, and link follow-ups both ways; extend the fingerprints."""
    by_path = {article.source.path: article for article in articles}
    for article in articles:
        article.aspiration = aspiration_of(article)
        article.aspiration_days = article.aspiration.days_waited(now) if article.aspiration else None
        article.aspiration_followups, article.followup_of = [], None
    for article in articles:
        followup = getattr(article.source, "followup", None)
        original = by_path.get(followup.target) if followup is not None else None
        if original is None:
            continue
        article.followup_of = story_link(original)
        article.page_digest = extended(article.page_digest, "tindak-lanjut", original.url, original.title)
        original.aspiration_followups.append(article)
    for article in articles:
        aspiration = article.aspiration
        if aspiration is None:
            continue
        article.aspiration_followups.sort(key=lambda story: story.date)
        links: list[StoryLink] = [story_link(story) for story in article.aspiration_followups]
        article.aspiration_followups = links
        shown = (aspiration.status, article.aspiration_days, tuple(links))
        article.page_digest = extended(article.page_digest, "aspirasi", shown)
        # Lists show the status; only /aspirasi/ shows the days, and its pages fingerprint them (context, archive).
        article.entry_digest = extended(article.entry_digest, "aspirasi", aspiration.status, aspiration.last.date)
