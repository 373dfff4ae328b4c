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
    """Return the choice most similar to ``word``, if any is reasonably close."""
    matches = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, choices: list[str]) -> str:
    """Return an Indonesian "did you mean" hint, or an empty string."""
    match = closest(word, choices)
    return f'Mungkin maksud Anda "{match}"?' if match else ""
