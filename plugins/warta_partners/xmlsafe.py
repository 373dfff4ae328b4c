"""Make a feed's prolog harmless before any XML parser sees it.

Entity declarations are the only way a small XML file becomes a huge one:
nested entities (billion laughs) and one big entity referenced many times
(the quadratic blow-up, which feedparser's loose fallback parser expands
again even after expat refuses it). External entities and DTDs could make a
parser read files or URLs. So the whole ``<!DOCTYPE … [ … ]>`` declaration,
internal subset included, and any stray ``<!ENTITY …>`` before the root
element are cut out. Only entities whose value is a character reference or a
few plain characters are declared again, because feeds do use
``<!ENTITY nbsp "&#160;">`` and such an entity cannot grow the document.
"""

from __future__ import annotations

import re

_NAME_START = re.compile(rb"[A-Za-z_:\x80-\xff]")
_SAFE_ENTITY = re.compile(
    rb"""<!ENTITY\s+([A-Za-z_][\w.-]{0,63})\s+(["'])(&\#[0-9]{1,7};|&\#x[0-9a-fA-F]{1,6};|[^&%<"']{0,16})\2\s*>"""
)
_MAX_SAFE_ENTITIES = 64


def _skip_to(data: bytes, start: int, terminator: bytes) -> int:
    """Index just after ``terminator`` at or after ``start``, or the end of ``data``."""
    found = data.find(terminator, start)
    return len(data) if found < 0 else found + len(terminator)


def _declaration_end(data: bytes, start: int) -> int:
    """End of a markup declaration starting at ``start``, honouring quotes, ``[…]`` and comments."""
    depth = 0
    quote = 0
    index = start
    size = len(data)
    while index < size:
        byte = data[index]
        if quote:
            if byte == quote:
                quote = 0
        elif data.startswith(b"<!--", index):
            index = _skip_to(data, index + 4, b"-->")
            continue
        elif byte in (0x22, 0x27):  # " or '
            quote = byte
        elif byte == 0x5B:  # [
            depth += 1
        elif byte == 0x5D:  # ]
            depth = max(0, depth - 1)
        elif byte == 0x3E and depth == 0:  # >
            return index + 1
        index += 1
    return size


def neutralise_declarations(data: bytes) -> bytes:
    """``data`` (UTF-8 XML) with its DOCTYPE and other declarations removed before the root element."""
    index = 0
    size = len(data)
    kept = bytearray()
    safe: dict[bytes, bytes] = {}
    root = None
    while index < size:
        lt = data.find(b"<", index)
        if lt < 0:
            kept += data[index:]
            break
        kept += data[index:lt]
        if data.startswith(b"<?", lt):
            end = _skip_to(data, lt + 2, b"?>")
            kept += data[lt:end]
        elif data.startswith(b"<!--", lt):
            end = _skip_to(data, lt + 4, b"-->")
            kept += data[lt:end]
        elif data.startswith(b"<!", lt) and data[lt + 2 : lt + 3].isalpha():
            end = _declaration_end(data, lt + 2)  # DOCTYPE, ENTITY, ELEMENT, ATTLIST: all dropped
            for name, _quote, value in _SAFE_ENTITY.findall(data, lt, end):
                if len(safe) < _MAX_SAFE_ENTITIES:
                    safe.setdefault(name, value)
        elif _NAME_START.match(data, lt + 1) or data.startswith(b"<![CDATA[", lt):
            root = lt  # the root element (or text the parser will reject): the prolog is over
            break
        else:
            end = lt + 1  # a stray "<" in the prolog; left for the parser to reject
            kept += b"<"
        index = end
    if root is None:
        return bytes(kept)
    if safe:
        declarations = b"".join(b'<!ENTITY %s "%s">\n' % (name, value) for name, value in safe.items())
        kept += b"<!DOCTYPE feed [\n" + declarations + b"]>\n"
    return bytes(kept) + data[root:]
