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
from support.site import ROOT

KEYS = {
    "articles", "kims", "build_s", "hugo_s", "pelican_s", "ratio_vs_hugo", "rebuild_one_s", "check_s",
    "peak_rss_mb", "output_mb", "files",
    # issue 17's figures
    "rebuild_noop_s", "rebuild_partner_s", "rebuild_partner_pages", "preview_edit_s", "peak_total_mb",
    "files_per_article", "files_per_article_without_search", "search_index_s", "search_peak_mb",
    "output_kb_per_article_by_kind", "rebuild_one_without_search_s",
    # issue 27's: the preview's story page first, and a rebuild after a new story
    "preview_story_s", "rebuild_new_story_s",
}  # fmt: skip
PHOTO_KEYS = {  # issue 27's figures: the photo variant, the 12 MP sample and 1 GB with photos on 80 % of stories
    "photo_derived_kb_per_story", "photo_files_per_story", "photo_encode_s_per_photo", "photo_sample_kb_per_photo",
    "photo_sample_max_file_kb", "photo_sample_archived_kb_per_photo", "photo_noisy_kb_per_photo",
    "capacity_stories_1gb_photos_80", "capacity_stories_1gb_photos_80_no_archive", "capacity_kb_per_story_photos_80",
}  # fmt: skip
POSITIVE = ("build_s", "hugo_s", "pelican_s", "rebuild_one_s", "check_s", "files", "rebuild_noop_s",
            "rebuild_partner_s", "preview_story_s", "preview_edit_s", "peak_total_mb", "search_index_s",
            "rebuild_new_story_s")  # fmt: skip


@pytest.mark.slow
def test_benchmark_runs_at_a_small_size(tmp_path: Path) -> None:
    figures = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "scripts/bench.py", "--articles", "200", "--kims", "20", "--json", str(figures),
         "--work", str(tmp_path / "work"), "--photo-sample", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(figures.read_text())
    assert set(result) >= KEYS | PHOTO_KEYS
    assert all(result[key] > 0 for key in PHOTO_KEYS), {key: result[key] for key in PHOTO_KEYS}
    assert result["capacity_stories_1gb_photos_80"] > result["capacity_stories_1gb_photos_80_no_archive"]
    assert result["articles"] == 200 and result["kims"] == 20
    assert all(result[key] > 0 for key in POSITIVE), {key: result[key] for key in POSITIVE}
    assert result["output_kb_per_article_by_kind"]["article"] > 0
    assert "Warta / Hugo" in done.stdout
    work = tmp_path / "work" / "200"
    assert len(list((work / "output" / "kim").glob("*/*/index.html"))) == 200, "every article built"
    assert len(list((work / "hugo-output" / "berita").glob("*/index.html"))) == 200, "Hugo built the same articles"


def test_memory_of_all_processes_is_added_up() -> None:
    """A parent holding 20 MB with three forked children holding 50 MB each: together about 175 MB."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_measure import measure

    program = (
        "import os, time\n"
        "held = bytearray(20 * 2**20)\n"
        "children = []\n"
        "for _ in range(3):\n"
        "    pid = os.fork()\n"
        "    if pid == 0:\n"
        "        mine = bytearray(50 * 2**20); time.sleep(1.5); os._exit(0)\n"
        "    children.append(pid)\n"
        "for pid in children: os.waitpid(pid, 0)\n"
    )
    result = measure([sys.executable, "-c", program], ROOT)
    assert result["rc"] == 0
    assert result["total_mb"] >= 160, result  # 20 + 3 x 50 (plus the interpreters), minus sampling slack
    assert result["rss_mb"] <= 130, result  # the largest process alone: 20 shared + 50 of its own + Python
