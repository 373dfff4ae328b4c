"""The controlled verdict list of fact checks (``content/_data/penilaian.yml``).

Each verdict has a slug (written in an article's ``Penilaian``), a label
(shown on the badge, the share card and the WhatsApp text), a description,
its place on a rating scale (``nilai``, 1 = false … 5 = true, read by
ClaimReview as ``ratingValue``) and a colour name that the theme maps to a
badge style with WCAG AA contrast. The file is optional: a network without it
simply cannot publish clarifications, and the check says so on the first one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .problems import ProblemList
from .text import NEGATIONS, SLUG, slugify, suggestion
from .yamlfile import load_yaml

VERDICTS_FILE = "penilaian.yml"
COLOURS = ("merah", "jingga", "kuning", "biru", "hijau")  # theme/static/css/warta.css: .vonis-<warna>


@dataclass(frozen=True)
class Verdict:
    """One verdict of the list."""

    slug: str
    label: str
    description: str
    value: int  # place on the scale; bestRating/worstRating are the list's highest and lowest
    colour: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class VerdictList:
    """The verdicts in file order, and the rating scale they span."""

    verdicts: dict[str, Verdict]
    present: bool = True  # False when the network has no penilaian.yml

    @property
    def best(self) -> int:
        """Highest value on the scale (ClaimReview ``bestRating``)."""
        return max((v.value for v in self.verdicts.values()), default=5)

    @property
    def worst(self) -> int:
        """Lowest value on the scale (ClaimReview ``worstRating``)."""
        return min((v.value for v in self.verdicts.values()), default=1)

    def find(self, written: str) -> Verdict | None:
        """The verdict named by its slug, label or an alias (any case, spaces or hyphens)."""
        key = slugify(written)
        for verdict in self.verdicts.values():
            if key == verdict.slug or key == slugify(verdict.label) or key in verdict.aliases:
                return verdict
        return None

    def side(self, verdict: Verdict) -> int:
        """-1 for the false half of the scale, 1 for the true half, 0 for the middle."""
        middle = (self.best + self.worst) / 2
        return (verdict.value > middle) - (verdict.value < middle)

    def closest(self, written: str) -> str | None:
        """The slug a misspelt verdict was probably meant to be, by spelling or by a word of its meaning.

        Never across the scale: a suggestion on the other half from a word the writer used ("salah besar"
        is never "sebagian-benar"), and after a negation ("tidak benar") only one from the middle.
        """
        names = {name: v.slug for v in self.verdicts.values() for name in (v.slug, slugify(v.label), *v.aliases)}
        slug = suggestion(written, names)
        if slug is None:
            return None
        side = self.side(self.verdicts[slug])
        words = set(slugify(written).split("-"))
        if words & NEGATIONS:
            return slug if side == 0 else None
        used = {self.side(self.verdicts[names[n]]) for n in names if set(n.split("-")) & words}
        return None if side and -side in used else slug


def _value(entry: dict, where: str, path: str, problems: ProblemList) -> int | None:
    value = entry.get("nilai")
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10:
        problems.add(
            path,
            f'{where}: kolom `nilai` "{value}" harus bilangan bulat 1 sampai 10.',
            "Nilai menandai tempat pada skala: 1 untuk hoaks, angka terbesar untuk benar.",
        )
        return None
    return value


def _entry(entry: object, index: int, path: str, problems: ProblemList) -> Verdict | None:
    where = f"Penilaian ke-{index}"
    if not isinstance(entry, dict):
        problems.add(path, f"{where} harus berisi kolom slug, label, deskripsi, nilai, dan warna.")
        return None
    slug = str(entry.get("slug", "")).strip()
    label = str(entry.get("label", "") or "").strip()
    colour = str(entry.get("warna", "") or "").strip()
    if not SLUG.match(slug):
        problems.add(
            path,
            f'{where}: kolom `slug` "{slug}" tidak sah.',
            "Gunakan huruf kecil, angka, dan tanda hubung, misalnya `belum-terbukti`.",
        )
        return None
    if not label:
        problems.add(path, f'{where} ("{slug}"): kolom `label` wajib diisi.')
        return None
    if colour not in COLOURS:
        problems.add(path, f'{where} ("{slug}"): warna "{colour}" tidak dikenal.', f"Pilih: {', '.join(COLOURS)}.")
        return None
    value = _value(entry, where, path, problems)
    aliases = entry.get("alias") or []
    if value is None:
        return None
    if not isinstance(aliases, list):
        problems.add(path, f'{where} ("{slug}"): kolom `alias` harus berupa daftar, misalnya [salah, keliru].')
        return None
    description = str(entry.get("deskripsi", "") or "").strip()
    return Verdict(slug, label, description, value, colour, tuple(slugify(str(a)) for a in aliases if str(a)))


def load_verdicts(path: str, problems: ProblemList) -> VerdictList:
    """Read the verdict list, in file order; report bad entries to ``problems``."""
    if not os.path.exists(path):
        return VerdictList({}, present=False)
    document = load_yaml(path, problems)
    verdicts: dict[str, Verdict] = {}
    if document is None:
        return VerdictList(verdicts)
    if not isinstance(document.data, list):
        problems.add(path, "Isi berkas harus berupa daftar penilaian (setiap penilaian diawali `- slug:`).")
        return VerdictList(verdicts)
    for index, entry in enumerate(document.data, start=1):
        verdict = _entry(entry, index, path, problems)
        if verdict is None:
            continue
        if verdict.slug in verdicts:
            problems.add(path, f'Penilaian ke-{index}: slug "{verdict.slug}" sudah dipakai penilaian lain.')
            continue
        verdicts[verdict.slug] = verdict
    return VerdictList(verdicts)
