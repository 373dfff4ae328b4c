"""`kim codeowners`: .github/CODEOWNERS generated from profiles and jaringan.yml.

The committed file must be current (this test fails when it is stale), the
generation idempotent, every KIM folder owned by its `pengelola` plus its
kabupaten's `pembina` team, and everything else by the network `admin`s.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from support.site import DEMO_CONTENT, ROOT, make_network, run_kim

from warta_core.network import load_network
from warta_core.validation import check_network


def owners(text: str) -> dict[str, list[str]]:
    """Pattern -> owners of a CODEOWNERS text (comments and blank lines skipped)."""
    rules = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *names = line.split()
            rules[pattern] = names
    return rules


def replace_ownership(content: Path, addition: str) -> None:
    """Rewrite the network's jaringan.yml without its `admin`/`pembina`, then append ``addition``."""
    jaringan = content / "_data" / "jaringan.yml"
    data = yaml.safe_load(jaringan.read_text(encoding="utf-8"))
    kept = {key: value for key, value in data.items() if key not in ("admin", "pembina")}
    jaringan.write_text(yaml.safe_dump(kept, allow_unicode=True) + addition, encoding="utf-8")


def test_committed_codeowners_is_current() -> None:
    """Fails when a profile or jaringan.yml changed without `kim codeowners` being run."""
    result = run_kim("--konten", str(DEMO_CONTENT), "codeowners", "--check")
    assert result.returncode == 0, f"Run `kim codeowners` and commit .github/CODEOWNERS:\n{result.stderr}"
    assert "sudah sesuai" in result.stdout


def test_every_kim_folder_is_owned_by_its_maintainers_and_coaching_team() -> None:
    rules = owners((ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8"))
    data = yaml.safe_load((DEMO_CONTENT / "_data" / "jaringan.yml").read_text(encoding="utf-8"))
    admins = [f"@{name}" for name in data["admin"]]
    assert rules["*"] == admins
    assert rules["/content/_data/"] == admins
    network, _ = load_network(str(DEMO_CONTENT))
    kim_rules = {pattern for pattern in rules if pattern.startswith("/content/kim/")}
    assert kim_rules == {f"/content/kim/{slug}/" for slug in network.kims}
    for slug, kim in network.kims.items():
        profile = yaml.safe_load((DEMO_CONTENT / "kim" / slug / "kim.yml").read_text(encoding="utf-8"))
        team = data["pembina"][kim.desa.kabupaten_code]
        assert rules[f"/content/kim/{slug}/"] == [f"@{name}" for name in profile["pengelola"]] + [team]


def test_regeneration_is_idempotent_and_check_detects_staleness(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, content)
    target = tmp_path / ".github" / "CODEOWNERS"
    missing = run_kim("--konten", str(content), "codeowners", "--check")
    assert missing.returncode == 1
    assert ".github/CODEOWNERS sudah usang" in missing.stderr
    first = run_kim("--konten", str(content), "codeowners")
    assert first.returncode == 0, first.stderr
    assert "9 folder KIM, 2 admin jaringan" in first.stdout
    written = target.read_bytes()
    assert written == (ROOT / ".github" / "CODEOWNERS").read_bytes()
    second = run_kim("--konten", str(content), "codeowners")
    assert "tidak ada yang diubah" in second.stdout
    assert target.read_bytes() == written

    profile = content / "kim" / "kim-way-lima-sejahtera" / "kim.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + "  - anggota-baru-wl\n", encoding="utf-8")
    stale = run_kim("--konten", str(content), "codeowners", "--check")
    assert stale.returncode == 1
    assert "+/content/kim/kim-way-lima-sejahtera/ @hendrasap-wl @anggota-baru-wl" in stale.stderr
    assert target.read_bytes() == written  # --check never writes
    assert run_kim("--konten", str(content), "codeowners").returncode == 0
    assert owners(target.read_text(encoding="utf-8"))["/content/kim/kim-way-lima-sejahtera/"] == [
        "@hendrasap-wl",
        "@anggota-baru-wl",
        "@warta-kim-sumatra/diskominfo-pesawaran",
    ]


def test_kim_without_team_or_maintainers(tmp_path: Path) -> None:
    """Test network: Bagelen has a maintainer and a team, Metro only a team, Panipahan nothing."""
    content = make_network(tmp_path)
    teams = 'pembina:\n  "18.09": "@org-uji/pesawaran"\n  "18.72": "org-uji/metro"\n  "99.01": "@org-uji/x"\n'
    replace_ownership(content, "admin: [admin-uji]\n" + teams)
    result = run_kim("--konten", str(content), "codeowners")
    assert result.returncode == 0, result.stderr
    rules = owners((tmp_path / ".github" / "CODEOWNERS").read_text(encoding="utf-8"))
    assert rules["/content/kim/kim-uji-bagelen/"] == ["@sari-uji", "@org-uji/pesawaran"]
    assert rules["/content/kim/kim-uji-metro/"] == ["@org-uji/metro"]
    assert rules["/content/kim/kim-uji-panipahan/"] == rules["*"]
    assert "kim-uji-panipahan/kim.yml: (peringatan) Kabupaten/kota 14.07 belum punya tim pembina" in result.stderr
    assert "belum punya pengelola maupun tim pembina" in result.stderr
    assert 'Kode "99.01" di kolom `pembina` tidak ada di daftar wilayah' in result.stderr
    assert rules["*"] == rules["/content/_data/"] == ["@admin-uji"]

    replace_ownership(content, teams)
    without_admins = run_kim("--konten", str(content), "codeowners")
    assert without_admins.returncode == 0
    assert "Kolom `admin` kosong" in without_admins.stderr
    rules = owners((tmp_path / ".github" / "CODEOWNERS").read_text(encoding="utf-8"))
    assert "*" not in rules
    assert "/content/kim/kim-uji-panipahan/" not in rules


@pytest.mark.parametrize(
    ("addition", "expect"),
    [
        ('pembina:\n  "18.09": "diskominfo pesawaran"\n', 'Tim pembina "diskominfo pesawaran" untuk kode 18.09'),
        ("pembina:\n  18.10: '@org/tim'\n", 'Kode "18.1" di kolom `pembina` bukan kode kabupaten/kota.'),
        ("pembina: [18.09]\n", "Kolom `pembina` harus berisi pasangan kode"),
        ("admin:\n  - -admin-salah\n", 'Nama pengguna "-admin-salah" di kolom `admin` tidak sah.'),
        ("admin: {nama: x}\n", "Kolom `admin` harus berupa daftar"),
    ],
)
def test_bad_ownership_data_fails_the_check(tmp_path: Path, addition: str, expect: str) -> None:
    content = make_network(tmp_path)
    replace_ownership(content, addition)
    result = check_network(content)
    messages = [p.format(str(tmp_path)) for p in result.problems.errors]
    assert any(m.startswith("content/_data/jaringan.yml:") and expect in m for m in messages), messages
    refused = run_kim("--konten", str(content), "codeowners")
    assert refused.returncode == 1
    assert expect in refused.stderr
    assert not (tmp_path / ".github" / "CODEOWNERS").exists()


def test_invalid_maintainer_username_is_refused(tmp_path: Path) -> None:
    content = make_network(tmp_path)
    profile = content / "kim" / "kim-uji-bagelen" / "kim.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + "  - nama dengan spasi\n", encoding="utf-8")
    result = run_kim("--konten", str(content), "codeowners")
    assert result.returncode == 1
    assert (
        'content/kim/kim-uji-bagelen/kim.yml: Nama pengguna "nama dengan spasi" di kolom `pengelola`' in result.stderr
    )
    assert not (tmp_path / ".github" / "CODEOWNERS").exists()
