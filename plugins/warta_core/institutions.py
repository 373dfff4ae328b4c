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
from functools import partial
from typing import Any

from .config_options import Literal, Option
from .data_entries import DataEntries, Entry, Nested, Text, Words, read_entries
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


@dataclass(frozen=True)
class QuotedCode(Option):
    """A region code written as text: unquoted, YAML reads ``18.09`` as a number and ``18.10`` as 18.1."""

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return isinstance(value, str) and value.strip() != ""

    def expected(self, literal: Literal = repr) -> str:  # noqa: D102
        return 'kode wilayah di dalam tanda kutip, misalnya "18.09"'

    def accepts_doc(self) -> str:  # noqa: D102
        return 'region code, quoted: `"18.09"`'

    def convert(self, value: Any) -> Any:  # noqa: D102
        return value.strip()


INSTITUTION_ENTRIES = DataEntries(
    INSTITUTIONS_FILE,
    "instansi",
    "instansi",
    "nama",
    (
        Text("nama", None, "The office's real title, never an official's name.", max_length=NAME_LENGTH),
        Words("alias", (), "Short names writers use (`Dinas PUPR`).", example="[Dinas PUPR, DPUPR]"),
    ),
    required=("nama",),
    named=False,  # messages name an institution by its place; the office title is long
    hints={
        "nama": "Tulis nama resmi kantornya, misalnya `Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten "
        "Pesawaran`, bukan nama pejabatnya."
    },
)
# `instansi.yml`: one block per region, each listing its institutions (the entries above).
INSTITUTIONS_LIST = DataEntries(
    INSTITUTIONS_FILE,
    "blok",
    "blok wilayah",
    "wilayah",
    (
        QuotedCode("wilayah", None, "A kabupaten/kota code of `wilayah.csv` (or a provinsi code, for its offices)."),
        Nested("instansi", (), "The institutions of that region.", entries=INSTITUTION_ENTRIES),
    ),
    required=("wilayah", "instansi"),
    hints={"wilayah": "Tanpa tanda kutip YAML membacanya sebagai angka."},
)


def _region(entry: Entry, registry: Registry, path: str, problems: ProblemList) -> bool:
    """Whether the block's code is a provinsi or kabupaten/kota of the network (else reported)."""
    region = registry.get(entry.id) if entry.id else None
    if entry.id and (region is None or region.level not in (PROVINSI, KABUPATEN)):
        problems.add(
            path,
            f'{entry.label}: kode wilayah "{entry.id}" bukan provinsi atau kabupaten/kota di '
            "content/_data/wilayah.csv.",
            "Pakai kode kabupaten/kota seperti `18.09`, atau kode provinsi seperti `18`.",
            line=entry.line_of("wilayah"),
        )
        return False
    return True


def _institutions(block: Entry, registry: Registry, path: str, problems: ProblemList) -> list[Institution]:
    """The block's institutions; one whose name or alias another of the region has is reported and left out."""
    region = registry.get(block.id)
    label = region.label if region is not None else block.id
    found: list[Institution] = []
    seen: set[str] = set()
    for entry in block.values["instansi"]:
        name = " ".join(entry.id.split())
        aliases = tuple(slugify(alias) for alias in entry.values["alias"] if slugify(alias))
        institution = Institution(name, block.id, aliases)
        clash = next((name for name in (institution.slug, *aliases) if name in seen), None)
        if clash is not None:
            problems.add(
                path,
                f'{entry.where}: nama atau alias "{clash}" sudah dipakai instansi lain di {label}.',
                "Setiap nama dan alias hanya boleh menunjuk satu instansi.",
                line=entry.line,
            )
            continue
        seen.update((institution.slug, *aliases))
        found.append(institution)
    return found


def load_institutions(path: str, registry: Registry, problems: ProblemList) -> InstitutionList:
    """Read the institution list (:data:`INSTITUTIONS_LIST`); report each bad block or entry with its line."""
    if not os.path.exists(path):
        return InstitutionList(present=False)
    document = load_yaml(path, problems)
    if document is None:
        return InstitutionList()
    known = partial(_region, registry=registry, path=path, problems=problems)
    blocks = read_entries(INSTITUTIONS_LIST, path, document.data, document.node, problems, rule=known)
    by_region = {block.id: tuple(_institutions(block, registry, path, problems)) for block in blocks}
    return InstitutionList({code: found for code, found in by_region.items() if found})
