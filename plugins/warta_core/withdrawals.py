"""Withdrawal (pencabutan) of a published story, and the "still being verified" label.

Rules, stated where they live:

- A published story is withdrawn, never deleted: its file stays and gains
  ``Dicabut: <tanggal>`` (when, read like ``Tanggal``; not in the future, not
  before the story), ``Alasan-Pencabutan: <kode>`` (a reason of
  ``content/_data/alasan-pencabutan.yml``, by code or label) and
  ``Penjelasan-Pencabutan: …`` (what the public is told). All three go
  together, and only on a story whose status is terbit. ``kim tarik`` writes them.
- The reasons are the network's controlled list (the Dewan Pers guideline for
  online media allows a withdrawal only for a short list of reasons, and asks
  that the reason is made public). The file is core data, read once with the
  network (``Network.withdrawal_reasons``); a network without it cannot
  withdraw, and the check says so on the first withdrawal.
- A withdrawn story keeps its address, which shows only its title, dates,
  reason and explanation (``warta_ralat``); it leaves every list, feed,
  sitemap, search index and statistic of articles.
- ``Perlu-Verifikasi: ya`` shows a visible "masih perlu verifikasi" label on a
  story until it is confirmed (then the line is removed, or set to ``tidak``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from .data_entries import DataEntries, Slug, Text, read_entries
from .dates import parse_date, zone_label
from .limits import RETYPE_HINT, hidden_characters_message
from .metadata import Header
from .problems import ProblemList
from .text import slugify, suggestion
from .yamlfile import load_yaml

REASONS_FILE = "alasan-pencabutan.yml"
WITHDRAWAL_FIELDS = {
    "withdrawn": "Dicabut",
    "withdrawal_reason": "Alasan-Pencabutan",
    "withdrawal_note": "Penjelasan-Pencabutan",
}
EXPLANATION_LENGTH = 1000  # characters: a withdrawal is explained in a few sentences
YES, NO = {"ya", "yes", "true", "benar"}, {"tidak", "no", "false", "sudah", ""}


@dataclass(frozen=True)
class WithdrawalReason:
    """One reason of the controlled list."""

    code: str
    label: str
    description: str


@dataclass(frozen=True)
class ReasonList:
    """The reasons in file order; ``present`` is False when the network has no reasons file."""

    reasons: dict[str, WithdrawalReason]
    present: bool = True

    def find(self, written: str) -> WithdrawalReason | None:
        """The reason named by its code or label (any case, spaces or hyphens)."""
        key = slugify(written)
        return next((r for r in self.reasons.values() if key in (r.code, slugify(r.label))), None)


@dataclass(frozen=True)
class Withdrawal:
    """When and why a published story was withdrawn."""

    date: dt.datetime
    reason: WithdrawalReason
    explanation: str


def format_withdrawal_date(date: dt.datetime) -> str:
    """The ``Dicabut`` value, the zone named (``kim tarik`` writes it)."""
    return f"{date:%Y-%m-%d %H:%M} {zone_label(date.tzinfo)}".rstrip()


REASONS_LIST = DataEntries(
    REASONS_FILE,
    "alasan",
    "alasan",
    "kode",
    (
        Slug(
            "kode",
            None,
            "Written in `Alasan-Pencabutan` (the label works too) and by `kim tarik --alasan`.",
            example="masa-depan-anak",
        ),
        Text("label", None, "Shown on the withdrawn story's page, in `/ralat/` and in the feeds."),
        Text("deskripsi", "", "What the reason means, for writers and readers."),
    ),
    required=("kode", "label"),
)


def load_reasons(path: str, problems: ProblemList) -> ReasonList:
    """Read the reasons file (:data:`REASONS_LIST`), in file order; each bad entry is reported with its line."""
    if not os.path.exists(path):
        return ReasonList({}, present=False)
    document = load_yaml(path, problems)
    if document is None:
        return ReasonList({})
    entries = read_entries(REASONS_LIST, path, document.data, document.node, problems)
    return ReasonList({e.id: WithdrawalReason(e.id, e.values["label"], e.values["deskripsi"]) for e in entries})


class WithdrawalChecks:
    """Mixed into the article checker: the three withdrawal fields and ``Perlu-Verifikasi``."""

    path: str
    header: Header
    now: dt.datetime
    tz: dt.tzinfo
    network: object  # the Network: its withdrawal_reasons
    error: Callable[..., None]

    def withdrawal(self, published: dt.datetime | None, status: str) -> Withdrawal | None:
        """The withdrawal, when all three fields are written and valid; every problem reported with its line."""
        header = self.header
        written = {name: header.value(name) for name in WITHDRAWAL_FIELDS}
        if not any(written.values()):
            return None
        for name, value in written.items():
            hidden = hidden_characters_message(f"Kolom {WITHDRAWAL_FIELDS[name]}", value)
            if hidden:
                self.error(hidden, RETYPE_HINT.format(what="isi kolom ini"), header.line(name))
                return None
        line = header.line("withdrawn") or header.line("withdrawal_reason") or header.line("withdrawal_note")
        if not written["withdrawn"]:
            self.error(
                "Alasan atau penjelasan pencabutan diisi, tetapi kolom Dicabut belum diisi.",
                'Tulis tanggal pencabutan di `Dicabut:`, atau pakai `kim tarik BERKAS --alasan KODE --penjelasan "…"`.',
                line,
            )
            return None
        date = self._withdrawal_date(written["withdrawn"], published)
        reason = self._reason(written["withdrawal_reason"], line)
        explanation = " ".join(written["withdrawal_note"].split())
        if not explanation:
            self.error(
                "Pencabutan berita belum diberi penjelasan.",
                "Tulis di `Penjelasan-Pencabutan:` satu atau dua kalimat untuk pembaca: mengapa berita ini dicabut.",
                line,
            )
        elif len(explanation) > EXPLANATION_LENGTH:
            self.error(
                f"Penjelasan pencabutan terlalu panjang ({len(explanation)} huruf; batasnya {EXPLANATION_LENGTH}).",
                "Cukup satu atau dua kalimat.",
                header.line("withdrawal_note"),
            )
            return None
        if status != "published":
            self.error(
                "Berita yang belum terbit tidak perlu dicabut.",
                "Hapus kolom Dicabut, Alasan-Pencabutan, dan Penjelasan-Pencabutan; "
                "berita draf tidak tampil di portal.",
                line,
            )
            return None
        if date is None or reason is None or not explanation:
            return None
        return Withdrawal(date, reason, explanation)

    def _withdrawal_date(self, written: str, published: dt.datetime | None) -> dt.datetime | None:
        line = self.header.line("withdrawn")
        date = parse_date(written, self.tz)  # type: ignore[arg-type]
        if date is None:
            self.error(
                f'Tanggal pencabutan "{written}" tidak bisa dibaca.',
                "Tulis seperti 2026-12-07 10:00 atau 7 Desember 2026.",
                line,
            )
        elif date > self.now:
            self.error(
                f"Tanggal pencabutan {date:%Y-%m-%d %H:%M} masih di masa depan.",
                "Pencabutan berlaku sejak ditulis: pakai tanggal dan jam saat ini atau sebelumnya "
                "(`kim tarik` mengisinya sendiri).",
                line,
            )
        elif published is not None and date < published:
            self.error(
                f"Tanggal pencabutan {date:%Y-%m-%d %H:%M} lebih awal dari tanggal terbit berita "
                f"({published:%Y-%m-%d %H:%M}).",
                "Berita hanya bisa dicabut sesudah terbit. Periksa tanggal dan jamnya.",
                line,
            )
        else:
            return date
        return None

    def _reason(self, written: str, line: int | None) -> WithdrawalReason | None:
        reasons: ReasonList = self.network.withdrawal_reasons  # type: ignore[attr-defined]
        line = self.header.line("withdrawal_reason") or line
        if not reasons.present:
            self.error(
                "Jaringan ini belum punya daftar alasan pencabutan.",
                f"Admin jaringan perlu membuat content/_data/{REASONS_FILE} (lihat panduan pengelola).",
                line,
            )
            return None
        codes = ", ".join(reasons.reasons)
        if not written:
            self.error(
                "Alasan pencabutan belum diisi.",
                f"Tulis `Alasan-Pencabutan:` dengan salah satu kode: {codes} (lihat content/_data/{REASONS_FILE}).",
                line,
            )
            return None
        reason = reasons.find(written)
        if reason is None:
            names = {name: r.code for r in reasons.reasons.values() for name in (r.code, slugify(r.label))}
            meant = suggestion(written, names)
            hint = f'Mungkin maksud Anda "{meant}"? ' if meant else ""
            self.error(
                f'Alasan pencabutan "{written}" tidak dikenal.',
                f"{hint}Pilih salah satu: {codes} (lihat content/_data/{REASONS_FILE}).",
                line,
            )
        return reason

    def needs_verification(self) -> bool:
        """``Perlu-Verifikasi``: ya or tidak."""
        written = self.header.value("unverified").lower()
        if written in YES:
            return True
        if written not in NO:
            self.error(
                f'Perlu-Verifikasi "{written}" tidak dikenal.',
                "Tulis `Perlu-Verifikasi: ya` selama berita belum dipastikan; hapus barisnya setelah dipastikan.",
                self.header.line("unverified"),
            )
        return False


class UsesImages(Protocol):
    """What :func:`withdrawn_only_files` reads of a checked story (``articles.ArticleSource``)."""

    @property
    def image(self) -> str | None:
        """The cover, relative to ``content/``."""
        ...

    @property
    def body_images(self) -> dict[str, str]:
        """Images of the body: as written -> ``{static}/``-prefixed path."""
        ...

    @property
    def withdrawal(self) -> Withdrawal | None:
        """Its withdrawal, if withdrawn."""
        ...


def withdrawn_only_files(articles: Iterable[UsesImages], content_path: str) -> set[str]:
    """Absolute paths of the images only withdrawn stories use (cover and body): no longer published.

    An image a live story also shows stays; the source file stays in the repository until someone removes it
    (the guide says how, for a child's face).
    """
    withdrawn: set[str] = set()
    live: set[str] = set()
    for article in articles:
        used = [article.image] if article.image else []
        used += [value.removeprefix("{static}/") for value in article.body_images.values()]
        paths = {os.path.abspath(os.path.join(content_path, item)) for item in used}
        (withdrawn if article.withdrawal is not None else live).update(paths)
    return withdrawn - live
