"""WebSub pings reach a real hub (an HTTP server on 127.0.0.1) with the changed feeds."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from support.site import ROOT, article, build_content, make_network, run_kim

from warta_syndication.websub import ping_hub


class Hub(BaseHTTPRequestHandler):
    """Records publish pings; answers 204, or 500 for topics containing 'rusak'."""

    received: list[dict[str, list[str]]]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        form = parse_qs(body)
        self.server.received.append(form)
        self.send_response(500 if "rusak" in form["hub.url"][0] else 204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def hub():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hub)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def test_ping_hub_posts_publish_notifications(hub) -> None:
    url = f"http://127.0.0.1:{hub.server_port}/"
    results = ping_hub(url, ["https://kim.example.org/atom.xml", "https://kim.example.org/rusak/rss.xml"])
    assert [r.ok for r in results] == [True, False]
    assert sorted(form["hub.url"][0] for form in hub.received) == [
        "https://kim.example.org/atom.xml",
        "https://kim.example.org/rusak/rss.xml",
    ]
    assert all(form["hub.mode"] == ["publish"] for form in hub.received)


def test_unreachable_hub_is_reported_not_raised() -> None:
    (result,) = ping_hub("http://127.0.0.1:9/", ["https://kim.example.org/atom.xml"], timeout=2)
    assert not result.ok
    assert result.error


def test_kim_websub_pings_every_feed_of_a_build(hub, tmp_path: Path) -> None:
    content = make_network(tmp_path, {"kim/kim-uji-bagelen/2024/a.md": article()})
    info = content / "_data" / "jaringan.yml"
    info.write_text(info.read_text() + f"\nwebsub_hub: http://127.0.0.1:{hub.server_port}/\n")
    build_content(content, tmp_path / "output")
    done = run_kim(
        "--konten", str(content), "websub", "--output", str(tmp_path / "output"), "--situs", "https://kim.example.org"
    )
    assert done.returncode == 0, done.stderr
    topics = {form["hub.url"][0] for form in hub.received}
    assert "https://kim.example.org/kim/kim-uji-bagelen/rss.xml" in topics
    assert "https://kim.example.org/feed.json" in topics
    assert len(topics) == len(list((tmp_path / "output").rglob("atom.xml"))) * 3
    assert "diberitahukan" in done.stdout


def test_publish_pings_the_hub_with_changed_feeds_only(hub, tmp_path: Path) -> None:
    """A real publish to a bare repository announces the feeds it changed, and nothing when unchanged."""
    content = make_network(
        tmp_path,
        {
            "kim/kim-uji-bagelen/2024/a.md": article("Pertama", "2024-03-05 08:00"),
            "pages/panduan.md": "Judul: Panduan\nSlug: panduan\n\nPanduan uji.\n",
        },
    )
    info = content / "_data" / "jaringan.yml"
    info.write_text(info.read_text() + f"\nwebsub_hub: http://127.0.0.1:{hub.server_port}/\n")
    remote = tmp_path / "remote.git"
    project = tmp_path / "proyek"
    project.mkdir()
    env = {**os.environ, "GIT_AUTHOR_NAME": "Uji", "GIT_AUTHOR_EMAIL": "uji@example.org"}
    env |= {
        "GIT_COMMITTER_NAME": "Uji",
        "GIT_COMMITTER_EMAIL": "uji@example.org",
        "WARTA_SITEURL": "https://kim.example.org",
    }
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    command = [
        sys.executable, "-m", "warta_cli.main", "--konten", str(content), "publish",
        "--pengaturan", str(ROOT / "publishconf.py"), "--remote", str(remote),
    ]  # fmt: skip

    def publish() -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, check=False)

    first = publish()
    assert first.returncode == 0, first.stdout + first.stderr
    topics = {form["hub.url"][0] for form in hub.received}
    assert "https://kim.example.org/kim/kim-uji-bagelen/atom.xml" in topics
    assert "https://kim.example.org/topik/budaya/rss.xml" in topics, "a first publish announces every feed"
    hub.received.clear()
    assert publish().returncode == 0
    assert hub.received == [], "an unchanged publish announces nothing"
    (content / "kim/kim-uji-bagelen/2024/b.md").write_text(article("Kedua", "2024-03-06 08:00", topics="budaya"))
    assert publish().returncode == 0
    topics = {form["hub.url"][0] for form in hub.received}
    assert "https://kim.example.org/topik/budaya/feed.json" in topics
    assert "https://kim.example.org/topik/kesehatan/atom.xml" not in topics, "unchanged feeds are not announced"
