"""Kabar sepekan: the week's stories for the network and for each kabupaten/kota.

The week is the seven calendar days ending on the build's "now"
(``WARTA_NOW`` in tests, else the clock) in the network's time zone; only
published articles exist, so the digest is the same for every build of the
same day with the same content. Each digest is a page (``kabar-sepekan/`` and
``kabar-sepekan/<provinsi>/<kabupaten>/``, the wilayah slugs) that also shows
the digest as plain text in WhatsApp's formatting (``*tebal*``, one link per
story), ready to paste into a group, with a ``wa.me`` link carrying it.
A digest lists at most :data:`STORY_LIMIT` stories, so its page stays small.

A quiet week never offers an empty message: the digest says so and shows the
latest week that had news (the seven days ending on its newest story), and
its WhatsApp text is that week's, titled as such; with no story at all there
is nothing to send and no button. Partner outlets' items of the week
(warta_partners, when on) get their own section, never mixed with the KIMs'.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from warta_core.regions import PROVINSI, Region, kabupaten_code

from .related import StoryLink, story_link

WEEKLY_URL = "kabar-sepekan/"
TEMPLATE = "kabar_sepekan"
STORY_LIMIT = 15
DAYS = 7

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")  # fmt: skip


@dataclass(frozen=True)
class PartnerLink:
    """A partner outlet's item of the week, as the digest lists it (plain values)."""

    title: str
    url: str  # the outlet's own address (vetted by warta_partners)
    partner: str
    date: Any
    kabupaten: tuple[str, ...] = ()  # kabupaten/kota codes the item was mapped to


@dataclass(frozen=True)
class WeeklyDigest:
    """One digest: what its page shows (plain values: its repr is the page's fingerprint)."""

    url: str
    title: str
    period: str  # "24–30 November 2026": this week
    region: Region | None
    stories: tuple[StoryLink, ...]  # this week's, or (quiet) those of the latest week with news
    more: int  # stories of that week not listed (beyond STORY_LIMIT)
    text: str  # the WhatsApp text ("" when there is nothing to send)
    share_url: str  # https://wa.me/?text=... ("" likewise)
    shown_period: str = ""  # quiet week: the period of the stories shown instead
    partners: tuple[PartnerLink, ...] = ()

    @property
    def quiet(self) -> bool:
        """No story this week (the stories shown, if any, are from the latest week that had news)."""
        return bool(self.shown_period) or not self.stories


def week_start(now: dt.datetime) -> dt.datetime:
    """Midnight starting the first of the seven days that end on ``now``'s day."""
    day = now.date() - dt.timedelta(days=DAYS - 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=now.tzinfo)


def period_label(start: dt.date, end: dt.date) -> str:
    """``24–30 November 2026``, ``28 November – 4 Desember 2026``, across years in full."""
    if start.year != end.year:
        return f"{start.day} {MONTHS[start.month - 1]} {start.year} – {end.day} {MONTHS[end.month - 1]} {end.year}"
    if start.month != end.month:
        return f"{start.day} {MONTHS[start.month - 1]} – {end.day} {MONTHS[end.month - 1]} {end.year}"
    return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {end.year}"


def whatsapp_text(title: str, period: str, stories: tuple[StoryLink, ...], more: int, base: str, page: str) -> str:
    """The digest in WhatsApp's formatting: bold heading, one story and one link per paragraph."""
    lines = [f"*{title}*", period, ""]
    for story in stories:
        lines += [f"*{story.title}*", f"{story.kim_name}", f"{base}/{story.url}", ""]
    if more:
        lines += [f"Dan {more} kabar lainnya:"]
    lines += [f"{base}/{page}"]
    return "\n".join(lines)


def region_url(region: Region) -> str:
    """``wilayah/lampung/kabupaten-pesawaran/`` -> ``kabar-sepekan/lampung/kabupaten-pesawaran/``."""
    return WEEKLY_URL + region.url.removeprefix("wilayah/")


def in_week(articles: list[Any], end: dt.datetime) -> tuple[list[Any], str]:
    """The stories of the seven days ending on ``end``'s day (newest first), and that period in words."""
    start = week_start(end)
    return [a for a in articles if start <= a.date <= end], period_label(start.date(), end.date())


def digest(
    url: str, title: str, region: Region | None, scope: list[Any], now: dt.datetime, base: str,
    partners: tuple[PartnerLink, ...],
) -> WeeklyDigest:  # fmt: skip
    """One digest of ``scope`` (its published stories, newest first)."""
    found, period = in_week(scope, now)
    shown_period, heading = "", title
    if not found:
        earlier = [a for a in scope if a.date < week_start(now)]
        if earlier:  # a quiet week: the latest week that had news, said to be that
            found, shown_period = in_week(earlier, earlier[0].date)
            heading = title.replace("Kabar sepekan", "Kabar terakhir", 1)
    stories = tuple(story_link(a, a.regions[0].label) for a in found[:STORY_LIMIT])
    more = max(0, len(found) - STORY_LIMIT)
    text = whatsapp_text(heading, shown_period or period, stories, more, base, url) if stories else ""
    share = "https://wa.me/?text=" + quote(text) if text else ""
    return WeeklyDigest(url, title, period, region, stories, more, text, share, shown_period, partners)


def weekly_digests(
    articles: list[Any], network: Any, kabupaten: list[Region], now: dt.datetime, base: str,
    partner_items: tuple[PartnerLink, ...] = (),
):  # fmt: skip
    """The network's digest, then one per kabupaten/kota in ``kabupaten`` (articles newest first)."""
    live = [a for a in articles if a.date <= now]
    per_kabupaten: dict[str, list[Any]] = {}
    for article in live:
        for code in dict.fromkeys(kabupaten_code(desa) for desa in article.desa_codes):
            per_kabupaten.setdefault(code, []).append(article)
    start = week_start(now)
    week_items = sorted((item for item in partner_items if start <= item.date <= now), key=lambda i: i.date)[::-1]
    network_items = tuple(week_items[:STORY_LIMIT])
    yield digest(WEEKLY_URL, f"Kabar sepekan {network.info.name}", None, live, now, base, network_items)
    for region in kabupaten:
        items = tuple([item for item in week_items if region.code in item.kabupaten][:STORY_LIMIT])
        scope = per_kabupaten.get(region.code, [])
        yield digest(region_url(region), f"Kabar sepekan {region.label}", region, scope, now, base, items)


def partner_links(partners: Any) -> tuple[PartnerLink, ...]:
    """Every linked partner item of the build (warta_partners' news, ``None`` when that plugin is off)."""
    if partners is None:
        return ()
    links = []
    for view in partners.partners:
        for item in view.items:
            if item.link:
                places = tuple(dict.fromkeys(kabupaten_code(r.code) for r in item.regions if r.level > PROVINSI))
                links.append(PartnerLink(item.title, item.link, view.partner.name, item.date, places))
    return tuple(links)
