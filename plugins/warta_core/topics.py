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

from .data_entries import DataEntries, Slug, Text, Words, read_entries
from .problems import ProblemList
from .text import slugify
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


TOPICS_LIST = DataEntries(
    "topik.yml",
    "topik",
    "topik",
    "slug",
    (
        Slug("slug", None, "Used in articles' `Topik` and in `/topik/<slug>/`.", example="cek-fakta"),
        Text("label", None, "Name shown on the portal; writers may use it instead of the slug."),
        Text("deskripsi", "", "One sentence for readers, on the topic's page."),
        Words(
            "alias",
            (),
            "Other words for the topic: accepted in `Topik`, and the only source of suggestions besides spelling.",
            example="[bencana, banjir]",
        ),
    ),
    required=("slug", "label"),
)


def load_topics(path: str, problems: ProblemList) -> dict[str, Topic]:
    """Read the topic list (:data:`TOPICS_LIST`), in file order; report bad entries to ``problems``."""
    document = load_yaml(path, problems)
    if document is None:
        return {}
    entries = read_entries(TOPICS_LIST, path, document.data, document.node, problems)
    return {
        entry.id: Topic(
            entry.id,
            entry.values["label"],
            entry.values["deskripsi"],
            tuple(slugify(alias) for alias in entry.values["alias"] if slugify(alias)),
        )
        for entry in entries
    }


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
