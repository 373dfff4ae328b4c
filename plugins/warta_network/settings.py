"""Settings of the Warta KIM plugins, declared once with types and defaults.

Each option is validated when Pelican starts; all mistakes are reported
together, naming the key, what was expected and what was found.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

SETTINGS_FILE = "pelicanconf.py / publishconf.py"


@dataclass(frozen=True)
class Option:
    """One setting: name, accepted type(s), default, and what it is for."""

    name: str
    types: tuple[type, ...]
    default: Any
    doc: str


OPTIONS = (
    Option("WARTA_SUMMARY_LENGTH", (int,), 200, "Characters of article text used as summary when Ringkasan is empty."),
    Option("WARTA_NOW", (dt.datetime, type(None)), None, "Fixed 'now' for future-date checks (tests); None = clock."),
    Option("WARTA_WORKERS", (int,), os.cpu_count() or 1, "Processes for rendering Markdown and pages."),
)


def apply_settings(settings: dict[str, Any]) -> list[str]:
    """Fill in defaults and return one Indonesian message per invalid option."""
    errors = []
    for option in OPTIONS:
        value = settings.setdefault(option.name, option.default)
        if not isinstance(value, option.types) or (int in option.types and isinstance(value, bool)):
            expected = " atau ".join(t.__name__ for t in option.types)
            errors.append(
                f"{SETTINGS_FILE}: pengaturan {option.name} harus bertipe {expected}, "
                f"tetapi berisi {value!r}. ({option.doc})"
            )
        elif isinstance(value, int) and not isinstance(value, bool) and value < 1:
            errors.append(f"{SETTINGS_FILE}: pengaturan {option.name} harus lebih dari 0, tetapi berisi {value}.")
    return errors
