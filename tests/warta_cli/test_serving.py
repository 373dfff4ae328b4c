"""``kim sajikan`` (``make serve``) and the static handler it shares with ``kim pratinjau``.

The real command runs as a subprocess on 127.0.0.1; requests go through
``http.client`` so a test can forge the ``Host`` header and send raw paths.
"""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.serving import Served
from support.site import CODE_PATH, ROOT

from warta_cli.serving import StaticServer

SVG = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A built-looking site, a secret beside it, and symlinks that try to reach the secret."""
    secret = tmp_path / "rahasia"
    secret.mkdir()
    (secret / "kunci.txt").write_text("KATA-SANDI-RAHASIA")
    out = tmp_path / "output"
    (out / "gambar").mkdir(parents=True)
    (out / "draf" / "kim-a" / "rapat").mkdir(parents=True)
    (out / "berita").mkdir()
    (out / ".git").mkdir()
    (out / "index.html").write_text("<!doctype html><title>Beranda</title>BERANDA")
    (out / "404.html").write_text("<!doctype html><title>404</title>HALAMAN-404-PORTAL")
    (out / "berita" / "index.html").write_text("DAFTAR-BERITA")
    (out / "draf" / "kim-a" / "rapat" / "index.html").write_text("ISI-DRAF")
    (out / "gambar" / "foto.webp").write_bytes(b"RIFF\x00\x00\x00\x00WEBP")
    (out / "gambar" / "foto.avif").write_bytes(b"\x00\x00\x00\x1cftypavif")
    (out / "gambar" / "logo.svg").write_text(SVG)
    (out / "atom.xml").write_text("<feed/>")
    (out / "feed.json").write_text("{}")
    (out / "kim.opml").write_text("<opml/>")
    (out / ".git" / "config").write_text("TOKEN-RAHASIA")
    (out / "gambar" / "bocor.txt").symlink_to(secret / "kunci.txt")
    (out / "bocor").symlink_to(secret, target_is_directory=True)
    (out / "gambar" / "sah.webp").symlink_to(out / "gambar" / "foto.webp")  # inside: allowed
    return out


@pytest.fixture
def served(site: Path) -> Iterator[Served]:
    running = Served(site)
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait()


def test_files_are_served_with_safe_content_types(served: Served) -> None:
    status, headers, body = served.request("/")
    assert status == 200 and b"BERANDA" in body
    assert headers["content-type"] == "text/html; charset=utf-8"
    expected = {
        "/gambar/foto.webp": "image/webp",
        "/gambar/foto.avif": "image/avif",
        "/gambar/logo.svg": "image/svg+xml",
        "/atom.xml": "application/xml",
        "/feed.json": "application/json",
        "/kim.opml": "text/x-opml; charset=utf-8",
    }
    for path, kind in expected.items():
        status, headers, _ = served.request(path)
        assert (status, headers["content-type"]) == (200, kind), path
        assert headers["x-content-type-options"] == "nosniff", path
    _, svg_headers, svg = served.request("/gambar/logo.svg")
    assert svg == SVG.encode()
    assert svg_headers["content-security-policy"] == "default-src 'none'; style-src 'unsafe-inline'"
    assert "content-security-policy" not in served.request("/gambar/foto.webp")[1]
    status, headers, body = served.request("/gambar/foto.webp", method="HEAD")
    assert status == 200 and body == b"" and headers["content-length"] == "12"


def test_folders_are_never_listed(served: Served) -> None:
    for folder in ("/gambar/", "/draf/", "/draf/kim-a/", "/gambar"):
        status, headers, body = served.request(folder)
        assert status == 404, folder
        assert b"HALAMAN-404-PORTAL" in body, "the portal's own 404 page"
        assert b"foto.webp" not in body and b"kim-a" not in body
        assert headers["x-content-type-options"] == "nosniff"
    assert served.request("/draf/kim-a/rapat/")[2] == b"ISI-DRAF"  # a page is a folder with index.html
    status, headers, _ = served.request("/berita?hal=2")
    assert status == 301 and headers["location"] == "/berita/?hal=2"
    status, headers, _ = served.request("//berita")  # never an open redirect to the site "berita"
    assert status == 301 and headers["location"] == "/berita/"


def test_symlinks_out_of_the_folder_and_hidden_files_are_refused(served: Served) -> None:
    for path in ("/gambar/bocor.txt", "/bocor/kunci.txt", "/bocor/", "/.git/config", "/%2e%2e/rahasia/kunci.txt"):
        status, _, body = served.request(path)
        assert status == 404, path
        assert b"RAHASIA" not in body, path
    status, _, body = served.request("/gambar/../../rahasia/kunci.txt")
    assert status in (400, 404) and b"RAHASIA" not in body
    assert served.request("/gambar/sah.webp")[0] == 200  # a symlink that stays inside is fine


@pytest.mark.parametrize(
    "host",
    ["localhost", "127.0.0.1", "[::1]", "localhost:{port}", "127.0.0.1:{port}", "[::1]:{port}", "LOCALHOST:{port}"],
)
def test_local_host_names_are_accepted(served: Served, host: str) -> None:
    assert served.request("/", host=host.format(port=served.port))[0] == 200


@pytest.mark.parametrize(
    "host",
    ["penyerang.example", "penyerang.example:{port}", "localhost:1", "127.0.0.1.nip.io:{port}", "", "::1", "[::1"],
)
def test_foreign_host_names_are_refused(served: Served, host: str) -> None:
    """A DNS-rebinding page reaches 127.0.0.1 under its own name: the Host header gives it away."""
    status, headers, body = served.request("/draf/kim-a/rapat/", host=host.format(port=served.port))
    assert status == 421
    assert b"ISI-DRAF" not in body
    assert "hanya melayani http://localhost:" in body.decode()
    assert headers["x-content-type-options"] == "nosniff"


def test_only_get_and_head(served: Served) -> None:
    for method in ("POST", "PUT", "DELETE", "OPTIONS"):
        status, headers, _ = served.request("/", method=method)
        assert status == 405 and headers["allow"] == "GET, HEAD", method
    status, _, body = served.request("/", method="BREW")
    assert status == 501 and "Server menolak permintaan ini" in body.decode()


def test_stops_cleanly_on_sigterm(served: Served) -> None:
    code, out = served.stop()
    assert code == 0 and "Server dihentikan." in out


def test_a_wildcard_bind_accepts_ip_literals_only(site: Path) -> None:
    running = Served(site, host="0.0.0.0")
    try:
        assert running.request("/", host=f"192.168.1.5:{running.port}")[0] == 200
        assert running.request("/", host=f"rumah.example:{running.port}")[0] == 421
    finally:
        running.stop()


def test_nothing_is_served_before_the_first_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A preview has no folder until its first build; the working folder (with .git) must not stand in."""
    (tmp_path / "index.html").write_text("FOLDER-KERJA")
    monkeypatch.chdir(tmp_path)
    server = StaticServer("127.0.0.1", 0, lambda: "")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        connection.request("GET", "/index.html")
        response = connection.getresponse()
        assert response.status == 503 and b"FOLDER-KERJA" not in response.read()
        connection.close()
    finally:
        server.shutdown()
        server.server_close()


def test_an_unbuilt_folder_is_refused(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "warta_cli.main", "serve", "--output", str(tmp_path / "output")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": CODE_PATH},
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "belum berisi portal" in result.stderr and "make build" in result.stderr


def test_make_serve_builds_then_runs_kim_serve() -> None:
    result = subprocess.run(
        ["make", "-n", "--no-print-directory", "-C", str(ROOT), "serve", "HOST=127.0.0.1", "PORT=8123"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    serve = next(i for i, line in enumerate(lines) if "kim sajikan" in line)
    assert lines[serve].endswith("kim sajikan --host 127.0.0.1 --port 8123 --keluaran output")
    assert any(line.endswith("kim bangun") for line in lines[:serve]), "make serve builds first"
    assert "pelican --listen" not in result.stdout
