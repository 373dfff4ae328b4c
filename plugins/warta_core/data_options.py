"""Blocks of YAML data files checked with the same typed options as the settings.

A block (``batas`` or ``penyunting`` in ``jaringan.yml``) is declared once as
a :class:`DataBlock`: its key and a schema of :mod:`.config_options` options,
each with its default and one-line doc. :func:`read_block` reports every
problem at once with the file and the line of the key written, suggests the
closest known key for a misspelt one, and returns the values with defaults
filled in; the same declaration documents the block (``rows``). A block with
the key ``""`` is a whole file that is one mapping (``kim.yml``), read with
:func:`check_block`, which also hands back the values that passed so the
file's own rules can go on. Lists of entries are :mod:`.data_entries`.
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

    key: str  # "" for a file that is one mapping (kim.yml)
    schema: tuple[Option, ...]
    shape: str  # what the block holds, in Indonesian, for a block that is not a mapping
    required: tuple[str, ...] = ()  # keys that must be written and not empty
    place: str = ""  # where an unknown key is, in Indonesian, after "di": "profil KIM"
    null_is_default: bool = False  # a key written without a value keeps its default (kim.yml's `logo:`)

    @property
    def names(self) -> list[str]:
        """The keys the block knows."""
        return [option.name for option in self.schema]

    def defaults(self) -> dict[str, Any]:
        """Every option at its default."""
        return {option.name: option.default for option in self.schema}

    def rows(self) -> list[tuple[str, str, str, str]]:
        """Key, default ("required"), accepted values and doc of each option, for the reference docs."""
        return [
            (o.name, "required" if o.name in self.required else o.show_default(), o.describe(), o.doc)
            for o in self.schema
        ]


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
    values, ok = check_block(document, block, problems)
    return values if ok else None


def check_block(document: YamlDocument, block: DataBlock, problems: ProblemList) -> tuple[dict[str, Any], bool]:
    """The block's values (defaults filled in, a refused one left at its default) and whether all passed.

    A block with the key ``""`` is the whole document.
    """
    data = document.data if isinstance(document.data, dict) else {}
    raw = data.get(block.key) if block.key else document.data
    line = document.line(block.key) if block.key else 1
    if raw is None:
        return block.defaults(), not block.required
    if not isinstance(raw, dict):
        whole = f"Kolom `{block.key}`" if block.key else "Isi berkas"
        problems.add(document.path, f"{whole} harus berisi {block.shape}.", line=line)
        return block.defaults(), False
    lines = nested_lines(document, block.key) if block.key else document.key_lines
    prefix = f"{block.key}." if block.key else ""
    failed = False
    for key in raw:
        if str(key) not in block.names:
            hint = did_you_mean(str(key), block.names) or f"Kolom yang dikenal: {', '.join(block.names)}."
            where = lines.get(str(key), line)
            name = prefix + str(key)
            message = f"Kolom `{name}` tidak dikenal."
            if block.place:
                message = f"Kolom `{name}` tidak dikenal di {block.place}."
            problems.add(document.path, message, hint, line=where)
            failed = True
    values = block.defaults()
    for option in block.schema:
        written = raw.get(option.name)
        blank = written is None or (isinstance(written, str) and not written.strip())
        if option.name in block.required and blank:
            where = lines.get(option.name, line)
            name = prefix + option.name
            problems.add(document.path, f"Kolom `{name}` wajib diisi.", line=where)
            failed = True
        elif option.name in raw and not (written is None and block.null_is_default):
            try:
                values[option.name] = option.check(written, f"Kolom `{prefix}{option.name}`", yaml_literal)
            except Invalid as invalid:
                hint = invalid.hint
                if block.null_is_default and option.default is None:  # "the default null" means nothing to a writer
                    hint = hint.replace(Option.hint(option, None, yaml_literal), "Atau hapus barisnya.").strip()
                problems.add(document.path, invalid.message, hint, line=lines.get(option.name, line))
                failed = True
    return values, not failed
