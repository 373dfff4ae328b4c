"""The one fixture-header reader (``fixture_cases.read_header``) and the fixtures that depend on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.fixture_cases import load_case, read_header
from support.site import TESTS

FIXTURES = TESTS / "fixtures"


def test_hash_header_with_continuation_repeats_and_a_body() -> None:
    header = read_header(
        b"# Case: a hostile feed that\n#   goes on here\n\n# Expect-Titles: Satu\n# Expect-Titles: Dua\n"
        b"# Header: Content-Type: image/png\n#   \n# just a note\n---\n# Expect-Outcome: not a header line\n"
    )
    assert header.get("case") == "a hostile feed that goes on here"
    assert header.all("Expect-Titles") == ["Satu", "Dua"]
    assert header.get("header") == "Content-Type: image/png"
    assert "expect-outcome" not in header, "the header ends at the first line that is not a comment"
    assert header.get("missing", "bawaan") == "bawaan"


def test_comment_header_after_a_prolog_ignores_prose() -> None:
    header = read_header(
        b"\xef\xbb\xbf<?xml version='1.0'?>\n<!DOCTYPE html>\n<!--\nCase: an export\nKim: kim-uji\n"
        b"Times are +07:00 and stay local.\nExpect-present: a | b |  | c\n  and d\n-->\n<!-- Kim: later -->"
    )
    assert header.get("kim") == "kim-uji"
    assert header.split("expect-present") == ["a", "b", "c and d"]
    assert "times are +07" not in header.values and len(header.values) == 3


def test_a_comment_after_content_is_not_a_header() -> None:
    assert read_header(b"<rss><!-- Case: not a header --></rss>").values == {}
    assert read_header(b"Judul: bukan header\n# Case: tidak\n").values == {}


def data_driven_fixtures() -> list[Path]:
    return sorted(
        [*FIXTURES.glob("*/*.case"), *(FIXTURES / "partners" / "hostile").glob("*.case")]
        + [path for path in (FIXTURES / "import").iterdir() if path.suffix in (".xml", ".atom", ".html")]
    )


@pytest.mark.parametrize("path", data_driven_fixtures(), ids=lambda path: path.relative_to(FIXTURES).as_posix())
def test_every_fixture_says_what_it_is(path: Path) -> None:
    """A misspelt ``Case`` key would silently drop a fixture from its suite."""
    header = read_header(path)
    assert "case" in header or "helper" in header, f"{path}: no `Case:` (or `Helper:`) in its header"
    if path.parent in (FIXTURES / "validation", FIXTURES / "hostile"):
        case = load_case(path)
        assert case.files or case.links, f"{path}: no `--- path` section"
        assert case.get("file") or case.get("outcome") == "neutralised", f"{path}: which file must be named?"
