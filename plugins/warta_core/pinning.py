"""Pinning a story to the top of the home page: the ``Sematkan`` header field.

Rules, stated where they live:

- ``Sematkan: 2026-12-14`` (any date ``Tanggal`` accepts) keeps the story as
  the home page's lead up to and including that day, in the portal's time
  zone; ``Sematkan: ya`` means :data:`PIN_DEFAULT_DAYS` days after the story's
  own date. ``tidak`` (or an empty value) pins nothing.
- A pin ends at most :data:`PIN_MAX_DAYS` days after the story's date and not
  before it: a forgotten pin cannot hold the front page for months, and the
  check needs no clock to say so (the same file gives the same verdict on
  every day).
- When several pins are current, the newest pinned story leads; when none is,
  the newest story leads (``warta_listings.home``). An expired pin is simply
  ignored, so nobody has to remove the line afterwards.

Whoever may edit the story may pin it: a KIM's own writers, or Diskominfo
through the same files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .dates import parse_date
from .metadata import Header

PIN_FIELD = "Sematkan"
PIN_DEFAULT_DAYS = 3  # "Sematkan: ya": the story's day and the three days after it
PIN_MAX_DAYS = 14
_YES = {"ya", "yes", "true", "benar"}
_NO = {"tidak", "no", "false", "", "bukan"}
PIN_HINT = (
    f"Tulis `{PIN_FIELD}: ya` ({PIN_DEFAULT_DAYS} hari) atau tanggal terakhirnya, mis. `{PIN_FIELD}: 2024-03-10`, "
    f"paling lama {PIN_MAX_DAYS} hari sesudah tanggal berita."
)


def pinned_on(until: dt.date | None, today: dt.date) -> bool:
    """Whether a story pinned ``until`` (inclusive) is still pinned on ``today``."""
    return until is not None and today <= until


class PinChecks:
    """Mixed into the article checker: the ``Sematkan`` field."""

    header: Header
    tz: dt.tzinfo
    error: Callable[..., None]  # the checker's: error(message, hint="", line=None)

    def pinned_until(self, date: dt.datetime | None) -> dt.date | None:
        """The last day the story leads the home page, or None (not pinned, or refused)."""
        written = self.header.value("pinned")
        line = self.header.line("pinned")
        if written.lower() in _NO or date is None:
            return None
        if written.lower() in _YES:
            return date.date() + dt.timedelta(days=PIN_DEFAULT_DAYS)
        parsed = parse_date(written, self.tz)  # type: ignore[arg-type]
        if parsed is None:
            self.error(f'{PIN_FIELD} "{written}" tidak bisa dibaca.', PIN_HINT, line)
            return None
        until = parsed.date()
        if until < date.date():
            self.error(
                f"{PIN_FIELD} {until.isoformat()} sebelum tanggal beritanya ({date.date().isoformat()}).",
                PIN_HINT,
                line,
            )
            return None
        if until > date.date() + dt.timedelta(days=PIN_MAX_DAYS):
            self.error(
                f"{PIN_FIELD} {until.isoformat()} terlalu lama: paling lama {PIN_MAX_DAYS} hari sesudah tanggal "
                f"berita ({(date.date() + dt.timedelta(days=PIN_MAX_DAYS)).isoformat()}).",
                PIN_HINT,
                line,
            )
            return None
        return until
