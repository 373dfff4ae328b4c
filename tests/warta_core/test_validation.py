"""Every bad input fails `kim periksa` and the build with a message naming the file.

Cases are data: ``tests/fixtures/validation/*.case``. Each starts with
``# Case:``, ``# Expect:`` (text the message must contain), ``# File:`` (the
file it must name, relative to ``content/``) and optionally ``# Line:``,
``# Message:`` and ``# Hint:`` (the exact message and hint of that error, so a
suggestion or its absence is asserted; a long value continues on indented
``#`` lines, joined with one space), then
one or more ``--- <path>`` sections written into a copy of a small valid
network (format and options in ``fixture_cases.py``, shared with the hostile
suite). ``kim`` runs in-process for every case and once as a real subprocess.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from support.fixture_cases import Case, load_case
from support.kim_inprocess import kim
from support.site import TESTS, build_content, make_network, run_kim

from warta_core.problems import NetworkCheckFailed
from warta_core.validation import check_network

Runner = Callable[..., subprocess.CompletedProcess[str]]
CASES = sorted((TESTS / "fixtures" / "validation").glob("*.case"))


@pytest.fixture(params=CASES, ids=[c.stem for c in CASES])
def case(request) -> Case:
    return load_case(request.param)


def test_base_network_is_valid(tmp_path: Path) -> None:
    result = check_network(make_network(tmp_path))
    assert result.ok, [p.format() for p in result.problems.items]


def test_check_reports_case(case: Case, tmp_path: Path) -> None:
    content = make_network(tmp_path, case.files)
    result = check_network(content)
    assert not result.ok
    matching = [
        p
        for p in result.problems.errors
        if p.path == os.path.join(content, case.get("file")) and case.get("expect") in p.message + " " + p.hint
    ]
    assert matching, f"{case.name}: no error naming {case.get('file')} with {case.get('expect')!r}; got " + "\n".join(
        p.format(str(tmp_path)) for p in result.problems.items
    )
    if case.line is not None:
        assert matching[0].line == case.line
    # Exact text, when the case gives it: a suggestion (or its absence) is part of what is tested.
    if "message" in case.header:
        assert matching[0].message == case.get("message"), case.name
    if "hint" in case.header:
        assert matching[0].hint == case.get("hint"), case.name


def check_and_build_fail_naming_the_file(case: Case, tmp_path: Path, run: Runner = kim) -> None:
    """``kim periksa`` and ``kim bangun`` both exit 1, name the case's file and write no page."""
    content = make_network(tmp_path, case.files)
    checked = run("--konten", str(content), "check")
    assert checked.returncode == 1
    assert f"content/{case.get('file')}" in checked.stderr
    assert case.get("expect").split(".")[0] in checked.stderr
    built = run("--konten", str(content), "build", "--output", str(tmp_path / "output"))
    assert built.returncode == 1
    assert f"content/{case.get('file')}" in built.stderr
    assert not (tmp_path / "output" / "index.html").exists()


def test_make_check_and_build_fail_naming_the_file(case: Case, tmp_path: Path) -> None:
    check_and_build_fail_naming_the_file(case, tmp_path)


def test_the_real_command_fails_the_same_way(tmp_path: Path) -> None:
    """One case through ``python -m warta_cli.main`` in a subprocess: real exit codes and stderr."""
    missing_title = next(path for path in CASES if path.stem == "missing-title")
    check_and_build_fail_naming_the_file(load_case(missing_title), tmp_path, run=run_kim)


def test_build_raises_in_process_too(tmp_path: Path) -> None:
    """Running Pelican directly (not through `kim`) also refuses to build."""
    missing_title = next(path for path in CASES if path.stem == "missing-title")
    content = make_network(tmp_path, load_case(missing_title).files)
    with pytest.raises(NetworkCheckFailed) as failure:
        build_content(content, tmp_path / "output")
    assert "Judul berita belum diisi" in str(failure.value)


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {}
    for path in CASES:
        files.update(load_case(path).files)
    files.pop("kim/kim-uji-bagelen/2024/b/2024-03-06-panen-raya.md")  # keep one of each path family
    result = check_network(make_network(tmp_path, files))
    named = {os.path.relpath(p.path, tmp_path / "content") for p in result.problems.errors}
    expected = {load_case(path).get("file") for path in CASES} - {"kim/kim-uji-bagelen/2024/b/2024-03-06-panen-raya.md"}
    assert expected <= named


def test_unknown_field_far_from_every_field_is_only_a_warning_in_front_matter(tmp_path: Path) -> None:
    """Tools may add their own keys to YAML front matter; a typo of a field is refused (misspelt-field-* cases)."""
    text = "---\nJudul: Berita\nTanggal: 2024-03-05\nTopik: kesehatan\nlayout: berita\n---\n\nIsi.\n"
    result = check_network(make_network(tmp_path, {"kim/kim-uji-bagelen/2024/berita.md": text}))
    assert result.ok
    (warning,) = result.problems.warnings
    assert warning.message == 'Kolom "layout" tidak dikenal dan diabaikan.' and warning.line == 5


def test_two_date_only_articles_of_one_day_get_their_own_feed_ids(tmp_path: Path) -> None:
    """`Tanggal: 5 Maret 2024` twice in one KIM: each gets a time from its slug in the day's first hour."""
    files = {
        f"kim/kim-uji-bagelen/2024/{name}.md": f"Judul: {name}\nTanggal: 5 Maret 2024\nTopik: kesehatan\n\nIsi.\n"
        for name in ("pertama", "kedua")
    }
    result = check_network(make_network(tmp_path, files))
    assert result.ok, [p.format() for p in result.problems.items]
    first, second = sorted(result.articles.values(), key=lambda a: a.slug)
    assert first.feed_id != second.feed_id
    for article in (first, second):
        assert not article.timed and article.date.date() == dt.date(2024, 3, 5) and article.date.hour == 0
    again = check_network(make_network(tmp_path / "lagi", files))  # the same slug gives the same time, every build
    assert sorted(a.feed_id for a in again.articles.values()) == sorted((first.feed_id, second.feed_id))


def test_a_story_dated_today_without_a_time_is_published_in_the_days_first_hour(tmp_path: Path) -> None:
    """Its derived time may lie after "now" (00:00:01 WIB); the day, not that time, decides."""
    files = {f"kim/kim-uji-bagelen/2026/{name}.md": f"Judul: {name}\nTanggal: {day}\nTopik: kesehatan\n\nIsi.\n"
             for name, day in (("hari-ini", "7 Desember 2026"), ("besok", "8 Desember 2026"))}  # fmt: skip
    moment = dt.datetime(2026, 12, 7, 0, 0, 1, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    result = check_network(make_network(tmp_path, files), now=moment)
    assert [p.message for p in result.problems.errors] == [
        "Tanggal 2026-12-08 masih di masa depan, padahal status berita terbit."
    ]
    assert [a.slug for a in result.articles.values() if a.status == "published"] == ["hari-ini"]


def test_scheduled_article_waits_for_its_date(tmp_path: Path) -> None:
    soon = (dt.datetime.now() + dt.timedelta(days=200)).strftime("%Y-%m-%d")
    text = f"Judul: Nanti\nTanggal: {soon}\nTopik: kesehatan\nStatus: terjadwal\n\nIsi.\n"
    result = check_network(make_network(tmp_path, {"kim/kim-uji-bagelen/nanti/nanti.md": text}))
    assert result.ok
    (article,) = result.articles.values()
    assert article.status == "draft"
    assert article.scheduled


NETWORK_WITH_COVERAGE = """\
nama: Jaringan Uji
lisensi:
  nama: CC BY 4.0
  url: https://creativecommons.org/licenses/by/4.0/deed.id
domain_id: warta-kim.example.org
liputan_lintas_wilayah:
  kim-uji-bagelen: ["14.07"]   # a kabupaten
  kim-uji-metro: ["18"]        # a provinsi: every kabupaten/kota of Lampung
"""


def test_network_data_may_let_a_kim_cover_other_regions(tmp_path: Path) -> None:
    """`liputan_lintas_wilayah` in jaringan.yml (admins only) widens where a KIM's articles may tag desa."""
    files = {
        "_data/jaringan.yml": NETWORK_WITH_COVERAGE,
        "kim/kim-uji-bagelen/2024/riau.md": "Judul: Riau\nTanggal: 2024-03-05\nTopik: kesehatan\n"
        "Desa: 18.09.01.2007, 14.07.06.2001\n\nIsi.\n",
        "kim/kim-uji-metro/2024/pesawaran.md": "Judul: Pesawaran\nTanggal: 2024-03-05\nTopik: kesehatan\n"
        "Desa: 18.09.02.2003\n\nIsi.\n",
    }
    result = check_network(make_network(tmp_path, files))
    assert result.ok, [p.format() for p in result.problems.items]
    assert result.network.info.coverage == {"kim-uji-bagelen": ("14.07",), "kim-uji-metro": ("18",)}
    codes = {os.path.basename(path): [r.code for r in a.desa] for path, a in result.articles.items()}
    assert codes == {"riau.md": ["18.09.01.2007", "14.07.06.2001"], "pesawaran.md": ["18.09.02.2003"]}


def test_coverage_does_not_reach_beyond_what_is_allowed(tmp_path: Path) -> None:
    """Bagelen may cover Rokan Hilir, not all of Riau's other kabupaten, and names still resolve only at home."""
    files = {
        "_data/jaringan.yml": NETWORK_WITH_COVERAGE,
        "kim/kim-uji-metro/2024/riau.md": "Judul: Riau\nTanggal: 2024-03-05\nTopik: kesehatan\n"
        "Desa: 14.07.06.2001\n\nIsi.\n",
        "kim/kim-uji-bagelen/2024/nama.md": "Judul: Nama\nTanggal: 2024-03-05\nTopik: kesehatan\n"
        "Desa: Panipahan Laut\n\nIsi.\n",
    }
    result = check_network(make_network(tmp_path, files))
    messages = {os.path.basename(p.path): p.message for p in result.problems.errors}
    assert messages == {
        "riau.md": 'Desa "Panipahan" (14.07.06.2001) berada di Kabupaten Rokan Hilir, di luar Kota Metro tempat '
        "KIM Uji Metro berada.",
        "nama.md": 'Desa "Panipahan Laut" tidak ditemukan di Kabupaten Pesawaran.',
    }


def test_a_misspelt_network_key_is_a_warning_naming_the_right_one(tmp_path: Path) -> None:
    """A typo in `liputan_lintas_wilayah` would otherwise be ignored without a word."""
    text = NETWORK_WITH_COVERAGE.replace("liputan_lintas_wilayah:", "liputan_lintas_wilayh:")
    result = check_network(make_network(tmp_path, {"_data/jaringan.yml": text}))
    assert result.ok
    (warning,) = result.problems.warnings
    assert warning.message == 'Kolom "liputan_lintas_wilayh" di jaringan.yml tidak dikenal dan diabaikan.'
    assert warning.hint == 'Mungkin maksud Anda "liputan_lintas_wilayah"?' and warning.line == 6
    assert result.network.info.coverage == {}
