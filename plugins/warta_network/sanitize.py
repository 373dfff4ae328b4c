"""The one place where article HTML is made safe to mark as such in templates.

Writers may type raw HTML in Markdown. Everything rendered from an article
goes through :func:`clean_article_html` (nh3, an allow-list sanitiser), so a
``<script>`` or ``onclick`` from any KIM cannot run on the portal, where the
web editor keeps its login. Every address left is then read as a browser
reads it (``links.normalised_url``: outer spaces, tabs, backslashes, scheme
case) and judged in that form: an image loads only when the check resolved
it to a file of the writer's KIM (pointed at the copy Pelican publishes;
any other image is removed, so a hot-linked tracking pixel never loads), and
a link keeps an allowed scheme or becomes ``#``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import nh3

from warta_core.links import INTRASITE, normalised_url

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
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_IMG_TAG = re.compile(r'<img\b(?:[^>"]|"[^"]*")*>')  # nh3 quotes every attribute value with "
_HEADING_ONE = re.compile(r"<(/?)h1\b")
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


def _judge(local_files: dict[str, str]) -> Callable[[str, str, str], str | None]:
    """nh3's attribute filter: every ``src`` and ``href`` normalised, then kept, rewritten or removed."""

    def judge(tag: str, attribute: str, value: str) -> str | None:
        if attribute not in ("src", "href"):
            return value
        address = normalised_url(value)
        target = local_files.get(address)
        if target is not None:
            return target
        if tag == "img":
            return None  # an image the check did not resolve: removed (with its tag, below)
        if INTRASITE.search(address):
            return "#"  # an intra-site link the check did not resolve: never Pelican's to follow
        scheme = _SCHEME.match(address)
        return "#" if scheme and scheme.group(1) not in URL_SCHEMES else address

    return judge


def _without_source(match: re.Match[str]) -> str:
    return match.group() if ' src="' in match.group() else ""


def clean_article_html(rendered: str, local_files: dict[str, str]) -> str:
    """Sanitise rendered Markdown and link local files to their published copies.

    ``local_files`` maps an address as the check read it (``links.normalised_url``) to the checked
    Pelican address (``{static}/kim/…``) that replaces it; any other image is removed and any other
    intra-site reference becomes ``#``, so Pelican never copies or links a file the check did not
    approve. A level-one heading becomes level two: the page title is the only ``h1``.
    """
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        attribute_filter=_judge(local_files),
    )
    cleaned = _HEADING_ONE.sub(r"<\1h2", cleaned)
    cleaned = _IMG_TAG.sub(_without_source, cleaned)
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
