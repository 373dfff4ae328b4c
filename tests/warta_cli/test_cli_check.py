"""`kim periksa [PATH…]`: the whole network is checked, the report is restricted to what was asked.

Runs the real command on a copy of the demo network with deliberately broken
files in two KIMs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.kim_inprocess import kim
from support.site import DEMO_CONTENT, run_kim

BAGELEN = "kim/kim-bagelen-berdaya"
METRO = "kim/kim-metro-berseri"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the demo network."""
    target = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, target)
    return target


def write(content: Path, relative: str, text: str) -> Path:
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def break_two_kims(content: Path) -> tuple[Path, Path]:
    bagelen = write(
        content,
        f"{BAGELEN}/2024/2024-05-01-topik-salah.md",
        "Judul: A\nTanggal: 2024-05-01\nTopik: pertanain\n\nIsi.\n",
    )
    metro = write(content, f"{METRO}/2024/2024-05-02-tanpa-judul.md", "Tanggal: 2024-05-02\nTopik: kesehatan\n\nIsi.\n")
    return bagelen, metro


def test_demo_passes_and_reports_counts(content: Path) -> None:
    checked = kim("--konten", str(content), "check")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("Semua baik:")
    kims = sum(1 for p in (content / "kim").iterdir() if p.is_dir())
    assert f"dari {kims} KIM" in checked.stdout


def test_whole_network_reports_every_kim(content: Path) -> None:
    break_two_kims(content)
    checked = run_kim("--konten", str(content), "check")
    assert checked.returncode == 1
    assert '2024-05-01-topik-salah.md:3: Topik "pertanain" tidak dikenal' in checked.stderr
    assert "2024-05-02-tanpa-judul.md:1: Judul berita belum diisi" in checked.stderr


def test_a_file_reports_only_that_file(content: Path) -> None:
    bagelen, _metro = break_two_kims(content)
    checked = run_kim("--konten", str(content), "check", str(bagelen))
    assert checked.returncode == 1
    assert "topik-salah.md" in checked.stderr
    assert "tanpa-judul.md" not in checked.stderr
    assert "1 masalah di 1 berkas" in checked.stderr


def test_other_kims_problems_do_not_fail_a_good_file(content: Path) -> None:
    break_two_kims(content)
    good = next((content / BAGELEN).rglob("2020-*.md"))
    checked = kim("--konten", str(content), "check", str(good))
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("Semua baik: 1 berita di content/kim/kim-bagelen-berdaya/2020/")
    assert "diperiksa bersama seluruh jaringan" in checked.stdout


def test_a_kim_folder_by_path_or_by_name(content: Path) -> None:
    break_two_kims(content)
    for target in (str(content / METRO), "kim-metro-berseri"):
        checked = kim("--konten", str(content), "check", target)
        assert checked.returncode == 1
        assert "tanpa-judul.md" in checked.stderr
        assert "topik-salah.md" not in checked.stderr


def test_several_targets_are_combined(content: Path) -> None:
    bagelen, metro = break_two_kims(content)
    checked = kim("--konten", str(content), "check", str(bagelen), str(metro))
    assert checked.returncode == 1
    assert "2 masalah di 2 berkas" in checked.stderr


def test_network_data_problems_are_always_shown(content: Path) -> None:
    topics = content / "_data" / "topik.yml"
    topics.write_text(topics.read_text(encoding="utf-8") + "- slug: Salah Slug\n  label: X\n", encoding="utf-8")
    checked = kim("--konten", str(content), "check", "kim-bagelen-berdaya")
    assert checked.returncode == 1
    assert "content/_data/topik.yml" in checked.stderr


def test_the_kims_profile_is_shown_with_its_articles(content: Path) -> None:
    profile = content / METRO / "kim.yml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("desa:", "desaa:"), encoding="utf-8")
    article = next((content / METRO).rglob("*.md"))
    checked = kim("--konten", str(content), "check", str(article))
    assert checked.returncode == 1
    assert "content/kim/kim-metro-berseri/kim.yml" in checked.stderr
    assert 'Kolom `desaa` tidak dikenal di profil KIM. Mungkin maksud Anda "desa"?' in checked.stderr
    other = kim("--konten", str(content), "check", "kim-bagelen-berdaya")
    assert other.returncode == 0, other.stderr


def test_warnings_alone_do_not_fail(content: Path) -> None:
    note = write(
        content,
        f"{BAGELEN}/2024/2024-05-03-catatan.md",
        "---\nJudul: A\nTanggal: 2024-05-03\nTopik: budaya\nlayout: berita\n---\n\nIsi.\n",  # a tool's own key
    )
    checked = kim("--konten", str(content), "check", str(note))
    assert checked.returncode == 0
    assert "(peringatan)" in checked.stderr


def test_unknown_target_is_refused_with_a_suggestion(content: Path) -> None:
    checked = kim("--konten", str(content), "check", "kim-bagelen")
    assert checked.returncode == 2
    assert "'kim-bagelen' tidak ditemukan" in checked.stderr
    assert 'Mungkin maksud Anda "kim-bagelen-berdaya"?' in checked.stderr


def test_target_outside_the_content_folder_is_refused(content: Path, tmp_path: Path) -> None:
    elsewhere = write(tmp_path, "lain/berita.md", "Judul: A\n")
    checked = kim("--konten", str(content), "check", str(elsewhere))
    assert checked.returncode == 2
    assert "berada di luar folder konten" in checked.stderr


def test_missing_content_folder_is_refused(tmp_path: Path) -> None:
    checked = kim("--konten", str(tmp_path / "tidak-ada"), "check")
    assert checked.returncode == 2
    assert "tidak ditemukan" in checked.stderr


@pytest.mark.slow
def test_ten_thousand_articles_are_all_checked(content: Path) -> None:
    """10,000 stories more: every one is read and counted. Its time is `make bench`'s `check_s`, not asserted here
    (a wall-clock limit fails on a busy shared machine: 5.2 s against 5 s while another job ran)."""
    kims = sorted(p.name for p in (content / "kim").iterdir() if p.is_dir())
    demo_articles = len(list((content / "kim").rglob("*.md")))
    body = "Warga berkumpul di balai desa untuk membahas rencana kerja. " * 40
    for number in range(10_000):
        kim = kims[number % len(kims)]
        year, day = 2000 + number % 20, 1 + number % 28
        minute = number // len(kims)  # unique time per KIM: no two articles share a feed id
        stamp = f"{year}-01-{day:02d} {minute // 60 % 24:02d}:{minute % 60:02d}"
        path = content / "kim" / kim / str(year) / f"{year}-01-{day:02d}-uji-{number}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Judul: Uji {number}\nTanggal: {stamp}\nTopik: kesehatan\n\n{body}\n", encoding="utf-8")
    checked = run_kim("--konten", str(content), "check")
    assert checked.returncode == 0, checked.stderr[-2000:]
    assert f"{demo_articles + 10_000} berita" in checked.stdout
