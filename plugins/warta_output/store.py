"""The fingerprint store: which page in one output folder was written from which fingerprint.

The next build skips a page when its fingerprint is the stored one and the
file exists, so the store may be trusted only while it describes the files on
disk. Three rules keep it so:

- Before a build writes its first page it leaves an "unfinished" marker beside
  the store, naming every page it may write; the marker is removed only after
  the new store has replaced the old one (both flushed to disk).
- The store holds each page's content hash next to its fingerprint. A build
  that finds the marker (the previous build was killed or failed part-way), or
  an output folder other than the one the store was written for, trusts a
  stored fingerprint only for a file whose bytes still hash to the stored
  value; every other page is rewritten. Reading the output back costs far less
  than rewriting it (README, "Interrupted builds").
- A missing or unreadable store trusts nothing. Every page that a previous
  build wrote or may have written and this build no longer produces is deleted.

The store trusts that only builds write into the output folder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from typing import Any

from warta_network.outputfiles import output_key

from .durable import remove_durably, write_json_durably

logger = logging.getLogger("warta_output")
STORE_FORMAT = 2


def output_identity(output_path: str) -> list[int] | None:
    """Which folder this is (device and inode): a replaced or recreated output folder is not the stored one."""
    try:
        status = os.stat(output_path)
    except OSError:
        return None
    return [status.st_dev, status.st_ino]


def file_digest(path: str) -> str | None:
    """Content hash of a written file; None when it is missing."""
    try:
        with open(path, "rb") as handle:
            return hashlib.sha1(handle.read()).hexdigest()
    except OSError:
        return None


def _read_json(path: str | None) -> Any:
    """The JSON in ``path``: None when absent, ``{}`` when unreadable (distrusted, not "no previous build")."""
    if not path or not os.path.exists(path):
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return {}


def _stored_pages(data: Any) -> dict[str, tuple[str, str]] | None:
    """Well-formed ``name -> (fingerprint key, content hash)`` entries; None when ``data`` is no store."""
    if not (isinstance(data, dict) and data.get("format") == STORE_FORMAT and isinstance(data.get("pages"), dict)):
        return None
    return {
        name: (entry[0], entry[1])
        for name, entry in data["pages"].items()
        if isinstance(entry, list) and len(entry) == 2 and all(isinstance(part, str) for part in entry)
    }


def _names(data: Any) -> set[str]:
    """Every page name a store or marker lists (any format: the first store was a bare name mapping)."""
    if isinstance(data, dict) and "format" in data:
        data = data.get("pages")
    return {name for name in data or () if isinstance(name, str)} if isinstance(data, dict | list) else set()


class PageStore:
    """Fingerprints of the pages in one output folder, from the previous and this build."""

    def __init__(self, cache_dir: str | None, output_path: str, build: str) -> None:
        name = output_key(output_path)
        self.path = os.path.join(cache_dir, f"warta-output-{name}.json") if cache_dir else None
        self.marker_path = os.path.join(cache_dir, f"warta-output-{name}.unfinished") if cache_dir else None
        self.output_path = output_path
        self.build = build
        stored, unfinished = _read_json(self.path), _read_json(self.marker_path)
        self.known = _names(stored) | _names(unfinished)  # written, or maybe written, by an earlier build
        self.previous = self._trusted(stored, unfinished)
        self.current: dict[str, str] = {}
        self.skipped: set[str] = set()
        self.stored: dict[str, list[str]] | None = None  # after ``finish``: name -> [fingerprint key, content hash]

    def _trusted(self, stored: Any, unfinished: Any) -> dict[str, tuple[str, str]]:
        """The stored entries that describe the files on disk."""
        if stored is None and unfinished is None:
            return {}  # first build into this folder
        pages = _stored_pages(stored)
        if pages is None:
            why = "belum ada (pembangunan pertama terhenti)" if stored is None else "rusak atau berformat lama"
            logger.warning(
                "warta_output: catatan sidik halaman %s %s; semua halaman di %s ditulis ulang.",
                self.path,
                why,
                self.output_path,
            )
            return {}
        if unfinished is None and stored.get("output") == output_identity(self.output_path):
            return pages
        folder = self.output_path
        verified = {name: entry for name, entry in pages.items() if file_digest(os.path.join(folder, name)) == entry[1]}
        logger.warning(
            "warta_output: pembangunan sebelumnya ke %s %s; %d dari %d halaman tercatat masih utuh, "
            "sisanya ditulis ulang.",
            self.output_path,
            "terhenti sebelum selesai" if unfinished is not None else "memakai folder lain dengan nama yang sama",
            len(verified),
            len(pages),
        )
        return verified

    def key(self, fingerprint: Any) -> str:
        """The fingerprint of one output file within this build."""
        return hashlib.sha1(f"{self.build}|{fingerprint!r}".encode()).hexdigest()

    def unchanged(self, name: str, fingerprint: Any) -> bool:
        """Record the file's fingerprint; True when the trusted store has the same and the file exists."""
        key = self.key(fingerprint)
        self.current[name] = key
        entry = self.previous.get(name)
        if entry is not None and entry[0] == key and os.path.exists(os.path.join(self.output_path, name)):
            self.skipped.add(name)
            return True
        return False

    def begin(self, produced: set[str]) -> None:
        """Before the first write: mark the output unfinished, naming every page it may hold afterwards."""
        if self.marker_path:
            os.makedirs(os.path.dirname(self.marker_path), exist_ok=True)
            write_json_durably(self.marker_path, {"format": STORE_FORMAT, "pages": sorted(self.known | produced)})

    def stale(self, produced: set[str]) -> list[str]:
        """Files an earlier build wrote (or may have) that this build no longer produces."""
        return sorted(self.known - produced)

    def finish(self) -> None:
        """After every write and deletion: store fingerprints and content hashes, then clear the marker."""
        if not self.path:
            return
        pages = {}
        for name, key in self.current.items():
            digest = (
                self.previous[name][1]
                if name in self.skipped
                else file_digest(os.path.join(self.output_path, name))  # read back: written by any process
            )
            if digest is not None:
                pages[name] = [key, digest]
        os.sync()  # the pages themselves reach the disk before a store that calls them current
        store = {"format": STORE_FORMAT, "output": output_identity(self.output_path), "pages": pages}
        write_json_durably(self.path, store)
        remove_durably(self.marker_path)
        self.stored = pages
