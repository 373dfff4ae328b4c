"""`kim kim-baru`: a KIM folder and profile whose desa is checked against the registry.

The demo registry has useful repeats: "Sidodadi" twice in Kabupaten
Pesawaran, "Karya Mukti" once in Rokan Hilir and once in Musi Banyuasin,
"Purwosari" a desa in Musi Banyuasin and a kelurahan in Kota Metro.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from support.kim_inprocess import kim
from support.site import DEMO_CONTENT, run_kim

from warta_core.problems import ProblemList
from warta_core.profiles import load_profile
from warta_core.regions import load_registry
from warta_core.validation import check_network


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, target)
    return target


def new_kim(content: Path, *args: str):
    return kim("--konten", str(content), "new-kim", *args)


def load(content: Path, slug: str):
    problems = ProblemList()
    registry = load_registry(str(content / "_data" / "wilayah.csv"), problems)
    profile = load_profile(str(content / "kim" / slug), registry, problems)
    assert not problems, [p.format() for p in problems.items]
    return profile


def test_by_code_with_every_option(content: Path) -> None:
    made = run_kim(
        *("--konten", str(content), "new-kim", "--nama", "KIM Gedung Tataan Maju", "--desa", "18.09.01.2006"),
        *("--ketua", "Rahmat Hidayat", "--telepon", "0812-0000-2001", "--email", "kim.gtm@example.org"),
        *("--pengelola", "rahmat-gtm", "--pengelola", "@lina-gtm"),
    )
    assert made.returncode == 0, made.stderr
    assert "KIM baru dibuat: content/kim/kim-gedung-tataan-maju/kim.yml" in made.stdout
    assert "Desa Gedung Tataan, Kecamatan Gedong Tataan, Kabupaten Pesawaran, Lampung (18.09.01.2006)" in made.stdout
    profile = load(content, "kim-gedung-tataan-maju")
    assert profile.name == "KIM Gedung Tataan Maju"
    assert profile.desa.code == "18.09.01.2006"
    assert profile.chair == "Rahmat Hidayat"
    assert profile.contact == {"telepon": "0812-0000-2001", "email": "kim.gtm@example.org"}
    assert profile.maintainers == ("rahmat-gtm", "lina-gtm")
    data = yaml.safe_load((content / "kim" / "kim-gedung-tataan-maju" / "kim.yml").read_text(encoding="utf-8"))
    assert data["desa"] == "18.09.01.2006"  # quoted: a string, never a float
    checked = run_kim("--konten", str(content), "check", "kim-gedung-tataan-maju")
    assert checked.returncode == 0, checked.stderr


def test_by_a_name_unique_in_the_registry(content: Path) -> None:
    made = new_kim(content, "--nama", "KIM Cahaya Bagelen", "--desa", "Desa Bagelen")
    assert made.returncode == 0, made.stderr
    assert load(content, "kim-cahaya-bagelen").desa.code == "18.09.01.2007"
    assert "Catatan: desa ini sudah punya KIM Bagelen Berdaya." in made.stdout
    assert check_network(content).ok


def test_by_a_name_unique_in_the_given_kabupaten(content: Path) -> None:
    by_code = new_kim(content, "--nama", "KIM Karya Mukti Riau", "--desa", "Karya Mukti", "--kabupaten", "14.07")
    assert by_code.returncode == 0, by_code.stderr
    assert load(content, "kim-karya-mukti-riau").desa.code == "14.07.04.2008"
    by_name = new_kim(content, "--nama", "KIM Purwosari Metro", "--desa", "Purwosari", "--kabupaten", "Metro")
    assert by_name.returncode == 0, by_name.stderr
    assert load(content, "kim-purwosari-metro").desa.code == "18.72.02.1002"


def test_slug_is_prefixed_and_can_be_given(content: Path) -> None:
    prefixed = new_kim(content, "--nama", "Kelompok Informasi Imopuro", "--desa", "18.72.01.1003")
    assert prefixed.returncode == 0, prefixed.stderr
    assert (content / "kim" / "kim-kelompok-informasi-imopuro" / "kim.yml").is_file()
    given = new_kim(content, "--nama", "KIM Yosomulyo", "--desa", "18.72.01.1005", "--slug", "kim-yoso")
    assert given.returncode == 0, given.stderr
    assert (content / "kim" / "kim-yoso" / "kim.yml").is_file()


REFUSALS = [
    (
        ("--nama", "KIM Baru", "--desa", "Sidodadi"),
        'Nama desa "Sidodadi" ada lebih dari satu di daftar wilayah jaringan: 18.09.04.2003 (Desa Sidodadi, '
        "Kecamatan Way Lima, Kabupaten Pesawaran, Lampung); 18.09.10.2007",
    ),
    (
        ("--nama", "KIM Baru", "--desa", "Sidodadi", "--kabupaten", "Pesawaran"),
        'Nama desa "Sidodadi" ada lebih dari satu di Kabupaten Pesawaran',
    ),
    (
        ("--nama", "KIM Baru", "--desa", "Bageln", "--kabupaten", "18.09"),
        'Desa "Bageln" tidak ditemukan di Kabupaten Pesawaran. Mungkin maksud Anda "Bagelen" (18.09.01.2007)?',
    ),
    (("--nama", "KIM Baru", "--desa", "18.09.01"), 'Kode "18.09.01" adalah Kecamatan Gedong Tataan, bukan desa'),
    (("--nama", "KIM Baru", "--desa", "18.09.01.9999"), 'Kode desa "18.09.01.9999" tidak ada di daftar wilayah'),
    (
        ("--nama", "KIM Baru", "--desa", "18.09.01.2007", "--kabupaten", "18.72"),
        "Desa 18.09.01.2007 (Desa Bagelen) tidak berada di Kota Metro.",
    ),
    (
        ("--nama", "KIM Baru", "--desa", "Bagelen", "--kabupaten", "19.01"),
        'Kode "19.01" bukan kabupaten/kota di daftar wilayah jaringan. Yang tersedia: 14.07 Kabupaten Rokan Hilir',
    ),
    (
        ("--nama", "KIM Baru", "--desa", "Bagelen", "--kabupaten", "Lampung Timur"),
        'Kabupaten/kota "Lampung Timur" tidak ada di daftar wilayah jaringan.',
    ),
    (("--nama", "KIM Baru", "--desa", "Bagelen", "--slug", "KIM_Baru"), 'Nama folder "KIM_Baru" tidak sah.'),
    (
        ("--nama", "KIM Baru", "--desa", "Bagelen", "--slug", "kim-bagelen-berdaya"),
        "Folder kim-bagelen-berdaya sudah ada di content/kim/ dan tidak ditimpa.",
    ),
    (
        ("--nama", "kim bagelen berdaya", "--desa", "Bagelen"),
        'Nama "kim bagelen berdaya" sudah dipakai kim-bagelen-berdaya.',
    ),
    (
        ("--nama", "KIM Baru", "--desa", "Bagelen", "--pengelola", "nama dengan spasi"),
        "Nama pengguna pengelola tidak sah: nama dengan spasi.",
    ),
    (("--nama", "  ", "--desa", "Bagelen"), "Nama KIM kosong."),
    (("--nama", "!!!", "--desa", "Bagelen"), "Nama folder tidak bisa dibuat dari nama KIM itu."),
]


@pytest.mark.parametrize(
    ("args", "expected"),
    REFUSALS,
    ids=[
        "ambiguous-name",
        "ambiguous-in-kabupaten",
        "name-not-found",
        "code-not-a-desa",
        "code-not-in-registry",
        "desa-outside-kabupaten",
        "unknown-kabupaten-code",
        "unknown-kabupaten-name",
        "bad-slug",
        "folder-exists",
        "name-taken",
        "bad-username",
        "empty-name",
        "name-without-letters",
    ],
)
def test_refusals_explain_and_write_nothing(content: Path, args: tuple[str, ...], expected: str) -> None:
    before = sorted(content.rglob("*"))
    made = new_kim(content, *args)
    assert made.returncode == 1
    assert made.stderr.startswith("KIM tidak dibuat: ")
    assert expected in made.stderr
    assert sorted(content.rglob("*")) == before


def test_missing_content_folder_is_refused(tmp_path: Path) -> None:
    made = kim("--konten", str(tmp_path / "tidak-ada"), "new-kim", "--nama", "KIM X", "--desa", "18.09.01.2007")
    assert made.returncode == 1
    assert "tidak ditemukan" in made.stderr
