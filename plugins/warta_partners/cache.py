"""The partner cache: one JSON file per partner feed, written atomically.

``content/_mitra/<id>.json`` holds the feed's HTTP validators, its polling
state (moved, gone, asked to wait), its health and its entries; images live
in ``content/_mitra/gambar/``. Validators and entries sit in the same file
and are replaced together (write to a temporary file, then rename), so a 304
can never be answered with entries from another response, and a crash
mid-write leaves the previous file intact. The build reads only this folder.

Shared by both halves: the fetch side saves states and images, the build
side loads them; what a state holds is :mod:`model`. This module imports
neither half.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from warta_core.atomic import write_atomically
from warta_core.files import IMAGE_KINDS, image_kind

from .entries import IMAGE_FILE
from .model import FeedState

logger = logging.getLogger("warta_partners")
IMAGE_DIR = "gambar"


def cache_folder(settings: dict[str, Any]) -> str:
    """Absolute cache folder from the settings."""
    return os.path.join(os.path.abspath(settings["PATH"]), settings["WARTA_MITRA_CACHE_DIR"])


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
        write_atomically(self.path(state.partner_id), text.encode("utf-8"), sync=True)

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
        write_atomically(os.path.join(self.image_folder, name), data, sync=True)

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
