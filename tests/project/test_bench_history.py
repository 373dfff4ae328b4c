"""The history benchmark runs end to end at a tiny size and prints figures that add up.

It publishes with the real ``kim terbitkan`` to a real bare repository; the sizes themselves are not judged
here (they belong in the README), only that every round published a commit and the history grew.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support.site import ROOT


@pytest.mark.slow
def test_history_benchmark_publishes_every_round_and_prints_its_growth(tmp_path: Path) -> None:
    figures = tmp_path / "riwayat.json"
    done = subprocess.run(
        [sys.executable, "scripts/bench_history.py", "--articles", "30", "--kims", "5", "--rounds", "2",
         "--new", "3", "--work", str(tmp_path / "kerja"), "--json", str(figures)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert re.fullmatch(r"round 0: 30 articles, history [\d.]+ MB, site [\d.]+ MB \(\d+ files\)", lines[0])
    assert re.fullmatch(r"round 2: \+3 articles \(36\), history [\d.]+ MB \(\+[\d.]+ MB\), site .*", lines[2])
    assert re.fullmatch(r"growth: [\d.]+ MB per round, [\d.]+ KB per new article \(.* after 3 commits, .*\)", lines[3])
    result = json.loads(lines[-1])
    assert result == json.loads(figures.read_text())
    assert result["commits"] == 3, "the first publish and one per round"
    history = result["history_bytes"]
    assert len(history) == 3 and history[0] < history[1] < history[2]
    assert result["growth_per_round_bytes"] == round((history[2] - history[0]) / 2)
    assert result["growth_per_article_bytes"] == round((history[2] - history[0]) / 6)
    published = subprocess.run(
        ["git", "--git-dir", str(tmp_path / "kerja" / "remote.git"), "ls-tree", "-r", "--name-only", "gh-pages"],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    # Every article of every round is on the published branch.
    assert len([name for name in published if re.fullmatch(r"kim/kim-\d+/[^/]+/index\.html", name)]) == 36
