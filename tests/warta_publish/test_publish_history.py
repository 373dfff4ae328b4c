"""The published branch's history: replaced by one commit (``--tanpa-riwayat``, default) or kept (``--dengan-riwayat``).

Everything runs real git against real bare repositories, no mocks. The fast tests call ``publish_branch`` on plain
folders: a photo removed from the site is no longer reachable from the branch in replace mode and still is in keep
mode, switching to replace drops an old history even when no file changed (also from a shallow CI clone), the
forced push refuses to overwrite a publish it did not read, and the name and symlink guards stop both modes before
ghp-import runs. The slow tests run the real ``make publish`` on a tiny network whose photo story is withdrawn, in
both modes (``HISTORY=keep``, and no variable for the default).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from support.site import DEMO_CONTENT, article, make_network, run_kim
from test_publish import GUIDE, INSTALLED_STAMP, git, make_publish, new_project, tip

from warta_cli.main import make_parser
from warta_publish.branch import PublishError, PublishResult, Repository, publish_branch, push_branch

PHOTO_BYTES = b"\xff\xd8\xff\xe0 foto wajah warga yang harus hilang \xff\xd9"


def objects(remote: Path, branch: str = "gh-pages") -> set[str]:
    """Every object reachable from the remote's branch (commits, trees, blobs)."""
    return {line.split()[0] for line in git("--git-dir", str(remote), "rev-list", "--objects", branch).splitlines()}


def commits(remote: Path, branch: str = "gh-pages") -> int:
    return int(git("--git-dir", str(remote), "rev-list", "--count", branch))


def blob_id(data: bytes) -> str:
    """The blob id git gives these bytes."""
    return (
        subprocess.run(["git", "hash-object", "--stdin"], input=data, capture_output=True, check=True)
        .stdout.decode()
        .strip()
    )


class Site:
    """A plain output folder, a bare remote and a clone-like project: enough for ``publish_branch``."""

    def __init__(self, root: Path, remote_kind: str = "path") -> None:
        self.output = root / "situs"
        (self.output / "gambar").mkdir(parents=True)
        (self.output / "index.html").write_text("<p>Beranda</p>")
        (self.output / "gambar" / "wajah.jpg").write_bytes(PHOTO_BYTES)
        self.remote = root / "remote.git"
        git("init", "-q", "--bare", str(self.remote))
        self.project = new_project(root / "proyek")
        self.target = str(self.remote)
        if remote_kind == "named":  # ghp-import's own no_history path: a `<remote>/<branch>` tracking ref exists
            git("remote", "add", "origin", str(self.remote), cwd=self.project)
            self.target = "origin"

    def publish(self, *, keep_history: bool) -> PublishResult:
        return publish_branch(
            str(self.output),
            remote=self.target,
            branch="gh-pages",
            domain="",
            message="Terbitkan portal",
            repo_path=str(self.project),
            keep_history=keep_history,
        )

    def withdraw_photo(self) -> None:
        (self.output / "gambar" / "wajah.jpg").unlink()
        (self.output / "index.html").write_text("<p>Beranda, berita dicabut</p>")


@pytest.mark.parametrize("remote_kind", ["path", "named"])
def test_replace_mode_leaves_one_commit_without_the_withdrawn_photo(tmp_path: Path, remote_kind: str) -> None:
    site = Site(tmp_path, remote_kind)
    first = site.publish(keep_history=False)
    assert first.pushed and not first.replaced
    assert blob_id(PHOTO_BYTES) in objects(site.remote)
    site.withdraw_photo()
    second = site.publish(keep_history=False)
    assert second.pushed and second.replaced and second.previous == first.commit
    assert commits(site.remote) == 1
    assert git("--git-dir", str(site.remote), "rev-list", "--parents", "gh-pages") == second.commit  # a root commit
    assert blob_id(PHOTO_BYTES) not in objects(site.remote)
    assert first.commit not in objects(site.remote)
    assert second.changed_files(str(site.project)) == ["index.html"]  # diffed against the replaced commit


def test_keep_mode_grows_the_history_and_the_photo_stays_reachable(tmp_path: Path) -> None:
    site = Site(tmp_path)
    first = site.publish(keep_history=True)
    site.withdraw_photo()
    second = site.publish(keep_history=True)
    assert second.pushed and not second.replaced
    assert commits(site.remote) == 2
    assert git("--git-dir", str(site.remote), "rev-parse", "gh-pages^") == first.commit
    assert blob_id(PHOTO_BYTES) in objects(site.remote), "the old commit still holds the photo"
    assert "gambar/wajah.jpg" not in git("--git-dir", str(site.remote), "ls-tree", "-r", "--name-only", "gh-pages")


def test_switching_to_replace_drops_the_history_even_when_nothing_changed(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.publish(keep_history=True)
    site.withdraw_photo()
    kept = site.publish(keep_history=True)
    assert commits(site.remote) == 2
    replaced = site.publish(keep_history=False)  # same files: only the history goes
    assert replaced.pushed and replaced.replaced and not replaced.changed
    assert commits(site.remote) == 1 and replaced.commit != kept.commit
    assert blob_id(PHOTO_BYTES) not in objects(site.remote)
    again = site.publish(keep_history=False)  # one commit already: an unchanged site pushes nothing
    assert not again.pushed and again.commit == replaced.commit
    assert tip(site.remote) == replaced.commit


def test_an_unchanged_republish_within_the_same_second_is_no_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same files, message and second give the very same root commit: nothing to push, and no error."""
    monkeypatch.setenv("GIT_COMMITTER_DATE", "Mon, 07 Dec 2026 08:00:00 +0700")  # ghp-import's commit time
    site = Site(tmp_path)
    first = site.publish(keep_history=False)
    again = site.publish(keep_history=False)
    assert not again.pushed and again.commit == first.commit


def test_a_shallow_ci_clone_still_sees_the_history_it_must_drop(tmp_path: Path) -> None:
    site = Site(tmp_path)
    site.publish(keep_history=True)
    site.withdraw_photo()
    site.publish(keep_history=True)
    source = tmp_path / "sumber"
    git("init", "-q", str(source))
    git("commit", "-q", "--allow-empty", "-m", "satu", cwd=source)
    git("commit", "-q", "--allow-empty", "-m", "dua", cwd=source)
    clone = tmp_path / "klon-dangkal"
    git("clone", "-q", "--depth=1", f"file://{source}", str(clone))  # as actions/checkout does
    assert git("rev-parse", "--is-shallow-repository", cwd=clone) == "true"
    site.project = clone
    replaced = site.publish(keep_history=False)
    assert replaced.pushed and replaced.replaced
    assert commits(site.remote) == 1
    assert not site.publish(keep_history=False).pushed


def test_the_forced_push_only_replaces_the_commit_it_read(tmp_path: Path) -> None:
    """Another publish that landed meanwhile is not overwritten: ``--force-with-lease`` against the read commit."""
    site = Site(tmp_path)
    first = site.publish(keep_history=False)
    other = tmp_path / "penerbit-lain"
    git("clone", "-q", str(site.remote), str(other))
    git("checkout", "-q", "gh-pages", cwd=other)
    (other / "index.html").write_text("<p>Terbitan lain</p>")
    git("commit", "-q", "-am", "terbitan lain", cwd=other)
    git("push", "-q", "origin", "gh-pages", cwd=other)
    meanwhile = tip(site.remote)
    repo = Repository(str(site.project))
    lone = git("commit-tree", git("rev-parse", "gh-pages^{tree}", cwd=site.project), "-m", "ganti", cwd=site.project)
    git("update-ref", "refs/heads/gh-pages", lone, cwd=site.project)
    refused = push_branch(repo, str(site.remote), "gh-pages", first.commit, force=True)
    assert refused.returncode != 0 and "stale info" in refused.stderr
    assert tip(site.remote) == meanwhile
    assert push_branch(repo, str(site.remote), "gh-pages", None, force=True).returncode != 0  # "must not exist yet"
    assert push_branch(repo, str(site.remote), "gh-pages", meanwhile, force=True).returncode == 0
    assert tip(site.remote) == lone


@pytest.mark.parametrize("keep_history", [True, False], ids=["keep", "replace"])
@pytest.mark.parametrize("hazard", ["symlink", "newline"])
def test_name_and_symlink_guards_stop_both_modes_before_ghp_import(
    tmp_path: Path, keep_history: bool, hazard: str
) -> None:
    site = Site(tmp_path)
    first = site.publish(keep_history=keep_history)
    local = git("rev-parse", "refs/heads/gh-pages", cwd=site.project)
    if hazard == "symlink":
        (site.output / "rahasia.html").symlink_to("/etc/passwd")
    else:
        (site.output / "a\nM 100644 inline index.html").write_text("x")
    (site.output / "index.html").write_text("<p>Berubah</p>")  # something to publish, were it not refused
    with pytest.raises(PublishError, match="tautan simbolik" if hazard == "symlink" else "nama berkas atau folder"):
        site.publish(keep_history=keep_history)
    assert tip(site.remote) == first.commit
    assert git("rev-parse", "refs/heads/gh-pages", cwd=site.project) == local, "ghp-import ran (or the branch moved)"


# The real `make publish` on a tiny network with a photo story, withdrawn between two publishes.

KIM = "kim/kim-uji-bagelen"
PHOTO = f"{KIM}/gambar/wajah-warga.jpg"
STORY = f"{KIM}/2024/warga.md"
STORY_TEXT = article(
    "Warga Berkumpul di Balai Desa", "2024-03-10 08:00", "kesehatan",
    Gambar="gambar/wajah-warga.jpg", Deskripsi_Gambar="Wajah seorang warga di depan balai desa",
)  # fmt: skip
WITHDRAWAL = (
    "Dicabut: 2024-03-15 09:00\nAlasan-Pencabutan: trauma-korban\n"
    "Penjelasan-Pencabutan: Foto memuat wajah korban tanpa izin; keluarga meminta berita ditarik.\n"
)


def withdraw(content: Path) -> None:
    """Withdraw the photo story and remove its photo, as docs/user-guide/corrections.md tells a KIM to."""
    header, body = STORY_TEXT.split("\n\n", 1)
    kept = "\n".join(line for line in header.splitlines() if not line.startswith(("Gambar:", "Deskripsi-Gambar:")))
    (content / STORY).write_text(f"{kept}\n{WITHDRAWAL}\n{body}", encoding="utf-8")
    (content / PHOTO).unlink()


@pytest.mark.slow
@pytest.mark.parametrize("history", ["default", "keep"])
def test_make_publish_after_a_withdrawal(tmp_path: Path, history: str) -> None:
    if not INSTALLED_STAMP.exists():
        pytest.fail(f"{INSTALLED_STAMP} is missing: run `make setup` first (make publish must not install)")
    photo = (DEMO_CONTENT / "kim" / "kim-metro-berseri" / "gambar" / "kucing-warga.jpg").read_bytes()
    content = make_network(tmp_path, {**GUIDE, PHOTO: photo, STORY: STORY_TEXT})
    remote = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(remote))
    project = new_project(tmp_path / "proyek")
    variables = {"HISTORY": "keep"} if history == "keep" else {}
    first = make_publish(project, remote, content, tmp_path, **variables)
    assert first.returncode == 0, first.stdout + first.stderr
    listing = git("--git-dir", str(remote), "ls-tree", "-r", "gh-pages").splitlines()
    photo_blobs = {line.split()[2] for line in listing if "wajah-warga" in line}
    assert len(photo_blobs) >= 3, listing  # the photo, its sized variants and the share card
    withdraw(content)
    second = make_publish(project, remote, content, tmp_path, **variables)
    assert second.returncode == 0, second.stdout + second.stderr
    assert not any("wajah-warga" in name for name in git("--git-dir", str(remote), "ls-tree", "-r", "gh-pages"))
    if history == "keep":
        assert commits(remote) == 2
        assert photo_blobs <= objects(remote), "keep mode: the withdrawn photo stays in the branch's history"
    else:
        assert commits(remote) == 1
        assert photo_blobs & objects(remote) == set(), "replace mode: no withdrawn photo is reachable"
        assert "Riwayat cabang gh-pages diganti: cabang itu kini satu commit" in second.stdout


def test_make_publish_refuses_an_unknown_history_value(tmp_path: Path) -> None:
    result = make_publish(new_project(tmp_path / "proyek"), tmp_path / "remote.git", tmp_path, tmp_path, HISTORY="ya")
    assert result.returncode != 0
    assert 'HISTORY harus keep atau replace (bukan "ya")' in result.stderr
    assert "Pemeriksaan" not in result.stdout, "nothing ran"


def test_history_options_refuse_the_folder_mode(tmp_path: Path) -> None:
    content = make_network(tmp_path, {**GUIDE, "kim/kim-uji-bagelen/2024/satu.md": article("Satu")})
    done = run_kim("--konten", str(content), "terbitkan", "--tanpa-riwayat", "--ke-folder", str(tmp_path / "public"))
    assert done.returncode == 2
    assert "hanya berlaku untuk cabang git" in done.stderr
    assert not (tmp_path / "public").exists()


@pytest.mark.parametrize(
    ("arguments", "keep_history"),
    [
        (["terbitkan"], None),  # neither: WARTA_PUBLISH_KEEP_HISTORY decides
        (["terbitkan", "--tanpa-riwayat"], False),
        (["publish", "--no-history"], False),
        (["terbitkan", "--dengan-riwayat"], True),
        (["publish", "--keep-history"], True),
    ],
)
def test_history_options_have_indonesian_names_and_english_aliases(arguments: list[str], keep_history) -> None:
    assert make_parser().parse_args(arguments).keep_history is keep_history


def test_the_two_history_options_exclude_each_other() -> None:
    with pytest.raises(SystemExit):
        make_parser().parse_args(["terbitkan", "--tanpa-riwayat", "--dengan-riwayat"])
