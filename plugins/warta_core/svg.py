"""SVG drawings and logos: refused when active, and published only sanitised.

An SVG opened by its own address is a document on the portal's origin, the
same origin as ``/admin/``, where the web editor keeps its login: a script or
event handler in it could act as the logged-in writer. So SVG gets two
locks. ``svg_problems`` (used by ``kim periksa``) refuses any file with
scripting, foreign content, external references or a DTD, and bounds its
size, depth and element count before the sanitiser sees it. ``sanitise_svg``
then passes what is published through svg-hush (Cloudflare's allow-list SVG
filter), so even a construct the check did not know is not copied as is.
Rasterising was the alternative; it needs a native SVG renderer and loses
the logos' sharpness, so we sanitise.
"""

from __future__ import annotations

import re
import xml.parsers.expat

import py_svg_hush

MAX_DEPTH = 48
MAX_ELEMENTS = 20_000
_ACTIVE_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "audio", "video"}
_RASTER_DATA = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$", re.IGNORECASE)
_EXTERNAL_CSS = re.compile(r"@import|url\(\s*['\"]?(?!#)|expression\(|javascript:", re.IGNORECASE)
# Raster images may stay inline as data: URLs; anything else (svg+xml, text/html) could carry script.
KEEP_DATA_URLS = {"image/png": [], "image/jpeg": [], "image/gif": [], "image/webp": []}


class _Stop(Exception):
    """Raised inside the expat callbacks to end parsing at the first reason to refuse."""


def _local(name: str) -> str:
    """Local part of an expat name (``ns uri`` + space + local, with namespace processing)."""
    return name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1].lower()


def svg_problems(data: bytes) -> str | None:
    """Indonesian reason why this SVG may not be published, or None when it is a plain drawing."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return "berisi deklarasi DOCTYPE/ENTITY"
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    state = {"depth": 0, "elements": 0, "root": None, "style": False}
    reason: list[str] = []

    def refuse(text: str) -> None:
        reason.append(text)
        raise _Stop

    def start(name: str, attributes: dict[str, str]) -> None:
        local = _local(name)
        state["depth"] += 1
        state["elements"] += 1
        if state["root"] is None:
            state["root"] = local
        if state["depth"] > MAX_DEPTH:
            refuse(f"bersarang lebih dari {MAX_DEPTH} tingkat")
        if state["elements"] > MAX_ELEMENTS:
            refuse(f"berisi lebih dari {MAX_ELEMENTS} elemen")
        if local in _ACTIVE_ELEMENTS:
            refuse(f"berisi elemen <{local}>")
        state["style"] = local == "style"
        for attribute, value in attributes.items():
            attr = _local(attribute)
            if attr.startswith("on"):
                refuse(f'berisi atribut peristiwa "{attr}"')
            if attr == "href" and not (value.startswith("#") or _RASTER_DATA.match(value)):
                refuse(f'merujuk ke alamat luar "{value[:60]}"')
            if attr == "style" and _EXTERNAL_CSS.search(value):
                refuse("berisi gaya (style) yang memuat alamat luar")

    def end(_name: str) -> None:
        state["depth"] -= 1
        state["style"] = False

    def text(content: str) -> None:
        if state["style"] and _EXTERNAL_CSS.search(content):
            refuse("berisi gaya (style) yang memuat alamat luar")

    def instruction(target: str, _data: str) -> None:
        if target.lower() == "xml-stylesheet":
            refuse("memuat lembar gaya dari luar")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.ProcessingInstructionHandler = instruction
    parser.UseForeignDTD(False)
    try:
        parser.Parse(data, True)
    except _Stop:
        return reason[0]
    except xml.parsers.expat.ExpatError as error:
        return f"bukan XML yang sah (baris {error.lineno}: {xml.parsers.expat.ErrorString(error.code)})"
    if state["root"] != "svg":
        return "bukan gambar SVG (elemen terluarnya bukan <svg>)"
    try:  # the build writes every SVG through svg-hush: what it cannot read is refused here, not in the build
        sanitise_svg(data)
    except ValueError as error:
        hint = ' (xmlns="http://www.w3.org/2000/svg" hilang)' if b"http://www.w3.org/2000/svg" not in data else ""
        return f"tidak bisa dibaca penyaring SVG: {error}{hint}"
    return None


def sanitise_svg(data: bytes) -> bytes:
    """The published form of a checked SVG: svg-hush's allow-list output."""
    return py_svg_hush.filter_svg(data, keep_data_url_mime_types=KEEP_DATA_URLS)
