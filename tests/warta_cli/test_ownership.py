"""`kim periksa --oleh USER --dasar REF` against a real git repository.

The demo content is committed to a throw-away repository by a network admin;
two KIM writers (different GIT_AUTHOR_NAME/EMAIL) then commit on branches, and
the check must allow changes inside a writer's own KIM folder and refuse
everything else, naming each offending file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from support.site import DEMO_CONTENT, article, run_kim

from warta_core.names import shown_name

ADMIN = ("Ratna Admin", "ratna-admin-warta@users.noreply.example.org")
SITI = ("Siti Rahmawati", "sitirahma-bgl@users.noreply.example.org")  # pengelola of kim-bagelen-berdaya
RINA = ("Rina Wulandari", "rinawulan-mtr@users.noreply.example.org")  # pengelola of kim-metro-berseri
BAGELEN = "content/kim/kim-bagelen-berdaya"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")
METRO = "content/kim/kim-metro-berseri"


class Repo:
    """A git repository in a temp dir, committing as a chosen author."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def git(self, *args: str, author: tuple[str, str] = ADMIN) -> str:
        name, email = author
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        result = subprocess.run(
            ["git", "-c", "commit.gpgsign=false", *args],
            cwd=self.path,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def symlink(self, relative: str, target: str) -> None:
        path = self.path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        path.symlink_to(target)

    def write(self, relative: str, text: str) -> None:
        path = self.path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def commit(self, message: str, author: tuple[str, str]) -> None:
        self.git("add", "-A", author=author)
        self.git("commit", "-q", "-m", message, author=author)

    def check(self, user: str, base: str = "main") -> subprocess.CompletedProcess[str]:
        return run_kim("--konten", str(self.path / "content"), "check", "--changed-by", user, "--base", base)


def demo_repository(path: Path) -> Repo:
    """The demo network committed by an admin on ``main``, in a new repository at ``path``."""
    repo = Repo(path)
    shutil.copytree(DEMO_CONTENT, repo.path / "content")
    repo.write("pelicanconf.py", "PATH = 'content'\n")
    repo.git("init", "-q", "-b", "main")
    repo.commit("Jaringan demo", ADMIN)
    return repo


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return demo_repository(tmp_path / "portal")


def test_writer_may_change_own_kim_folder(repo: Repo) -> None:
    repo.git("switch", "-q", "-c", "berita-siti")
    repo.write(f"{BAGELEN}/2025/2025-07-01-panen-kakao.md", article("Panen Kakao Bagelen"))
    (repo.path / BAGELEN / "gambar" / "panen.png").write_bytes(PNG)
    repo.commit("Berita panen kakao", SITI)
    result = repo.check("sitirahma-bgl")
    assert result.returncode == 0, result.stderr
    assert "2 berkas" in result.stdout
    assert f"{BAGELEN}/" in result.stdout
    # GitHub usernames are case-insensitive, and the workflow may pass "@user".
    assert repo.check("@SitiRahma-BGL").returncode == 0


def test_writer_may_not_change_another_kims_folder(repo: Repo) -> None:
    repo.git("switch", "-q", "-c", "ubah-bagelen")
    existing = next((repo.path / BAGELEN).rglob("*.md"))
    existing.write_text(existing.read_text(encoding="utf-8") + "\nTambahan dari KIM lain.\n", encoding="utf-8")
    repo.commit("Ubah berita Bagelen", RINA)
    result = repo.check("rinawulan-mtr")
    assert result.returncode == 1
    relative = existing.relative_to(repo.path).as_posix()
    assert (
        f'{relative}: folder KIM "kim-bagelen-berdaya" dikelola oleh @sitirahma-bgl, @dewianggra-bgl.' in result.stderr
    )
    assert f"Folder KIM yang dikelola @rinawulan-mtr: {METRO}/" in result.stderr


def test_branch_with_commits_by_two_authors_is_judged_per_user(repo: Repo) -> None:
    repo.git("switch", "-q", "-c", "gabungan")
    repo.write(f"{BAGELEN}/2025/2025-07-02-posyandu.md", article("Posyandu Juli"))
    repo.commit("Berita Bagelen", SITI)
    repo.write(f"{METRO}/2025/2025-07-02-bank-sampah.md", article("Bank Sampah Juli"))
    repo.commit("Berita Metro", RINA)
    log = repo.git("log", "--format=%an", "main..HEAD")
    assert log.split("\n")[:2] == ["Rina Wulandari", "Siti Rahmawati"]
    as_siti = repo.check("sitirahma-bgl")
    as_rina = repo.check("rinawulan-mtr")
    assert as_siti.returncode == as_rina.returncode == 1
    assert f"{METRO}/2025/2025-07-02-bank-sampah.md" in as_siti.stderr
    assert f"{BAGELEN}/2025/2025-07-02-posyandu.md" not in as_siti.stderr
    assert f"{BAGELEN}/2025/2025-07-02-posyandu.md" in as_rina.stderr
    assert repo.check("ratna-admin-warta").returncode == 0


def test_ownership_is_read_from_base_not_from_the_change(repo: Repo) -> None:
    """Adding oneself to another KIM's `pengelola` in the same change grants nothing."""
    repo.git("switch", "-q", "-c", "ambil-alih")
    profile = repo.path / BAGELEN / "kim.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + "  - rinawulan-mtr\n", encoding="utf-8")
    repo.write(f"{BAGELEN}/2025/2025-07-03-klaim.md", article("Klaim"))
    repo.commit("Tambah diri sebagai pengelola", RINA)
    result = repo.check("rinawulan-mtr")
    assert result.returncode == 1
    assert f"{BAGELEN}/kim.yml: folder KIM" in result.stderr
    assert f"{BAGELEN}/2025/2025-07-03-klaim.md: folder KIM" in result.stderr


def test_network_data_code_and_new_kims_are_for_admins(repo: Repo) -> None:
    repo.git("switch", "-q", "-c", "data")
    topics = repo.path / "content/_data/topik.yml"
    topics.write_text(topics.read_text(encoding="utf-8") + "- slug: olahraga\n  label: Olahraga\n", encoding="utf-8")
    repo.write("pelicanconf.py", "PATH = 'konten'\n")
    repo.write("content/kim/kim-baru-sekali/kim.yml", 'nama: KIM Baru\ndesa: "18.09.01.2007"\n')
    repo.write("content/kim/catatan.md", "Bukan di folder KIM mana pun.\n")
    repo.commit("Ubah data jaringan", SITI)
    result = repo.check("sitirahma-bgl")
    assert result.returncode == 1
    assert "@sitirahma-bgl mengubah 4 berkas di luar folder yang boleh diubahnya:" in result.stderr
    admins = "hanya admin jaringan (@ratna-admin-warta, @bayu-admin-warta) yang boleh mengubah berkas ini."
    assert f"content/_data/topik.yml: {admins}" in result.stderr
    assert f"pelicanconf.py: {admins}" in result.stderr
    assert f"content/kim/catatan.md: {admins}" in result.stderr
    assert 'content/kim/kim-baru-sekali/kim.yml: folder KIM "kim-baru-sekali" belum ada di main' in result.stderr
    admin = repo.check("bayu-admin-warta")
    assert admin.returncode == 0
    assert "admin jaringan" in admin.stdout


def test_moving_a_file_out_of_another_kims_folder_is_refused(repo: Repo) -> None:
    repo.git("switch", "-q", "-c", "pindah")
    source = next((repo.path / METRO).rglob("*.md")).relative_to(repo.path).as_posix()
    repo.git("mv", source, f"{BAGELEN}/2025/curian.md")
    repo.commit("Pindahkan berita", SITI)
    result = repo.check("sitirahma-bgl")
    assert result.returncode == 1
    assert f'{source}: folder KIM "kim-metro-berseri" dikelola oleh' in result.stderr
    assert f"{BAGELEN}/2025/curian.md" not in result.stderr


def test_changes_on_the_base_branch_after_branching_do_not_count(repo: Repo) -> None:
    repo.git("switch", "-q", "-c", "berita")
    repo.write(f"{BAGELEN}/2025/2025-07-04-rapat.md", article("Rapat"))
    repo.commit("Berita rapat", SITI)
    repo.git("switch", "-q", "main")
    repo.write("pelicanconf.py", "PATH = 'content'\nSITENAME = 'Warta'\n")
    repo.commit("Ubah pengaturan", ADMIN)
    repo.git("switch", "-q", "berita")
    result = repo.check("sitirahma-bgl")
    assert result.returncode == 0, result.stderr
    assert "1 berkas" in result.stdout


def test_no_changes_unknown_ref_and_missing_base(repo: Repo) -> None:
    unchanged = repo.check("sitirahma-bgl")
    assert unchanged.returncode == 0
    assert "Tidak ada berkas yang berubah sejak main." in unchanged.stdout
    unknown = repo.check("sitirahma-bgl", base="origin/tidak-ada")
    assert unknown.returncode == 2
    assert "Ref 'origin/tidak-ada' tidak ditemukan" in unknown.stderr
    alone = run_kim("--konten", str(repo.path / "content"), "check", "--changed-by", "sitirahma-bgl")
    assert alone.returncode == 2
    assert "--oleh dan --dasar" in alone.stderr


def test_symlinks_are_refused_even_inside_ones_own_folder_and_from_admins(repo: Repo) -> None:
    repo.git("switch", "-q", "-c", "tautan")
    repo.symlink(f"{BAGELEN}/gambar/rahasia.png", "/etc/passwd")
    repo.symlink(f"{BAGELEN}/2025/curian.md", "../../kim-metro-berseri/2024")
    repo.commit("Gambar", SITI)
    mode = repo.git("ls-tree", "HEAD", f"{BAGELEN}/gambar/rahasia.png").split()[0]
    assert mode == "120000"  # git really recorded a symlink, not a copy of its target
    result = repo.check("sitirahma-bgl")
    assert result.returncode == 1
    assert "2 berkas dari @sitirahma-bgl tidak diterima di repositori portal:" in result.stderr
    for path in (f"{BAGELEN}/gambar/rahasia.png", f"{BAGELEN}/2025/curian.md"):
        assert f"{path}: tautan simbolis (symlink) tidak diterima" in result.stderr
    assert "di luar folder yang boleh diubahnya" not in result.stderr  # it is her folder; the kind is wrong
    admin = repo.check("ratna-admin-warta")
    assert admin.returncode == 1
    assert f"{BAGELEN}/gambar/rahasia.png: tautan simbolis" in admin.stderr


def test_a_file_turned_into_a_symlink_is_refused(repo: Repo) -> None:
    existing = next((repo.path / BAGELEN).rglob("*.md")).relative_to(repo.path).as_posix()
    repo.git("switch", "-q", "-c", "ganti-jenis")
    repo.symlink(existing, "/proc/self/environ")
    repo.commit("Ganti berita", SITI)
    status = repo.git("diff", "--name-status", "main", "HEAD").split()
    assert status == ["T", existing]
    result = repo.check("sitirahma-bgl")
    assert result.returncode == 1
    assert f"{existing}: tautan simbolis (symlink) tidak diterima" in result.stderr


def test_deleting_a_symlink_from_ones_own_folder_is_allowed(repo: Repo) -> None:
    repo.symlink(f"{BAGELEN}/gambar/lama.png", "panen.png")
    repo.commit("Tautan lama", ADMIN)
    repo.git("switch", "-q", "-c", "bersih")
    repo.git("rm", "-q", f"{BAGELEN}/gambar/lama.png", author=SITI)
    repo.commit("Hapus tautan", SITI)
    result = repo.check("sitirahma-bgl")
    assert result.returncode == 0, result.stderr


REFUSED_KINDS = {
    "2025/2025-07-05-draf.md~": "jenis berkas ini tidak diterima",
    "2025/2025-07-05-draf.md.bak": "jenis berkas ini tidak diterima",
    "2025/CATATAN": "jenis berkas ini tidak diterima",
    "2025/halaman.mkd": "jenis berkas ini tidak diterima",
    "2025/lain.yml": "jenis berkas ini tidak diterima",
    "2025/BESAR.MD": 'ganti nama berkas menjadi "besar.md"',
    "gambar/foto.PNG": 'ganti nama berkas menjadi "foto.png"',
    ".arsip/2024-01-01-lama.md": "berkas atau folder tersembunyi",
    "2025/.rahasia.md": "berkas atau folder tersembunyi",
    "gambar/logo-baru.svg": "gambar SVG tidak diterima dari penulis KIM",
}


def test_writers_may_bring_only_articles_their_profile_and_raster_images(repo: Repo) -> None:
    repo.git("switch", "-q", "-c", "macam-macam")
    for relative in REFUSED_KINDS:
        repo.write(f"{BAGELEN}/{relative}", article("Berkas"))
    repo.write(f"{BAGELEN}/2025/2025-07-05-boleh.markdown", article("Boleh"))
    for name in ("a.jpg", "b.jpeg", "c.png", "d.gif", "e.webp"):
        (repo.path / BAGELEN / "gambar" / name).write_bytes(PNG)
    profile = repo.path / BAGELEN / "kim.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + "deskripsi: Baru.\n", encoding="utf-8")
    repo.commit("Macam-macam", SITI)
    result = repo.check("sitirahma-bgl")
    assert result.returncode == 1
    lines = [line.strip() for line in result.stderr.splitlines() if line.startswith("  ")]
    assert len(lines) == len(REFUSED_KINDS), result.stderr
    for relative, reason in REFUSED_KINDS.items():
        assert any(line.startswith(f"{BAGELEN}/{relative}: ") and reason in line for line in lines), relative
    # From a network admin (who may, for example, add an SVG logo) any kind passes; names that could not
    # be published (upper case, "~", a leading dot) are refused for admins too (test_names_... below).
    admin = repo.check("ratna-admin-warta")
    assert admin.returncode == 1
    refused = {line.strip().split(": ", 1)[0] for line in admin.stderr.splitlines() if line.startswith("  ")}
    unsafe = {"2025/2025-07-05-draf.md~", "2025/CATATAN", "2025/BESAR.MD", "gambar/foto.PNG",
              ".arsip/2024-01-01-lama.md", "2025/.rahasia.md"}  # fmt: skip
    assert refused == {f"{BAGELEN}/{relative}" for relative in unsafe}, admin.stderr


def test_a_pull_request_that_rewrites_the_checker_is_judged_by_the_base_checker(repo: Repo, tmp_path: Path) -> None:
    """As in .github/workflows/pull-request.yml: the installed (base) kim reads the head checkout as data."""
    marker = tmp_path / "dijalankan"
    rewritten = f"open({str(marker)!r}, 'w').close()\ndef run_check(args):\n    return 0\n"
    repo.git("switch", "-q", "-c", "pemeriksa-palsu")
    repo.write("cli/warta_cli/ownership.py", rewritten)
    repo.write("pyproject.toml", '[project]\nname = "warta-kim"\nversion = "9"\n')
    existing = next((repo.path / METRO).rglob("*.md"))
    existing.write_text(existing.read_text(encoding="utf-8") + "\nDiubah KIM lain.\n", encoding="utf-8")
    repo.commit("Pemeriksa yang selalu lolos", SITI)
    elsewhere = tmp_path / "runner"
    elsewhere.mkdir()
    result = run_kim(
        "--konten",
        str(repo.path / "content"),
        "check",
        "--changed-by",
        "sitirahma-bgl",
        "--base",
        "main",
        cwd=elsewhere,
    )
    assert result.returncode == 1
    assert "cli/warta_cli/ownership.py: hanya admin jaringan" in result.stderr
    assert f'{existing.relative_to(repo.path).as_posix()}: folder KIM "kim-metro-berseri"' in result.stderr
    assert not marker.exists()  # the head's code was never imported


# Names that would reach the published site and `git fast-import`, each with the safe name the check suggests.
UNSAFE_NAMES = {
    "gambar/a\nM 100644 inline x.png": "a-m-100644-inline-x.png",  # a fast-import command after a newline
    "gambar/Foto Panen.jpg": "foto-panen.jpg",
    "gambar/pa\u00f1en.png": "panen-2.png",  # "panen.png" is already in the folder
    "gambar/-x.png": "x.png",
    'gambar/a"b\\c.png': "a-b-c.png",
    "gambar/Posyandu-Bagelen.png": "posyandu-bagelen.png",  # only an .svg has that stem: no collision
    "2025\nM 644 inline x/berita.md": "2025-m-644-inline-x",  # a folder
}


def test_names_outside_the_alphabet_are_refused_for_writers_and_admins(repo: Repo) -> None:
    """Each name is refused on one line of the report, shown escaped, with a free name to use instead."""
    (repo.path / BAGELEN / "gambar" / "panen.png").write_bytes(PNG)
    repo.commit("Foto panen", ADMIN)
    repo.git("switch", "-q", "-c", "nama-berbahaya")
    for relative in UNSAFE_NAMES:
        path = repo.path / BAGELEN / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(PNG) if relative.startswith("gambar/") else path.write_text(article("Berkas"))
    not_utf8 = os.fsencode(repo.path / BAGELEN / "gambar") + b"/lama\xff"
    os.mkdir(not_utf8)
    with open(not_utf8 + b"/foto.png", "wb") as handle:
        handle.write(PNG)
    repo.commit("Nama-nama aneh", SITI)
    expected = {f"{BAGELEN}/{relative}": name for relative, name in UNSAFE_NAMES.items()}
    expected[f"{BAGELEN}/gambar/lama\udcff/foto.png"] = "lama"
    for user in ("sitirahma-bgl", "ratna-admin-warta"):
        result = repo.check(user)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        lines = [line.strip() for line in result.stderr.splitlines() if line.startswith("  ")]
        assert len(lines) == len(expected), result.stderr  # a newline in a name never splits a line of the report
        for path, suggestion in expected.items():
            shown = shown_name(path)
            line = next((line for line in lines if line.startswith(f"{shown}: ")), None)
            assert line is not None, (shown, result.stderr)
            assert "tidak aman untuk diterbitkan" in line and f'ganti namanya menjadi "{suggestion}"' in line, line


def test_removing_an_unsafe_name_is_allowed(repo: Repo) -> None:
    (repo.path / BAGELEN / "gambar" / "Foto Lama.png").write_bytes(PNG)
    repo.commit("Foto lama", ADMIN)
    repo.git("switch", "-q", "-c", "hapus")
    repo.git("rm", "-q", f"{BAGELEN}/gambar/Foto Lama.png", author=SITI)
    repo.commit("Hapus foto bernama buruk", SITI)
    result = repo.check("sitirahma-bgl")
    assert result.returncode == 0, result.stderr
