"""Rewrite the generated blocks of a documentation page, or with ``--check`` only say whether they are current.

Shared by ``settings_tables.py`` and ``command_reference.py``: each knows how to regenerate its page's
text; this module owns the command line, the comparison and the write.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GeneratedPage:
    """A page with generated blocks: where it is, how it is named in messages, and the command that rewrites it."""

    path: Path
    name: str  # as messages show it: docs/reference/settings.md
    command: str  # the command a stale page's message names
    subject: str  # what is generated, for messages: "docs/reference/settings.md settings tables"
    plural: bool = False  # "… are out of date" rather than "… is out of date"

    def main(self, updated_text: Callable[[str], str], description: str, argv: list[str] | None = None) -> int:
        """Rewrite the page through ``updated_text``, or with ``--check`` exit 1 when that would change it."""
        parser = argparse.ArgumentParser(description=description)
        stale = f"do not write; exit 1 when {self.name} is out of date"
        parser.add_argument("--check", action="store_true", help=stale)
        args = parser.parse_args(argv)
        current = self.path.read_text(encoding="utf-8")
        updated = updated_text(current)
        if args.check:
            if updated != current:
                verb = "are" if self.plural else "is"
                print(f"{self.subject} {verb} out of date: run {self.command}", file=sys.stderr)
                return 1
            return 0
        if updated != current:
            self.path.write_text(updated, encoding="utf-8")
            print(f"{self.subject} rewritten.")
        return 0
