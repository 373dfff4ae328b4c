"""``kim periksa --oleh USER --dasar REF``: may this user change the files a change touches.

For pull-request checks. The files changed since the merge base of REF and
HEAD are compared with what USER may change: the folders of the KIMs whose
``pengelola`` lists USER, or anything when USER is a network ``admin``.
Ownership is read from REF, never from HEAD, so a pull request cannot grant
itself rights by editing a profile or ``jaringan.yml``. Renames count as a
deletion plus an addition, so moving a file out of another KIM's folder is
refused too.

What a change may bring is checked from git's own record (the file mode), not
from a checkout: a symbolic link or a submodule is refused for everyone, since
it can point the build at files outside the KIM's folder (``.git/config``,
``/etc/passwd``). Inside their folder, writers may add or change only the kinds
a KIM publishes: articles, the profile, and raster images
(``warta_core.editor.RASTER_IMAGE_SUFFIXES``). SVG is refused from writers
because it can carry script and Decap CMS cannot keep it out of the web
editor's uploads. Deleting is always allowed inside one's own folder.

Names are checked for everyone too: every part of a path below
``content/kim/`` or ``content/pages/`` must use the alphabet of
``warta_core.names`` (names reach the published site and ``git
fast-import``; a newline in one can rewrite ``gh-pages``). Paths come from
``git diff -z``, so git never quotes them; they are decoded with
``surrogateescape`` and printed with ``shown_name``, so a name that is not
UTF-8 or holds a newline is refused by name, on one line, without a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from warta_core.editor import RASTER_IMAGE_SUFFIXES
from warta_core.files import ARTICLE_EXTENSIONS, PLACEHOLDERS
from warta_core.names import ALPHABET_TEXT, free_name, name_is_safe, shown_name, suggested_name, unsafe_reason
from warta_core.network import DATA_DIR, KIM_DIR, PAGES_DIR
from warta_core.problems import ProblemList
from warta_core.profiles import PROFILE_FILE
from warta_core.teams import Teams, load_teams
from warta_core.yamlfile import YamlDocument, load_yaml_text

from .unpublishing import unpublish_refusals


class GitError(Exception):
    """Git could not answer; the message is in Indonesian."""


@dataclass(frozen=True)
class Refusal:
    """A changed file the user may not change, and why."""

    path: str
    reason: str
    outside: bool = True  # outside the user's folders (else: a kind of file nobody, or no writer, may bring)


def git(repo: str, *args: str) -> str:
    """Run git in ``repo`` and return its output; raise GitError with git's message on failure."""
    result = subprocess.run(
        ["git", "-C", repo, *args], capture_output=True, text=True, errors="surrogateescape", check=False
    )
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git {' '.join(args)} gagal")
    return result.stdout


SYMLINK_MODE = "120000"
GITLINK_MODE = "160000"  # a submodule: a commit of another repository
ARTICLE_SUFFIXES = ARTICLE_EXTENSIONS  # the allowlist of warta_core.files
# Writers bring raster images only (SVG can carry script; admins add SVG logos): the allowlist's raster kinds.
WRITER_IMAGE_SUFFIXES = RASTER_IMAGE_SUFFIXES


@dataclass(frozen=True)
class Change:
    """One path a change touches, with its git mode after the change ("000000" when deleted)."""

    path: str
    mode: str
    status: str  # git's letter: A added, M modified, D deleted, T type changed

    @property
    def deleted(self) -> bool:
        """Whether the change removes the path."""
        return self.status == "D"


def parse_raw_diff(output: str) -> list[Change]:
    """Parse ``git diff --raw -z --no-renames``: ``:old new sha sha X`` then the path, NUL-separated."""
    fields = output.split("\0")
    changes = []
    for meta, path in zip(fields[0::2], fields[1::2], strict=False):
        if not meta.startswith(":") or not path:
            continue
        _old_mode, new_mode, _old_sha, _new_sha, status = meta[1:].split(" ")
        changes.append(Change(path, new_mode, status[:1]))
    return sorted(changes, key=lambda change: change.path)


def changed_files(repo: str, base: str) -> list[Change]:
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
    return parse_raw_diff(git(repo, "diff", "--raw", "--no-renames", "--no-abbrev", "-z", merge_base, "HEAD"))


def link_refusal(change: Change) -> str | None:
    """Why a symlink or submodule may not be added, for anyone; None for ordinary files and deletions."""
    if change.deleted:
        return None
    if change.mode == SYMLINK_MODE:
        return (
            "tautan simbolis (symlink) tidak diterima: tautan bisa menunjuk ke berkas di luar folder KIM "
            "(misalnya .git/config atau /etc/passwd) yang lalu ikut terbit. Ganti dengan berkas sebenarnya."
        )
    if change.mode == GITLINK_MODE:
        return "submodul git tidak diterima di repositori portal. Salin berkasnya ke repositori ini bila perlu."
    return None


def writer_file_refusal(inside_kim: list[str]) -> str | None:
    """Why a writer may not add or change this file of their KIM folder (path parts below the folder)."""
    if any(part.startswith(".") for part in inside_kim):
        return (
            "berkas atau folder tersembunyi (namanya diawali titik) tidak diterima. "
            "Ganti namanya tanpa titik di depan, atau hapus bila tidak perlu terbit."
        )
    name = inside_kim[-1]
    if inside_kim == [PROFILE_FILE]:
        return None
    suffix = os.path.splitext(name)[1]
    if suffix in ARTICLE_SUFFIXES or suffix in WRITER_IMAGE_SUFFIXES:
        return None
    if suffix.lower() in ARTICLE_SUFFIXES or suffix.lower() in WRITER_IMAGE_SUFFIXES:
        renamed = suggested_name(name)
        return f'akhiran "{shown_name(suffix)}" harus ditulis huruf kecil: ganti nama berkas menjadi "{renamed}".'
    if suffix.lower() == ".svg":
        return (
            "gambar SVG tidak diterima dari penulis KIM (juga lewat penyunting web): SVG bisa berisi skrip "
            "yang berjalan di portal. Simpan gambar sebagai JPG, PNG, atau WebP; logo SVG dipasang admin jaringan."
        )
    return (
        f"jenis berkas ini tidak diterima di folder KIM. Yang boleh: berita ({', '.join(ARTICLE_SUFFIXES)}), "
        f"{PROFILE_FILE} di folder KIM, dan gambar ({', '.join(WRITER_IMAGE_SUFFIXES)})."
    )


Siblings = Callable[[str], set[str]]  # folder (repository-relative) -> names in it


def name_refusal(change: Change, content: str, siblings: Siblings) -> str | None:
    """Why a path below ``content/kim/`` or ``content/pages/`` may not be added or changed: a name it uses."""
    if change.deleted:
        return None  # removing a badly named file is the fix
    prefix = next(
        (f"{content}/{top}/" for top in (KIM_DIR, PAGES_DIR) if change.path.startswith(f"{content}/{top}/")), None
    )
    if prefix is None:
        return None
    parts = change.path[len(prefix) :].split("/")
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if name_is_safe(part) or (last and part in PLACEHOLDERS):
            continue
        folder = prefix + "/".join(parts[:index])
        suggestion = free_name(part, siblings(folder.rstrip("/")))
        return (
            f'nama {"berkas" if last else "folder"} "{shown_name(part)}" tidak aman untuk diterbitkan '
            f'({unsafe_reason(part)}): ganti namanya menjadi "{suggestion}". Nama hanya boleh berisi {ALPHABET_TEXT}, '
            "diawali huruf atau angka."
        )
    return None


def sibling_names(repo: str, ref: str, content: str) -> Siblings:
    """Names in each folder below ``content`` at ``ref`` (read once, when first asked), for rename suggestions."""
    folders: dict[str, set[str]] = {}

    def names_in(folder: str) -> set[str]:
        if not folders:
            listing = git(repo, "ls-tree", "-r", "-t", "-z", "--name-only", ref, "--", content)
            for path in filter(None, listing.split("\0")):
                parent, _slash, name = path.rpartition("/")
                folders.setdefault(parent, set()).add(name)
            folders.setdefault("", set())  # read: do not list again
        return folders.get(folder, set())

    return names_in


def _show(repo: str, ref: str, path: str) -> str | None:
    try:
        return git(repo, "show", f"{ref}:{path}")
    except GitError:
        return None


def teams_at(repo: str, ref: str, content: str) -> Teams:
    """Network admins and coaching teams as ``jaringan.yml`` had them at ``ref``."""
    path = f"{content}/{DATA_DIR}/jaringan.yml"
    text = _show(repo, ref, path)
    document = load_yaml_text(path, text, ProblemList()) if text else None
    return load_teams(document or YamlDocument(path, None), ProblemList())


def maintainers_at(repo: str, ref: str, content: str, kim: str) -> tuple[str, ...] | None:
    """The KIM's ``pengelola`` at ``ref``; None when the folder or its profile did not exist there."""
    path = f"{content}/{KIM_DIR}/{kim}/{PROFILE_FILE}"
    text = _show(repo, ref, path)
    if text is None:
        return None
    document = load_yaml_text(path, text, ProblemList())  # a broken profile grants nothing
    data = document.data if document else None
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


def judge(
    repo: str, base: str, content: str, user: str, changes: list[Change]
) -> tuple[list[Refusal], list[str], bool]:
    """Refused files, the KIM folders the user may change, and whether the user is a network admin."""
    siblings = sibling_names(repo, "HEAD", content)
    teams = teams_at(repo, base, content)
    if teams.is_admin(user):
        refused = [(c.path, link_refusal(c) or name_refusal(c, content, siblings)) for c in changes]
        return [Refusal(path, reason, outside=False) for path, reason in refused if reason], [], True
    kim_prefix = f"{content}/{KIM_DIR}/"
    admins = _mentions(teams.admins) or "belum ada admin di jaringan.yml"
    owners: dict[str, tuple[str, ...] | None] = {}
    refusals: list[Refusal] = []
    allowed: set[str] = set()
    wanted = user.lstrip("@").lower()
    for change in changes:
        path = change.path
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
                Refusal(
                    path,
                    f'folder KIM "{shown_name(kim)}" belum ada di {base}; KIM baru ditambahkan oleh admin jaringan.',
                )
            )
        elif wanted in (name.lower() for name in maintainers):
            allowed.add(f"{kim_prefix}{kim}/")
            reason = link_refusal(change) or (
                None if change.deleted else writer_file_refusal(parts[1:]) or name_refusal(change, content, siblings)
            )
            if reason:
                refusals.append(Refusal(path, reason, outside=False))
        else:
            by = f"dikelola oleh {_mentions(maintainers)}" if maintainers else "belum punya pengelola"
            refusals.append(Refusal(path, f'folder KIM "{shown_name(kim)}" {by}.'))
    return refusals, sorted(allowed), False


def run_check(args: argparse.Namespace) -> int:
    """Report whether ``args.changed_by`` may make the changes since ``args.base``; 1 when not, 2 on errors."""
    if not args.changed_by or not args.base:
        print(
            "Gunakan --oleh dan --dasar bersama-sama, misalnya --oleh nama --dasar origin/main.",
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
        show = partial(_show, repo)  # a published story is withdrawn (kim tarik), never deleted or unpublished
        now = dt.datetime.now(dt.UTC)
        refusals += [
            Refusal(p, why, outside=False) for p, why in unpublish_refusals(files, content, show, args.base, now)
        ]
    except GitError as error:
        print(f"Pemeriksaan kepemilikan gagal: {error}", file=sys.stderr)
        return 2
    if not files:
        print(f"Tidak ada berkas yang berubah sejak {args.base}.")
        return 0
    if not refusals:
        if admin:
            print(f"@{user} adalah admin jaringan dan boleh mengubah semua berkas ({len(files)} berkas berubah).")
        else:
            print(
                f"Semua baik: {len(files)} berkas yang berubah sejak {args.base} berada di folder yang dikelola "
                f"@{user}: {', '.join(allowed)}"
            )
        return 0
    report_refusals(repo, args.base, content, user, refusals)
    return 1


def report_refusals(repo: str, base: str, content: str, user: str, refusals: list[Refusal]) -> None:
    """Print refused files: first those of the wrong kind, then those outside the user's folders."""
    unaccepted = [refusal for refusal in refusals if not refusal.outside]
    outside = [refusal for refusal in refusals if refusal.outside]
    if unaccepted:
        print(f"{len(unaccepted)} berkas dari @{user} tidak diterima di repositori portal:", file=sys.stderr)
        for refusal in unaccepted:
            print(f"  {shown_name(refusal.path)}: {refusal.reason}", file=sys.stderr)
    if not outside:
        return
    print(f"@{user} mengubah {len(outside)} berkas di luar folder yang boleh diubahnya:", file=sys.stderr)
    for refusal in outside:
        print(f"  {shown_name(refusal.path)}: {refusal.reason}", file=sys.stderr)
    own = ", ".join(folders_of(repo, base, content, user)) or f"tidak ada (@{user} belum tercatat di `pengelola`)"
    print(
        f"Folder KIM yang dikelola @{user}: {own}. Pindahkan perubahan lain ke pull request terpisah "
        "yang dibuat pengelola folder itu, atau minta admin jaringan meninjaunya.",
        file=sys.stderr,
    )
