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

from .config_options import Choice, Int
from .data_entries import DataEntries, Slug, Text, Words, read_entries
from .problems import ProblemList
from .text import NEGATIONS, slugify, suggestion
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


VERDICTS_LIST = DataEntries(
    VERDICTS_FILE,
    "penilaian",
    "penilaian",
    "slug",
    (
        Slug(
            "slug",
            None,
            "Written in a clarification's `Penilaian` (the label and aliases work too).",
            example="belum-terbukti",
        ),
        Text("label", None, "On the badge, the share card, the WhatsApp text and feed categories."),
        Text("deskripsi", "", "What the verdict means, for readers."),
        Int(
            "nilai",
            None,
            "Place on the rating scale (ClaimReview `ratingValue`): 1 false … highest true.",
            min=1,
            max=10,
        ),
        Choice("warna", None, "Badge style of the theme, each with WCAG AA contrast.", choices=COLOURS),
        Words("alias", (), "Other spellings accepted in `Penilaian`.", example="[salah, keliru]"),
    ),
    required=("slug", "label", "nilai", "warna"),
    hints={"nilai": "Nilai menandai tempat pada skala: 1 untuk hoaks, angka terbesar untuk benar."},
)


def load_verdicts(path: str, problems: ProblemList) -> VerdictList:
    """Read the verdict list (:data:`VERDICTS_LIST`), in file order; report bad entries to ``problems``."""
    if not os.path.exists(path):
        return VerdictList({}, present=False)
    document = load_yaml(path, problems)
    if document is None:
        return VerdictList({})
    verdicts = {}
    for entry in read_entries(VERDICTS_LIST, path, document.data, document.node, problems):
        values = entry.values
        aliases = tuple(slugify(alias) for alias in values["alias"] if alias)
        verdicts[entry.id] = Verdict(
            entry.id, values["label"], values["deskripsi"], values["nilai"], values["warna"], aliases
        )
    return VerdictList(verdicts)
