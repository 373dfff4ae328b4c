"""Jinja filters for the Indonesian theme.

Dates are written with Babel's Indonesian locale data ("Rabu, 20 November
2019"), so the result never depends on which locales the build machine has.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_time

LOCALE = "id"


def tanggal(value: dt.date | dt.datetime) -> str:
    """Full Indonesian date: ``Rabu, 20 November 2019``."""
    return format_date(value, format="EEEE, d MMMM y", locale=LOCALE)


def tanggal_pendek(value: dt.date | dt.datetime) -> str:
    """Short date for lists: ``20 Nov 2019``."""
    return format_date(value, format="d MMM y", locale=LOCALE)


def jam(value: dt.datetime) -> str:
    """Time of day with the zone: ``09.30 WIB``."""
    zone = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}.get(str(value.tzinfo), "")
    return f"{format_time(value, format='HH.mm', locale=LOCALE)} {zone}".strip()


def iso(value: dt.date | dt.datetime) -> str:
    """Machine-readable date for ``<time datetime>``."""
    return value.isoformat()


def angka(value: int) -> str:
    """Number with Indonesian thousands separator: ``1.234``."""
    return f"{value:,}".replace(",", ".")


FILTERS = {"tanggal": tanggal, "tanggal_pendek": tanggal_pendek, "jam": jam, "iso": iso, "angka": angka}
