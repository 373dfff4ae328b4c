"""Publishing: ``make publish`` into real bare git repositories, the output check, the 404 page, size limits.

The slow tests run the real ``make publish`` (the project's Makefile, ``kim terbitkan``, Pelican, ghp-import, git)
from a throw-away clone-like folder against a bare repository in ``tmp_path``, with no global git identity,
as on a fresh CI runner. ``VENV`` points at the installed environment, which must not be reinstalled.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from support.site import DEMO_CONTENT, ROOT, article, build_network, make_network, run_kim, soup

from warta_publish.branch import PublishError, publish_branch
from warta_publish.output_check import check_output

VENV = ROOT / ".venv"
INSTALLED_STAMP = VENV / "bin" / ".installed"
PROJECT_FILES = ("pelicanconf.py", "publishconf.py", "plugins", "theme")
SITEURL = "https://contoh.github.io/warta-kim"
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's well-known empty tree
TEST_IDENTITY = {"NAME": "Penguji", "EMAIL": "penguji@example.org"}
GUIDE = {"pages/panduan.md": "Judul: Panduan\nSlug: panduan\n\nPanduan uji.\n"}  # other pages link to /panduan/


def git(*args: str, cwd: Path | None = None) -> str:
    """Run git and return its output (fails the test on error); a fixed identity for commits made by tests."""
    identity = {f"GIT_{who}_{what}": value for who in ("AUTHOR", "COMMITTER") for what, value in TEST_IDENTITY.items()}
    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **identity}, check=False
    )
    assert result.returncode == 0, f"git {' '.join(args)} failed: {result.stderr}"
    return result.stdout.strip()


def tip(remote: Path, branch: str = "gh-pages") -> str | None:
    """The commit a bare repository's branch points to, or None."""
    result = subprocess.run(
        ["git", "--git-dir", str(remote), "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or None


def commit_count(remote: Path) -> int:
    """Commits on the published branch."""
    return int(git("--git-dir", str(remote), "rev-list", "--count", "gh-pages"))


def published_files(remote: Path) -> set[str]:
    """Every file on the published branch."""
    return set(git("--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages").splitlines())


def published_text(remote: Path, path: str) -> str:
    """One file of the published branch."""
    return git("--git-dir", str(remote), "show", f"gh-pages:{path}")


def new_project(folder: Path) -> Path:
    """A clone-like working folder: the project's settings, plugins and theme, in a fresh git repository."""
    folder.mkdir(parents=True)
    for name in PROJECT_FILES:
        (folder / name).symlink_to(ROOT / name)
    git("init", "-q", cwd=folder)
    return folder


def make_publish(project: Path, remote: Path, content: Path, home: Path, **variables: str):
    """Run the real ``make publish`` with a clean environment (no git identity, no inherited make flags)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("WARTA_", "GIT_", "MAKE")) and key != "MFLAGS"
    }
    env.update({"HOME": str(home), "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"})
    settings = {"VENV": str(VENV), "REMOTE": str(remote), "CONTENT": str(content), **variables}
    command = ["make", "--no-print-directory", "-C", str(project), "-f", str(ROOT / "Makefile"), "publish"]
    command += [f"{key}={value}" for key, value in settings.items()]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False, timeout=300)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The demo content (a snapshot), published once to a fresh bare repository."""
    if not INSTALLED_STAMP.exists():
        pytest.fail(f"{INSTALLED_STAMP} is missing: run `make setup` first (make publish must not install)")
    root = tmp_path_factory.mktemp("terbit")
    content = root / "content"
    shutil.copytree(DEMO_CONTENT, content)
    remote = root / "remote.git"
    git("init", "-q", "--bare", str(remote))
    project = new_project(root / "proyek")
    stamp_mtime = INSTALLED_STAMP.stat().st_mtime_ns
    result = make_publish(project, remote, content, root, SITEURL=SITEURL)
    assert result.returncode == 0, result.stdout + result.stderr
    assert INSTALLED_STAMP.stat().st_mtime_ns == stamp_mtime, "make publish reinstalled the environment"
    return {"root": root, "content": content, "remote": remote, "project": project, "result": result}


def broken_copy(source: Path, target: Path) -> tuple[Path, Path]:
    """A copy of the content with one article's topic misspelled; returns (content, broken article)."""
    shutil.copytree(source, target)
    victim = sorted(target.glob("kim/*/*/*.md"))[0]
    text = victim.read_text(encoding="utf-8")
    victim.write_text(re.sub(r"^Topik: .*$", "Topik: pertanain", text, count=1, flags=re.M), encoding="utf-8")
    return target, victim


@pytest.mark.slow
def test_publish_puts_the_checked_site_on_gh_pages(published: dict) -> None:
    remote = published["remote"]
    files = published_files(remote)
    assert {"index.html", "404.html", ".nojekyll", "atom.xml"} <= files
    assert "CNAME" not in files
    assert published_text(remote, ".nojekyll") == ""
    home = published_text(remote, "index.html")
    assert f'href="{SITEURL}/kim/"' in home
    assert not re.search(r'(href|src)="/', home), "root-relative links break on a project page"
    assert commit_count(remote) == 1
    committer = git("--git-dir", str(remote), "log", "-1", "--format=%cn <%ce>", "gh-pages")
    assert committer == "Warta KIM <warta-kim@localhost>"  # no git identity configured, as on a fresh runner
    assert "4/4 Terbit: cabang gh-pages" in published["result"].stdout


@pytest.mark.slow
def test_publish_of_unchanged_content_adds_no_commit(published: dict, tmp_path: Path) -> None:
    remote, before = published["remote"], tip(published["remote"])
    again = make_publish(published["project"], remote, published["content"], tmp_path, SITEURL=SITEURL)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "tidak ada commit baru" in again.stdout
    # A fresh clone without a local gh-pages branch (every CI run) must see the same.
    fresh = new_project(tmp_path / "klon-baru")
    from_fresh = make_publish(fresh, remote, published["content"], tmp_path, SITEURL=SITEURL)
    assert from_fresh.returncode == 0, from_fresh.stdout + from_fresh.stderr
    assert "tidak ada commit baru" in from_fresh.stdout
    assert tip(remote) == before
    assert commit_count(remote) == 1


@pytest.mark.slow
def test_publish_with_invalid_article_exits_nonzero_and_leaves_branch(published: dict, tmp_path: Path) -> None:
    remote, before = published["remote"], tip(published["remote"])
    content, victim = broken_copy(published["content"], tmp_path / "content")
    result = make_publish(published["project"], remote, content, tmp_path, SITEURL=SITEURL)
    assert result.returncode != 0
    assert victim.name in result.stderr and "pertanain" in result.stderr
    assert "Penerbitan dibatalkan" in result.stderr
    assert tip(remote) == before
    assert commit_count(remote) == 1
    assert git("rev-parse", "refs/heads/gh-pages", cwd=published["project"]) == before  # local branch too


@pytest.mark.slow
def test_publish_with_broken_internal_link_exits_nonzero_and_leaves_branch(published: dict, tmp_path: Path) -> None:
    remote, before = published["remote"], tip(published["remote"])
    content = tmp_path / "content"
    shutil.copytree(published["content"], content)
    victim = sorted(content.glob("kim/*/*/*.md"))[0]
    with victim.open("a", encoding="utf-8") as handle:
        handle.write(f"\nBaca juga [berita lama]({SITEURL}/kim/kim-yang-tidak-ada/berita-lama/).\n")
    result = make_publish(published["project"], remote, content, tmp_path, SITEURL=SITEURL)
    assert result.returncode != 0
    assert "kim/kim-yang-tidak-ada/berita-lama/index.html tidak ada" in result.stderr
    assert f"content/{victim.relative_to(content)}" in result.stderr  # names the file the writer must fix
    assert "Penerbitan dibatalkan" in result.stderr
    assert tip(remote) == before


@pytest.mark.slow
def test_custom_domain_writes_cname_and_site_address(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, content)
    remote = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(remote))
    project = new_project(tmp_path / "proyek")
    result = make_publish(project, remote, content, tmp_path, DOMAIN="warta.contoh.go.id", BRANCH="terbit")
    assert result.returncode == 0, result.stdout + result.stderr
    assert tip(remote, "gh-pages") is None and tip(remote, "terbit")
    cname = git("--git-dir", str(remote), "show", "terbit:CNAME")
    assert cname == "warta.contoh.go.id"
    home = git("--git-dir", str(remote), "show", "terbit:index.html")
    assert 'href="https://warta.contoh.go.id/wilayah/"' in home


# Fast tests: the output check, the branch logic and the 404 page, on tiny sites and real git repositories.


def test_output_check_accepts_the_demo_build(demo_output: Path) -> None:
    report = check_output(str(demo_output), "", 1024**3)
    assert report.problems == []
    assert report.pages > 50 and report.links > 1000


def test_output_check_names_every_broken_link(tmp_path: Path) -> None:
    body = (
        "[hilang](../../../kim/kim-uji-metro/tidak-ada/) dan [salah alamat](/kim/kim-uji-metro/) "
        "dan [luar](https://example.org/x/) dan [surel](mailto:kim@example.org) dan [ada](../../../kim/)"
    )
    text = article("Berita Bertaut").replace("Isi berita uji.", body)
    output = build_network(
        tmp_path, {**GUIDE, "kim/kim-uji-bagelen/2024/taut.md": text}, SITEURL="https://contoh.github.io/warta"
    )
    report = check_output(str(output), "https://contoh.github.io/warta", 1024**3)
    page = "kim/kim-uji-bagelen/taut/index.html"
    assert sorted(report.problems) == [
        f'{page}: tautan "../../../kim/kim-uji-metro/tidak-ada/" menuju berkas yang tidak ada '
        "(kim/kim-uji-metro/tidak-ada/index.html tidak ada di hasil pembangunan).",
        f'{page}: tautan "/kim/kim-uji-metro/" keluar dari alamat situs https://contoh.github.io/warta/ sehingga '
        "rusak setelah terbit. Tulis tautan lengkap dengan alamat situs atau tautan relatif.",
    ]


def test_output_check_requires_home_and_404_and_size_limit(tmp_path: Path) -> None:
    (tmp_path / "tentang").mkdir()
    (tmp_path / "tentang" / "index.html").write_text("<!DOCTYPE html><title>x</title>" + "x" * 2000)
    report = check_output(str(tmp_path), "", 1000)
    assert "index.html: berkas wajib ini tidak ada di hasil pembangunan." in report.problems
    assert "404.html: berkas wajib ini tidak ada di hasil pembangunan." in report.problems
    assert any("melebihi batas" in p and "WARTA_PUBLISH_SITE_SIZE_LIMIT" in p for p in report.problems)


def test_local_branch_follows_the_remote_and_unreachable_remote_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "situs"
    site.mkdir()
    (site / "index.html").write_text("satu")
    remote = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(remote))
    repo = new_project(tmp_path / "proyek")
    first = publish_branch(
        str(site), remote=str(remote), branch="gh-pages", domain="", message="m", repo_path=str(repo)
    )
    assert first.pushed and first.changed
    # A stale local commit that never reached the remote must not become the parent of the next publish.
    stale = git("commit-tree", EMPTY_TREE, "-m", "belum pernah terkirim", cwd=repo)
    git("update-ref", "refs/heads/gh-pages", stale, cwd=repo)
    (site / "index.html").write_text("dua")
    second = publish_branch(
        str(site), remote=str(remote), branch="gh-pages", domain="", message="m", repo_path=str(repo)
    )
    assert second.pushed and git("--git-dir", str(remote), "rev-parse", "gh-pages^") == first.commit
    with pytest.raises(PublishError, match="tidak dapat dihubungi"):
        publish_branch(
            str(site),
            remote=str(tmp_path / "tidak-ada.git"),
            branch="gh-pages",
            domain="",
            message="m",
            repo_path=str(repo),
        )
    assert tip(remote) == second.commit


def test_not_found_page_helps_in_indonesian(demo_output: Path) -> None:
    page = soup(demo_output / "404.html")
    assert page.html["lang"] == "id"
    assert page.h1.get_text(strip=True) == "Halaman tidak ditemukan"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    main_links = {a.get_text(strip=True): a["href"] for a in page.select("main .jalan-pintas a")}
    assert main_links == {
        "Beranda": "/",
        "Direktori KIM": "/kim/",
        "Wilayah": "/wilayah/",
        "Topik": "/topik/",
        "Tentang portal ini": "/tentang/",
    }
    assert page.select_one("header nav"), "the 404 page keeps the site's header and menu (extends base.html)"
    assert len(page.select("main .daftar-berita > li")) == 5


def test_invalid_publish_setting_is_refused(tmp_path: Path) -> None:
    from warta_core.config_options import SettingsError

    expected = r"WARTA_PUBLISH_SITE_SIZE_WARNING harus pecahan lebih dari 0 dan paling besar 1, misalnya 0.8"
    with pytest.raises(SettingsError, match=expected):
        build_network(tmp_path, WARTA_PUBLISH_SITE_SIZE_WARNING=1.5)


def test_build_totals_warn_near_the_size_limit(tmp_path: Path) -> None:
    content = make_network(tmp_path, {"kim/kim-uji-bagelen/2024/satu.md": article("Satu")})
    settings = tmp_path / "kecil.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"THEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        "WARTA_PUBLISH_SITE_SIZE_LIMIT = 100_000\n"
    )
    result = run_kim("--konten", str(content), "build", "--pengaturan", str(settings), "--output", str(tmp_path / "o"))
    assert result.returncode == 0, result.stderr
    assert re.search(r"1 berita terbit dari 3 KIM, \d+ halaman, \d+ umpan", result.stdout)
    assert "Peringatan: ukuran situs" in result.stderr and "dari batas 0.1 MB layanan hosting" in result.stderr
    assert "(WARTA_PUBLISH_SITE_SIZE_LIMIT; GitHub Pages: 1 GB)" in result.stderr
    quiet = run_kim("--konten", str(content), "build", "--output", str(tmp_path / "o2"))
    assert quiet.returncode == 0 and "Peringatan: ukuran situs" not in quiet.stderr


def test_publish_into_a_folder_for_other_hosts(tmp_path: Path) -> None:
    good = make_network(tmp_path / "baik", {**GUIDE, "kim/kim-uji-bagelen/2024/satu.md": article("Satu")})
    folder = tmp_path / "public"
    result = run_kim("--konten", str(good), "publish", "--ke-folder", str(folder))
    assert result.returncode == 0, result.stderr
    assert (folder / "index.html").exists() and (folder / "404.html").exists()
    assert "4/4 Siap diunggah" in result.stdout
    again = run_kim("--konten", str(good), "publish", "--ke-folder", str(folder))
    assert again.returncode == 2 and "sudah berisi berkas" in again.stderr


def test_publish_into_a_folder_leaves_nothing_when_a_link_is_broken(tmp_path: Path) -> None:
    text = article("Satu").replace("Isi berita uji.", "[hilang](https://warta-kim.example.org/kim/tidak-ada/)")
    broken = make_network(tmp_path, {**GUIDE, "kim/kim-uji-bagelen/2024/satu.md": text})
    folder = tmp_path / "public"
    result = run_kim("--konten", str(broken), "publish", "--ke-folder", str(folder))
    assert result.returncode == 1
    assert "content/kim/kim-uji-bagelen/2024/satu.md (halaman kim/kim-uji-bagelen/satu/index.html)" in result.stderr
    assert not folder.exists()


def test_a_change_of_the_search_index_alone_is_no_change(tmp_path: Path) -> None:
    """Pagefind's index is not byte-reproducible: when no page changed, a new index alone makes no commit."""
    from warta_publish.branch import Repository, only_derived_index

    repo = Repository(str(tmp_path))
    identity = ["-c", "user.name=Uji", "-c", "user.email=uji@localhost"]
    repo.git("init", "-q")

    def commit(files: dict[str, str]) -> str:
        for name, text in files.items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text)
        repo.git("add", "-A")
        repo.git(*identity, "commit", "-q", "-m", "uji")
        return repo.git("rev-parse", "HEAD").stdout.strip()

    first = commit({"index.html": "halaman", "pagefind/pagefind-entry.json": "1"})
    index_only = commit({"pagefind/pagefind-entry.json": "2", "pagefind/filter/id_a.pf_filter": "x"})
    page_too = commit({"index.html": "halaman baru", "pagefind/pagefind-entry.json": "3"})
    assert only_derived_index(repo, first, index_only)
    assert not only_derived_index(repo, index_only, page_too)
    assert not only_derived_index(repo, first, first)
