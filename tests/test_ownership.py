"""`kim check --changed-by USER --base REF` against a real git repository.

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
from conftest import DEMO_CONTENT, article, run_kim

ADMIN = ("Ratna Admin", "ratna-admin-warta@users.noreply.example.org")
SITI = ("Siti Rahmawati", "sitirahma-bgl@users.noreply.example.org")  # pengelola of kim-bagelen-berdaya
RINA = ("Rina Wulandari", "rinawulan-mtr@users.noreply.example.org")  # pengelola of kim-metro-berseri
BAGELEN = "content/kim/kim-bagelen-berdaya"
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

    def write(self, relative: str, text: str) -> None:
        path = self.path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def commit(self, message: str, author: tuple[str, str]) -> None:
        self.git("add", "-A", author=author)
        self.git("commit", "-q", "-m", message, author=author)

    def check(self, user: str, base: str = "main") -> subprocess.CompletedProcess[str]:
        return run_kim("--konten", str(self.path / "content"), "check", "--changed-by", user, "--base", base)


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    repo = Repo(tmp_path / "portal")
    shutil.copytree(DEMO_CONTENT, repo.path / "content")
    repo.write("pelicanconf.py", "PATH = 'content'\n")
    repo.git("init", "-q", "-b", "main")
    repo.commit("Jaringan demo", ADMIN)
    return repo


def test_writer_may_change_own_kim_folder(repo: Repo) -> None:
    repo.git("switch", "-q", "-c", "berita-siti")
    repo.write(f"{BAGELEN}/2025/2025-07-01-panen-kakao.md", article("Panen Kakao Bagelen"))
    repo.write(f"{BAGELEN}/gambar/panen.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
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
    assert "--changed-by dan --base" in alone.stderr
