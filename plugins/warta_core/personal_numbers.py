"""Residents' NIK and KK numbers never reach the portal; Indonesian mobile numbers are recognised.

A NIK (Nomor Induk Kependudukan) and a KK number (Kartu Keluarga) are 16
digits with a documented structure, and copying them from a form into a news
story is a real, recurring leak on desa websites. Both are personal data
protected by UU 27/2022 (Pelindungan Data Pribadi). Rules, stated where they
live:

- **Shape.** Province code (:data:`PROVINCE_CODES`), kabupaten/kota and
  kecamatan codes (``01``-``99``), a date ``DDMMYY`` (birth date for a NIK,
  with 40 added to the day for women; issue date for a KK, so a KK is also
  NIK-shaped), and a serial that is not ``0000``.
- **Written forms.** 16 digits together, or grouped the way writers group
  them: ``4-4-4-4``, ``6-6-4`` and ``2-2-2-6-4`` (:data:`LAYOUTS`), with one
  space, dot or dash between groups. Two separators (``". "``), a comma, a
  line break or anything else ends a number, so numbers of different
  sentences, list items or table cells are never glued. A longer run of
  digits (17 or more together) is something else; a NIK-shaped group inside
  a longer run of groups (``3201 0101 0101 0001 2``) is still found.
- **A label is strong evidence.** After ``NIK``, ``No. KK``, ``KK:``,
  ``KTP``, ``Kartu Keluarga`` or ``Induk Kependudukan`` (up to 12 characters
  between, no sentence end), any 16 digits are refused even when the region
  or date part does not fit: a NIK with a typing mistake in it is still a
  NIK. ``KK`` alone is not a label (``120 KK`` counts households), nor is
  ``Bukan-NIK``.
- **Not a NIK.** Without a label: digits glued to a letter (``SN3201…``),
  after ``+`` (a phone number), after ``Rp``/``IDR``/``$`` (money), or inside
  a web address (a post id on a social network) are left alone; so are
  thousands groupings (``1.500.000.000.000.000``), which no layout matches.
- **Marking.** A 16-digit document number that happens to fit the shape is
  listed in the file's ``Bukan-NIK:`` header field (``bukan_nik:`` in
  ``kim.yml``); the reviewer sees that line in the pull request. Listed
  numbers are accepted anywhere in that file.

Messages never repeat a number whole (:func:`mask`): they end up in CI logs.
Every scan is linear in the text's length: one pass over the runs of digits,
a fixed number of layouts tried at each group, and look-behinds of a bounded
window (``tests/warta_core/test_personal_numbers.py`` reads 1 MB of hostile shapes).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection
from dataclasses import dataclass

from .problems import ProblemList

# Kemendagri province codes (the first two digits of every NIK and KK): Sumatra 11-19, Riau Islands 21,
# Java 31-36, Bali and Nusa Tenggara 51-53, Kalimantan 61-65, Sulawesi 71-76, Maluku 81-82, Papua 91-97
# (the same set as the time zones of :mod:`.dates`; older numbers keep the code of the day they were issued).
PROVINCE_CODES = frozenset(
    f"{code}" for group in ((11, 19), (21, 21), (31, 36), (51, 53), (61, 65), (71, 76), (81, 82), (91, 97))
    for code in range(group[0], group[1] + 1)
)  # fmt: skip
LAYOUTS = ((16,), (4, 4, 4, 4), (6, 6, 4), (2, 2, 2, 6, 4))  # digits per group, as writers type a NIK
_LAYOUTS_BY_FIRST = {layout[0]: [other for other in LAYOUTS if other[0] == layout[0]] for layout in LAYOUTS}
LENGTH = 16
SEPARATORS = frozenset(" .-\u00a0\u202f")  # exactly one of these between two groups of one number
WOMEN_DAY_OFFSET = 40
_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # 29 February: some year of the century had one
MAX_REPORTED = 10  # per file; the rest are counted in one more problem
FIELD = "Bukan-NIK"  # the header field listing document numbers (metadata.FIELD_NAMES: "not_personal")
PROFILE_KEY = "bukan_nik"  # the same list in kim.yml

_DIGITS = re.compile(r"[0-9]+")
_SEPARATOR = "[" + re.escape("".join(sorted(SEPARATORS))) + "]"
_DROP_SEPARATORS = str.maketrans("", "", "".join(SEPARATORS))
# Digits and separators all become "0": a text without 16 of them in a row holds no number to look at. Checking
# that in C first spares the regular expressions most stories (10,000 of them are checked in a few seconds).
_AS_ZEROS = str.maketrans(dict.fromkeys("0123456789" + "".join(SEPARATORS), "0"))
_CHAIN = re.compile(rf"[0-9]+(?:{_SEPARATOR}[0-9]+)*")  # no backtracking: separators and digits are disjoint
_LOOK_BEHIND = 48  # characters before a number searched for a label
_LABEL = re.compile(  # a label ending at most 12 characters before the number, in the same sentence
    r"(?<![a-z])(?<!bukan-)(?<!bukan_)(?<!bukan )"  # "Bukan-NIK: …" marks a number as *not* a NIK
    r"(?:nik|no(?:mor)?[._\s-]{0,2}(?:kk|e?-?ktp)|kk\s?:|e?-?ktp|kartu\s+keluarga|induk\s+kependudukan)"
    r"(?![a-z])[^0-9\n.!?;]{0,12}$",
    re.IGNORECASE,
)
_MONEY = re.compile(r"(?:\brp|\bidr|\busd|\$)\.?\s?$", re.IGNORECASE)
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"']{0,4096}", re.IGNORECASE)

SHAPED = "berbentuk NIK atau nomor KK"
LABELLED = "ditulis sebagai NIK atau nomor KK"
WHERE = {"berita": "di kepala berita", "halaman": "di kepala halaman", "profil": "di profil ini"}


@dataclass(frozen=True)
class PersonalNumber:
    """A NIK- or KK-shaped number found in a text: its 16 digits, its line, and whether a label named it."""

    digits: str
    line: int
    labelled: bool = False

    @property
    def masked(self) -> str:
        """The number as messages show it: ``3201********0001``."""
        return mask(self.digits)


def mask(digits: str) -> str:
    """First and last four digits, the rest hidden (birth date and kecamatan are what identify a person)."""
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:] if len(digits) > 8 else "*" * len(digits)


def nik_shaped(digits: str) -> bool:
    """True when 16 ``digits`` fit a NIK or KK: region codes, a calendar date ``DDMMYY``, a serial."""
    if len(digits) != LENGTH or not digits.isascii() or not digits.isdigit():
        return False
    if digits[0:2] not in PROVINCE_CODES or digits[2:4] == "00" or digits[4:6] == "00" or digits[12:16] == "0000":
        return False
    day, month = int(digits[6:8]), int(digits[8:10])
    if day > WOMEN_DAY_OFFSET:
        day -= WOMEN_DAY_OFFSET
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month]


def allowed_numbers(written: str) -> tuple[set[str], list[str]]:
    """The numbers a ``Bukan-NIK`` value lists (digits only), and the items that are not 16 digits."""
    allowed: set[str] = set()
    bad: list[str] = []
    for piece in re.split(r"[,;|\n]", written):
        item = piece.strip()
        if not item:
            continue
        digits = "".join(ch for ch in item if ch not in SEPARATORS)
        if len(digits) == LENGTH and digits.isascii() and digits.isdigit():
            allowed.add(digits)
        else:
            bad.append(item)
    return allowed, bad


def _groups(text: str) -> list[list[re.Match[str]]]:
    """Runs of digit groups joined by exactly one separator character that could hold 16 digits, in order."""
    return [
        list(_DIGITS.finditer(text, chain.start(), chain.end()))
        for chain in _CHAIN.finditer(text)
        if chain.end() - chain.start() >= LENGTH
    ]


def _labelled(text: str, start: int) -> bool:
    return _LABEL.search(text, max(0, start - _LOOK_BEHIND), start) is not None


def _not_a_nik_context(text: str, start: int, end: int, web: list[tuple[int, int]]) -> bool:
    """Glued to a letter, a phone number's ``+``, an amount of money, or a web address."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before.isalpha() or before in ("_", "+") or after.isalpha() or after == "_":
        return True
    if _MONEY.search(text, max(0, start - 6), start):
        return True
    at = bisect.bisect_right(web, (start, len(text) + 1)) - 1
    return at >= 0 and web[at][0] <= start < web[at][1]


def find_personal_numbers(text: str, allowed: Collection[str] = (), first_line: int = 1) -> list[PersonalNumber]:
    """Every NIK- or KK-shaped number of ``text`` not in ``allowed``, with its line (``first_line`` for line 1)."""
    if "0" * LENGTH not in text.translate(_AS_ZEROS):
        return []
    web = [(m.start(), m.end()) for m in _WEB_ADDRESS.finditer(text)] if "www." in text or "://" in text else []
    found: list[tuple[int, str, bool]] = []
    for chain in _groups(text):
        found.extend(_in_chain(text, chain, web))
    if not found:
        return []
    newlines = [m.start() for m in re.finditer("\n", text)]
    return [
        PersonalNumber(digits, first_line + bisect.bisect_left(newlines, offset), labelled)
        for offset, digits, labelled in found
        if digits not in allowed
    ]


def _in_chain(text: str, chain: list[re.Match[str]], web: list[tuple[int, int]]) -> list[tuple[int, str, bool]]:
    """NIK-shaped numbers of one chain of groups: a labelled start, then every layout at every group."""
    found: list[tuple[int, str, bool]] = []
    lengths = [len(match.group()) for match in chain]
    if sum(lengths) < LENGTH:
        return found
    if _labelled(text, chain[0].start()):
        total, count = 0, 0
        while count < len(chain) and total < LENGTH:
            total, count = total + lengths[count], count + 1
        if total == LENGTH:
            found.append(
                (chain[0].start(), text[chain[0].start() : chain[count - 1].end()].translate(_DROP_SEPARATORS), True)
            )
    taken = chain[0].start() if found else -1
    for index, first in enumerate(lengths):
        for layout in _LAYOUTS_BY_FIRST.get(first, ()):
            if tuple(lengths[index : index + len(layout)]) != layout:
                continue
            start, end = chain[index].start(), chain[index + len(layout) - 1].end()
            digits = text[start:end].translate(_DROP_SEPARATORS)
            if start != taken and nik_shaped(digits) and not _not_a_nik_context(text, start, end, web):
                found.append((start, digits, False))
                taken = start
    return found


def refuse_personal_numbers(
    path: str, text: str, marked: str, marked_line: int | None, problems: ProblemList, kind: str = "berita"
) -> bool:
    """Record a problem for each NIK- or KK-shaped number of the file ``path`` (``text``); True when any.

    ``marked`` is the file's ``Bukan-NIK`` value (``bukan_nik`` of a profile), at ``marked_line``; ``kind``
    is ``berita``, ``halaman`` or ``profil``, for where the hint says to mark a document number.
    """
    allowed, bad = allowed_numbers(marked)
    label = f"`{PROFILE_KEY}`" if kind == "profil" else FIELD
    for item in bad:
        shown = _DIGITS.sub(lambda m: mask(m.group()) if len(m.group()) > 8 else m.group(), item)
        problems.add(
            path,
            f'Kolom {label} berisi "{shown}", bukan nomor 16 angka.',
            f"Tulis hanya nomor dokumen 16 angka yang bukan NIK atau nomor KK, persis seperti di teks; "
            f"beberapa nomor dipisah koma, misalnya `{label.strip('`')}: 1234 5678 9012 3456`.",
            marked_line,
        )
    found = find_personal_numbers(text, allowed)
    hint = (
        "Hapus nomor itu dari berkas. Bila itu nomor dokumen, bukan NIK atau nomor KK seseorang, tulis nomornya "
        f"di kolom `{label.strip('`')}:` {WHERE.get(kind, WHERE['berita'])}; peninjau akan memeriksanya."
    )
    for number in found[:MAX_REPORTED]:
        how = LABELLED if number.labelled else SHAPED
        problems.add(
            path,
            f"Angka {number.masked} {how}. NIK dan nomor KK adalah data pribadi warga yang dilindungi "
            "UU 27/2022 tentang Pelindungan Data Pribadi, jadi tidak boleh terbit.",
            hint,
            number.line,
        )
    if len(found) > MAX_REPORTED:
        problems.add(
            path,
            f"Masih ada {len(found) - MAX_REPORTED} angka lain berbentuk NIK atau nomor KK di berkas ini.",
            hint,
            found[MAX_REPORTED].line,
        )
    return bool(found or bad)


# Indonesian mobile numbers: 08xx, +628xx or 628xx, operator prefix 81-89, 9 to 12 digits after the 0 or 62.
_MOBILE = re.compile(
    r"(?<![\w+])(?:\(\+?62\)|\+62|62|0)[ .\-\u00a0]?(8[1-9](?:[ .\-\u00a0]?[0-9]){7,10})(?![0-9A-Za-z_]|[.\-][0-9])"
)


def mobile_numbers(text: str) -> list[str]:
    """Indonesian private mobile numbers in ``text``, as ``+628…`` (for stories that carry residents' words)."""
    return ["+62" + "".join(ch for ch in m.group(1) if ch.isdigit()) for m in _MOBILE.finditer(text)]


def is_private_mobile(written: str) -> bool:
    """True when ``written`` is exactly one Indonesian mobile number (``0812-3456-7890``, ``+62 812 3456 7890``)."""
    return _MOBILE.fullmatch(written.strip()) is not None
