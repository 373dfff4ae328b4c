"""Plain text out of partner markup.

Partner titles, summaries and author names are kept as text only; templates
escape them, so a ``<script>`` in a feed is shown as the characters it is
made of and never runs. Here markup is reduced to its text (BeautifulSoup),
control and direction-override characters are dropped, and lengths are
bounded so one absurd entry cannot bloat a page.
"""

from __future__ import annotations

import re
import unicodedata
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

MAX_MARKUP_INPUT = 64 * 1024  # characters of markup parsed per field; the rest is never shown anyway
_DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "head")
_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "table", "blockquote", "pre", "hr", "figure", "figcaption", "section", "article", "header", "footer", "img",
)  # fmt: skip
_SPACES = re.compile(r"\s+")
# Bidirectional overrides and isolates can disguise text (and file names); nothing in news needs them.
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"))


def clean_text(text: str) -> str:
    """Text without control characters, noncharacters or direction overrides, on one line."""
    text = text.translate(_BIDI)
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Co") and char not in "\t\n\r":
            continue
        if category == "Cn" or (0xFDD0 <= ord(char) <= 0xFDEF) or (ord(char) & 0xFFFE) == 0xFFFE:
            continue
        kept.append(char)
    return _SPACES.sub(" ", "".join(kept)).strip()


def markup_to_text(markup: str) -> str:
    """The readable text of an HTML fragment (scripts, styles and embeds dropped)."""
    markup = markup[:MAX_MARKUP_INPUT]
    if "<" not in markup and "&" not in markup:
        return clean_text(markup)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(markup, "html.parser")
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):  # words of two paragraphs must not run together
        tag.insert_before(" ")
        tag.insert_after(" ")
    return clean_text(soup.get_text())


def first_image_source(markup: str) -> str | None:
    """``src`` of the first ``<img>`` in an HTML fragment, unchecked (the caller vets it)."""
    if "<img" not in markup.lower():
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(markup[:MAX_MARKUP_INPUT], "html.parser")
    image = soup.find("img", src=True)
    source = image.get("src") if image else None
    return source if isinstance(source, str) else None


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary near ``limit`` characters, adding an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return f"{cut.rstrip(',.;:—-')}…"
