"""The partner list (content/_data/mitra.yml): every mistake reported at once, by `kim periksa` and by the build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.site import build_content, make_network, run_kim

from warta_core.problems import NetworkCheckFailed
from warta_core.validation import check_network
from warta_partners import SettingsError
from warta_partners.config import load_partner_config

BROKEN = """\
# Daftar mitra uji dengan banyak kesalahan.
- id: kabar-baik
  nama: Kabar Baik
  beranda: https://baik.example/
  umpan: https://baik.example/rss
- id: kabar-baik
  nama: Kabar Kembar
  beranda: https://kembar.example/
  umpan: https://kembar.example/rss
- id: tanpa-umpan
  nama: Tanpa Umpan
  beranda: https://tanpa.example/
- id: ftp-saja
  nama: Media FTP
  beranda: javascript:alert(1)
  umpan: ftp://ftp.example/rss
  wilayah: ["18.09", "99.99"]
  topik: [pertanain]
  maks_berita: 0
  ketuaa: Budi
- id: Huruf Besar
  name: Pakai Alias
  nama: Dua Kali
  homepage: https://alias.example/
  feed: https://alias.example/rss
"""

EXPECTED = [
    'content/_data/mitra.yml:6: Mitra ke-2: id "kabar-baik" sudah dipakai mitra ke-1. Setiap mitra perlu id sendiri.',
    'content/_data/mitra.yml:10: Mitra ke-3 ("tanpa-umpan"): kolom `umpan` wajib diisi.',
    'content/_data/mitra.yml:15: Mitra ke-4 ("ftp-saja"): kolom `beranda` harus alamat lengkap yang diawali '
    'http:// atau https://, tetapi berisi "javascript:alert(1)".',
    'content/_data/mitra.yml:16: Mitra ke-4 ("ftp-saja"): kolom `umpan` harus alamat lengkap yang diawali '
    'http:// atau https://, tetapi berisi "ftp://ftp.example/rss".',
    'content/_data/mitra.yml:17: Mitra ke-4 ("ftp-saja"): kode wilayah "99.99" di kolom `wilayah` tidak ada di '
    "content/_data/wilayah.csv.",
    'content/_data/mitra.yml:18: Mitra ke-4 ("ftp-saja"): topik "pertanain" di kolom `topik` tidak dikenal. '
    'Mungkin maksud Anda "pertanian"?',
    'content/_data/mitra.yml:19: Mitra ke-4 ("ftp-saja"): kolom `maks_berita` harus bilangan bulat antara 1 dan '
    "500, tetapi berisi 0.",
    'content/_data/mitra.yml:20: Mitra ke-4 ("ftp-saja"): kolom `ketuaa` tidak dikenal.',
    'content/_data/mitra.yml:21: Mitra ke-5: kolom `id` "Huruf Besar" tidak sah.',
    "content/_data/mitra.yml:23: Mitra ke-5: kolom `nama` sama artinya dengan `name`; pakai salah satu.",
]

VALID = """\
- id: kabar-pesisir-uji
  nama: Kabar Pesisir Uji
  beranda: https://pesisir.example/
  umpan: http://127.0.0.1:9/umpan.rss
  wilayah: ["18.09", "18.72.01"]
  topik: [kebencanaan]
  sertakan: [banjir, "air pasang"]
  kecualikan: iklan, advertorial
  maks_berita: 12
- id: media-alias
  name: Media Dengan Nama Kolom Inggris
  homepage: https://alias.example/
  feed: https://alias.example/rss
  include: [desa]
  max_items: 3
"""


def test_every_mistake_is_reported_together_naming_entry_and_key(tmp_path: Path) -> None:
    content = make_network(tmp_path, {"_data/mitra.yml": BROKEN})
    result = run_kim("--konten", str(content), "check")
    assert result.returncode == 1
    report = result.stderr
    for line in EXPECTED:
        assert line in report, f"missing:\n{line}\nin:\n{report}"
    assert 'Mungkin maksud Anda "ketua"' not in report, "a partner entry has no `ketua` key to suggest"


def test_the_build_refuses_a_broken_partner_list(tmp_path: Path) -> None:
    content = make_network(tmp_path, {"_data/mitra.yml": BROKEN})
    with pytest.raises(NetworkCheckFailed) as failure:
        build_content(content, tmp_path / "output")
    for line in EXPECTED:
        assert line in str(failure.value)
    assert not (tmp_path / "output" / "mitra").exists()


def test_the_check_reports_partner_problems_beside_content_problems(tmp_path: Path) -> None:
    content = make_network(
        tmp_path,
        {
            "_data/mitra.yml": "- id: satu\n  nama: Satu\n  beranda: https://satu.example/\n",
            "kim/kim-uji-bagelen/2024/salah.md": "Judul: Tanpa Tanggal\nTopik: kesehatan\n\nIsi.\n",
        },
    )
    problems = [p.format(str(tmp_path)) for p in check_network(content).problems.errors]
    assert any(p.startswith("content/_data/mitra.yml:1: Mitra ke-1") and "`umpan` wajib diisi" in p for p in problems)
    assert any(p.startswith("content/kim/kim-uji-bagelen/2024/salah.md") for p in problems)


def test_a_valid_list_with_aliases_loads(tmp_path: Path) -> None:
    content = make_network(tmp_path, {"_data/mitra.yml": VALID})
    result = run_kim("--konten", str(content), "check")
    assert result.returncode == 0, result.stderr
    network = check_network(content).network
    config, problems = load_partner_config(network)
    assert not problems
    first, second = config.partners
    assert first.regions == ("18.09", "18.72.01") and first.topics == ("kebencanaan",)
    assert first.include == ("banjir", "air pasang") and first.exclude == ("iklan", "advertorial")
    assert first.max_items == 12 and first.url == "mitra/kabar-pesisir-uji/"
    assert second.name == "Media Dengan Nama Kolom Inggris" and second.max_items == 3
    assert second.feed == "https://alias.example/rss" and second.include == ("desa",)


def test_no_partner_list_is_not_an_error(tmp_path: Path) -> None:
    content = make_network(tmp_path)
    assert check_network(content).ok
    assert load_partner_config(check_network(content).network)[0].partners == []


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    content = make_network(tmp_path, {"_data/mitra.yml": "- id: satu\n  nama: [tidak ditutup\n"})
    result = run_kim("--konten", str(content), "check")
    assert result.returncode == 1
    assert re.search(r"content/_data/mitra\.yml:\d+: Format YAML rusak", result.stderr), result.stderr


def test_topic_keyword_file_is_checked(tmp_path: Path) -> None:
    content = make_network(tmp_path, {"_data/mitra-kata-kunci.yml": "pertanian: [sawah, padi]\nolahraga: [bola]\n"})
    problems = [p.format(str(tmp_path)) for p in check_network(content).problems.errors]
    assert any('mitra-kata-kunci.yml:2: Topik "olahraga" tidak dikenal.' in p for p in problems), problems


def test_bad_settings_are_reported_by_key(tmp_path: Path) -> None:
    content = make_network(tmp_path)
    with pytest.raises(SettingsError) as failure:
        build_content(content, tmp_path / "output", WARTA_MITRA_MAX_BYTES="besar", WARTA_MITRA_MAX_AGE_DAYS=-1)
    message = str(failure.value)
    assert "WARTA_MITRA_MAX_BYTES harus jumlah bita 1 atau lebih, tetapi berisi 'besar'" in message
    assert "WARTA_MITRA_MAX_AGE_DAYS harus bilangan bulat 0 atau lebih, tetapi berisi -1" in message
