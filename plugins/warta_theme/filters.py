"""Jinja filters for the Indonesian theme.

Dates are written with Babel's Indonesian locale data ("Rabu, 20 November
2019"), so the result never depends on which locales the build machine has.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date, format_time
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from warta_core.contact_links import aspiration_contact
from warta_core.dates import zone_label

LOCALE = "id"


@lru_cache(maxsize=65536)
def _format_day(year: int, month: int, day: int, pattern: str) -> str:
    """Babel is exact but slow (~70 µs a call); a big site prints each day many times."""
    return format_date(dt.date(year, month, day), format=pattern, locale=LOCALE)


def tanggal(value: dt.date | dt.datetime) -> str:
    """Full Indonesian date: ``Rabu, 20 November 2019``."""
    return _format_day(value.year, value.month, value.day, "EEEE, d MMMM y")


def tanggal_pendek(value: dt.date | dt.datetime) -> str:
    """Short date for lists: ``20 Nov 2019``."""
    return _format_day(value.year, value.month, value.day, "d MMM y")


def jam(value: dt.datetime) -> str:
    """Time of day with the zone: ``09.30 WIB``."""
    zone = zone_label(value.tzinfo)
    return f"{format_time(value, format='HH.mm', locale=LOCALE)} {zone}".strip()


def tanggal_jam(value: dt.datetime) -> str:
    """Date and time as pages write them in running text: ``Kamis, 7 Maret 2024, 09.30 WIB``."""
    return f"{tanggal(value)}, {jam(value)}"


def iso(value: dt.date | dt.datetime) -> str:
    """Machine-readable date for ``<time datetime>``."""
    return value.isoformat()


def angka(value: int) -> str:
    """Number with Indonesian thousands separator: ``1.234``."""
    return f"{value:,}".replace(",", ".")


def jsonld(value: object) -> Markup:
    """JSON for a ``<script type="application/ld+json">`` block: like ``tojson``, without spaces after separators.

    Every article page carries one; the spaces ``tojson`` writes are ~10 % of it.
    """
    return htmlsafe_json_dumps(value, sort_keys=True, separators=(",", ":"))


FILTERS = {
    "tanggal": tanggal,
    "tanggal_pendek": tanggal_pendek,
    "jam": jam,
    "tanggal_jam": tanggal_jam,
    "iso": iso,
    "angka": angka,
    "jsonld": jsonld,
    "kontak_aspirasi": aspiration_contact,  # wa.me and sms: links built in Python (_aspirasi_kontak.html)
}
