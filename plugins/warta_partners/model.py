"""What the partner cache stores about one feed: the model both halves share.

The fetch side (``spider``, ``http``, ``update``, ``images``) produces these
records and the cache writes them; the build side (``index``, ``health``,
``generator``) only reads them back. Keeping them here, with no import of
either half, is what lets ``kim bangun`` run without loading the fetcher or
httpx (``tests/warta_partners/test_partners_layers.py`` holds both halves to that). The
entries themselves are :class:`entries.Entry`, shared the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .entries import Entry
from .textclean import clean_text

FORMAT = 1  # version of the cache file layout; another value reads as a damaged file
MAX_REFUSED_NOTES = 5  # refused addresses kept per attempt (the rest are counted in the last note)
MAX_REMOVALS = 20  # removals by tombstone remembered per feed, newest first (shown on /mitra/status/)
REMOVAL_DAYS = 30  # and for this long after the fetch that removed them
MAX_REMOVAL_TEXT = 320  # characters of a remembered title or reason (the fetch keeps them to about 300)

_COUNTERS = ("revised_entries", "removed_entries", "ignored_tombstones")  # Health fields saved only when non-zero

# Outcomes of the last fetch attempt, as recorded in the cache (their Indonesian labels live in health.py).
NEVER, UPDATED, UNCHANGED, FAILED, GONE, WAITING, SKIPPED_GONE, SKIPPED_WAIT = (
    "belum",
    "diperbarui",
    "tidak-berubah",
    "gagal",
    "hilang",
    "ditunda",
    "dihentikan",
    "menunggu",
)


@dataclass(frozen=True)
class Validators:
    """ETag / Last-Modified of the last full response, and the URL they belong to."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Health:
    """What the last fetches of one feed found (shown by ``kim ambil`` and on /mitra/status/)."""

    outcome: str = NEVER
    last_attempt: dt.datetime | None = None
    last_success: dt.datetime | None = None
    last_status: int | None = None
    last_error: str | None = None
    new_entries: int = 0
    seconds: float | None = None
    refused: tuple[str, ...] = ()  # addresses refused in that attempt besides the feed's own (images, a move)
    revised_entries: int = 0  # cached entries the feed changed (title, summary, link, image or its <updated>)
    removed_entries: int = 0  # cached entries removed by the document's tombstones
    ignored_tombstones: int = 0  # tombstones not valid (no ref, a bad ``when``), repeated or past the bound


@dataclass(frozen=True)
class Removal:
    """An entry taken out of the cache because its feed announced it withdrawn (an RFC 6721 tombstone)."""

    title: str  # the entry's title as it was shown
    withdrawn: dt.datetime  # the tombstone's ``when``
    removed: dt.datetime  # the fetch that removed it
    comment: str = ""  # the tombstone's ``at:comment``: the partner's reason, plain text

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "title": self.title,
            "withdrawn": self.withdrawn.isoformat(),
            "removed": self.removed.isoformat(),
            "comment": self.comment,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Removal | None:
        """Re-check a cached removal (its text is shown); None when it is unusable."""
        if not isinstance(data, dict):
            return None
        withdrawn, removed = _date(data.get("withdrawn")), _date(data.get("removed"))
        title, comment = (
            clean_text(str(data.get(name) or "")[:4096])[:MAX_REMOVAL_TEXT] for name in ("title", "comment")
        )
        if withdrawn is None or removed is None or not title:
            return None
        return cls(title, withdrawn, removed, comment)


@dataclass
class FeedState:
    """Everything cached about one partner's feed."""

    partner_id: str
    validators: Validators | None = None
    moved_from: str | None = None  # the configured URL that answered 301/308 …
    moved_to: str | None = None  # … and where it moved; fetched directly while the config is unchanged
    gone_fingerprint: str | None = None  # entry fingerprint when the feed answered 410
    gone_since: dt.datetime | None = None
    retry_at: dt.datetime | None = None
    health: Health = field(default_factory=Health)
    entries: list[Entry] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)  # newest first; see MAX_REMOVALS and REMOVAL_DAYS
    damaged: bool = False  # the file existed but could not be read

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        validators = self.validators
        return {
            "format": FORMAT,
            "partner": self.partner_id,
            "http": (
                {"url": validators.url, "etag": validators.etag, "last_modified": validators.last_modified}
                if validators
                else None
            ),
            "state": {
                "moved_from": self.moved_from,
                "moved_to": self.moved_to,
                "gone_fingerprint": self.gone_fingerprint,
                "gone_since": _iso(self.gone_since),
                "retry_at": _iso(self.retry_at),
            },
            "health": {
                "outcome": self.health.outcome,
                "last_attempt": _iso(self.health.last_attempt),
                "last_success": _iso(self.health.last_success),
                "last_status": self.health.last_status,
                "last_error": self.health.last_error,
                "new_entries": self.health.new_entries,
                "seconds": self.health.seconds,
                **({"refused": list(self.health.refused)} if self.health.refused else {}),
                **{name: getattr(self.health, name) for name in _COUNTERS if getattr(self.health, name)},
            },
            "entries": [entry.to_dict() for entry in self.entries],
            **({"removals": [removal.to_dict() for removal in self.removals]} if self.removals else {}),
        }

    @classmethod
    def from_dict(cls, partner_id: str, data: Any) -> FeedState:
        """Read a cached state defensively; unreadable parts fall back to defaults."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return cls(partner_id, damaged=True)
        http = data.get("http") if isinstance(data.get("http"), dict) else None
        state = data.get("state") if isinstance(data.get("state"), dict) else {}
        health = data.get("health") if isinstance(data.get("health"), dict) else {}
        entries = [e for e in map(Entry.from_dict, data.get("entries") or []) if e is not None]
        status = health.get("last_status")
        return cls(
            partner_id,
            validators=(
                Validators(str(http.get("url")), _str(http.get("etag")), _str(http.get("last_modified")))
                if http and http.get("url")
                else None
            ),
            moved_from=_str(state.get("moved_from")),
            moved_to=_str(state.get("moved_to")),
            gone_fingerprint=_str(state.get("gone_fingerprint")),
            gone_since=_date(state.get("gone_since")),
            retry_at=_date(state.get("retry_at")),
            health=Health(
                outcome=str(health.get("outcome") or NEVER),
                last_attempt=_date(health.get("last_attempt")),
                last_success=_date(health.get("last_success")),
                last_status=status if isinstance(status, int) and not isinstance(status, bool) else None,
                last_error=_str(health.get("last_error")),
                new_entries=int(health.get("new_entries") or 0),
                seconds=health.get("seconds") if isinstance(health.get("seconds"), (int, float)) else None,
                refused=tuple(note for note in _list(health.get("refused")) if isinstance(note, str) and note),
                **{name: _count(health.get(name)) for name in _COUNTERS},
            ),
            entries=entries,
            removals=[r for r in map(Removal.from_dict, _list(data.get("removals"), MAX_REMOVALS)) if r is not None],
        )


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _str(value: Any) -> str | None:
    return str(value) if isinstance(value, str) and value else None


def _list(value: Any, limit: int = MAX_REFUSED_NOTES) -> list[Any]:
    return value[:limit] if isinstance(value, list) else []


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1_000_000 else 0


def _date(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
