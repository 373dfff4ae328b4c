"""The wilayah registry: provinsi › kabupaten/kota › kecamatan › desa/kelurahan.

Regions are keyed by their official Kemendagri code. The level is the number
of dot-separated parts (``18`` provinsi, ``18.09`` kabupaten, ``18.09.01``
kecamatan, ``18.09.01.2007`` desa). A village code whose last part starts with
1 is a kelurahan, with 2 a desa. Names repeat across Indonesia, so a name is
only resolved inside one kabupaten, and only when it is unambiguous there.

A region's address is its ancestors' slugs and its own. The slug is pinned in
the ``slug`` column (``kim impor-wilayah`` writes it when it adds a region),
so a later change of name keeps the address; an empty ``slug`` is made from
the name. Former slugs (``slug_lama``) keep old addresses working
(``warta_listings.moved``).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from .problems import ProblemList
from .text import SLUG, by_spelling, normalise_name, slugify

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
    old_slugs: tuple[str, ...] = ()  # former slugs (``slug_lama``): their addresses lead here

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


@dataclass(frozen=True)
class RegionRow:
    """One row of ``wilayah.csv``: a code, a name and, when pinned, its slug and former slugs."""

    code: str
    name: str
    slug: str = ""  # pinned slug; "" when the address is derived from the name
    old_slugs: tuple[str, ...] = ()
    line: int | None = None


@dataclass
class Registry:
    """All regions of the network, with lookups by code, parent and name."""

    regions: dict[str, Region] = field(default_factory=dict)
    children: dict[str | None, list[Region]] = field(default_factory=lambda: defaultdict(list))
    _names: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    # Slugs pinned (or formerly used) under each parent: a name-derived slug never takes one of them.
    _reserved: dict[str | None, set[str]] = field(default_factory=lambda: defaultdict(set))

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

    def reserve(self, code: str, slugs: tuple[str, ...]) -> None:
        """Keep ``slugs`` (pinned or former, of region ``code``) from the name-derived slugs of its siblings."""
        self._reserved[parent_code(code)].update(slugs)

    def add(self, code: str, name: str, slug: str = "", old_slugs: tuple[str, ...] = ()) -> Region:
        """Add a region whose parent is already present, with its pinned ``slug`` or a unique one from its name."""
        parent = parent_code(code)
        siblings = self.children[parent]
        if not slug:
            taken = ({r.slug for r in siblings} | self._reserved[parent]) - set(old_slugs)
            taken |= RESERVED_SLUGS if parent else RESERVED_SLUGS | RESERVED_PROVINCE_SLUGS
            slug = slugify(name) or code.replace(".", "-")
            if slug in taken:
                slug = f"{slug}-{code.rsplit('.', 1)[-1]}"
            if slug in taken:
                slug = code.replace(".", "-")
        base = self.regions[parent].url if parent else "wilayah/"
        region = Region(code=code, name=name, slug=slug, url=f"{base}{slug}/", old_slugs=old_slugs)
        self.regions[code] = region
        siblings.append(region)
        if region.level == DESA:
            self._names[(region.kabupaten_code, normalise_name(name))].append(code)
        return region

    def former_urls(self, code: str) -> list[str]:
        """Addresses region ``code`` had before a slug of it or of an ancestor changed (``slug_lama``)."""
        region = self.regions[code]
        parent = region.parent_code
        bases = [self.regions[parent].url, *self.former_urls(parent)] if parent else ["wilayah/"]
        urls = [f"{base}{slug}/" for base in bases for slug in (region.slug, *region.old_slugs)]
        return [url for url in urls if url != region.url]

    def moved(self) -> dict[str, Region]:
        """Every former region address (``"wilayah/.../"``) with the region now living elsewhere."""
        if not any(region.old_slugs for region in self):
            return {}
        return {url: region for region in self for url in self.former_urls(region.code)}


REGION_COLUMNS = ("kode", "nama", "slug", "slug_lama")
# Addresses that belong to other pages: a listing's "X/page/2/", and "/wilayah/desa/" (the desa finder).
RESERVED_SLUGS = frozenset({"page"})
RESERVED_PROVINCE_SLUGS = frozenset({"desa"})


def _slug_problem(slug: str, code: str) -> str:
    """Why ``slug`` cannot be region ``code``'s (pinned or former) slug, or ""."""
    if not SLUG.match(slug):
        return "tidak sah"
    if slug in RESERVED_SLUGS or (parent_code(code) is None and slug in RESERVED_PROVINCE_SLUGS):
        return "sudah menjadi alamat halaman lain"
    return ""


def read_region_rows(path: str, problems: ProblemList) -> list[RegionRow] | None:
    """Rows of ``wilayah.csv`` (``kode,nama`` and optional ``slug``, ``slug_lama``); None when unreadable.

    Each row is checked on its own here (code, name, slug spelling, a code
    listed twice); what concerns several rows is checked by :func:`build_registry`.
    """
    rows: dict[str, RegionRow] = {}
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = [h.strip().lower() for h in next(reader, None) or []]
            if header[:2] != ["kode", "nama"]:
                problems.add(path, "Baris pertama harus berisi judul kolom `kode,nama`.", line=1)
            for column in header[2:]:
                if column not in REGION_COLUMNS:
                    problems.add(
                        path,
                        f'Kolom "{column}" tidak dikenal di daftar wilayah.',
                        "Kolom yang dipakai: kode, nama, slug, slug_lama.",
                        line=1,
                    )
            position = {column: index for index, column in enumerate(header) if column in REGION_COLUMNS}
            for line_no, row in enumerate(reader, start=2):
                if not row or not "".join(row).strip():
                    continue
                found = _row_from_cells(row, position, line_no, path, problems)
                if found is None:
                    continue
                if found.code in rows:
                    problems.add(
                        path,
                        f'Kode wilayah "{found.code}" tercantum dua kali (juga di baris {rows[found.code].line}).',
                        line=line_no,
                    )
                else:
                    rows[found.code] = found
    except FileNotFoundError:
        problems.add(path, "Berkas daftar wilayah tidak ditemukan.", "Buat dengan `kim impor-wilayah`.")
        return None
    except UnicodeDecodeError as error:
        problems.add(path, f"Berkas bukan teks UTF-8 yang sah ({error.reason}).", "Simpan ulang sebagai UTF-8.")
        return None
    return list(rows.values())


def _row_from_cells(
    row: list[str], position: dict[str, int], line_no: int, path: str, problems: ProblemList
) -> RegionRow | None:
    """One row's cells as a :class:`RegionRow`, or None (reported) when the code or name is missing."""

    def cell(column: str, default: int | None = None) -> str:
        index = position.get(column, default)
        return row[index].strip() if index is not None and index < len(row) else ""

    code, name = cell("kode", 0), cell("nama", 1)
    if not REGION_CODE.match(code):
        problems.add(
            path,
            f'Kode wilayah "{code}" tidak sah.',
            "Gunakan kode Kemendagri seperti 18, 18.09, 18.09.01, atau 18.09.01.2007.",
            line=line_no,
        )
        return None
    if not name:
        problems.add(path, f'Wilayah "{code}" tidak punya nama.', line=line_no)
        return None
    shown = f'"{code} {name}"'
    slug = cell("slug")
    why = _slug_problem(slug, code) if slug else ""
    if why:
        problems.add(
            path,
            f'Slug "{slug}" untuk wilayah {shown} {why}.',
            f"{'Pakai huruf kecil, angka, dan tanda hubung' if why == 'tidak sah' else 'Pilih slug lain'}, "
            f"misalnya `{slugify(name) or 'nama-wilayah'}`; atau kosongkan agar slug dibuat dari nama.",
            line=line_no,
        )
        slug = ""
    old_slugs: list[str] = []
    for old in cell("slug_lama").replace(",", " ").split():
        why = _slug_problem(old, code) or ("sama dengan slugnya sekarang" if old == (slug or slugify(name)) else "")
        if why:
            problems.add(
                path,
                f'Slug lama "{old}" untuk wilayah {shown} {why}.',
                "Kolom `slug_lama` berisi alamat lama wilayah ini (huruf kecil, angka, tanda hubung), "
                "dipisah spasi; hapus yang keliru.",
                line=line_no,
            )
        elif old not in old_slugs:
            old_slugs.append(old)
    return RegionRow(code, name, slug, tuple(old_slugs), line_no)


def build_registry(rows: list[RegionRow], path: str, problems: ProblemList) -> Registry:
    """The registry of ``rows``; orphans and slugs shared under one parent are reported to ``problems``.

    Pinned slugs (column ``slug``) are kept as written, so a region keeps its
    address when its name changes. A name-derived slug that would collide
    with a sibling's (two villages with one name in one kecamatan) gets the
    last part of the code appended, so every region has its own address.
    """
    registry = Registry()
    claims: dict[tuple[str | None, str], RegionRow] = {}
    for row in sorted(rows, key=lambda r: code_key(r.code)):
        for slug, former in ((row.slug, False), *((old, True) for old in row.old_slugs)):
            if not slug:
                continue
            key = (parent_code(row.code), slug)
            other = claims.setdefault(key, row)
            if other is not row:
                word = "Slug lama" if former else "Slug"
                shown, taken_by = f'"{row.code} {row.name}"', f'"{other.code} {other.name}" (baris {other.line})'
                problems.add(
                    path,
                    f'{word} "{slug}" untuk wilayah {shown} sudah dipakai wilayah {taken_by} di bawah induk yang sama.',
                    "Setiap alamat di bawah satu induk hanya boleh menuju satu wilayah; "
                    f"beri salah satunya slug lain, misalnya `{slug}-{row.code.rsplit('.', 1)[-1]}`.",
                    line=row.line,
                )
    for (_parent, slug), row in claims.items():
        registry.reserve(row.code, (slug,))
    for row in sorted(rows, key=lambda r: code_key(r.code)):
        parent = parent_code(row.code)
        if parent is not None and parent not in registry:
            problems.add(
                path,
                f'Wilayah "{row.code} {row.name}" tidak punya induk: kode "{parent}" tidak ada di daftar.',
                "Tambahkan wilayah induknya, atau impor ulang dengan `kim impor-wilayah`.",
                line=row.line,
            )
            continue
        own = claims.get((parent, row.slug)) is row
        old = tuple(s for s in row.old_slugs if claims.get((parent, s)) is row)
        registry.add(row.code, row.name, row.slug if own else "", old)
    _check_old_slugs_free(rows, claims, path, problems)
    return registry


def _check_old_slugs_free(
    rows: list[RegionRow], claims: dict[tuple[str | None, str], RegionRow], path: str, problems: ProblemList
) -> None:
    """A former slug may not be the name of a sibling whose slug is not pinned: its page would lose its address."""
    for row in rows:
        if row.slug:
            continue
        claim = claims.get((parent_code(row.code), slugify(row.name)))
        if claim is not None and claim is not row and claim.slug != slugify(row.name):
            shown, taken_by = f'"{claim.code} {claim.name}"', f'"{row.code} {row.name}" (baris {row.line})'
            problems.add(
                path,
                f'Slug lama "{slugify(row.name)}" untuk wilayah {shown} sudah dipakai wilayah {taken_by} '
                "di bawah induk yang sama.",
                "Setiap alamat di bawah satu induk hanya boleh menuju satu wilayah; "
                "hapus slug lama itu, atau kunci slug wilayah yang lain di kolom `slug`.",
                line=claim.line,
            )


def load_registry(path: str, problems: ProblemList) -> Registry:
    """Read ``wilayah.csv``; report bad rows to ``problems`` (see :func:`read_region_rows`, :func:`build_registry`)."""
    rows = read_region_rows(path, problems)
    return Registry() if rows is None else build_registry(rows, path, problems)
