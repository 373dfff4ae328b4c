"""Find every image and intra-site link a Markdown body refers to.

The checker resolves each of them (inside the writer's own KIM folder, to a
file the allowlist accepts) and the sanitiser keeps exactly the resolved
ones, dropping the rest, so nothing a body names can pull a file from
elsewhere into the portal. Found here, in the raw text, because rendering
every body during ``kim periksa`` would cost more than the whole check.

Every scan is linear in the body's length (a 1 MB body of ``![![![…`` is
read in milliseconds): brackets are paired once with a stack, and every
regular expression either stops at the next character that could start a
new match or is bounded in length. Code is left to Markdown itself: when a
body holds a code block or span (backticks, ``~~~``, indentation) and a
reference, the body is rendered once and a reference that Markdown shows
only as code text is not checked (``code_only``); the sanitiser drops any
image the check did not resolve, so nothing unchecked can load.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

from .renderer import BodyRefused, renderer

_DESTINATION = re.compile(  # after "](": address and optional title, bounded and possessive (no backtracking)
    r"[ \t]*+\n?[ \t]*+<?([^()\[\]\s<>]{1,4096}+)>?"
    r"(?:\s{1,100}+(?:\"[^\"\n]{0,2000}+\"|'[^'\n]{0,2000}+'))?\s{0,100}+\)"
)
_MD_REF_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]{1,999})\]:[ \t]*<?(\S{1,4096}?)>?(?=\s|$)", re.MULTILINE)
_HTML_IMG = re.compile(r"<img\b[^<>]{0,8192}>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""(?<![a-z-])([a-z-]{1,64})\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
# Pelican's INTRASITE_LINK_REGEX is `[{|](?P<what>.*?)[|}]`: {static}, |filename|, {attach}, ...
INTRASITE_KINDS = ("static", "filename", "attach", "index", "tag", "category", "author")
INTRASITE = re.compile(rf"[{{|]({'|'.join(INTRASITE_KINDS)})[|}}]([^\s\"'<>)\]{{}}|]*)")
REMOTE = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.IGNORECASE)
_URL_SPACE = re.compile(r"[\t\n\r]")
_OUTER_CONTROLS = "".join(map(chr, range(0x21)))  # C0 controls and space, stripped from both ends
_BRACKET_OR_ESCAPE = re.compile(r"\\.|[\[\]]", re.DOTALL)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CODE_MARKERS = re.compile(r"`|~~~|^(?: {4}|\t)", re.MULTILINE)


def normalised_url(value: str) -> str:
    r"""An address as a browser reads it: outer spaces and controls, tabs and newlines gone, ``\`` as ``/``.

    The check judges and the sanitiser looks up this form, so ``" https://…"``, ``"ht\ttps://…"`` and
    ``"\\host/x.png"`` are all seen as the remote addresses a browser would load.
    """
    value = _URL_SPACE.sub("", value.strip(_OUTER_CONTROLS)).replace("\\", "/")
    scheme = _SCHEME.match(value)
    return scheme.group(1).lower() + value[scheme.end(1) :] if scheme else value


def bracket_pairs(text: str) -> dict[int, int]:
    """Position of each ``[`` -> position of its matching ``]`` (backslash-escaped brackets ignored), in one pass."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for match in _BRACKET_OR_ESCAPE.finditer(text):
        token = match.group()
        if token == "[":
            stack.append(match.start())
        elif token == "]" and stack:
            pairs[stack.pop()] = match.start()
    return pairs


@dataclass(frozen=True)
class BodyImage:
    """An image the body shows: its address as written, its description, and its line."""

    src: str
    alt: str
    line: int
    raw_html: bool = False


@dataclass(frozen=True)
class IntrasiteLink:
    """A Pelican intra-site reference (``{static}/x.png``) as written, split into kind and path."""

    written: str
    what: str
    path: str
    line: int


class _Lines:
    """Line numbers of offsets in one body: newlines found once, each look-up a bisection."""

    def __init__(self, body: str, body_line: int) -> None:
        self.body, self.body_line = body, body_line
        self.newlines: list[int] | None = None

    def __call__(self, offset: int) -> int:
        if self.newlines is None:
            self.newlines = [m.start() for m in re.finditer("\n", self.body)]
        return self.body_line + bisect.bisect_left(self.newlines, offset)


def _html_attributes(tag: str) -> dict[str, str]:
    found = {}
    for match in _ATTRIBUTE.finditer(tag):
        value = next(v for v in match.groups()[1:] if v is not None)
        found.setdefault(match.group(1).lower(), html.unescape(value))
    return found


def _markdown_images(body: str, body_line: int) -> list[BodyImage]:
    """Inline (``![alt](src)``) and reference (``![alt][label]``) images, brackets paired as Markdown pairs them."""
    pairs = bracket_pairs(body)
    line = _Lines(body, body_line)
    definitions: dict[str, str] | None = None
    images = []
    for start in (m.start() for m in re.finditer(r"!\[", body)):
        end = pairs.get(start + 1)
        if end is None:
            continue
        alt = body[start + 2 : end].strip()
        after = body[end + 1 : end + 2]
        src = None
        if after == "(":
            destination = _DESTINATION.match(body, end + 2)
            src = destination.group(1) if destination else None
        elif after == "[" and (label_end := pairs.get(end + 1)) is not None:
            if definitions is None:
                definitions = {m.group(1).strip().lower(): m.group(2) for m in _MD_REF_DEFINITION.finditer(body)}
            src = definitions.get((body[end + 2 : label_end] or alt).strip().lower())
        if src:
            images.append(BodyImage(normalised_url(src), alt, line(start)))
    return images


def body_images(body: str, body_line: int, code_only: Callable[[str], set[str]] | None = None) -> list[BodyImage]:
    """Every image: Markdown inline and reference style, and raw HTML ``<img>``.

    ``code_only`` (default :func:`references_in_code`) names the addresses Markdown shows only as code text;
    images with those addresses are left out.
    """
    images = _markdown_images(body, body_line) if "![" in body else []
    if "<" in body:
        line = _Lines(body, body_line)
        for match in _HTML_IMG.finditer(body):
            attributes = _html_attributes(match.group())
            src = normalised_url(attributes.get("src", ""))
            if src:
                alt = attributes.get("alt", "").strip()
                images.append(BodyImage(src, alt, line(match.start()), raw_html=True))
    if images and _CODE_MARKERS.search(body):
        in_code = (code_only or references_in_code)(body)
        images = [image for image in images if image.src not in in_code]
    return images


def intrasite_links(
    body: str, body_line: int, code_only: Callable[[str], set[str]] | None = None
) -> list[IntrasiteLink]:
    """Every ``{static}``/``{filename}``-style reference that Markdown does not show as code."""
    if "{" not in body and "|" not in body:
        return []
    line = _Lines(body, body_line)
    links = [IntrasiteLink(m.group(), m.group(1), m.group(2), line(m.start())) for m in INTRASITE.finditer(body)]
    if links and _CODE_MARKERS.search(body):
        in_code = (code_only or references_in_code)(body)
        links = [link for link in links if link.written not in in_code]
    return links


class _References(HTMLParser):
    """Addresses rendered HTML uses (``src``, ``href``) and the text it shows inside ``<code>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.used: set[str] = set()
        self.code_text: list[str] = []
        self._code_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "code":
            self._code_depth += 1
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.used.add(normalised_url(value))

    def handle_endtag(self, tag: str) -> None:
        if tag == "code" and self._code_depth:
            self._code_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._code_depth:
            self.code_text.append(data)


_CODE_WORD = re.compile(r"[^\s\"'<>()\[\]]{1,4096}")  # an address-like word in text shown as code


@functools.lru_cache(maxsize=1)  # body_images and intrasite_links ask in turn about the same body
def references_in_code(body: str) -> frozenset[str]:
    """Addresses (and ``{static}…`` references) that appear in Markdown's rendering of ``body`` only as code.

    Rendered once per body with the build's own Markdown (the registered :func:`.renderer.renderer`),
    bounded like the build; a body that may not be rendered yields nothing, so every reference in it is
    checked (and the body itself is refused by ``markdown_bounds``).
    """
    try:
        rendered = renderer().markdown_html(body)
    except BodyRefused:
        return frozenset()
    parser = _References()
    parser.feed(rendered)
    parser.close()
    code = "\n".join(parser.code_text)
    shown_as_code = {m.group() for pattern in (INTRASITE, _CODE_WORD) for m in pattern.finditer(code)}
    return frozenset(
        form for found in shown_as_code for form in (found, normalised_url(found)) if form not in parser.used
    )
