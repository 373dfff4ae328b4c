r"""The one reader of data-driven fixtures: their header, and the ``.case`` file sections.

Every data-driven suite states what a fixture is and what must happen in a
header of ``Key: value`` lines, read by ``read_header``, in one of two styles.
Leading ``#`` lines (the ``.case`` files), up to the first line that is not a
comment or blank (``---`` or a ``--- path`` section)::

    # Case: what the fixture is
    #   an indented line continues the value above
    # Expect: what must happen

Or the first ``<!-- -->`` comment, after an optional XML declaration or
doctype (import sources, feedparser's corpus)::

    <?xml version="1.0"?>
    <!--
    Case: what the fixture is
    Expect-files: 2
    Prose that is not a ``Key: value`` line is a note and is ignored.
    -->

Keys start with a capital letter and are matched case-insensitively; a key may
be given more than once. A partner ``.case`` goes on with ``---`` and the body
a server answers with (``scripts/serve_partner_fixtures.py``).

A validation or hostile case file starts with ``# Key: value`` header lines, then one section per
file to write into a small test network::

    --- kim/kim-uji-bagelen/2024/x.md           text, UTF-8
    --- kim/kim-uji-bagelen/x.md (latin-1)      text in that encoding
    --- kim/kim-uji-bagelen/gambar/a.png (base64)   bytes, base64 in the body
    --- kim/kim-uji-bagelen/besar.md (repeat 5000)  the body written N times
    --- kim/kim-uji-bagelen/besar.md (repeat 9, append)  added to the same file's earlier section
    --- kim/kim-uji-bagelen/gambar/a.png -> /etc/passwd   a symlink
    --- kim/kim-uji-bagelen/gambar/a\nb.png (base64, escaped)   options joined by ", "

``escaped`` reads the path with backslash escapes (``\n``, ``\t``, ``\\``,
``\xNN``, ``\uNNNN``; ``\x20`` for a space before a parenthesis), so a name
holding a newline, a control character or a byte that is not UTF-8
(``\udcff``) can be written; ``# File: <path> (escaped)`` names such a file.
In symlink targets ``{content}`` and ``{root}`` stand for the content folder
and the temporary root. Header keys are lower-cased; a key given twice keeps
both values, joined by `` || ``.
"""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

_KEY_LINE = re.compile(r"([A-Z][A-Za-z0-9-]*):(?:\s+(.*))?")
_ESCAPE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|(.))")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}
ESCAPED = "escaped"
APPEND = "append"
_PROLOG = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?<!--", re.IGNORECASE)


@dataclass
class FixtureHeader:
    """A fixture's ``Key: value`` header: every value of every key, keys lower-cased."""

    values: dict[str, list[str]] = field(default_factory=dict)

    def __contains__(self, key: str) -> bool:
        return key.lower() in self.values

    def get(self, key: str, default: str = "") -> str:
        """The first value of ``key``."""
        return self.values.get(key.lower(), [default])[0]

    def all(self, key: str) -> list[str]:
        """Every value of ``key``, in file order."""
        return list(self.values.get(key.lower(), []))

    def split(self, key: str, separator: str = "|") -> list[str]:
        """The first value of ``key`` cut at ``separator``, without blanks."""
        return [part.strip() for part in self.get(key).split(separator) if part.strip()]


def _header_lines(data: bytes) -> list[tuple[str, bool]]:
    """The header's lines without comment markers, each with whether it is indented."""
    prolog = _PROLOG.match(data)
    if prolog:
        end = data.find(b"-->", prolog.end())
        comment = data[prolog.end() : end if end >= 0 else len(data)].decode("utf-8", "replace")
        return [(line.rstrip(), line[:1].isspace()) for line in comment.splitlines()]
    lines = []
    for raw in data.splitlines():
        if not raw.strip():
            continue
        if not raw.startswith(b"#"):
            break
        text = raw[1:].decode("utf-8", "replace").rstrip()
        text = text.removeprefix(" ")
        lines.append((text, text[:1].isspace()))
    return lines


def read_header(source: Path | bytes) -> FixtureHeader:
    """The header of a fixture file (or of its bytes); empty when it has none."""
    data = source if isinstance(source, bytes) else source.read_bytes()
    header = FixtureHeader()
    last: list[str] | None = None
    for text, indented in _header_lines(data):
        key_line = None if indented else _KEY_LINE.fullmatch(text)
        if key_line:
            last = header.values.setdefault(key_line.group(1).lower(), [])
            last.append((key_line.group(2) or "").strip())
        elif indented and last and text.strip():
            last[-1] = f"{last[-1]} {text.strip()}"
        else:
            last = None  # prose: a note for the reader
    return header


@dataclass
class Case:
    """One fixture: its header and what to write."""

    name: str
    header: dict[str, str]
    files: dict[str, str | bytes] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)

    def get(self, key: str, default: str = "") -> str:
        """A header value."""
        return self.header.get(key, default)

    @property
    def line(self) -> int | None:
        """The expected line, when the case gives one."""
        return int(self.header["line"]) if "line" in self.header else None

    def write_links(self, root: Path, content: Path) -> None:
        """Create the case's symlinks inside ``content``."""
        for relative, target in self.links.items():
            path = content / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(target.replace("{content}", str(content)).replace("{root}", str(root)), path)


def unescape(text: str) -> str:
    r"""``text`` with ``\n``, ``\t``, ``\r``, ``\xNN``, ``\uNNNN`` and ``\<char>`` (that char) read."""

    def one(match: re.Match[str]) -> str:
        if match.group(3) is not None:
            return _SIMPLE_ESCAPES.get(match.group(3), match.group(3))
        return chr(int(match.group(1) or match.group(2), 16))

    return _ESCAPE.sub(one, text)


def _decode(body: str, options: list[str]) -> str | bytes:
    for option in options:
        if option == "base64":
            return base64.b64decode("".join(body.split()))
        if option.startswith("repeat "):
            return body * int(option.split()[1])
        if option not in ("", "utf-8", ESCAPED, APPEND):
            return body.encode(option)
    return body


def load_case(path: Path) -> Case:
    """Parse one validation or hostile ``.case`` file."""
    header = read_header(path)
    case = Case(path.stem, {key: " || ".join(values) for key, values in header.values.items()})
    if case.header.get("file", "").endswith(f" ({ESCAPED})"):
        case.header["file"] = unescape(case.header["file"].removesuffix(f" ({ESCAPED})"))
    current: tuple[str, list[str]] | None = None
    body: list[str] = []

    def flush() -> None:
        if current is not None:
            decoded = _decode("".join(body), current[1])
            earlier = case.files.get(current[0]) if APPEND in current[1] else None
            case.files[current[0]] = decoded if earlier is None else earlier + decoded

    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("--- "):
            flush()
            spec = line[4:].strip()
            current, body = None, []
            if " -> " in spec:
                link, target = spec.split(" -> ", 1)
                case.links[link.strip()] = target.strip()
                continue
            options: list[str] = []
            if spec.endswith(")") and " (" in spec:
                spec, written = spec[:-1].rsplit(" (", 1)
                options = [option.strip() for option in written.split(",")]
            current = (unescape(spec) if ESCAPED in options else spec, options)
        elif current is not None:
            body.append(line)
    flush()
    return case
