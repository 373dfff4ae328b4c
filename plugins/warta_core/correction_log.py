"""The public log of corrections, replies and withdrawals: ``/ralat/`` for the network and each kabupaten/kota.

A news network owns up to its mistakes in one place (issue 23; the Pedoman
Pemberitaan Media Siber asks that corrections, replies and withdrawals are
public and dated). Every event is one :class:`LogEvent`: a correction note
(``Ralat``), a right-of-reply story (``Hak-Jawab-Untuk``) or a withdrawal
(``Dicabut``). :func:`log_pages` groups them, newest first, into the network
page and one page per kabupaten/kota of the story's desa, at addresses that
reuse the wilayah slugs (``wilayah/lampung/kabupaten-pesawaran/`` becomes
``ralat/lampung/kabupaten-pesawaran/``), like the fact-check pages.

Pelican-free: the build adapter (warta_ralat) turns its articles into events.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from .regions import Region, Registry, kabupaten_code

LOG_URL = "ralat/"
CORRECTION, REPLY, WITHDRAWAL = "ralat", "hak-jawab", "pencabutan"
KIND_LABELS = {CORRECTION: "Ralat", REPLY: "Hak jawab", WITHDRAWAL: "Pencabutan"}


@dataclass(frozen=True)
class LogEvent:
    """One correction, reply or withdrawal, as the log and its feeds show it (plain values: its repr fingerprints)."""

    kind: str  # CORRECTION, REPLY or WITHDRAWAL
    date: dt.datetime
    id: str  # the event's own feed id, derived from the story's permanent one
    url: str  # where the event is read: the correction notes, the reply, the withdrawal notice (site-relative)
    story_title: str  # the story corrected, answered or withdrawn
    story_url: str
    kim_name: str  # the KIM that published the event
    kim_url: str
    text: str  # the note, who replies, or the reason and explanation
    kabupaten: tuple[str, ...] = ()  # kabupaten/kota codes of the story's desa

    @property
    def label(self) -> str:
        """The kind in words: "Ralat", "Hak jawab", "Pencabutan"."""
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class LogPage:
    """One log page: the network's or a kabupaten/kota's events, newest first, with counts per kind."""

    url: str
    title: str
    description: str
    events: tuple[LogEvent, ...]
    region: Region | None = None
    counts: dict[str, int] = field(default_factory=dict)  # per kind, every kind present (0 when none)
    template: str = "ralat"
    context: dict = field(default_factory=dict)  # what a listing's context would carry (feeds read .template first)


def region_log_url(region: Region) -> str:
    """``wilayah/lampung/kabupaten-pesawaran/`` -> ``ralat/lampung/kabupaten-pesawaran/``."""
    return LOG_URL + region.url.removeprefix("wilayah/")


def newest_first(events: list[LogEvent]) -> tuple[LogEvent, ...]:
    """Events by date, newest first; ties by kind and id, so the order is the same in every build."""
    ordered = sorted(events, key=lambda event: (event.kind, event.id))
    return tuple(sorted(ordered, key=lambda event: event.date, reverse=True))


def kind_counts(events: tuple[LogEvent, ...]) -> dict[str, int]:
    """How many events of each kind (every kind listed)."""
    counted = Counter(event.kind for event in events)
    return {kind: counted.get(kind, 0) for kind in KIND_LABELS}


def log_pages(events: list[LogEvent], registry: Registry, network_name: str) -> list[LogPage]:
    """The network's log page, then one per kabupaten/kota with events (by code)."""
    ordered = newest_first(events)
    pages = [
        LogPage(
            LOG_URL,
            "Ralat, Hak Jawab, dan Pencabutan",
            f"Catatan terbuka {network_name}: setiap ralat, hak jawab, dan pencabutan berita, terbaru lebih dulu.",
            ordered,
            counts=kind_counts(ordered),
        )
    ]
    grouped: dict[str, list[LogEvent]] = {}
    for event in ordered:
        for code in dict.fromkeys(event.kabupaten):
            grouped.setdefault(code, []).append(event)
    for code in sorted(grouped):
        region = registry.get(code)
        found = tuple(grouped[code])
        pages.append(
            LogPage(
                region_log_url(region),
                f"Ralat, Hak Jawab, dan Pencabutan di {region.label}",
                f"Setiap ralat, hak jawab, dan pencabutan berita KIM di {region.label}, terbaru lebih dulu.",
                found,
                region=region,
                counts=kind_counts(found),
            )
        )
    return pages


def kabupaten_of(desa_codes: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The kabupaten/kota codes of a story's desa, each once."""
    return tuple(dict.fromkeys(kabupaten_code(code) for code in desa_codes))
