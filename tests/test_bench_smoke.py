"""The benchmark script still runs end to end (at a tiny size; figures are not judged here).

Speed targets are checked by running ``make bench`` and reading its table, never
in a timed test: machines here are shared and noisy.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

KEYS = {
    "articles", "kims", "build_s", "hugo_s", "pelican_s", "ratio_vs_hugo", "rebuild_one_s", "check_s",
    "peak_rss_mb", "output_mb", "files",
}  # fmt: skip


@pytest.mark.slow
def test_benchmark_runs_at_a_small_size(tmp_path: Path) -> None:
    figures = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "scripts/bench.py", "--articles", "200", "--kims", "20", "--json", str(figures),
         "--work", str(tmp_path / "work")],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(figures.read_text())
    assert set(result) >= KEYS
    assert result["articles"] == 200 and result["kims"] == 20
    assert all(result[key] > 0 for key in ("build_s", "hugo_s", "pelican_s", "rebuild_one_s", "check_s", "files"))
    assert "Warta / Hugo" in done.stdout
    work = tmp_path / "work" / "200"
    assert len(list((work / "output" / "kim").glob("*/*/index.html"))) == 200, "every article built"
    assert len(list((work / "hugo-output" / "berita").glob("*/index.html"))) == 200, "Hugo built the same articles"
