"""The documentation: generated reference pages are current, the site builds strictly, the README's links resolve.

The site is ``docs/`` built by MkDocs in strict mode (``mkdocs.yml``): a broken
link, a missing anchor or a page left out of ``nav`` fails the build, and a
canary copy with one broken link shows that it really does. README.md is read
on GitHub, outside MkDocs, so its relative links are checked here.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

from markdown.extensions.toc import slugify
from support.site import ROOT

FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"(`+).+?\1")
LINK = re.compile(r"\]\(([^)\s]+)\)")
README_MAX_LINES = 200


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / name), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def mkdocs_build(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(site)],
        cwd=config.parent,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def links_outside_code(markdown: str) -> list[str]:
    """Targets of the inline links of ``markdown`` that are not inside code blocks or code spans."""
    targets, in_fence = [], False
    for line in markdown.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            targets += LINK.findall(CODE_SPAN.sub("", line))
    return targets


def heading_anchors(markdown: str) -> set[str]:
    """The anchors MkDocs gives the headings of a page (simple headings get the same ones on GitHub)."""
    anchors, in_fence = set(), False
    for line in markdown.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (heading := re.match(r"#{1,6} (.+)", line)):
            anchors.add(slugify(re.sub(r"[`*]", "", heading[1]), "-"))
    return anchors


def test_settings_reference_is_current() -> None:
    checked = run_script("settings_tables.py", "--check")
    assert checked.returncode == 0, checked.stderr


def test_command_reference_is_current() -> None:
    checked = run_script("command_reference.py", "--check")
    assert checked.returncode == 0, checked.stderr


def test_command_reference_lists_every_command_and_option_and_its_check_can_fail() -> None:
    from warta_cli.main import make_parser

    commands = load_script("command_reference")
    page = commands.PAGE.read_text(encoding="utf-8")
    for name, _aliases, _summary, parser in commands.subcommands(make_parser()):
        assert f"## `kim {name}`" in page, name
        for action in commands.actions(parser):
            if action.dest == "help" or action.help == "==SUPPRESS==":
                continue
            for option in action.option_strings:
                assert f"`{option}" in page, f"kim {name} {option}"
    stale = page.replace("| `--konten ", "| `--kontent ", 1)
    assert stale != page
    assert commands.rewrite(stale, make_parser()) == page


def test_readme_is_a_door_whose_relative_links_all_resolve() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) < README_MAX_LINES
    assert "make serve" in readme and "make test" in readme
    relative = [target for target in links_outside_code(readme) if not re.match(r"^[a-z][a-z0-9+.-]*:", target)]
    assert any(target.startswith("docs/") for target in relative)
    broken = []
    for target in relative:
        path, _, anchor = target.partition("#")
        file = ROOT / path if path else ROOT / "README.md"
        if not file.exists():
            broken.append(f"{target}: {path} does not exist")
        elif anchor and file.suffix == ".md" and anchor not in heading_anchors(file.read_text(encoding="utf-8")):
            broken.append(f"{target}: no heading gives #{anchor}")
    assert not broken, "README.md links that lead nowhere:\n" + "\n".join(broken)


def test_the_site_builds_strictly_and_includes_the_root_documents(tmp_path: Path) -> None:
    built = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site")
    assert built.returncode == 0, built.stderr
    for page in ("index.html", "reference/settings/index.html", "reference/commands/index.html"):
        assert (tmp_path / "site" / page).is_file(), page
    security = (tmp_path / "site" / "about" / "security" / "index.html").read_text(encoding="utf-8")
    assert "Trust boundary and threat model" in security
    assert (tmp_path / "site" / "about" / "changelog" / "index.html").is_file()
    assert not (tmp_path / "site" / "hooks.py").exists()


def test_a_broken_link_fails_the_site_build(tmp_path: Path) -> None:
    """The canary: the same site with one link to a page that does not exist must not build."""
    copy = tmp_path / "repository"
    shutil.copytree(ROOT / "docs", copy / "docs")
    for name in ("mkdocs.yml", "SECURITY.md", "CHANGELOG.md"):
        shutil.copy(ROOT / name, copy / name)
    index = copy / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n[Nowhere](user-guide/nowhere.md)\n", encoding="utf-8")
    built = mkdocs_build(copy / "mkdocs.yml", tmp_path / "site")
    assert built.returncode != 0
    assert "user-guide/nowhere.md" in built.stderr
