"""The header of an article file, before any meaning is given to it.

Two forms are accepted. The documented one is Pelican's: ``Kolom: nilai``
lines at the top, ended by a blank line. YAML front matter between ``---``
lines is accepted too, because that is what the web editor writes.

A ``Kolom: nilai`` header ends at the first blank line, so a body whose first
line looks like a field (``Pesawaran: warga berkumpul…``) would be read as
header. Nothing may vanish that way: an unknown name close to a known field
is a typo (refused with a suggestion, ``warta_core.diagnoses``); any other unknown name is collected
in :attr:`Header.stray`, and the check refuses it as a body line missing the
blank line after the header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .text import by_spelling
from .yamlfile import MAX_FRONT_MATTER_BYTES, YamlProblem, parse_yaml, top_level_lines

# An article's status, in Pelican's words (a scheduled article is published or draft depending on its date).
PUBLISHED, DRAFT, SCHEDULED = "published", "draft", "scheduled"
STATUSES = {
    "terbit": PUBLISHED, "published": PUBLISHED,
    "draf": DRAFT, "draft": DRAFT, "konsep": DRAFT,
    "terjadwal": SCHEDULED, "scheduled": SCHEDULED,
}  # fmt: skip

_KEY_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*(.*)$")
_CONTINUATION = re.compile(r"^(?: {4}|\t)\s*(\S.*)$")

# Documented Indonesian names first; English aliases for people used to Pelican.
FIELD_NAMES = {
    "judul": "title", "title": "title",
    "tanggal": "date", "date": "date",
    "penulis": "author", "author": "author",
    "topik": "topics", "topics": "topics", "tags": "topics",
    "desa": "desa", "kelurahan": "desa",
    "ringkasan": "summary", "summary": "summary",
    "gambar": "image", "image": "image",
    "deskripsi-gambar": "image_alt", "image-alt": "image_alt", "alt-gambar": "image_alt",
    "status": "status",
    "slug": "slug",
    "diperbarui": "modified", "modified": "modified",
    "id": "feed_id",
    # Fact checks (warta_core.factcheck): an article with Klaim is a clarification.
    "klaim": "claim", "claim": "claim",
    "penilaian": "verdict", "verdict": "verdict", "rating": "verdict",
    "beredar-di": "spread_on",
    "tanggal-klaim": "claim_date",
    "sumber": "evidence",
    # Document numbers shaped like a NIK or KK that may be published (warta_core.personal_numbers).
    "bukan-nik": "not_personal",
    # Accountability (warta_core.corrections): dated correction notes, and a right of reply.
    "ralat": "corrections", "koreksi": "corrections", "correction": "corrections",
    "hak-jawab-untuk": "reply_to", "hak-jawab-dari": "reply_from",
    # The home page's lead (warta_core.pinning): pinned until a date.
    "sematkan": "pinned", "pin": "pinned",
    # Withdrawal and the verification label (warta_core.withdrawals).
    "dicabut": "withdrawn", "withdrawn": "withdrawn",
    "alasan-pencabutan": "withdrawal_reason", "penjelasan-pencabutan": "withdrawal_note",
    "perlu-verifikasi": "unverified",
    # Aspirasi warga (warta_core.aspirations): a residents' request, its institution and dated steps.
    "aspirasi": "aspiration", "aspirasi-dari": "aspiration_from", "aspirasi-dari-setuju": "aspiration_consent",
    "aspirasi-kepada": "aspiration_to", "aspirasi-tahap": "aspiration_steps",
    "tindak-lanjut-aspirasi": "aspiration_followup",
}  # fmt: skip
# Fields a header may hold more than once (one line per item, or a YAML list): kept in order in Header.repeated.
REPEATABLE = {"corrections", "aspiration_steps"}
DOCUMENTED_FIELDS = [
    "Judul", "Tanggal", "Penulis", "Topik", "Desa", "Ringkasan",
    "Gambar", "Deskripsi-Gambar", "Status", "Slug", "Diperbarui", "ID",
    "Klaim", "Penilaian", "Beredar-Di", "Tanggal-Klaim", "Sumber", "Bukan-NIK", "Sematkan",
    "Ralat", "Hak-Jawab-Untuk", "Hak-Jawab-Dari",
    "Dicabut", "Alasan-Pencabutan", "Penjelasan-Pencabutan", "Perlu-Verifikasi",
    "Aspirasi", "Aspirasi-Dari", "Aspirasi-Dari-Setuju", "Aspirasi-Kepada", "Aspirasi-Tahap", "Tindak-Lanjut-Aspirasi",
]  # fmt: skip


@dataclass
class RawField:
    """One header field as written: the name used, its value and its line."""

    name: str
    value: str
    line: int


@dataclass
class Header:
    """Header fields keyed by canonical name, plus the body that follows."""

    fields: dict[str, RawField] = field(default_factory=dict)
    unknown: list[RawField] = field(default_factory=list)
    duplicates: list[RawField] = field(default_factory=list)
    stray: list[RawField] = field(default_factory=list)  # unknown, not near any field: likely the body
    repeated: dict[str, list[RawField]] = field(default_factory=dict)  # REPEATABLE fields, in written order
    body: str = ""
    body_line: int = 1
    error: tuple[int, str] | None = None  # (line, reason) when YAML is broken

    def value(self, name: str) -> str:
        """Stripped value of a canonical field, or an empty string."""
        raw = self.fields.get(name)
        return raw.value.strip() if raw else ""

    def line(self, name: str) -> int | None:
        """Line of a canonical field, when present."""
        raw = self.fields.get(name)
        return raw.line if raw else None

    def values(self, name: str) -> list[RawField]:
        """Every item of a repeatable field (:data:`REPEATABLE`), in written order."""
        return self.repeated.get(name, [])


def canonical_name(name: str) -> str | None:
    """Map a written field name (any case, ``_`` or ``-``) to its canonical name."""
    return FIELD_NAMES.get(name.strip().lower().replace("_", "-"))


@lru_cache(maxsize=4096)  # a header repeats its names (a pasted block of 100,000 "Ab: c" lines is measured once)
def near_field(name: str) -> str | None:
    """The documented field a misspelt name was meant to be: a slip of the finger away from one, else None.

    Only a typo counts (``Gambr``, ``Ringksan``, ``Tangal``): a longer name that merely starts like a field
    (``sumber_foto`` is not ``Sumber``) is another tool's key, not a misspelling.
    """
    canonical = by_spelling(name.strip().lower().replace("_", "-"), FIELD_NAMES)
    if canonical is None:
        return None
    return next((field for field in DOCUMENTED_FIELDS if FIELD_NAMES.get(field.lower()) == canonical), canonical)


def _store(header: Header, raw: RawField, *, guard_body: bool = False) -> None:
    canonical = canonical_name(raw.name)
    if canonical is None and guard_body and near_field(raw.name) is None:
        header.stray.append(raw)
    elif canonical is None:
        header.unknown.append(raw)
    elif canonical in REPEATABLE:
        header.repeated.setdefault(canonical, []).append(raw)
    elif canonical in header.fields:
        header.duplicates.append(raw)
    else:
        header.fields[canonical] = raw


def parse_header(text: str) -> Header:
    """Split ``text`` into header fields and Markdown body."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].strip() == "---":
        return _parse_front_matter(lines)
    header = Header()
    index = 0
    last: RawField | None = None
    while index < len(lines):
        line = lines[index].rstrip("\r\n")
        if not line.strip():
            index += 1  # the blank line ending the header
            break
        key = _KEY_LINE.match(line)
        more = _CONTINUATION.match(line)
        if more and last is not None:
            last.value = f"{last.value} {more.group(1).strip()}"
        elif key:
            last = RawField(key.group(1), key.group(2).strip(), index + 1)
            _store(header, last, guard_body=True)
        else:
            break  # no blank line before the body: the body starts here
        index += 1
    header.body = "".join(lines[index:])
    header.body_line = index + 1
    return header


def _parse_front_matter(lines: list[str]) -> Header:
    header = Header()
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        header.error = (1, "baris penutup `---` tidak ditemukan")
        return header
    block = "".join(lines[1:end])
    try:
        # Impossible dates stay text here: the article check reports them like any unreadable date.
        node, data = parse_yaml(block, max_bytes=MAX_FRONT_MATTER_BYTES, first_line=2, keep_bad_dates=True)
    except YamlProblem as problem:
        header.error = (problem.line or 1, problem.reason)
        return header
    data = data or {}
    if not isinstance(data, dict):
        header.error = (2, "isi antara `---` harus berupa pasangan `kolom: nilai`")
        return header
    key_lines = top_level_lines(node, first_line=2)
    for key, value in data.items():
        if canonical_name(str(key)) in REPEATABLE and isinstance(value, list):  # one item per list entry
            for item in value:
                _store(header, RawField(str(key), _item_text(item), key_lines.get(str(key), 1)))
            continue
        if isinstance(value, list):
            written = ", ".join(str(item) for item in value)
        else:
            written = "" if value is None else str(value)
        _store(header, RawField(str(key), written, key_lines.get(str(key), 1)))
    header.body = "".join(lines[end + 1 :])
    header.body_line = end + 2
    return header


def _item_text(item: object) -> str:
    """One item of a repeatable YAML list as the one-line form: ``tanggal | catatan`` for the editor's objects."""
    if isinstance(item, dict):
        first = [item.get(key) for key in ("tanggal", "date") if item.get(key) is not None][:1]
        rest = [value for key, value in item.items() if key not in ("tanggal", "date") and value is not None]
        return " | ".join(str(value).strip() for value in first + rest)
    return "" if item is None else str(item)
