"""The words of the search index, for the typo tolerance of ``/cari/``.

Pagefind matches what is typed against its index with its Indonesian
(Snowball) stemmer and prefix matching, but it has no typo tolerance, and
that stemmer drops a nasal prefix without restoring the consonant it replaced
(``menipu`` and ``penipuan`` are indexed as ``ipu``, so ``tipu`` finds
nothing). ``cari.js`` mends the query instead, with this vocabulary: the
words Pagefind indexed (read from its own fragments, so exactly the indexed
text), each with the number of articles it is in, sharded by first letter
into ``pagefind/kata/<letter>.json`` so a phone fetches a few KB for the
letters of what was typed, and only then.

Each shard holds ``words`` (word -> articles), ``forms`` (for a root that a
meN-/peN- prefix changed, t -> n and k -> ng: the indexed words built on it)
and ``spellings`` (the spellings people type, :mod:`.spellings`, kept only
when what they stand for is in the index). A shard keeps at most
``SHARD_WORDS`` words, the most frequent first, so its size is bounded
however big the network grows.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections import Counter, defaultdict

from .spellings import SPELLINGS

FOLDER = "kata"
SHARD_WORDS = 4000  # about 12 KB compressed for the biggest letter
FORMS_PER_ROOT = 3
_WORD = re.compile(r"[a-z]{3,24}")
_NASAL = re.compile(r"(?:me|pe)(ng|n)([aeiou][a-z]+)")
_SUFFIXES = ("nya", "kan", "an", "i")
_SIGNATURE = b"pagefind_dcd"


def fragment_text(path: str) -> str:
    """Title, summary and body text of one Pagefind fragment (gzip of a signature and JSON)."""
    with open(path, "rb") as handle:
        data = gzip.decompress(handle.read())
    if data.startswith(_SIGNATURE):
        data = data[len(_SIGNATURE) :]
    fragment = json.loads(data)
    meta = fragment.get("meta") or {}
    return " ".join((meta.get("title", ""), meta.get("ringkasan", ""), fragment.get("content", "")))


def article_words(bundle: str) -> Counter[str]:
    """Every indexed word with the number of articles it appears in."""
    counts: Counter[str] = Counter()
    folder = os.path.join(bundle, "fragment")
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else ():
        counts.update(set(_WORD.findall(fragment_text(os.path.join(folder, name)).lower())))
    return counts


def nasal_roots(word: str) -> list[str]:
    """Roots a meN-/peN- word may be built on when the prefix replaced t or k (``penipuan`` -> ``tipuan``, ``tipu``)."""
    match = _NASAL.fullmatch(word)
    if not match:
        return []
    root = ("k" if match.group(1) == "ng" else "t") + match.group(2)
    roots = [root]
    for suffix in _SUFFIXES:  # one suffix, the longest that fits (-kan before -an); -nya may follow -an
        if root.endswith(suffix) and len(root) - len(suffix) >= 3:
            roots.append(root[: -len(suffix)])
            if suffix == "nya" and root.endswith("annya") and len(root) >= 8:
                roots.append(root[:-5])
            break
    return roots


def build_shards(counts: Counter[str]) -> dict[str, dict[str, dict]]:
    """The shards by first letter: words, meN-/peN- forms of t/k roots, and the spellings that can find something."""
    shards: dict[str, dict[str, dict]] = defaultdict(lambda: {"words": {}, "forms": {}, "spellings": {}})
    by_letter: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for word, count in counts.items():
        by_letter[word[0]].append((word, count))
    for letter, words in by_letter.items():
        kept = sorted(words, key=lambda item: (-item[1], item[0]))[:SHARD_WORDS]
        shards[letter]["words"] = dict(sorted(kept))
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for word, count in counts.items():
        for root in nasal_roots(word):
            forms[root][word] = count
    for root, words in sorted(forms.items()):
        shards[root[0]]["forms"][root] = [word for word, _ in words.most_common(FORMS_PER_ROOT)]
    for typed, meant in sorted(SPELLINGS.items()):
        if all(part in counts for part in re.findall(r"[a-z]+", meant) if len(part) >= 3):
            shards[typed[0]]["spellings"][typed] = meant
    return dict(shards)


def write_vocabulary(bundle: str) -> int:
    """Write ``bundle/kata/<letter>.json`` from the bundle's fragments; the bytes written."""
    folder = os.path.join(bundle, FOLDER)
    os.makedirs(folder, exist_ok=True)
    size = 0
    for letter, shard in sorted(build_shards(article_words(bundle)).items()):
        data = json.dumps(shard, ensure_ascii=False, separators=(",", ":")).encode()
        with open(os.path.join(folder, f"{letter}.json"), "wb") as handle:
            handle.write(data)
        size += len(data)
    return size
