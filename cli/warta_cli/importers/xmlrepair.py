"""Read an export that its producer wrote slightly wrong, and say what was repaired.

Real exports come with mistakes that make a strict XML parser refuse the
whole file: a namespace prefix used without its declaration (``thr:total``
in a Blogger backup), HTML entities XML does not know (``&nbsp;``), a bare
``&``, control characters. A well-formed file is parsed as it is; only when
it is refused are these mistakes repaired, each in a narrow, predictable
way, and the repairs are listed (in Indonesian) for the import report. A
file that is still refused, a truncated one for instance, stays refused:
guessing the rest of a cut file would invent posts.
"""

from __future__ import annotations

import html.entities
import re
import xml.etree.ElementTree as ET

from .model import ImportFailed

_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}
_ENTITY = re.compile(r"&(#\d+;|#x[0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)?")
_PREFIX_USE = re.compile(r"<(?:/)?([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*|\s([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*\s*=")
_DECLARED = re.compile(r"xmlns:([A-Za-z_][\w.-]*)\s*=")
_ROOT_START = re.compile(r"<(?![?!])[A-Za-z_][\w.:-]*")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_VERBATIM = re.compile(r"(<!\[CDATA\[.*?\]\]>|<!--.*?-->)", re.DOTALL)  # sections whose text is never markup
UNDECLARED_NAMESPACE = "urn:kim-import:undeclared:"


def _outside_verbatim(text: str, repair) -> str:
    parts = _VERBATIM.split(text)
    return "".join(part if index % 2 else repair(part) for index, part in enumerate(parts))


def _entities(text: str, repairs: list[str]) -> str:
    counts = {"html": 0, "bare": 0}

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            counts["bare"] += 1
            return "&amp;"
        if name.startswith("#") or name[:-1] in _XML_ENTITIES:
            return match.group(0)
        known = html.entities.html5.get(name)
        if known is not None:
            counts["html"] += 1
            return "".join(f"&#{ord(char)};" for char in known)
        counts["bare"] += 1
        return "&amp;" + name  # an unknown name is text as written: "&lol1;" stays "&lol1;"

    repaired = _outside_verbatim(text, lambda part: _ENTITY.sub(replace, part))
    if counts["html"]:
        repairs.append(f"{counts['html']} entitas HTML (misalnya &nbsp;) yang tidak dikenal XML diubah ke hurufnya")
    if counts["bare"]:
        repairs.append(f"{counts['bare']} tanda & yang tidak ditulis &amp; dibaca sebagai teks")
    return repaired


def _declare_prefixes(text: str, repairs: list[str]) -> str:
    markup = _VERBATIM.sub("", text)
    used = {a or b for a, b in _PREFIX_USE.findall(markup)} - {"xml", "xmlns"}
    missing = sorted(used - set(_DECLARED.findall(markup)))
    root = _ROOT_START.search(_VERBATIM.sub(lambda match: " " * len(match.group(0)), text))
    if not missing or root is None:
        return text
    declarations = "".join(f' xmlns:{prefix}="{UNDECLARED_NAMESPACE}{prefix}"' for prefix in missing)
    names = ", ".join(f'"{prefix}"' for prefix in missing)
    repairs.append(f"awalan namespace {names} dipakai tanpa dideklarasikan; deklarasinya ditambahkan")
    return text[: root.end()] + declarations + text[root.end() :]


def parse_export(path: str, label: str) -> tuple[ET.Element, list[str]]:
    """The root element of an export and the repairs needed to read it (none for a well-formed file)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise ImportFailed(f"{path}: berkas tidak bisa dibaca ({error.strerror}).") from None
    try:
        return ET.fromstring(data), []
    except ET.ParseError as error:
        first_error = error
    text = data.decode("utf-8", "replace")
    repairs: list[str] = []
    if _XML_ILLEGAL.search(text):
        repairs.append("karakter kendali yang tidak boleh ada di XML dibuang")
        text = _XML_ILLEGAL.sub("", text)
    text = _declare_prefixes(_entities(text, repairs), repairs)
    try:
        return ET.fromstring(text.encode("utf-8")), repairs
    except ET.ParseError:
        line = first_error.position[0]
        raise ImportFailed(f"{path}: berkas {label} rusak di baris {line} ({first_error}).") from None
