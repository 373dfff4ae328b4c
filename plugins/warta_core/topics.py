"""The controlled topic list (``content/_data/topik.yml``).

A topic may list ``alias``: other words writers use for it ("bencana", "banjir"
for ``kebencanaan``). An alias written as a topic is accepted, and a topic
nobody knows is only given a suggestion by a close spelling or by one of these
words (``topic_names``), never by a loose likeness: "keamanan" is not
"kebencanaan".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .problems import ProblemList
from .text import SLUG, slugify
from .yamlfile import load_yaml


@dataclass(frozen=True)
class Topic:
    """One topic: its slug (used in articles and URLs), label and description."""

    slug: str
    label: str
    description: str
    aliases: tuple[str, ...] = ()

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
        aliases = entry.get("alias") or []
        if not isinstance(aliases, list):
            problems.add(path, f'{where} ("{slug}"): kolom `alias` harus berupa daftar, misalnya [bencana, banjir].')
            continue
        description = str(entry.get("deskripsi", "") or "").strip()
        topics[slug] = Topic(slug, label, description, tuple(slugify(str(a)) for a in aliases if slugify(str(a))))
    return topics


def topic_names(topics: dict[str, Topic]) -> dict[str, str]:
    """Every way of writing a topic (slug, label, alias) mapped to its slug (shared: do not change it)."""
    return _names(tuple(topics.values()))


@lru_cache(maxsize=8)
def _names(topics: tuple[Topic, ...]) -> dict[str, str]:
    """Once per topic list, not once per article."""
    names: dict[str, str] = {}
    for topic in topics:
        for name in (topic.slug, slugify(topic.label), *topic.aliases):
            names.setdefault(name, topic.slug)
    return names
