"""Tiny networks built in a temp dir, and the one way tests build a site.

``make_network`` writes a minimal valid network (two kabupaten, two KIMs)
that a test extends with its own files; ``build_content`` runs the real
Pelican build in-process on any content folder, and ``build_network`` is the
two together for the common case.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent.parent
TESTS = ROOT / "tests"
DEMO_CONTENT = ROOT / "content"
# The public address of the tests' builds: pelicanconf.py has none (a local build's links are root-relative).
TEST_ADDRESS = "http://127.0.0.1:8000"
# What a `kim` subprocess imports: the plugins and their core, and the command itself (PYTHONPATH).
CODE_PATH = os.pathsep.join([str(ROOT / "plugins"), str(ROOT / "cli")])

WILAYAH = """\
kode,nama
18,Lampung
18.09,Kabupaten Pesawaran
18.09.01,Gedong Tataan
18.09.01.2006,Gedung Tataan
18.09.01.2007,Bagelen
18.09.02,Negeri Katon
18.09.02.2003,Purworejo
18.09.02.2010,Bagelen
18.72,Kota Metro
18.72.01,Metro Pusat
18.72.01.1001,Metro
14,Riau
14.07,Kabupaten Rokan Hilir
14.07.06,Pasir Limau Kapas
14.07.06.1007,Panipahan
14.07.06.2001,Panipahan
14.07.06.2006,Panipahan Laut
"""

KIM_BAGELEN = """\
nama: KIM Uji Bagelen
desa: "18.09.01.2007"
tanggal_berdiri: 2019-03-12
ketua: Sari Uji
jumlah_anggota: 9
kontak:
  telepon: "0812-0000-0001"
deskripsi: KIM untuk pengujian.
pengelola:
  - sari-uji
"""

KIM_METRO = """\
nama: KIM Uji Metro
desa: "18.72.01.1001"
deskripsi: KIM kedua untuk pengujian.
"""

KIM_PANIPAHAN = """\
nama: KIM Uji Panipahan
desa: "14.07.06.2006"
"""


# Institutions an aspiration may be addressed to (warta_core.institutions), for the tiny network's kabupaten/kota.
INSTANSI = """\
- wilayah: "18.09"
  instansi:
    - nama: Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Pesawaran
      alias: [Dinas PUPR, DPUPR]
    - nama: Dinas Kesehatan Kabupaten Pesawaran
      alias: [Dinkes]
- wilayah: "18.72"
  instansi:
    - nama: Dinas Lingkungan Hidup Kota Metro
      alias: [DLH]
- wilayah: "14.07"
  instansi:
    - nama: Dinas Perikanan Kabupaten Rokan Hilir
"""


def article(title: str = "Berita Uji", date: str = "2024-03-05 09:30", topics: str = "kesehatan", **extra: str) -> str:
    """Markdown text of an article with the given header fields."""
    lines = [f"Judul: {title}", f"Tanggal: {date}", f"Topik: {topics}"]
    lines += [f"{key.replace('_', '-').title()}: {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n\nIsi berita uji. Warga berkumpul di balai desa.\n"


def make_network(root: Path, files: dict[str, str | bytes] | None = None, *, base: bool = True) -> Path:
    """Write a tiny valid network under ``root/content`` plus ``files``; return the content path."""
    content = root / "content"
    if base:
        data = content / "_data"
        data.mkdir(parents=True, exist_ok=True)
        shutil.copy(DEMO_CONTENT / "_data" / "topik.yml", data / "topik.yml")
        shutil.copy(DEMO_CONTENT / "_data" / "jaringan.yml", data / "jaringan.yml")
        shutil.copy(DEMO_CONTENT / "_data" / "penilaian.yml", data / "penilaian.yml")  # fact-check verdicts
        shutil.copy(DEMO_CONTENT / "_data" / "alasan-pencabutan.yml", data / "alasan-pencabutan.yml")  # withdrawals
        (data / "wilayah.csv").write_text(WILAYAH, encoding="utf-8")
        (data / "instansi.yml").write_text(INSTANSI, encoding="utf-8")  # aspirations' institutions
        for slug, profile in (
            ("kim-uji-bagelen", KIM_BAGELEN),
            ("kim-uji-metro", KIM_METRO),
            ("kim-uji-panipahan", KIM_PANIPAHAN),
        ):
            folder = content / "kim" / slug
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "kim.yml").write_text(profile, encoding="utf-8")
        (content / "pages").mkdir(exist_ok=True)
        (content / "pages" / "tentang.md").write_text("Judul: Tentang\nSlug: tentang\n\nTentang jaringan uji.\n")
    for relative, text in (files or {}).items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return content


def run_kim(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``kim`` command in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "warta_cli.main", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": CODE_PATH},
        check=False,
    )


def build_content(content: Path, output: Path, **settings: object) -> None:
    """Build ``content`` into ``output`` with the project's Pelican settings (in-process)."""
    from pelican import Pelican
    from pelican.settings import read_settings

    override = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(output) + ".cache",
        "FEED_DOMAIN": TEST_ADDRESS,  # an addressed build, like a published one; FEED_DOMAIN="" for a local one
        **settings,
    }
    Pelican(read_settings(str(ROOT / "pelicanconf.py"), override=override)).run()


def build_network(root: Path, files: dict[str, str | bytes] | None = None, **settings: object) -> Path:
    """Build the tiny network (plus ``files``) under ``root``; returns ``root/output``."""
    output = root / "output"
    build_content(make_network(root, files), output, **settings)
    return output


def soup(path: Path) -> BeautifulSoup:
    """Parse a built HTML page."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
