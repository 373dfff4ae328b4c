"""Corrections and the right of reply: an article owns up to what it got wrong.

Rules, stated where they live:

- ``Ralat`` (also ``Koreksi``) may be written several times, one dated note a
  line: ``Ralat: 2026-12-07 10:00 | Nama kepala desa tertulis Sutrisno,
  seharusnya Sutarno.`` The date comes first, then a vertical bar, then what
  was wrong and what is right. The date is read like ``Tanggal`` (local time
  of the KIM's province), may not lie after the check's moment (a correction
  is written after the fix) nor before the article's own date. A note needs
  text. In YAML front matter ``ralat`` is a list of such lines, or of
  ``{tanggal, catatan}`` objects (see ``metadata._item_text``).
- A correction is a change of the article: its latest date is the article's
  ``last_change`` (``dateModified``, Atom ``<updated>``, sitemap ``lastmod``).
- ``Hak-Jawab-Untuk`` makes an article the reply (UU 40/1999 Pasal 5, Hak
  Jawab) of a person or institution the original story concerned;
  ``Hak-Jawab-Dari`` names them. Both are needed together. The original is
  written as its file (``kim/<kim>/2024/2024-03-05-panen.md``, from
  ``content/`` or from the KIM's folder), its address (``/kim/<kim>/<slug>/``)
  or its slug (``<kim>/<slug>``, or ``<slug>`` in the same KIM), and must be
  an article the check accepted; a published reply needs a published
  original. ``story_links.resolve_replies`` links them once every article is read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from .dates import parse_date, zone_label
from .limits import RETYPE_HINT, hidden_characters_message
from .metadata import Header

CORRECTION_SEPARATOR = "|"
CORRECTION_EXAMPLE = "Ralat: 2026-12-07 10:00 | Nama kepala desa tertulis Sutrisno, seharusnya Sutarno."
_ARTICLE_ADDRESS = re.compile(r"(?:^|/)kim/([^/]+)/([^/]+)/?$")


@dataclass(frozen=True)
class Correction:
    """One dated correction note, as written after the fix."""

    date: dt.datetime
    text: str


@dataclass
class ReplyTo:
    """What a right-of-reply article answers: the original as written, who replies, and (once resolved) its path."""

    written: str
    source: str  # the person or institution replying (Hak-Jawab-Dari)
    line: int | None = None
    target: str = ""  # absolute path of the original, set by resolve_replies


def format_correction(date: dt.datetime, text: str) -> str:
    """The header line's value for one note, the zone named when known (``kim ralat`` writes it)."""
    when = f"{date:%Y-%m-%d %H:%M} {zone_label(date.tzinfo)}".rstrip()
    return f"{when} {CORRECTION_SEPARATOR} {' '.join(text.split())}"


class CorrectionChecks:
    """Mixed into the article checker: ``Ralat`` lines and the right-of-reply fields."""

    path: str
    header: Header
    now: dt.datetime
    tz: dt.tzinfo
    error: Callable[..., None]  # the checker's: error(message, hint="", line=None)

    def corrections(self, published: dt.datetime | None) -> tuple[Correction, ...]:
        """Every valid ``Ralat`` note, oldest first; each bad one is reported with its line."""
        found = []
        for raw in self.header.values("corrections"):
            written, line = raw.value.strip(), raw.line
            hidden = hidden_characters_message("Kolom Ralat", written)
            if hidden:
                self.error(hidden, RETYPE_HINT.format(what="isi kolom ini"), line)
                continue
            if CORRECTION_SEPARATOR not in written:
                self.error(
                    f'Ralat belum bertanggal: "{written}".',
                    f"Tulis tanggal dan jam ralat di depan, lalu garis tegak dan catatannya: `{CORRECTION_EXAMPLE}`",
                    line,
                )
                continue
            when, text = (part.strip() for part in written.split(CORRECTION_SEPARATOR, 1))
            date = parse_date(when, self.tz)  # type: ignore[arg-type]
            if date is None:
                self.error(
                    f'Tanggal ralat "{when}" tidak bisa dibaca.',
                    f"Tulis seperti 2026-12-07 10:00 atau 7 Desember 2026. Contoh: `{CORRECTION_EXAMPLE}`",
                    line,
                )
                continue
            if not text:
                self.error(
                    f"Ralat bertanggal {date:%Y-%m-%d %H:%M} belum berisi catatan.",
                    "Tulis sesudah garis tegak apa yang salah dan apa yang benar. Salah ketik kecil tidak perlu ralat.",
                    line,
                )
            elif date > self.now:
                self.error(
                    f"Tanggal ralat {date:%Y-%m-%d %H:%M} masih di masa depan.",
                    "Ralat ditulis sesudah berita diperbaiki: pakai tanggal dan jam saat ini atau sebelumnya "
                    "(`kim ralat` mengisinya sendiri).",
                    line,
                )
            elif published is not None and date < published:
                self.error(
                    f"Tanggal ralat {date:%Y-%m-%d %H:%M} lebih awal dari tanggal terbit berita "
                    f"({published:%Y-%m-%d %H:%M}).",
                    "Ralat hanya bisa ditulis sesudah berita terbit. Periksa tanggal dan jamnya.",
                    line,
                )
            else:
                found.append(Correction(date, " ".join(text.split())))
        return tuple(sorted(found, key=lambda correction: correction.date))

    def reply(self) -> ReplyTo | None:
        """The right-of-reply fields: both or neither."""
        target, source = self.header.value("reply_to"), self.header.value("reply_from")
        for name, value in (("Hak-Jawab-Untuk", target), ("Hak-Jawab-Dari", source)):
            hidden = hidden_characters_message(f"Kolom {name}", value)
            if hidden:
                self.error(hidden, RETYPE_HINT.format(what="isi kolom ini"), self.header.line("reply_to"))
                return None
        if source and not target:
            self.error(
                "Kolom Hak-Jawab-Dari diisi, tetapi kolom Hak-Jawab-Untuk belum diisi.",
                "Tulis di `Hak-Jawab-Untuk:` berita yang dijawab, misalnya alamatnya `/kim/kim-bagelen/panen-raya/`.",
                self.header.line("reply_from"),
            )
            return None
        if target and not source:
            self.error(
                "Hak jawab belum menyebut siapa yang menjawab.",
                "Tulis nama orang atau lembaganya di `Hak-Jawab-Dari:`, misalnya `Kepala Desa Bagelen`.",
                self.header.line("reply_to"),
            )
            return None
        return ReplyTo(target, source, self.header.line("reply_to")) if target else None
