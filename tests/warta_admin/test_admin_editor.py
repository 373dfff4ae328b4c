"""The web editor in a real browser: /admin/ in headless Chromium against a local decap-server.

A copy of the demo repository is served by ``decap-server`` (from the pinned npm
package in theme/admin, bound to 127.0.0.1), the portal built from it is served
by ``http.server``, and Debian's Chromium is driven over the DevTools protocol
(tests/support/cdp.py). A writer logs in, fills the form of KIM Bagelen Berdaya,
uploads a photo and publishes; the result must be a Markdown file in that
KIM's folder that `kim periksa` accepts and the build renders. The article
format (plugins/warta_admin/static/penyunting.js) is also run on every demo
article, in the browser, and must give back what the checker read.
"""

from __future__ import annotations

import base64
import io
import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from support.site import DEMO_CONTENT, ROOT, build_content, run_kim, soup

from warta_core.validation import check_network

NODE = shutil.which("node")
NPM = shutil.which("npm")
DECAP_SERVER = ROOT / "theme" / "admin" / "node_modules" / "decap-server" / "dist" / "index.js"
DECAP_BUNDLE = ROOT / "theme" / "admin" / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"
CHROMIUM = Path("/usr/bin/chromium")
KIM = "kim-bagelen-berdaya"
# A 1x1 PNG: the editor uploads real bytes, the test checks they arrive unchanged.
PHOTO = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium (/usr/bin/chromium) is not installed"),
    pytest.mark.skipif(NODE is None or NPM is None, reason="node/npm is not installed: /admin/ cannot be built"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_listening(process: subprocess.Popen, port: int, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listened on 127.0.0.1:{port} within {timeout} s:\n{log.read_text(errors='replace')}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class EditorSite:
    """The repository the editor writes to, the built portal, and its address."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.repo = work / "repo"
        self.content = self.repo / "content"
        self.output = work / "output"
        self.url = ""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EditorSite]:
    assert DECAP_SERVER.exists() and DECAP_BUNDLE.exists(), "theme/admin/node_modules is missing: run `make setup`"
    site = EditorSite(tmp_path_factory.mktemp("penyunting"))
    shutil.copytree(DEMO_CONTENT, site.content)
    api_port, web_port = free_port(), free_port()
    jaringan = site.content / "_data" / "jaringan.yml"
    data = yaml.safe_load(jaringan.read_text(encoding="utf-8"))
    data["penyunting"]["local_backend"] = f"http://127.0.0.1:{api_port}/api/v1"
    jaringan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build_content(site.content, site.output)
    assert (site.output / "admin" / "decap-cms.js").exists()

    server_log, web_log = site.work / "decap-server.log", site.work / "http.log"
    env = {"PORT": str(api_port), "BIND_HOST": "127.0.0.1", "MODE": "fs", "GIT_REPO_DIRECTORY": str(site.repo)}
    with server_log.open("wb") as log:
        decap = subprocess.Popen(
            [NODE, str(DECAP_SERVER)], cwd=site.repo, env={"PATH": "/usr/bin:/bin", **env}, stdout=log, stderr=log
        )
    with web_log.open("wb") as log:
        web = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(web_port), "--bind", "127.0.0.1", "--directory", site.output],
            stdout=log,
            stderr=log,
        )
    try:
        wait_listening(decap, api_port, server_log)
        wait_listening(web, web_port, web_log)
        site.url = f"http://127.0.0.1:{web_port}"
        yield site
    finally:
        stop(decap)
        stop(web)


@pytest.fixture(scope="module")
def browser(site: EditorSite):
    from support.cdp import Browser

    with Browser(site.work) as browser:
        yield browser


def field(label: str) -> str:
    """JavaScript expression for the form control labelled ``label`` (Decap links labels by `for`)."""
    return (
        "document.getElementById([...document.querySelectorAll('label')]"
        f".find(l => l.textContent.startsWith({json.dumps(label)}))?.htmlFor)"
    )


def with_text(selector: str, text: str) -> str:
    """JavaScript expression for the first ``selector`` element whose whole text is ``text``."""
    found = f"e => e.textContent.trim() === {json.dumps(text)}"
    return f"[...document.querySelectorAll({json.dumps(selector)})].find({found})"


def test_writer_creates_an_article_through_the_editor(site: EditorSite, browser) -> None:
    photo = site.work / "saluran-irigasi.png"
    photo.write_bytes(PHOTO)
    before = set((site.content / "kim" / KIM).rglob("*.md"))

    browser.navigate(f"{site.url}/admin/#/collections/{KIM}/new")
    browser.click(with_text("button", "Masuk"))  # the local backend's login: no password
    browser.wait_for(f"!!{field('Judul')}", what="the article form")
    assert browser.evaluate("document.documentElement.lang") == "id"
    labels = browser.evaluate("[...document.querySelectorAll('label')].map(l => l.textContent)")
    for label in ("Judul", "Tanggal", "Penulis", "Topik", "Desa", "Ringkasan", "Gambar", "Deskripsi-Gambar"):
        assert any(text.startswith(label) for text in labels), labels
    # The demo saves through pull requests: Decap's workflow status is the one status control, not a form field.
    assert not any(text.startswith("Status") for text in labels), labels

    browser.focus(field("Judul"))
    browser.type("Warga Bagelen Gotong Royong Membersihkan Saluran Irigasi")
    browser.focus(field("Penulis"))
    browser.type("Sari Wulandari")
    for topic in ("Lingkungan", "Pertanian"):  # a select of topik.yml labels; stored as slugs
        browser.focus(field("Topik"))
        browser.type(topic)
        browser.wait_for(with_text("[class*=option]", topic), what=f"the option {topic}")
        browser.press("Enter", 13)
    browser.focus(field("Desa"))  # two villages are called Bagelen in this kabupaten: the kecamatan tells them apart
    browser.type("Bagelen (Kecamatan Gedong")
    browser.wait_for(with_text("[class*=option]", "Desa Bagelen (Kecamatan Gedong Tataan)"), what="the desa option")
    browser.press("Enter", 13)
    browser.focus(field("Ringkasan"))
    browser.type("Tiga puluh warga membersihkan saluran irigasi menjelang musim tanam.")

    browser.click(with_text("button", "Pilih gambar"))
    browser.wait_for("document.querySelector('input[type=file]')", what="the media library")
    browser.set_files("document.querySelector('input[type=file]')", [str(photo)])
    use = with_text("button", "Pakai yang dipilih")
    browser.wait_for(f"{with_text('p', 'saluran-irigasi.png')} && !{use}.disabled", what="the uploaded photo")
    browser.click(use)  # an upload is selected already
    browser.focus(field("Deskripsi-Gambar"))
    browser.type("Warga mengangkat lumpur dari saluran irigasi")

    browser.click("document.querySelector('[contenteditable=true]')")
    browser.type("Sekitar tiga puluh warga Desa Bagelen bergotong royong pada Minggu pagi.")
    browser.press("Enter", 13)
    browser.type('"Kalau saluran bersih, air sampai ke sawah paling ujung," kata Pak Darman, ketua kelompok tani.')

    browser.click("[...document.querySelectorAll('[role=button]')].find(e => e.textContent.trim() === 'Terbitkan')")
    browser.click(with_text("[role=menuitem]", "Terbitkan sekarang"))
    browser.wait_for(f"document.body.innerText.includes({json.dumps('Berita tersimpan')})", what="the saved notice")
    browser.wait_until(lambda: set((site.content / "kim" / KIM).rglob("*.md")) - before, what="the article file")

    (written,) = set((site.content / "kim" / KIM).rglob("*.md")) - before
    relative = written.relative_to(site.content / "kim" / KIM).as_posix()
    assert relative.endswith("-warga-bagelen-gotong-royong-membersihkan-saluran-irigasi.md"), relative
    year, name = relative.split("/")
    assert name.startswith(f"{year}-")
    text = written.read_text(encoding="utf-8")
    header, body = text.split("\n\n", 1)
    lines = header.splitlines()
    assert lines[0] == "Judul: Warga Bagelen Gotong Royong Membersihkan Saluran Irigasi"
    assert lines[1].startswith("Tanggal: ")
    assert lines[2:] == [
        "Penulis: Sari Wulandari",
        "Topik: lingkungan, pertanian",
        "Desa: 18.09.01.2007",
        "Ringkasan: Tiga puluh warga membersihkan saluran irigasi menjelang musim tanam.",
        "Gambar: gambar/saluran-irigasi.png",
        "Deskripsi-Gambar: Warga mengangkat lumpur dari saluran irigasi",
        "Status: terbit",
    ]
    assert "Pak Darman" in body
    uploaded = site.content / "kim" / KIM / "gambar" / "saluran-irigasi.png"
    # Decap's media processing re-encoded it in the browser (strip_metadata): the same picture, new bytes.
    from PIL import Image, ImageChops

    with Image.open(uploaded) as after, Image.open(io.BytesIO(PHOTO)) as before:
        assert after.format == "PNG" and after.size == before.size
        assert ImageChops.difference(after.convert("RGBA"), before.convert("RGBA")).getbbox() is None

    checked = run_kim("--konten", str(site.content), "check", str(written))
    assert checked.returncode == 0, checked.stderr
    result = check_network(site.content)
    article = result.articles[str(written)]
    assert article.title == "Warga Bagelen Gotong Royong Membersihkan Saluran Irigasi"
    assert article.topics == ["lingkungan", "pertanian"]
    assert [region.code for region in article.desa] == ["18.09.01.2007"]
    assert article.image == f"kim/{KIM}/gambar/saluran-irigasi.png"
    assert article.status == "published"

    rebuilt = site.work / "rebuilt"
    build_content(site.content, rebuilt)
    page = soup(rebuilt / "kim" / KIM / article.slug / "index.html")
    assert page.h1.get_text(strip=True) == article.title
    assert page.find("img", alt="Warga mengangkat lumpur dari saluran irigasi")
    assert "air sampai ke sawah paling ujung" in page.get_text()


CHECKED_FIELDS = (
    "title",
    "date",
    "author",
    "topics",
    "desa",
    "summary",
    "image",
    "image_alt",
    "status",
    "slug",
    "feed_id",
)
YAML_ARTICLE = """\
---
title: "Judul: dengan titik dua"
date: 2024-03-07 14:10
author: 'Dewi'
tags: [kesehatan, budaya]
kelurahan:
  - "18.09.01.2007"
image-alt: >-
  Foto kader
  di balai desa
status: draf
---
Isi berita dari penyunting lain.
"""


def test_article_format_round_trips_every_demo_article(site: EditorSite, browser, tmp_path: Path) -> None:
    """fromFile then toFile, in the browser, must keep what `kim periksa` reads from each file."""
    browser.navigate(f"{site.url}/admin/")
    browser.wait_for("window.wartaKimFormat", what="penyunting.js")
    copy = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, copy)
    extra = copy / "kim" / KIM / "2024" / "2024-03-07-dari-yaml.md"
    extra.write_text(YAML_ARTICLE, encoding="utf-8")
    before = check_network(copy)
    assert before.ok
    rewritten = 0
    for path in sorted(copy.rglob("kim/*/**/*.md")):
        text = path.read_text(encoding="utf-8")
        again = browser.evaluate(f"wartaKimFormat.toFile(wartaKimFormat.fromFile({json.dumps(text)}))")
        assert again.splitlines()[0].startswith("Judul: "), path
        path.write_text(again, encoding="utf-8")
        rewritten += 1
    after = check_network(copy)
    assert after.ok, [p.format(str(tmp_path)) for p in after.problems.errors]
    assert rewritten == len(before.articles) > 40
    for path, old in before.articles.items():
        new = after.articles[path]
        for name in CHECKED_FIELDS:
            assert getattr(new, name) == getattr(old, name), (path, name)
        assert new.body.strip() == old.body.strip(), path
    converted = extra.read_text(encoding="utf-8")
    assert converted.startswith("Judul: Judul: dengan titik dua\nTanggal: 2024-03-07 14:10\nPenulis: Dewi\n")
    assert "Topik: kesehatan, budaya\nDesa: 18.09.01.2007\n" in converted
    assert "Deskripsi-Gambar: Foto kader di balai desa\nStatus: draf\n\nIsi berita" in converted
