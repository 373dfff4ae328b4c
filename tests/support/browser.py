"""Headless Chromium for the theme tests: serve a build, screenshot it, dump its DOM, read the PNG.

Only Debian's ``chromium`` package is used (``.ci/run`` installs it); no browser is downloaded and no
driver library is needed, because Chromium's own ``--screenshot`` and ``--dump-dom`` switches are enough.
"""

from __future__ import annotations

import html
import json
import socket
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
PHONE_WIDTH = 360
PHONE_HEIGHT = 800

# Headless, root-safe, and silent: this machine's network is closed, so no background connections.
HEADLESS_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
# --hide-scrollbars: phones draw overlay scrollbars, so the page gets the full 360 px, as on a phone.
CHROMIUM_FLAGS = (
    *HEADLESS_FLAGS,
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    f"--window-size={PHONE_WIDTH},{PHONE_HEIGHT}",
)

# JavaScript is switched off through the profile's content setting (2 = block), as a reader would in the
# browser's settings. ``--blink-settings=scriptEnabled=false`` cannot be used: with it Chromium 156 exits 0
# but writes neither the screenshot nor the DOM dump.
JAVASCRIPT_OFF_PREFERENCES = {"profile": {"default_content_setting_values": {"javascript": 2}}}


@contextmanager
def serve(directory: Path, log: Path) -> Iterator[str]:
    """Serve ``directory`` with ``python -m http.server`` on a free local port; yield its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(directory)]
    with log.open("wb") as log_file:
        server = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT)
    try:
        _wait_until_listening(server, port, log)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_listening(server: subprocess.Popen, port: int, log: Path, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"http.server exited with {server.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"http.server did not listen on port {port} within {timeout} s")


def run_chromium(work: Path, url: str, *switches: str, javascript: bool = False) -> str:
    """Run headless Chromium once on ``url`` with a fresh profile; return its standard output."""
    profile = Path(tempfile.mkdtemp(prefix="profil-", dir=work))
    if not javascript:
        (profile / "Default").mkdir()
        (profile / "Default" / "Preferences").write_text(json.dumps(JAVASCRIPT_OFF_PREFERENCES), encoding="utf-8")
    command = [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *switches, url]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0:
        noise = ("dbus", "unexpected operator")  # D-Bus is absent in containers; Debian's launcher script warns
        stderr = [line for line in result.stderr.splitlines() if not any(word in line for word in noise)]
        raise AssertionError(f"chromium exited with {result.returncode} on {url}:\n" + "\n".join(stderr[-20:]))
    return result.stdout


def screenshot(work: Path, url: str, png: Path) -> Path:
    """Screenshot of the phone-sized viewport, with JavaScript off."""
    run_chromium(work, url, f"--screenshot={png}")
    return png


def dump_dom(work: Path, url: str, *, javascript: bool = False) -> str:
    """The DOM after loading and layout at phone width, serialised by Chromium."""
    return run_chromium(work, url, "--dump-dom", javascript=javascript)


# Measuring layout needs script, so this probe page is the only place where JavaScript runs: it loads each
# site page (same origin, JavaScript never needed by them) in a phone-wide iframe and writes what overflows.
_OVERFLOW_PROBE = """<!DOCTYPE html>
<html lang="id">
<head><meta charset="utf-8"><title>Ukur lebar halaman</title></head>
<body>
<pre id="hasil">belum diukur</pre>
{frames}
<script>
window.addEventListener("load", () => {{
  const hasil = {{}};
  for (const frame of document.querySelectorAll("iframe")) {{
    const root = frame.contentDocument.documentElement;
    const wide = [];
    for (const element of root.querySelectorAll("body *")) {{
      const right = element.getBoundingClientRect().right;
      if (right > root.clientWidth + 0.5) {{
        const name = element.tagName.toLowerCase() + (element.className ? "." + element.className : "");
        wide.push(name + " ends at " + Math.round(right) + " px: " + element.textContent.trim().slice(0, 60));
      }}
    }}
    hasil[frame.dataset.page] = {{
      clientWidth: root.clientWidth, scrollWidth: root.scrollWidth, wide: wide.slice(0, 5),
    }};
  }}
  document.getElementById("hasil").textContent = JSON.stringify(hasil);
}});
</script>
</body>
</html>
"""


def overflow_probe_page(pages: list[str]) -> str:
    """HTML of the probe page for site-absolute ``pages`` ("/kim/x/index.html")."""
    frames = "\n".join(
        f'<iframe data-page="{html.escape(page)}" src="{html.escape(page)}" '
        f'width="{PHONE_WIDTH}" height="{PHONE_HEIGHT}"></iframe>'
        for page in pages
    )
    return _OVERFLOW_PROBE.format(frames=frames)


@dataclass(frozen=True)
class Png:
    """A decoded 8-bit, non-interlaced PNG: rows of RGB(A) bytes."""

    width: int
    height: int
    channels: int
    rows: list[bytes]

    def rgb(self, row: int) -> list[tuple[int, int, int]]:
        """RGB colours of one row (alpha ignored; grey expanded)."""
        line, step = self.rows[row], self.channels
        if step < 3:
            return [(line[i], line[i], line[i]) for i in range(0, len(line), step)]
        return [(line[i], line[i + 1], line[i + 2]) for i in range(0, len(line), step)]


_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # PNG colour type -> samples per pixel (palette images are not expected)


def read_png(path: Path) -> Png:
    """Decode a PNG with zlib and struct only (enough for Chromium's screenshots)."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG file")
    position, compressed = 8, []
    width = height = channels = 0
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or interlace or colour not in _CHANNELS:
                raise ValueError(
                    f"{path}: unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})"
                )
            channels = _CHANNELS[colour]
        elif kind == b"IDAT":
            compressed.append(body)
        elif kind == b"IEND":
            break
    raw = zlib.decompress(b"".join(compressed))
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        line = _unfilter(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, channels)
        rows.append(bytes(line))
        previous = line
    return Png(width, height, channels, rows)


def _unfilter(kind: int, line: bytearray, previous: bytearray, step: int) -> bytearray:
    """Undo one row's PNG filter (RFC 2083, section 6)."""
    if kind == 0:
        return line
    for i in range(len(line)):
        left = line[i - step] if i >= step else 0
        up = previous[i]
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + up) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            upper_left = previous[i - step] if i >= step else 0
            estimate = left + up - upper_left
            distances = (abs(estimate - left), abs(estimate - up), abs(estimate - upper_left))
            predictor = (left, up, upper_left)[distances.index(min(distances))]
            line[i] = (line[i] + predictor) & 0xFF
        else:
            raise ValueError(f"unknown PNG filter type {kind}")
    return line
