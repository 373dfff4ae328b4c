"""The ``Desa`` field of an article: codes or names of the desa/kelurahan it is about, within the KIM's reach.

Mixed into the article checker. A name is looked up within the KIM's own
kabupaten/kota (only its desa may be tagged by name); an unknown name gets a
spelling suggestion from the same kabupaten/kota (:func:`.coverage.desa_name_hint`),
for the first few names of a header only, since each search reads every name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .coverage import COVERAGE_KEY, desa_name_hint, may_tag
from .metadata import Header
from .network import Network
from .profiles import KimProfile
from .regions import DESA, Region

DESA_HINTS = 5  # unknown desa names of one header that get a spelling suggestion


class DesaChecks:
    """The checker's ``desa``: every region the header names, each refused with a reason when it cannot be tagged."""

    header: Header
    kim: KimProfile | None
    network: Network
    desa_hints_left: int
    error: Callable[..., None]  # the checker's: error(message, hint="", line=None)

    def desa(self) -> list[Region]:
        """The regions of ``Desa`` (the KIM's own desa when empty); each name once."""
        # Each name once: a pasted list repeating one name gets one answer, not one per copy.
        written = list(dict.fromkeys(d.strip() for d in re.split(r"[,;]", self.header.value("desa")) if d.strip()))
        if not written:
            return [self.kim.desa] if self.kim else []
        line = self.header.line("desa")
        registry = self.network.registry
        found: list[Region] = []
        for item in written:
            region = registry.get(item)
            if region is not None and region.level != DESA:
                self.error(
                    f'Kode "{item}" adalah {region.label}, bukan desa/kelurahan.',
                    "Tulis kode desa/kelurahan lengkap, misalnya 18.09.01.2007.",
                    line,
                )
                continue
            if region is None and re.match(r"^\d", item):
                self.error(
                    f'Kode desa "{item}" tidak ada di daftar wilayah jaringan.',
                    "Periksa kodenya di content/_data/wilayah.csv.",
                    line,
                )
                continue
            if region is None:
                region = self._desa_by_name(item, line)
            if region is not None and not self._may_tag(region, line):
                continue
            if region is not None and region not in found:
                found.append(region)
        return found

    def _may_tag(self, region: Region, line: int | None) -> bool:
        """A desa outside the KIM's kabupaten/kota would put the article on pages its reviewers do not own."""
        if self.kim is None or may_tag(self.kim, region, self.network.info.coverage):
            return True
        registry = self.network.registry
        theirs, ours = registry.get(region.kabupaten_code), registry.get(self.kim.desa.kabupaten_code)
        self.error(
            f'{region.kind.capitalize()} "{region.name}" ({region.code}) berada di {theirs.label}, '
            f"di luar {ours.label} tempat {self.kim.name} berada.",
            f"Berita KIM hanya boleh menandai desa/kelurahan di kabupaten/kotanya sendiri, karena ditinjau pengelola "
            f"dan pembina kabupaten/kota itu. Bila KIM ini memang meliput {theirs.label}, admin jaringan dapat "
            f'menambahkan "{theirs.code}" untuk {self.kim.slug} di kolom `{COVERAGE_KEY}` content/_data/jaringan.yml.',
            line,
        )
        return False

    def _desa_by_name(self, name: str, line: int | None) -> Region | None:
        if self.kim is None:
            return None
        kabupaten = self.kim.desa.kabupaten_code
        kab_label = self.network.registry.get(kabupaten).label
        matches = self.network.registry.villages_named(name, kabupaten)
        if len(matches) == 1:
            return matches[0]
        if not matches:
            self.desa_hints_left -= 1  # the spelling search is per name: a long list of unknown names gets a few
            hint = desa_name_hint(self.network.registry, name, self.kim) if self.desa_hints_left >= 0 else ""
            self.error(f'Desa "{name}" tidak ditemukan di {kab_label}.', hint, line)
        else:
            options = "; ".join(
                f"{r.code} ({r.label}, {self.network.registry.get(r.parent_code).label})" for r in matches
            )
            self.error(
                f'Nama desa "{name}" ada lebih dari satu di {kab_label}.',
                f"Tulis kodenya: {options}.",
                line,
            )
        return None
