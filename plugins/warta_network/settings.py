"""Settings of the Warta KIM plugins, declared once with types and defaults.

Each option is validated when Pelican starts; all mistakes are reported
together, naming the key, what was expected and what was found.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

SETTINGS_FILE = "pelicanconf.py / publishconf.py"


@dataclass(frozen=True)
class Option:
    """One setting: name, accepted types, default, what it is for, and a value check.

    Every Warta KIM plugin declares its settings with this class and checks
    them with :func:`apply_options`, so all report mistakes the same way.
    """

    name: str
    types: tuple[type, ...]
    default: Any
    doc: str
    valid: Callable[[Any], bool] = lambda _value: True
    expected: str = ""  # Indonesian description of a valid value, after "harus"


OPTIONS = (
    Option(
        "WARTA_SUMMARY_LENGTH",
        (int,),
        200,
        "Characters of article text used as summary when Ringkasan is empty.",
        lambda value: value > 0,
        "lebih dari 0",
    ),
    Option("WARTA_NOW", (dt.datetime, type(None)), None, "Fixed 'now' for future-date checks (tests); None = clock."),
    Option(
        "WARTA_WORKERS",
        (int,),
        os.cpu_count() or 1,
        "Processes for rendering Markdown and pages.",
        lambda value: value > 0,
        "lebih dari 0",
    ),
)


def apply_options(settings: dict[str, Any], options: tuple[Option, ...]) -> list[str]:
    """Fill in defaults and return one Indonesian message per invalid option."""
    errors = []
    for option in options:
        value = settings.setdefault(option.name, option.default)
        if not isinstance(value, option.types) or (isinstance(value, bool) and bool not in option.types):
            expected = " atau ".join(t.__name__ for t in option.types)
            errors.append(
                f"{SETTINGS_FILE}: pengaturan {option.name} harus bertipe {expected}, "
                f"tetapi berisi {value!r}. ({option.doc})"
            )
        elif value is not None and not option.valid(value):
            errors.append(
                f"{SETTINGS_FILE}: pengaturan {option.name} harus {option.expected}, tetapi berisi {value!r}."
            )
    return errors


def apply_settings(settings: dict[str, Any]) -> list[str]:
    """Defaults and checks for this plugin's own options."""
    return apply_options(settings, OPTIONS)
