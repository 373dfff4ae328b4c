"""Entry point of the ``kim`` command; every message is in Bahasa Indonesia."""

from __future__ import annotations

import argparse
import sys

from . import (
    build,
    check,
    codeowners,
    fetch,
    foto,
    importers,
    koreksi,
    laporan,
    new_article,
    new_kim,
    pencabutan,
    preview,
    publish,
    regions_import,
    serving,
    websub,
)


def make_parser() -> argparse.ArgumentParser:
    """Build the argument parser with one sub-command per task."""
    parser = argparse.ArgumentParser(
        prog="kim",
        description="Alat kerja jaringan Warta KIM: periksa, bangun, dan kelola konten.",
    )
    parser.add_argument(
        "--konten", dest="content", default="content", metavar="FOLDER", help="folder konten jaringan (bawaan: content)"
    )
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH")
    commands.required = True
    check.add_parser(commands)
    build.add_parser(commands)
    fetch.add_parser(commands)
    publish.add_parser(commands)
    regions_import.add_parser(commands)
    websub.add_parser(commands)
    new_article.add_parser(commands)
    new_kim.add_parser(commands)
    preview.add_parser(commands)
    serving.add_parser(commands)
    importers.add_parser(commands)
    codeowners.add_parser(commands)
    laporan.add_parser(commands)
    foto.add_parser(commands)
    koreksi.add_parser(commands)
    pencabutan.add_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command and return its exit code."""
    parser = make_parser()
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
