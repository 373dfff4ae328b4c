"""The writer's guide (/panduan/) stays in sync with the checker.

The guide lists every check message as a template (a code span opening a list
item, "…" standing for what the writer wrote). Every message raised by the
validation fixtures must match one of them, every template must still be a
message the code can print, and the field table must list exactly the header
fields the reader documents, marking as required exactly those the check
requires.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from support.fixture_cases import load_case
from support.guide import template_regex
from support.site import ROOT, TESTS, article, make_network, soup
from test_validation import CASES

from warta_core.articles import STATUSES
from warta_core.metadata import DOCUMENTED_FIELDS
from warta_core.validation import check_network

# Hostile cases the check refuses are writers' mistakes too: their messages must be explained as well.
HOSTILE = sorted((TESTS / "fixtures" / "hostile").glob("*.case"))
REFUSED = [path for path in HOSTILE if load_case(path).get("outcome") == "refused"]

# Where the messages a writer can see are written.
MESSAGE_SOURCES = [
    *sorted((ROOT / "plugins" / "warta_core").glob("*.py")),
    *sorted((ROOT / "plugins" / "warta_network").glob("*.py")),
    ROOT / "cli" / "warta_cli" / "ownership.py",
    ROOT / "cli" / "warta_cli" / "unpublishing.py",
    ROOT / "cli" / "warta_cli" / "codeowners.py",
]


def section(page: BeautifulSoup, heading_id: str) -> list[Tag]:
    """Elements after the h2 with ``heading_id`` up to the next h2."""
    heading = page.find("h2", id=heading_id)
    assert heading is not None, f"/panduan/ has no section #{heading_id}"
    elements = []
    for element in heading.find_next_siblings():
        if element.name == "h2":
            break
        elements.append(element)
    return elements


@pytest.fixture(scope="module")
def guide(demo_output: Path) -> BeautifulSoup:
    return soup(demo_output / "panduan" / "index.html")


@pytest.fixture(scope="module")
def templates(guide: BeautifulSoup) -> list[str]:
    found = []
    for element in section(guide, "arti-pesan-pemeriksaan"):
        for item in element.find_all("li") if isinstance(element, Tag) else []:
            first = next((child for child in item.children if str(child).strip()), None)
            if isinstance(first, Tag) and first.name == "code":
                found.append(first.get_text())
    assert len(found) > 30, found
    return found


def code_templates() -> list[str]:
    """Every string literal in the message sources, f-string fields replaced by "…"."""
    found = []
    for path in MESSAGE_SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                parts = [v.value if isinstance(v, ast.Constant) else "…" for v in node.values]
                found.append("".join(str(part) for part in parts))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.append(node.value)
    # Literals with too little fixed text ("…", "… …") would match any template.
    return [text for text in found if len(text.replace("…", "").strip()) >= 8]


@pytest.mark.parametrize("path", CASES + REFUSED, ids=[c.stem for c in CASES + REFUSED])
def test_every_fixture_message_is_explained(path: Path, templates: list[str], tmp_path: Path) -> None:
    case = load_case(path)
    content = make_network(tmp_path, case.files)
    case.write_links(tmp_path, content)
    result = check_network(content)
    messages = [
        p.message
        for p in result.problems.errors
        if p.path == os.path.join(content, case.get("file")) and case.get("expect") in p.message + " " + p.hint
    ]
    assert messages, f"{case.name} raised nothing"
    for message in messages:
        assert any(template_regex(t).fullmatch(message) for t in templates), (
            f"/panduan/ does not explain {message!r} ({case.name}); add it to content/pages/panduan.md"
        )


def test_every_guide_template_is_a_message_of_the_code(templates: list[str]) -> None:
    literals = code_templates()
    stale = [t for t in templates if not any(template_regex(code).fullmatch(t) for code in literals)]
    assert not stale, f"/panduan/ explains messages the code no longer prints: {stale}"


def test_field_table_matches_the_reader(guide: BeautifulSoup, tmp_path: Path) -> None:
    table = next(e for e in section(guide, "kolom-kepala-berita") if e.name == "table")
    rows = [[cell.get_text(" ", strip=True) for cell in row.find_all("td")] for row in table.find_all("tr")[1:]]
    assert [row[0] for row in rows] == DOCUMENTED_FIELDS
    required = {row[0] for row in rows if row[1] == "wajib"}
    assert required == {"Judul", "Tanggal", "Topik"}
    assert next(row for row in rows if row[0] == "Deskripsi-Gambar")[1] == "wajib bila ada Gambar"
    status = next(row for row in rows if row[0] == "Status")[2]
    assert all(f"{word}" in status for word in STATUSES if word in ("terbit", "draf", "terjadwal"))

    # The check agrees: the three required fields alone pass, and each one missing fails.
    minimal = article("Berita Uji", "2024-03-05 09:30", "kesehatan")
    assert check_network(make_network(tmp_path / "lengkap", {"kim/kim-uji-bagelen/a.md": minimal})).ok
    for field in sorted(required):
        text = "".join(line + "\n" for line in minimal.splitlines() if not line.startswith(f"{field}:"))
        result = check_network(make_network(tmp_path / field, {"kim/kim-uji-bagelen/a.md": text}))
        assert any(f"{field} berita belum diisi." == p.message for p in result.problems.errors), field


def test_guide_covers_writing_submitting_and_checking(guide: BeautifulSoup, demo_output: Path) -> None:
    text = guide.get_text(" ", strip=True)
    for topic in ("5W+1H", "Kutipan warga", "persetujuan", "Deskripsi-Gambar", "klarifikasi hoaks", "Faktanya"):
        assert topic in text, topic
    headings = [h.get_text(strip=True) for h in guide.find_all(["h2", "h3"])]
    for heading in ("Lewat penyunting web (paling mudah)", "Lewat situs GitHub di ponsel", "Lewat git di komputer"):
        assert heading in headings
    for link in guide.select('a[href^="#"]'):
        assert guide.find(id=link["href"][1:]), f"the guide links to a missing anchor {link['href']}"
    assert guide.find("html")["lang"] == "id"
