"""A saved edit of a story's text shows on its page before the whole rebuild, as the rebuild then writes it.

``Builder.show_stories`` (:mod:`warta_cli.quick_render`) renders only the edited stories' pages from the
last good build kept in memory. Each test edits the tiny network of ``test_preview_resident``, asks for the
quick render, checks what it wrote (and what it left alone), then lets the whole rebuild run and requires
the same bytes for the page and a folder equal to a clean build.
"""

from __future__ import annotations

from pathlib import Path

from support.site import soup
from test_preview_resident import BAGELEN, METRO, PreviewAndClean, edit, tree

PANEN = f"{BAGELEN}/2024/2024-03-05-panen-jagung.md"
PANEN_PAGE = f"{BAGELEN}/panen-jagung/index.html"
DRAFT = f"{METRO}/2024/2024-05-20-rapat.md"


def served(network: PreviewAndClean, name: str) -> bytes:
    return (Path(network.builder.site.output) / name).read_bytes()


def test_a_text_edit_shows_on_the_story_page_first_and_the_rebuild_writes_the_same(tmp_path: Path) -> None:
    network = PreviewAndClean(tmp_path)
    network.agree("the first build")
    listing = served(network, f"{BAGELEN}/index.html")
    edit(network.content / PANEN, "balai desa", "lapangan voli")
    assert network.builder.show_stories([str(network.content / PANEN)])
    page = served(network, PANEN_PAGE)
    shown = soup(Path(network.builder.site.output) / PANEN_PAGE)
    assert "lapangan voli" in shown.select_one("article").get_text()
    assert "lapangan voli" in shown.find("meta", attrs={"name": "description"})["content"], "summary follows text"
    assert served(network, f"{BAGELEN}/index.html") == listing, "only the story's page, the listing comes later"
    assert not list(Path(network.builder.site.output).glob("**/.warta-partial")), "no temporary file is left"
    network.agree("the whole rebuild after the quick render")
    assert served(network, PANEN_PAGE) == page, "the rebuild wrote other bytes than the quick render"
    assert b"lapangan voli" in served(network, f"{BAGELEN}/index.html")


def test_a_drafts_text_edit_shows_at_its_draft_address(tmp_path: Path) -> None:
    network = PreviewAndClean(tmp_path)
    network.agree("the first build")
    edit(network.content / DRAFT, "balai desa", "pendopo kecamatan")
    assert network.builder.show_stories([str(network.content / DRAFT)])
    name = "draf/kim-uji-metro/rapat/index.html"
    page = served(network, name)
    assert b"pendopo kecamatan" in page
    network.agree("the whole rebuild")
    assert served(network, name) == page


def test_header_edits_other_files_and_refused_text_wait_for_the_whole_rebuild(tmp_path: Path) -> None:
    network = PreviewAndClean(tmp_path)
    network.agree("the first build")
    before = tree(Path(network.builder.site.output))
    path = network.content / PANEN
    edit(path, "Judul: Panen Jagung", "Judul: Panen Jagung Manis")  # listings show the title
    assert not network.builder.show_stories([str(path)])
    edit(path, "Judul: Panen Jagung Manis", "Judul: Panen Jagung")
    edit(path, "balai desa", "balai desa, NIK 3201014501900001")  # a resident's NIK: the check refuses
    assert not network.builder.show_stories([str(path)])
    edit(path, "balai desa, NIK 3201014501900001", "balai desa")
    kim = network.content / BAGELEN / "kim.yml"
    edit(path, "balai desa", "lapangan")
    assert not network.builder.show_stories([str(path), str(kim)]), "a batch with a data file: whole rebuild"
    assert not network.builder.show_stories([str(network.content / f"{BAGELEN}/2024/baru.md")]), "a new story"
    assert tree(Path(network.builder.site.output)) == before, "nothing was written"
    network.agree("the whole rebuild")
