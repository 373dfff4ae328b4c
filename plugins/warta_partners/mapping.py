"""Which wilayah and topics a partner entry is about.

Regions: the names of the kabupaten/kota, kecamatan and desa/kelurahan inside
the partner's coverage (its ``wilayah`` codes) are looked for in the title
and text. Desa names repeat, and many are ordinary words ("Pelita",
"Teluk"), so a match is trusted only when

- it is inside the partner's coverage, never elsewhere in the registry;
- a one-word desa or kecamatan name is written with its kind ("Desa
  Bagelen", "Kecamatan Lais"); longer names ("Gedong Tataan") and
  kabupaten names ("Pesawaran") may stand alone; a kota needs "Kota";
- it is unambiguous: one candidate, or one candidate inside a region the
  same text names unambiguously ("Desa Bagelen, Kecamatan Gedong Tataan"),
  or candidates that all lie inside one of them (kelurahan and kecamatan
  Sungai Lilin: the kecamatan is certainly right).

Feeds of other Warta KIM portals (federation) say exactly where and what
with their category terms: Kemendagri desa codes and topic slugs. Such a
term maps exactly, still only inside the partner's coverage; names are
looked for only when an entry has no usable code.

Topics: keyword lists per topic (built in, or ``mitra-kata-kunci.yml``),
plus the partner's own ``topik`` and the entry's category terms that are
topic slugs of the network.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from warta_core.regions import DESA, KABUPATEN, KECAMATAN, PROVINSI, Region, Registry, code_key
from warta_core.topics import Topic

from .keywords import DEFAULT_KEYWORDS
from .phrases import PhraseTable, words

VILLAGE_WORDS = ("desa", "kelurahan", "kel", "ds", "kampung", "pekon", "nagari", "gampong")
DISTRICT_WORDS = ("kecamatan", "kec", "distrik")
REGENCY_WORDS = ("kabupaten", "kab")
CITY_WORDS = ("kota",)
PROVINCE_WORDS = ("provinsi", "prov")
TITLE_WEIGHT = 2
TOPIC_THRESHOLD = 2
MAX_MATCHED_TOPICS = 2


def _base_words(region: Region) -> tuple[list[str], bool]:
    """Folded name without its "Kabupaten"/"Kota" prefix, and whether it is a kota."""
    name = words(region.name)
    if region.level == KABUPATEN and name and name[0] in ("kabupaten", "kota"):
        return name[1:], name[0] == "kota"
    return name, False


class RegionMatcher:
    """Finds regions of one partner's coverage named in a text."""

    def __init__(self, registry: Registry, coverage: tuple[str, ...]) -> None:
        self.registry = registry
        self.table = PhraseTable()
        covered = self._covered(coverage)
        self.covered_codes = {region.code for region in covered}
        for region in covered:
            self._add(region)

    def _covered(self, coverage: tuple[str, ...]) -> list[Region]:
        found: dict[str, Region] = {}
        stack = [code for code in coverage if code in self.registry]
        while stack:
            code = stack.pop()
            if code in found:
                continue
            found[code] = self.registry.get(code)
            stack.extend(child.code for child in self.registry.children.get(code, []))
        return list(found.values())

    def _add(self, region: Region) -> None:
        name, is_city = _base_words(region)
        if not name:
            return
        if region.level == DESA:
            prefixes, bare = VILLAGE_WORDS, len(name) > 1
        elif region.level == KECAMATAN:
            prefixes, bare = DISTRICT_WORDS, len(name) > 1
        elif region.level == KABUPATEN:
            prefixes, bare = (CITY_WORDS if is_city else REGENCY_WORDS), not is_city
        elif region.level == PROVINSI:
            prefixes, bare = PROVINCE_WORDS, True
        else:
            return
        for prefix in prefixes:
            self.table.add([prefix, *name], region)
        if bare:
            self.table.add(name, region)

    def exact(self, terms: Iterable[str]) -> list[Region]:
        """Regions whose Kemendagri codes are among ``terms`` and inside the coverage; most specific, in code order."""
        found = {term: self.registry.get(term) for term in terms if term in self.covered_codes}
        return _most_specific(found)

    def match(self, text: str) -> list[Region]:
        """Most specific regions named unambiguously, in code order."""
        matches = [list(dict.fromkeys(candidates)) for _phrase, candidates in self.table.scan(words(text))]
        accepted: dict[str, Region] = {}
        for candidates in matches:
            if len(candidates) == 1:
                accepted[candidates[0].code] = candidates[0]
        for candidates in matches:
            if len(candidates) == 1:
                continue
            chosen = self._disambiguate(candidates, set(accepted))
            if chosen is not None:
                accepted[chosen.code] = chosen
        return _most_specific(accepted)

    @staticmethod
    def _disambiguate(candidates: list[Region], named: set[str]) -> Region | None:
        for outer in candidates:
            if all(c is outer or c.code.startswith(outer.code + ".") for c in candidates):
                return outer
        inside = [c for c in candidates if any(a in named for a in c.ancestor_codes()[:-1])]
        return inside[0] if len(inside) == 1 else None


def _most_specific(regions: dict[str, Region]) -> list[Region]:
    """Drop regions that contain another one of the set; code order."""
    specific = [
        region
        for code, region in regions.items()
        if not any(other != code and other.startswith(code + ".") for other in regions)
    ]
    return sorted(specific, key=lambda r: code_key(r.code))


class TopicMatcher:
    """Finds the network's topics in a text by keywords."""

    def __init__(self, topics: dict[str, Topic], overrides: dict[str, tuple[str, ...]]) -> None:
        self.topics = topics
        self.table = PhraseTable()
        for slug in topics:
            for keyword in overrides.get(slug, DEFAULT_KEYWORDS.get(slug, ())):
                self.table.add(words(keyword), slug)

    def match(self, title: str, text: str, defaults: tuple[str, ...] = (), terms: Iterable[str] = ()) -> list[Topic]:
        """The partner's default topics, the entry's terms that are topic slugs, then up to two by keywords."""
        scores: Counter[str] = Counter()
        for _phrase, slugs in self.table.scan(words(title)):
            for slug in set(slugs):
                scores[slug] += TITLE_WEIGHT
        for _phrase, slugs in self.table.scan(words(text)):
            for slug in set(slugs):
                scores[slug] += 1
        chosen = list(dict.fromkeys(slug for slug in (*defaults, *terms) if slug in self.topics))
        ranked = sorted((s for s, score in scores.items() if score >= TOPIC_THRESHOLD), key=lambda s: (-scores[s], s))
        for slug in ranked[:MAX_MATCHED_TOPICS]:
            if slug not in chosen:
                chosen.append(slug)
        return [self.topics[slug] for slug in chosen]
