"""Publishing refuses output names git could misread, whatever the content check said (defence in depth).

ghp-import writes every output path unquoted into a ``git fast-import`` stream, so a file name holding a
newline and fast-import commands rewrites the published branch: the first test shows that really happens
with ghp-import alone. The guard (``warta_publish.output_names``) is then fed hostile names directly, run
on the real demo output (every path of which it must accept), and run by the real publish against a real
bare repository, whose ``gh-pages`` must stay untouched.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.site import CODE_PATH, article, build_network, make_network
from test_publish import GUIDE, git, new_project, published_files, tip

from warta_core.names import published_path_problem
from warta_publish.branch import PublishError, Repository, commit_with_ghp_import, publish_branch
from warta_publish.output_check import check_output
from warta_publish.output_names import unpublishable_paths

# A file in a sub-folder whose name ends one fast-import command and starts another: the real data that
# ghp-import writes next becomes the new index.html at the site's root (written earlier, so overwritten).
INJECTION = "a\ndata 4\nEVIL\nM 100644 inline index.html"
INJECTED_INDEX = "<p>bukan dari hasil pembangunan</p>"

HOSTILE_NAMES = {  # id -> a file name in the output, and how the report must show it
    "newline": ("berita\n.html", "berita\\n.html"),
    "fast-import-commands": (INJECTION, "a\\ndata 4\\nEVIL\\nM 100644 inline index.html"),
    "carriage-return": ("berita\r.html", "berita\\r.html"),
    "double-quote": ('"berita.html', '"berita.html'),
    "c-quoted-path": ('"a\\nM 100644 inline index.html"', '"a\\\\nM 100644 inline index.html"'),
    "backslash": ("a\\b.html", "a\\\\b.html"),  # a backslash is shown doubled: never mistaken for an escape
    "space": ("berita baru.html", "berita baru.html"),
    "tab": ("berita\tbaru.html", "berita\\tbaru.html"),
    "leading-hyphen": ("-rf", "-rf"),
    "leading-dot": (".nojekyll", ".nojekyll"),
    "git-attributes": (".gitattributes", ".gitattributes"),
    "non-ascii": ("béritä.html", "béritä.html"),
    "bidi-override": ("berita\u202elmth.exe", "berita\\u202elmth.exe"),
    "not-utf-8": (os.fsdecode(b"berita\xff.html"), "berita\\udcff.html"),
}


def site(folder: Path, files: dict[str, str] | None = None) -> Path:
    """A small output folder: a home page, a 404 page and ``files``."""
    for name, text in {"index.html": "<p>beranda</p>", "404.html": "<p>hilang</p>", **(files or {})}.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return folder


def test_ghp_import_alone_lets_a_file_name_rewrite_the_branch(tmp_path: Path) -> None:
    """Why the guard exists: without it, the name below replaces the published home page."""
    output = site(tmp_path / "situs", {f"kim/{INJECTION}": INJECTED_INDEX})
    repo = Repository(str(new_project(tmp_path / "proyek")))
    commit_with_ghp_import(repo, str(output), "gh-pages", "origin", "", "uji")
    assert git("show", "gh-pages:index.html", cwd=Path(repo.path)) == INJECTED_INDEX


@pytest.mark.parametrize(("name", "shown"), HOSTILE_NAMES.values(), ids=HOSTILE_NAMES.keys())
def test_every_hostile_file_name_is_refused_and_shown_visibly(tmp_path: Path, name: str, shown: str) -> None:
    output = site(tmp_path)
    (output / "kim").mkdir()
    (output / "kim" / name).write_bytes(b"isi")
    problems = unpublishable_paths(str(output))
    assert len(problems) == 1 and problems[0].startswith(f"kim/{shown}: "), problems
    assert "\n" not in problems[0] and "\r" not in problems[0]


@pytest.mark.parametrize(
    "path",
    ["kim/../index.html", "..", "./index.html", "a//b.html", "/etc/passwd", "", "kim/", "a/.git/config"],
)
def test_paths_that_are_not_plain_relative_paths_are_refused(path: str) -> None:
    assert published_path_problem(path) is not None


def test_a_refused_folder_is_named_once_and_symlinks_and_special_files_are_refused(tmp_path: Path) -> None:
    output = site(tmp_path / "situs", {"kim/folder baru/a.html": "x", "kim/folder baru/b.html": "x"})
    secret = tmp_path / "rahasia.txt"
    secret.write_text("rahasia")
    (output / "kunci.txt").symlink_to(secret)
    (output / "tautan").symlink_to(tmp_path)
    os.mkfifo(output / "pipa")
    problems = unpublishable_paths(str(output))
    assert [problem.split(":", 1)[0] for problem in problems] == ["kim/folder baru", "kunci.txt", "pipa", "tautan"]
    assert "tautan simbolik" in problems[1] and "tautan simbolik" in problems[3]
    assert "bukan berkas biasa" in problems[2]
    assert unpublishable_paths(str(tmp_path / "tautan-situs")) == []  # a missing folder: nothing to refuse
    (tmp_path / "tautan-situs").symlink_to(output)
    assert "folder hasil adalah tautan simbolik" in unpublishable_paths(str(tmp_path / "tautan-situs"))[0]


def test_names_the_code_itself_writes_are_accepted(tmp_path: Path) -> None:
    names = [
        "admin/decap-cms.js.LICENSE.txt", "admin/1077.decap-cms.js", "pagefind/pagefind.id_e81e116ddd.pf_meta",
        "pagefind/fragment/id_0a1b2c.pf_fragment", "pagefind/wasm.unknown.pagefind", "_redirects",
        "kim/kim-uji-bagelen/secangkir-kopi-5d41402a-600.webp", "data/statistik-kim.xlsx",
    ]  # fmt: skip
    output = site(tmp_path, dict.fromkeys(names, "x"))
    assert unpublishable_paths(str(output)) == []


def test_the_alphabet_accepts_every_path_of_the_demo_output(demo_output: Path) -> None:
    paths = [
        os.path.relpath(os.path.join(folder, name), demo_output).replace(os.sep, "/")
        for folder, dirs, files in os.walk(demo_output)
        for name in dirs + files
    ]
    assert len(paths) > 500 and any(p.startswith("pagefind/") for p in paths)
    assert "admin/decap-cms.js.LICENSE.txt" in paths  # upper case: the content alphabet would refuse it
    assert [p for p in paths if published_path_problem(p)] == []
    assert unpublishable_paths(str(demo_output)) == []


def test_the_output_check_reports_bad_names_too_and_reads_no_link_or_fifo(tmp_path: Path) -> None:
    output = site(tmp_path, {"kim/berita baru.html": "x"})
    (output / "hilang.html").symlink_to(tmp_path / "tidak-ada.html")  # dangling
    os.mkfifo(output / "pipa.html")  # reading it would never end
    report = check_output(str(output), "", 1024**3)
    assert report.problems == [
        "hilang.html: tautan simbolik (symlink); ghp-import akan menerbitkan isi tujuannya, bukan tautannya",
        'kim/berita baru.html: bagian "berita baru.html" memakai karakter di luar abjad yang aman '
        "(yang boleh: huruf a-z dan A-Z, angka 0-9, titik, tanda hubung, garis bawah; "
        "tanpa titik atau tanda hubung di awal)",
        "pipa.html: bukan berkas biasa atau folder",
    ]


def test_publish_refuses_a_built_output_with_a_hostile_name_and_leaves_gh_pages(tmp_path: Path) -> None:
    """A name put straight into a real build's output (past the content check) never reaches git."""
    output = build_network(tmp_path, {**GUIDE, "kim/kim-uji-bagelen/2024/satu.md": article("Satu")})
    remote = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(remote))
    repo = new_project(tmp_path / "proyek")
    first = publish_branch(
        str(output), remote=str(remote), branch="gh-pages", domain="", message="m", repo_path=str(repo)
    )
    before = published_files(remote)
    assert first.pushed and "index.html" in before
    (output / "kim" / INJECTION).write_text(INJECTED_INDEX)
    (output / "kim" / "tab\tdan spasi").mkdir()
    (output / "berita.html").write_text("diubah")  # a real change, so only the guard can stop the publish
    with pytest.raises(PublishError) as refused:
        publish_branch(str(output), remote=str(remote), branch="gh-pages", domain="", message="m", repo_path=str(repo))
    report = str(refused.value)
    assert report.startswith("Hasil pembangunan memuat 2 nama berkas atau folder yang tidak boleh diserahkan ke git")
    assert "  kim/a\\ndata 4\\nEVIL\\nM 100644 inline index.html: " in report
    assert '  kim/tab\\tdan spasi: bagian "tab\\tdan spasi" memakai karakter' in report
    assert tip(remote) == first.commit and published_files(remote) == before
    assert INJECTED_INDEX not in git("--git-dir", str(remote), "show", "gh-pages:index.html")
    assert git("rev-parse", "gh-pages", cwd=repo) == first.commit, "the local branch is untouched too"


INJECTING_PLUGIN = f'''
"""Test plugin: after the build, put a hostile file name into the output, past the content check."""
import os
from pelican import signals


def inject(pelican):
    folder = os.path.join(pelican.output_path, "kim")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, {INJECTION!r}), "w") as handle:
        handle.write({INJECTED_INDEX!r})


def register():
    signals.finalized.connect(inject)
'''


@pytest.mark.slow
def test_kim_publish_exits_1_and_pushes_nothing_when_the_output_holds_a_hostile_name(tmp_path: Path) -> None:
    content = make_network(tmp_path, {**GUIDE, "kim/kim-uji-bagelen/2024/satu.md": article("Satu")})
    remote = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(remote))
    project = new_project(tmp_path / "proyek")
    first = publish_branch(
        str(site(tmp_path / "awal")), remote=str(remote), branch="gh-pages", domain="", message="m",
        repo_path=str(project),
    )  # fmt: skip
    (tmp_path / "sisipan").mkdir()
    (tmp_path / "sisipan" / "sisip_nama.py").write_text(INJECTING_PLUGIN)
    settings = project / "sisip.py"
    settings.write_text(
        "from publishconf import *\n"
        f"PLUGIN_PATHS = [*PLUGIN_PATHS, {str(tmp_path / 'sisipan')!r}]\nPLUGINS = [*PLUGINS, 'sisip_nama']\n"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith(("WARTA_", "GIT_"))}
    env.update({"PYTHONPATH": CODE_PATH, "TMPDIR": str(tmp_path), "HOME": str(tmp_path)})
    env.update({"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"})
    command = [sys.executable, "-m", "warta_cli.main", "--konten", str(content), "publish"]
    command += ["--pengaturan", str(settings), "--remote", str(remote)]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "kim/a\\ndata 4\\nEVIL\\nM 100644 inline index.html: " in result.stderr
    assert "Penerbitan dibatalkan: tidak ada yang dikirim" in result.stderr and "Traceback" not in result.stderr
    assert tip(remote) == first.commit and published_files(remote) == {"index.html", "404.html", ".nojekyll"}
