"""MkDocs hooks: the root's SECURITY.md and CHANGELOG.md in the site, and links written by where files really are.

SECURITY.md and CHANGELOG.md stay at the repository root, where GitHub shows
them; the site includes them as ``about/security.md`` and
``about/changelog.md``. Every page links by the file's real place in the
repository (``../../SECURITY.md`` from ``docs/about/``, or
``docs/user-guide/ownership.md`` from SECURITY.md), so the same Markdown works
on GitHub and in the site. Before MkDocs resolves and validates a page's links,
each relative link is re-pointed from the page's place in the repository to
its place in the site. A link to anything else outside ``docs/`` is left alone,
so the strict build still reports it.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
DOCS_FOLDER = "docs"
# Repository path -> page in the site.
INCLUDED = {"SECURITY.md": "about/security.md", "CHANGELOG.md": "about/changelog.md"}
REPOSITORY_PATH = {page: path for path, page in INCLUDED.items()}

FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"(`+).+?\1")
LINK = re.compile(r"(\]\()([^)\s]+)(\))")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the root's SECURITY.md and CHANGELOG.md as pages of the site."""
    for path, page in INCLUDED.items():
        files.append(File.generated(config, page, abs_src_path=str(ROOT / path)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Re-point the page's relative links from its place in the repository to its place in the site."""
    site_uri = page.file.src_uri
    repository_path = REPOSITORY_PATH.get(site_uri, f"{DOCS_FOLDER}/{site_uri}")
    lines, in_fence = [], False
    for line in markdown.split("\n"):
        fence = FENCE.match(line)
        in_fence = in_fence != bool(fence)
        if fence or in_fence:
            lines.append(line)
        else:
            lines.append(_outside_code_spans(line, lambda text: _relink(text, repository_path, site_uri)))
    return "\n".join(lines)


def _outside_code_spans(line: str, change) -> str:
    pieces, end = [], 0
    for span in CODE_SPAN.finditer(line):
        pieces += [change(line[end : span.start()]), span[0]]
        end = span.end()
    return "".join([*pieces, change(line[end:])])


def _relink(text: str, repository_path: str, site_uri: str) -> str:
    def replace(match: re.Match[str]) -> str:
        target = match[2]
        if re.match(r"^[a-z][a-z0-9+.-]*:|^[/#<]", target, re.IGNORECASE):
            return match[0]  # external, absolute, same-page or <...>: MkDocs judges these itself
        path, hash_sign, fragment = target.partition("#")
        real = posixpath.normpath(posixpath.join(posixpath.dirname(repository_path), path))
        in_site = INCLUDED.get(real) or (real[len(DOCS_FOLDER) + 1 :] if real.startswith(f"{DOCS_FOLDER}/") else None)
        if in_site is None:
            return match[0]
        relative = posixpath.relpath(in_site, posixpath.dirname(site_uri) or ".")
        return f"{match[1]}{relative}{hash_sign}{fragment}{match[3]}"

    return LINK.sub(replace, text)
