"""Small text helpers shared by the network model: slugs and name matching."""

from __future__ import annotations

import difflib
import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# What a slug may be (KIM folders, topics, partner ids): lowercase ASCII words joined by single hyphens.
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def slugify(text: str) -> str:
    """Return a lowercase ASCII slug: ``"Gedong Tataan"`` -> ``"gedong-tataan"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub("-", ascii_text.lower()).strip("-")


def normalise_name(text: str) -> str:
    """Fold case, spacing and punctuation so that names compare loosely."""
    return " ".join(slugify(text).split("-"))


def closest(word: str, choices: list[str]) -> str | None:
    """The choice ``word`` is most likely a misspelling of: similar, and within the slips a word that long allows.

    Similarity alone offers far guesses for short words ("ungu" -> "kuning"); the edit-distance bound keeps only
    the ones a writer would take as meant, and a name written short (its first letters) still finds the long one.
    """
    matches = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not matches:
        return None
    written, match = word.lower(), matches[0].lower()
    shortened = match.startswith(written)  # the first words of a longer name ("kim-bagelen" of "kim-bagelen-berdaya")
    return matches[0] if shortened or edit_distance(written, match) <= typo_allowance(word) else None


def did_you_mean(word: str, choices: list[str]) -> str:
    """Return an Indonesian "did you mean" hint, or an empty string."""
    match = closest(word, choices)
    return f'Mungkin maksud Anda "{match}"?' if match else ""


# Suggestions a writer will follow, so only those likely right: a close spelling, or a word of the meaning.
NEGATIONS = frozenset({"tidak", "tak", "bukan", "belum", "non"})  # words that turn a meaning around


def edit_distance(first: str, second: str) -> int:
    """Letters to insert, delete, replace or swap (two neighbours) to turn one word into the other."""
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        current = [i]
        for j, b in enumerate(second, start=1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def typo_allowance(word: str) -> int:
    """How many slips of the finger a word of this length may carry and still be recognised."""
    return 1 if len(word) <= 5 else 2 if len(word) <= 10 else 3


def by_spelling(written: str, names: dict[str, str]) -> str | None:
    """The target of the name ``written`` is a typo of (names map a spelling to what it names), if only one fits."""
    allowance = typo_allowance(written)
    # A name longer or shorter by more than the allowance is too far whatever its letters: not even measured.
    distances = {name: edit_distance(written, name) for name in names if abs(len(name) - len(written)) <= allowance}
    best = min(distances.values(), default=None)
    if best is None or best > allowance:
        return None
    targets = {names[name] for name, distance in distances.items() if distance == best}
    return targets.pop() if len(targets) == 1 else None


def _words(text: str) -> set[str]:
    return set(slugify(text).split("-")) - {""}


def by_meaning(written: str, names: dict[str, str]) -> str | None:
    """The one target one of whose names is among the words of ``written`` ("salah besar" -> "salah").

    Or, when no name is whole, the one target whose name holds every word ("ekonomi" -> "ekonomi-umkm"),
    never a name holding a negation ("terbukti" is not "tidak-terbukti"). None when a word turns the meaning
    around ("tidak benar"), when two targets fit, or when another word belongs to another target ("sebagian
    salah": "sebagian" is a word of "sebagian-benar").
    """
    words = _words(written)
    if words & NEGATIONS:
        return None
    whole = {name: target for name, target in names.items() if _words(name) and _words(name) <= words}
    if not whole:  # a part of one name ("ekonomi" of "ekonomi-umkm"), never of a negated one ("tidak-terbukti")
        part = {target for name, target in names.items() if words <= _words(name) and not _words(name) & NEGATIONS}
        return part.pop() if words and len(part) == 1 else None
    if len(set(whole.values())) != 1:
        return None
    target = next(iter(whole.values()))
    leftover = words - set().union(*(_words(name) for name in whole))
    if any(target != other and _words(name) & leftover for name, other in names.items()):
        return None
    return target


def suggestion(written: str, names: dict[str, str]) -> str | None:
    """What ``written`` most likely means, by spelling first and then by meaning; None when unsure."""
    return by_spelling(slugify(written), names) or by_meaning(written, names)
