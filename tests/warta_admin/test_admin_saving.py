"""What the web editor does when a writer saves, without a browser: status, file name, required fields, commits.

Issue 25, item 3. One status control: where saves go through Decap's editorial workflow (a pull request per
story) its own status (Draf, Ditinjau, Siap) is the writer's, and the form's ``Status`` is hidden and set on
saving; where there is no workflow the form's select is the only one. The file is named by ``Tanggal`` as
written (06:30 WIB on 8 December is ``2026-12-08``, where Decap's ``{{day}}`` would give the UTC day, the 7th).
Fields the check requires once another is filled are asked for before the save. Commit messages (and the pull
requests Decap names after them) name the KIM. ``beforeSave`` of penyunting.js runs in node, in the time zone
of a writer in Jakarta.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from support.site import ROOT, make_network
from test_admin_config import without_editor

from warta_admin.config import COMMIT_MESSAGES, ENTRY_PATH, config_yaml, decap_config
from warta_core.network import load_network

PENYUNTING = ROOT / "plugins" / "warta_admin" / "static" / "penyunting.js"
NODE = shutil.which("node")
GITHUB = {"backend": "github", "repo": "warta/portal", "branch": "main"}


def run_editor(script: str, timezone: str = "Asia/Jakarta") -> object:
    """Run ``script`` in node with penyunting.js loaded, in ``timezone``; its printed JSON."""
    prelude = f"global.window = {{addEventListener() {{}}}}; require({json.dumps(str(PENYUNTING))});\n"
    result = subprocess.run(
        [NODE, "-e", prelude + script],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={**os.environ, "TZ": timezone},
    )
    return json.loads(result.stdout)


def before_save(data: dict, now: str) -> dict:
    """``beforeSave(data, now)`` of penyunting.js: the changes it makes, or ``{"error": message}``."""
    return run_editor(
        f"let out; try {{ out = window.wartaKimFormat.beforeSave({json.dumps(data)}, new Date({json.dumps(now)})); }}"
        " catch (error) { out = {error: error.message}; } console.log(JSON.stringify(out));"
    )


def editor_config(tmp_path: Path, **penyunting: object) -> dict:
    """config.yml of a tiny network whose jaringan.yml has this ``penyunting`` block (none when empty)."""
    content = make_network(tmp_path)
    without_editor(content, **penyunting)
    network, problems = load_network(str(content))
    assert not problems.errors
    return yaml.safe_load(config_yaml(decap_config(network)))


def status_fields(config: dict) -> list[dict]:
    return [field for c in config["collections"] for field in c["fields"] if field["name"] == "status"]


def single_kim_committing_straight(root: Path) -> dict:
    """config.yml of a one-KIM network whose saves are commits (``simple`` is refused for several KIMs)."""
    content = make_network(root)
    for slug in ("kim-uji-metro", "kim-uji-panipahan"):
        shutil.rmtree(content / "kim" / slug)
    jaringan = content / "_data" / "jaringan.yml"
    data = yaml.safe_load(jaringan.read_text(encoding="utf-8"))
    data["penyunting"] = {**GITHUB, "publish_mode": "simple"}
    jaringan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    network, problems = load_network(str(content))
    assert not problems.errors
    return decap_config(network)


def test_the_writer_sees_one_status_control(tmp_path: Path) -> None:
    """The workflow's status where there is one, else the form's select (the only place to keep a draft)."""
    configs = {
        "github, pull requests from forks": (
            editor_config(tmp_path / "a", **GITHUB, publish_mode="editorial_workflow", open_authoring=True),
            "hidden",
        ),
        "gitlab, merge requests": (
            editor_config(tmp_path / "b", **{**GITHUB, "backend": "gitlab"}, publish_mode="editorial_workflow"),
            "hidden",
        ),
        "a local decap-server only": (editor_config(tmp_path / "c"), "select"),
        "one KIM committing straight": (single_kim_committing_straight(tmp_path / "d"), "select"),
    }
    for case, (config, widget) in configs.items():
        assert ("publish_mode" in config and config["publish_mode"] == "editorial_workflow") == (widget == "hidden")
        fields = status_fields(config)
        assert len(fields) == len(config["collections"]), case
        assert {field["widget"] for field in fields} == {widget}, case
        if widget == "select":
            assert [o["value"] for o in fields[0]["options"]] == ["terbit", "draf", "terjadwal"], case


def test_commit_messages_name_the_kim(tmp_path: Path) -> None:
    config = editor_config(tmp_path, **GITHUB, publish_mode="editorial_workflow")
    assert config["backend"]["commit_messages"] == COMMIT_MESSAGES
    for collection in config["collections"]:
        # Decap 3.16 fills {{collection}} with label_singular (or label): compileStringTemplate's commit branch
        message = COMMIT_MESSAGES["create"].replace("{{collection}}", collection["label_singular"])
        assert message.startswith(f"Tambah berita {collection['label']}: "), message
    for template in COMMIT_MESSAGES.values():
        assert set(re.findall(r"{{([^}]+)}}", template)) <= {"collection", "slug", "path"}


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize(
    ("tanggal", "status", "year", "date", "written"),
    [
        ("2026-12-08 06:30", "terbit", "2026", "2026-12-08", "terbit"),  # 23:30 UTC on the 7th: named the 8th
        ("2027-01-01 05:00", "terbit", "2027", "2027-01-01", "terjadwal"),  # still to come: waits for its time
        ("2026-01-01 06:30", "terjadwal", "2026", "2026-01-01", "terbit"),
        ("2026-12-30 08:00", "draf", "2026", "2026-12-30", None),  # a draft stays one
    ],
)
def test_saving_names_the_file_by_tanggal_and_sets_the_status(
    tanggal: str, status: str, year: str, date: str, written: str | None
) -> None:
    now = "2026-12-08T00:00:00Z"  # 07:00 WIB on 8 December
    changes = before_save({"judul": "Kerja Bakti", "tanggal": tanggal, "status": status}, now)
    keys = re.findall(r"{{([^}|]+)}}", ENTRY_PATH)
    assert keys == ["tahun-berkas", "tanggal-berkas", "slug"]
    assert (changes["tahun-berkas"], changes["tanggal-berkas"]) == (year, date)
    assert changes.get("status") == written


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_file_name_keys_are_never_written_into_the_story() -> None:
    data = {"judul": "Kerja Bakti", "tanggal": "2026-12-08 06:30", "tahun-berkas": "2026", "tanggal-berkas": "x"}
    text = run_editor(f"console.log(JSON.stringify(window.wartaKimFormat.toFile({json.dumps(data)})))")
    assert text == "Judul: Kerja Bakti\nTanggal: 2026-12-08 06:30\n\n"


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"gambar": "gambar/a.jpg"}, "Deskripsi-Gambar wajib diisi bila ada Gambar."),
        ({"gambar": "gambar/a.jpg", "deskripsi-gambar": "  "}, "Deskripsi-Gambar wajib diisi bila ada Gambar."),
        ({"klaim": "Bantuan lewat tautan", "sumber": "https://kemensos.go.id/"}, "Penilaian wajib diisi bila ada"),
        ({"dicabut": "2026-12-01 08:00"}, "Alasan-Pencabutan wajib diisi bila ada Dicabut. Penjelasan-Pencabutan"),
        ({"aspirasi": "Lampu jalan", "aspirasi-tahap": []}, "Aspirasi-Tahap wajib diisi bila ada Aspirasi."),
        ({"hak-jawab-untuk": "/kim/kim-bagelen/jalan/"}, "Hak-Jawab-Dari wajib diisi bila ada Hak-Jawab-Untuk."),
    ],
)
def test_saving_asks_for_the_fields_the_check_requires(data: dict, message: str) -> None:
    found = before_save({"judul": "Kerja Bakti", "tanggal": "2026-12-08 06:30", **data}, "2026-12-08T00:00:00Z")
    assert message in found.get("error", ""), found


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_a_story_with_its_photo_described_is_saved() -> None:
    data = {"tanggal": "2026-12-08 06:30", "gambar": "gambar/a.jpg", "deskripsi-gambar": "Warga bekerja bakti"}
    assert "error" not in before_save(data, "2026-12-08T00:00:00Z")
