"""Is the search index still current? Then a rebuild need not run Pagefind again.

Pagefind cannot update an index in place: every run reads every article page
(about 10 s and 1.4 GB at 10,000 articles). Most rebuilds change no article
page at all (a partner fetch, a profile edit, a build with nothing new), so
the index is rebuilt only when the article pages changed. What the index was
made from is summed up as one digest of the article pages' names and content
hashes, taken from warta_output's page store *after* it recorded this build's
files; the digest, the Pagefind program and the glob are kept in a stamp in
``CACHE_PATH``, one per part of the index (:mod:`.partitions`), so an edit of
this year's story leaves the archive's index alone. The stamp is written only after a complete index replaced the
old one, so a build killed before or during indexing leaves no stamp that
matches, and the next build indexes again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from typing import Any

from warta_core.atomic import write_atomically
from warta_network.outputfiles import output_key

STAMP_FORMAT = 3  # 2: the bundle holds the vocabulary (kata/) too; 3: one stamp per part
_FIELD = re.compile(r"\{[^}]*\}")


def article_glob(settings: dict[str, Any]) -> str:
    """Pagefind's glob for the article pages, from ``ARTICLE_SAVE_AS`` (only they carry ``data-pagefind-body``)."""
    return _FIELD.sub("*", settings["ARTICLE_SAVE_AS"]) if settings.get("ARTICLE_SAVE_AS") else "**/*.{html}"


def article_pattern(settings: dict[str, Any]) -> re.Pattern[str]:
    """The same pages as a regular expression over output names (a field never spans folders)."""
    save_as = settings.get("ARTICLE_SAVE_AS") or ""
    parts = _FIELD.split(save_as)
    return re.compile("[^/]+".join(re.escape(part) for part in parts) + r"\Z")


def indexed_digest(stored: dict[str, list[str]], names: Iterable[str]) -> str:
    """Digest of the names and content hashes of the pages Pagefind indexes (those of ``names`` written)."""
    digest = hashlib.sha1()
    for name in sorted(name for name in names if name in stored):
        digest.update(f"{name}\0{stored[name][1]}\n".encode())
    return digest.hexdigest()


def program_identity(program: str) -> list[Any]:
    """The Pagefind program's path, size and time: a new version means a new index."""
    status = os.stat(program)
    return [os.path.abspath(program), status.st_size, status.st_mtime_ns]


class IndexStamp:
    """What one part of the index in one output folder was built from, kept beside the page store."""

    def __init__(self, cache_dir: str | None, output_path: str, part: str = "pagefind") -> None:
        name = f"warta-search-{output_key(output_path)}-{part.replace('/', '-')}.json"
        self.path = os.path.join(cache_dir, name) if cache_dir else None

    def matches(self, expected: dict[str, Any]) -> bool:
        """True when the stamp describes exactly ``expected``."""
        if not self.path:
            return False
        try:
            with open(self.path, encoding="utf-8") as handle:
                return json.load(handle) == {"format": STAMP_FORMAT, **expected}
        except (OSError, ValueError):
            return False

    def clear(self) -> None:
        """Forget the stamp (before an index is replaced)."""
        if self.path and os.path.exists(self.path):
            os.remove(self.path)

    def record(self, expected: dict[str, Any]) -> None:
        """Remember ``expected`` once a complete index is in place."""
        if self.path:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            write_atomically(self.path, json.dumps({"format": STAMP_FORMAT, **expected}).encode(), sync=True)
