"""The partner plugin's two halves stay apart, and the build reads ``mitra.yml`` once.

The fetch side (HTTP, spider, update, images, feed parsing) writes the cache; the build side (index,
pages, health for /mitra/status/) reads it; both share the model, the entries, the cache folder and the
partner list. A real ``kim bangun`` in a fresh interpreter must never load the fetch side or httpx, and
no build-side module may import its way there (checked statically, naming the import chain).
"""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support.site import CODE_PATH, ROOT, build_content, make_network, soup

import warta_partners.config
from warta_partners.cache import PartnerCache
from warta_partners.entries import Entry
from warta_partners.model import UPDATED, FeedState, Health

PACKAGE = ROOT / "plugins" / "warta_partners"
BUILD = {"__init__", "generator", "index", "health", "mapping", "keywords"}
SHARED = {"model", "entries", "cache", "config", "settings", "urls", "textclean", "phrases"}
FETCH = {
    "http", "spider", "update", "upstream", "images", "normalise", "xmlsafe", "tombstones", "decompress", "addresses",
    "transport",
}  # fmt: skip
FETCH_LIBRARIES = {"httpx", "httpcore", "feedparser"}  # third-party modules only the fetch side may load
NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)
MITRA_YML = """\
- id: kabar-pesisir
  nama: Kabar Pesisir
  beranda: https://kabarpesisir.example/
  umpan: https://kabarpesisir.example/rss
  wilayah: ["18.09"]
"""
TITLE = "Nelayan Pesawaran Panen Rumput Laut"


def partner_network(root: Path) -> Path:
    """A tiny network with one partner whose cache holds one entry, as ``kim ambil`` would leave it."""
    content = make_network(root, {"_data/mitra.yml": MITRA_YML})
    entry = Entry(
        key=hashlib.sha1(b"kabar-pesisir:1").hexdigest(),
        source_id="https://kabarpesisir.example/1",
        title=TITLE,
        link="https://kabarpesisir.example/1",
        published=NOW - dt.timedelta(hours=3),
        date_estimated=False,
        first_seen=NOW,
        summary="Panen di pesisir Pesawaran.",
    )
    health = Health(outcome=UPDATED, last_attempt=NOW, last_success=NOW, last_status=200, new_entries=1)
    PartnerCache(str(content / "_mitra")).save(FeedState("kabar-pesisir", health=health, entries=[entry]))
    return content


PROBE = """
import json, sys
from warta_cli.main import main

watched = sys.argv[1].split(",")
code = main(["--konten", sys.argv[2], "build", "--output", sys.argv[3]])
after_build = sorted(name for name in watched if name in sys.modules)
import warta_partners.spider  # the control: the probe does see a fetch-side import
after_import = sorted(name for name in watched if name in sys.modules)
print(json.dumps({"code": code, "after_build": after_build, "after_import": after_import}))
"""


def test_kim_build_never_imports_the_fetch_side_or_httpx(tmp_path) -> None:
    content = partner_network(tmp_path)
    output = tmp_path / "output"
    watched = sorted(FETCH_LIBRARIES | {f"warta_partners.{name}" for name in FETCH})
    result = subprocess.run(
        [sys.executable, "-c", PROBE, ",".join(watched), str(content), str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": CODE_PATH},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["code"] == 0, result.stderr
    assert report["after_build"] == [], f"kim bangun loaded {report['after_build']}"
    assert {"httpx", "warta_partners.spider", "warta_partners.http"} <= set(report["after_import"])
    page = soup(output / "mitra" / "kabar-pesisir" / "index.html")
    assert TITLE in page.get_text(), "the build did show the cached partner news"


def local_imports(name: str) -> list[tuple[str, int]]:
    """Modules of warta_partners (and fetch-only libraries) that module ``name`` imports, with line numbers."""
    tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:  # from .x import y, or from . import x
                targets = [node.module] if node.module else [alias.name for alias in node.names]
            elif node.module and node.module.startswith("warta_partners."):
                targets = [node.module.split(".")[1]]
            else:
                targets = [node.module or ""]
        elif isinstance(node, ast.Import):
            targets = [alias.name.removeprefix("warta_partners.") for alias in node.names]
        else:
            continue
        found += [(target.split(".")[0], node.lineno) for target in targets]
    return [(name, line) for name, line in found if name in FETCH_LIBRARIES or (PACKAGE / f"{name}.py").exists()]


def forbidden_paths(start: set[str], forbidden: set[str]) -> list[str]:
    """Import chains from ``start`` modules to ``forbidden`` ones, e.g. ``index.py:24 -> health.py:15 -> update``."""
    chains = []
    for origin in sorted(start):
        seen = {origin}
        stack: list[tuple[str, list[str]]] = [(origin, [])]
        while stack:
            module, chain = stack.pop()
            for target, line in local_imports(module):
                step = [*chain, f"{module}.py:{line}"]
                if target in forbidden:
                    chains.append(" -> ".join([*step, target]))
                elif target not in seen and target not in FETCH_LIBRARIES:
                    seen.add(target)
                    stack.append((target, step))
    return chains


def test_every_partner_module_belongs_to_one_half() -> None:
    modules = {path.stem for path in PACKAGE.glob("*.py")}
    assert not BUILD & SHARED and not BUILD & FETCH and not SHARED & FETCH
    assert modules - (BUILD | SHARED | FETCH) == set(), "place the new module in BUILD, SHARED or FETCH"
    assert (BUILD | SHARED | FETCH) - modules == set(), "a listed module no longer exists"


def test_build_side_never_reaches_the_fetch_side() -> None:
    assert forbidden_paths(BUILD | SHARED, FETCH | FETCH_LIBRARIES) == []


def test_shared_model_imports_neither_half() -> None:
    assert forbidden_paths(SHARED, BUILD | FETCH | FETCH_LIBRARIES) == []


def test_the_import_walk_finds_real_chains() -> None:
    """The control: the walk sees the fetch side's own imports, direct and indirect, so an empty answer means it."""
    chains = forbidden_paths({"spider"}, {"http", "httpx"})
    assert any(re.fullmatch(r"spider\.py:\d+ -> http", chain) for chain in chains)
    assert any(re.fullmatch(r"spider\.py:\d+ -> images\.py:\d+ -> http", chain) for chain in chains)
    assert any(re.fullmatch(r"spider\.py:\d+ -> httpx", chain) for chain in chains)


def test_a_build_parses_mitra_yml_once(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = partner_network(tmp_path)
    real_load_yaml = warta_partners.config.load_yaml
    parsed: list[str] = []

    def counting_load_yaml(path, *args, **kwargs):
        if os.path.basename(path) == "mitra.yml":
            parsed.append(path)
        return real_load_yaml(path, *args, **kwargs)

    monkeypatch.setattr(warta_partners.config, "load_yaml", counting_load_yaml)
    build_content(content, tmp_path / "output")
    assert parsed == [str(content / "_data" / "mitra.yml")]
    assert TITLE in soup(tmp_path / "output" / "mitra" / "index.html").get_text()
    build_content(content, tmp_path / "output")
    assert len(parsed) == 2, "each build reads the file afresh (an edit shows at the next build)"
