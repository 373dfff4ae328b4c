#!/usr/bin/env python3
"""Serve partner-feed fixtures over real HTTP on 127.0.0.1.

Used by ``make fetch-demo`` (the demo partners' feeds are fixture files), by
the tests (hostile servers) and by ``scripts/bench_fetch.py``. Plain files are
served as they are, with ETag / Last-Modified and 304 answers. A ``.case``
file starts with ``# Key: value`` lines, then a line ``---``, then the body;
its keys describe how to misbehave:

    Status: 503                    answer with this status
    Header: Retry-After: 120       extra response header (repeatable)
    Delay: 1.5 | random 2          wait before answering (seconds, or up to N seconds at random)
    Serve: slow 0.5                send the body one byte every 0.5 s
    Serve: stall                   send headers, then nothing
    Serve: endless                 an endless chunked body
    Serve: huge 50000000           a body of that many bytes
    Serve: gzip-bomb 1000000000    gzip of that many bytes of spaces
    Serve: redirect 301 /x.case    redirect (any status) to a path
    Serve: redirect-loop           /a -> /a?1 -> /a -> ...
    Serve: many-items 5000         an RSS document with that many items
    Serve: many-tombstones 5000    an Atom document with one entry and that many RFC 6721 tombstones
    Serve: reset                   close the connection without answering

Other keys (Case, Expect, Expect-*) are for the tests and ignored here. A
test may set ``server.variables`` (e.g. ``{"intern": "127.0.0.1:40123"}``):
each ``{name}`` in a redirect target or a ``.case`` body is then replaced,
so a case can point at another server started by the test.

``kim ambil`` refuses loopback addresses unless they are listed in
``WARTA_MITRA_LOCAL_ALLOWLIST``: ``pelicanconf.py`` lists the demo's
127.0.0.1:8765, and :func:`allowlist_settings` writes a settings file that
lists a test's servers.

Run alone: ``python scripts/serve_partner_fixtures.py [--port 8765] [FOLDER]``; or
``python scripts/serve_partner_fixtures.py -- COMMAND ...`` to serve while COMMAND runs.
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import hashlib
import http.server
import random
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEMO_FOLDER = ROOT / "tests" / "fixtures" / "partners" / "demo"
DEMO_PORT = 8765
CONTENT_TYPES = {
    ".xml": "application/xml",
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
_BOMB_CACHE: dict[int, bytes] = {}


@dataclass
class Fixture:
    """A fixture file: its response headers, behaviour and body."""

    body: bytes
    status: int = 200
    headers: list[tuple[str, str]] = field(default_factory=list)
    serve: list[str] = field(default_factory=list)
    delay: str = ""
    meta: dict[str, list[str]] = field(default_factory=dict)


def read_fixture(path: Path) -> Fixture:
    """Parse a fixture file (``.case`` header or plain body)."""
    raw = path.read_bytes()
    if path.suffix != ".case":
        return Fixture(raw, headers=[("Content-Type", CONTENT_TYPES.get(path.suffix, "application/octet-stream"))])
    head, _, body = raw.partition(b"\n---\n")
    fixture = Fixture(body)
    for line in head.decode("utf-8").splitlines():
        if not line.startswith("#") or ":" not in line:
            continue
        key, _, value = line[1:].partition(":")
        key, value = key.strip(), value.strip()
        fixture.meta.setdefault(key, []).append(value)
        if key == "Status":
            fixture.status = int(value)
        elif key == "Header":
            name, _, header_value = value.partition(":")
            fixture.headers.append((name.strip(), header_value.strip()))
        elif key == "Serve":
            fixture.serve = value.split()
        elif key == "Delay":
            fixture.delay = value
    if not any(name.lower() == "content-type" for name, _ in fixture.headers):
        fixture.headers.append(("Content-Type", "application/xml"))
    return fixture


def gzip_bomb(size: int) -> bytes:
    """About ``size`` spaces as gzip: one 1 MB member, repeated (multi-member gzip is valid and instant)."""
    if size not in _BOMB_CACHE:
        member = gzip.compress(b" " * (1024 * 1024), compresslevel=9)
        _BOMB_CACHE[size] = member * max(1, size // (1024 * 1024))
    return _BOMB_CACHE[size]


def many_items(count: int) -> bytes:
    """An RSS document with ``count`` distinct items."""
    items = "".join(
        f"<item><title>Kabar ke-{n}</title><link>https://banyak.example/{n}</link>"
        f"<guid>https://banyak.example/{n}</guid><pubDate>Fri, 20 Nov 2026 08:00:00 +0700</pubDate></item>"
        for n in range(count)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Banyak</title>{items}</channel></rss>'.encode()


def many_tombstones(count: int) -> bytes:
    """An Atom document with one entry, then ``count`` tombstones for ``tag:banyak.example,2026:<n>``."""
    tombstones = "".join(
        f'<at:deleted-entry ref="tag:banyak.example,2026:{n}" when="2026-11-20T08:00:00+07:00">'
        f"<at:comment>Dicabut ke-{n}</at:comment></at:deleted-entry>"
        for n in range(count)
    )
    return (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:at="http://purl.org/atompub/tombstones/1.0"><title>Banyak nisan</title><id>urn:banyak</id>'
        "<entry><title>Kabar yang tetap</title><id>tag:banyak.example,2026:tetap</id>"
        '<link href="https://banyak.example/tetap"/><updated>2026-11-20T08:00:00+07:00</updated></entry>'
        f"{tombstones}</feed>"
    ).encode()


@dataclass
class RecordedRequest:
    """A request the server received, for tests to inspect."""

    path: str
    headers: dict[str, str]


class FixtureHandler(http.server.BaseHTTPRequestHandler):
    """Answers from the fixture folder of its server."""

    protocol_version = "HTTP/1.1"
    server: FixtureServer

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: tests and the fetch print their own reports."""

    def do_GET(self) -> None:
        """Serve one request according to its fixture."""
        path = urlsplit(self.path).path
        self.server.record(RecordedRequest(self.path, {k.lower(): v for k, v in self.headers.items()}))
        name = self.server.routes.get(path, path).lstrip("/")
        file = (self.server.folder / name).resolve()
        if self.server.folder.resolve() not in file.parents or not file.is_file():
            self._send(404, [("Content-Type", "text/plain")], b"tidak ada")
            return
        fixture = read_fixture(file)
        if file.suffix == ".case" and self.server.variables:
            fixture.body = self.server.expand(fixture.body.decode("utf-8", "surrogateescape")).encode(
                "utf-8", "surrogateescape"
            )
        if fixture.delay:
            parts = fixture.delay.split()
            time.sleep(random.uniform(0, float(parts[1])) if parts[0] == "random" else float(parts[0]))
        try:
            self._serve(fixture, path)
        except (TimeoutError, BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _serve(self, fixture: Fixture, path: str) -> None:
        behaviour = fixture.serve[0] if fixture.serve else ""
        args = fixture.serve[1:]
        if behaviour == "reset":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if behaviour == "redirect":
            self._send(int(args[0]), [("Location", self.server.expand(args[1])), ("Content-Length", "0")], b"")
            return
        if behaviour == "redirect-loop":
            target = path if "?" in self.path else f"{path}?lagi"
            self._send(302, [("Location", target), ("Content-Length", "0")], b"")
            return
        body = fixture.body
        if behaviour == "many-items":
            body = many_items(int(args[0]))
        elif behaviour == "many-tombstones":
            body = many_tombstones(int(args[0]))
        headers = list(fixture.headers)
        if fixture.status == 200 and behaviour in ("", "many-items", "many-tombstones"):
            digest = hashlib.sha1(body).hexdigest()
            etag = f'"{digest[:16]}"'
            changed = self.server.last_modified - int(digest[:6], 16)  # differs with the content
            modified = email.utils.formatdate(changed, usegmt=True)
            headers += [("ETag", etag), ("Last-Modified", modified)]
            if "If-None-Match" in self.headers:  # RFC 9110: the ETag check wins over the date
                not_modified = self.headers["If-None-Match"] == etag
            else:
                not_modified = self.headers.get("If-Modified-Since") == modified
            if not_modified:
                self._send(304, [("ETag", etag), ("Last-Modified", modified)], b"", body_allowed=False)
                return
        if behaviour in ("slow", "stall", "endless", "huge", "gzip-bomb"):
            self._stream(behaviour, args, fixture, headers)
            return
        self._send(fixture.status, headers, body)

    def _send(self, status: int, headers: list[tuple[str, str]], body: bytes, body_allowed: bool = True) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if body_allowed and not any(name.lower() == "content-length" for name, _ in headers):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body_allowed:
            self.wfile.write(body)

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def _stream(self, behaviour: str, args: list[str], fixture: Fixture, headers: list[tuple[str, str]]) -> None:
        if behaviour == "gzip-bomb":
            headers = [*headers, ("Content-Encoding", "gzip")]
        self.send_response(fixture.status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.flush()
        if behaviour == "stall":
            time.sleep(float(args[0]) if args else 60)
        elif behaviour == "slow":
            for byte in fixture.body * 1000:
                self._chunk(bytes([byte]))
                time.sleep(float(args[0]))
        elif behaviour == "endless":
            block = b"<item><title>tanpa akhir</title></item>" * 256
            while True:
                self._chunk(block)
        elif behaviour == "huge":
            remaining = int(args[0])
            block = b"<!-- isi besar -->" * 4096
            while remaining > 0:
                self._chunk(block[:remaining])
                remaining -= len(block)
        elif behaviour == "gzip-bomb":
            data = gzip_bomb(int(args[0]))
            for start in range(0, len(data), 16384):
                self._chunk(data[start : start + 16384])
        self.wfile.write(b"0\r\n\r\n")


class FixtureServer(http.server.ThreadingHTTPServer):
    """A threaded HTTP server on 127.0.0.1 (or another loopback address) serving one fixture folder."""

    daemon_threads = True
    request_queue_size = 512

    def __init__(self, folder: Path, port: int = 0, host: str = "127.0.0.1") -> None:
        super().__init__((host, port), FixtureHandler)
        self.folder = Path(folder)
        self.routes: dict[str, str] = {}  # path -> fixture file name, to change a feed between fetches
        self.variables: dict[str, str] = {}  # {name} -> text in redirect targets and .case bodies
        self.requests: list[RecordedRequest] = []
        self.last_modified = time.time() // 60 * 60
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port actually bound."""
        return self.server_address[1]

    @property
    def host_port(self) -> str:
        """``127.0.0.1:PORT``: this server's entry for ``WARTA_MITRA_LOCAL_ALLOWLIST``."""
        return f"{self.server_address[0]}:{self.port}"

    def url(self, name: str) -> str:
        """Address of a fixture file."""
        return f"http://{self.host_port}/{name}"

    def expand(self, text: str) -> str:
        """``text`` with each ``{name}`` of :attr:`variables` replaced."""
        for name, value in self.variables.items():
            text = text.replace("{" + name + "}", value)
        return text

    def record(self, request: RecordedRequest) -> None:
        """Remember a request (thread-safe)."""
        with self._lock:
            self.requests.append(request)

    def requests_for(self, path: str) -> list[RecordedRequest]:
        """Requests whose path (without query) was ``path``."""
        with self._lock:
            return [r for r in self.requests if urlsplit(r.path).path == path]

    def start(self) -> FixtureServer:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self.serve_forever, name="fixture-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.shutdown()
        self.server_close()

    def __enter__(self) -> FixtureServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def allowlist_settings(path: Path, *entries: str, base: Path | None = ROOT / "pelicanconf.py") -> Path:
    """Write a settings file for ``kim ambil --pengaturan`` allowing these ``host:port`` entries.

    The file starts from ``base`` (the repository's ``pelicanconf.py`` unless said otherwise; None: Pelican's
    defaults) and replaces its ``WARTA_MITRA_LOCAL_ALLOWLIST``.
    """
    lines = ['"""Generated by scripts/serve_partner_fixtures.py: the fixture servers this fetch may use."""']
    if base is not None:
        lines += ["import sys", f"sys.path.insert(0, {str(base.parent)!r})", f"from {base.stem} import *  # noqa: F403"]
    lines.append(f"WARTA_MITRA_LOCAL_ALLOWLIST = {list(entries)!r}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Serve a folder until interrupted, or while a command runs."""
    argv = sys.argv[1:] if argv is None else argv
    command: list[str] = []
    if "--" in argv:
        command = argv[argv.index("--") + 1 :]
        argv = argv[: argv.index("--")]
    parser = argparse.ArgumentParser(description="Sajikan berkas umpan contoh media mitra di 127.0.0.1.")
    parser.add_argument("folder", nargs="?", default=str(DEMO_FOLDER), help="folder berkas umpan")
    parser.add_argument("--port", type=int, default=DEMO_PORT, help=f"port (bawaan {DEMO_PORT})")
    args = parser.parse_args(argv)
    server = FixtureServer(Path(args.folder), args.port)
    if command:
        with server:
            return subprocess.run(command, check=False).returncode
    print(f"Umpan contoh tersedia di http://127.0.0.1:{server.port}/ (hentikan dengan Ctrl+C)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
