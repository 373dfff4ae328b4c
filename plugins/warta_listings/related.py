"""The end of an article: related stories and previous/next within its KIM.

Related stories are taken from the listings' own indexes (newest first): the
articles next to it in the list of its desa, of its KIM and of each of its
topics; of those, the most related (:func:`relevance`: the same desa, shared
topics, the same KIM) come first, then the newest, at most
:data:`RELATED_LIMIT`. Every list is walked
once, so the whole network costs O(articles), and an article's choice depends
only on its neighbours, never on the size of the network: a story in a network
of 3 KIMs and one in a network of 3,000 show the same number of links.

What an article shows of them is put in its fingerprint (``page_digest``), so
when a neighbour's title changes, or a new story slots in next to it, the
incremental writer re-renders the article too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from warta_core.digests import extended

from .indexes import NetworkIndex

RELATED_LIMIT = 5
WINDOW = 2  # neighbours taken on each side in each list


@dataclass(frozen=True)
class StoryLink:
    """A link to another article: plain values, so its repr can be fingerprinted."""

    title: str
    url: str
    date: Any
    kim_name: str
    why: str  # "Desa Bagelen", "KIM Uji Bagelen", "Topik Kesehatan"


def story_link(article: Any, why: str = "", url: str | None = None) -> StoryLink:
    """The link to ``article``, labelled with why it is shown (``url``: its address, when already known)."""
    return StoryLink(article.title, url or article.url, article.date, article.kim_profile.name, why)


def _positions(lists: dict[str, list[Any]]) -> dict[tuple[str, int], int]:
    """(list key, id(article)) -> position: one pass over every list."""
    return {(key, id(article)): number for key, items in lists.items() for number, article in enumerate(items)}


def _near(items: list[Any], position: int) -> list[Any]:
    """Up to WINDOW neighbours on each side of ``position``, nearest first (newer before older)."""
    found = []
    for distance in range(1, WINDOW + 1):
        for number in (position - distance, position + distance):
            if 0 <= number < len(items):
                found.append(items[number])
    return found


def relevance(article: Any, other: Any) -> int:
    """How much two stories share: the same desa weighs most, then each shared topic, then the same KIM."""
    desa = len(set(article.desa_codes) & set(other.desa_codes))
    topics = len({t.slug for t in article.topics} & {t.slug for t in other.topics})
    return 3 * desa + 2 * topics + (article.kim == other.kim)


def most_related(article: Any, candidates: list[tuple[Any, str]], url_of: dict[int, str]) -> tuple[StoryLink, ...]:
    """The neighbours most related to ``article``, by relevance then newest first (each once, at most the limit).

    Each keeps the reason it was first found for (its desa before its KIM before its topics).
    """
    found: dict[int, tuple[Any, str]] = {}
    for other, why in candidates:
        if other is not article and id(other) not in found:
            found[id(other)] = (other, why)
    ranked = sorted(found.values(), key=lambda pair: (relevance(article, pair[0]), pair[0].date), reverse=True)
    links = []
    for other, why in ranked[:RELATED_LIMIT]:
        links.append(story_link(other, why, url_of.get(id(other)) or other.url))
    return tuple(links)


def attach_related(articles: list[Any], index: NetworkIndex, network: Any) -> None:
    """Give each article ``related`` (StoryLinks), ``previous_in_kim``/``next_in_kim``; extend its digest."""
    region_at = _positions(index.by_region)
    kim_at = _positions(index.by_kim)
    topic_at = _positions(index.by_topic)
    url_of = {id(article): article.url for article in articles}  # Pelican computes ``url`` on every access
    for article in articles:
        candidates: list[tuple[Any, str]] = []
        for code in article.desa_codes:
            near = _near(index.by_region[code], region_at[(code, id(article))])
            candidates += [(other, network.registry.get(code).label) for other in near]
        kim_list = index.by_kim[article.kim]
        position = kim_at[(article.kim, id(article))]
        candidates += [(other, article.kim_profile.name) for other in _near(kim_list, position)]
        for topic in article.topics:
            near = _near(index.by_topic[topic.slug], topic_at[(topic.slug, id(article))])
            candidates += [(other, f"Topik {topic.label}") for other in near]
        article.related = most_related(article, candidates, url_of)
        newer = kim_list[position - 1] if position > 0 else None
        older = kim_list[position + 1] if position + 1 < len(kim_list) else None
        article.next_in_kim = story_link(newer, url=url_of.get(id(newer))) if newer is not None else None
        article.previous_in_kim = story_link(older, url=url_of.get(id(older))) if older is not None else None
        shown = (article.related, article.previous_in_kim, article.next_in_kim)
        article.page_digest = extended(article.page_digest, shown)


NEAREST_LIMIT = 3


def nearest_news(network: Any, index: NetworkIndex, region: Any) -> tuple[Any, tuple[StoryLink, ...]] | None:
    """For a region with no story of its own: its nearest ancestor with stories and their newest few, else None."""
    if index.by_region.get(region.code):
        return None
    for code in reversed(region.ancestor_codes()[:-1]):
        found = index.by_region.get(code)
        if found:
            return network.registry.get(code), tuple(story_link(a, a.regions[0].label) for a in found[:NEAREST_LIMIT])
    return None
