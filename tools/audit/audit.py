"""``make audit``: Lighthouse (npm, pinned here) in mobile mode on one page of every kind; prints the four scores.

The built site is served by ``kim sajikan`` on 127.0.0.1 and Debian's Chromium
(``CHROME_PATH``) runs with the project's headless flags (tests/support/browser.py).
Reports go to ``tools/audit/laporan/<page>.json``. Exits 1 when a score is
below ``--minimum`` (default 0: report only).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
sys.path[:0] = [
    str(ROOT / "plugins"),
    str(ROOT / "cli"),
    str(ROOT / "tests"),
]  # code first: no tests/warta_* shadows it
from support.browser import CHROMIUM, HEADLESS_FLAGS  # noqa: E402  (the project's Chromium flags, one definition)

PAGE_KINDS = (
    "/", "/kim/", "/wilayah/", "/topik/", "/cari/", "/langganan/", "/mitra/", "/tentang/", "/panduan/",
    "/statistik/", "/cek-fakta/", "/aspirasi/", "/ralat/", "/data/", "/404.html",
)  # fmt: skip


def sample_pages(output: Path) -> list[str]:
    """One KIM page, one article, one region and one topic page of the build; an aspiration and a withdrawal."""
    found = []
    for pattern in ("kim/*/index.html", "kim/*/*/index.html", "wilayah/*/*/*/*/index.html", "topik/*/index.html"):
        paths = sorted(p for p in output.glob(pattern) if "page" not in p.parts)
        if paths:
            found.append("/" + paths[0].parent.relative_to(output).as_posix() + "/")
    for marker in ('class="aspirasi"', 'class="berita berita-dicabut"'):  # the newer kinds of story page
        page = next((p for p in sorted(output.glob("kim/*/*/index.html")) if marker in p.read_text("utf-8")), None)
        if page is not None:
            found.append("/" + page.parent.relative_to(output).as_posix() + "/")
    return found


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_listening(port: int, timeout: float = 30) -> None:
    """Wait until the server accepts connections."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"kim sajikan tidak menjawab di port {port} dalam {timeout} detik.")


def audit(url: str, report: Path) -> dict[str, int]:
    """Run Lighthouse once (mobile is its default form factor) and return the four scores out of 100."""
    flags = " ".join(flag for flag in HEADLESS_FLAGS if flag != "--headless") + " --headless=new"
    command = [
        "node", str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}",
    ]  # fmt: skip
    subprocess.run(
        command,
        check=True,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", str(CHROMIUM))},
        timeout=300,
    )
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: round((categories[name]["score"] or 0) * 100) for name in CATEGORIES}


def main() -> int:
    """Serve the output, audit every page kind, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(ROOT / "output"), help="folder of the built site")
    parser.add_argument("--minimum", type=int, default=0, help="fail when any score is below this")
    args = parser.parse_args()
    output = Path(args.output)
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"{LIGHTHOUSE} tidak ada: jalankan `npm ci --prefix tools/audit` (make audit melakukannya).")
    reports = HERE / "laporan"
    reports.mkdir(exist_ok=True)
    port = free_port()
    kim = str(Path(sys.executable).parent / "kim")
    server = subprocess.Popen([kim, "serve", "--host", "127.0.0.1", "--port", str(port), "--output", str(output)])
    failed = False
    try:
        wait_listening(port)
        pages = [p for p in PAGE_KINDS if (output / p.lstrip("/")).exists()] + sample_pages(output)
        print(f"{'halaman':<60} " + " ".join(f"{name[:13]:>13}" for name in CATEGORIES))
        for page in pages:
            name = page.strip("/").replace("/", "_") or "beranda"
            scores = audit(f"http://127.0.0.1:{port}{page}", reports / f"{name}.json")
            failed |= min(scores.values()) < args.minimum
            print(f"{page:<60} " + " ".join(f"{scores[name]:>13}" for name in CATEGORIES), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
