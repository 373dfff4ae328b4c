"""Kabar sepekan: the week's stories for the network and for each kabupaten/kota.

The week is the seven calendar days ending on the build's "now"
(``WARTA_NOW`` in tests, else the clock) in the network's time zone; only
published articles exist, so the digest is the same for every build of the
same day with the same content. Each digest is a page (``kabar-sepekan/`` and
``kabar-sepekan/<provinsi>/<kabupaten>/``, the wilayah slugs) that also shows
the digest as plain text in WhatsApp's formatting (``*tebal*``, one link per
story), ready to paste into a group, with a ``wa.me`` link carrying it.
A digest lists at most :data:`STORY_LIMIT` stories, so its page stays small.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from warta_core.regions import Region, kabupaten_code

from .related import StoryLink, story_link

WEEKLY_URL = "kabar-sepekan/"
TEMPLATE = "kabar_sepekan"
STORY_LIMIT = 15
DAYS = 7

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")  # fmt: skip


@dataclass(frozen=True)
class WeeklyDigest:
    """One digest: what its page shows (plain values: its repr is the page's fingerprint)."""

    url: str
    title: str
    period: str  # "24–30 November 2026"
    region: Region | None
    stories: tuple[StoryLink, ...]
    more: int  # stories of the week not listed (beyond STORY_LIMIT)
    text: str  # the WhatsApp text
    share_url: str  # https://wa.me/?text=...


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
    if not stories:
        lines += ["Belum ada kabar baru pekan ini.", ""]
    if more:
        lines += [f"Dan {more} kabar lainnya:"]
    lines += [f"{base}/{page}"]
    return "\n".join(lines)


def region_url(region: Region) -> str:
    """``wilayah/lampung/kabupaten-pesawaran/`` -> ``kabar-sepekan/lampung/kabupaten-pesawaran/``."""
    return WEEKLY_URL + region.url.removeprefix("wilayah/")


def weekly_digests(articles: list[Any], network: Any, kabupaten: list[Region], now: dt.datetime, base: str):
    """The network's digest, then one per kabupaten/kota in ``kabupaten`` (articles newest first)."""
    start = week_start(now)
    week = [a for a in articles if start <= a.date <= now]
    period = period_label(start.date(), now.date())
    per_kabupaten: dict[str, list[Any]] = {}
    for article in week:
        for code in dict.fromkeys(kabupaten_code(desa) for desa in article.desa_codes):
            per_kabupaten.setdefault(code, []).append(article)
    wanted: list[tuple[str, str, Region | None, list[Any]]] = [
        (WEEKLY_URL, f"Kabar sepekan {network.info.name}", None, week)
    ]
    wanted += [(region_url(r), f"Kabar sepekan {r.label}", r, per_kabupaten.get(r.code, [])) for r in kabupaten]
    for url, title, region, found in wanted:
        stories = tuple(story_link(a, a.regions[0].label) for a in found[:STORY_LIMIT])
        more = max(0, len(found) - STORY_LIMIT)
        text = whatsapp_text(title, period, stories, more, base, url)
        yield WeeklyDigest(url, title, period, region, stories, more, text, "https://wa.me/?text=" + quote(text))
