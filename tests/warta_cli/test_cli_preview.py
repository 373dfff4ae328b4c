"""`kim pratinjau`: a real server on 127.0.0.1 that rebuilds when content changes.

The command runs as a subprocess on a copy of the demo network; the test edits
files, waits for the Indonesian messages and fetches pages over HTTP.
"""

from __future__ import annotations

import http.client
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.site import CODE_PATH, DEMO_CONTENT, ROOT

ARTICLE = "kim/kim-bagelen-berdaya/2020/2020-02-19-keripik-pisang-bagelen.md"
PAGE = "kim/kim-bagelen-berdaya/keripik-pisang-bagelen/"
WAIT = 180  # seconds; a rebuild of the demo takes about one, a first build ten (more on a busy machine)


class Preview:
    """A running ``kim pratinjau`` with its output lines in a queue."""

    def __init__(self, content: Path, *extra: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "warta_cli.main", "--konten", str(content), "preview", "--port", "0", *extra],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONPATH": CODE_PATH, "TMPDIR": str(content.parent)},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        try:
            self.url = self.wait_for("Pratinjau tersedia di ").split("di ", 1)[1].split("/ ", 1)[0]
        except BaseException:  # never leave a preview rebuilding behind a failed test
            self.process.kill()
            self.process.wait()
            raise

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str) -> str:
        """The first new line containing ``text``; fails with everything printed so far."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r}; output so far:\n" + "\n".join(self.seen))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"{self.url}/{path}", timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:  # fail, but leave no preview running after the test
            self.process.kill()
            self.process.wait()
            raise


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, target)
    return target


@pytest.fixture
def preview(content: Path) -> Iterator[Preview]:
    running = Preview(content, "--interval", "0.2")
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.slow  # a real preview server through three rebuilds
def test_rebuilds_on_change_and_keeps_the_last_good_build(preview: Preview, content: Path, tmp_path: Path) -> None:
    assert any(line.startswith("Pratinjau diperbarui dalam") for line in preview.seen)  # built before announcing
    assert preview.url.startswith("http://127.0.0.1:")
    status, page = preview.get(PAGE)
    assert status == 200 and "Keripik Pisang Bu Sumarni" in page

    article = content / ARTICLE
    edit(article, "Judul: Keripik Pisang Bu Sumarni", "Judul: Keripik Pisang Ibu Sumarni")
    assert "2020-02-19-keripik-pisang-bagelen.md" in preview.wait_for("Perubahan terdeteksi")
    preview.wait_for("Pratinjau diperbarui")
    assert f"{preview.url}/{PAGE}" in preview.wait_for("Lihat: ")
    assert "Keripik Pisang Ibu Sumarni" in preview.get(PAGE)[1]

    edit(article, "Topik: ekonomi-umkm", "Topik: ekonomi-umkmm")
    preview.wait_for("Perubahan terdeteksi")
    report = preview.wait_for("2020-02-19-keripik-pisang-bagelen.md:4")
    assert 'Topik "ekonomi-umkmm" tidak dikenal' in report
    preview.wait_for("Pratinjau tetap menampilkan hasil terakhir yang berhasil")
    status, page = preview.get(PAGE)
    assert status == 200 and "Keripik Pisang Ibu Sumarni" in page  # the last good build

    edit(article, "Topik: ekonomi-umkmm", "Topik: ekonomi-umkm")
    preview.wait_for("Pratinjau diperbarui")
    assert preview.stop() == 0
    preview.wait_for("Pratinjau dihentikan.")
    assert not list(tmp_path.glob("kim-pratinjau-*")), "the build folders are removed on exit"


def test_drafts_are_viewable_in_the_preview(preview: Preview, content: Path) -> None:
    draft = content / "kim/kim-bagelen-berdaya/2024/2024-06-01-rapat-draf.md"
    draft.write_text("Judul: Rapat Draf\nTanggal: 2024-06-01 10:00\nTopik: budaya\nStatus: draf\n\nIsi draf.\n")
    preview.wait_for("Perubahan terdeteksi")
    link = preview.wait_for("Lihat: ")
    assert link.endswith("/draf/kim-bagelen-berdaya/rapat-draf/")
    status, page = preview.get("draf/kim-bagelen-berdaya/rapat-draf/")
    assert status == 200 and "Isi draf." in page
    assert preview.get("kim/kim-bagelen-berdaya/rapat-draf/")[0] == 404  # never at the public address
    for folder in ("draf/", "draf/kim-bagelen-berdaya/", "kim/kim-bagelen-berdaya/gambar/"):
        status, page = preview.get(folder)
        assert status == 404 and "rapat-draf" not in page, f"{folder} is not listed"
    # A DNS-rebinding page reaches 127.0.0.1 under its own name; the preview refuses that name.
    port = int(preview.url.rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", "/draf/kim-bagelen-berdaya/rapat-draf/", skip_host=True)
    connection.putheader("Host", f"penyerang.example:{port}")
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 421 and "Isi draf." not in response.read().decode()
    connection.close()


def test_a_broken_network_shows_the_report_in_the_browser(content: Path) -> None:
    edit(content / ARTICLE, "Topik: ekonomi-umkm", "Topik: ekonomi-umkmm")
    running = Preview(content, "--interval", "0.2")
    try:
        assert any("Laporannya juga tampil di peramban" in line for line in running.seen)  # before the address
        status, page = running.get("")
        assert status == 200
        assert "Pratinjau belum tersedia" in page
        assert "Topik &quot;ekonomi-umkmm&quot; tidak dikenal" in page
        edit(content / ARTICLE, "Topik: ekonomi-umkmm", "Topik: ekonomi-umkm")
        running.wait_for("Pratinjau diperbarui")
        assert "Pratinjau belum tersedia" not in running.get("")[1]
    finally:
        assert running.stop() == 0


def test_a_port_in_use_is_refused(content: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "warta_cli.main", "--konten", str(content), "preview", "--port", str(port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": CODE_PATH, "TMPDIR": tempfile.gettempdir()},
            timeout=WAIT,
            check=False,
        )
    assert result.returncode == 1
    assert f"Pratinjau tidak bisa dibuka di port {port}" in result.stderr
    assert f"--port {port + 1}" in result.stderr


def test_missing_content_folder_is_refused(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "warta_cli.main", "--konten", str(tmp_path / "tidak-ada"), "preview"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": CODE_PATH},
        timeout=WAIT,
        check=False,
    )
    assert result.returncode == 2
    assert "tidak ditemukan" in result.stderr


def test_an_edit_rebuilds_only_what_it_changes_and_a_second_preview_builds_apart(
    preview: Preview, content: Path
) -> None:
    """Builds go into the network's .cache/pratinjau/ incrementally; a second preview at once gets its own folder."""
    kept = content.parent / ".cache" / "pratinjau"
    assert (kept / "index.html").is_file()
    other_page = kept / "kim" / "kim-bagelen-berdaya" / "index.html"
    untouched = other_page.stat().st_mtime_ns
    edit(content / ARTICLE, "satu tandan pisang", "satu tandan pisang raja")  # the body only: listings stay
    assert f"{preview.url}/{PAGE}" in preview.wait_for("Berita diperbarui dalam"), "the story's page comes first"
    preview.wait_for("Pratinjau diperbarui")
    assert "satu tandan pisang raja" in preview.get(PAGE)[1]
    assert other_page.stat().st_mtime_ns == untouched, "an unaffected page was rendered again"

    second = Preview(content, "--interval", "0.2")
    try:
        assert second.get(PAGE)[0] == 200 and second.url != preview.url
        assert not list(kept.glob("**/.warta-partial")), "two previews wrote into one folder"
    finally:
        assert second.stop() == 0
    assert preview.get(PAGE)[0] == 200


def test_the_watcher_sorts_changes_into_rebuild_settings_and_restart(tmp_path: Path) -> None:
    from warta_cli.resident import Change, Watched, changed_paths

    for folder in (
        "content/kim",
        "tema/templates",
        "tema/admin/node_modules/x",
        "plugins/warta_x",
        "plugins/warta_x/__pycache__",
    ):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "tema/admin/node_modules/x/index.js").write_text("")  # 27,000 such files: never polled
    settings = tmp_path / "pengaturan.py"
    settings.write_text("THEME = 'tema'\n")
    (tmp_path / "plugins/warta_x/__init__.py").write_text("")
    (tmp_path / "plugins/warta_x/__pycache__/x.pyc").write_text("")
    watched = Watched.from_settings(
        str(tmp_path / "content"), str(settings), {"THEME": "tema", "PLUGIN_PATHS": ["plugins", "tidak-ada"]}
    )
    assert watched.theme == str(tmp_path / "tema") and watched.plugins == (str(tmp_path / "plugins"),)
    before = watched.snapshot()
    assert str(settings) in before and str(tmp_path / "plugins/warta_x/__init__.py") in before
    assert not any("__pycache__" in path or "node_modules" in path for path in before)
    (tmp_path / "content/kim/baru.md").write_text("x")
    (tmp_path / "tema/templates/base.html").write_text("x")
    content_changes = changed_paths(before, watched.snapshot())
    assert len(content_changes) == 2 and watched.classify(content_changes) is Change.CONTENT
    assert watched.classify([str(settings), *content_changes]) is Change.SETTINGS
    code = str(tmp_path / "plugins/warta_x/__init__.py")
    assert watched.plugin_code([str(settings), code, *content_changes]) == [code]
    assert watched.classify([str(settings), code]) is Change.SETTINGS
    assert watched.classify([code]) is Change.NONE and watched.classify([]) is Change.NONE


@pytest.mark.slow  # a real preview server through one settings edit and one plugin edit
def test_an_edited_settings_file_is_read_again_and_plugin_code_asks_for_a_restart(
    content: Path, tmp_path: Path
) -> None:
    settings = tmp_path / "pengaturan.py"
    plugins = tmp_path / "plugin"
    shutil.copytree(ROOT / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__"))
    head = (
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\nTHEME = {str(ROOT / 'theme')!r}\n"
    )
    settings.write_text(head + f"PLUGIN_PATHS = [{str(plugins)!r}]\n", encoding="utf-8")
    running = Preview(content, "--interval", "0.2", "--pengaturan", str(settings))
    try:
        second_page = "kim/kim-bagelen-berdaya/page/2/"
        assert running.get(second_page)[0] == 404
        settings.write_text(settings.read_text() + "DEFAULT_PAGINATION = 1\n", encoding="utf-8")
        assert "pengaturan.py" in running.wait_for("Perubahan terdeteksi")
        running.wait_for("Pratinjau diperbarui")
        assert running.get(second_page)[0] == 200  # the new setting took effect without a restart
        (plugins / "warta_network" / "reader.py").write_text("raise SystemExit\n", encoding="utf-8")
        assert "warta_network/reader.py" in running.wait_for("Kode plugin berubah")
        assert running.get(second_page)[0] == 200  # the last build stays; nothing half-loaded
        edit(content / ARTICLE, "Judul: Keripik Pisang Bu Sumarni", "Judul: Keripik Pisang Ibu Sumarni")
        assert "reader.py" not in running.wait_for("Perubahan terdeteksi")
        running.wait_for("Pratinjau diperbarui")  # content is still rebuilt, with the code loaded at the start
        assert "Keripik Pisang Ibu Sumarni" in running.get(PAGE)[1]
    finally:
        assert running.stop() == 0
