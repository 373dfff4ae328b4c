"""Fact checks: an article with ``Klaim`` is the clarification of a hoax.

Rules, stated where they live:

- ``Klaim`` makes an article a clarification; it then needs ``Penilaian`` (a
  verdict of ``content/_data/penilaian.yml``, by slug, label or alias; a typo
  gets the closest suggested) and at least one ``Sumber``.
- ``Sumber`` holds one or more pieces of evidence separated by ``|``, or by
  commas next to an address (``split_evidence``; URLs may contain commas and
  semicolons, never a bare ``|`` or a space). Each is an
  ``http(s)`` address or a plain reference ("Keterangan Kepala Puskesmas
  Bagelen, 12 Maret 2024"); anything else that looks like an address
  (``www.…``, ``mailto:``, ``javascript:``) is refused.
- ``Beredar-Di`` (where it circulated: ``WhatsApp, Facebook``) and
  ``Tanggal-Klaim`` (when it first circulated, not after the article) are
  optional; they, ``Penilaian`` and ``Sumber`` without ``Klaim`` are refused,
  since nothing would show them.
- A clarification is always listed under the topic ``cek-fakta``: the check
  adds it to the article's topics when the writer did not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from .dates import parse_date
from .metadata import DRAFT, Header
from .network import Network
from .verdicts import VERDICTS_FILE, Verdict

FACT_CHECK_TOPIC = "cek-fakta"
EVIDENCE_SEPARATOR = "|"
CLAIM_LENGTH = 500  # characters: a claim is quoted, not copied whole
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_LOOKS_LIKE_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*:(?!\s)|www\.)", re.IGNORECASE)
_LABELS = {"claim": "Klaim", "verdict": "Penilaian", "spread_on": "Beredar-Di", "claim_date": "Tanggal-Klaim"}
FIELD_LABELS = {**_LABELS, "evidence": "Sumber"}


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence: an http(s) address, or a plain reference (``url`` empty)."""

    text: str
    url: str = ""


@dataclass(frozen=True)
class FactCheck:
    """What an article with ``Klaim`` says about the claim it checks."""

    claim: str
    verdict: Verdict
    evidence: tuple[Evidence, ...]
    spread_on: tuple[str, ...] = ()
    claim_date: dt.datetime | None = None
    best: int = 5  # the verdict list's scale, for ClaimReview
    worst: int = 1


def split_evidence(written: str) -> list[str]:
    """The pieces of a ``Sumber`` value: cut at ``|``, and at a comma before or after an address.

    Writers separate sources with commas as they do ``Beredar-Di`` (and YAML lists arrive ``, ``-joined), but a
    plain reference keeps its commas ("Keterangan Kepala Puskesmas Bagelen, 12 Maret 2024"): a comma cuts only
    where an ``http(s)`` address ends or something shaped like an address begins. An address holds no space,
    so ``, `` never falls inside one.
    """
    pieces: list[str] = []
    for part in re.split(r"\s*\|\s*", written):
        current = ""
        for token in re.split(r",\s*(?=https?://)|,\s+", part):
            if current and (_URL.match(current) or _LOOKS_LIKE_ADDRESS.match(token)):
                pieces.append(current)
                current = token
            else:
                current = f"{current}, {token}" if current else token
        pieces.append(current)
    return [piece.strip() for piece in pieces if piece.strip()]


class FactCheckChecks:
    """Mixed into the article checker: the fields of a clarification."""

    path: str
    header: Header
    network: Network
    tz: dt.tzinfo
    error: Callable[..., None]  # the checker's: error(message, hint="", line=None)
    check_characters: Callable[[dict[str, str]], None]  # the checker's: no control or bidi characters

    def factcheck(self, topics: list[str], date: dt.datetime | None, status: str) -> FactCheck | None:
        """The article's fact check, or None; adds ``cek-fakta`` to ``topics`` for a clarification.

        The ``cek-fakta`` topic is for clarifications only, so that ``/cek-fakta/`` lists every story of the
        topic; a draft may carry it before its fields are filled (``kim berita-baru --klarifikasi``).
        """
        header = self.header
        claim = header.value("claim")
        self.check_characters(FIELD_LABELS)
        if not claim:
            used = [label for name, label in FIELD_LABELS.items() if name != "claim" and header.value(name)]
            if used:
                first = min((header.line(name) or 1) for name in FIELD_LABELS if header.value(name))
                self.error(
                    f"Kolom {', '.join(used)} hanya dipakai untuk klarifikasi, tetapi kolom Klaim belum diisi.",
                    "Tulis kabar yang beredar di `Klaim: ...`, atau hapus kolom-kolom itu bila ini bukan klarifikasi.",
                    first,
                )
            elif FACT_CHECK_TOPIC in topics and self.network.verdicts.present and status != DRAFT:
                self.error(
                    f'Topik "{FACT_CHECK_TOPIC}" hanya untuk klarifikasi hoaks, tetapi kolom Klaim belum diisi.',
                    "Bila berita ini meluruskan kabar yang beredar, isi `Klaim:`, `Penilaian:`, dan `Sumber:` "
                    f"(contohnya di Panduan). Bila bukan, hapus {FACT_CHECK_TOPIC} dari Topik; berita tentang "
                    "kegiatan melawan hoaks, misalnya pelatihan, memakai topik kegiatan-kim.",
                    header.line("topics"),
                )
            return None
        if len(claim) > CLAIM_LENGTH:
            self.error(
                f"Klaim terlalu panjang ({len(claim)} huruf; batasnya {CLAIM_LENGTH}).",
                "Kutip inti kabarnya saja; ceritakan selengkapnya di isi berita.",
                header.line("claim"),
            )
        verdict = self._verdict()
        evidence = self._evidence()
        claim_date = self._claim_date(date)
        self._cek_fakta_topic(topics)
        if verdict is None or not evidence:
            return None
        spread = tuple(p.strip() for p in re.split(r"[,;]", header.value("spread_on")) if p.strip())
        verdicts = self.network.verdicts
        return FactCheck(claim, verdict, tuple(evidence), spread, claim_date, verdicts.best, verdicts.worst)

    def _verdict(self) -> Verdict | None:
        verdicts = self.network.verdicts
        written = self.header.value("verdict")
        line = self.header.line("verdict") or self.header.line("claim")
        if not verdicts.present:
            self.error(
                f"Klarifikasi butuh daftar penilaian, tetapi content/_data/{VERDICTS_FILE} belum ada.",
                "Minta admin jaringan menambahkan berkas itu (contohnya ada di portal demo Warta KIM).",
                line,
            )
            return None
        choices = ", ".join(verdicts.verdicts)
        if not written:
            self.error(
                "Klarifikasi belum punya Penilaian.",
                f"Tambahkan `Penilaian: ...` dengan salah satu dari: {choices}.",
                line,
            )
            return None
        verdict = verdicts.find(written)
        if verdict is None:
            suggestion = verdicts.closest(written)
            hint = f'Mungkin maksud Anda "{suggestion}"? ' if suggestion else ""
            self.error(
                f'Penilaian "{written}" tidak dikenal.',
                f"{hint}Pilih dari: {choices} (lihat content/_data/{VERDICTS_FILE}).",
                line,
            )
        return verdict

    def _evidence(self) -> list[Evidence]:
        line = self.header.line("evidence") or self.header.line("claim")
        pieces = split_evidence(self.header.value("evidence"))
        if not pieces:
            self.error(
                "Klarifikasi belum punya Sumber.",
                "Tambahkan `Sumber: ...` dengan alamat situs resmi atau keterangan narasumber; "
                "pisahkan beberapa sumber dengan tanda |.",
                line,
            )
            return []
        found: list[Evidence] = []
        for piece in pieces:
            if _URL.match(piece):
                found.append(Evidence(piece, piece))
            elif _LOOKS_LIKE_ADDRESS.match(piece):
                self.error(
                    f'Sumber "{piece}" bukan alamat http(s).',
                    "Tulis alamat lengkap yang diawali https://, atau tulis keterangan biasa tanpa tautan, "
                    "misalnya `Keterangan Kepala Puskesmas Bagelen, 12 Maret 2024`.",
                    line,
                )
            else:
                found.append(Evidence(piece))
        return found

    def _claim_date(self, date: dt.datetime | None) -> dt.datetime | None:
        written = self.header.value("claim_date")
        if not written:
            return None
        line = self.header.line("claim_date")
        parsed = parse_date(written, self.tz)
        if parsed is None:
            self.error(
                f'Tanggal-Klaim "{written}" tidak bisa dibaca.', "Tulis seperti 2024-03-05 atau 5 Maret 2024.", line
            )
            return None
        if date is not None and parsed > date:
            self.error(
                f"Tanggal-Klaim {parsed:%Y-%m-%d} sesudah tanggal klarifikasinya ({date:%Y-%m-%d}).",
                "Tanggal-Klaim adalah kapan kabar itu mulai beredar; periksa kedua tanggal.",
                line,
            )
            return None
        return parsed

    def _cek_fakta_topic(self, topics: list[str]) -> None:
        if FACT_CHECK_TOPIC not in self.network.topics:
            self.error(
                f'Klarifikasi selalu masuk topik "{FACT_CHECK_TOPIC}", tetapi topik itu tidak ada di '
                "content/_data/topik.yml.",
                f"Minta admin jaringan menambahkan topik dengan slug `{FACT_CHECK_TOPIC}`.",
                self.header.line("claim"),
            )
        elif FACT_CHECK_TOPIC not in topics:
            topics.append(FACT_CHECK_TOPIC)
