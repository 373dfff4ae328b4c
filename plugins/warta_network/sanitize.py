"""The one place where article HTML is made safe to mark as such in templates.

Writers may type raw HTML in Markdown. Everything rendered from an article
goes through :func:`clean_article_html` (nh3, an allow-list sanitiser), so a
``<script>`` or ``onclick`` from any KIM cannot run on the portal, where the
web editor keeps its login. Local file references are then pointed at the
copies Pelican publishes.
"""

from __future__ import annotations

import html
import re

import nh3

from .links import INTRASITE

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "li": {"id"},
    "sup": {"id"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "abbr": {"title"},
    "div": {"class"},
}  # fmt: skip
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_URL_ATTRIBUTE = re.compile(r'(<(?:img|a)\b[^>]*?\s(?:src|href)=")([^"]*)(")')
_REMOTE_IMAGE = re.compile(r'<img\b[^>]*?\ssrc="(?:[a-z][a-z0-9+.-]*:|//)[^"]*"[^>]*>', re.IGNORECASE)
_HEADING_ONE = re.compile(r"<(/?)h1\b")
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


def clean_article_html(rendered: str, local_files: dict[str, str]) -> str:
    """Sanitise rendered Markdown and link local files to their published copies.

    ``local_files`` maps an address as the writer wrote it to the checked
    Pelican address (``{static}/kim/…``) that replaces it; any other
    intra-site reference is replaced by ``#``, so Pelican never copies or
    links a file the check did not approve. A level-one
    heading becomes level two: the page title is the only ``h1``.
    """
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )
    cleaned = _HEADING_ONE.sub(r"<\1h2", cleaned)

    def relink(match: re.Match[str]) -> str:
        written = html.unescape(match.group(2))
        target = local_files.get(written)
        if target is not None:
            return f"{match.group(1)}{html.escape(target)}{match.group(3)}"
        if INTRASITE.search(written):  # an intra-site reference the check did not resolve: never Pelican's to follow
            return f"{match.group(1)}#{match.group(3)}"
        return match.group(0)

    cleaned = _URL_ATTRIBUTE.sub(relink, cleaned)
    cleaned = _REMOTE_IMAGE.sub("", cleaned)  # hot-linked images (refused by the check) never load another site
    return cleaned.replace("<img ", '<img loading="lazy" decoding="async" ')


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment with tags dropped and spacing collapsed."""
    return _SPACES.sub(" ", html.unescape(_TAGS.sub(" ", fragment))).strip()


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` at a word boundary near ``limit`` characters, adding an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",.;:—-")
    return f"{cut}…"
