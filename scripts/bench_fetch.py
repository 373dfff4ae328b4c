#!/usr/bin/env python3
"""Benchmark of ``kim ambil``: 200 partner feeds on 127.0.0.1, slow and partly broken.

Each feed answers after a random delay of up to 2 s; 10 % of them always fail
(half with HTTP 500, half by dropping the connection). The feeds are served
by ``serve_partner_fixtures.py`` in a separate process, so the server does not
share the fetcher's interpreter. Two runs use one cache: the first fetches
everything, the second should get 304 Not Modified from every working feed.

Target: the first run within 15 s wall time on 2 cores, and at least 90 % of
all feeds answering 304 in the second run. Not a test (timings depend on the
machine); run it and read the figures:

    .venv/bin/python scripts/bench_fetch.py [--feeds 200] [--cores 2]
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from warta_partners.cache import PartnerCache  # noqa: E402 (after the path is set)
from warta_partners.config import Partner  # noqa: E402
from warta_partners.spider import FetchOptions, Spider  # noqa: E402

ITEMS_PER_FEED = 20
TARGET_SECONDS = 15.0
TARGET_NOT_MODIFIED = 0.90


def feed_body(number: int) -> str:
    """An RSS document of ITEMS_PER_FEED items for feed ``number``."""
    items = "".join(
        f"<item><title>Berita {item} dari mitra {number}</title>"
        f"<link>https://mitra{number}.example/berita/{item}</link>"
        f"<pubDate>Fri, {1 + item % 20:02d} Nov 2026 08:00:00 +0700</pubDate>"
        f"<description>&lt;p&gt;Isi singkat berita {item} tentang kegiatan warga.&lt;/p&gt;</description></item>"
        for item in range(ITEMS_PER_FEED)
    )
    channel = f"<channel><title>Mitra {number}</title>{items}</channel>"
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0">{channel}</rss>'


def write_feeds(folder: Path, count: int, seed: int) -> set[int]:
    """Fixture files for ``count`` feeds; return the numbers of the failing ones."""
    rng = random.Random(seed)
    failing = set(rng.sample(range(count), count // 10))
    for number in range(count):
        header = ["# Delay: random 2"]
        if number in failing:
            header.append("# Status: 500" if number % 2 else "# Serve: reset")
        text = "\n".join([*header, "---", feed_body(number)])
        (folder / f"mitra-{number:03d}.case").write_text(text, encoding="utf-8")
    return failing


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, timeout: float = 10.0) -> None:
    """Block until the server accepts connections."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("server contoh tidak mau menyala")


def main() -> int:
    """Run the two fetches and print the figures."""
    parser = argparse.ArgumentParser(description="Uji kecepatan pengambilan umpan mitra.")
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--cores", type=int, default=2, help="batasi pengambil ke sekian inti CPU")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        available = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, available[: args.cores])
    with tempfile.TemporaryDirectory(prefix="bench-mitra-") as temporary:
        folder = Path(temporary) / "umpan"
        folder.mkdir()
        failing = write_feeds(folder, args.feeds, args.seed)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "serve_partner_fixtures.py"), "--port", str(port), str(folder)],
            stdout=subprocess.DEVNULL,
        )
        try:
            wait_for(port)
            partners = [
                Partner(
                    f"mitra-{n:03d}",
                    f"Mitra {n}",
                    f"https://mitra{n}.example/",
                    f"http://127.0.0.1:{port}/mitra-{n:03d}.case",
                )
                for n in range(args.feeds)
            ]
            options = FetchOptions(
                images=False, use_env_proxy=False, max_age_days=0, local_allowlist=(f"127.0.0.1:{port}",)
            )
            spider = Spider(PartnerCache(str(Path(temporary) / "cache")), options)
            results = []
            for _run in range(2):
                started = time.monotonic()
                reports = spider.run(partners)
                results.append((time.monotonic() - started, Counter(r.state.health.outcome for r in reports)))
        finally:
            server.terminate()
            server.wait()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    (first_time, first), (second_time, second) = results
    ratio = second["tidak-berubah"] / args.feeds
    print(
        f"{args.feeds} umpan, {len(failing)} selalu gagal, jeda acak 0–2 detik, {cores} inti CPU, "
        f"{options.concurrency} sambungan sekaligus."
    )
    print(f"Pengambilan 1: {first_time:.1f} detik; hasil {dict(first)}")
    print(f"Pengambilan 2: {second_time:.1f} detik; hasil {dict(second)}")
    print(f"Jawaban 304 pada pengambilan 2: {second['tidak-berubah']} dari {args.feeds} ({ratio:.0%}).")
    ok = first_time <= TARGET_SECONDS and ratio >= TARGET_NOT_MODIFIED
    verdict = "tercapai" if ok else "TIDAK tercapai"
    print(f"Target (≤ {TARGET_SECONDS:.0f} detik, ≥ {TARGET_NOT_MODIFIED:.0%} 304): {verdict}.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
