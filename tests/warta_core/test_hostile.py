"""Hostile content: every case is refused by `kim periksa` first, or neutralised in the output.

Cases are data: ``tests/fixtures/hostile/*.case`` (format in ``fixture_cases.py``).
``# Outcome: refused`` cases name the message (``# Expect``), the file
(``# File``, relative to ``content/``) and maybe the line; the build must then
refuse with the same report, never a traceback, and write no page.
``# Outcome: neutralised`` cases pass the check and the build, and no output
file may contain any ``# Absent`` text; the output never holds a symlink or a
file from outside the content folder. Names (``name-*``) and sources that would
share an output path (``collision-*``) are cases too; the last test proves the
check predicts the published paths with the build's own functions.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from support.fixture_cases import Case, load_case
from support.photo_samples import metadata_found
from support.site import TESTS, build_content, make_network

from warta_core.config_options import SettingsError
from warta_core.names import shown_name
from warta_core.problems import NetworkCheckFailed
from warta_core.published import DERIVED_NAME, published_image_path
from warta_core.validation import check_network

CASES = sorted((TESTS / "fixtures" / "hostile").glob("*.case"))
OUTCOMES = {"refused", "neutralised"}


@pytest.fixture(params=CASES, ids=[c.stem for c in CASES])
def case(request) -> Case:
    return load_case(request.param)


SECRET = "RAHASIA-JANGAN-TERBIT"  # in {root}/rahasia/kunci.txt: what an escaping path would publish


DERIVED_IMAGES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}


def write_case(tmp_path: Path, case: Case) -> Path:
    (tmp_path / "rahasia").mkdir()
    (tmp_path / "rahasia" / "kunci.txt").write_text(SECRET)
    content = make_network(tmp_path, case.files)
    case.write_links(tmp_path, content)
    return content


ROOT_ICONS = {"favicon.ico", "apple-touch-icon.png"}  # the theme's icons, copied to the site root


def vendored(relative: str) -> bool:
    """Our own bundled code (the theme, its icons, the editor's scripts and WebAssembly), not writers' content."""
    if relative.startswith("theme/") or relative in ROOT_ICONS:
        return True
    if relative.startswith("pagefind/"):  # the search index holds the pages' text; /cari/'s script shows it as text
        return True
    return relative.startswith("admin/") and not relative.endswith((".html", ".yml"))


def output_files(output: Path) -> list[Path]:
    found = [Path(folder) / name for folder, _dirs, files in os.walk(output) for name in files]
    return [path for path in found if not vendored(str(path.relative_to(output)))]


def assert_clean_output(case: Case, output: Path) -> None:
    absent = [text for text in case.get("absent").split(" || ") if text]
    for path in output_files(output):
        assert not path.is_symlink(), f"{case.name}: output holds a symlink {path}"
        data = path.read_bytes()
        if path.suffix in DERIVED_IMAGES:  # pixels re-encoded by warta_images: binary, so judged by what they carry
            assert metadata_found(data) == [], f"{case.name}: {path.relative_to(output)} keeps metadata"
            continue
        if path.suffix == ".xlsx":  # a zip: judged by the sheets' XML inside, not its compressed bytes
            with zipfile.ZipFile(path) as workbook:
                data = b"".join(workbook.read(name) for name in workbook.namelist())
        for text in absent:
            assert text.encode() not in data, f"{case.name}: {text!r} reached {path.relative_to(output)}"
    for folder, dirs, _files in os.walk(output):
        for name in dirs:
            assert not (Path(folder) / name).is_symlink(), f"{case.name}: output holds a symlinked folder"


def test_every_case_declares_its_outcome() -> None:
    assert len(CASES) >= 30
    for path in CASES:
        case = load_case(path)
        assert case.get("case"), path.name
        assert case.get("outcome") in OUTCOMES, path.name
        if case.get("outcome") == "refused":
            assert case.get("expect") and case.get("file"), path.name
        if case.get("outcome") == "neutralised":
            assert case.get("absent"), path.name


def test_hostile_case(case: Case, tmp_path: Path) -> None:
    content = write_case(tmp_path, case)
    outside = tmp_path / "outside-output"  # where an escaping {static} copy would land
    output = tmp_path / "site" / "output"
    result = check_network(content)
    outcome = case.get("outcome")
    report = "\n".join(p.format(str(tmp_path)) for p in result.problems.items)
    if outcome == "refused":
        expected = content / case.get("file") if case.get("file") else None
        matching = [
            p
            for p in result.problems.errors
            if (expected is None or p.path == str(expected)) and case.get("expect") in p.message + " " + p.hint
        ]
        assert matching, f"{case.name}: no error naming {case.get('file')} with {case.get('expect')!r}; got\n{report}"
        if case.line is not None:
            assert matching[0].line == case.line, report
        with pytest.raises((NetworkCheckFailed, SettingsError)):
            build_content(content, output)
        assert not (output / "index.html").exists()
    else:
        assert result.ok, f"{case.name}: the check refused a case meant to be neutralised:\n{report}"
        build_content(content, output)
        assert (output / "index.html").exists()
        assert_clean_output(case, output)
    assert not outside.exists()
    assert {p.name for p in tmp_path.iterdir()} <= {"content", "site", "outside-output", "rahasia"}


def test_refused_cases_give_no_traceback_through_kim(tmp_path: Path) -> None:
    """`kim periksa` and `kim bangun` print the Indonesian report for every refused case at once, never a traceback."""
    from support.kim_inprocess import kim

    files: dict[str, str | bytes] = {}
    cases = [load_case(path) for path in CASES]
    for case in cases:
        if case.get("outcome") == "refused" and not case.links:
            files.update(case.files)
    content = make_network(tmp_path, files)
    for command in (["check"], ["build", "--output", str(tmp_path / "out")]):
        result = kim("--konten", str(content), *command)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert "Pemeriksaan menemukan" in result.stderr


def test_check_predicts_the_paths_the_build_publishes(tmp_path: Path) -> None:
    """The check's model of published paths (``warta_core.published``) is what warta_images writes.

    No accepted image is at ``published_image_path`` (HEIC with ``.jpg`` added) any more (issue 27: the
    original is not published), and every image file in the output is a derived copy named ``<stem>-<key>-…``
    after one of them: so the collision rules of the check cover every path the build can write for a writer's
    image.
    """
    hostile = TESTS / "fixtures" / "hostile"
    files = dict(load_case(hostile / "collision-jpg-and-jpeg-both-published.case").files)
    files["kim/kim-uji-bagelen/gambar/kebun.heic"] = load_case(hostile / "collision-heic-and-heic-jpg.case").files[
        "kim/kim-uji-bagelen/gambar/kebun.heic"
    ]
    content = make_network(tmp_path, files)
    result = check_network(content)
    assert result.ok, [p.format() for p in result.problems.items]
    output = tmp_path / "site" / "output"
    build_content(content, output)
    sources = {
        os.path.relpath(path, content): published_image_path(os.path.relpath(path, content), kind)
        for path, kind in result.files.assets.items()
    }
    assert sources["kim/kim-uji-bagelen/gambar/kebun.heic"] == "kim/kim-uji-bagelen/gambar/kebun.heic.jpg"
    written = {path.name for path in (output / "kim" / "kim-uji-bagelen" / "gambar").iterdir()}
    assert not set(sources.values()) & {f"kim/kim-uji-bagelen/gambar/{name}" for name in written}
    stems = {Path(source).stem for source in sources}
    for name in written:
        match = DERIVED_NAME.fullmatch(name)
        assert match and match.group("stem") in stems, f"{name} is not a derived copy of a source"


def test_names_with_newlines_keep_one_line_per_problem_in_the_report(tmp_path: Path) -> None:
    """`kim periksa` and `kim bangun` print every problem on its own line, the name escaped (``\\n``), never split."""
    from support.kim_inprocess import kim

    named = [load_case(path) for path in CASES if path.stem.startswith("name-newline") or "folder-newline" in path.stem]
    assert len(named) >= 3
    files: dict[str, str | bytes] = {}
    for case in named:
        files.update(case.files)
    content = make_network(tmp_path, files)
    expected = {shown_name(f"content/{case.get('file')}") for case in named}
    for command in (["check"], ["build", "--output", str(tmp_path / "out")]):
        result = kim("--konten", str(content), *command)
        assert result.returncode == 1
        report = result.stderr[result.stderr.index("Pemeriksaan menemukan") :].splitlines()
        problems = report[1 : report.index(next(line for line in report if line.startswith("Perbaiki")))]
        assert all(line.startswith("  content/") for line in problems), "\n".join(problems)
        shown = {line.split(": ", 1)[0].strip() for line in problems}
        assert all(any(line.startswith(path) for line in shown) for path in expected), (expected, shown)
