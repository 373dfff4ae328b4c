"""Problems found while checking the network, and the one report that lists them.

Every check collects :class:`Problem` objects instead of stopping at the first
one, so a writer sees everything that needs fixing in a single run. Messages
are in Bahasa Indonesia because writers read them; this module only formats.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .names import shown_name

ERROR = "galat"
WARNING = "peringatan"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, with how to fix it."""

    path: str
    line: int | None
    message: str
    hint: str = ""
    severity: str = ERROR

    def format(self, root: str | None = None) -> str:
        """Return ``path:line: message hint`` with the path relative to ``root``.

        The path is shown with :func:`.names.shown_name`, so a name holding a newline or a terminal
        escape stays on its one line of the report and cannot forge another.
        """
        path = shown_name(os.path.relpath(self.path, root) if root else self.path)
        location = f"{path}:{self.line}" if self.line else path
        label = "" if self.severity == ERROR else "(peringatan) "
        text = f"{location}: {label}{self.message}"
        return f"{text} {self.hint}" if self.hint else text


@dataclass
class ProblemList:
    """An ordered collection of problems with helpers to add them tersely."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        path: str,
        message: str,
        hint: str = "",
        line: int | None = None,
        severity: str = ERROR,
    ) -> None:
        """Record one problem."""
        self.items.append(Problem(str(path), line, message, hint, severity))

    def extend(self, other: ProblemList) -> None:
        """Append every problem of ``other``."""
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        """Problems that fail the build."""
        return [p for p in self.items if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """Problems that are only reported."""
        return [p for p in self.items if p.severity == WARNING]

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)


def format_report(problems: list[Problem], root: str | None = None) -> str:
    """Format problems as one report in Bahasa Indonesia, sorted by file and line."""
    errors = [p for p in problems if p.severity == ERROR]
    warnings = [p for p in problems if p.severity != ERROR]
    ordered = sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
    files = {p.path for p in problems}
    lines = []
    if errors:
        lines.append(
            f"Pemeriksaan menemukan {len(errors)} masalah"
            + (f" dan {len(warnings)} peringatan" if warnings else "")
            + f" di {len(files)} berkas:"
        )
    else:
        lines.append(f"Pemeriksaan menemukan {len(warnings)} peringatan:")
    lines.extend(f"  {p.format(root)}" for p in ordered)
    if errors:
        lines.append(
            "Perbaiki masalah di atas, lalu jalankan `make check` lagi. "
            "Arti setiap pesan dijelaskan di halaman Panduan portal (/panduan/)."
        )
    return "\n".join(lines)


class NetworkCheckFailed(Exception):
    """Raised by the build when the network has errors; carries the full report."""

    exitcode = 1

    def __init__(self, problems: list[Problem], root: str | None = None) -> None:
        self.problems = problems
        super().__init__("\n" + format_report(problems, root))
