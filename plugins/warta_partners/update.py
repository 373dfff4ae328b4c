"""Turning one fetch outcome into the partner's next cached state.

Rules (the Planet Venus spider's, adapted): a new document's entries are
merged with the cached ones by key, keeping when each was first seen (what
a changed or withdrawn entry does is stated in :mod:`upstream`); a
failure of any kind keeps the last good entries; the partner's keyword
filters, the maximum age and the maximum count are applied to the merged
set every time, so an edit to ``mitra.yml`` or a long outage still trims the
cache. HTTP state is kept per feed: validators for conditional GET, a
permanent move (fetched at its new address while the configured URL stays
the same, and forgotten as soon as that address is refused by the address
rules of ``addresses``: the configured URL is then fetched again), 410 (not
polled again until the partner's entry changes), and Retry-After (not polled
before that time).
"""

from __future__ import annotations

import datetime as dt

from .config import Partner
from .entries import Entry
from .http import HttpResult
from .model import (
    FAILED,
    GONE,
    MAX_REFUSED_NOTES,
    SKIPPED_GONE,
    SKIPPED_WAIT,
    UNCHANGED,
    UPDATED,
    WAITING,
    FeedState,
    Health,
)
from .normalise import ParsedFeed
from .phrases import contains_any, words
from .upstream import apply_tombstones, carry_over, recent_removals
from .urls import link_key


def request_url(partner: Partner, state: FeedState) -> str:
    """Where to fetch: the permanent new address while the configured one is unchanged."""
    if state.moved_to and state.moved_from == partner.feed:
        return state.moved_to
    return partner.feed


def forget_refused_move(state: FeedState, partner: Partner, result: HttpResult) -> str | None:
    """Drop a remembered move whose own address was just refused; the note says so (None: nothing forgotten).

    The caller fetches ``partner.feed`` again: a move recorded before the address rules existed, or while
    the address was on the local allowlist, must not keep the feed pointed at it.
    """
    moved_to = request_url(partner, state)
    if moved_to == partner.feed or result.refused != moved_to:
        return None
    state.moved_from = state.moved_to = None
    return (
        f"Pindahan permanen yang tersimpan ke {moved_to} dilupakan; umpan diambil lagi dari kolom `umpan`. "
        f"{result.error}"
    )


def refused_notes(notes: list[str]) -> tuple[str, ...]:
    """At most ``MAX_REFUSED_NOTES`` notes, the last one counting the rest."""
    if len(notes) <= MAX_REFUSED_NOTES:
        return tuple(notes)
    rest = len(notes) - MAX_REFUSED_NOTES + 1
    return (*notes[: MAX_REFUSED_NOTES - 1], f"{rest} alamat lain juga ditolak.")


def skip_reason(partner: Partner, state: FeedState, now: dt.datetime) -> str | None:
    """Outcome code when the feed must not be polled now (410 for this entry, or Retry-After)."""
    if state.gone_fingerprint and state.gone_fingerprint == partner.fingerprint:
        return SKIPPED_GONE
    if state.retry_at and state.retry_at > now:
        return SKIPPED_WAIT
    return None


def keep_entry(entry: Entry, partner: Partner) -> bool:
    """The partner's ``sertakan`` / ``kecualikan`` keyword filters."""
    text_words = words(f"{entry.title} {entry.text}")
    if partner.include and not contains_any(text_words, partner.include):
        return False
    return not (partner.exclude and contains_any(text_words, partner.exclude))


def merge_entries(old: list[Entry], new: list[Entry], now: dt.datetime) -> tuple[list[Entry], int, int]:
    """New entries (document order) then old ones not seen again; count the really new and the revised ones."""
    previous = {entry.key: entry for entry in old}
    merged: list[Entry] = []
    seen_keys: set[str] = set()
    seen_links: set[str] = set()
    fresh = revised = 0
    for entry in new:
        before = previous.get(entry.key)
        if before is None:
            fresh += 1
        else:
            revised += carry_over(before, entry, now)
        merged.append(entry)
    new_keys = {entry.key for entry in new}
    merged += [entry for entry in old if entry.key not in new_keys]
    unique = []
    for entry in merged:
        link = link_key(entry.link) if entry.link else None
        if entry.key in seen_keys or (link and link in seen_links):
            continue
        seen_keys.add(entry.key)
        if link:
            seen_links.add(link)
        unique.append(entry)
    return unique, fresh, revised


def trim(entries: list[Entry], partner: Partner, now: dt.datetime, max_age_days: int, max_items: int) -> list[Entry]:
    """Filters, expiry and the count limit; newest first."""
    kept = [entry for entry in entries if keep_entry(entry, partner)]
    if max_age_days:
        oldest = now - dt.timedelta(days=max_age_days)
        kept = [entry for entry in kept if entry.published >= oldest]
    kept.sort(key=lambda entry: (entry.published, entry.key), reverse=True)
    return kept[: partner.max_items or max_items]


def apply_outcome(
    state: FeedState,
    partner: Partner,
    result: HttpResult | None,
    parsed: ParsedFeed | None,
    now: dt.datetime,
    *,
    max_age_days: int,
    max_items: int,
    seconds: float | None = None,
    skipped: str | None = None,
    error: str | None = None,
    refused: tuple[str, ...] = (),
) -> FeedState:
    """The next state after a fetch (``result``), a skip, or an abandoned fetch (``error``).

    ``refused`` notes addresses refused besides the feed's own (a forgotten move); images add theirs later.
    """
    health = state.health
    next_health = Health(
        outcome=FAILED,
        last_attempt=now if skipped is None else health.last_attempt,
        last_success=health.last_success,
        last_status=health.last_status,
        last_error=health.last_error,
        seconds=seconds,
        refused=refused if skipped is None else health.refused,
    )
    if skipped:
        next_health.outcome = skipped
    elif error or result is None:
        next_health.last_status = None
        next_health.last_error = error or "Pengambilan tidak selesai."
    else:
        _apply_http(state, partner, result, parsed, now, next_health)
    if state.gone_fingerprint and state.gone_fingerprint != partner.fingerprint:
        state.gone_fingerprint = state.gone_since = None  # the entry changed: poll again
    state.health = next_health
    state.entries = trim(state.entries, partner, now, max_age_days, max_items)
    state.removals = recent_removals(state.removals, now)
    return state


def _apply_http(
    state: FeedState, partner: Partner, result: HttpResult, parsed: ParsedFeed | None, now: dt.datetime, health: Health
) -> None:
    health.last_status = result.status
    if result.permanent_url and result.permanent_url != request_url(partner, state):
        state.moved_from, state.moved_to = partner.feed, result.permanent_url
    elif state.moved_from != partner.feed:
        state.moved_from = state.moved_to = None
    state.retry_at = result.retry_at
    if result.kind == "ok" and parsed is not None and parsed.usable:
        merged, health.new_entries, health.revised_entries = merge_entries(state.entries, parsed.entries, now)
        listed = {entry.key for entry in parsed.entries}
        state.entries, removed = apply_tombstones(merged, parsed.tombstones.found, listed, now)
        state.removals = removed + state.removals
        health.removed_entries, health.ignored_tombstones = len(removed), parsed.tombstones.ignored
        state.validators = result.validators
        health.outcome, health.last_success, health.last_error = UPDATED, now, None
        if parsed.skipped:
            health.last_error = f"{parsed.skipped} berita tanpa judul dilewati."
    elif result.kind == "ok":
        health.last_error = parsed.problem if parsed else "Isi umpan tidak bisa dibaca."
    elif result.kind == "not-modified":
        health.outcome, health.last_success, health.last_error = UNCHANGED, now, None
    elif result.kind == "gone":
        health.outcome, health.last_error = GONE, result.error
        state.gone_fingerprint, state.gone_since = partner.fingerprint, now
    else:
        health.outcome = WAITING if result.retry_at else FAILED
        health.last_error = result.error
