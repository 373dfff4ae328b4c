"""warta_core.atomic: files replaced whole, and what killed writers left behind cleaned up."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

from warta_core.atomic import SUFFIX, remove_killed_writes, write_atomically


def test_replaced_whole_without_leftovers(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "cache.json"
    write_atomically(str(target), "satu\n")
    write_atomically(str(target), b"dua", sync=True)
    assert target.read_bytes() == b"dua"
    assert os.listdir(target.parent) == ["cache.json"]


def test_a_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "cache.json"
    write_atomically(str(target), "lama")
    with contextlib.suppress(TypeError):
        write_atomically(str(target), object())  # type: ignore[arg-type]  (not bytes: fails while writing)
    assert target.read_text() == "lama" and os.listdir(tmp_path) == ["cache.json"]


def test_only_dead_writers_temporaries_are_removed(tmp_path: Path) -> None:
    program = [sys.executable, "-c", "import os; print(os.getpid())"]
    dead = subprocess.run(program, capture_output=True, text=True, check=True)
    left = tmp_path / f"cache.pickle.{dead.stdout.strip()}-0{SUFFIX}"
    alive = tmp_path / f"cache.pickle.{os.getpid()}-7{SUFFIX}"
    unrelated = tmp_path / "catatan.baru.txt"
    for path in (left, alive, unrelated):
        path.write_text("x")
    assert remove_killed_writes(str(tmp_path)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, unrelated.name])
