"""Reader of the data-driven ``.case`` fixtures (validation and hostile suites).

A case file starts with ``# Key: value`` header lines, then one section per
file to write into a small test network::

    --- kim/kim-uji-bagelen/2024/x.md           text, UTF-8
    --- kim/kim-uji-bagelen/x.md (latin-1)      text in that encoding
    --- kim/kim-uji-bagelen/gambar/a.png (base64)   bytes, base64 in the body
    --- kim/kim-uji-bagelen/besar.md (repeat 5000)  the body written N times
    --- kim/kim-uji-bagelen/gambar/a.png -> /etc/passwd   a symlink

In symlink targets ``{content}`` and ``{root}`` stand for the content folder
and the temporary root. Header keys are lower-cased; a key given twice keeps
both values, joined by `` || ``.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, field
from pathlib import Path


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


def _decode(body: str, option: str) -> str | bytes:
    if option == "base64":
        return base64.b64decode("".join(body.split()))
    if option.startswith("repeat "):
        return body * int(option.split()[1])
    if option and option != "utf-8":
        return body.encode(option)
    return body


def load_case(path: Path) -> Case:
    """Parse one ``.case`` file."""
    case = Case(path.stem, {})
    current: tuple[str, str] | None = None
    body: list[str] = []
    in_header = True

    def flush() -> None:
        if current is not None:
            case.files[current[0]] = _decode("".join(body), current[1])

    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("--- "):
            flush()
            in_header = False
            spec = line[4:].strip()
            current, body = None, []
            if " -> " in spec:
                link, target = spec.split(" -> ", 1)
                case.links[link.strip()] = target.strip()
                continue
            option = ""
            if spec.endswith(")") and " (" in spec:
                spec, option = spec[:-1].split(" (", 1)
            current = (spec, option)
        elif in_header and line.startswith("#"):
            key, _, value = line.lstrip("# ").partition(":")
            key = key.strip().lower()
            value = value.strip()
            case.header[key] = f"{case.header[key]} || {value}" if key in case.header else value
        elif current is not None:
            body.append(line)
    flush()
    return case
