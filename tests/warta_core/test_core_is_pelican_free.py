"""``warta_core`` imports neither Pelican, Markdown, nh3 nor Jinja, and borrows the renderer only as registered.

Each probe runs in a fresh interpreter whose first act is a ``sys.meta_path``
finder that refuses those packages and the adapter (``warta_network``), so
an import anywhere in the core, even one deferred into a function, fails the
probe. The first probe imports every module of the package (globbed, so a new
module is covered without touching this test); the others run a real
``check_network`` over a tiny network whose bodies reach both of the core's
calls into the renderer (code-only references and a trial render). The
renderer comes through the entry-point group ``warta_kim.renderer``: a
``warta_kim`` distribution placed first on ``sys.path`` shadows the installed
one (``importlib.metadata`` reads the first distribution of each name), so
the probe registers a stub, nothing, or the real renderer as its control.
The last tests keep the other direction honest: the installed renderer is
the build's own, and a module of the adapter that needs none of the build's
libraries is either listed here with its reason or belongs in the core.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

from support.site import ROOT, article, make_network

from warta_core.renderer import RENDERER_GROUP, renderer
from warta_network import rendering

CORE = ROOT / "plugins" / "warta_core"
ADAPTER = ROOT / "plugins" / "warta_network"
BUILD_LIBRARIES = {"pelican", "markdown", "nh3", "jinja2"}
# The adapter's modules that import none of BUILD_LIBRARIES, and why each still belongs to the build.
ADAPTER_WITHOUT_BUILD_LIBRARIES = {
    "outputfiles": "writes into the build's output folder, whose scratch folder warta_output shares",
    "settings": "the plugin's WARTA_* Pelican settings, found by settings_check as <plugin>.settings",
    "state": "the build state, keyed by the settings dict Pelican hands every plugin",
}
BLOCKED = (*sorted(BUILD_LIBRARIES), "warta_network")
KIM = "kim/kim-uji-bagelen"

# Runs before anything else in the child: refuse the blocked packages, then run the probe's body.
PRELUDE = """
import importlib.abc, json, os, sys

BLOCKED = set(sys.argv[1].split(","))

class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ImportError(f"{name} may not be imported here (warta_core must stay Pelican-free)")
        return None

assert not BLOCKED & {name.partition(".")[0] for name in sys.modules}, "loaded before the probe started"
sys.meta_path.insert(0, Refuse())
sys.path[:0] = [sys.argv[2], sys.argv[3]]  # the shadowing distribution (and its stub), then the plugins
"""

IMPORT_ALL = """
try:
    import pelican  # the control: the finder does refuse
    refused = False
except ImportError:
    refused = True
import importlib
names = json.loads(sys.argv[4])
for name in names:
    importlib.import_module(f"warta_core.{name}")
loaded = sorted(name for name in sys.modules if name.partition(".")[0] in BLOCKED)
print(json.dumps({"refused": refused, "imported": len(names), "loaded": loaded}))
"""

CHECK = """
from warta_core.validation import check_network

try:
    result = check_network(sys.argv[4], cache_dir=sys.argv[5])
except Exception as error:
    print(json.dumps({"error": type(error).__name__, "message": str(error)}))
    raise SystemExit(0)
import stub_renderer
print(json.dumps({
    "articles": sorted(os.path.basename(path) for path in result.articles),
    "problems": [[os.path.basename(p.path), p.line, p.message] for p in result.problems.items],
    "calls": stub_renderer.RENDERER.calls,
}))
"""

STUB = '''
"""A renderer that knows no Markdown: backtick spans are code, and a body of many ``[`` is refused."""

import html
import re

from warta_core.renderer import BodyRefused


class StubRenderer:
    def __init__(self):
        self.calls = []

    def markdown_html(self, body):
        self.calls.append("markdown_html")
        return re.sub(r"`([^`]*)`", lambda m: f"<code>{m.group(1)}</code>", html.escape(body, quote=False))

    def render_bounded(self, body, local_files):
        self.calls.append("render_bounded")
        if "[[[" in body:
            line = body[: body.index("[[[")].count("\\n") + 1
            raise BodyRefused("Penyaji uji menolak isi ini.", "Ini hanya uji.", line)
        return "<p>isi</p>"


RENDERER = StubRenderer()
'''


def shadow_distribution(folder: Path, entry_point: str | None) -> Path:
    """A ``warta_kim`` distribution registering only ``entry_point`` as renderer (no checks), with the stub."""
    info = folder / "warta_kim-0.0.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: warta-kim\nVersion: 0.0.0\n", encoding="utf-8")
    points = f"[{RENDERER_GROUP}]\nprobe = {entry_point}\n" if entry_point else ""
    (info / "entry_points.txt").write_text(points, encoding="utf-8")
    (folder / "stub_renderer.py").write_text(textwrap.dedent(STUB), encoding="utf-8")
    return folder


def probe(body: str, distribution: Path, *arguments: str) -> dict:
    """Run ``body`` in a fresh interpreter with the blocked packages unimportable; its JSON line."""
    completed = subprocess.run(
        [sys.executable, "-I", "-c", PRELUDE + body, ",".join(BLOCKED), str(distribution), str(ROOT / "plugins"),
         *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.splitlines()[-1])


def tiny_network(root: Path) -> Path:
    """One body whose image reference stands in a code span, one that only a trial render can judge."""
    return make_network(
        root,
        {
            f"{KIM}/2024/kode.md": article("Contoh Kode") + "\nTulis `![foto](gambar/tidak-ada.png)` di isi berita.\n",
            f"{KIM}/2024/kurung.md": article("Banyak Kurung") + "\n" + "[" * 3000 + "\n",
        },
    )


def test_every_core_module_imports_with_pelican_markdown_nh3_and_jinja_unimportable(tmp_path: Path) -> None:
    names = sorted(path.stem for path in CORE.glob("*.py") if path.stem != "__init__")
    assert len(names) > 20  # the glob found the package
    outcome = probe(IMPORT_ALL, shadow_distribution(tmp_path, None), json.dumps(names))
    assert outcome == {"refused": True, "imported": len(names), "loaded": []}


def test_check_network_runs_pelican_free_with_the_registered_renderer(tmp_path: Path) -> None:
    content = tiny_network(tmp_path)
    distribution = shadow_distribution(tmp_path / "stub", "stub_renderer:RENDERER")
    outcome = probe(CHECK, distribution, str(content), str(tmp_path / "cache"))
    # The code-only image was not looked for (the stub showed it as code), the long run of "[" was trial
    # rendered and refused with the stub's own message, on the file's line.
    assert outcome["articles"] == ["kode.md"]
    assert outcome["problems"] == [["kurung.md", 7, "Penyaji uji menolak isi ini."]]
    assert sorted(set(outcome["calls"])) == ["markdown_html", "render_bounded"]


def test_without_a_registered_renderer_the_check_refuses_to_run(tmp_path: Path) -> None:
    outcome = probe(CHECK, shadow_distribution(tmp_path, None), str(tiny_network(tmp_path)), str(tmp_path / "c"))
    assert outcome["error"] == "RendererMissing"
    assert RENDERER_GROUP in outcome["message"]


def test_the_real_renderer_is_the_only_way_markdown_comes_in(tmp_path: Path) -> None:
    """The control: registering the build's renderer brings the blocked adapter in, and the probe sees it."""
    distribution = shadow_distribution(tmp_path, "warta_network.rendering:RENDERER")
    outcome = probe(CHECK, distribution, str(tiny_network(tmp_path)), str(tmp_path / "cache"))
    assert outcome["error"] == "ImportError"
    assert "warta_network" in outcome["message"]


def test_kim_check_and_the_build_share_the_installed_renderer() -> None:
    assert renderer() is rendering.RENDERER


def test_the_adapter_holds_only_what_serves_the_build() -> None:
    """A ``warta_network`` module importing none of the build's libraries belongs in the core, unless listed."""
    free = set()
    for path in ADAPTER.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and not node.level}
        if not {str(name).partition(".")[0] for name in imported} & BUILD_LIBRARIES:
            free.add(path.stem)
    assert free == set(ADAPTER_WITHOUT_BUILD_LIBRARIES)
