"""The controlled list of institutions an aspiration may be addressed to (``content/_data/instansi.yml``).

Rules, stated where they live:

- The file is a list of blocks, one per region: ``wilayah`` is the code of a
  kabupaten/kota (or of a provinsi, for its offices that serve every
  kabupaten/kota in it) from ``wilayah.csv``, written in quotes so YAML does
  not read ``"18.09"`` as a number; ``instansi`` lists its institutions.
- An institution has ``nama``, its real office title ("Dinas Pekerjaan Umum
  dan Penataan Ruang Kabupaten Pesawaran"), and optionally ``alias``, a list
  of the short names writers use ("Dinas PUPR"). The name, its slug and every
  alias identify it within its region; two institutions of one region may not
  share a name or an alias.
- An aspiration (``warta_core.aspirations``) names its institution in
  ``Aspirasi-Kepada``; only the institutions of the kabupaten/kota (and
  provinsi) of its desa or its KIM are accepted.
- The file is optional: a network without it cannot publish aspirations, and
  the check says so on the first one. Every problem names the file and line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from yaml.nodes import MappingNode, Node, SequenceNode

from .problems import ProblemList
from .regions import KABUPATEN, PROVINSI, Registry
from .text import slugify, suggestion
from .yamlfile import load_yaml

INSTITUTIONS_FILE = "instansi.yml"
NAME_LENGTH = 200


@dataclass(frozen=True)
class Institution:
    """One office an aspiration may be addressed to."""

    name: str
    region_code: str  # the kabupaten/kota (or provinsi) whose block lists it
    aliases: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        """The name as a slug (what a writer's spelling is compared with)."""
        return slugify(self.name)


@dataclass(frozen=True)
class InstitutionList:
    """Institutions per region code, in file order."""

    by_region: dict[str, tuple[Institution, ...]] = field(default_factory=dict)
    present: bool = True  # False when the network has no instansi.yml

    def serving(self, codes: list[str]) -> list[Institution]:
        """The institutions of the regions ``codes`` (kabupaten/kota and provinsi codes), without repeats."""
        found: dict[str, Institution] = {}
        for code in codes:
            for institution in self.by_region.get(code, ()):
                found.setdefault(institution.name, institution)
        return list(found.values())

    def find(self, written: str, codes: list[str]) -> Institution | None:
        """The institution of ``codes`` named by its name or an alias (any case, spaces or hyphens)."""
        key = slugify(written)
        for institution in self.serving(codes):
            if key == institution.slug or key in institution.aliases:
                return institution
        return None

    def closest(self, written: str, codes: list[str]) -> str | None:
        """The name a misspelt institution was probably meant to be, by spelling or by a word of its name."""
        names = {
            name: institution.name
            for institution in self.serving(codes)
            for name in (institution.slug, *institution.aliases)
        }
        return suggestion(written, names)


def _line(node: Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _value_node(mapping: Node | None, key: str) -> Node | None:
    if isinstance(mapping, MappingNode):
        for name, value in mapping.value:
            if name.value == key:
                return value
    return None


def _items(node: Node | None) -> list[Node | None]:
    return list(node.value) if isinstance(node, SequenceNode) else []


def _institution(entry: object, node: Node | None, code: str, path: str, problems: ProblemList) -> Institution | None:
    line = _line(node)
    if not isinstance(entry, dict) or not str(entry.get("nama") or "").strip():
        problems.add(
            path,
            "Setiap instansi harus punya kolom `nama` berisi nama resmi kantornya.",
            "Contoh: `- nama: Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Pesawaran`.",
            line=line,
        )
        return None
    unknown = sorted(str(key) for key in entry if key not in ("nama", "alias"))
    if unknown:
        problems.add(
            path, f"Kolom instansi `{unknown[0]}` tidak dikenal.", "Kolom yang dikenal: nama, alias.", line=line
        )
        return None
    name = " ".join(str(entry["nama"]).split())
    if len(name) > NAME_LENGTH:
        problems.add(path, f"Nama instansi terlalu panjang ({len(name)} huruf; batasnya {NAME_LENGTH}).", line=line)
        return None
    aliases = entry.get("alias") or []
    if not isinstance(aliases, list):
        problems.add(
            path,
            f'Kolom `alias` instansi "{name}" harus berupa daftar.',
            "Contoh: `alias: [Dinas PUPR, DPUPR]`.",
            line=_line(_value_node(node, "alias")) or line,
        )
        return None
    return Institution(name, code, tuple(slugify(str(alias)) for alias in aliases if slugify(str(alias))))


def _block(entry: object, node: Node | None, registry: Registry, path: str, problems: ProblemList) -> list[Institution]:
    line = _line(node)
    if not isinstance(entry, dict):
        problems.add(path, "Setiap blok harus berisi kolom `wilayah` dan `instansi`.", line=line)
        return []
    code = entry.get("wilayah")
    region = registry.get(code) if isinstance(code, str) else None
    if not isinstance(code, str):
        problems.add(
            path,
            f'Kode wilayah "{code}" harus ditulis di dalam tanda kutip.',
            'Tulis seperti `wilayah: "18.09"`; tanpa tanda kutip YAML membacanya sebagai angka.',
            line=_line(_value_node(node, "wilayah")) or line,
        )
        return []
    if region is None or region.level not in (PROVINSI, KABUPATEN):
        problems.add(
            path,
            f'Kode wilayah "{code}" bukan provinsi atau kabupaten/kota di content/_data/wilayah.csv.',
            "Pakai kode kabupaten/kota seperti `18.09`, atau kode provinsi seperti `18`.",
            line=_line(_value_node(node, "wilayah")) or line,
        )
        return []
    written = entry.get("instansi")
    listed = _value_node(node, "instansi")
    if not isinstance(written, list) or not written:
        problems.add(path, f"Blok wilayah {region.label} belum berisi daftar `instansi`.", line=line)
        return []
    found: list[Institution] = []
    seen: set[str] = set()
    nodes = _items(listed) or [None] * len(written)
    for item, item_node in zip(written, nodes, strict=False):
        institution = _institution(item, item_node, code, path, problems)
        if institution is None:
            continue
        clash = next((name for name in (institution.slug, *institution.aliases) if name in seen), None)
        if clash is not None:
            problems.add(
                path,
                f'Nama atau alias "{clash}" dipakai lebih dari satu instansi di {region.label}.',
                "Setiap nama dan alias hanya boleh menunjuk satu instansi.",
                line=_line(item_node),
            )
            continue
        seen.update((institution.slug, *institution.aliases))
        found.append(institution)
    return found


def load_institutions(path: str, registry: Registry, problems: ProblemList) -> InstitutionList:
    """Read the institution list; report each bad block or entry with its line."""
    if not os.path.exists(path):
        return InstitutionList(present=False)
    document = load_yaml(path, problems)
    if document is None:
        return InstitutionList()
    if not isinstance(document.data, list):
        problems.add(path, "Isi berkas harus berupa daftar blok wilayah (setiap blok diawali `- wilayah:`).", line=1)
        return InstitutionList()
    by_region: dict[str, list[Institution]] = {}
    nodes = _items(document.node) or [None] * len(document.data)
    for entry, node in zip(document.data, nodes, strict=False):
        for institution in _block(entry, node, registry, path, problems):
            by_region.setdefault(institution.region_code, []).append(institution)
    return InstitutionList({code: tuple(found) for code, found in by_region.items()})
