"""What an officer types after ``kim laporan``: kabupaten/kota by name or code, and a month or a range of months.

Every refusal is one Indonesian sentence (:class:`ReportInputError`) that
says what to type instead. A suggestion is offered only when it is likely
right: a name within a few slips of the finger of exactly one kabupaten/kota
(:func:`warta_core.text.by_spelling`), or the kabupaten/kota of a kecamatan
named or coded; a mistyped code gets none (any digit could be wrong), only
the list of codes when the registry is short enough to read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from warta_core.regions import KABUPATEN, KECAMATAN, Region, Registry, code_key
from warta_core.text import by_spelling, normalise_name

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
CODE = re.compile(r"^\d{2}(\.\d{2})*(\.\d{4})?$")
PREFIXES = ("kabupaten ", "kab ", "kota ")  # "Kabupaten Pesawaran", "Kab. Pesawaran" and "pesawaran" are one
LISTED_AT_MOST = 12  # kabupaten/kota codes listed in a message; a longer registry is named instead
MONTH_HINT = "Tulis tahun dan bulan seperti 2024-03, atau rentang seperti 2024-01..2024-03."


class ReportInputError(ValueError):
    """An argument ``kim laporan`` cannot use; the message says what to type (exit code 2)."""


def bare_name(name: str) -> str:
    """A region name without case, punctuation or its "Kabupaten"/"Kota" word: "Kab. Pesawaran" -> "pesawaran"."""
    text = normalise_name(name)
    for prefix in PREFIXES:
        if text.startswith(prefix):
            return text.removeprefix(prefix)
    return text


def split_list(values: Iterable[str]) -> list[str]:
    """``--kabupaten`` given several times and/or comma-separated, in order, blanks and repeats dropped."""
    found: list[str] = []
    for value in values:
        for part in (piece.strip() for piece in value.split(",")):
            if part and part not in found:
                found.append(part)
    return found


def known_codes(kabupaten: list[Region], where: str) -> str:
    """The registry's kabupaten/kota to choose from: listed when few, else the file to look in."""
    if not kabupaten or len(kabupaten) > LISTED_AT_MOST:
        return f"Lihat kode dan namanya di {where}."
    return "Yang ada: " + ", ".join(f"{r.code} ({r.name})" for r in kabupaten) + "."


def find_kabupaten(registry: Registry, written: str, where: str) -> Region:
    """The kabupaten/kota ``written`` names: its code, its full name, its slug or its name alone."""
    kabupaten = sorted((r for r in registry if r.level == KABUPATEN), key=lambda r: code_key(r.code))
    if CODE.match(written):
        region = registry.get(written)
        if region is not None and region.level == KABUPATEN:
            return region
        if region is not None and region.level >= KECAMATAN:
            raise ReportInputError(wrong_level(registry, region, written))
        raise ReportInputError(f'Kode kabupaten/kota "{written}" tidak ada di {where}. {known_codes(kabupaten, where)}')
    wanted = bare_name(written)
    matches = [r for r in kabupaten if bare_name(r.name) == wanted or r.slug == written.strip().lower()]
    exact = [r for r in matches if normalise_name(r.name) == normalise_name(written)]
    if len(matches) == 1 or len(exact) == 1:
        return (exact or matches)[0]
    if matches:
        choices = ", ".join(f"{r.code} ({r.name})" for r in matches)
        raise ReportInputError(
            f'"{written}" cocok dengan lebih dari satu kabupaten/kota: {choices}. Tulis kodenya atau nama lengkapnya.'
        )
    kecamatan = [r for r in registry if r.level == KECAMATAN and bare_name(r.name) == wanted]
    if len(kecamatan) == 1:
        raise ReportInputError(wrong_level(registry, kecamatan[0], written))
    likely = by_spelling(wanted.replace(" ", "-"), {bare_name(r.name).replace(" ", "-"): r.code for r in kabupaten})
    hint = f'Mungkin maksud Anda "{registry.get(likely).name}" ({likely})?' if likely else known_codes(kabupaten, where)
    raise ReportInputError(f'Kabupaten/kota "{written}" tidak ada di {where}. {hint}')


def wrong_level(registry: Registry, region: Region, written: str) -> str:
    """A kecamatan or desa given where a kabupaten/kota is wanted: name the kabupaten/kota it lies in."""
    parent = registry.get(region.kabupaten_code)
    code = "" if written == region.code else f" ({region.code})"
    return (
        f'"{written}" adalah {region.label}{code}, bukan kabupaten/kota; laporan dibuat per kabupaten/kota. '
        f"Tulis {parent.code} ({parent.name})."
    )


def month_range(month: str | None, first: str | None, last: str | None, current: str) -> tuple[str, str]:
    """The first and last month of the report, from ``--bulan A`` / ``--bulan A..B`` or ``--dari A --sampai B``.

    ``--dari`` alone runs to ``current`` (the month under way).
    """
    if month and (first or last):
        raise ReportInputError("Pakai --bulan atau --dari/--sampai, tidak keduanya.")
    if month:
        first, _, last = month.partition("..") if ".." in month else (month, "", month)
    elif last and not first:
        raise ReportInputError(f"--sampai perlu --dari, misalnya --dari 2024-01 --sampai {last}.")
    elif not first:
        raise ReportInputError(
            f"Pilih bulan laporan dengan --bulan {current}, atau rentang seperti --bulan 2024-01..2024-03."
        )
    last = last or current
    for value in (first, last):
        if not MONTH.match(value):
            raise ReportInputError(f'Bulan "{value}" tidak sah. {MONTH_HINT}')
    if first > last:
        raise ReportInputError(f"Rentang bulan {first}..{last} terbalik: tulis {last}..{first}.")
    if last > current:
        raise ReportInputError(f"Bulan {last} belum tiba; pilih bulan ini ({current}) atau bulan yang sudah lewat.")
    return first, last
