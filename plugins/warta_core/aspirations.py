"""Aspirasi warga: an article with ``Aspirasi`` carries a residents' request up, and tracks it in the open.

Rules, stated where they live:

- ``Aspirasi`` (the request in one sentence) makes an article an aspiration;
  it then needs ``Aspirasi-Dari`` (who asks: a group such as "warga RT 03
  Dusun II"), ``Aspirasi-Kepada`` (an institution of
  ``content/_data/instansi.yml`` serving the kabupaten/kota of its desa or its
  KIM, by name or alias; a typo gets the closest suggested, see
  ``warta_core.institutions``) and at least one ``Aspirasi-Tahap``.
- ``Aspirasi-Dari`` names a private person only with their consent:
  ``Aspirasi-Dari-Setuju: ya``. A name opened by a personal form of address
  (Bapak, Ibu, Pak, Bu, Saudara, Mas, Mbak …) without it is refused; other
  names cannot be told from groups reliably, so the guide asks for a group. A
  private mobile number there is always refused (``personal_numbers``).
- ``Aspirasi-Tahap`` is written once per step, like ``Ralat``:
  ``2026-11-02 | diterima | catatan``. Steps (:data:`STEP_KINDS`):
  ``diterima`` (received; the first step), ``diteruskan | kepada siapa``,
  ``dijawab | oleh siapa | apa jawabannya``, ``selesai`` and
  ``tidak-dapat-ditindaklanjuti | mengapa``. Dates may not lie after the
  check's moment nor before the article's day, and go in order; at most
  :data:`MAX_STEPS` steps.
- An aspiration is listed under the topic ``aspirasi-warga`` when the
  network has that topic (the check adds it, as ``cek-fakta`` for a
  clarification).
- The last step gives the status (:data:`STATUSES`); its date counts as the
  article's last change (``story_links.last_change``), so a status change
  moves the feed entry's ``updated``.
- ``Tindak-Lanjut-Aspirasi`` in a later story points back to an aspiration
  (file, address or slug, as ``Hak-Jawab-Untuk``); ``story_links.resolve_followups``
  links it once every article is read. The aspiration page lists its
  follow-ups, the follow-up links back (``warta_listings.aspirations``).

The checked objects (``Aspiration``, ``Step``, ``FollowUp``) and the statuses
live in ``aspiration_model``; the institution list in ``institutions``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from .aspiration_model import (
    ANSWERED,
    CLOSED,
    DONE,
    FORWARDED,
    RECEIVED,
    STEP_KINDS,
    Aspiration,
    FollowUp,
    Step,
    served_codes,
)
from .dates import parse_date
from .institutions import INSTITUTIONS_FILE, Institution
from .limits import RETYPE_HINT, hidden_characters_message
from .metadata import Header
from .network import Network
from .personal_numbers import mobile_numbers
from .text import did_you_mean, slugify

if TYPE_CHECKING:
    from .regions import Region

ASPIRATION_TOPIC = "aspirasi-warga"  # added to an aspiration's topics when the network has it
STEP_SEPARATOR = "|"
MAX_STEPS = 30  # a timeline longer than this is pasted, not kept
REQUEST_LENGTH = 300  # characters: the request in one sentence
STEP_LENGTH = 500
STEP_EXAMPLE = "Aspirasi-Tahap: 2026-11-02 | diterima | Disampaikan warga dalam rapat RT."
# What each step kind needs after its kind: the Indonesian names of its parts, for the messages.
STEP_PARTS = {
    RECEIVED: (), DONE: (),
    FORWARDED: ("kepada siapa",),
    ANSWERED: ("oleh siapa", "apa jawabannya"),
    CLOSED: ("mengapa",),
}  # fmt: skip
STEP_EXAMPLES = {
    FORWARDED: "2026-11-05 | diteruskan | Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Pesawaran",
    ANSWERED: "2026-11-20 | dijawab | Dinas PUPR | petugas dinas menyampaikan perbaikan dijadwalkan Januari.",
    CLOSED: "2026-11-20 | tidak-dapat-ditindaklanjuti | jalan itu jalan provinsi, bukan kewenangan kabupaten.",
}
CONSENT = {"ya": True, "tidak": False}
# A personal form of address opening the name: a private person, not a group ("Ibu-ibu PKK" is a group).
_PERSON = re.compile(
    r"^(?:bapak|bpk\.?|pak|ibu|bu|saudara|saudari|sdr\.?|sdri\.?|mas|mbak|kak|tuan|nyonya|ny\.|nona)\s+\S",
    re.IGNORECASE,
)
FIELD_LABELS = {
    "aspiration": "Aspirasi", "aspiration_from": "Aspirasi-Dari", "aspiration_consent": "Aspirasi-Dari-Setuju",
    "aspiration_to": "Aspirasi-Kepada",
}  # fmt: skip


class AspirationChecks:
    """Mixed into the article checker: the fields of an aspiration and of its follow-up."""

    path: str
    header: Header
    network: Network
    now: dt.datetime
    tz: dt.tzinfo
    error: Callable[..., None]  # the checker's: error(message, hint="", line=None)
    check_characters: Callable[[dict[str, str]], None]

    def aspiration(
        self, date: dt.datetime | None, desa: list[Region], kim_desa_code: str, topics: list[str]
    ) -> Aspiration | None:
        """The article's aspiration, or None (problems reported); adds ``aspirasi-warga`` to ``topics`` when known."""
        header = self.header
        request = header.value("aspiration")
        self.check_characters(FIELD_LABELS)
        steps_written = [raw for raw in header.values("aspiration_steps") if raw.value.strip()]
        if not request:
            used = [label for name, label in FIELD_LABELS.items() if name != "aspiration" and header.value(name)]
            used += ["Aspirasi-Tahap"] if steps_written else []
            if used:
                lines = [header.line(name) for name in FIELD_LABELS if header.value(name)]
                first = min([line for line in lines if line] + [raw.line for raw in steps_written] or [1])
                self.error(
                    f"Kolom {', '.join(used)} hanya dipakai untuk berita aspirasi, tetapi kolom Aspirasi belum diisi.",
                    "Tulis permintaan warga dalam satu kalimat di `Aspirasi: ...`, atau hapus kolom-kolom itu.",
                    first,
                )
            return None
        if len(request) > REQUEST_LENGTH:
            self.error(
                f"Aspirasi terlalu panjang ({len(request)} huruf; batasnya {REQUEST_LENGTH}).",
                "Tulis permintaannya dalam satu kalimat; ceritakan selengkapnya di isi berita.",
                header.line("aspiration"),
            )
        if ASPIRATION_TOPIC in self.network.topics and ASPIRATION_TOPIC not in topics:
            topics.append(ASPIRATION_TOPIC)
        source, consent = self._source()
        institution = self._institution(desa, kim_desa_code)
        steps = self._steps(date)
        if not source or institution is None or not steps:
            return None
        return Aspiration(" ".join(request.split()), source, institution, steps, consent)

    def _source(self) -> tuple[str, bool]:
        header = self.header
        written, line = " ".join(header.value("aspiration_from").split()), header.line("aspiration_from")
        consent_written = header.value("aspiration_consent").lower()
        consent = CONSENT.get(consent_written, False)
        if consent_written and consent_written not in CONSENT:
            self.error(
                f'Aspirasi-Dari-Setuju "{header.value("aspiration_consent")}" tidak dikenal.',
                "Tulis `ya` bila orang yang disebut di Aspirasi-Dari setuju namanya dimuat, atau hapus kolom ini.",
                header.line("aspiration_consent"),
            )
        if not written:
            self.error(
                "Aspirasi belum menyebut dari siapa.",
                "Tulis kelompok warganya di `Aspirasi-Dari:`, misalnya `warga RT 03 Dusun II`.",
                line or header.line("aspiration"),
            )
            return "", consent
        if mobile_numbers(written):
            self.error(
                "Kolom Aspirasi-Dari memuat nomor HP pribadi.",
                "Hapus nomornya: tulis kelompok warganya saja, misalnya `warga RT 03 Dusun II`. "
                "Nomor warga tidak pernah dimuat di portal.",
                line,
            )
            return "", consent
        if _PERSON.match(written) and not consent:
            self.error(
                f'Aspirasi-Dari "{written}" tampaknya nama orang, tetapi belum ada persetujuannya.',
                "Tulis kelompok warganya, misalnya `warga RT 03 Dusun II`; atau, bila orang itu setuju namanya "
                "dimuat, tambahkan `Aspirasi-Dari-Setuju: ya`.",
                line,
            )
            return "", consent
        return written, consent

    def _institution(self, desa: list[Region], kim_desa_code: str) -> Institution | None:
        institutions = self.network.institutions
        written = self.header.value("aspiration_to")
        line = self.header.line("aspiration_to") or self.header.line("aspiration")
        if not institutions.present:
            self.error(
                f"Aspirasi butuh daftar instansi, tetapi content/_data/{INSTITUTIONS_FILE} belum ada.",
                "Minta admin jaringan menambahkan berkas itu (contohnya ada di portal demo Warta KIM).",
                line,
            )
            return None
        codes = served_codes(desa, kim_desa_code)
        choices = ", ".join(institution.name for institution in institutions.serving(codes)) or "(belum ada)"
        if not written:
            self.error(
                "Aspirasi belum menyebut instansi yang dituju.",
                f"Tambahkan `Aspirasi-Kepada: ...` dengan salah satu dari: {choices}.",
                line,
            )
            return None
        if not desa and not kim_desa_code:
            return None  # the KIM's profile names no desa (reported on kim.yml): no region to look institutions up in
        found = institutions.find(written, codes)
        if found is None:
            meant = institutions.closest(written, codes)
            hint = f'Mungkin maksud Anda "{meant}"? ' if meant else ""
            self.error(
                f'Instansi "{written}" tidak ada di daftar instansi wilayah ini.',
                f"{hint}Pilih dari: {choices} (lihat content/_data/{INSTITUTIONS_FILE}).",
                line,
            )
        return found

    def _steps(self, published: dt.datetime | None) -> tuple[Step, ...]:
        written = [raw for raw in self.header.values("aspiration_steps") if raw.value.strip()]
        if not written:
            self.error(
                "Aspirasi belum punya tahap.",
                f"Tambahkan paling sedikit satu baris seperti `{STEP_EXAMPLE}`",
                self.header.line("aspiration"),
            )
            return ()
        if len(written) > MAX_STEPS:
            self.error(
                f"Aspirasi punya {len(written)} tahap; batasnya {MAX_STEPS}.",
                "Tulis hanya tahap yang penting: diterima, diteruskan, dijawab, selesai.",
                written[MAX_STEPS].line,
            )
            return ()
        steps: list[Step] = []
        failed = False
        for raw in written:
            step = self._step(raw.value.strip(), raw.line, published, steps[-1] if steps else None)
            if step is None:
                failed = True
            else:
                steps.append(step)
        if steps and steps[0].kind != RECEIVED and not failed:
            self.error(
                f'Tahap pertama aspirasi adalah "{steps[0].kind}", padahal harus "diterima".',
                "Tulis dulu kapan aspirasi diterima KIM, misalnya "
                f"`Aspirasi-Tahap: {steps[0].date:%Y-%m-%d} | diterima`.",
                written[0].line,
            )
            failed = True
        return () if failed else tuple(steps)

    def _step(self, written: str, line: int, published: dt.datetime | None, previous: Step | None) -> Step | None:
        hidden = hidden_characters_message("Kolom Aspirasi-Tahap", written)
        if hidden:
            self.error(hidden, RETYPE_HINT.format(what="isi kolom ini"), line)
            return None
        parts = [part.strip() for part in written.split(STEP_SEPARATOR)]
        if len(parts) < 2:
            self.error(
                f'Tahap aspirasi "{written}" belum lengkap.',
                f"Tulis tanggal, garis tegak, lalu jenis tahapnya: `{STEP_EXAMPLE}`",
                line,
            )
            return None
        when, kind_written, rest = parts[0], parts[1], parts[2:]
        date = parse_date(when, self.tz)  # type: ignore[arg-type]
        if date is None:
            self.error(
                f'Tanggal tahap aspirasi "{when}" tidak bisa dibaca.',
                f"Tulis seperti 2026-11-02 atau 2 November 2026. Contoh: `{STEP_EXAMPLE}`",
                line,
            )
            return None
        kind = slugify(kind_written)
        if kind not in STEP_KINDS:
            meant = did_you_mean(kind, list(STEP_KINDS))
            self.error(
                f'Tahap aspirasi "{kind_written}" tidak dikenal.',
                f"{meant + ' ' if meant else ''}Pilih dari: {', '.join(STEP_KINDS)}.",
                line,
            )
            return None
        return self._dated_step(date, kind, rest, line, published, previous)

    def _dated_step(
        self, date: dt.datetime, kind: str, rest: list[str], line: int, published: dt.datetime | None,
        previous: Step | None,
    ) -> Step | None:  # fmt: skip
        needed = STEP_PARTS[kind]
        if any(len(part) > STEP_LENGTH for part in rest):
            self.error(
                f"Catatan tahap {kind} terlalu panjang (batasnya {STEP_LENGTH} huruf).",
                "Ringkas catatannya; ceritakan selengkapnya di isi berita.",
                line,
            )
            return None
        missing = [name for number, name in enumerate(needed) if number >= len(rest) or not rest[number]]
        if missing:
            self.error(
                f"Tahap {kind} belum menyebut {' dan '.join(missing)}.",
                f"Contoh: `Aspirasi-Tahap: {STEP_EXAMPLES[kind]}`",
                line,
            )
            return None
        if date > self.now:
            self.error(
                f"Tanggal tahap {kind} {date:%Y-%m-%d} masih di masa depan.",
                "Tahap ditulis sesudah terjadi: pakai tanggal hari ini atau sebelumnya.",
                line,
            )
            return None
        if published is not None and date.date() < published.date():
            self.error(
                f"Tanggal tahap {kind} {date:%Y-%m-%d} lebih awal dari tanggal berita ({published:%Y-%m-%d}).",
                "Tanggal berita adalah kapan aspirasi pertama dimuat; tahap dicatat pada hari itu atau sesudahnya.",
                line,
            )
            return None
        if previous is not None and date < previous.date:
            self.error(
                f"Tanggal tahap {kind} {date:%Y-%m-%d} lebih awal dari tahap sebelumnya ({previous.date:%Y-%m-%d}).",
                "Tulis tahap-tahap berurutan dari yang paling lama; periksa tanggalnya.",
                line,
            )
            return None
        if kind == ANSWERED:
            return Step(date, kind, " ".join(STEP_SEPARATOR.join(rest[1:]).split()), rest[0])
        return Step(date, kind, " ".join(f" {STEP_SEPARATOR} ".join(part for part in rest if part).split()))

    def followup(self) -> FollowUp | None:
        """``Tindak-Lanjut-Aspirasi``, as written (resolved later)."""
        written = self.header.value("aspiration_followup")
        if not written:
            return None
        hidden = hidden_characters_message("Kolom Tindak-Lanjut-Aspirasi", written)
        if hidden:
            self.error(hidden, RETYPE_HINT.format(what="isi kolom ini"), self.header.line("aspiration_followup"))
            return None
        return FollowUp(written, self.header.line("aspiration_followup"))
