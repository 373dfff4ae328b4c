"""One language on the command line: Indonesian names first, the English ones kept working as aliases."""

from __future__ import annotations

import pytest

from warta_cli.main import make_parser

RENAMED = {
    "periksa": "check", "bangun": "build", "ambil": "fetch", "terbitkan": "publish", "impor-wilayah": "import-wilayah",
    "berita-baru": "new-article", "kim-baru": "new-kim", "pratinjau": "preview", "sajikan": "serve", "impor": "import",
}  # fmt: skip


@pytest.mark.parametrize(("name", "alias"), sorted(RENAMED.items()))
def test_the_english_name_runs_the_same_command(name: str, alias: str) -> None:
    parser = make_parser()
    needs = {"berita-baru": ["--kim", "k", "--judul", "J"], "kim-baru": ["--nama", "N", "--desa", "D"]}
    needs |= {"impor": ["arsip.xml", "--kim", "k", "--topik", "t"], "impor-wilayah": ["w.csv", "--kode", "18"]}
    extra = needs.get(name, [])
    try:
        first, second = parser.parse_args([name, *extra]), parser.parse_args([alias, *extra])
    except SystemExit as stop:  # a command whose required arguments differ: the test must say so
        pytest.fail(f"kim {name}: add its required arguments to this test ({stop})")
    assert first.run is second.run


def test_help_lists_the_indonesian_names_with_their_aliases() -> None:
    text = make_parser().format_help()
    for name, alias in RENAMED.items():
        assert f"{name} ({alias})" in text


@pytest.mark.parametrize(
    ("arguments", "dest", "value"),
    [
        (["periksa", "--oleh", "siti", "--dasar", "origin/main"], "changed_by", "siti"),
        (["check", "--changed-by", "siti", "--base", "origin/main"], "base", "origin/main"),
        (["bangun", "--keluaran", "hasil"], "output", "hasil"),
        (["build", "--output", "hasil"], "output", "hasil"),
        (["terbitkan", "--tujuan", "asal"], "remote", "asal"),
        (["publish", "--remote", "asal"], "remote", "asal"),
        (["codeowners", "--periksa"], "check", True),
        (["codeowners", "--check"], "check", True),
    ],
)
def test_options_have_indonesian_names_and_keep_english_ones(arguments: list[str], dest: str, value: object) -> None:
    assert getattr(make_parser().parse_args(arguments), dest) == value
