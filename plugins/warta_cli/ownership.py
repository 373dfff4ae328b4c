"""``kim check --changed-by USER --base REF``: may this user change the files a change touches.

For pull-request checks. The files changed since the merge base of REF and
HEAD are compared with what USER may change: the folders of the KIMs whose
``pengelola`` lists USER, or anything when USER is a network ``admin``.
Ownership is read from REF, never from HEAD, so a pull request cannot grant
itself rights by editing a profile or ``jaringan.yml``. Renames count as a
deletion plus an addition, so moving a file out of another KIM's folder is
refused too.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from dataclasses import dataclass

import yaml

from warta_network.network import DATA_DIR, KIM_DIR
from warta_network.problems import ProblemList
from warta_network.profiles import PROFILE_FILE
from warta_network.teams import Teams, load_teams
from warta_network.yamlfile import YamlDocument


class GitError(Exception):
    """Git could not answer; the message is in Indonesian."""


@dataclass(frozen=True)
class Refusal:
    """A changed file the user may not change, and why."""

    path: str
    reason: str


def git(repo: str, *args: str) -> str:
    """Run git in ``repo`` and return its output; raise GitError with git's message on failure."""
    result = subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git {' '.join(args)} gagal")
    return result.stdout


def changed_files(repo: str, base: str) -> list[str]:
    """Paths (relative to the repository) changed between the merge base of ``base`` and HEAD."""
    try:
        git(repo, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    except GitError as error:
        raise GitError(
            f"Ref '{base}' tidak ditemukan di repositori. Di pull request, ambil riwayat lengkap (fetch-depth: 0)."
        ) from error
    try:
        merge_base = git(repo, "merge-base", base, "HEAD").strip()
    except GitError as error:
        raise GitError(f"'{base}' dan HEAD tidak punya riwayat bersama (riwayat terpotong?).") from error
    output = git(repo, "diff", "--name-only", "--no-renames", "-z", merge_base, "HEAD")
    return sorted({path for path in output.split("\0") if path})


def _show(repo: str, ref: str, path: str) -> str | None:
    try:
        return git(repo, "show", f"{ref}:{path}")
    except GitError:
        return None


def teams_at(repo: str, ref: str, content: str) -> Teams:
    """Network admins and coaching teams as ``jaringan.yml`` had them at ``ref``."""
    path = f"{content}/{DATA_DIR}/jaringan.yml"
    text = _show(repo, ref, path)
    try:
        data = yaml.safe_load(text) if text else None
    except yaml.YAMLError:
        data = None
    return load_teams(YamlDocument(path, data), ProblemList())


def maintainers_at(repo: str, ref: str, content: str, kim: str) -> tuple[str, ...] | None:
    """The KIM's ``pengelola`` at ``ref``; None when the folder or its profile did not exist there."""
    text = _show(repo, ref, f"{content}/{KIM_DIR}/{kim}/{PROFILE_FILE}")
    if text is None:
        return None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return ()
    raw = data.get("pengelola") if isinstance(data, dict) else None
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        return ()
    return tuple(str(name).strip().lstrip("@") for name in raw if str(name).strip())


def folders_of(repo: str, ref: str, content: str, user: str) -> list[str]:
    """Every KIM folder whose ``pengelola`` lists ``user`` at ``ref`` (for the refusal message)."""
    try:
        output = git(repo, "grep", "-l", "-i", "-F", "-e", user, ref, "--", f"{content}/{KIM_DIR}/*/{PROFILE_FILE}")
    except GitError:
        return []  # git grep exits 1 when nothing matches
    folders = []
    for line in output.splitlines():
        path = line.split(":", 1)[1] if line.startswith(f"{ref}:") else line
        kim = path.split("/")[-2]
        if user.lower() in (name.lower() for name in maintainers_at(repo, ref, content, kim) or ()):
            folders.append(f"{content}/{KIM_DIR}/{kim}/")
    return sorted(folders)


def _mentions(names: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f"@{name}" for name in names)


def judge(repo: str, base: str, content: str, user: str, files: list[str]) -> tuple[list[Refusal], list[str], bool]:
    """Refused files, the KIM folders the user may change, and whether the user is a network admin."""
    teams = teams_at(repo, base, content)
    if teams.is_admin(user):
        return [], [], True
    kim_prefix = f"{content}/{KIM_DIR}/"
    admins = _mentions(teams.admins) or "belum ada admin di jaringan.yml"
    owners: dict[str, tuple[str, ...] | None] = {}
    refusals: list[Refusal] = []
    allowed: set[str] = set()
    wanted = user.lstrip("@").lower()
    for path in files:
        parts = path[len(kim_prefix) :].split("/") if path.startswith(kim_prefix) else []
        if len(parts) < 2:
            refusals.append(Refusal(path, f"hanya admin jaringan ({admins}) yang boleh mengubah berkas ini."))
            continue
        kim = parts[0]
        if kim not in owners:
            owners[kim] = maintainers_at(repo, base, content, kim)
        maintainers = owners[kim]
        if maintainers is None:
            refusals.append(
                Refusal(path, f'folder KIM "{kim}" belum ada di {base}; KIM baru ditambahkan oleh admin jaringan.')
            )
        elif wanted in (name.lower() for name in maintainers):
            allowed.add(f"{kim_prefix}{kim}/")
        else:
            by = f"dikelola oleh {_mentions(maintainers)}" if maintainers else "belum punya pengelola"
            refusals.append(Refusal(path, f'folder KIM "{kim}" {by}.'))
    return refusals, sorted(allowed), False


def run_check(args: argparse.Namespace) -> int:
    """Report whether ``args.changed_by`` may make the changes since ``args.base``; 1 when not, 2 on errors."""
    if not args.changed_by or not args.base:
        print(
            "Gunakan --changed-by dan --base bersama-sama, misalnya --changed-by nama --base origin/main.",
            file=sys.stderr,
        )
        return 2
    user = args.changed_by.strip().lstrip("@")
    content_dir = os.path.abspath(args.content)
    try:
        repo = git(content_dir if os.path.isdir(content_dir) else ".", "rev-parse", "--show-toplevel").strip()
        content = os.path.relpath(os.path.realpath(content_dir), os.path.realpath(repo)).replace(os.sep, "/")
        files = changed_files(repo, args.base)
        refusals, allowed, admin = judge(repo, args.base, content, user, files) if files else ([], [], False)
    except GitError as error:
        print(f"Pemeriksaan kepemilikan gagal: {error}", file=sys.stderr)
        return 2
    if not files:
        print(f"Tidak ada berkas yang berubah sejak {args.base}.")
        return 0
    if admin:
        print(f"@{user} adalah admin jaringan dan boleh mengubah semua berkas ({len(files)} berkas berubah).")
        return 0
    if not refusals:
        print(
            f"Semua baik: {len(files)} berkas yang berubah sejak {args.base} berada di folder yang dikelola "
            f"@{user}: {', '.join(allowed)}"
        )
        return 0
    print(f"@{user} mengubah {len(refusals)} berkas di luar folder yang boleh diubahnya:", file=sys.stderr)
    for refusal in refusals:
        print(f"  {refusal.path}: {refusal.reason}", file=sys.stderr)
    own = ", ".join(folders_of(repo, args.base, content, user)) or f"tidak ada (@{user} belum tercatat di `pengelola`)"
    print(
        f"Folder KIM yang dikelola @{user}: {own}. Pindahkan perubahan lain ke pull request terpisah "
        "yang dibuat pengelola folder itu, atau minta admin jaringan meninjaunya.",
        file=sys.stderr,
    )
    return 1
