"""`kim berita-baru`: a dated draft in the KIM's folder that passes `kim periksa` as it is.

Runs on a copy of the demo network. The guide written into the file is an
HTML comment; a build proves it never reaches the article page, the listing
summary or the feeds.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from support.kim_inprocess import kim
from support.site import DEMO_CONTENT, build_content, run_kim

from warta_core.dates import WIB
from warta_core.metadata import DOCUMENTED_FIELDS, parse_header
from warta_core.validation import check_network

KIM = "kim-bagelen-berdaya"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, target)
    return target


def created_path(stdout: str, content: Path) -> Path:
    match = re.search(r"Berita baru dibuat: (\S+)", stdout)
    assert match, stdout
    return content.parent / match.group(1)


def new_article(content: Path, *args: str):
    return kim("--konten", str(content), "new-article", *args)


def test_creates_a_dated_draft_that_passes_the_check(content: Path) -> None:
    before = dt.datetime.now(WIB).replace(second=0, microsecond=0, tzinfo=None)
    made = run_kim(
        "--konten", str(content), "new-article", "--kim", KIM, "--title", "Warga Bagelen Tanam 500 Bibit Kakao"
    )
    assert made.returncode == 0, made.stderr
    path = created_path(made.stdout, content)
    header = parse_header(path.read_text(encoding="utf-8"))
    when = dt.datetime.strptime(header.value("date"), "%Y-%m-%d %H:%M")
    assert before <= when <= before + dt.timedelta(minutes=2)
    assert path.relative_to(content).as_posix() == (
        f"kim/{KIM}/{when:%Y}/{when:%Y-%m-%d}-warga-bagelen-tanam-500-bibit-kakao.md"
    )
    assert header.value("title") == "Warga Bagelen Tanam 500 Bibit Kakao"
    assert header.value("status") == "draf"
    assert header.value("desa") == "18.09.01.2007"
    assert header.value("topics") == "pemerintahan"  # the first topic, announced as temporary
    assert "Topik sementara diisi pemerintahan" in made.stdout
    assert "Statusnya draf" in made.stdout
    checked = run_kim("--konten", str(content), "check", str(path))
    assert checked.returncode == 0, checked.stderr
    assert "(peringatan)" not in checked.stderr
    result = check_network(content)
    assert result.articles[str(path)].status == "draft"


def test_every_documented_field_is_filled_or_explained(content: Path) -> None:
    made = new_article(content, "--kim", KIM, "--judul", "Rapat Musyawarah Dusun")
    text = created_path(made.stdout, content).read_text(encoding="utf-8")
    header = parse_header(text)
    comment = re.search(r"<!--(.*?)-->", header.body, re.DOTALL)
    assert comment, "the guide must be an HTML comment after the header"
    assert "--" not in comment.group(1)  # not allowed inside an HTML comment
    for name in DOCUMENTED_FIELDS:
        written = re.search(rf"^{re.escape(name)}:", text, re.MULTILINE)
        explained = re.search(rf"^\* {re.escape(name)}: \S", comment.group(1), re.MULTILINE)
        assert written or explained, f"{name} is neither in the header nor explained"
        assert explained, f"{name} has no explanation"
    assert header.body.strip().endswith("-->"), "nothing but the guide in the body"
    assert not header.unknown and not header.duplicates


def test_options_fill_the_header(content: Path) -> None:
    made = new_article(
        content,
        *("--kim", KIM, "--judul", "Panen Kakao", "--topik", "pertanian, Ekonomi & UMKM", "--topik", "pertanian"),
        *("--tanggal", "Rabu (20/11/2019) 09:15", "--penulis", "Bayu Prasetyo", "--slug", "panen-kakao-2019"),
    )
    assert made.returncode == 0, made.stderr
    path = created_path(made.stdout, content)
    assert path.name == "2019-11-20-panen-kakao-2019.md"
    header = parse_header(path.read_text(encoding="utf-8"))
    assert header.value("topics") == "pertanian, ekonomi-umkm"
    assert header.value("date") == "2019-11-20 09:15"
    assert header.value("author") == "Bayu Prasetyo"
    assert "Topik sementara" not in made.stdout


def test_same_minute_in_one_kim_gets_the_next_free_minute(content: Path) -> None:
    first = new_article(content, "--kim", KIM, "--judul", "Satu", "--tanggal", "2024-06-01 10:00")
    second = new_article(content, "--kim", KIM, "--judul", "Dua", "--tanggal", "2024-06-01 10:00")
    times = [parse_header(created_path(r.stdout, content).read_text()).value("date") for r in (first, second)]
    assert times == ["2024-06-01 10:00", "2024-06-01 10:01"]
    assert check_network(content).ok


def test_guide_never_reaches_the_portal(content: Path, tmp_path: Path) -> None:
    made = new_article(content, "--kim", KIM, "--judul", "Lomba Kebersihan Dusun", "--tanggal", "2024-06-02 08:00")
    path = created_path(made.stdout, content)
    text = path.read_text(encoding="utf-8").replace("Status: draf", "Status: terbit")
    path.write_text(text + "\nWarga lima dusun membersihkan saluran air bersama.\n", encoding="utf-8")
    output = tmp_path / "output"
    build_content(content, output)
    page = output / "kim" / KIM / "lomba-kebersihan-dusun" / "index.html"
    assert "Warga lima dusun membersihkan saluran air" in page.read_text(encoding="utf-8")
    for built in output.rglob("*"):
        if built.suffix in (".html", ".xml", ".json"):
            assert "PETUNJUK" not in built.read_text(encoding="utf-8"), built


def test_unknown_kim_is_refused_with_the_closest(content: Path) -> None:
    made = new_article(content, "--kim", "kim-bagelen", "--judul", "X")
    assert made.returncode == 1
    assert 'KIM "kim-bagelen" tidak ada di jaringan. Mungkin maksud Anda "kim-bagelen-berdaya"?' in made.stderr
    assert "Berita tidak dibuat" in made.stderr


def test_kim_named_by_its_display_name_is_suggested(content: Path) -> None:
    made = new_article(content, "--kim", "KIM Metro Berseri", "--judul", "X")
    assert made.returncode == 1
    assert 'Mungkin maksud Anda "kim-metro-berseri"?' in made.stderr


def test_kim_with_a_broken_profile_is_refused(content: Path) -> None:
    profile = content / "kim" / KIM / "kim.yml"
    profile.write_text(profile.read_text(encoding="utf-8").replace('desa: "18.09.01.2007"', 'desa: "99.99"'))
    made = new_article(content, "--kim", KIM, "--judul", "X")
    assert made.returncode == 1
    assert f'Profil KIM "{KIM}" masih bermasalah' in made.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--judul", "X", "--topik", "kesehatn"), 'Topik "kesehatn" tidak dikenal. Mungkin maksud Anda "kesehatan"?'),
        (("--judul", "X", "--tanggal", "31 Februari 2024"), 'Tanggal "31 Februari 2024" tidak bisa dibaca.'),
        (("--judul", "   "), "Judul berita kosong"),
        (("--judul", "!!!"), "Alamat berita tidak bisa dibuat dari judul itu"),
        (("--judul", "X", "--slug", "—"), "Alamat berita tidak bisa dibuat dari judul itu"),
    ],
    ids=["unknown-topic", "bad-date", "empty-title", "title-without-letters", "empty-slug"],
)
def test_bad_input_is_refused_and_nothing_is_written(content: Path, args: tuple[str, ...], expected: str) -> None:
    before = sorted(content.rglob("*"))
    made = new_article(content, "--kim", KIM, *args)
    assert made.returncode == 1
    assert expected in made.stderr
    assert sorted(content.rglob("*")) == before


def test_a_used_slug_is_refused_with_a_free_one(content: Path) -> None:
    existing = next((content / "kim" / KIM).rglob("2020-*.md"))
    slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", existing.stem)
    made = new_article(content, "--kim", KIM, "--judul", "Apa Saja", "--slug", slug)
    assert made.returncode == 1
    assert f'Alamat "{slug}" sudah dipakai berita lain di KIM Bagelen Berdaya' in made.stderr
    assert f"--slug {slug}-2" in made.stderr


def test_missing_content_folder_is_refused(tmp_path: Path) -> None:
    made = kim("--konten", str(tmp_path / "tidak-ada"), "new-article", "--kim", KIM, "--judul", "X")
    assert made.returncode == 1
    assert "tidak ditemukan" in made.stderr
