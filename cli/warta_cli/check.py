"""``kim periksa [PATH…]``: the build's validation alone, fast, with one report.

The whole network is always loaded and checked (an article is only valid
against the current topics, regions and KIM profiles), but the report can be
restricted to some files or KIM folders, so a writer sees only what concerns
their own work. Problems in the network data (``content/_data``) and in the
profile of a KIM being checked are always shown: they break that work too.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from warta_core.config_options import DEFAULT_SETTINGS_FILE, SettingsError
from warta_core.network import DATA_DIR, KIM_DIR
from warta_core.problems import ERROR, Problem, format_report
from warta_core.profiles import PROFILE_FILE
from warta_core.text import did_you_mean
from warta_core.validation import CheckResult, check_network
from warta_network.settings_check import check_settings, format_settings_report, read_settings_file

from . import ownership
from .options import add_settings_option


def add_parser(commands) -> None:
    """Register the ``check`` sub-command."""
    parser = commands.add_parser(
        "periksa",
        aliases=["check"],
        help="periksa konten jaringan (seluruhnya, atau berkas/folder KIM tertentu) tanpa membangun situs",
        description=(
            "Memeriksa data jaringan, profil KIM, dan semua berita. Bila BERKAS diberikan, laporan dibatasi "
            "pada berkas atau folder KIM itu. Keluar dengan kode 1 bila ada masalah."
        ),
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="BERKAS",
        help="berkas berita, folder KIM, atau nama folder KIM (misalnya kim-bagelen-berdaya); bawaan: semuanya",
    )
    parser.add_argument(
        "--oleh",
        "--changed-by",
        dest="changed_by",
        metavar="PENGGUNA",
        help="hanya periksa kepemilikan: bolehkah PENGGUNA mengubah berkas yang berubah sejak --dasar (untuk PR)",
    )
    parser.add_argument(
        "--dasar",
        "--base",
        dest="base",
        metavar="REF",
        help="cabang atau commit dasar pull request, misalnya origin/main",
    )
    add_settings_option(parser, default=None)  # without it: pelicanconf.py when present, else the defaults
    parser.set_defaults(run=run)


class TargetError(Exception):
    """A path given on the command line that cannot be checked; message in Indonesian."""


def resolve_targets(content: str, paths: list[str]) -> list[str]:
    """Absolute paths to report on; a bare KIM folder name stands for that folder."""
    content = os.path.abspath(content)
    kim_root = os.path.join(content, KIM_DIR)
    targets = []
    for written in paths:
        path = os.path.abspath(written)
        if not os.path.exists(path):
            candidate = os.path.join(kim_root, written.strip("/"))
            if os.sep not in written.strip("/") and os.path.isdir(candidate):
                path = candidate
            else:
                kims = sorted(os.listdir(kim_root)) if os.path.isdir(kim_root) else []
                hint = did_you_mean(os.path.basename(written.rstrip("/")), kims)
                raise TargetError(f"'{written}' tidak ditemukan, bukan berkas dan bukan folder KIM. {hint}".strip())
        if path != content and not path.startswith(content + os.sep):
            raise TargetError(f"'{written}' berada di luar folder konten {content}.")
        targets.append(path)
    return targets


def _within(path: str, targets: list[str]) -> bool:
    return any(path == target or path.startswith(target + os.sep) for target in targets)


def select_problems(result: CheckResult, targets: list[str]) -> list[Problem]:
    """Problems concerning the targets, the network data, and the profiles of the KIMs involved."""
    if not targets:
        return list(result.problems.items)
    content = result.network.content_path
    kim_root = os.path.join(content, KIM_DIR)
    data = [os.path.join(content, DATA_DIR)]
    profiles: set[str] = set()
    for target in targets:
        relative = os.path.relpath(target, kim_root)
        if not relative.startswith("..") and relative != ".":
            folder = os.path.join(kim_root, relative.split(os.sep)[0])
            profiles.update((folder, os.path.join(folder, PROFILE_FILE)))  # folder-level problems name the folder
    return [p for p in result.problems.items if _within(p.path, targets) or _within(p.path, data) or p.path in profiles]


def run(args: argparse.Namespace) -> int:
    """Check the network and print the report; 1 when there are errors, 2 for bad arguments."""
    if args.changed_by or args.base:
        return ownership.run_check(args)
    content = args.content
    if not os.path.isdir(content):
        print(f"Folder konten '{content}' tidak ditemukan.", file=sys.stderr)
        return 2
    try:
        targets = resolve_targets(content, args.paths)
    except TargetError as error:
        print(f"Pemeriksaan dibatalkan: {error}", file=sys.stderr)
        return 2
    try:
        settings_problems = check_settings_file(args.settings, content)
    except SettingsError as error:  # the file itself is missing or broken
        print(f"Pemeriksaan dibatalkan: {str(error).strip()}", file=sys.stderr)
        return 1
    if settings_problems:
        print(format_settings_report(settings_problems), file=sys.stderr)
    started = time.perf_counter()
    result = check_network(content)
    elapsed = time.perf_counter() - started
    return report(result, targets, elapsed, settings_ok=not any(p.severity == ERROR for p in settings_problems))


def check_settings_file(path: str | None, content: str) -> list[Problem]:
    """What the build would refuse or warn about in the settings; nothing when the default file is absent.

    Only the current folder's file (or the one given) is run, never one beside the checked content:
    the pull-request job checks a head's content whose own pelicanconf.py is untrusted Python.
    """
    if path is None:
        if not os.path.isfile(DEFAULT_SETTINGS_FILE):
            return []  # run outside a portal's folder: only the content can be checked
        path = DEFAULT_SETTINGS_FILE
    settings = read_settings_file(path, {"PATH": os.path.abspath(content)})
    return check_settings(settings).items


def report(result: CheckResult, targets: list[str], elapsed: float, settings_ok: bool = True) -> int:
    """Print the (restricted) report; return the exit code (1 also when the settings were refused)."""
    root = os.path.dirname(result.network.content_path)
    problems = select_problems(result, targets)
    if problems:
        print(format_report(problems, root), file=sys.stderr)
    if any(p.severity == ERROR for p in problems) or not settings_ok:
        return 1
    if targets:
        checked = sum(1 for path in result.articles if _within(path, targets))
        where = ", ".join(os.path.relpath(t, root) for t in targets)
        print(
            f"Semua baik: {checked} berita di {where} diperiksa bersama seluruh jaringan "
            f"({len(result.articles)} berita dari {len(result.network.kims)} KIM) dalam {elapsed:.2f} detik."
        )
    else:
        print(
            f"Semua baik: {len(result.articles)} berita dari {len(result.network.kims)} KIM "
            f"diperiksa dalam {elapsed:.2f} detik."
        )
    return 0
