"""The benchmark's figures about the output and the tools around the build.

``output_breakdown`` says where the bytes go (KB per article for each kind of
file) and ``preview_edit_seconds`` how long ``kim pratinjau`` takes to show a
saved edit (what the search index costs is ``bench_search.search_cost``). Used
by ``scripts/bench.py``.
"""

from __future__ import annotations

import os
import queue
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

FEEDS = ("atom.xml", "rss.xml", "feed.json")


def file_kind(relative: str) -> str:
    """One of: search, card, article, pagination, listing, feed, image, other."""
    parts = relative.split("/")
    name = parts[-1]
    if parts[0] == "pagefind":
        return "search"
    if name.startswith("bagikan-"):
        return "card"
    if name in FEEDS:
        return "feed"
    if name == "index.html":
        if "page" in parts[:-1]:
            return "pagination"
        if parts[0] == "kim" and len(parts) == 4:
            return "article"
        return "listing"
    if name.endswith((".jpg", ".jpeg", ".png", ".webp", ".svg", ".gif")):
        return "image"
    return "other"


def output_breakdown(output: Path, articles: int) -> dict[str, float]:
    """KB per article of every kind of file, and files per article of each (``<kind>_files``)."""
    sizes: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    for folder, _dirs, names in os.walk(output):
        for name in names:
            path = os.path.join(folder, name)
            kind = file_kind(os.path.relpath(path, output).replace(os.sep, "/"))
            sizes[kind] += os.path.getsize(path)
            counts[kind] += 1
    kinds = ("article", "feed", "listing", "pagination", "card", "image", "search", "other")
    figures = {kind: round(sizes[kind] / 1024 / articles, 2) for kind in kinds}
    figures.update({f"{kind}_files": round(counts[kind] / articles, 3) for kind in kinds})
    return figures


def _rss_mb(pid: int) -> tuple[float, float]:
    """Resident and peak resident memory of one process, in MB (Linux ``/proc``; zeros elsewhere)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0, 0.0
    values = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return tuple(int(values.get(key, "0 kB").split()[0]) / 1024 for key in ("VmRSS", "VmHWM"))  # type: ignore[return-value]


def preview_edit_seconds(kim: list[str], article: Path, edits: int = 3, timeout: float = 900) -> dict[str, float]:
    """Time ``kim pratinjau`` from a saved edit of a story's text to its page, and to the whole rebuild.

    ``edits`` times in one running preview. The preview is one resident process: the first edit already
    finds it warm (imports done, caches read, the last build in memory), like every edit a writer makes
    after the first. Reports the medians (``preview_story_s``: "Berita diperbarui", the edited story's page
    rendered from memory; ``preview_edit_s``: "Pratinjau diperbarui", every page), each edit, and the
    process's memory once the edits are shown (``preview_rss_mb``; ``preview_peak_rss_mb`` includes the
    first build). Both times include the preview's polling (``--interval 0.2``) and its 0.3 s settling.
    """
    process = subprocess.Popen(
        [*kim, "preview", "--port", "0", "--interval", "0.2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()

    def wait_for(text: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if text in lines.get(timeout=1):
                    return
            except queue.Empty:
                if process.poll() is not None:
                    break
        raise SystemExit(f"kim pratinjau never printed {text!r}")

    try:
        wait_for("Pratinjau tersedia di")
        seconds, story = [], []
        for number in range(edits):
            time.sleep(0.5)  # the next save is a new change, not part of the last one
            saved = time.perf_counter()
            text = article.read_text(encoding="utf-8") + f"\nKalimat {number + 1} dari uji pratinjau.\n"
            article.write_text(text, encoding="utf-8")
            wait_for("Berita diperbarui")
            story.append(time.perf_counter() - saved)
            wait_for("Pratinjau diperbarui")
            seconds.append(time.perf_counter() - saved)
        rss, peak = _rss_mb(process.pid)
        return {
            "preview_story_s": round(sorted(story)[len(story) // 2], 2),
            "preview_stories_s": [round(s, 2) for s in story],
            "preview_edit_s": round(sorted(seconds)[len(seconds) // 2], 2),
            "preview_edits_s": [round(s, 2) for s in seconds],
            "preview_rss_mb": round(rss, 1),
            "preview_peak_rss_mb": round(peak, 1),
        }
    finally:
        process.terminate()
        process.wait(timeout=60)
