"""Why a header was not read as the writer meant it, said in the writer's terms.

"Judul berita belum diisi" is wrong when the title is right there but the
header was not recognised: the file starts with a blank line (the header ends
at the first blank line, so every field became body text), or a field was
written as a Markdown heading (``# Judul: …``, a habit from chat apps and
Markdown editors). ``misread_header`` names that cause instead, and the
article's other "belum diisi" messages are not given.

A header field whose name is a typo of a known one (``Gambr:``,
``Ringksan:``) would vanish from the page: ``misspelt_field`` names the field
it was meant to be, and the check refuses it. An unknown name close to no
field stays a warning in YAML front matter (tools such as the web editor may
add their own keys); in a ``Kolom: nilai`` header it is refused as the body's
first line (``warta_core.metadata``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .metadata import DOCUMENTED_FIELDS, Header, canonical_name, near_field
from .problems import WARNING, ProblemList

_KEY_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*(.*)$")
_HEADING_FIELD = re.compile(r"^ {0,3}(#{1,6})[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*(.*?)[ \t#]*$")
_SHOWN = 60  # characters of a value quoted in a hint


@dataclass(frozen=True)
class Diagnosis:
    """A problem found before the fields are checked: the line, the message and how to fix it."""

    line: int
    message: str
    hint: str


def _documented(name: str) -> str:
    """The documented spelling of a field name (``title`` -> ``Judul``)."""
    canonical = canonical_name(name)
    return next((field for field in DOCUMENTED_FIELDS if canonical_name(field) == canonical), name)


def misread_header(text: str, header: Header) -> Diagnosis | None:
    """Why a header with no fields at all was not read, when the file shows it."""
    if header.fields or header.repeated or header.error or header.unknown or header.stray:
        return None
    lines = text.splitlines()
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    line = lines[first]
    heading = _HEADING_FIELD.match(line)
    if heading and canonical_name(heading.group(2)):
        marks, name, value = heading.groups()
        written = f"{_documented(name)}: {value[:_SHOWN]}".rstrip()
        return Diagnosis(
            first + 1,
            f'Kolom {_documented(name)} ditulis sebagai judul Markdown ("{marks} {name}:"), '
            "jadi bagian kepala berita tidak terbaca.",
            f"Hapus tanda {marks} di awal baris itu sehingga tertulis `{written}`. "
            "Kolom kepala berita ditulis tanpa tanda #, satu kolom per baris, di baris-baris pertama berkas.",
        )
    key = _KEY_LINE.match(line)
    if first > 0 and (line.strip() == "---" or (key and canonical_name(key.group(1)))):
        return Diagnosis(
            1,
            f"Berkas diawali {first} baris kosong, jadi bagian kepala berita (mulai baris {first + 1}) "
            "terbaca sebagai isi berita.",
            "Hapus baris kosong di awal berkas: baris pertama harus kolom kepala, misalnya `Judul: ...`. "
            "Baris kosong hanya dipakai sekali, sesudah kolom terakhir, sebelum isi berita.",
        )
    return None


def misspelt_field(name: str) -> str | None:
    """The documented field a misspelt header name was meant to be, if it is close to one."""
    near = near_field(name)
    return _documented(near) if near else None


class FieldNameChecks:
    """Mixed into the article checker: field names that are misspelt, unknown, or written twice."""

    path: str
    header: Header
    problems: ProblemList
    error: Callable[..., None]  # the checker's: error(message, hint="", line=None)

    def check_field_names(self) -> None:
        """A typo of a field would vanish from the page, so it is refused; far from every field, only a warning."""
        known = ", ".join(DOCUMENTED_FIELDS)
        for raw in self.header.unknown:
            meant = misspelt_field(raw.name)
            if meant:
                hint = f'Mungkin maksud Anda "{meant}"? Betulkan nama kolomnya; kolom yang salah tulis tidak terbit.'
                self.error(f'Kolom "{raw.name}" tidak dikenal.', hint, raw.line)
            else:
                message = f'Kolom "{raw.name}" tidak dikenal dan diabaikan.'
                self.problems.add(self.path, message, f"Kolom yang dikenal: {known}.", raw.line, WARNING)
        for raw in self.header.stray:  # see warta_core.metadata: a body line read as a field
            self.error(
                f'Kolom "{raw.name}" tidak dikenal; baris ini tampaknya awal isi berita.',
                "Tambahkan satu baris kosong setelah bagian kepala, sebelum baris ini. "
                f"Bila ini memang kolom kepala, pakai salah satu: {known}.",
                raw.line,
            )
        for raw in self.header.duplicates:
            self.error(f'Kolom "{raw.name}" ditulis dua kali.', "Hapus salah satunya.", raw.line)
