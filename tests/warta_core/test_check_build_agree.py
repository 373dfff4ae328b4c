"""`kim periksa` and the build agree on every input: check passes ⇔ build passes, and nothing crashes.

A seeded mutator damages a copy of part of the demo network the way careless
or hostile writers do (bytes inserted or cut, header lines duplicated or
broken, odd extensions, symlinks, hidden files, hot-links, escaping paths,
impossible dates, control characters, deep nesting and long runs of ``[``,
``![``, ``<a`` or backticks on both sides of ``markdown_bounds``' limits…), then runs the check and the build
in-process. The build may only fail with the check's own report; any other
exception, or a check that passes when the build refuses (or the reverse),
fails the test with the seed and the mutation, so it can be replayed with
``WARTA_PROPERTY_SEEDS=<seed>``. CI runs a fixed, bounded set of seeds;
``make test-property`` runs many more.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest
from support.site import DEMO_CONTENT, build_content

from warta_core.config_options import SettingsError
from warta_core.problems import NetworkCheckFailed
from warta_core.validation import check_network

KIMS = ("kim-bagelen-berdaya", "kim-metro-berseri")
CASES = int(os.environ.get("WARTA_PROPERTY_CASES", "60"))
SEEDS = (
    [int(s) for s in os.environ["WARTA_PROPERTY_SEEDS"].split(",")]
    if "WARTA_PROPERTY_SEEDS" in os.environ
    else list(range(CASES))
)

TOKENS = [
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\u2066",
    "\ufeff",
    "---\n",
    "...\n",
    ": ",
    "\n\n",
    "\t",
    "&a [1, 2]",
    "*a",
    "!!python/object:os.system",
    "{static}/../../../etc/passwd",
    "{filename}/kim/kim-metro-berseri/2019/x.md",
    "|static|../kim.yml",
    "{attach}gambar/x.png",
    "![x](https://pelacak.example/x.png)",
    '<img src="https://pelacak.example/y.png" alt="y">',
    "![](gambar/tidak-ada.png)",
    "Tanggal: 0001-01-01\n",
    "Tanggal: 2024-02-30\n",
    "Tanggal: 2099-01-01\n",
    "Status: terjadwal\n",
    "Status: rahasia\n",
    "Gambar: gambar/../kim.yml\n",
    "Gambar: ../kim-metro-berseri/logo.svg\n",
    "Desa: 99.99.99.9999\n",
    "Topik: pertanain\n",
    "Slug: admin\n",
    "Judul: " + "Panjang " * 40 + "\n",
    "<script>alert(1)</script>",
    '<svg onload="alert(1)">',
    "<!ENTITY a 'x'>",
    "é",
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    "ketua: [",
    "desa: 18.09",
    "nama: ''",
]
ODD_NAMES = [
    "x.MD",
    "x.mkd",
    "x.md~",
    "x.md.bak",
    ".x.md",
    "catatan",
    "x.txt",
    "x.html",
    "x.svg",
    "x.png",
    "x.jpg",
    "a" * 130 + ".md",
]


def base_network(root: Path) -> Path:
    """A copy of the demo's data, pages and two KIMs."""
    content = root / "content"
    shutil.copytree(DEMO_CONTENT / "_data", content / "_data")
    (content / "_data" / "mitra.yml").unlink()  # partner news has its own fetch tests; keep builds small
    shutil.copytree(DEMO_CONTENT / "pages", content / "pages")
    for kim in KIMS:
        shutil.copytree(DEMO_CONTENT / "kim" / kim, content / "kim" / kim)
    return content


def files_of(content: Path) -> list[Path]:
    return sorted(p for p in content.rglob("*") if p.is_file() and not p.is_symlink())


def mutate_bytes(rng: random.Random, path: Path) -> str:
    data = path.read_bytes()
    choice = rng.randrange(6)
    at = rng.randrange(len(data) + 1)
    if choice == 0:
        token = rng.choice(TOKENS).encode("utf-8", "surrogatepass")
        path.write_bytes(data[:at] + token + data[at:])
        return f"insert {token!r} at {at} of {path.name}"
    if choice == 1:
        end = min(len(data), at + rng.randrange(1, 40))
        path.write_bytes(data[:at] + data[end:])
        return f"cut {at}:{end} of {path.name}"
    lines = data.splitlines(keepends=True) or [b""]
    index = rng.randrange(len(lines))
    if choice == 2:
        lines.insert(index, lines[index])
        what = f"duplicate line {index + 1} of {path.name}"
    elif choice == 3:
        other = rng.randrange(len(lines))
        lines[index], lines[other] = lines[other], lines[index]
        what = f"swap lines {index + 1} and {other + 1} of {path.name}"
    elif choice == 4:
        lines.insert(min(index, 6), rng.choice(TOKENS).encode("utf-8", "surrogatepass") + b"\n")
        what = f"insert a header-ish line near line {min(index, 6) + 1} of {path.name}"
    else:
        lines = lines[:index]
        what = f"truncate {path.name} after line {index}"
    path.write_bytes(b"".join(lines))
    return what


def _structure(rng: random.Random) -> str:
    """Deep nesting or a long run of inline openers, on either side of ``markdown_bounds``' limits."""
    depth = rng.choice([2, 8, 31, 33, 40, 120, 400])
    run = rng.choice([50, 500, 1400, 45_000, 80_000])  # below the trial zone, or above the refusal bound
    kind = rng.randrange(7)
    if kind == 0:
        return "- " * depth + "isi\n"
    if kind == 1:
        return "".join("    " * level + "- butir\n" for level in range(depth))
    if kind == 2:
        return '<div markdown="1">\n\n' * depth + "isi\n\n" + "</div>\n\n" * depth
    if kind == 3:
        return "> " * depth + "kutipan\n"
    return rng.choice(["[", "![", "<a", "`` `"]) * run + "\n"


def mutate_structure(rng: random.Random, files: list[Path]) -> str:
    """Put deep nesting or an opener run into the body of an article or page."""
    sources = [p for p in files if p.suffix == ".md"]
    path = rng.choice(sources)
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    lines = text.splitlines(keepends=True)
    at = rng.randrange(min(len(lines), 8), len(lines) + 1) if lines else 0
    piece = "\n" + _structure(rng) + "\n"
    path.write_text("".join(lines[:at]) + piece + "".join(lines[at:]), encoding="utf-8", errors="surrogateescape")
    return f"structure {piece[:30]!r}… ({len(piece)} characters) at line {at + 1} of {path.name}"


def mutate_tree(rng: random.Random, content: Path, files: list[Path]) -> str:
    source = rng.choice(files)
    folder = rng.choice([p.parent for p in files if "kim" in p.parts] or [content])
    choice = rng.randrange(5)
    if choice == 0:
        target = folder / rng.choice(ODD_NAMES)
        shutil.copy(source, target)
        return f"copy {source.relative_to(content)} to {target.relative_to(content)}"
    if choice == 1:
        link = folder / f"tautan{rng.randrange(100)}{rng.choice(['.md', '.png', '.svg', ''])}"
        os.symlink(rng.choice([str(source), "/etc/passwd", str(content / "kim" / KIMS[0])]), link)
        return f"symlink {link.relative_to(content)}"
    if choice == 2:
        source.unlink()
        return f"delete {source.relative_to(content)}"
    if choice == 3:
        other = content / "kim" / rng.choice(KIMS) / source.name
        if other != source:
            shutil.copy(source, other)
        return f"copy {source.relative_to(content)} into {other.parent.name}"
    (folder / rng.choice(["", "gambar/"])).mkdir(parents=True, exist_ok=True)
    empty = folder / rng.choice(ODD_NAMES)
    empty.write_bytes(b"")
    return f"empty file {empty.relative_to(content)}"


def outcome_of_build(content: Path, output: Path) -> str:
    try:
        build_content(content, output)
    except (NetworkCheckFailed, SettingsError):
        return "refused"
    return "built"


@pytest.mark.parametrize("seed", SEEDS)
def test_check_and_build_agree(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    content = base_network(tmp_path)
    files = files_of(content)
    done = []
    for _ in range(rng.randint(1, 3)):
        if rng.random() < 0.15:
            done.append(mutate_structure(rng, files))
        elif rng.random() < 0.7:
            done.append(mutate_bytes(rng, rng.choice(files)))
        else:
            done.append(mutate_tree(rng, content, files))
        files = files_of(content)
    checked = check_network(content)  # must not raise
    built = outcome_of_build(content, tmp_path / "output")
    report = "\n".join(p.format(str(tmp_path)) for p in checked.problems.errors)
    assert checked.ok == (built == "built"), (
        f"seed {seed}: check {'passed' if checked.ok else 'refused'} but the build was {built} after: "
        f"{'; '.join(done)}\n{report}"
    )
