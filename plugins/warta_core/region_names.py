"""Region names as they are written on signs, from the upper-case lists of official data.

Official lists (Kemendagri, and the ``idn-area-data`` package built from them)
often write every name in capitals: ``KABUPATEN PRINGSEWU``, ``WAY JEPARA II``.
``kim impor-wilayah`` turns them into the spelling of ``wilayah.csv``, the one
readers see on the portal. Rules, stated where they live:

- Each word starts with a capital and goes on in small letters
  (``GUNUNG SUGIH`` -> ``Gunung Sugih``); a name already written in mixed case
  keeps its letters (someone spelt it on purpose), only its prefix is tidied.
- Roman numerals stay capitals (``Suka Maju III``), and so do the few
  acronyms used in official names (``DKI Jakarta``, ``UPT``, ``SP``).
- ``dan`` inside a name is small (``Pangkajene dan Kepulauan``).
- After a hyphen a new word starts with a capital (``Tanjungkarang-Barat``),
  but a repeated word does not (``Siarang-arang``, ``Sungaipanji-panji``),
  as the Kemendagri lists write them. After an apostrophe the word goes on in
  small letters (``Ma'rang``).
- The level's prefix follows the file's convention: a kabupaten/kota always
  starts with ``Kabupaten`` or ``Kota`` (abbreviations ``KAB.``, ``KOTA ADM.``
  written out; added from the code when missing: a code part of 71 or more is
  a kota); a provinsi, kecamatan, desa or kelurahan has no prefix, since the
  pages add "Kecamatan", "Desa" or "Kelurahan" themselves (``PROV.``,
  ``KEC.``, ``KECAMATAN``, ``KEL.``, ``KELURAHAN``, ``DS.`` are dropped). A
  whole word ``Desa`` is kept: some villages are called ``Desa Baru``.
"""

from __future__ import annotations

import re

ROMAN_NUMERAL = re.compile(r"^(?=[IVX])X{0,3}(IX|IV|V?I{0,3})$")
ACRONYMS = frozenset({"DKI", "DIY", "NTB", "NTT", "UPT", "SP"})
SMALL_WORDS = frozenset({"dan"})
FIRST_KOTA_NUMBER = 71  # kabupaten/kota codes: 01-70 kabupaten, 71 and above kota

_PREFIXES: dict[int, list[tuple[re.Pattern[str], str]]] = {
    1: [(re.compile(r"^(provinsi|prov\.?)\s+", re.IGNORECASE), "")],
    2: [
        (re.compile(r"^(kabupaten|kab\.?)\s+(administrasi|adm\.?)\s+", re.IGNORECASE), "Kabupaten Administrasi "),
        (re.compile(r"^kota\s+(administrasi|adm\.?)\s+", re.IGNORECASE), "Kota Administrasi "),
        (re.compile(r"^(kabupaten|kab\.?)\s+", re.IGNORECASE), "Kabupaten "),
        (re.compile(r"^kota\s+", re.IGNORECASE), "Kota "),
    ],
    3: [(re.compile(r"^(kecamatan|kec\.?)\s+", re.IGNORECASE), "")],
    4: [(re.compile(r"^(kelurahan\s+|kel\.\s*|ds\.\s*)", re.IGNORECASE), "")],
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _is_mixed_case(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return any(c.isupper() for c in letters) and any(c.islower() for c in letters)


def _cased_word(word: str, previous: str, separator: str, first: bool) -> str:
    """One run of letters, given the run before it and what stands between them."""
    upper = word.upper()
    if ROMAN_NUMERAL.match(upper) or upper in ACRONYMS:
        return upper
    lower = word.lower()
    if separator in ("'", "\u2019"):
        return lower  # Ma'rang: the apostrophe marks a glottal stop inside one word
    if separator == "-" and previous and previous.lower().endswith(lower):
        return lower  # Siarang-arang: a repeated word
    if not first and separator.isspace() and lower in SMALL_WORDS:
        return lower
    return lower[:1].upper() + lower[1:]


def _title_case(text: str) -> str:
    parts: list[str] = []
    position = 0
    previous = ""
    for match in _WORD.finditer(text):
        separator = text[position : match.start()]
        parts.append(separator)
        parts.append(_cased_word(match.group(), previous, separator[-1:] if separator else "", not previous))
        previous = match.group()
        position = match.end()
    parts.append(text[position:])
    return "".join(parts)


def sign_spelling(code: str, name: str) -> str:
    """``name`` of the region ``code`` as written on signs and in ``wilayah.csv`` (see the module docstring)."""
    level = code.count(".") + 1
    text = " ".join(name.split())
    prefix = ""
    for pattern, replacement in _PREFIXES.get(level, []):
        if pattern.match(text):
            prefix, text = replacement, pattern.sub("", text, count=1)
            break
    if not _is_mixed_case(text):
        text = _title_case(text)
        if level == 1:
            text = re.sub(r"^Di ", "DI ", text)  # DI Yogyakarta (Daerah Istimewa)
    if level == 2 and not prefix and not re.match(r"^(Kabupaten|Kota) ", text):
        prefix = "Kota " if int(code.split(".")[1]) >= FIRST_KOTA_NUMBER else "Kabupaten "
    return prefix + text
