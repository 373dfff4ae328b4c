"""The one YAML loader of the network: every file a writer or admin writes in YAML passes here.

Front matter, ``kim.yml``, ``jaringan.yml``, ``topik.yml``, ``mitra.yml`` and
the ownership check's reads all use :func:`parse_yaml`, which never raises
anything but :class:`YamlProblem` (an Indonesian message with the line), and
refuses what a hostile or careless writer can do with YAML:

- anchors and aliases (``&a`` / ``*a``): an alias bomb expands to gigabytes,
  and no network file needs them. The first anchor or alias stops parsing, so
  a bomb is refused in microseconds;
- a mapping key written twice, at any depth (YAML would keep the last value
  without a word), naming both lines;
- dates that are not on the calendar (``2024-02-30``), which PyYAML turns into
  a ``ValueError``; in front matter they stay text, so the article check
  reports them like any unreadable date;
- tags other than the core ones (``!!python/...``, ``!foo``, ``!!binary``);
- documents over a size bound, and nesting deeper than :data:`MAX_DEPTH`.

Speed: events come from libyaml's C parser; only the composer (where the
checks live) is PyYAML's Python one. libyaml's own composer cannot be used:
it recurses in C and crashes the interpreter on a deeply nested document.
"""

from __future__ import annotations

import os
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import AliasEvent, ScalarEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode
from yaml.resolver import Resolver

from .problems import ProblemList

try:
    from yaml._yaml import CParser as _EventParser  # libyaml: events ~10x faster than PyYAML's parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _EventParser(Reader, Scanner, _PyParser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _PyParser.__init__(self)


MAX_DATA_BYTES = 256 * 1024  # a network data file (the largest real one, wilayah aside, is a few KiB)
MAX_FRONT_MATTER_BYTES = 64 * 1024  # the YAML header of one article
MAX_DEPTH = 20  # nested lists/mappings; network files need three or four
_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(_CORE + name for name in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map"))
SYNTAX_HINT = "Periksa titik dua, tanda kutip, dan indentasi (pakai spasi, bukan tab) di baris ini."


class YamlProblem(Exception):
    """Why a YAML text was refused: Indonesian message and hint, and the line in the file."""

    def __init__(self, line: int | None, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint

    @property
    def reason(self) -> str:
        """The message as a clause, for "Bagian kepala berita (YAML) rusak: <reason>."."""
        text = self.message.rstrip(".")
        return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


@dataclass
class YamlDocument:
    """A parsed YAML file plus the line of each top-level mapping key."""

    path: str
    data: Any
    key_lines: dict[str, int] = field(default_factory=dict)
    node: Node | None = None  # the composed tree, for line numbers below the top level
    text: str = ""  # the file as read, for checks of the whole text (warta_core.personal_numbers)

    def line(self, key: str) -> int | None:
        """Line of a top-level key, for error messages."""
        return self.key_lines.get(key)


def _written_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


class _StrictLoader(Composer, _EventParser, SafeConstructor, Resolver):
    """libyaml events, a composer that refuses anchors, deep nesting and foreign tags, strict constructors."""

    def __init__(self, text: str, first_line: int, keep_bad_dates: bool) -> None:
        _EventParser.__init__(self, text)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self.first_line, self.keep_bad_dates, self.depth = first_line, keep_bad_dates, 0

    def line_of(self, mark: yaml.Mark | None) -> int | None:
        """File line (1-based) of a mark in the parsed text."""
        return mark.line + self.first_line if mark is not None else None

    def compose_node(self, parent: Node | None, index: object) -> Node:
        event = self.peek_event()
        if event.anchor is not None:
            written = ("*" if isinstance(event, AliasEvent) else "&") + event.anchor
            raise YamlProblem(
                self.line_of(event.start_mark),
                f"Jangkar atau alias YAML (`{written}`) tidak diizinkan.",
                "Tulis nilainya langsung di setiap tempat yang memerlukannya, tanpa `&nama` dan `*nama`.",
            )
        tag = event.tag
        if tag is not None and tag != "!" and tag not in ALLOWED_TAGS:
            raise YamlProblem(
                self.line_of(event.start_mark),
                f"Tag YAML `{_written_tag(tag)}` tidak didukung.",
                "Hapus tanda yang diawali `!` di depan nilai, lalu tulis nilainya saja.",
            )
        if event.__class__ is ScalarEvent:  # Composer.compose_scalar_node inlined: most nodes are scalars
            self.get_event()
            if tag is None or tag == "!":
                tag = self.resolve(ScalarNode, event.value, event.implicit)
            return ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise YamlProblem(
                self.line_of(event.start_mark),
                f"Susunan YAML terlalu dalam (lebih dari {MAX_DEPTH} tingkat).",
                "Kurangi daftar dan kolom yang bersarang; berkas jaringan cukup beberapa tingkat.",
            )
        if isinstance(event, SequenceStartEvent):
            node = self.compose_sequence_node(None)
        else:
            node = self.compose_mapping_node(None)
        self.depth -= 1
        return node

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Any, Any]:
        """A mapping whose keys are all different, once constructed (``1`` and ``01`` are the same key)."""
        if not isinstance(node, MappingNode):
            return super().construct_mapping(node, deep=deep)
        self.flatten_mapping(node)
        mapping: dict[Any, Any] = {}
        lines: dict[Any, int | None] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, Hashable):
                raise ConstructorError(
                    "while constructing a mapping", node.start_mark, "found unhashable key", key_node.start_mark
                )
            line = self.line_of(key_node.start_mark)
            if key in lines:
                name = key_node.value if isinstance(key_node, ScalarNode) else key
                raise YamlProblem(
                    line,
                    f"Kolom `{name}` ditulis dua kali (baris {lines[key]} dan {line}).",
                    "Hapus salah satunya; YAML hanya memakai yang terakhir, jadi nilai yang lain hilang diam-diam.",
                )
            lines[key] = line
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        """A date or time; an impossible one (30 February) is refused, or kept as written in front matter."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            if self.keep_bad_dates:
                return node.value
            raise YamlProblem(
                self.line_of(node.start_mark),
                f'Tanggal "{node.value}" tidak ada di kalender.',
                "Periksa bulan dan harinya (format TTTT-BB-HH, misalnya 2019-03-12). "
                "Bila nilai ini memang bukan tanggal, tulis di antara tanda kutip.",
            ) from None

    def construct_yaml_int(self, node: ScalarNode) -> int:
        """An integer; Python refuses to convert more than a few thousand digits."""
        try:
            return super().construct_yaml_int(node)
        except ValueError:
            raise YamlProblem(
                self.line_of(node.start_mark),
                f"Format YAML rusak (bilangan terlalu panjang: {len(node.value)} angka).",
                "Tulis nilai ini di antara tanda kutip bila memang bukan bilangan.",
            ) from None


_StrictLoader.add_constructor(_CORE + "timestamp", _StrictLoader.construct_yaml_timestamp)
_StrictLoader.add_constructor(_CORE + "int", _StrictLoader.construct_yaml_int)
# Plain scalars PyYAML resolves to tags SafeConstructor cannot build ("=" alone): they are text.
_StrictLoader.add_constructor(_CORE + "value", SafeConstructor.construct_yaml_str)
_StrictLoader.add_constructor(_CORE + "yaml", SafeConstructor.construct_yaml_str)


def _error_mark(error: yaml.MarkedYAMLError) -> yaml.Mark | None:
    """Where to point the writer: the opening of an unclosed value, else the problem."""
    if error.context_mark is not None and "end of stream" in (error.problem or ""):
        return error.context_mark
    return error.problem_mark or error.context_mark


def _character(character: object) -> str:
    return f"#x{character:04x}" if isinstance(character, int) else repr(character)


def too_large(size: int, limit: int) -> YamlProblem:
    """The refusal of a document of ``size`` bytes over ``limit``."""
    return YamlProblem(
        1,
        f"YAML terlalu besar ({-(-size // 1024)} KiB; paling besar {limit // 1024} KiB).",
        "Isinya jauh melebihi yang diperlukan; periksa apakah ada bagian yang tersalin berulang-ulang.",
    )


def parse_yaml(
    text: str, *, max_bytes: int = MAX_DATA_BYTES, first_line: int = 1, keep_bad_dates: bool = False
) -> tuple[Node | None, Any]:
    """Parse one YAML document into its node tree and data; raise only :class:`YamlProblem`.

    ``first_line`` is the file line the text starts on (front matter starts on
    line 2), so every line in a problem is a line of the file.
    """
    if len(text) * 4 > max_bytes and len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise too_large(len(text.encode("utf-8", "surrogatepass")), max_bytes)
    loader = _StrictLoader(text, first_line, keep_bad_dates)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        raise YamlProblem(
            loader.line_of(_error_mark(error)),
            f"Format YAML rusak ({error.problem or 'susunan tidak sah'}).",
            SYNTAX_HINT,
        ) from None
    except yaml.reader.ReaderError as error:
        raise YamlProblem(
            text.count("\n", 0, error.position) + first_line,
            f"Format YAML rusak (karakter kendali {_character(error.character)} tidak diizinkan).",
            "Hapus karakter tak terlihat itu; biasanya ikut tersalin dari pengolah kata atau pesan singkat.",
        ) from None
    except (yaml.YAMLError, RecursionError) as error:
        raise YamlProblem(None, f"Format YAML rusak ({error}).", SYNTAX_HINT) from None
    finally:
        loader.dispose()
    return node, data


def top_level_lines(node: Node | None, first_line: int = 1) -> dict[str, int]:
    """File line of each top-level key of a mapping document."""
    if not isinstance(node, MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + first_line for key, _value in node.value}


def load_yaml_text(
    path: str, text: str, problems: ProblemList, *, max_bytes: int = MAX_DATA_BYTES
) -> YamlDocument | None:
    """Parse ``text`` (the contents of ``path``); on failure record a problem and return None."""
    try:
        node, data = parse_yaml(text, max_bytes=max_bytes)
    except YamlProblem as problem:
        problems.add(path, problem.message, problem.hint, line=problem.line)
        return None
    return YamlDocument(path=path, data=data, key_lines=top_level_lines(node), node=node, text=text)


def load_yaml(
    path: str, problems: ProblemList, *, missing_hint: str = "", max_bytes: int = MAX_DATA_BYTES
) -> YamlDocument | None:
    """Read and parse the YAML file ``path``; on failure record a problem and return None."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
            size = os.fstat(handle.fileno()).st_size
    except FileNotFoundError:
        problems.add(path, "Berkas tidak ditemukan.", missing_hint)
        return None
    except OSError as error:
        problems.add(path, f"Berkas tidak bisa dibaca ({error.strerror}).")
        return None
    if len(raw) > max_bytes:
        problem = too_large(max(size, len(raw)), max_bytes)
        problems.add(path, problem.message, problem.hint)
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.add(path, "Berkas bukan teks UTF-8 yang sah.", "Simpan ulang berkas sebagai UTF-8.", line=line)
        return None
    return load_yaml_text(path, text, problems, max_bytes=max_bytes)
