"""Dates written the way Indonesian writers write them, and regional time zones.

Writers type ``2024-03-05 09:30`` but also ``5 Maret 2024``, ``05/03/2024`` or
``Rabu (20/11/2019)`` (copied from old blogs). All are read as local time of
the KIM's province: WIB, WITA or WIT, taken from the province code, so the
server's locale and time zone never matter.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from .regions import province_code

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")
ZONES = {"WIB": WIB, "WITA": WITA, "WIT": WIT}  # Indonesia's legal time zones by the label writers use
ZONE_LABELS = {zone.key: label for label, zone in ZONES.items()}  # "Asia/Makassar" -> "WITA"
_NAMED_ZONES = {label.lower(): zone for label, zone in ZONES.items()} | {"z": UTC}

PORTAL_ZONE = "Asia/Jakarta"  # the portal's zone when the settings name none (pelicanconf.py sets TIMEZONE)


def build_now(fixed: datetime | None = None, zone_name: str | None = None) -> datetime:
    """The build's one moment: ``fixed`` (``WARTA_NOW``, for tests) or the clock, in the portal's zone, to the second.

    Every part of a build (the check's future dates, listings, weekly digests, statistics, cards, sitemaps,
    the capacity forecast) asks the build state for this one value; a naive ``fixed`` is read in that zone.
    """
    zone = ZoneInfo(zone_name or PORTAL_ZONE)
    now = fixed or datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=zone)
    return now.astimezone(zone).replace(microsecond=0)


# Kemendagri province codes by time zone (everything else is WIB).
_WITA_PROVINCES = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
_WIT_PROVINCES = {"81", "82", "91", "92", "93", "94", "95", "96", "97"}

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nopember": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip

_DAY_NAMES = r"(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)"
_TIME = r"(?:[ ,T]+(?:pukul\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?)?"
_ZONE = r"\s*(wib|wita|wit|z|[+-]\d{2}:?\d{2})?"

_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})" + _TIME + _ZONE + r"$")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})" + _TIME + _ZONE + r"$")
_WORDS = re.compile(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})" + _TIME + _ZONE + r"$")


def timezone_for_region(code: str) -> ZoneInfo:
    """Return the legal time zone of the province a region code belongs to."""
    province = province_code(code)
    if province in _WITA_PROVINCES:
        return WITA
    if province in _WIT_PROVINCES:
        return WIT
    return WIB


def zone_label(zone: object) -> str:
    """``WIB``, ``WITA`` or ``WIT`` for one of Indonesia's zones, an empty string for any other."""
    return ZONE_LABELS.get(str(zone), "")


def _zone(label: str | None, default: timezone | ZoneInfo) -> timezone | ZoneInfo:
    if not label:
        return default
    label = label.lower()
    if label in _NAMED_ZONES:
        return _NAMED_ZONES[label]
    sign = 1 if label[0] == "+" else -1
    digits = label[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def parse_date(text: str, tz: ZoneInfo = WIB) -> datetime | None:
    """Parse an Indonesian or ISO date; return an aware datetime or ``None``.

    Day names and parentheses are ignored, so ``Rabu (20/11/2019)`` and
    ``Senin, 16 November 2020 pukul 08.15 WIB`` both work. Numeric dates
    without a year first are day/month/year, as written in Indonesia.
    """
    cleaned = text.strip().lower()
    cleaned = re.sub(rf"^{_DAY_NAMES}\s*,?\s*", "", cleaned)
    cleaned = cleaned.replace("(", " ").replace(")", " ")
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    for pattern, order in ((_ISO, "ymd"), (_DMY, "dmy"), (_WORDS, "dmy")):
        match = pattern.match(cleaned)
        if not match:
            continue
        first, second, third, hour, minute, sec, zone = match.groups()
        if order == "ymd":
            year, month, day = int(first), int(second), int(third)
        else:
            day, year = int(first), int(third)
            month = MONTHS.get(second) if not second.isdigit() else int(second)
            if month is None:
                return None
        try:
            return datetime(
                year,
                month,
                day,
                int(hour or 0),
                int(minute or 0),
                int(sec or 0),
                tzinfo=_zone(zone, tz),
            )
        except ValueError:
            return None
    return None


UNTIMED_SPREAD = 3600  # seconds after midnight over which date-only articles of one day are spread


_SPACES = re.compile(r"\s+")
_LEADING_DAY_NAME = re.compile(rf"^{_DAY_NAMES}\s*,?\s*")


@lru_cache(maxsize=256)  # asked several times for one article's date (its time, its feed id, the future check)
def has_time(text: str) -> bool:
    """Whether a date as written gives the time of day (``5 Maret 2024 09:30``), not only the day."""
    cleaned = _SPACES.sub(" ", text.strip().lower().replace("(", " ").replace(")", " "))
    cleaned = _LEADING_DAY_NAME.sub("", cleaned).strip()
    match = next((m for m in (p.match(cleaned) for p in (_ISO, _DMY, _WORDS)) if m), None)
    return bool(match and match.group(4))


def untimed(day: datetime, identity: str) -> datetime:
    """A date written without a time, given one derived from the article's ``identity`` (its slug).

    Two date-only articles of one KIM on one day would otherwise share midnight, and with it the permanent
    feed id made of KIM and time. The time is stable as long as the slug is (slugs are unique in a KIM),
    falls in the day's first hour, and is never shown: pages show the date only (``ArticleSource.timed``).
    """
    spread = int(hashlib.sha256(identity.encode("utf-8")).hexdigest()[:8], 16) % UNTIMED_SPREAD
    return day.replace(hour=0, minute=spread // 60, second=spread % 60)
