"""Search across portals: what a portal needs so that another portal's ``/cari/`` can merge its index.

``WARTA_SEARCH_PORTALS`` puts the portals on ``/cari/`` (``data-portal``) and leaves their feed items out of
this portal's own index (their stories come, whole, from their own indexes); ``kim sajikan`` and the
federation demo's server send ``Access-Control-Allow-Origin: *`` for ``/pagefind/`` (as GitHub Pages does)
and for nothing else. ``tests/warta_partners/test_federation.py`` runs the whole thing in Chromium.
"""

from __future__ import annotations

import functools
import gzip
import json
import sys
import threading
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from support.serving import Served
from support.site import DEMO_CONTENT, ROOT, article, build_content, make_network, soup
from test_search_partners import IN_2024, MITRA_YML, PARTNER

sys.path.insert(0, str(ROOT / "scripts"))
from federation import QuietHandler


@pytest.fixture
def partner_network(tmp_path: Path) -> tuple[Path, Path]:
    """Content with one article and the demo's Kabar Pesisir Lampung cache; the output folder to build into."""
    content = make_network(
        tmp_path, {"kim/kim-uji-bagelen/2024/a.md": article("Panen Kopi Bagelen"), "_data/mitra.yml": MITRA_YML}
    )
    (content / "_mitra").mkdir()
    (content / "_mitra" / f"{PARTNER}.json").write_bytes((DEMO_CONTENT / "_mitra" / f"{PARTNER}.json").read_bytes())
    return content, tmp_path / "output"


def partner_links(output: Path) -> set[str]:
    """The partner addresses of the partner items in every part of the index."""
    links = set()
    for part in (output / "pagefind", output / "pagefind" / "arsip"):
        for path in (part / "fragment").glob("*") if part.is_dir() else ():
            meta = json.loads(gzip.decompress(path.read_bytes())[12:])["meta"]
            if "mitra" in meta:
                links.add(meta["tautan"])
    return links


def test_a_merged_portals_feed_items_stay_out_of_the_own_index(partner_network) -> None:
    content, output = partner_network
    build_content(content, output, WARTA_SEARCH_PORTALS=["https://kabarpesisir.example"], **IN_2024)
    links = partner_links(output)
    assert links, "the other outlets' items were left out too"
    assert not any(link.startswith("https://kabarpesisir.example/") for link in links), links
    entries = json.loads((content / "_mitra" / f"{PARTNER}.json").read_text(encoding="utf-8"))["entries"]
    assert any(entry["link"].startswith("https://kabarpesisir.example/") for entry in entries)
    form = soup(output / "cari" / "index.html").select_one("form#cari")
    assert form["data-portal"] == "https://kabarpesisir.example/"


def test_a_portal_without_merged_portals_indexes_every_feed_item(partner_network) -> None:
    content, output = partner_network
    build_content(content, output, **IN_2024)
    assert any(link.startswith("https://kabarpesisir.example/") for link in partner_links(output))
    assert soup(output / "cari" / "index.html").select_one("form#cari")["data-portal"] == ""


def site(tmp_path: Path) -> Path:
    """An output folder with a search entry file and a page."""
    output = tmp_path / "output"
    (output / "pagefind" / "arsip").mkdir(parents=True)
    (output / "pagefind" / "pagefind-entry.json").write_text('{"version": "1.5.2"}')
    (output / "pagefind" / "arsip" / "pagefind-entry.json").write_text('{"version": "1.5.2"}')
    (output / "index.html").write_text("<!doctype html><title>Beranda</title>")
    return output


def test_kim_sajikan_lets_other_portals_read_the_search_index(tmp_path: Path) -> None:
    served = Served(site(tmp_path))
    try:
        for path in ("/pagefind/pagefind-entry.json", "/pagefind/arsip/pagefind-entry.json"):
            status, headers, _body = served.request(path)
            assert status == 200 and headers.get("access-control-allow-origin") == "*", path
        status, headers, _body = served.request("/index.html")
        assert status == 200 and "access-control-allow-origin" not in headers, "pages are not for other origins"
    finally:
        served.stop()


def test_the_federation_demo_server_does_the_same(tmp_path: Path) -> None:
    root = site(tmp_path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with urllib.request.urlopen(f"{base}/pagefind/arsip/pagefind-entry.json?ts=1", timeout=10) as answer:
            assert answer.headers["Access-Control-Allow-Origin"] == "*"
        with urllib.request.urlopen(f"{base}/index.html", timeout=10) as answer:
            assert answer.headers["Access-Control-Allow-Origin"] is None
    finally:
        server.shutdown()
        server.server_close()
