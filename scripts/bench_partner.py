#!/usr/bin/env python3
"""Benchmark: the rebuild after a partner fetch (``rebuild_partner_s``).

Twenty partner outlets, each covering one kabupaten/kota of the synthetic
network (those with the most KIMs) and one topic, with 20 stories each that
name kecamatan of their kabupaten, are fetched for real (``kim ambil``
against feeds served on 127.0.0.1 by ``serve_partner_fixtures.py``) and the
site is built (``partner_build_s``). Then three partners publish a story and
edit a title, only they are fetched again, and ``kim bangun`` is timed: that
is ``rebuild_partner_s``; ``rebuild_partner_pages`` counts the output files
that build wrote anew (new inode: the writer renames every page it renders
into place), including the pages without a fingerprint that every build
renders, but not Pagefind's index (rebuilt whole every time).

``scripts/bench.py`` calls :func:`partner_rebuild` on its network; alone:

    .venv/bin/python scripts/bench_partner.py --articles 2000 [--kims 200] [--work DIR] [--repo DIR]

``--repo`` runs another checkout's code (its ``pelicanconf.py`` and plugins,
with ``PYTHONPATH`` set to its ``plugins`` and ``cli``), to compare before and after a change.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import email.utils
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serve_partner_fixtures import FixtureServer, allowlist_settings

REPO = Path(__file__).resolve().parent.parent
PARTNERS = 20
STORIES = 20
CHANGED_PARTNERS = 3
TOPICS = ("pemerintahan", "kesehatan", "pendidikan", "pertanian", "ekonomi-umkm", "lingkungan", "budaya")
DESA_LINE = re.compile(r'^desa:\s*"?([0-9.]+)"?', re.MULTILINE)


def busiest_kabupaten(content: Path, count: int) -> list[str]:
    """Codes of the ``count`` kabupaten/kota with the most KIMs (repeated when the network has fewer)."""
    kims = Counter()
    for profile in (content / "kim").glob("*/kim.yml"):
        found = DESA_LINE.search(profile.read_text(encoding="utf-8"))
        if found:
            kims[".".join(found.group(1).split(".")[:2])] += 1
    codes = [code for code, _ in sorted(kims.items(), key=lambda item: (-item[1], item[0]))]
    return [codes[number % len(codes)] for number in range(count)]


def kecamatan_names(content: Path) -> dict[str, list[str]]:
    """Kecamatan names per kabupaten code, from the network's registry."""
    names: dict[str, list[str]] = {}
    with open(content / "_data" / "wilayah.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["kode"]
            if code.count(".") == 2:
                names.setdefault(code.rsplit(".", 1)[0], []).append(row["nama"])
    return names


def feed_body(number: int, places: list[str], now: dt.datetime, edition: int = 0) -> str:
    """Partner ``number``'s RSS feed: STORIES stories naming its kecamatan; ``edition`` > 0 adds and edits."""
    items = []
    stories = [(story, f"Kegiatan warga ke-{story} dari mitra {number}") for story in range(STORIES)]
    if edition:
        stories = [(1000 + edition, f"Kabar terbaru {edition} dari mitra {number}"), *stories[:-1]]
        stories[1] = (stories[1][0], stories[1][1] + " (diperbarui)")
    for story, title in stories:
        place = places[story % len(places)] if places else "Desa"
        hours = 6 * story + 1 if story < STORIES else 0.5  # a story keeps its date from one edition to the next
        published = email.utils.format_datetime(now - dt.timedelta(hours=hours, minutes=17 * number))
        items.append(
            f"<item><title>{title} di Kecamatan {place}</title>"
            f"<link>https://mitra{number}.example/berita/{story}</link>"
            f"<guid>https://mitra{number}.example/berita/{story}</guid><pubDate>{published}</pubDate>"
            f"<description>Warga Kecamatan {place} bergotong royong; cerita {story} dari mitra {number}."
            "</description></item>"
        )
    channel = f"<channel><title>Mitra {number}</title>{''.join(items)}</channel>"
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0">{channel}</rss>'


def partner_list(server_url: str, kabupaten: list[str]) -> str:
    """``mitra.yml`` for the partners."""
    entries = []
    for number, code in enumerate(kabupaten):
        entries.append(
            f"- id: mitra-{number:02d}\n  nama: Media Mitra {number:02d}\n  beranda: https://mitra{number}.example/\n"
            f'  umpan: {server_url}/mitra-{number:02d}.rss\n  wilayah: ["{code}"]\n'
            f"  topik: [{TOPICS[number % len(TOPICS)]}]\n"
        )
    return "".join(entries)


def inodes(output: Path) -> dict[str, int]:
    """Inode of every file in the output."""
    found, folders = {}, [str(output)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                else:
                    found[entry.path] = entry.inode()
    return found


def partner_rebuild(
    work: Path,
    content: Path,
    measure: Callable[[list[str], Path], dict],
    kim: list[str],
    output: Path,
    cwd: Path = REPO,
) -> dict:
    """Build ``content`` with 20 partners, change three of them, fetch those and time the rebuild.

    ``kim`` is the command prefix (``[kim, "--konten", content]``), ``measure(command, cwd)`` bench.py's;
    commands run in ``cwd`` (its ``pelicanconf.py``). Adds ``content/_data/mitra.yml`` and the cache
    ``content/_mitra/`` to the network.
    """
    feeds = work / "umpan-mitra"
    feeds.mkdir(parents=True, exist_ok=True)
    kabupaten = busiest_kabupaten(content, PARTNERS)
    places = kecamatan_names(content)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for number, code in enumerate(kabupaten):
        (feeds / f"mitra-{number:02d}.rss").write_text(feed_body(number, places.get(code, []), now), encoding="utf-8")
    with FixtureServer(feeds) as server:
        (content / "_data" / "mitra.yml").write_text(partner_list(f"http://127.0.0.1:{server.port}", kabupaten))
        # `kim ambil` refuses 127.0.0.1 unless allowed: these settings are cwd's pelicanconf.py plus this server.
        settings = allowlist_settings(work / "pengaturan-ambil.py", server.host_port, base=cwd / "pelicanconf.py")
        fetch = [*kim, "fetch", "--pengaturan", str(settings), "--umur-maks", "0"]
        measure(fetch, cwd)
        build = measure([*kim, "build", "--output", str(output)], cwd)
        changed = range(CHANGED_PARTNERS)
        for number in changed:
            body = feed_body(number, places.get(kabupaten[number], []), now, edition=1)
            (feeds / f"mitra-{number:02d}.rss").write_text(body, encoding="utf-8")
        only = [option for number in changed for option in ("--mitra", f"mitra-{number:02d}")]
        measure([*fetch, *only], cwd)
        before = inodes(output)
        rebuild = measure([*kim, "build", "--output", str(output)], cwd)
        after = inodes(output)
    search_index = str(output / "pagefind")  # rebuilt whole by Pagefind on every build
    rewritten = sum(
        1 for path, inode in after.items() if before.get(path) != inode and not path.startswith(search_index)
    )
    return {
        "partner_build_s": round(build["seconds"], 2),
        "rebuild_partner_s": round(rebuild["seconds"], 2),
        "rebuild_partner_pages": rewritten,
    }


def measure_alone(command: list[str], cwd: Path) -> dict:
    """Wall time of one command (bench.py's ``measure`` also records memory; this runs without bench.py)."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"command failed ({' '.join(command)}):\n{done.stderr[-3000:]}")
    return {"seconds": time.perf_counter() - start}


def main() -> None:
    """Generate a synthetic network, run the benchmark, print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--kims", type=int, default=None, help="default: one per 10 articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=None, help="folder for the network (default: a temp folder)")
    parser.add_argument("--repo", type=Path, default=REPO, help="checkout whose code builds (default: this one)")
    args = parser.parse_args()
    from synthetic_network import generate  # noqa: PLC0415 (only needed when run alone)

    work = args.work or Path(tempfile.mkdtemp(prefix="bench-mitra-"))
    content = generate(work, args.articles, args.kims or max(1, args.articles // 10), args.seed)
    repo = args.repo.resolve()
    # the commands measured run that checkout's plugins and command (older checkouts kept it in plugins/)
    os.environ["PYTHONPATH"] = os.pathsep.join([str(repo / "plugins"), str(repo / "cli")])
    kim = [sys.executable, "-m", "warta_cli.main", "--konten", str(content)]
    result = partner_rebuild(work, content, measure_alone, kim, work / "output", cwd=repo)
    print(json.dumps({"articles": args.articles, "repo": str(repo), **result}, indent=1))


if __name__ == "__main__":
    main()
