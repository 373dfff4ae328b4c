"""What an aspiration is once checked: its steps, its status and the days it has waited.

``warta_core.aspirations`` checks the fields and builds these objects; the
listings, pages and feeds (``warta_listings.aspirations``) and the
statistics read them. The status comes from the last step (:data:`STATUSES`);
waiting is counted in calendar days on a moment given by the caller (the
build's ``now``), never the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .institutions import Institution
from .regions import kabupaten_code, province_code

if TYPE_CHECKING:
    from .regions import Region

RECEIVED, FORWARDED, ANSWERED, DONE = "diterima", "diteruskan", "dijawab", "selesai"
CLOSED = "tidak-dapat-ditindaklanjuti"
STEP_KINDS = (RECEIVED, FORWARDED, ANSWERED, DONE, CLOSED)
# Status by the last step: slug, label, the listing group (open first), and the badge colour (.vonis-<warna>).
OPEN, ANSWERED_STATUS, FINISHED = 0, 1, 2
STATUSES = {
    RECEIVED: ("menunggu", "Menunggu tanggapan", OPEN, "jingga"),
    FORWARDED: ("menunggu", "Menunggu tanggapan", OPEN, "jingga"),
    ANSWERED: ("dijawab", "Sudah dijawab", ANSWERED_STATUS, "biru"),
    DONE: ("selesai", "Selesai", FINISHED, "hijau"),
    CLOSED: ("ditutup", "Tidak dapat ditindaklanjuti", FINISHED, "merah"),
}


@dataclass(frozen=True)
class Step:
    """One dated step of an aspiration's timeline."""

    date: dt.datetime
    kind: str  # one of STEP_KINDS
    text: str = ""  # to whom (diteruskan), what was said (dijawab), why (tidak-dapat-…), or a note
    by: str = ""  # dijawab: who answered


@dataclass(frozen=True)
class Aspiration:
    """A residents' request, whom it went to and what happened, oldest step first (what stats may read)."""

    request: str
    source: str  # Aspirasi-Dari
    institution: Institution
    steps: tuple[Step, ...]
    consent: bool = False  # Aspirasi-Dari-Setuju: ya

    @property
    def last(self) -> Step:
        """The latest step: it gives the status."""
        return self.steps[-1]

    @property
    def status(self) -> str:
        """``menunggu``, ``dijawab``, ``selesai`` or ``ditutup``."""
        return STATUSES[self.last.kind][0]

    @property
    def status_label(self) -> str:
        """The status in words, for the badge."""
        return STATUSES[self.last.kind][1]

    @property
    def group(self) -> int:
        """0 open, 1 answered, 2 finished or closed: the order of the listings."""
        return STATUSES[self.last.kind][2]

    @property
    def colour(self) -> str:
        """The badge colour name (theme: ``.vonis-<warna>``)."""
        return STATUSES[self.last.kind][3]

    @property
    def is_open(self) -> bool:
        """Still waiting for an answer."""
        return self.group == OPEN

    @property
    def received(self) -> dt.datetime:
        """When the request was received (the first step)."""
        return self.steps[0].date

    @property
    def first_answer(self) -> Step | None:
        """The first ``dijawab`` step, if any."""
        return next((step for step in self.steps if step.kind == ANSWERED), None)

    @property
    def days_to_first_answer(self) -> int | None:
        """Whole days from receipt to the first answer (calendar days in the step's zone)."""
        answer = self.first_answer
        return None if answer is None else (answer.date.date() - self.received.date()).days

    def days_waited(self, now: dt.datetime) -> int:
        """Whole days since the last step, on the build's ``now`` (never the wall clock)."""
        last = self.last.date
        return max(0, (now.astimezone(last.tzinfo).date() - last.date()).days)


@dataclass
class FollowUp:
    """``Tindak-Lanjut-Aspirasi``: the aspiration a later story follows up, as written and (once resolved) its path."""

    written: str
    line: int | None = None
    target: str = ""  # absolute path of the aspiration, set by resolve_followups


def served_codes(article_desa: list[Region], kim_desa_code: str) -> list[str]:
    """Kabupaten/kota and provinsi codes whose institutions an aspiration may address."""
    codes = [desa.code for desa in article_desa] + [kim_desa_code]
    return list(dict.fromkeys(c for code in codes for c in (kabupaten_code(code), province_code(code))))
