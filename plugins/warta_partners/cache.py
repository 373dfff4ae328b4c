"""The partner cache: one JSON file per partner feed, written atomically.

``content/_mitra/<id>.json`` holds the feed's HTTP validators, its polling
state (moved, gone, asked to wait), its health and its entries; images live
in ``content/_mitra/gambar/``. Validators and entries sit in the same file
and are replaced together (write to a temporary file, then rename), so a 304
can never be answered with entries from another response, and a crash
mid-write leaves the previous file intact. The build reads only this folder.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from typing import Any

from warta_network.files import IMAGE_KINDS, image_kind

from .entries import IMAGE_FILE, Entry
from .http import Validators

logger = logging.getLogger("warta_partners")
FORMAT = 1
IMAGE_DIR = "gambar"


@dataclass
class Health:
    """What the last fetches of one feed found (shown by ``kim fetch`` and on /mitra/status/)."""

    outcome: str = "belum"  # see health.OUTCOMES
    last_attempt: dt.datetime | None = None
    last_success: dt.datetime | None = None
    last_status: int | None = None
    last_error: str | None = None
    new_entries: int = 0
    seconds: float | None = None


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
            },
            "entries": [entry.to_dict() for entry in self.entries],
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
                outcome=str(health.get("outcome") or "belum"),
                last_attempt=_date(health.get("last_attempt")),
                last_success=_date(health.get("last_success")),
                last_status=status if isinstance(status, int) and not isinstance(status, bool) else None,
                last_error=_str(health.get("last_error")),
                new_entries=int(health.get("new_entries") or 0),
                seconds=health.get("seconds") if isinstance(health.get("seconds"), (int, float)) else None,
            ),
            entries=entries,
        )


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _str(value: Any) -> str | None:
    return str(value) if isinstance(value, str) and value else None


def _date(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


class PartnerCache:
    """The cache folder: load and save feed states, store images."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.image_folder = os.path.join(folder, IMAGE_DIR)

    def path(self, partner_id: str) -> str:
        """File of one partner's state."""
        return os.path.join(self.folder, f"{partner_id}.json")

    def exists(self) -> bool:
        """True when the cache folder is there (it is absent before the first fetch)."""
        return os.path.isdir(self.folder)

    def load(self, partner_id: str) -> FeedState:
        """The partner's cached state; an empty one when there is none or it is damaged."""
        try:
            with open(self.path(partner_id), encoding="utf-8") as handle:
                data = json.load(handle)
        except FileNotFoundError:
            return FeedState(partner_id)
        except (OSError, ValueError) as error:
            logger.warning("warta_partners: cache %s tidak terbaca (%s)", self.path(partner_id), error)
            return FeedState(partner_id, damaged=True)
        return FeedState.from_dict(partner_id, data)

    def save(self, state: FeedState) -> None:
        """Replace the partner's file atomically."""
        text = json.dumps(state.to_dict(), ensure_ascii=False, indent=1, sort_keys=False) + "\n"
        write_atomically(self.path(state.partner_id), text.encode("utf-8"))

    def image_path(self, name: str) -> str | None:
        """Path of a cached image, if the name is one of ours and the file exists."""
        if not IMAGE_FILE.match(name):
            return None
        path = os.path.join(self.image_folder, name)
        if os.path.islink(path) or not os.path.isfile(path):
            return None  # the fetcher writes regular files only; a symlink here was planted by hand
        with open(path, "rb") as handle:
            kind = image_kind(path, handle.read(16))
        if IMAGE_KINDS.get(os.path.splitext(name)[1]) != kind:
            logger.warning("warta_partners: gambar cache %s bukan gambar %s yang sah; tidak diterbitkan", path, name)
            return None
        return path

    def save_image(self, name: str, data: bytes) -> None:
        """Store an image under its content-addressed name."""
        write_atomically(os.path.join(self.image_folder, name), data)

    def states(self) -> list[FeedState]:
        """Every cached feed state in the folder, by partner id."""
        if not self.exists():
            return []
        names = sorted(n[:-5] for n in os.listdir(self.folder) if n.endswith(".json") and not n.startswith("."))
        return [self.load(name) for name in names]

    def images_in_use(self) -> set[str]:
        """Image files referred to by any cached entry."""
        return {e.image_file for state in self.states() for e in state.entries if e.image_file}

    def remove_unused_images(self, used: set[str]) -> int:
        """Delete cached images no entry refers to any more; return how many."""
        if not os.path.isdir(self.image_folder):
            return 0
        removed = 0
        for name in os.listdir(self.image_folder):
            if IMAGE_FILE.match(name) and name not in used:
                os.remove(os.path.join(self.image_folder, name))
                removed += 1
        return removed


def write_atomically(path: str, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it over ``path``."""
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".baru-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise
