"""A static page (``content/pages/``) is rendered again only when its title or text changed."""

from __future__ import annotations

from pathlib import Path

from support.site import build_content, make_network


def test_static_pages_are_rendered_only_when_they_change(tmp_path: Path) -> None:
    content = make_network(tmp_path)
    about = content / "pages" / "tentang.md"
    output = tmp_path / "output"
    build_content(content, output)
    page = output / "tentang" / "index.html"
    first = page.stat().st_ino
    build_content(content, output)
    assert page.stat().st_ino == first, "an unchanged page was rendered again"
    about.write_text(about.read_text(encoding="utf-8") + "\nKalimat baru tentang jaringan.\n", encoding="utf-8")
    build_content(content, output)
    assert page.stat().st_ino != first and "Kalimat baru tentang jaringan." in page.read_text(encoding="utf-8")
