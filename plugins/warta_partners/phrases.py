"""Whole-word phrase matching on folded text, shared by filters, regions and topics.

Text and phrases are folded the same way as region names elsewhere in the
network (case, accents, punctuation), then compared as word sequences, so
"Banjir" matches "banjir," but "sapi" does not match "kesapian" and
"Sungai Lilin" matches "sungai-lilin".
"""

from __future__ import annotations

from collections.abc import Iterable

from warta_core.text import normalise_name


def words(text: str) -> list[str]:
    """Folded words of ``text``."""
    return normalise_name(text).split()


class PhraseTable:
    """Phrases (word tuples) mapped to values; finds the longest phrase at each position."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, ...], list[object]] = {}
        self.longest = 0

    def add(self, phrase: Iterable[str], value: object) -> None:
        """Register ``value`` under ``phrase`` (already folded words)."""
        key = tuple(phrase)
        if not key:
            return
        self.values.setdefault(key, []).append(value)
        self.longest = max(self.longest, len(key))

    def scan(self, tokens: list[str]) -> list[tuple[tuple[str, ...], list[object]]]:
        """Non-overlapping matches, longest first at each position, left to right."""
        found = []
        index = 0
        while index < len(tokens):
            for size in range(min(self.longest, len(tokens) - index), 0, -1):
                key = tuple(tokens[index : index + size])
                if key in self.values:
                    found.append((key, self.values[key]))
                    index += size
                    break
            else:
                index += 1
        return found


def contains_any(text_words: list[str], phrases: Iterable[str]) -> bool:
    """True when any phrase occurs in the words as a whole-word sequence."""
    table = PhraseTable()
    for phrase in phrases:
        table.add(words(phrase), phrase)
    return bool(table.scan(text_words))
