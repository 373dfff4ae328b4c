"""The controlled topic list (``content/_data/topik.yml``)."""

from __future__ import annotations

from dataclasses import dataclass

from .problems import ProblemList
from .text import SLUG
from .yamlfile import load_yaml


@dataclass(frozen=True)
class Topic:
    """One topic: its slug (used in articles and URLs), label and description."""

    slug: str
    label: str
    description: str

    @property
    def url(self) -> str:
        """Listing address relative to SITEURL."""
        return f"topik/{self.slug}/"


def load_topics(path: str, problems: ProblemList) -> dict[str, Topic]:
    """Read the topic list, in file order; report bad entries to ``problems``."""
    document = load_yaml(path, problems)
    topics: dict[str, Topic] = {}
    if document is None:
        return topics
    if not isinstance(document.data, list):
        problems.add(path, "Isi berkas harus berupa daftar topik (setiap topik diawali `- slug:`).")
        return topics
    for index, entry in enumerate(document.data, start=1):
        where = f"Topik ke-{index}"
        if not isinstance(entry, dict):
            problems.add(path, f"{where} harus berisi kolom slug, label, dan deskripsi.")
            continue
        slug = str(entry.get("slug", "")).strip()
        label = str(entry.get("label", "")).strip()
        if not SLUG.match(slug):
            problems.add(
                path,
                f'{where}: kolom `slug` "{slug}" tidak sah.',
                "Gunakan huruf kecil, angka, dan tanda hubung, misalnya `cek-fakta`.",
            )
            continue
        if not label:
            problems.add(path, f'{where} ("{slug}"): kolom `label` wajib diisi.')
            continue
        if slug in topics:
            problems.add(path, f'{where}: slug "{slug}" sudah dipakai topik lain.')
            continue
        topics[slug] = Topic(slug, label, str(entry.get("deskripsi", "") or "").strip())
    return topics
