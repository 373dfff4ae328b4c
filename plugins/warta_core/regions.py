"""The wilayah registry: provinsi › kabupaten/kota › kecamatan › desa/kelurahan.

Regions are keyed by their official Kemendagri code. The level is the number
of dot-separated parts (``18`` provinsi, ``18.09`` kabupaten, ``18.09.01``
kecamatan, ``18.09.01.2007`` desa). A village code whose last part starts with
1 is a kelurahan, with 2 a desa. Names repeat across Indonesia, so a name is
only resolved inside one kabupaten, and only when it is unambiguous there.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from .problems import ProblemList
from .text import by_spelling, normalise_name, slugify

PROVINSI, KABUPATEN, KECAMATAN, DESA = 1, 2, 3, 4
REGION_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
_VILLAGE_PREFIX = re.compile(r"^(desa|kelurahan|kel\.?|ds\.?)\s+", re.IGNORECASE)


def code_at_level(code: str, level: int) -> str:
    """The first ``level`` parts of a region code: ``code_at_level("18.09.01.2007", 2)`` is ``"18.09"``."""
    return ".".join(code.split(".")[:level])


def province_code(code: str) -> str:
    """Code of the provinsi a region code lies in (the code itself for a province)."""
    return code_at_level(code, PROVINSI)


def kabupaten_code(code: str) -> str:
    """Code of the kabupaten/kota a region code of level 2 or deeper lies in."""
    return code_at_level(code, KABUPATEN)


def kecamatan_code(code: str) -> str:
    """Code of the kecamatan a region code of level 3 or deeper lies in."""
    return code_at_level(code, KECAMATAN)


def parent_code(code: str) -> str | None:
    """Code of the enclosing region, or None for a province."""
    return code.rsplit(".", 1)[0] if "." in code else None


def code_key(code: str) -> list[int]:
    """Sort key putting parents before children and codes in numeric order."""
    return [int(part) for part in code.split(".")]


@dataclass(frozen=True)
class Region:
    """One administrative region with its place in the URL tree."""

    code: str
    name: str
    slug: str
    url: str  # "wilayah/lampung/kabupaten-pesawaran/", relative to SITEURL

    @property
    def level(self) -> int:
        """1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan."""
        return self.code.count(".") + 1

    @property
    def parent_code(self) -> str | None:
        """Code of the enclosing region, or None for a province."""
        return parent_code(self.code)

    @property
    def kind(self) -> str:
        """Indonesian kind: provinsi, kabupaten, kota, kecamatan, desa, kelurahan."""
        if self.level == PROVINSI:
            return "provinsi"
        if self.level == KABUPATEN:
            return "kota" if self.name.lower().startswith("kota") else "kabupaten"
        if self.level == KECAMATAN:
            return "kecamatan"
        return "kelurahan" if self.code.rsplit(".", 1)[1].startswith("1") else "desa"

    @property
    def label(self) -> str:
        """Name as readers expect it: "Kecamatan Gedong Tataan", "Desa Bagelen"."""
        if self.level in (PROVINSI, KABUPATEN):
            return self.name
        return f"{self.kind.capitalize()} {self.name}"

    @property
    def province_code(self) -> str:
        """Code of the provinsi this region lies in."""
        return province_code(self.code)

    @property
    def kabupaten_code(self) -> str:
        """Code of the kabupaten/kota this region lies in (level 2 or deeper)."""
        return kabupaten_code(self.code)

    @property
    def kecamatan_code(self) -> str:
        """Code of the kecamatan this region lies in (level 3 or deeper)."""
        return kecamatan_code(self.code)

    def ancestor_codes(self) -> list[str]:
        """Codes from the province down to this region, inclusive."""
        parts = self.code.split(".")
        return [".".join(parts[: i + 1]) for i in range(len(parts))]


@dataclass
class Registry:
    """All regions of the network, with lookups by code, parent and name."""

    regions: dict[str, Region] = field(default_factory=dict)
    children: dict[str | None, list[Region]] = field(default_factory=lambda: defaultdict(list))
    _names: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))

    def __contains__(self, code: object) -> bool:
        return code in self.regions

    def __iter__(self) -> Iterator[Region]:
        return iter(self.regions.values())

    def get(self, code: str) -> Region | None:
        """Return the region with this code, if known."""
        return self.regions.get(code)

    def path(self, code: str) -> list[Region]:
        """Regions from the province down to ``code`` (breadcrumb order)."""
        region = self.regions[code]
        return [self.regions[c] for c in region.ancestor_codes()]

    def villages_named(self, name: str, kabupaten_code: str) -> list[Region]:
        """Desa/kelurahan called ``name`` inside one kabupaten/kota."""
        key = normalise_name(_VILLAGE_PREFIX.sub("", name.strip()))
        return [self.regions[c] for c in self._names[(kabupaten_code, key)]]

    def villages_spelt_like(self, name: str, kabupaten_code: str) -> list[Region]:
        """Desa/kelurahan of one kabupaten/kota whose name ``name`` is a typo of (all, when the name is shared)."""
        key = normalise_name(_VILLAGE_PREFIX.sub("", name.strip()))
        names = {
            known: known for (kabupaten, known), codes in self._names.items() if codes and kabupaten == kabupaten_code
        }
        match = by_spelling(key, names)
        return [self.regions[c] for c in self._names[(kabupaten_code, match)]] if match else []

    def add(self, code: str, name: str) -> Region:
        """Add a region whose parent is already present; give it a unique slug."""
        parent = parent_code(code)
        siblings = self.children[parent]
        slug = slugify(name) or code.replace(".", "-")
        taken = {r.slug for r in siblings}
        if slug in taken:
            slug = f"{slug}-{code.rsplit('.', 1)[-1]}"
        base = self.regions[parent].url if parent else "wilayah/"
        region = Region(code=code, name=name, slug=slug, url=f"{base}{slug}/")
        self.regions[code] = region
        siblings.append(region)
        if region.level == DESA:
            self._names[(region.kabupaten_code, normalise_name(name))].append(code)
        return region


def load_registry(path: str, problems: ProblemList) -> Registry:
    """Read ``wilayah.csv`` (columns ``kode,nama``); report bad rows to ``problems``.

    Sibling slugs that would collide (two villages with one name in one
    kecamatan) get the last part of the code appended, so every region has its
    own stable address.
    """
    registry = Registry()
    rows: dict[str, tuple[str, int]] = {}
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None or [h.strip().lower() for h in header[:2]] != ["kode", "nama"]:
                problems.add(path, "Baris pertama harus berisi judul kolom `kode,nama`.", line=1)
            for line_no, row in enumerate(reader, start=2):
                if not row or not "".join(row).strip():
                    continue
                code = row[0].strip()
                name = row[1].strip() if len(row) > 1 else ""
                if not REGION_CODE.match(code):
                    problems.add(
                        path,
                        f'Kode wilayah "{code}" tidak sah.',
                        "Gunakan kode Kemendagri seperti 18, 18.09, 18.09.01, atau 18.09.01.2007.",
                        line=line_no,
                    )
                elif not name:
                    problems.add(path, f'Wilayah "{code}" tidak punya nama.', line=line_no)
                elif code in rows:
                    problems.add(
                        path,
                        f'Kode wilayah "{code}" tercantum dua kali (juga di baris {rows[code][1]}).',
                        line=line_no,
                    )
                else:
                    rows[code] = (name, line_no)
    except FileNotFoundError:
        problems.add(path, "Berkas daftar wilayah tidak ditemukan.", "Buat dengan `kim impor-wilayah`.")
        return registry
    except UnicodeDecodeError as error:
        problems.add(path, f"Berkas bukan teks UTF-8 yang sah ({error.reason}).", "Simpan ulang sebagai UTF-8.")
        return registry

    for code in sorted(rows, key=code_key):
        name, line_no = rows[code]
        parent = parent_code(code)
        if parent is not None and parent not in registry:
            problems.add(
                path,
                f'Wilayah "{code} {name}" tidak punya induk: kode "{parent}" tidak ada di daftar.',
                "Tambahkan wilayah induknya, atau impor ulang dengan `kim impor-wilayah`.",
                line=line_no,
            )
            continue
        registry.add(code, name)
    return registry
