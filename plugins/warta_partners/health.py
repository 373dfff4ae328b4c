"""Per-partner health, for ``kim ambil``'s table and the /mitra/status/ page.

Computed from the cached state alone, relative to the time of the last
fetch (not the build), so rebuilding the site a week later does not change
what it says about the feeds. This is the reading half: the fetch side
records each attempt's :class:`model.Health` (``update.apply_outcome``) and
this module only interprets it, so the build's status page needs nothing
from the fetcher.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_datetime

from .config import PARTNER_FILE, Partner
from .model import (
    FAILED,
    GONE,
    NEVER,
    SKIPPED_GONE,
    SKIPPED_WAIT,
    UNCHANGED,
    UPDATED,
    WAITING,
    FeedState,
    Removal,
)

OUTCOMES = {
    NEVER: "Belum pernah diambil",
    UPDATED: "Diperbarui",
    UNCHANGED: "Tidak berubah (304)",
    FAILED: "Gagal",
    GONE: "Umpan hilang (410)",
    WAITING: "Diminta menunggu",
    SKIPPED_GONE: "Dihentikan (410)",
    SKIPPED_WAIT: "Menunggu giliran",
}
GOOD = (UPDATED, UNCHANGED)
QUIET_DAYS_WARNING = 14


@dataclass(frozen=True)
class PartnerHealth:
    """What a technician needs to know about one partner feed."""

    partner: Partner
    outcome: str
    last_attempt: dt.datetime | None
    last_success: dt.datetime | None
    last_status: int | None
    last_error: str | None
    entries: int
    new_entries: int
    newest: dt.datetime | None
    days_quiet: int | None  # days between the newest entry and the last fetch
    notes: tuple[str, ...]
    removals: tuple[Removal, ...] = ()  # entries the feed withdrew (tombstones), newest first

    @property
    def label(self) -> str:
        """The outcome in Indonesian."""
        return OUTCOMES.get(self.outcome, self.outcome)

    @property
    def ok(self) -> bool:
        """True when the last attempt got a good answer."""
        return self.outcome in GOOD

    @property
    def quiet(self) -> bool:
        """True when the feed has had nothing new for a fortnight."""
        return self.days_quiet is not None and self.days_quiet >= QUIET_DAYS_WARNING


def partner_health(partner: Partner, state: FeedState) -> PartnerHealth:
    """Health of one partner from its cached state."""
    health = state.health
    newest = max((e.published for e in state.entries), default=None)
    reference = health.last_attempt or health.last_success
    days_quiet = (reference - newest).days if newest and reference else None
    notes = []
    if state.moved_to and state.moved_from == partner.feed:
        notes.append(
            f"Umpan pindah permanen ke {state.moved_to}; perbarui kolom `umpan` mitra ini di "
            f"content/_data/{PARTNER_FILE}."
        )
    if state.gone_fingerprint == partner.fingerprint:
        notes.append(
            "Server menyatakan umpan sudah dihapus (HTTP 410); umpan tidak diambil lagi sampai data mitra ini "
            f"diubah di content/_data/{PARTNER_FILE}."
        )
    if state.retry_at and health.outcome in (WAITING, SKIPPED_WAIT):
        notes.append(f"Server meminta jeda; diambil lagi setelah {waktu(state.retry_at)}.")
    notes += health.refused  # images (and a forgotten move) on addresses the fetcher refused
    if health.outcome == UPDATED and health.revised_entries:
        notes.append(f"{health.revised_entries} berita diperbarui oleh sumbernya pada pengambilan terakhir.")
    if health.outcome == UPDATED and health.ignored_tombstones:
        notes.append(
            f"{health.ignored_tombstones} penanda berita dicabut (at:deleted-entry) diabaikan: tidak sah, ganda, "
            "atau melebihi batas."
        )
    if state.damaged:
        notes.append("Berkas cache mitra ini rusak dan diabaikan; pengambilan berikutnya membuatnya ulang.")
    if days_quiet is not None and days_quiet >= QUIET_DAYS_WARNING:
        notes.append(f"Tidak ada berita baru selama {days_quiet} hari.")
    return PartnerHealth(
        partner=partner,
        outcome=health.outcome,
        last_attempt=health.last_attempt,
        last_success=health.last_success,
        last_status=health.last_status,
        last_error=health.last_error,
        entries=len(state.entries),
        new_entries=health.new_entries if health.outcome == UPDATED else 0,
        newest=newest,
        days_quiet=days_quiet,
        notes=tuple(notes),
        removals=tuple(state.removals),
    )


def removal_line(removal: Removal, zone: str = "Asia/Jakarta") -> str:
    """One removal for ``kim ambil``'s notes: the title, when the source withdrew it, and its reason."""
    reason = f" Alasan dari sumber: {removal.comment}" if removal.comment else ""
    return f"Dihapus karena dicabut sumbernya ({waktu(removal.withdrawn, zone)}): “{removal.title}”.{reason}"


def waktu(value: dt.datetime | None, zone: str = "Asia/Jakarta", pattern: str = "d MMM y HH.mm") -> str:
    """``21 Nov 2026 07.30`` in the portal's time zone, or a dash."""
    if value is None:
        return "–"
    return format_datetime(value, pattern, tzinfo=zone, locale="id")


def format_table(rows: list[PartnerHealth], zone: str = "Asia/Jakarta") -> str:
    """The health table as fixed-width text, problems listed under it."""
    header = ("Mitra", "Hasil", "HTTP", "Berita", "Baru", "Terbaru", "Sepi", "Terakhir berhasil")
    table = [header]
    for row in rows:
        table.append(
            (
                row.partner.id,
                row.label,
                str(row.last_status or "–"),
                str(row.entries),
                str(row.new_entries),
                waktu(row.newest, zone, "d MMM y"),
                f"{row.days_quiet} hr" if row.days_quiet is not None else "–",
                waktu(row.last_success, zone),
            )
        )
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in table]
    lines.insert(1, "  ".join("-" * width for width in widths))
    details = []
    for row in rows:
        messages = ([row.last_error] if row.last_error and not row.ok else []) + list(row.notes)
        messages += [removal_line(removal, zone) for removal in row.removals if removal.removed == row.last_attempt]
        details += [f"  {row.partner.id}: {message}" for message in messages]
    if details:
        lines += ["", "Catatan:", *details]
    return "\n".join(lines)


def summary_line(rows: list[PartnerHealth], seconds: float) -> str:
    """One sentence with the totals of a run."""
    count = {key: sum(1 for r in rows if r.outcome == key) for key in OUTCOMES}
    failed = count[FAILED] + count[GONE] + count[WAITING]
    skipped = count[SKIPPED_GONE] + count[SKIPPED_WAIT]
    new = sum(r.new_entries for r in rows)
    duration = f"{seconds:.1f}".replace(".", ",")
    return (
        f"{len(rows)} mitra dalam {duration} detik: {count[UPDATED]} diperbarui ({new} berita baru), "
        f"{count[UNCHANGED]} tidak berubah, {failed} gagal, {skipped} dilewati."
    )
