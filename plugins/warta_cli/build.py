"""``kim build``: check, then build the portal with Pelican, then print totals."""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import sys
import time

from pelican import Pelican
from pelican.settings import read_settings

from warta_network.problems import NetworkCheckFailed

GITHUB_PAGES_LIMIT = 1024**3


def add_parser(commands) -> None:
    """Register the ``build`` sub-command."""
    parser = commands.add_parser(
        "build",
        help="bangun portal ke folder output/",
        description="Memeriksa konten lalu membangun portal statis dengan Pelican.",
    )
    parser.add_argument("--pengaturan", dest="settings", default="pelicanconf.py", help="berkas pengaturan Pelican")
    parser.add_argument("--output", default=None, help="folder hasil (bawaan: OUTPUT_PATH di pengaturan)")
    parser.set_defaults(run=run)


def output_totals(output_path: str) -> dict[str, int]:
    """Count pages, feeds and bytes of a built site."""
    totals = {"halaman": 0, "umpan": 0, "berkas": 0, "bita": 0}
    for folder, _dirs, files in os.walk(output_path):
        for name in files:
            totals["berkas"] += 1
            totals["bita"] += os.path.getsize(os.path.join(folder, name))
            if name.endswith(".html"):
                totals["halaman"] += 1
            elif name in ("atom.xml", "rss.xml", "feed.json"):
                totals["umpan"] += 1
    return totals


def run(args: argparse.Namespace) -> int:
    """Build; print the check report on failure, totals on success."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    override = {"PATH": os.path.abspath(args.content)}
    if args.output:
        override["OUTPUT_PATH"] = os.path.abspath(args.output)
    settings = read_settings(args.settings, override=override)
    started = time.perf_counter()
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # Pelican's English summary line
            Pelican(settings).run()
    except NetworkCheckFailed as failure:
        print(str(failure).strip(), file=sys.stderr)
        print("Pembangunan dibatalkan: tidak ada berkas yang diterbitkan.", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    state = settings["WARTA_STATE"]
    totals = output_totals(settings["OUTPUT_PATH"])
    published = sum(1 for a in state.articles.values() if a.status == "published")
    megabytes = totals["bita"] / 1024**2
    print(
        f"Selesai dalam {elapsed:.1f} detik: {published} berita terbit dari {len(state.network.kims)} KIM, "
        f"{totals['halaman']} halaman, {totals['umpan']} umpan, {totals['berkas']} berkas, {megabytes:.1f} MB."
    )
    if totals["bita"] > 0.8 * GITHUB_PAGES_LIMIT:
        print(
            f"Peringatan: ukuran situs {megabytes:.0f} MB mendekati batas 1 GB GitHub Pages.",
            file=sys.stderr,
        )
    return 0
