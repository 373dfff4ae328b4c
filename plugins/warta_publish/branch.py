"""Commit a checked site to the published branch with ghp-import and push it.

ghp-import writes the whole output folder as one commit on a local branch
(``gh-pages``) with ``.nojekyll`` and, for a custom domain, ``CNAME``. Around
it this module adds what a hands-off hourly publish needs:

- two ways to treat the published branch's history (``keep_history``):
  *replace* (``kim terbitkan --tanpa-riwayat``, ghp-import's ``no_history``)
  makes every publish one commit without a parent and pushes it with
  ``--force-with-lease`` against the commit read at the start, so a page or
  photo taken off the site is no longer reachable from the branch; *keep*
  (``--dengan-riwayat``) first sets the local branch to what the remote
  publishes, so the new commit always fast-forwards the branch (no force);
- ghp-import always makes a commit, so when the new tree equals the published
  one the commit is dropped again and nothing is pushed: an unchanged site
  makes no commit (in replace mode, unless the published branch still has
  older commits to drop);
- any failure leaves the remote branch exactly as it was;
- an output path outside the published alphabet, a symlink or a special
  file stops the publish before ghp-import sees the folder
  (:mod:`.output_names`): ghp-import passes paths to ``git fast-import``
  unquoted;
- :func:`check_remote` asks the remote (``git ls-remote``, with a timeout)
  before ``kim terbitkan`` builds anything, so a wrong address or a missing
  network costs seconds, not a full build.

Messages are in Bahasa Indonesia; git's own error text is quoted as is.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass

import ghp_import

from .output_names import unpublishable_paths, unpublishable_report

DEFAULT_COMMITTER = ("Warta KIM", "warta-kim@localhost")  # used only when git has no identity (fresh CI runner)
REMOTE_TIMEOUT = 60  # seconds for `git ls-remote`; a dead host otherwise hangs for minutes


class PublishError(Exception):
    """Publishing stopped; the message says why, in Bahasa Indonesia."""


@dataclass(frozen=True)
class PublishResult:
    """Outcome of a publish: the commit now on the branch, and what happened."""

    commit: str
    changed: bool
    pushed: bool
    previous: str | None = None  # the commit that was published before, if any
    replaced: bool = False  # the push dropped the branch's earlier commits (replace mode)

    def changed_files(self, repo_path: str = ".") -> list[str]:
        """Published files added or modified by this publish (all files on a first publish)."""
        repo = Repository(repo_path)
        if not self.pushed:
            return []
        if self.previous is None:
            listing = repo.git("ls-tree", "-r", "--name-only", self.commit)
        else:
            listing = repo.git("diff", "--name-only", "--diff-filter=AM", self.previous, self.commit)
        return listing.stdout.split()


class Repository:
    """The git repository that holds the published branch locally."""

    def __init__(self, path: str) -> None:
        self.path = os.path.abspath(path)

    def git(self, *args: str, check: bool = True, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
        """Run git without ever prompting for credentials (a prompt would hang CI)."""
        result = subprocess.run(
            ["git", *args],
            cwd=self.path,
            capture_output=True,
            text=True,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
            check=False,
            timeout=timeout,
        )
        if check and result.returncode != 0:
            detail = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"kode {result.returncode}"
            raise PublishError(f"Perintah `git {' '.join(args)}` gagal: {detail}")
        return result

    def sha(self, ref: str) -> str | None:
        """The commit (or object) a ref points to, or None when it does not exist."""
        result = self.git("rev-parse", "--verify", "--quiet", ref, check=False)
        return result.stdout.strip() or None

    def tree(self, commit: str) -> str:
        """The tree of a commit: equal trees mean identical published files."""
        return self.git("rev-parse", f"{commit}^{{tree}}").stdout.strip()

    def parents(self, commit: str) -> list[str]:
        """Parent commits of ``commit``."""
        return self.git("rev-list", "--parents", "-n", "1", commit).stdout.split()[1:]

    def set_branch(self, branch: str, commit: str | None, expected: str | None) -> None:
        """Move (or delete) a local branch, only if it still points where we left it."""
        ref = f"refs/heads/{branch}"
        if commit is None:
            self.git("update-ref", "-d", ref, *([expected] if expected else []))
        else:
            self.git("update-ref", ref, commit, *([expected] if expected else []))


def check_repository(repo: Repository, branch: str) -> None:
    """Refuse early when the folder is not a git repository or the branch cannot be published."""
    if repo.git("rev-parse", "--git-dir", check=False).returncode != 0:
        raise PublishError(
            f"Folder {repo.path} bukan repositori git. Jalankan `make publish` dari klon repositori portal."
        )
    if repo.git("check-ref-format", "--branch", branch, check=False).returncode != 0:
        raise PublishError(f'Nama cabang "{branch}" tidak sah. Pilih nama seperti gh-pages atau pages.')
    head = repo.git("symbolic-ref", "-q", "HEAD", check=False).stdout.strip()
    if head == f"refs/heads/{branch}":
        raise PublishError(
            f"Cabang {branch} sedang aktif di folder kerja ini. Pindah dulu ke cabang sumber (misalnya main)."
        )


def git_cause(result: subprocess.CompletedProcess[str]) -> str:
    """The first ``fatal:`` line of git (the cause; later lines are generic advice), as git wrote it."""
    lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
    fatal = [line.removeprefix("fatal: ") for line in lines if line.startswith(("fatal:", "error:"))]
    return (fatal or lines[-1:] or [f"kode {result.returncode}"])[0]


def remote_address(repo: Repository, remote: str) -> str:
    """The address behind a remote's name (``origin`` -> its URL), or the remote itself when it is an address."""
    result = repo.git("remote", "get-url", remote, check=False)
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else remote


def unreachable(repo: Repository, remote: str, detail: str) -> PublishError:
    """The Indonesian message for a remote that cannot be read: which remote, and what usually causes it."""
    address = remote_address(repo, remote)
    named = f'"{remote}"' + (f" ({address})" if address != remote else "")
    return PublishError(
        f"Remote {named} tidak dapat dihubungi: {detail}\n"
        "Kemungkinan penyebab: alamat remote salah (periksa dengan `git remote -v` atau REMOTE=...), "
        "tidak ada jaringan, atau tidak ada izin membaca repositori itu (periksa kunci SSH atau token)."
    )


def published_commit(repo: Repository, remote: str, branch: str) -> str | None:
    """The commit the remote publishes now (None before the first publish); refuses an unreachable remote."""
    try:
        result = repo.git(
            "ls-remote", "--exit-code", remote, f"refs/heads/{branch}", check=False, timeout=REMOTE_TIMEOUT
        )
    except subprocess.TimeoutExpired:
        raise unreachable(repo, remote, f"tidak ada jawaban dalam {REMOTE_TIMEOUT} detik") from None
    if result.returncode == 2:
        return None
    if result.returncode != 0:
        raise unreachable(repo, remote, git_cause(result))
    return result.stdout.split()[0]


def check_remote(remote: str, branch: str, repo_path: str = ".") -> str | None:
    """Before any build: the repository can publish ``branch`` and the remote answers; its current commit."""
    repo = Repository(repo_path)
    check_repository(repo, branch)
    return published_commit(repo, remote, branch)


def fetch_published(repo: Repository, remote: str, branch: str, *, parents: bool = False) -> str:
    """Fetch the published branch (only its tip in a shallow CI clone) and return its commit.

    With ``parents`` a shallow clone fetches one commit more, so that whether the tip has a parent is known
    (a shallow tip shows none): replace mode pushes an unchanged site only while older commits exist.
    """
    shallow = repo.git("rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    depth = [f"--depth={2 if parents else 1}"] if shallow else []
    repo.git("fetch", "--quiet", "--no-tags", *depth, remote, f"refs/heads/{branch}")
    fetched = repo.sha("FETCH_HEAD")
    if fetched is None:
        raise PublishError(f'Cabang {branch} dari remote "{remote}" tidak dapat diambil.')
    return fetched


def sync_tracking_ref(repo: Repository, remote: str, branch: str, commit: str | None) -> None:
    """Make ``<remote>/<branch>`` match the remote, because ghp-import resets the local branch to it."""
    if remote not in repo.git("remote").stdout.split():
        return  # a URL or path: ghp-import finds no tracking ref and leaves the branch alone
    ref = f"refs/remotes/{remote}/{branch}"
    if commit:
        repo.git("update-ref", ref, commit)
    elif repo.sha(ref):
        repo.git("update-ref", "-d", ref)


@contextlib.contextmanager
def committer_identity(repo: Repository) -> Iterator[None]:
    """Give ghp-import a committer when git has none configured (it reads these variables)."""
    added = {}
    for variable, key, default in zip(
        ("GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"), ("user.name", "user.email"), DEFAULT_COMMITTER, strict=True
    ):
        if not os.environ.get(variable) and not repo.git("config", key, check=False).stdout.strip():
            added[variable] = default
    os.environ.update(added)
    try:
        yield
    finally:
        for variable in added:
            os.environ.pop(variable, None)


def commit_with_ghp_import(
    repo: Repository, output: str, branch: str, remote: str, domain: str, message: str, *, keep_history: bool = True
) -> None:
    """Let ghp-import write the output folder as one commit on the local branch (a root commit without history)."""
    if not keep_history:
        # ghp-import's no_history deletes the local branch only when it finds a `<remote>/<branch>` tracking ref;
        # for a URL or path remote it would build on the local branch. Deleting it here makes both cases the same.
        local = repo.sha(f"refs/heads/{branch}")
        if local:
            repo.set_branch(branch, None, local)
    with contextlib.chdir(repo.path), committer_identity(repo):
        try:
            ghp_import.ghp_import(
                output,
                mesg=message,
                branch=branch,
                remote=remote,
                nojekyll=True,
                cname=domain or None,
                no_history=not keep_history,
                push=False,
            )
        except ghp_import.GhpError as error:
            raise PublishError(f"ghp-import gagal: {error.message}") from error
        except (OSError, TypeError) as error:  # ghp-import reports a failed fast-import by writing bytes to stdout
            raise PublishError(f"ghp-import gagal menulis commit: {error}") from error


# Pagefind's index (warta_search) is rebuilt from the article pages on every build and is not byte-reproducible
# (its filter and metadata files come out in varying order). When nothing else changed, the pages it was built
# from are identical, so the published index is as good: no commit for it alone.
REBUILT_EACH_TIME = ("pagefind/",)


def only_derived_index(repo: Repository, base: str, new: str) -> bool:
    """True when the commits differ only in files rebuilt on every build from unchanged pages."""
    names = repo.git("diff", "--name-only", base, new).stdout.split()
    return bool(names) and all(name.startswith(REBUILT_EACH_TIME) for name in names)


def publish_branch(
    output: str,
    *,
    remote: str,
    branch: str,
    domain: str,
    message: str,
    repo_path: str = ".",
    keep_history: bool = True,
) -> PublishResult:
    """Commit ``output`` to ``branch`` and push it to ``remote``; no commit when nothing changed.

    Names git could misread are refused first (:mod:`.output_names`), before any git command runs, in both
    modes. With ``keep_history`` the commit goes on top of the published one; without it the commit has no
    parent and replaces the branch (a push with ``--force-with-lease``), dropping every earlier commit.
    """
    problems = unpublishable_paths(output)
    if problems:
        raise PublishError(unpublishable_report(problems))
    repo = Repository(repo_path)
    check_repository(repo, branch)
    published = published_commit(repo, remote, branch)
    if published:
        base: str | None = fetch_published(repo, remote, branch, parents=not keep_history)
        repo.set_branch(branch, base, None)
    elif keep_history:
        base = repo.sha(f"refs/heads/{branch}")  # first publish to this remote: build on the local branch, if any
    else:
        base = None  # nothing published yet, and no history wanted: a stale local branch does not count
    sync_tracking_ref(repo, remote, branch, published and base)
    commit_with_ghp_import(repo, output, branch, remote, domain, message, keep_history=keep_history)
    new = repo.sha(f"refs/heads/{branch}")
    # Without history, the same files, message and second give the very same root commit: no change, not an error.
    if new is None or (new == base and keep_history):
        raise PublishError("ghp-import tidak membuat commit; lihat pesan git di atas.")
    if repo.parents(new) != ([base] if base and keep_history else []):
        repo.set_branch(branch, base, new)
        if not keep_history:
            raise PublishError(f"ghp-import membuat commit yang masih membawa riwayat cabang {branch}; tidak dikirim.")
        raise PublishError(
            f'Commit baru tidak tersusun di atas cabang {branch} yang terbit di "{remote}". '
            f"Hapus cabang lokal {branch} (git branch -D {branch}) lalu ulangi."
        )
    changed = base is None or (repo.tree(new) != repo.tree(base) and not only_derived_index(repo, base, new))
    # Replace mode still pushes an unchanged site while the published branch has older commits to drop.
    if not changed and (keep_history or not repo.parents(base)):
        repo.set_branch(branch, base, new)  # ghp-import always commits; drop the empty one
        new = base
    if new == published:
        return PublishResult(new, changed=False, pushed=False)
    push = push_branch(repo, remote, branch, published, force=not keep_history)
    if push.returncode != 0:
        detail = push.stderr.strip() or f"kode {push.returncode}"
        protected = (
            ""
            if keep_history
            else f" Bila cabang {branch} dilindungi dari force push, izinkan force push untuk cabang itu "
            "atau terbitkan dengan --dengan-riwayat."
        )
        raise PublishError(
            f'Remote "{remote}" menolak cabang {branch}: {detail}\n'
            f"Mungkin ada penerbitan lain pada saat yang sama; jalankan lagi sebentar kemudian.{protected}"
        )
    return PublishResult(
        new, changed=changed, pushed=True, previous=published, replaced=bool(published) and not keep_history
    )


def push_branch(
    repo: Repository, remote: str, branch: str, published: str | None, *, force: bool
) -> subprocess.CompletedProcess[str]:
    """Push the local branch; a forced push only replaces the commit this publish read at the start.

    ``--force-with-lease`` with that commit (empty: the branch must not exist yet) makes git refuse the push
    when another publish moved the branch meanwhile, as a plain fast-forward push would; ghp-import's own
    ``--force`` would overwrite it.
    """
    ref = f"refs/heads/{branch}"
    lease = [f"--force-with-lease={ref}:{published or ''}"] if force else []
    return repo.git("push", "--quiet", *lease, remote, f"{ref}:{ref}", check=False)
