"""One small static file server for ``kim pratinjau`` and ``kim sajikan`` (``make serve``).

Python's ``SimpleHTTPRequestHandler`` and ``pelican --listen`` list folders
and answer any ``Host``; a preview also holds drafts (``/draf/``), so both are
replaced by this handler, whose rules are:

- no folder listings: a folder is served only through its ``index.html``,
  anything else is 404 with the portal's own ``404.html`` when it exists;
- the ``Host`` header must name the bound address, ``localhost``,
  ``127.0.0.1`` or ``[::1]`` (with or without the port), else 421. A web page
  on another site can point its own domain name at 127.0.0.1 (DNS
  rebinding) and read the preview through it; its requests carry that name.
  On a wildcard bind (``0.0.0.0``, ``::``) any IP literal is accepted too,
  because a literal address cannot be rebound;
- every path, after symlinks are followed, stays inside the served folder;
  hidden files (``.git``, ``.cache``) are never served, ``.well-known`` is;
- GET and HEAD only; a fixed content-type table (never the machine's
  ``mime.types``), ``X-Content-Type-Options: nosniff`` on every answer, and a
  script-free ``Content-Security-Policy`` on SVG images.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import ipaddress
import os
import shutil
import signal
import socket
import sys
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import quote, unquote

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'"
TEXT = "; charset=utf-8"
CONTENT_TYPES = {
    ".html": "text/html" + TEXT,
    ".htm": "text/html" + TEXT,
    ".css": "text/css" + TEXT,
    ".js": "text/javascript" + TEXT,
    ".mjs": "text/javascript" + TEXT,
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".xsl": "application/xml",
    ".opml": "text/x-opml" + TEXT,
    ".txt": "text/plain" + TEXT,
    ".csv": "text/csv" + TEXT,
    ".yml": "text/plain" + TEXT,
    ".yaml": "text/plain" + TEXT,
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
}
FALLBACK_TYPE = "application/octet-stream"
ALLOWED_METHODS = "GET, HEAD"
CHUNK = 64 * 1024


def content_type(path: str) -> str:
    """The content type for a file name, from the fixed table."""
    return CONTENT_TYPES.get(os.path.splitext(path)[1].lower(), FALLBACK_TYPE)


def split_host(value: str) -> tuple[str, str] | None:
    """``Host`` header -> (name, port); None when it is malformed (e.g. an unbracketed IPv6 address)."""
    value = value.strip().lower()
    if value.startswith("["):
        name, bracket, rest = value.partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            return None
        return name + "]", rest[1:]
    if value.count(":") > 1:
        return None
    name, _, port = value.partition(":")
    return name, port


def is_ip_literal(name: str) -> bool:
    """True for ``192.168.1.5`` or ``[fe80::1]``; a literal address cannot be rebound by DNS."""
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


class StaticServer(ThreadingHTTPServer):
    """A threaded HTTP server for one folder (given as a callable, so a preview can swap builds)."""

    daemon_threads = True

    def __init__(self, host: str, port: int, root: Callable[[], str]) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.root = root
        self.bound_host = host
        super().__init__((host, port), StaticHandler)

    @property
    def port(self) -> int:
        """The port actually bound (``--port 0`` picks a free one)."""
        return self.server_address[1]

    def host_allowed(self, header: str | None) -> bool:
        """Whether a request's ``Host`` header names this server (see the module docstring)."""
        parts = split_host(header or "")
        if parts is None:
            return False
        name, port = parts
        if port and port != str(self.port):
            return False
        bound = f"[{self.bound_host}]" if ":" in self.bound_host else self.bound_host.lower()
        if name in LOOPBACK_NAMES or name == bound:
            return True
        return self.bound_host in WILDCARD_HOSTS and is_ip_literal(name)


class StaticHandler(BaseHTTPRequestHandler):
    """GET/HEAD of files below the server's folder; no listings, no escapes, no foreign hosts."""

    server: StaticServer
    server_version = "WartaKIM"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the terminal for the portal's own messages, not one line per request."""

    def do_GET(self) -> None:
        """Serve a file with its body."""
        self.answer(with_body=True)

    def do_HEAD(self) -> None:
        """Serve a file's headers only."""
        self.answer(with_body=False)

    def refuse_method(self) -> None:
        """Anything but GET and HEAD: 405, the site is read-only."""
        self.send_page(HTTPStatus.METHOD_NOT_ALLOWED, "Metode tidak diizinkan", "Hanya GET dan HEAD yang dilayani.")

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = refuse_method

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Malformed requests and unknown methods: the short Indonesian page, with the same headers."""
        self.close_connection = True
        self.send_page(HTTPStatus(code), "Permintaan tidak dapat dilayani", f"Server menolak permintaan ini ({code}).")

    def answer(self, *, with_body: bool) -> None:
        """Check the host and the path, then send the file, a redirect or a 404."""
        self.with_body = with_body
        if not self.server.host_allowed(self.headers.get("Host")):
            self.send_page(
                HTTPStatus.MISDIRECTED_REQUEST,
                "Alamat tidak dikenal",
                f"Server ini hanya melayani http://localhost:{self.server.port}/ dan "
                f"http://127.0.0.1:{self.server.port}/. Buka salah satu alamat itu.",
            )
            return
        raw_path, _, query = self.path.split("#", 1)[0].partition("?")
        url_path = unquote(raw_path)
        if not raw_path.startswith("/") or "\x00" in url_path:
            self.send_page(HTTPStatus.BAD_REQUEST, "Permintaan tidak sah", "Alamat halaman tidak sah.")
            return
        served = self.server.root()
        if not served:  # a preview before its first build: never fall back to the working folder
            self.send_page(
                HTTPStatus.SERVICE_UNAVAILABLE, "Belum siap", "Portal sedang dibangun; muat ulang sebentar lagi."
            )
            return
        root = os.path.realpath(served)
        path = self.resolve(root, url_path)
        if path is not None and os.path.isdir(path):
            path = self.resolve(root, url_path.rstrip("/") + "/index.html")
            if path is not None and os.path.isfile(path) and not raw_path.endswith("/"):
                # One leading slash only: "//example.org" would send the browser to another site.
                self.redirect("/" + raw_path.lstrip("/") + "/" + (f"?{query}" if query else ""))
                return
        if path is None or not os.path.isfile(path):
            self.not_found(root)
            return
        self.send_file(path, HTTPStatus.OK)

    @staticmethod
    def resolve(root: str, url_path: str) -> str | None:
        """The real file or folder for a URL path, or None when it is hidden or leaves ``root``."""
        parts = [part for part in url_path.split("/") if part]
        if any(part == ".." or (part.startswith(".") and part != ".well-known") for part in parts):
            return None
        path = os.path.realpath(os.path.join(root, *parts))
        if path != root and not path.startswith(root + os.sep):
            return None  # a symlink pointing out of the served folder
        return path

    def not_found(self, root: str) -> None:
        """The portal's own 404 page when the build has one, else a short one."""
        page = self.resolve(root, "404.html")
        if page is not None and os.path.isfile(page):
            self.send_file(page, HTTPStatus.NOT_FOUND)
            return
        self.send_page(HTTPStatus.NOT_FOUND, "Halaman tidak ditemukan", "Tidak ada halaman di alamat ini.")

    def redirect(self, location: str) -> None:
        """A folder asked for without its slash: send the browser to ``folder/`` (relative links need it)."""
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", quote(location, safe="/?=&%"))
        self.send_header("Content-Length", "0")
        self.common_headers()
        self.end_headers()

    def send_file(self, path: str, status: HTTPStatus) -> None:
        """Send a regular file; opened without following a last-moment symlink."""
        try:
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            self.send_page(HTTPStatus.NOT_FOUND, "Halaman tidak ditemukan", "Tidak ada halaman di alamat ini.")
            return
        with open(descriptor, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            kind = content_type(path)
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(size))
            if kind == "image/svg+xml":
                self.send_header("Content-Security-Policy", SVG_POLICY)
            if self.path.startswith("/pagefind/"):  # another portal's /cari/ may merge it, as GitHub Pages allows
                self.send_header("Access-Control-Allow-Origin", "*")
            self.common_headers()
            self.end_headers()
            if self.with_body:
                with contextlib.suppress(ConnectionError):
                    shutil.copyfileobj(handle, self.wfile, CHUNK)

    def send_page(self, status: HTTPStatus, title: str, text: str) -> None:
        """A short Indonesian HTML answer (errors), instead of the standard library's English page."""
        body = (
            '<!doctype html><html lang="id"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title></head><body><main><h1>{html.escape(title)}</h1>"
            f"<p>{html.escape(text)}</p></main></body></html>"
        ).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html" + TEXT)
        self.send_header("Content-Length", str(len(body)))
        if status == HTTPStatus.METHOD_NOT_ALLOWED:
            self.send_header("Allow", ALLOWED_METHODS)
        self.common_headers()
        self.end_headers()
        if getattr(self, "with_body", True) and self.command != "HEAD":
            with contextlib.suppress(ConnectionError):
                self.wfile.write(body)

    def common_headers(self) -> None:
        """Headers on every answer: no type sniffing, and always fresh (a preview changes under the reader)."""
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-cache")


def add_parser(commands) -> None:
    """Register the ``serve`` sub-command (``make serve`` runs it after building)."""
    parser = commands.add_parser(
        "sajikan",
        aliases=["serve"],
        help="sajikan portal yang sudah dibangun (folder output/) di komputer sendiri",
        description=(
            "Menyajikan folder hasil pembangunan lewat HTTP tanpa membangun ulang. Isi folder tidak pernah "
            "didaftar, dan hanya permintaan ke alamat server ini, localhost, atau 127.0.0.1 yang dilayani."
        ),
    )
    parser.add_argument("--host", default="127.0.0.1", help="alamat yang didengarkan (bawaan: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="nomor port (bawaan: 8000; 0 = pilih otomatis)")
    parser.add_argument(
        "--keluaran", "--output", dest="output", default="output", help="folder hasil yang disajikan (bawaan: output)"
    )
    parser.set_defaults(run=run)


def _stop(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    """Serve ``--output`` until Ctrl+C or SIGTERM."""
    folder = os.path.abspath(args.output)
    if not os.path.isfile(os.path.join(folder, "index.html")):
        print(
            f"Folder '{args.output}' belum berisi portal (index.html tidak ada). Bangun dulu dengan `make build` "
            "atau `kim bangun`.",
            file=sys.stderr,
        )
        return 2
    try:
        server = StaticServer(args.host, args.port, lambda: folder)
    except OSError as error:
        print(
            f"Server tidak bisa dibuka di {args.host}:{args.port} ({error.strerror}). "
            f"Mungkin port itu sudah dipakai; coba --port {args.port + 1}.",
            file=sys.stderr,
        )
        return 1
    # Before the address is announced: whoever reads it may stop the server at once (a test, a script), and
    # a SIGTERM that came before the handler killed it without closing (exit -15). Ctrl-C also works where
    # SIGINT is ignored (a shell's background job), as in the preview.
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    shown = "127.0.0.1" if args.host in WILDCARD_HOSTS else (f"[{args.host}]" if ":" in args.host else args.host)
    print(f"Portal tersedia di http://{shown}:{server.port}/ (hentikan dengan Ctrl+C).", flush=True)
    if args.host in WILDCARD_HOSTS:
        print("Peringatan: server mendengarkan semua alamat; komputer lain di jaringan ini dapat membukanya.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Server dihentikan.", flush=True)
    finally:
        server.server_close()
    return 0
