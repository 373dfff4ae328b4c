"""`kim bangun` prints log records in Indonesian, each plugin's name once (``warta_cli.logs``).

It used to print ``WARNING warta_network: warta_network: …``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from support.site import make_network, run_kim

from warta_cli.logs import IndonesianFormatter


def formatted(name: str, level: int, message: str) -> str:
    record = logging.LogRecord(name, level, __file__, 1, message, None, None)
    return IndonesianFormatter("%(message)s").format(record)


def test_the_plugin_is_named_once_and_the_level_in_indonesian() -> None:
    assert formatted("warta_partners", logging.WARNING, "warta_partners: cache x tidak terbaca") == (
        "peringatan: warta_partners: cache x tidak terbaca"
    )
    assert formatted("warta_partners.cache", logging.ERROR, "berkas hilang") == "galat: warta_partners: berkas hilang"
    assert formatted("warta_listings", logging.INFO, "warta_listings: selesai") == "warta_listings: selesai"
    report = "warta_network: Pemeriksaan menemukan 1 peringatan:\n  a.md:5: (peringatan) Kolom"
    assert formatted("warta_network", logging.WARNING, report) == report  # the report says "peringatan" itself


def test_build_warnings_read_once_in_indonesian(tmp_path: Path) -> None:
    text = "---\nJudul: A\nTanggal: 2024-03-05 09:30\nTopik: budaya\nlayout: berita\n---\n\nIsi.\n"
    content = make_network(tmp_path, {"kim/kim-uji-bagelen/2024/a.md": text})
    built = run_kim("--konten", str(content), "build", "--output", str(tmp_path / "output"))
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr and "warta_network: warta_network" not in built.stderr
    assert built.stderr.count("Pemeriksaan menemukan 1 peringatan:") == 1
    assert "warta_network: Pemeriksaan menemukan 1 peringatan:\n" in built.stderr
    assert 'content/kim/kim-uji-bagelen/2024/a.md:5: (peringatan) Kolom "layout" tidak dikenal dan diabaikan.' in (
        built.stderr
    )
