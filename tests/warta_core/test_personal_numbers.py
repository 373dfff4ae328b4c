"""Residents' NIK and KK numbers are refused wherever a writer puts them; ordinary long numbers are not.

Cases are data, in ``tests/fixtures/personal_numbers/``. Each ``*.case`` (format in ``fixture_cases.py``)
is written into a tiny network: ``# Outcome: refused`` names the message (``# Expect``), the file
(``# File``, relative to ``content/``) and the line; ``# Outcome: accepted`` passes the check without a
single problem. ``snippets.txt`` holds one line of writer's text per row with the numbers
``find_personal_numbers`` must find in it (masked), or ``-`` for none. Every NIK-shaped number in the
fixtures has kabupaten code 99, which no kabupaten/kota has, so none is a resident's.

The rest: the exact message through the real ``kim periksa`` and the build refusing the same, no report
repeating a number whole, the guide explaining every message, linear scans of 1 MB hostile shapes, the
structure rules, the province codes against the repository's own data, and the mobile-number recogniser.
"""

from __future__ import annotations

import csv
import os
import re
import time
from pathlib import Path

import pytest
from support.fixture_cases import Case, load_case, unescape
from support.guide import guide_templates, template_regex
from support.kim_inprocess import kim
from support.site import DEMO_CONTENT, ROOT, TESTS, article, make_network

from warta_core import dates
from warta_core.metadata import DOCUMENTED_FIELDS, canonical_name
from warta_core.personal_numbers import (
    PROVINCE_CODES,
    find_personal_numbers,
    is_private_mobile,
    mask,
    mobile_numbers,
    nik_shaped,
)
from warta_core.profiles import PROFILE_KEYS
from warta_core.validation import check_network

FIXTURES = TESTS / "fixtures" / "personal_numbers"
CASES = sorted(FIXTURES.glob("*.case"))
OUTCOMES = {"refused", "accepted"}
KIM = "kim/kim-uji-bagelen"
NIK = "3299010101900001"  # kabupaten 99: no resident's number
MESSAGE = (
    "Angka 3299********0001 berbentuk NIK atau nomor KK. NIK dan nomor KK adalah data pribadi warga yang "
    "dilindungi UU 27/2022 tentang Pelindungan Data Pribadi, jadi tidak boleh terbit. Hapus nomor itu dari "
    "berkas. Bila itu nomor dokumen, bukan NIK atau nomor KK seseorang, tulis nomornya di kolom `Bukan-NIK:` "
    "di kepala berita; peninjau akan memeriksanya."
)
MEGABYTE = 1_000_000
GENEROUS_SECONDS = 10.0  # about a second on 2 shared cores; a quadratic scan of 1 MB would take hours


def snippets() -> list[tuple[str, str]]:
    rows = []
    for raw in (FIXTURES / "snippets.txt").read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            expected, text = raw.split(" | ", 1)
            rows.append((expected, unescape(text)))
    return rows


SNIPPETS = snippets()


@pytest.fixture(params=CASES, ids=[c.stem for c in CASES])
def case(request) -> Case:
    return load_case(request.param)


def test_every_case_declares_its_outcome() -> None:
    outcomes = [load_case(path).get("outcome") for path in CASES]
    assert outcomes.count("refused") >= 20 and outcomes.count("accepted") >= 5
    for path in CASES:
        case = load_case(path)
        assert case.get("case") and case.get("outcome") in OUTCOMES, path.name
        if case.get("outcome") == "refused":
            assert case.get("expect") and case.get("file") and case.line, path.name


def written_numbers(case: Case) -> set[str]:
    """The digits of every NIK-shaped number the case writes, marked or not."""
    texts = [text for text in case.files.values() if isinstance(text, str)]
    return {number.digits for text in texts for number in find_personal_numbers(text)}


def test_personal_number_case(case: Case, tmp_path: Path) -> None:
    content = make_network(tmp_path, case.files)
    result = check_network(content)
    report = "\n".join(p.format(str(tmp_path)) for p in result.problems.items)
    if case.get("outcome") == "accepted":
        assert not result.problems.items, f"{case.name}: the check refused a case meant to be accepted:\n{report}"
        return
    matching = [
        p
        for p in result.problems.errors
        if p.path == os.path.join(content, case.get("file")) and case.get("expect") in p.message
    ]
    assert matching, f"{case.name}: no error naming {case.get('file')} with {case.get('expect')!r}; got\n{report}"
    assert matching[0].line == case.line, report
    shown = re.sub(r"[^0-9\n]", "", report)  # digits as a log shows them, whatever separates them
    assert not any(digits in shown for digits in written_numbers(case)), f"{case.name}: a number shown whole"


@pytest.mark.parametrize(("expected", "text"), SNIPPETS, ids=[f"{i:02d}" for i in range(len(SNIPPETS))])
def test_snippet(expected: str, text: str) -> None:
    found = ", ".join(number.masked for number in find_personal_numbers(text)) or "-"
    assert found == expected, text


def test_kim_check_prints_the_exact_message_with_file_and_line(tmp_path: Path) -> None:
    """The real command: one line naming file and line, the number masked, and the build refusing alike."""
    path = f"{KIM}/2024/bansos.md"
    grouped = f"{NIK[:4]} {NIK[4:8]} {NIK[8:12]} {NIK[12:]}"
    text = article("Penyaluran Bantuan Beras") + f"\nPenerima pertama Ibu Sari, {grouped}.\n"
    content = make_network(tmp_path, {path: text})
    checked = kim("--konten", str(content), "check")
    assert checked.returncode == 1
    assert f"  content/{path}:7: {MESSAGE}\n" in checked.stderr
    assert NIK not in re.sub(r"[^0-9]", "", checked.stdout + checked.stderr)
    one_file = kim("--konten", str(content), "check", str(content / path))
    assert one_file.returncode == 1 and f"content/{path}:7: {MESSAGE}" in one_file.stderr
    built = kim("--konten", str(content), "build", "--output", str(tmp_path / "output"))
    assert built.returncode == 1
    assert f"content/{path}:7: {MESSAGE}" in built.stderr
    assert not (tmp_path / "output" / "index.html").exists()

    (content / path).write_text(text.replace("\n\n", f"\nBukan-NIK: {NIK}\n\n", 1), encoding="utf-8")
    assert kim("--konten", str(content), "check").returncode == 0


def test_the_guide_explains_every_message(tmp_path: Path) -> None:
    templates = guide_templates()
    files: dict[str, str | bytes] = {}
    for path in CASES:
        case = load_case(path)
        if case.get("outcome") == "refused" and "kim-uji-metro/kim.yml" not in case.files:
            files.update(case.files)
    files["kim/kim-uji-metro/kim.yml"] = load_case(FIXTURES / "refused-profile.case").files["kim/kim-uji-metro/kim.yml"]
    result = check_network(make_network(tmp_path, files))
    messages = {p.message for p in result.problems.errors if "NIK" in p.message}
    assert len(messages) > 10
    for message in messages:
        assert any(template_regex(t).fullmatch(message) for t in templates), f"/panduan/ does not explain {message!r}"


def test_the_marking_field_is_documented_everywhere_a_writer_looks() -> None:
    assert "Bukan-NIK" in DOCUMENTED_FIELDS and canonical_name("Bukan-NIK") == "not_personal"
    assert "bukan_nik" in PROFILE_KEYS
    guide = (ROOT / "content" / "pages" / "panduan.md").read_text(encoding="utf-8")
    assert "| Bukan-NIK | tidak |" in guide and "{#nik-dan-nomor-kk}" in guide


HOSTILE_MEGABYTE = {
    "digits": "1" * MEGABYTE,
    "spaced-digits": "1 " * (MEGABYTE // 2),
    "dotted-pairs": "12." * (MEGABYTE // 3),
    "groups-of-four": "1234 " * (MEGABYTE // 5),
    "niks": (NIK + " ") * (MEGABYTE // 17),
    "niks-one-chain": "NIK " + "1111 " * (MEGABYTE // 5),
    "labels": "NIK " * (MEGABYTE // 4),
    "labels-and-digits": "No. KK 1 " * (MEGABYTE // 9),
    "addresses": "https://a/" * (MEGABYTE // 10),
    "address-digits": "www." + "1" * MEGABYTE,
    "money": "Rp" * (MEGABYTE // 2),
    "mobile-openers": "0812-" * (MEGABYTE // 5),
    "country-codes": "+62 8" * (MEGABYTE // 5),
    "eights": "8" * MEGABYTE,
}


@pytest.mark.parametrize("name", sorted(HOSTILE_MEGABYTE))
def test_scans_a_megabyte_in_linear_time(name: str) -> None:
    text = HOSTILE_MEGABYTE[name]
    started = time.monotonic()
    find_personal_numbers(text)
    mobile_numbers(text)
    assert time.monotonic() - started < GENEROUS_SECONDS


@pytest.mark.parametrize(
    ("digits", "shaped"),
    [
        ("3299010101900001", True),
        ("3299014101900001", True),  # a woman: day + 40
        ("3299017112900001", True),  # 31 December + 40
        ("3299012902000001", True),  # 29 February: some year of that century had one
        ("3299013002000001", False),  # 30 February: none
        ("3299013104000001", False),  # 31 April
        ("3299010001900001", False),  # day 00
        ("3299013501900001", False),  # day 35: neither a man's nor a woman's
        ("3299017201900001", False),  # day 72 (32 + 40)
        ("3299010113900001", False),  # month 13
        ("3299010100900001", False),  # month 00
        ("3299010101900000", False),  # serial 0000
        ("3200010101900001", False),  # kabupaten/kota 00
        ("3299000101900001", False),  # kecamatan 00
        ("2099010101900001", False),  # province 20
        ("9899010101900001", False),  # province 98
        ("329901010190001", False),  # 15 digits
        ("32990101019000011", False),  # 17 digits
        ("３２９９０１０１０１９００００１", False),  # full-width digits are not what forms print
    ],
)
def test_structure(digits: str, shaped: bool) -> None:
    assert nik_shaped(digits) is shaped


def test_province_codes_are_the_repositorys_own() -> None:
    """Every province of the demo's region data, and every province with its own time zone, is a NIK prefix."""
    with open(DEMO_CONTENT / "_data" / "wilayah.csv", encoding="utf-8") as handle:
        provinces = {row["kode"] for row in csv.DictReader(handle) if len(row["kode"]) == 2}
    assert provinces and provinces <= PROVINCE_CODES
    assert dates._WITA_PROVINCES | dates._WIT_PROVINCES <= PROVINCE_CODES
    assert len(PROVINCE_CODES) == 39 and {"11", "21", "31", "51", "61", "71", "81", "91", "97"} <= PROVINCE_CODES


def test_mask_hides_all_but_the_ends() -> None:
    assert mask(NIK) == "3299********0001"
    assert mask("12345678") == "********"


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"),
        ("081234567890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("+62-812-3456-7890", "+6281234567890"),
        ("+6281234567890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("(+62) 812 3456 7890", "+6281234567890"),
        ("0895-1234-5678", "+6289512345678"),
        ("0811 123 456", "+62811123456"),  # an old 10-digit number
        ("0812-3456-78901", "+62812345678901"),  # the longest: 13 digits
    ],
)
def test_mobile_numbers_are_recognised(written: str, normalised: str) -> None:
    assert is_private_mobile(written)
    assert mobile_numbers(f"Hubungi Pak Darman di {written} setelah magrib.") == [normalised]


@pytest.mark.parametrize(
    "written",
    [
        "(0721) 123456",  # a landline of Bandar Lampung
        "021-5551234",
        "0721-123456",
        "0812345",  # too short
        "0812-3456-7890-12",  # too long
        "0802 3456 7890",  # no operator prefix 80
        "+1 812 3456 7890",
        "6381234567890",
        "08123456789012345",
        NIK,
        "Rp 812.345.678",
        "",
    ],
)
def test_other_numbers_are_not_mobile_numbers(written: str) -> None:
    assert not is_private_mobile(written)
    assert mobile_numbers(f"Nomor {written} tertulis.") == []
