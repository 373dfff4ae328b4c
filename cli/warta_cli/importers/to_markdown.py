"""Cleaned story HTML to the Markdown writers edit.

markdownify (MIT, built on BeautifulSoup) does the conversion: headings,
lists, quotes, tables, emphasis and the escaping of Markdown characters in
text. Images and embeds were replaced by placeholders before (see
:mod:`images`), so their Markdown is put back verbatim afterwards.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from bs4 import Tag
from markdownify import MarkdownConverter

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_BLANK_LINE = re.compile(r"^[ \t]+$", re.MULTILINE)
_TRAILING_SPACES = re.compile(r"[ \t]+\n(?=[ \t]*\n)")
_BLANK_RUNS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def fix_links(root: Tag, source_url: str) -> None:
    """Make links absolute against the old site; drop scripts and in-page anchors, keeping the text."""
    for link in root.find_all("a"):
        href = str(link.get("href") or "").strip()
        scheme = _SCHEME.match(href)
        if not href or href.startswith("#") or (scheme and scheme.group(1).lower() not in ("http", "https", "mailto")):
            link.unwrap()
        elif not scheme and not href.startswith("//"):
            if source_url:
                link["href"] = urljoin(source_url, href)
            else:
                link.unwrap()
        elif href.startswith("//"):
            link["href"] = "https:" + href


def to_markdown(root: Tag, replacements: dict[str, str]) -> str:
    """Markdown of a cleaned story, with placeholders replaced by their Markdown."""
    converter = MarkdownConverter(heading_style="atx", bullets="-", strong_em_symbol="*", escape_underscores=True)
    text = converter.convert_soup(root)
    for key, markdown in replacements.items():
        text = text.replace(key, markdown)
    text = _BLANK_LINE.sub("", text)
    text = _TRAILING_SPACES.sub("\n", text)  # a line break right before a paragraph break
    text = _BLANK_RUNS.sub("\n\n", text)
    return "\n".join(line.rstrip() if not line.endswith("  ") else line for line in text.strip().split("\n")) + "\n"
