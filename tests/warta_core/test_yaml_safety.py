"""Every YAML file goes through one loader that refuses, never raises, and stays fast.

The hostile cases a writer can bring (``tests/fixtures/hostile/yaml-*.case``)
are checked here with ``kim periksa`` only; the shared hostile suite builds them
too. The rest are the bounds themselves (each shown to hold just below the
limit and fail just above it), the callers that bypassed the loader before
(ownership, partners) and a seeded mutation run proving nothing but a
Problem comes out of the loader.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import time
from pathlib import Path

import pytest
from support.site import KIM_BAGELEN, TESTS, make_network

from warta_cli.ownership import maintainers_at, teams_at
from warta_core.metadata import parse_header
from warta_core.problems import ProblemList
from warta_core.validation import check_network
from warta_core.yamlfile import (
    MAX_DATA_BYTES,
    MAX_DEPTH,
    MAX_FRONT_MATTER_BYTES,
    YamlProblem,
    load_yaml,
    load_yaml_text,
    parse_yaml,
)
from warta_partners.config import load_partner_config

HOSTILE = sorted((TESTS / "fixtures" / "hostile").glob("yaml-*.case"))


def billion_laughs(levels: int = 9) -> str:
    """The classic alias bomb: 9 levels of 9 aliases each expand to 9**9 (387 million) strings."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        name, previous = chr(97 + level), chr(96 + level)
        lines.append(f"{name}: &{name} [{','.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


def load_hostile(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Header and files of a hostile case; ``(repeat N)`` writes the section N times."""
    header: dict[str, str] = {}
    files: dict[str, str] = {}
    current, repeat, body = None, 1, []
    for line in [*path.read_text(encoding="utf-8").splitlines(keepends=True), "--- end\n"]:
        if line.startswith("--- "):
            if current is not None:
                files[current] = "".join(body) * repeat
            spec, repeat, body = line[4:].strip(), 1, []
            if spec.endswith(")") and " (repeat " in spec:
                spec, count = spec[:-1].split(" (repeat ")
                repeat = int(count)
            current = spec
        elif current is None:
            key, _, value = line.lstrip("# ").partition(":")
            header[key.strip().lower()] = value.strip()
        else:
            body.append(line)
    return header, files


@pytest.mark.parametrize("path", HOSTILE, ids=[p.stem for p in HOSTILE])
def test_hostile_yaml_is_refused_by_check(path: Path, tmp_path: Path) -> None:
    header, files = load_hostile(path)
    assert header["outcome"] == "refused"
    content = make_network(tmp_path, files)
    started = time.perf_counter()
    result = check_network(content)
    assert time.perf_counter() - started < 5
    matching = [
        p
        for p in result.problems.errors
        if p.path == os.path.join(content, header["file"]) and header["expect"] in f"{p.message} {p.hint}"
    ]
    assert matching, [p.format(str(content)) for p in result.problems.items]
    if "line" in header:
        assert matching[0].line == int(header["line"])


def test_alias_bomb_is_refused_in_milliseconds(tmp_path: Path) -> None:
    bomb = billion_laughs()
    path = tmp_path / "kim.yml"
    path.write_text(f"nama: KIM\ndesa: x\n{bomb}deskripsi: *i\n", encoding="utf-8")
    problems = ProblemList()
    started = time.perf_counter()
    assert load_yaml(str(path), problems) is None
    header = parse_header(f"---\njudul: Bom\n{bomb}ringkasan: *i\n---\nIsi.\n")
    assert time.perf_counter() - started < 0.5
    assert [(p.line, p.message) for p in problems.items] == [(3, "Jangkar atau alias YAML (`&a`) tidak diizinkan.")]
    assert header.error == (3, "jangkar atau alias YAML (`&a`) tidak diizinkan")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\nb: &x 2\n", 2, "Jangkar atau alias YAML (`&x`) tidak diizinkan."),  # an anchor alone, unused
        ("a: 1\nb: *x\n", 2, "Jangkar atau alias YAML (`*x`) tidak diizinkan."),  # undefined alias
        ("nama: a\nnama: b\n", 2, "Kolom `nama` ditulis dua kali (baris 1 dan 2)."),
        ("- id: a\n  x:\n    k: 1\n    k: 2\n", 4, "Kolom `k` ditulis dua kali (baris 3 dan 4)."),
        ("1: a\n01: b\n", 2, "Kolom `01` ditulis dua kali (baris 1 dan 2)."),  # same key once constructed
        ("<<: {a: 1}\na: 2\n", 2, "Kolom `a` ditulis dua kali (baris 1 dan 2)."),  # a merge hiding a value
        ("a: 2024-02-30\n", 1, 'Tanggal "2024-02-30" tidak ada di kalender.'),
        ("a:\n  - 2023-02-29 10:00:00\n", 2, 'Tanggal "2023-02-29 10:00:00" tidak ada di kalender.'),
        ("a: !!python/name:os.system\n", 1, "Tag YAML `!!python/name:os.system` tidak didukung."),
        ("a: !!binary aGVsbG8=\n", 1, "Tag YAML `!!binary` tidak didukung."),
        ("a: !!set {x}\n", 1, "Tag YAML `!!set` tidak didukung."),
        ("a: !lokal x\n", 1, "Tag YAML `!lokal` tidak didukung."),
        ("a:\n  b: !<tag:contoh.org,2024:x> y\n", 2, "Tag YAML `tag:contoh.org,2024:x` tidak didukung."),
        ("a: " + "9" * 5000 + "\n", 1, "Format YAML rusak (bilangan terlalu panjang: 5000 angka)."),
        ("a: b\nc: d\x1be\n", 2, "Format YAML rusak (karakter kendali #x001b tidak diizinkan)."),
        ('a: b\nc: "tidak ditutup\nd: e\n', 2, "Format YAML rusak (found unexpected end of stream)."),
        ("? [a]\n: b\n", 1, "Format YAML rusak (found unhashable key)."),
    ],
)
def test_refusals_name_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(YamlProblem) as refused:
        parse_yaml(text)
    assert (refused.value.line, refused.value.message) == (line, message)
    assert refused.value.hint


def test_what_stays_allowed() -> None:
    _node, data = parse_yaml('a: 2024-02-29\nb: "2024-02-30"\nc: !!str 12\nd: =\ne: [1, {f: g}]\nh: Tani & Nelayan *\n')
    assert data == {
        "a": dt.date(2024, 2, 29),
        "b": "2024-02-30",
        "c": "12",
        "d": "=",
        "e": [1, {"f": "g"}],
        "h": "Tani & Nelayan *",
    }


def test_depth_limit_holds_exactly_at_the_bound() -> None:
    def nested(depth: int) -> str:
        return "[" * depth + "x" + "]" * depth + "\n"

    assert parse_yaml(nested(MAX_DEPTH))[1] is not None
    with pytest.raises(YamlProblem, match=r"terlalu dalam \(lebih dari 20 tingkat\)"):
        parse_yaml(nested(MAX_DEPTH + 1))
    block = "".join(" " * level + f"k{level}:\n" for level in range(MAX_DEPTH + 1))
    with pytest.raises(YamlProblem) as refused:
        parse_yaml(block)
    assert refused.value.line == MAX_DEPTH + 1


def test_nesting_that_crashes_libyamls_composer_is_refused() -> None:
    """100,000 brackets (200 KB, under the size bound) segfault yaml.CSafeLoader's composer."""
    started = time.perf_counter()
    with pytest.raises(YamlProblem, match="terlalu dalam"):
        parse_yaml("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    with pytest.raises(YamlProblem, match="terlalu dalam"):
        parse_yaml("- " * 100_000 + "x\n")
    assert time.perf_counter() - started < 0.5


def test_size_limits_hold_exactly_at_the_bound(tmp_path: Path) -> None:
    path = tmp_path / "data.yml"
    comment = "# " + "x" * 97 + "\n"
    exact = comment * (MAX_DATA_BYTES // len(comment)) + "a: 1".ljust(MAX_DATA_BYTES % len(comment) - 1) + "\n"
    path.write_text(exact, encoding="utf-8")
    assert os.path.getsize(path) == MAX_DATA_BYTES
    assert load_yaml(str(path), ProblemList()).data == {"a": 1}
    path.write_text(exact + "#\n" * 5000, encoding="utf-8")
    problems = ProblemList()
    assert load_yaml(str(path), problems) is None
    assert [p.message for p in problems.items] == ["YAML terlalu besar (266 KiB; paling besar 256 KiB)."]


def test_front_matter_has_its_own_smaller_bound() -> None:
    big = "ringkasan: " + "kata " * (MAX_FRONT_MATTER_BYTES // 5) + "\n"
    header = parse_header(f"---\njudul: Besar\n{big}---\nIsi.\n")
    assert header.error == (1, "YAML terlalu besar (65 KiB; paling besar 64 KiB)")
    small = "ringkasan: " + "kata " * (MAX_FRONT_MATTER_BYTES // 6) + "\n"
    assert parse_header(f"---\njudul: Cukup\n{small}---\nIsi.\n").error is None


def test_front_matter_keeps_an_impossible_date_as_written() -> None:
    header = parse_header("---\njudul: A\ntanggal: 2024-02-30\ndiperbarui: 2024-03-01 10:00:00\n---\nIsi.\n")
    assert header.error is None
    assert (header.value("date"), header.line("date")) == ("2024-02-30", 3)
    assert header.value("modified") == "2024-03-01 10:00:00"


def test_a_body_line_and_a_typo_are_refused_but_another_tools_key_stays_a_warning(tmp_path: Path) -> None:
    files = {
        "kim/kim-uji-bagelen/2024/a.md": "Judul: A\nTanggal: 2024-03-05\nTopik: kesehatan\nPesawaran: warga.\n",
        "kim/kim-uji-bagelen/2024/b.md": "Judul: B\nTanggal: 2024-03-06\nTopik: kesehatan\nTangal: x\n\nIsi.\n",
        "kim/kim-uji-bagelen/2024/c.md": "---\njudul: C\ntanggal: 2024-03-07\ntopik: kesehatan\nsumber_foto: x\n---\n",
    }
    result = check_network(make_network(tmp_path, files))
    errors = [(os.path.basename(p.path), p.line, p.message) for p in result.problems.errors]
    assert errors == [
        ("a.md", 4, 'Kolom "Pesawaran" tidak dikenal; baris ini tampaknya awal isi berita.'),
        ("b.md", 4, 'Kolom "Tangal" tidak dikenal.'),  # a typo: the field would vanish from the page
    ]
    assert result.problems.errors[0].hint.startswith("Tambahkan satu baris kosong setelah bagian kepala")
    assert result.problems.errors[1].hint.startswith('Mungkin maksud Anda "Tanggal"?')
    (warning,) = result.problems.warnings  # YAML: no body can leak in, and `sumber_foto` is no typo of `Sumber`
    assert (os.path.basename(warning.path), warning.message) == (
        "c.md",
        'Kolom "sumber_foto" tidak dikenal dan diabaikan.',
    )
    assert "Mungkin" not in warning.hint


def test_seeded_mutations_of_a_profile_never_raise(tmp_path: Path) -> None:
    """Hundreds of broken copies of a valid profile: each parses or becomes problems, never an exception."""
    rng = random.Random(20241001)
    pieces = ["&a ", "*a", "!!python/object ", "[", "{", "]", ":", "\n  ", "- ", "'", '"', "\t", "? ", "\x00", "<<: "]
    refused = 0
    for _ in range(400):
        text = KIM_BAGELEN
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice([*pieces, "", "2024-02-30", "ketua: x\n"]) + text[at + rng.randint(0, 3) :]
        problems = ProblemList()
        if load_yaml_text("kim.yml", text, problems) is None:
            refused += 1
            assert [p.message for p in problems.items] and all(p.path == "kim.yml" for p in problems.items)
    assert 50 < refused < 400  # the mutations really broke many copies, and not all of them


def test_partner_entries_keep_their_lines(tmp_path: Path) -> None:
    content = make_network(
        tmp_path,
        {
            "_data/mitra.yml": (
                "- id: satu\n  nama: Satu\n  beranda: https://satu.example.org/\n  umpan: https://satu.example.org/f\n"
                "- id: dua\n  nama: Dua\n  beranda: https://dua.example.org/\n  umpan: ftp://dua.example.org/f\n"
            )
        },
    )
    network = check_network(content).network
    _config, problems = load_partner_config(network)
    assert [p.line for p in problems.errors] == [8]


def test_ownership_reads_a_hostile_base_as_granting_nothing(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    (tmp_path / "content" / "_data").mkdir(parents=True)
    (tmp_path / "content" / "kim" / "kim-a").mkdir(parents=True)
    (tmp_path / "content" / "_data" / "jaringan.yml").write_text(f"{billion_laughs()}admin: *i\n", encoding="utf-8")
    (tmp_path / "content" / "kim" / "kim-a" / "kim.yml").write_text("pengelola: [a]\npengelola: [b]\n")
    git("add", "-A")
    git("-c", "user.name=Uji", "-c", "user.email=uji@example.org", "commit", "-q", "-m", "awal")
    started = time.perf_counter()
    assert teams_at(str(tmp_path), "main", "content").admins == ()
    assert maintainers_at(str(tmp_path), "main", "content", "kim-a") == ()
    assert time.perf_counter() - started < 2
