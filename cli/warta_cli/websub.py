"""``kim websub``: tell the network's WebSub hub that feeds have changed."""

from __future__ import annotations

import argparse
import os
import sys

from warta_core.network import data_path, load_info
from warta_core.problems import ProblemList
from warta_syndication.formats import FEED_FILES


def add_parser(commands) -> None:
    """Register the ``websub`` sub-command."""
    parser = commands.add_parser(
        "websub",
        help="beri tahu hub WebSub bahwa umpan berubah",
        description=(
            "Mengirim pemberitahuan WebSub ke hub di content/_data/jaringan.yml (websub_hub) untuk umpan yang "
            "berubah. Tanpa argumen, semua umpan di folder hasil dikirim."
        ),
    )
    parser.add_argument("feeds", nargs="*", metavar="UMPAN", help="path umpan di dalam situs, misalnya kim/x/atom.xml")
    parser.add_argument(
        "--keluaran", "--output", dest="output", default="output", help="folder hasil pembangunan (bawaan: output)"
    )
    parser.add_argument(
        "--situs", dest="site", required=True, help="alamat publik portal, misalnya https://kim.example.org"
    )
    parser.set_defaults(run=run)


def feed_paths(output: str) -> list[str]:
    """Every feed file of a built site, as site-relative paths."""
    found = []
    for folder, _dirs, files in os.walk(output):
        found += [os.path.relpath(os.path.join(folder, f), output) for f in files if f in FEED_FILES]
    return sorted(path.replace(os.sep, "/") for path in found)


def run(args: argparse.Namespace) -> int:
    """Ping the hub; 0 when there is no hub or every ping was accepted."""
    problems = ProblemList()
    info = load_info(data_path(args.content, "jaringan.yml"), problems)
    if not info.websub_hub:
        print("Tidak ada hub WebSub (kolom websub_hub kosong); tidak ada yang dikirim.")
        return 0
    paths = [p.strip("/") for p in args.feeds] or feed_paths(args.output)
    paths = [p for p in paths if p.rsplit("/", 1)[-1] in FEED_FILES]
    topics = [f"{args.site.rstrip('/')}/{path}" for path in paths]
    # Imported here, not at the top: `kim` loads every command module, and `kim bangun` must not load httpx.
    from warta_syndication.websub import ping_hub  # noqa: PLC0415

    results = ping_hub(info.websub_hub, topics)
    failed = [r for r in results if not r.ok]
    print(f"{len(results) - len(failed)} dari {len(results)} umpan diberitahukan ke {info.websub_hub}.")
    for result in failed:
        reason = result.error or f"status HTTP {result.status}"
        print(f"  gagal: {result.topic} ({reason})", file=sys.stderr)
    return 1 if failed else 0
