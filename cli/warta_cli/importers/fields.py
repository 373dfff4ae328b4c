"""Header values of imported stories: titles, names and summaries as text, exactly.

A title in an export is text: the XML parser decodes its entities once and
nothing decodes them again (``&lol1;`` stays ``&lol1;``). Inline formatting
tags that WordPress lets writers put in a title (``Mark<sup>up</sup>``) are
replaced by their text without adding a space ("Markup"); anything else that
looks like a tag (``<html>``) is literal text and kept as written, since the
templates escape it. Control and direction-override characters are removed
with the partner pipeline's cleaner, the same rule partner titles follow.
"""

from __future__ import annotations

import re

from warta_partners.textclean import clean_text, shorten

SUMMARY_LENGTH = 300
# A sentence end inside a summary is a good place to stop if it keeps at least this much.
SUMMARY_SENTENCE_MINIMUM = 120
_INLINE_TAG = re.compile(r"</?(?:sup|sub|b|i|em|strong|span|small|u|mark|abbr|code|q|s)(?:\s[^<>]*)?/?>", re.I)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…](?=\s)")
# Account names that blogs show instead of a person.
NOT_A_PERSON = {
    "admin", "administrator", "adminweb", "admin web", "webmaster", "operator", "unknown", "anonymous", "anonim",
    "noreply", "no-reply", "user", "editor", "redaksi web", "root", "redaksi", "tim redaksi", "admin desa",
    "operator desa", "humas",
}  # fmt: skip


def title_text(written: str) -> str:
    """A title as readers saw it: inline tags give their text, other characters stay as written."""
    text = _BREAK_TAG.sub(" ", written)
    return clean_text(_INLINE_TAG.sub("", text))


def person_name(written: str) -> str:
    """A name on one line, or "" when it is only an account name such as "admin"."""
    name = clean_text(written)
    return "" if name.casefold() in NOT_A_PERSON else name


def summary_text(written: str, limit: int = SUMMARY_LENGTH) -> str:
    """A summary within ``limit`` characters: cut at a sentence end, else at a word with an ellipsis."""
    text = clean_text(written)
    if len(text) <= limit:
        return text
    ends = [match.end() for match in _SENTENCE_END.finditer(text[: limit + 1])]
    if ends and ends[-1] >= SUMMARY_SENTENCE_MINIMUM:
        return text[: ends[-1]]
    return shorten(text, limit - 1)
