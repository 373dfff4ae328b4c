"""Find every image and intra-site link a Markdown body refers to.

The checker resolves each of them (inside the writer's own KIM folder, to a
file the allowlist accepts) and the sanitiser rewrites exactly the resolved
ones, dropping the rest, so nothing a body names can pull a file from
elsewhere into the portal. Found here, in the raw text, because rendering
every body during ``kim check`` would cost more than the whole check.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_MD_REF_IMAGE = re.compile(r"!\[([^\]]*)\]\[([^\]]*)\]")
_MD_REF_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+.*)?$", re.MULTILINE)
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""\b([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
# Pelican's INTRASITE_LINK_REGEX is `[{|](?P<what>.*?)[|}]`: {static}, |filename|, {attach}, ...
INTRASITE_KINDS = ("static", "filename", "attach", "index", "tag", "category", "author")
INTRASITE = re.compile(rf"[{{|]({'|'.join(INTRASITE_KINDS)})[|}}]([^\s\"'<>)\]]*)")
REMOTE = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.IGNORECASE)
_FENCED = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.DOTALL)


def without_code(body: str) -> str:
    """``body`` with code blocks and spans blanked (lines kept): code samples show markup, they do not use it."""
    if "`" not in body and "~~~" not in body:
        return body
    blank = lambda match: re.sub(r"[^\n]", " ", match.group())  # noqa: E731 - one-line substitution helper
    return _INLINE_CODE.sub(blank, _FENCED.sub(blank, body))


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


def _line(body: str, body_line: int, offset: int) -> int:
    return body_line + body.count("\n", 0, offset)


def _html_attributes(tag: str) -> dict[str, str]:
    found = {}
    for match in _ATTRIBUTE.finditer(tag):
        value = next(v for v in match.groups()[1:] if v is not None)
        found.setdefault(match.group(1).lower(), html.unescape(value))
    return found


def body_images(body: str, body_line: int) -> list[BodyImage]:
    """Every image: Markdown inline and reference style, and raw HTML ``<img>`` (outside code)."""
    body = without_code(body)
    images = [
        BodyImage(m.group(2), m.group(1).strip(), _line(body, body_line, m.start())) for m in _MD_IMAGE.finditer(body)
    ]
    if "![" in body and "]:" in body:
        definitions = {m.group(1).strip().lower(): m.group(2) for m in _MD_REF_DEFINITION.finditer(body)}
        for match in _MD_REF_IMAGE.finditer(body):
            label = (match.group(2) or match.group(1)).strip().lower()
            if label in definitions:
                images.append(
                    BodyImage(definitions[label], match.group(1).strip(), _line(body, body_line, match.start()))
                )
    if "<" in body:
        for match in _HTML_IMG.finditer(body):
            attributes = _html_attributes(match.group())
            src = attributes.get("src", "")
            if src:
                line = _line(body, body_line, match.start())
                images.append(BodyImage(src, attributes.get("alt", "").strip(), line, raw_html=True))
    return images


def intrasite_links(body: str, body_line: int) -> list[IntrasiteLink]:
    """Every ``{static}``/``{filename}``-style reference outside code."""
    if "{" not in body and "|" not in body:
        return []
    body = without_code(body)
    return [
        IntrasiteLink(m.group(), m.group(1), m.group(2), _line(body, body_line, m.start()))
        for m in INTRASITE.finditer(body)
    ]
