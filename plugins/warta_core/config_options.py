"""Typed settings that check themselves: the options every Warta KIM plugin declares its settings with.

Modelled on MkDocs' ``config_options``: each plugin declares its ``PREFIX`` and
a ``SCHEMA`` (a tuple of options) in its own ``settings.py``. An option
carries its default, a one-line English ``doc`` and what it accepts, so every
Indonesian message is generated here and no wording is repeated by hand.
They are checked together, once, by ``warta_network.settings_check`` (it reads Pelican's settings).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .problems import Problem
from .text import did_you_mean

Literal = Callable[[Any], str]  # how a value is written in the file that holds it

NAMESPACE = "WARTA_"
# Pelican does not keep the path of the settings file; ``kim`` passes it under this key (see read_settings_file).
SETTINGS_FILE_KEY = "WARTA_SETTINGS_FILE"
DEFAULT_SETTINGS_FILE = "pelicanconf.py"


class SettingsError(Exception):
    """Settings every ``kim`` command refuses; the (Indonesian) message lists every problem at once."""

    exitcode = 1

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        self.problems = problems or []
        super().__init__(message)


class Invalid(ValueError):
    """A value an option refuses, with the Indonesian message and hint."""

    def __init__(self, message: str, hint: str = "") -> None:
        self.message, self.hint = message, hint
        super().__init__(message)


def yaml_literal(value: Any) -> str:
    """A value as a YAML file writes it (``true``, ``null``, ``"teks"``), for messages about data files."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def _range_id(low: float | None, high: float | None, above: float | None = None) -> str:
    floor = f"lebih dari {above}" if above is not None else (f"{low} atau lebih" if low is not None else "")
    if floor and high is not None:
        return f" antara {low} dan {high}" if low is not None else f" {floor} dan paling besar {high}"
    return f" {floor}" if floor else (f" paling besar {high}" if high is not None else "")


def _range_en(low: float | None, high: float | None, above: float | None = None) -> str:
    floor = f"> {above}" if above is not None else (f"≥ {low}" if low is not None else "")
    if floor and high is not None:
        return f" {low}–{high}" if low is not None else f" {floor}, ≤ {high}"
    return f" {floor}" if floor else (f" ≤ {high}" if high is not None else "")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass(frozen=True)
class Option:
    """One setting: its name, default and one-line English doc; subclasses say what they accept."""

    name: str
    default: Any
    doc: str
    nullable: bool = field(default=False, kw_only=True)  # None is accepted too (MkDocs' Optional)
    renamed_from: tuple[str, ...] = field(default=(), kw_only=True)  # old names, still read with a warning
    default_doc: str = field(default="", kw_only=True)  # README text of a default that depends on the machine

    def accepts(self, value: Any) -> bool:
        """Whether ``value`` (never None) is valid."""
        return True

    def expected(self, literal: Literal = repr) -> str:
        """What a valid value is, in Indonesian, to follow "harus" (values written with ``literal``)."""
        return "nilai yang sah"

    def accepts_doc(self) -> str:
        """What a valid value is, in English, for the README."""
        return "any value"

    def convert(self, value: Any) -> Any:
        """The value as the plugins read it (e.g. seconds as float)."""
        return value

    def show_default(self) -> str:
        """The default as the README shows it."""
        return self.default_doc or f"`{self.default!r}`"

    def hint(self, value: Any, literal: Literal = repr) -> str:
        """How to fix a refused value."""
        return f"Perbaiki nilainya, atau hapus barisnya untuk memakai nilai bawaan {literal(self.default)}."

    def check(self, value: Any, key: str = "", literal: Literal = repr) -> Any:
        """Return the value to keep, or raise :class:`Invalid` naming ``key`` (the name written).

        ``literal`` writes values as the file does: Python's ``repr`` for settings, :func:`yaml_literal` for
        data files.
        """
        if value is None and self.nullable:
            return None
        if not self.accepts(value):
            expected = f"{literal(None)} atau " * self.nullable + self.expected(literal)
            message = f"{key or self.name} harus {expected}, tetapi berisi {literal(value)}."
            raise Invalid(message, self.hint(value, literal))
        return self.convert(value)

    def describe(self) -> str:
        """English summary of accepted values, for the README."""
        return ("`None` or " if self.nullable else "") + self.accepts_doc()


@dataclass(frozen=True)
class Int(Option):
    """A whole number, optionally bounded (``min``/``max`` inclusive)."""

    min: int | None = field(default=None, kw_only=True)
    max: int | None = field(default=None, kw_only=True)
    noun = "bilangan bulat"
    noun_en = "integer"

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and (self.min is None or value >= self.min)
            and (self.max is None or value <= self.max)
        )

    def expected(self, literal: Literal = repr) -> str:  # noqa: D102
        return self.noun + _range_id(self.min, self.max)

    def accepts_doc(self) -> str:  # noqa: D102
        return self.noun_en + _range_en(self.min, self.max)


@dataclass(frozen=True)
class Bytes(Int):
    """A size in bytes, at least 1 unless said otherwise; the README shows it in KiB/MiB."""

    min: int | None = field(default=1, kw_only=True)
    noun = "jumlah bita"
    noun_en = "bytes"

    def show_default(self) -> str:  # noqa: D102
        for unit, size in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
            if self.default >= size and self.default % size == 0:
                return f"{self.default // size} {unit}"
        return f"{self.default} bytes"


@dataclass(frozen=True)
class Number(Option):
    """An int or float, bounded by ``min``/``max`` (inclusive) or ``above`` (exclusive); kept as float."""

    min: float | None = field(default=None, kw_only=True)
    max: float | None = field(default=None, kw_only=True)
    above: float | None = field(default=None, kw_only=True)
    noun = "angka"
    noun_en = "number"
    example = ""

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return (
            _is_number(value)
            and (self.min is None or value >= self.min)
            and (self.max is None or value <= self.max)
            and (self.above is None or value > self.above)
        )

    def expected(self, literal: Literal = repr) -> str:  # noqa: D102
        example = f", misalnya {self.example}" if self.example else ""
        return self.noun + _range_id(self.min, self.max, self.above) + example

    def accepts_doc(self) -> str:  # noqa: D102
        return self.noun_en + _range_en(self.min, self.max, self.above)

    def convert(self, value: Any) -> Any:  # noqa: D102
        return float(value)


@dataclass(frozen=True)
class Seconds(Number):
    """A duration in seconds, more than 0 unless said otherwise."""

    above: float | None = field(default=0, kw_only=True)
    noun = "jumlah detik"
    noun_en = "seconds"

    def show_default(self) -> str:  # noqa: D102
        return f"{self.default:g} s"


@dataclass(frozen=True)
class Ratio(Number):
    """A share: more than 0, at most 1."""

    above: float | None = field(default=0, kw_only=True)
    max: float | None = field(default=1, kw_only=True)
    noun = "pecahan"
    noun_en = "fraction"
    example = "0.8"


@dataclass(frozen=True)
class Bool(Option):
    """True or False (not "ya", not 1)."""

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return isinstance(value, bool)

    def expected(self, literal: Literal = repr) -> str:  # noqa: D102
        return f"{literal(True)} atau {literal(False)}"

    def accepts_doc(self) -> str:  # noqa: D102
        return "`True` / `False`"


@dataclass(frozen=True)
class Str(Option):
    """Text."""

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return isinstance(value, str)

    def expected(self, literal: Literal = repr) -> str:  # noqa: D102
        return "teks"

    def accepts_doc(self) -> str:  # noqa: D102
        return "text"


@dataclass(frozen=True)
class Path(Str):
    """A file or folder path: non-empty text (relative paths are read from where the option says)."""

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return isinstance(value, str) and value.strip() != ""

    def expected(self, literal: Literal = repr) -> str:  # noqa: D102
        return "jalur berkas atau folder (teks, tidak kosong)"

    def accepts_doc(self) -> str:  # noqa: D102
        return "path"


@dataclass(frozen=True)
class Url(Str):
    """An absolute http(s) address."""

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return isinstance(value, str) and re.fullmatch(r"https?://[^\s/?#]+[^\s]*", value) is not None

    def expected(self, literal: Literal = repr) -> str:  # noqa: D102
        return "alamat lengkap yang diawali http:// atau https://"

    def accepts_doc(self) -> str:  # noqa: D102
        return "http(s) URL"


@dataclass(frozen=True)
class Domain(Str):
    """A host name such as ``warta.example.go.id`` (no scheme, no slash), or empty for none."""

    PATTERN = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return isinstance(value, str) and (value == "" or self.PATTERN.fullmatch(value) is not None)

    def expected(self, literal: Literal = repr) -> str:  # noqa: D102
        return "nama domain tanpa https:// dan tanpa garis miring, misalnya warta.example.go.id (atau kosong)"

    def accepts_doc(self) -> str:  # noqa: D102
        return "domain name, or empty"


@dataclass(frozen=True)
class Choice(Option):
    """One of a fixed set of values."""

    choices: tuple[Any, ...] = field(default=(), kw_only=True)

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return value in self.choices

    def expected(self, literal: Literal = repr) -> str:  # noqa: D102
        return "salah satu dari: " + ", ".join(literal(choice) for choice in self.choices)

    def accepts_doc(self) -> str:  # noqa: D102
        return "one of " + ", ".join(f"`{choice!r}`" for choice in self.choices)

    def hint(self, value: Any, literal: Literal = repr) -> str:  # noqa: D102
        named = [str(choice) for choice in self.choices]
        return (did_you_mean(str(value), named) + " " + super().hint(value, literal)).strip()


@dataclass(frozen=True)
class DateTime(Option):
    """A ``datetime.datetime``."""

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return isinstance(value, dt.datetime)

    def expected(self, literal: Literal = repr) -> str:  # noqa: D102
        return "tanggal dan jam (datetime.datetime)"

    def accepts_doc(self) -> str:  # noqa: D102
        return "`datetime`"


def schema_value(schema: tuple[Option, ...], settings: dict[str, Any], name: str) -> Any:
    """One plugin's setting: its value (validated by then), else under an old name, else the default.

    Each plugin's ``settings.setting(settings, name)`` is this over its ``SCHEMA``; the default covers a build
    in which the plugin's settings were not checked (the plugin is not in ``PLUGINS``).
    """
    option = next(option for option in schema if option.name == name)
    for key in (name, *option.renamed_from):
        if key in settings:
            return settings[key]
    return option.default
