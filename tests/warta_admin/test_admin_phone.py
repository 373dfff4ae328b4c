"""The web editor on a 360 × 740 phone screen (issue 25, item 3), in Debian's Chromium against decap-server.

The demo is served as in tests/warta_admin/test_admin_editor.py (its ``site`` fixture: a copy of the demo repository
behind a local decap-server, the built portal behind ``http.server``). Chromium emulates a phone (360 × 740, touch)
in Jakarta's time zone. A writer logs in, writes a story dated 06:30 WIB, picks a phone JPEG that carries a GPS
position and a camera model, tries to save it without describing the photo (the editor refuses, as `kim periksa`
would), describes it and publishes. The file must be in the KIM's folder, named by its Tanggal (``2026-11-08``,
where Decap's own ``{{day}}`` gives the UTC day, the 7th, or the day it was written), with the documented header,
its photo in the KIM's ``gambar/`` without the position, and `kim periksa` must accept it. Nothing may stick out of
the screen sideways. What the phone loaded and the steps taken are printed (``pytest -s``):
docs/user-guide/web-editor.md quotes them.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import urlparse

import pytest
import test_admin_editor
from support.photo_samples import metadata_found, phone_photo
from support.site import run_kim
from test_admin_editor import KIM, EditorSite, field, with_text

from warta_core.validation import check_network

pytestmark = test_admin_editor.pytestmark
site = test_admin_editor.site  # the same served demo and decap-server (a module-scoped copy for this module)
PHONE = {"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": True}
TITLE = "Kerja Bakti Warga Bagelen Menjelang Musim Hujan"
SLUG = "kerja-bakti-warga-bagelen-menjelang-musim-hujan"
WHEN = ("2026-11-08T06:30", "2026-11-08 06:30")  # 23:30 UTC on 7 November


class Phone:
    """The emulated phone, counting what the writer does (a tap, or typing into one field, is one step)."""

    def __init__(self, browser) -> None:
        self.browser = browser
        self.steps = 0

    def tap(self, expression: str) -> None:
        self.steps += 1
        self.browser.click(expression)

    def write(self, expression: str, text: str) -> None:
        self.steps += 1
        self.browser.focus(expression)
        self.browser.type(text)

    def choose(self, expression: str, typed: str, option: str) -> None:
        self.write(expression, typed)
        self.browser.wait_for(with_text("[class*=option]", option), what=f"the option {option}")
        self.browser.press("Enter", 13)


@pytest.fixture(scope="module")
def phone(site: EditorSite):
    from support.cdp import Browser

    with Browser(site.work / "ponsel", timezone="Asia/Jakarta") as browser:
        browser.call("Network.enable")
        browser.call("Emulation.setDeviceMetricsOverride", PHONE)
        browser.call("Emulation.setTouchEmulationEnabled", {"enabled": True})
        yield Phone(browser)


def loaded(browser, output: Path) -> dict[str, int]:
    """What the page loaded so far: requests, bytes sent (uncompressed here), gzip size, JavaScript bytes."""
    urls = {
        event["params"]["requestId"]: event["params"]["response"]["url"]
        for event in browser.events
        if event.get("method") == "Network.responseReceived"
    }
    sizes = {"requests": 0, "bytes": 0, "gzip": 0, "javascript": 0}
    for event in browser.events:
        if event.get("method") != "Network.loadingFinished" or event["params"]["requestId"] not in urls:
            continue
        path = urlparse(urls[event["params"]["requestId"]]).path
        sizes["requests"] += 1
        sizes["bytes"] += int(event["params"]["encodedDataLength"])
        local = output / path.lstrip("/")
        if local.is_file():
            data = local.read_bytes()
            sizes["gzip"] += len(gzip.compress(data, 6))
            if path.endswith(".js"):
                sizes["javascript"] += len(data)
    return sizes


def sideways(browser) -> dict[str, int]:
    """How far the page and the publish button reach past the screen's right edge (0: nothing does)."""
    return browser.evaluate(
        "(() => { const b = [...document.querySelectorAll('[role=button]')]"
        ".find(e => e.textContent.trim() === 'Terbitkan');"
        " return {page: document.documentElement.scrollWidth - innerWidth,"
        " publish: b ? Math.max(0, Math.round(b.getBoundingClientRect().right - innerWidth)) : -1}; })()"
    )


def set_datetime(browser, label: str, value: str) -> None:
    """Give a datetime-local input a value as its picker does (React listens to the input event)."""
    browser.evaluate(
        f"(() => {{ const e = {field(label)};"
        " Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(e, "
        f"{json.dumps(value)}); e.dispatchEvent(new Event('input', {{bubbles: true}}));"
        " e.dispatchEvent(new Event('change', {bubbles: true})); })()"
    )


def publish(phone: Phone) -> None:
    phone.tap("[...document.querySelectorAll('[role=button]')].find(e => e.textContent.trim() === 'Terbitkan')")
    phone.tap(with_text("[role=menuitem]", "Terbitkan sekarang"))


def test_a_writer_on_a_phone_writes_a_story_with_a_photo(site: EditorSite, phone: Phone) -> None:
    browser = phone.browser
    folder = site.content / "kim" / KIM
    before = set(folder.rglob("*.md"))
    photo = site.work / "kerja-bakti.jpg"
    photo.write_bytes(phone_photo(1600, 1200))  # GPS position, camera model, rotation flag
    assert "GPS" in metadata_found(photo.read_bytes())

    browser.navigate(f"{site.url}/admin/#/collections/{KIM}/new")
    browser.wait_for(with_text("button", "Masuk"), what="the login screen")
    login_screen = loaded(browser, site.output)
    phone.tap(with_text("button", "Masuk"))
    browser.wait_for(f"!!{field('Judul')}", what="the article form")
    first_form = loaded(browser, site.output)
    assert sideways(browser) == {"page": 0, "publish": 0}  # Decap's 800 px minimum would push it off the screen

    phone.write(field("Judul"), TITLE)
    phone.steps += 1
    set_datetime(browser, "Tanggal", WHEN[0])
    phone.choose(field("Topik"), "Lingkungan", "Lingkungan")
    phone.tap(with_text("button", "Pilih gambar"))
    browser.wait_for("document.querySelector('input[type=file]')", what="the media library")
    phone.steps += 1  # choosing the photo in the phone's file picker
    browser.set_files("document.querySelector('input[type=file]')", [str(photo)])
    use = with_text("button", "Pakai yang dipilih")
    browser.wait_for(f"{with_text('p', 'kerja-bakti.jpg')} && !{use}.disabled", what="the uploaded photo")
    phone.tap(use)
    phone.write("document.querySelector('[contenteditable=true]')", "Warga membersihkan selokan pada Minggu pagi.")

    publish(phone)  # without Deskripsi-Gambar: refused before anything is written, in the check's words
    refusal = "Deskripsi-Gambar wajib diisi bila ada Gambar."
    browser.wait_for(f"document.body.innerText.includes({json.dumps(refusal)})", what="the refusal")
    assert set(folder.rglob("*.md")) == before
    phone.steps -= 2  # the refused attempt is this test's detour, not a step of writing a story
    phone.write(field("Deskripsi-Gambar"), "Warga mengangkat sampah dari selokan")
    publish(phone)
    browser.wait_for(f"document.body.innerText.includes({json.dumps('Berita tersimpan')})", what="the saved notice")
    browser.wait_until(lambda: set(folder.rglob("*.md")) - before, what="the story's file")
    print(f"\nphone: login screen {json.dumps(login_screen)}, first usable form {json.dumps(first_form)}")
    print(f"phone: steps to a saved story {phone.steps}")

    (written,) = set(folder.rglob("*.md")) - before
    assert written.relative_to(folder).as_posix() == f"2026/2026-11-08-{SLUG}.md"
    header, body = written.read_text(encoding="utf-8").split("\n\n", 1)
    assert header.splitlines() == [
        f"Judul: {TITLE}",
        f"Tanggal: {WHEN[1]}",
        "Topik: lingkungan",
        "Gambar: gambar/kerja-bakti.jpg",
        "Deskripsi-Gambar: Warga mengangkat sampah dari selokan",
        "Status: terbit",
    ]
    assert "selokan pada Minggu pagi" in body
    uploaded = folder / "gambar" / "kerja-bakti.jpg"
    # Re-encoded in the phone's browser: no position, no camera (Chromium's encoder adds only an sRGB profile).
    assert (
        uploaded.is_file()
        and [found for found in metadata_found(uploaded.read_bytes()) if found != "icc_profile"] == []
    )

    checked = run_kim("--konten", str(site.content), "check", str(written))
    assert checked.returncode == 0, checked.stderr
    article = check_network(site.content).articles[str(written)]
    assert (article.title, article.image) == (TITLE, f"kim/{KIM}/gambar/kerja-bakti.jpg")
