"""``kim pratinjau``: a local preview server that rebuilds when content changes.

Every build goes into the same folder, incrementally, like ``kim bangun``: only
the pages a change affects are rendered, so a saved edit shows in seconds even
in a network of 10,000 articles. A saved edit of a story's text shows sooner:
its page is rendered from the last build kept in memory before the rebuild
starts (:mod:`.quick_render`). A build the check refuses writes nothing, so
the server (on 127.0.0.1 only) keeps showing the last good build while the
writer fixes a mistake; the check report is printed in the terminal and, until
a first build succeeds, shown in the browser as well. The folder lives in the
network's ``.cache/pratinjau/`` so the next ``kim pratinjau`` starts from it
(a second preview of the same network at the same time builds in a temporary
folder of its own). The search index is not refreshed in the preview: Pagefind
re-reads every article, which would take longer than the edit itself.
Changes are found by polling file times and sizes under ``content/``, the
theme, the settings file and the plugin folders: no extra dependency, and it
works the same on every file system. The preview is one resident process; what
it watches and which edits it cannot take in place (plugin code: restart) is
in :mod:`.resident`. After any sequence of edits its folder equals a clean
``kim bangun`` of the same files, drafts aside (``tests/warta_cli/test_preview_resident.py``).
Drafts are built too, under ``/draf/<kim>/<alamat>/``, because previewing an
unfinished story is the point; the published site never contains them. The
server (:mod:`.serving`) lists no folders and answers only requests addressed
to 127.0.0.1 or localhost, so no other web page can read those drafts.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import html
import io
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from pelican import Pelican

from warta_core.articles import PUBLISHED
from warta_core.config_options import SettingsError
from warta_core.problems import NetworkCheckFailed
from warta_network.settings_check import read_settings_file
from warta_network.state import warta_state

from .build import network_cache
from .logs import setup_logging
from .options import add_settings_option
from .quick_render import QuickRender
from .resident import Change, Watched, changed_paths
from .serving import StaticServer

HOST = "127.0.0.1"
SETTLE_SECONDS = 0.3  # wait for an editor to finish saving before building
DRAFT_URL = "draf/{kim}/{slug}/"


def add_parser(commands) -> None:
    """Register the ``preview`` sub-command."""
    parser = commands.add_parser(
        "pratinjau",
        aliases=["preview"],
        help="pratinjau portal di komputer sendiri; dibangun ulang setiap kali konten berubah",
        description=(
            f"Membangun portal dan menyajikannya di http://{HOST}:PORT/. Setiap kali berkas di folder konten "
            "berubah, portal dibangun ulang. Bila ada masalah, laporannya ditampilkan dan pratinjau tetap "
            "menyajikan hasil terakhir yang berhasil. Draf juga dapat dilihat di /draf/<kim>/<alamat>/."
        ),
    )
    parser.add_argument("--port", type=int, default=8000, help="nomor port (bawaan: 8000; 0 = pilih otomatis)")
    add_settings_option(parser)
    parser.add_argument(
        "--interval", type=float, default=1.0, help="jeda pemeriksaan perubahan dalam detik (bawaan: 1)"
    )
    parser.set_defaults(run=run)


def say(message: str) -> None:
    """Print at once: the writer watches the terminal while editing."""
    print(message, flush=True)


@dataclass
class ServedSite:
    """The folder currently served: the build folder once a build succeeded, else the report page."""

    workdir: str
    output: str = ""  # where every build goes (see ``claim_output``)
    directory: str = ""
    has_good_build: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)
    held: Any = None  # the open lock file that reserves ``output`` for this preview

    def current(self) -> str:
        """Folder to serve a request from."""
        with self.lock:
            return self.directory

    def claim_output(self, cache: str) -> None:
        """Build into ``cache/pratinjau`` (kept for the next preview), unless another preview holds it."""
        os.makedirs(cache, exist_ok=True)
        handle = open(os.path.join(cache, "pratinjau.lock"), "w")  # noqa: SIM115 (held while the preview runs)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            self.output = os.path.join(self.workdir, "hasil")
            return
        self.held = handle
        self.output = os.path.join(cache, "pratinjau")

    def publish(self) -> None:
        """Serve the build folder from now on (its pages are replaced whole, one by one, by each build)."""
        with self.lock:
            self.directory = self.output
            self.has_good_build = True

    def show_failure(self, report: str) -> None:
        """Before any good build: serve a page with the report instead of nothing."""
        folder = os.path.join(self.workdir, "laporan")
        os.makedirs(folder, exist_ok=True)
        page = (
            '<!doctype html><html lang="id"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>Pratinjau belum tersedia</title></head><body><main>"
            "<h1>Pratinjau belum tersedia</h1>"
            "<p>Portal belum bisa dibangun karena masalah berikut. Perbaiki berkasnya; "
            "halaman ini diperbarui otomatis setelah pembangunan berhasil (muat ulang halaman).</p>"
            f"<pre>{html.escape(report)}</pre></main></body></html>"
        )
        with open(os.path.join(folder, "index.html"), "w", encoding="utf-8") as handle:
            handle.write(page)
        with self.lock:
            self.directory = folder


@dataclass
class Builder:
    """Runs the checked Pelican build into a new folder and reports in Indonesian."""

    settings_file: str
    content: str
    site_url: str
    site: ServedSite
    overrides: dict[str, Any] = field(default_factory=dict)  # more settings (tests fix WARTA_NOW)
    quick: QuickRender = field(default_factory=QuickRender)  # the last good build, for stories' pages at once

    def settings_override(self) -> dict[str, Any]:
        """What the preview changes in the settings file's values: its folders, no search index, drafts shown."""
        return {
            "PATH": self.content,
            "OUTPUT_PATH": self.site.output,
            "CACHE_PATH": network_cache(self.content),
            "WARTA_SEARCH_INDEX": False,
            "SITEURL": "",
            "FEED_DOMAIN": self.site_url,
            "DRAFT_URL": DRAFT_URL,
            "DRAFT_SAVE_AS": DRAFT_URL + "index.html",
            **self.overrides,
        }

    def build(self) -> dict[str, Any] | None:
        """Build once; publish on success; on failure print the report and keep the last good build."""
        started = time.perf_counter()
        self.quick.begin(self.site.output)
        try:
            settings = read_settings_file(self.settings_file, self.settings_override())
            with contextlib.redirect_stdout(io.StringIO()):  # Pelican's English summary line
                Pelican(settings).run()
        except (NetworkCheckFailed, SettingsError) as failure:
            self.fail(str(failure).strip())
            return None
        except Exception as error:  # a template or plugin error must not stop the preview
            self.fail(f"Galat saat membangun: {type(error).__name__}: {error}")
            return None
        self.site.publish()
        self.quick.keep()
        state = warta_state(settings)
        articles = list(state.articles.values())
        published = sum(1 for a in articles if a.status == PUBLISHED)
        say(
            f"Pratinjau diperbarui dalam {time.perf_counter() - started:.1f} detik: {published} berita terbit, "
            f"{len(articles) - published} draf (lihat di {self.site_url}/draf/<kim>/<alamat>/)."
        )
        return settings

    def show_stories(self, paths: list[str]) -> bool:
        """Before the whole rebuild: the pages of stories whose text alone changed (:mod:`.quick_render`)."""
        if not self.site.has_good_build:
            return False
        started = time.perf_counter()
        try:
            urls = self.quick.render(paths)
        except Exception:
            return False
        if not urls:
            return False
        links = ", ".join(f"{self.site_url}/{url}" for url in urls)
        say(f"Berita diperbarui dalam {time.perf_counter() - started:.1f} detik: {links} (halaman lain menyusul).")
        return True

    def fail(self, report: str) -> None:
        """Tell the writer what broke (a refused build wrote nothing; the next build repairs a broken one)."""
        say(report)
        if self.site.has_good_build:
            say("Pembangunan gagal. Pratinjau tetap menampilkan hasil terakhir yang berhasil.")
        else:
            self.site.show_failure(report)
            say("Pembangunan gagal. Laporannya juga tampil di peramban sampai masalahnya diperbaiki.")


def article_links(settings: dict[str, Any] | None, paths: list[str], site_url: str) -> list[str]:
    """Preview addresses of the changed articles, so the writer can open them at once."""
    if settings is None:
        return []
    articles = warta_state(settings).articles
    links = []
    for path in paths:
        article = articles.get(path)
        if article is not None:
            pattern = settings["ARTICLE_URL"] if article.status == PUBLISHED else settings["DRAFT_URL"]
            links.append(f"{site_url}/{pattern.format(kim=article.kim.slug, slug=article.slug)}")
    return links


def open_server(port: int, site: ServedSite) -> StaticServer:
    """Bind the server to 127.0.0.1 only: a preview is not for the network (rules in :mod:`.serving`)."""
    return StaticServer(HOST, port, site.current)


def _stop(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def watch_settings(content: str, settings_file: str, previous: Watched | None = None) -> Watched:
    """What to watch under these settings; on a broken settings file, what was watched before."""
    try:
        settings = read_settings_file(settings_file, {"PATH": content})
    except SettingsError:
        if previous is None:
            raise
        return previous  # the build that follows prints the report
    return Watched.from_settings(content, settings_file, settings)


def shown_names(paths: list[str], parent: str) -> str:
    """The first three paths, relative to the network's folder when inside it, and how many more."""
    names = ", ".join(os.path.relpath(p, parent) if os.path.commonpath([p, parent]) == parent else p for p in paths[:3])
    return names + (f" dan {len(paths) - 3} berkas lain" if len(paths) > 3 else "")


def react(builder: Builder, watched: Watched, changed: list[str]) -> Watched:
    """Rebuild after one batch of saved files (say so when plugin code changed); return what to watch next."""
    parent = os.path.dirname(watched.content)
    code = watched.plugin_code(changed)
    if code:
        say(
            f"Kode plugin berubah: {shown_names(code, parent)}. Pratinjau tidak memuat kode baru selagi berjalan; "
            "hentikan dengan Ctrl+C lalu jalankan kim pratinjau lagi. Sampai itu, kode lama tetap dipakai."
        )
    kind = watched.classify(changed)
    if kind is Change.NONE:
        return watched
    if kind is Change.SETTINGS:
        watched = watch_settings(watched.content, watched.settings_file, watched)  # the theme may have moved
    rebuilt = [path for path in changed if path not in code]
    say(f"Perubahan terdeteksi: {shown_names(rebuilt, parent)}. Membangun ulang …")
    if kind is Change.CONTENT:
        builder.show_stories(rebuilt)
    for link in article_links(builder.build(), rebuilt, builder.site_url):
        say(f"  Lihat: {link}")
    return watched


def watch(builder: Builder, watched: Watched, interval: float) -> None:
    """Poll the watched files; after each settled batch of changes, react. Runs until interrupted."""
    before = watched.snapshot()
    builder.build()
    say(f"Pratinjau tersedia di {builder.site_url}/ (hentikan dengan Ctrl+C).")
    while True:
        time.sleep(interval)
        after = watched.snapshot()
        if after == before:
            continue
        time.sleep(SETTLE_SECONDS)
        while (settled := watched.snapshot()) != after:
            after = settled
            time.sleep(SETTLE_SECONDS)
        now_watched = react(builder, watched, changed_paths(before, after))
        before = after if now_watched == watched else now_watched.snapshot()  # a new theme folder: start over
        watched = now_watched


def run(args: argparse.Namespace) -> int:
    """Build, serve, watch; stop cleanly on Ctrl+C."""
    setup_logging()  # Indonesian, the plugin named once (warta_cli.logs)
    content = os.path.abspath(args.content)
    if not os.path.isdir(content):
        print(f"Folder konten '{args.content}' tidak ditemukan.", file=sys.stderr)
        return 2
    if not os.path.isfile(args.settings):
        print(f"Berkas pengaturan '{args.settings}' tidak ditemukan.", file=sys.stderr)
        return 2
    try:
        watched = watch_settings(content, args.settings)
    except SettingsError as error:  # a broken settings file; its values are checked by each build
        print(str(error).strip(), file=sys.stderr)
        return 1
    site = ServedSite(tempfile.mkdtemp(prefix="kim-pratinjau-"))
    site.claim_output(network_cache(content))
    try:
        server = open_server(args.port, site)
    except OSError as error:
        shutil.rmtree(site.workdir, ignore_errors=True)
        print(
            f"Pratinjau tidak bisa dibuka di port {args.port} ({error.strerror}). "
            f"Mungkin port itu sudah dipakai; coba --port {args.port + 1}.",
            file=sys.stderr,
        )
        return 1
    builder = Builder(os.path.abspath(args.settings), content, f"http://{HOST}:{server.port}", site)
    signal.signal(signal.SIGTERM, _stop)
    # Ctrl-C stops the preview even when it was started where SIGINT is ignored (a shell's background job,
    # inherited by every child): Python then installs no KeyboardInterrupt handler of its own.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        say(f"Membangun pratinjau dari {args.content} … (indeks pencarian /cari/ tidak diperbarui di pratinjau)")
        watch(builder, watched, args.interval)
    except KeyboardInterrupt:
        say("Pratinjau dihentikan.")
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(site.workdir, ignore_errors=True)
        if site.held is not None:
            site.held.close()
    return 0
