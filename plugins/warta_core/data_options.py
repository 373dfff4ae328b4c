"""Blocks of YAML data files checked with the same typed options as the settings.

A block (``batas`` or ``penyunting`` in ``jaringan.yml``) is declared once as
a :class:`DataBlock`: its key and a schema of :mod:`.config_options` options,
each with its default and one-line doc. :func:`read_block` reports every
problem at once with the file and the line of the key written, suggests the
closest known key for a misspelt one, and returns the values with defaults
filled in; the same declaration documents the block (``rows``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode

from .config_options import Invalid, Option, yaml_literal
from .problems import ProblemList
from .text import did_you_mean
from .yamlfile import YamlDocument


@dataclass(frozen=True)
class DataBlock:
    """One mapping of a data file: ``key`` and the options it may hold (in the order the docs list them)."""

    key: str
    schema: tuple[Option, ...]
    shape: str  # what the block holds, in Indonesian, for a block that is not a mapping

    @property
    def names(self) -> list[str]:
        """The keys the block knows."""
        return [option.name for option in self.schema]

    def defaults(self) -> dict[str, Any]:
        """Every option at its default."""
        return {option.name: option.default for option in self.schema}

    def rows(self) -> list[tuple[str, str, str, str]]:
        """Key, default, accepted values and doc of each option, for the reference docs."""
        return [(o.name, o.show_default(), o.describe(), o.doc) for o in self.schema]


def nested_lines(document: YamlDocument, key: str) -> dict[str, int]:
    """File line of each key inside the top-level mapping ``key``."""
    node = document.node
    if not isinstance(node, MappingNode):
        return {}
    first = (document.line(key) or 1) - next((k.start_mark.line for k, _ in node.value if k.value == key), 0)
    for name, value in node.value:
        if name.value == key and isinstance(value, MappingNode):
            return {str(inner.value): inner.start_mark.line + first for inner, _ in value.value}
    return {}


def read_block(document: YamlDocument, block: DataBlock, problems: ProblemList) -> dict[str, Any] | None:
    """The block's values with defaults filled in; None (problems added) when anything in it is wrong."""
    data = document.data if isinstance(document.data, dict) else {}
    raw = data.get(block.key)
    line = document.line(block.key)
    if raw is None:
        return block.defaults()
    if not isinstance(raw, dict):
        problems.add(document.path, f"Kolom `{block.key}` harus berisi {block.shape}.", line=line)
        return None
    lines = nested_lines(document, block.key)
    failed = False
    for key in raw:
        if str(key) not in block.names:
            hint = did_you_mean(str(key), block.names) or f"Kolom yang dikenal: {', '.join(block.names)}."
            where = lines.get(str(key), line)
            problems.add(document.path, f"Kolom `{block.key}.{key}` tidak dikenal.", hint, line=where)
            failed = True
    values = block.defaults()
    for option in block.schema:
        if option.name not in raw:
            continue
        try:
            values[option.name] = option.check(raw[option.name], f"Kolom `{block.key}.{option.name}`", yaml_literal)
        except Invalid as invalid:
            problems.add(document.path, invalid.message, invalid.hint, line=lines.get(option.name, line))
            failed = True
    return None if failed else values
