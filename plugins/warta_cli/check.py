"""``kim check``: the build's validation alone, fast, with one report."""

from __future__ import annotations

import argparse
import os
import sys
import time

from warta_network.problems import format_report
from warta_network.validation import check_network


def add_parser(commands) -> None:
    """Register the ``check`` sub-command."""
    parser = commands.add_parser(
        "check",
        help="periksa seluruh konten jaringan tanpa membangun situs",
        description="Memeriksa data jaringan, profil KIM, dan semua berita. Keluar dengan kode 1 bila ada masalah.",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check the network and print the report; 1 when there are errors."""
    content = args.content
    if not os.path.isdir(content):
        print(f"Folder konten '{content}' tidak ditemukan.", file=sys.stderr)
        return 2
    started = time.perf_counter()
    result = check_network(content)
    elapsed = time.perf_counter() - started
    root = os.path.dirname(os.path.abspath(content))
    if result.problems:
        print(format_report(result.problems.items, root), file=sys.stderr)
    if not result.ok:
        return 1
    print(
        f"Semua baik: {len(result.articles)} berita dari {len(result.network.kims)} KIM "
        f"diperiksa dalam {elapsed:.2f} detik."
    )
    return 0
