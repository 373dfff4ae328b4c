"""Data files that are lists of entries (``topik.yml``, ``penilaian.yml``, ``mitra.yml``, …), declared once.

The list counterpart of :mod:`.data_options`: a :class:`DataEntries` names
the entry (``topik``), its id key (``slug``, unique in the list) and a schema
of :mod:`.config_options` options (plus the data-file ones here: :class:`Slug`,
:class:`Text`, :class:`Words`, :class:`Nested`). :func:`read_entries` checks
every entry at once and names each problem by file, line of the key and entry
(``Topik ke-2 ("kesehatan"): kolom `alias` …``), with a "did you mean" for an
unknown key; rules between keys or entries stay in the file's own module, run
on the :class:`Entry` objects it returns. The declaration also writes the
file's table in docs/reference/data-files.md (``rows``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from .config_options import Invalid, Literal, Option, Str, yaml_literal
from .problems import ProblemList
from .text import SLUG, did_you_mean

MAX_ENTRIES = 1000  # entries of one list; the 256 KiB file bound allows more, no network needs as many
SHOWN_LENGTH = 60  # characters of a refused value a message repeats: a whole pasted page would bury the message


def data_literal(value: Any) -> str:
    """A refused value as YAML writes it (``true``, ``"teks"``, ``[a, b]``), cut to :data:`SHOWN_LENGTH`."""
    if isinstance(value, list | dict):
        text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=2**31).strip()
    else:
        text = yaml_literal(value)
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


def and_list(items: list[str]) -> str:
    """``a, b, dan c`` (``a dan b``)."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])}{',' * (len(items) > 2)} dan {items[-1]}"


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


@dataclass(frozen=True)
class Slug(Str):
    """An entry's id: lower-case letters, digits and hyphens (``cek-fakta``); a number is read as text."""

    example: str = field(default="cek-fakta", kw_only=True)

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return _scalar(value) and SLUG.match(str(value).strip()) is not None

    def accepts_doc(self) -> str:  # noqa: D102
        return "slug: lower-case letters, digits, hyphens"

    def convert(self, value: Any) -> Any:  # noqa: D102
        return str(value).strip()

    def check(self, value: Any, key: str = "", literal: Literal = repr) -> Any:
        """The slug, or :class:`Invalid` in the words every list has always used ("… tidak sah.")."""
        if not self.accepts(value):
            shown = str(value) if len(str(value)) <= SHOWN_LENGTH else str(value)[: SHOWN_LENGTH - 1] + "…"
            raise Invalid(
                f'{key} "{shown}" tidak sah.',
                f"Gunakan huruf kecil, angka, dan tanda hubung, misalnya `{self.example}`.",
            )
        return self.convert(value)


@dataclass(frozen=True)
class Text(Str):
    """One line of text; a number written without quotes is read as text. ``max_length`` in characters."""

    max_length: int | None = field(default=None, kw_only=True)

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return _scalar(value)

    def accepts_doc(self) -> str:  # noqa: D102
        return "text" + (f", ≤ {self.max_length} characters" if self.max_length else "")

    def convert(self, value: Any) -> Any:  # noqa: D102
        return str(value).strip()

    def check(self, value: Any, key: str = "", literal: Literal = repr) -> Any:
        """The text, stripped; too long is its own message (the length, not the whole value, is shown)."""
        text = super().check(value, key, literal)
        if self.max_length is not None and isinstance(text, str) and len(" ".join(text.split())) > self.max_length:
            length = len(" ".join(text.split()))
            raise Invalid(f"{key} terlalu panjang ({length} huruf; batasnya {self.max_length}).")
        return text


@dataclass(frozen=True)
class Words(Option):
    """A list of words or codes (``[bencana, banjir]``); with ``comma`` also one comma-separated line."""

    what: str = field(default="", kw_only=True)  # what the items are, in Indonesian ("kode wilayah")
    example: str = field(default="[satu, dua]", kw_only=True)
    comma: bool = field(default=False, kw_only=True)

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return (self.comma and isinstance(value, str)) or (
            isinstance(value, list) and all(_scalar(item) for item in value)
        )

    def expected(self, literal: Literal = repr) -> str:  # noqa: D102
        return f"berupa daftar {self.what}".rstrip() + f", misalnya {self.example}"

    def accepts_doc(self) -> str:  # noqa: D102
        return "list" + (" or one comma-separated line" if self.comma else "") + f", e.g. `{self.example}`"

    def show_default(self) -> str:  # noqa: D102
        return "`[]`"

    def hint(self, value: Any, literal: Literal = repr) -> str:  # noqa: D102
        return f"Tulis di antara kurung siku, misalnya {self.example}, atau hapus barisnya."

    def convert(self, value: Any) -> Any:  # noqa: D102
        items = value.split(",") if isinstance(value, str) else value
        return tuple(str(item).strip() for item in items if str(item).strip())


@dataclass(frozen=True)
class Entry:
    """One valid entry: its number in the list, lines, and values (defaults filled in) by option name."""

    number: int
    id: str  # the value of the list's id key
    where: str  # how messages name it: `Topik ke-2 ("kesehatan")`
    label: str  # the same without the id: `Topik ke-2`
    line: int | None
    key_lines: dict[str, int]
    values: dict[str, Any]
    written: dict[str, str]  # option name -> the key as written (a synonym, for mitra.yml's English keys)

    def line_of(self, name: str) -> int | None:
        """Line of the option ``name`` as written, else of the entry."""
        return self.key_lines.get(self.written.get(name, name), self.line)


@dataclass(frozen=True)
class DataEntries:
    """A data file (or a key of one) that is a list of entries, each a mapping checked against ``schema``.

    ``id_key`` names an entry in messages and is unique in the list; ``required`` keys must be written and not
    empty; ``synonyms`` are other spellings of a key (``name`` for ``nama``); ``hints`` say, per key, how to
    fix a refused value. The same declaration writes the table of docs/reference/data-files.md (``rows``).
    """

    name: str  # the file, for the docs: "topik.yml"
    noun: str  # one entry, in Indonesian: "topik" (messages say "Topik ke-2")
    plural: str  # the list, after "daftar": "topik"
    id_key: str
    schema: tuple[Option, ...]
    required: tuple[str, ...] = ()
    synonyms: dict[str, str] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)
    max_entries: int = MAX_ENTRIES
    empty_ok: bool = False  # an empty file is an empty list (else it is refused like any non-list)
    named: bool = True  # messages name an entry by its id too (not when the id is a long name)

    @property
    def shape(self) -> str:
        """What the list is, in Indonesian, after "harus berupa"."""
        return f"daftar {self.plural} (setiap {self.noun} diawali `- {self.id_key}:`)"

    @property
    def names(self) -> list[str]:
        """Every key an entry may have, synonyms last."""
        return [option.name for option in self.schema] + list(self.synonyms)

    def rows(self) -> list[tuple[str, str, str, str]]:
        """Key, default ("required"), accepted values and doc of each option, for the reference docs."""
        rows = []
        for option in self.schema:
            names = [option.name] + [old for old, new in self.synonyms.items() if new == option.name]
            default = "required" if option.name in self.required else option.show_default()
            rows.append(("` / `".join(names), default, option.describe(), option.doc))  # the table adds the outer `
        return rows


def _lines(node: Node | None) -> tuple[int | None, dict[str, int], dict[str, Node]]:
    """Line of an entry, and of each of its keys, and each key's value node."""
    if node is None:
        return None, {}, {}
    if not isinstance(node, MappingNode):
        return node.start_mark.line + 1, {}, {}
    keys = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    return node.start_mark.line + 1, keys, {str(key.value): value for key, value in node.value}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


class _EntryReader:
    """Checks the entries of one list against its :class:`DataEntries`, adding every problem to ``problems``."""

    def __init__(self, spec: DataEntries, path: str, problems: ProblemList, context: str) -> None:
        self.spec, self.path, self.problems, self.context = spec, path, problems, context
        self.options = {option.name: option for option in spec.schema}

    def read(self, number: int, data: Any, node: Node | None) -> tuple[Entry, bool] | None:
        """Entry ``number`` of the list and whether all of it is valid; None when it is not a mapping.

        An entry with problems keeps the values that passed, so the file's own rules can still check them
        (every problem of the file is reported in one run).
        """
        spec = self.spec
        where = label = f"{spec.noun[0].upper()}{spec.noun[1:]} ke-{number}{self.context}"
        line, key_lines, value_nodes = _lines(node)
        if not isinstance(data, dict):
            keys = and_list([f"`{name}`" for name in spec.required or spec.names])
            self.add(f"{where} harus berisi kolom {keys}.", f"Setiap {spec.noun} diawali `- {spec.id_key}:`.", line)
            return None
        entry_id = self._id(data.get(spec.id_key), f"{where}: kolom `{spec.id_key}`", key_lines.get(spec.id_key, line))
        where += f' ("{entry_id}")' if entry_id is not None and spec.named else ""
        written, keys_ok = self._keys(data, where, key_lines, line)
        inside = f' di {spec.noun} "{entry_id}"' if entry_id is not None else f" di {label[0].lower()}{label[1:]}"
        values, values_ok = self._values(data, where, inside, written, key_lines, value_nodes, line)
        entry = Entry(number, entry_id or "", where, label, line, key_lines, values, written)
        return entry, entry_id is not None and keys_ok and values_ok

    def _keys(self, data: dict, where: str, key_lines: dict[str, int], line: int | None) -> tuple[dict[str, str], bool]:
        """Option name -> key as written; None when a key is unknown or two keys mean the same option."""
        written: dict[str, str] = {}
        ok = True
        for key in map(str, data):
            name = self.spec.synonyms.get(key, key)
            if name not in self.options:
                hint = did_you_mean(key, self.spec.names) or f"Kolom yang dikenal: {', '.join(self.spec.names)}."
                self.add(f"{where}: kolom `{key}` tidak dikenal.", hint, key_lines.get(key, line))
                ok = False
            elif name in written:
                message = f"{where}: kolom `{key}` sama artinya dengan `{written[name]}`; pakai salah satu."
                self.add(message, "", key_lines.get(key, line))
                ok = False
            else:
                written[name] = key
        return written, ok

    def _values(
        self,
        data: dict,
        where: str,
        inside: str,
        written: dict[str, str],
        key_lines: dict[str, int],
        value_nodes: dict[str, Node],
        line: int | None,
    ) -> tuple[dict[str, Any], bool]:
        """Each option's value (checked, defaults filled in; a refused one left out), and whether all passed."""
        values: dict[str, Any] = {}
        ok = True
        for option in self.spec.schema:
            key = written.get(option.name, option.name)
            value, key_line = data.get(key), key_lines.get(key, line)
            if option.name == self.spec.id_key:
                continue  # read first, to name the entry
            if _blank(value) and option.name in self.spec.required:
                self.add(f"{where}: kolom `{key}` wajib diisi.", self.spec.hints.get(option.name, ""), key_line)
                ok = False
            elif isinstance(option, Nested):
                nested = option.entries
                if isinstance(value, list):
                    values[option.name] = read_entries(
                        nested, self.path, value, value_nodes.get(key), self.problems, inside
                    )
                elif value is not None:
                    shown = data_literal(value)
                    self.add(
                        f"{where}: kolom `{key}` harus berupa {nested.shape}, tetapi berisi {shown}.", "", key_line
                    )
                    ok = False
            elif value is None:
                values[option.name] = option.default
            else:
                try:
                    values[option.name] = option.check(value, f"{where}: kolom `{key}`", data_literal)
                except Invalid as invalid:
                    self.add(invalid.message, self._hint(option, invalid.hint), key_line)
                    ok = False
        return values, ok

    def _id(self, value: Any, key: str, line: int | None) -> str | None:
        """The entry's id, or None (a problem added: missing or refused by its option)."""
        if _blank(value):
            self.add(f"{key} wajib diisi.", self.spec.hints.get(self.spec.id_key, ""), line)
            return None
        try:
            return self.options[self.spec.id_key].check(value, key, data_literal)
        except Invalid as invalid:
            self.add(invalid.message, self._hint(self.options[self.spec.id_key], invalid.hint), line)
            return None

    def _hint(self, option: Option, hint: str) -> str:
        """The option's hint, then the file's; "delete the line for the default" only when there is a default."""
        if option.name in self.spec.required or option.name == self.spec.id_key or option.default is None:
            hint = hint.replace(Option.hint(option, None, data_literal), "").strip()
        return " ".join(part for part in (hint, self.spec.hints.get(option.name, "")) if part)

    def add(self, message: str, hint: str, line: int | None) -> None:
        """Record one problem of this file."""
        self.problems.add(self.path, message, hint, line=line)


@dataclass(frozen=True)
class Nested(Option):
    """A key whose value is itself a list of entries (``instansi`` of a block of instansi.yml)."""

    entries: DataEntries = field(default=None, kw_only=True)  # type: ignore[assignment]  # always given

    def accepts_doc(self) -> str:  # noqa: D102
        return f"list of {self.entries.noun} entries (below)"

    def show_default(self) -> str:  # noqa: D102
        return "`[]`"


def read_entries(
    spec: DataEntries,
    path: str,
    data: Any,
    node: Node | None,
    problems: ProblemList,
    context: str = "",
    rule: Callable[[Entry], bool] | None = None,
) -> list[Entry]:
    """The valid entries of the list ``data`` (composed from ``node``), in file order.

    Every problem is added to ``problems`` naming the file, the line of the key (or of the entry) and the
    entry (`Topik ke-2 ("kesehatan")`). ``rule`` is the file's own check between keys or against other data;
    it sees every entry that is a mapping, with the values that passed (so a wrong feed address does not hide
    an unknown region), and returns False when it added a problem. An entry with a problem, or whose id an
    earlier entry has, is left out.
    """
    line = node.start_mark.line + 1 if node is not None else 1
    if data is None and spec.empty_ok:
        return []
    if not isinstance(data, list):
        problems.add(path, f"Isi berkas harus berupa {spec.shape}.", line=line)
        return []
    if len(data) > spec.max_entries:
        problems.add(
            path,
            f"Daftar {spec.plural + context} terlalu panjang ({len(data)}; paling banyak {spec.max_entries}).",
            "Periksa apakah ada bagian yang tersalin berulang-ulang.",
            line=line,
        )
        return []
    items = list(node.value) if isinstance(node, SequenceNode) else [None] * len(data)
    reader = _EntryReader(spec, path, problems, context)
    found: list[Entry] = []
    first: dict[str, int] = {}
    for number, (item, item_node) in enumerate(zip(data, items, strict=False), start=1):
        read = reader.read(number, item, item_node)
        if read is None:
            continue
        entry, ok = read
        ok = (rule(entry) if rule is not None else True) and ok
        if entry.id and entry.id in first:
            earlier = f"{spec.noun} ke-{first[entry.id]}{context}"
            reader.add(
                f'{entry.label}: {spec.id_key} "{entry.id}" sudah dipakai {earlier}.',
                f"Setiap {spec.noun} perlu {spec.id_key} sendiri.",
                entry.line_of(spec.id_key),
            )
            continue
        if entry.id:
            first[entry.id] = number
        if ok:
            found.append(entry)
    return found
