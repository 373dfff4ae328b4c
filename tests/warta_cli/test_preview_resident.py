"""After any sequence of edits, `kim pratinjau` serves what a clean `kim bangun` of the same files would write.

The preview rebuilds in one long-lived process into one folder, incrementally (caches in ``.cache/``, page
fingerprints): each step below edits the tiny network, lets the preview's own ``Builder`` rebuild, builds
the same files from scratch (new output folder, new caches, same settings, no drafts) and compares the two
trees byte for byte. Only ``draf/``, the drafts the preview adds, may differ. A refused edit keeps the last
good build, and the step that repairs it must again agree with a clean build.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pelican import Pelican
from support.site import ROOT, TEST_ADDRESS, article, make_network

from warta_cli.build import network_cache
from warta_cli.preview import Builder, ServedSite
from warta_network.settings_check import read_settings_file

NOW = dt.datetime(2024, 6, 1, 12, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
BAGELEN = "kim/kim-uji-bagelen"
METRO = "kim/kim-uji-metro"
Step = tuple[str, Callable[[Path], None]]


class PreviewAndClean:
    """One tiny network, the preview's builder for it, and clean builds of the same files to compare with."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = make_network(
            root,
            {
                f"{BAGELEN}/2024/2024-03-05-panen-jagung.md": article("Panen Jagung", "2024-03-05 09:30", "pertanian"),
                f"{BAGELEN}/2024/2024-04-10-posyandu.md": article("Posyandu Balita", "2024-04-10 08:00", "kesehatan"),
                f"{METRO}/2024/2024-05-01-kerja-bakti.md": article("Kerja Bakti", "2024-05-01 07:00", "lingkungan"),
                f"{METRO}/2024/2024-05-20-rapat.md": article("Rapat Draf", "2024-05-20 10:00", "budaya", status="draf"),
            },
        )
        self.theme = root / "tema"
        shutil.copytree(ROOT / "theme", self.theme, ignore=shutil.ignore_patterns("node_modules"))
        self.settings = root / "pengaturan.py"
        self.write_settings("")
        (root / "kerja").mkdir()
        site = ServedSite(str(root / "kerja"))
        site.claim_output(network_cache(str(self.content)))
        self.builder = Builder(str(self.settings), str(self.content), TEST_ADDRESS, site, {"WARTA_NOW": NOW})
        self.steps = 0

    def write_settings(self, extra: str) -> None:
        """A network's own settings file: pelicanconf.py, the copied theme, and ``extra``."""
        self.settings.write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
            f"THEME = {str(self.theme)!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n" + textwrap.dedent(extra),
            encoding="utf-8",
        )

    def clean_build(self) -> Path:
        """The same files and settings built from nothing (new output, new caches), drafts not written."""
        self.steps += 1
        output = self.root / f"bersih-{self.steps}"
        override = self.builder.settings_override()
        del override["DRAFT_URL"], override["DRAFT_SAVE_AS"]
        override.update({"OUTPUT_PATH": str(output), "CACHE_PATH": str(output) + ".cache"})
        with contextlib.redirect_stdout(io.StringIO()):
            Pelican(read_settings_file(str(self.settings), override)).run()
        return output

    def agree(self, what: str) -> None:
        """Rebuild the preview; its folder must equal a clean build byte for byte, drafts aside."""
        assert self.builder.build() is not None, f"the preview refused the build after: {what}"
        preview, clean = tree(Path(self.builder.site.output)), tree(self.clean_build())
        only_preview = sorted(name for name in preview.keys() - clean.keys() if not name.startswith("draf/"))
        only_clean = sorted(clean.keys() - preview.keys())
        differ = sorted(name for name in preview.keys() & clean.keys() if preview[name] != clean[name])
        assert (only_preview, only_clean, differ) == ([], [], []), f"after: {what}"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` by its relative path."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def refused_then_repaired(network: PreviewAndClean) -> None:
    """A mistake is refused and leaves the last good build untouched; the repair then agrees with a clean build."""
    path = next(p for p in sorted(network.content.rglob("*.md")) if "Topik: kesehatan\n" in p.read_text())
    before = tree(Path(network.builder.site.output))
    edit(path, "Topik: kesehatan", "Topik: kesehatann")
    assert network.builder.build() is None
    assert tree(Path(network.builder.site.output)) == before, "a refused build changed the served folder"
    edit(path, "Topik: kesehatann", "Topik: kesehatan")


ARTICLE_STEPS: list[Step] = [
    ("add an article", lambda c: (c / f"{METRO}/2024/2024-05-25-pasar.md").write_text(article("Pasar Murah"))),
    ("edit a body", lambda c: edit(c / f"{BAGELEN}/2024/2024-03-05-panen-jagung.md", "balai desa", "lapangan")),
    ("edit a title", lambda c: edit(c / f"{METRO}/2024/2024-05-01-kerja-bakti.md", "Kerja Bakti", "Gotong Royong")),
    (
        "move an article to another topic",
        lambda c: edit(c / f"{METRO}/2024/2024-05-01-kerja-bakti.md", "Topik: lingkungan", "Topik: pendidikan"),
    ),
    (
        "rename an article (new address)",
        lambda c: (c / f"{BAGELEN}/2024/2024-04-10-posyandu.md").rename(c / f"{BAGELEN}/2024/2024-04-10-imunisasi.md"),
    ),
    ("delete an article", lambda c: (c / f"{METRO}/2024/2024-05-25-pasar.md").unlink()),
    ("publish a draft", lambda c: edit(c / f"{METRO}/2024/2024-05-20-rapat.md", "Status: draf\n", "")),
]

DATA_STEPS: list[Step] = [
    ("rename a KIM in its kim.yml", lambda c: edit(c / f"{BAGELEN}/kim.yml", "KIM Uji Bagelen", "KIM Bagelen Maju")),
    ("rename the network", lambda c: edit(c / "_data/jaringan.yml", "Warta KIM Sumatra", "Warta KIM Uji")),
    ("relabel a topic", lambda c: edit(c / "_data/topik.yml", "label: Kesehatan", "label: Kesehatan Warga")),
    (
        "add a KIM with a story",
        lambda c: make_network(
            c.parent,
            {
                "kim/kim-uji-purworejo/kim.yml": 'nama: KIM Uji Purworejo\ndesa: "18.09.02.2003"\n',
                "kim/kim-uji-purworejo/2024/2024-05-30-sawah.md": article("Sawah", "2024-05-30 06:00", "pertanian"),
            },
            base=False,
        ),
    ),
    ("remove a KIM and its stories", lambda c: shutil.rmtree(c / METRO)),
]


@pytest.mark.slow  # about thirty small builds
@pytest.mark.parametrize(("steps"), [ARTICLE_STEPS, DATA_STEPS], ids=["articles", "data-files"])
def test_every_step_of_an_edit_sequence_equals_a_clean_build(tmp_path: Path, steps: list[Step]) -> None:
    network = PreviewAndClean(tmp_path)
    network.agree("the first build")
    for what, change in steps:
        change(network.content)
        network.agree(what)
    refused_then_repaired(network)
    network.agree("repairing a refused edit")


@pytest.mark.slow
def test_template_and_settings_edits_equal_a_clean_build(tmp_path: Path) -> None:
    network = PreviewAndClean(tmp_path)
    network.agree("the first build")
    edit(network.theme / "templates/base.html", "</body>", "<!-- tema diubah --></body>")
    network.agree("edit a template")
    assert b"tema diubah" in (Path(network.builder.site.output) / "index.html").read_bytes()
    network.write_settings("DEFAULT_PAGINATION = 1\n")
    network.agree("edit the settings file (pagination)")
    assert (Path(network.builder.site.output) / "kim/kim-uji-bagelen/page/2/index.html").is_file()
