"""Is the search index still current? Then a rebuild need not run Pagefind again.

Pagefind cannot update an index in place: every run reads every article page
(about 10 s and 1.4 GB at 10,000 articles). Most rebuilds change no article
page at all (a partner fetch, a profile edit, a build with nothing new), so
the index is rebuilt only when the article pages changed. What the index was
made from is summed up as one digest of the article pages' names and the
hashes of their indexed parts (:func:`indexed_part`: a new story changes the
"previous/next story" links of older pages, not what Pagefind reads of them),
found through the content hashes of warta_output's page store *after* it
recorded this build's files; the digest, the Pagefind program and the glob are kept in a stamp in
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

STAMP_FORMAT = 4  # 2: the bundle holds the vocabulary (kata/) too; 3: one stamp per part; 4: indexed parts
KNOWN = "known"  # the stamp's map of content hash -> indexed-part hash (not part of what must match)
_FIELD = re.compile(r"\{[^}]*\}")


def article_glob(settings: dict[str, Any]) -> str:
    """Pagefind's glob for the article pages, from ``ARTICLE_SAVE_AS`` (only they carry ``data-pagefind-body``)."""
    return _FIELD.sub("*", settings["ARTICLE_SAVE_AS"]) if settings.get("ARTICLE_SAVE_AS") else "**/*.{html}"


def article_pattern(settings: dict[str, Any]) -> re.Pattern[str]:
    """The same pages as a regular expression over output names (a field never spans folders)."""
    save_as = settings.get("ARTICLE_SAVE_AS") or ""
    parts = _FIELD.split(save_as)
    return re.compile("[^/]+".join(re.escape(part) for part in parts) + r"\Z")


INDEXED_END = "</article>"  # article.html: the story (data-pagefind-body) ends here; story links follow


def indexed_part(html: str) -> str:
    """What Pagefind can read of an article page: everything up to the story's end (its last ``</article>``).

    The story element carries ``data-pagefind-body`` and every filter and meta; the head and the site's
    header come before it. After it come the links to the KIM's previous and next stories and to related
    ones, which change when another story is published: they are not indexed, so a new story does not
    make the index of the older stories' part stale. A page without that end counts whole.
    """
    end = html.rfind(INDEXED_END)
    return html if end < 0 else html[: end + len(INDEXED_END)]


def indexed_digest(output: str, stored: dict[str, list[str]], names: Iterable[str], known: dict[str, str]) -> str:
    """Digest of the names and indexed parts of the pages Pagefind indexes (those of ``names`` written).

    ``known`` maps a page's content hash (from the page store) to the hash of its indexed part; it is filled
    here for pages not seen before, so only pages whose bytes changed are read (keep it with the stamp).
    """
    digest = hashlib.sha1()
    for name in sorted(name for name in names if name in stored):
        content_hash = stored[name][1]
        part_hash = known.get(content_hash)
        if part_hash is None:
            try:
                with open(os.path.join(output, name), encoding="utf-8", errors="replace") as handle:
                    part_hash = hashlib.sha1(indexed_part(handle.read()).encode()).hexdigest()
            except OSError:
                part_hash = content_hash  # unreadable now: Pagefind will say why when it runs
            known[content_hash] = part_hash
        digest.update(f"{name}\0{part_hash}\n".encode())
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

    def _load(self) -> dict[str, Any]:
        if not self.path:
            return {}
        try:
            with open(self.path, encoding="utf-8") as handle:
                stamp = json.load(handle)
        except (OSError, ValueError):
            return {}
        return stamp if isinstance(stamp, dict) and stamp.get("format") == STAMP_FORMAT else {}

    def matches(self, expected: dict[str, Any]) -> bool:
        """True when the stamp describes exactly ``expected``."""
        stamp = self._load()
        stamp.pop(KNOWN, None)
        return bool(stamp) and stamp == {"format": STAMP_FORMAT, **expected}

    def known_parts(self) -> dict[str, str]:
        """Content hash -> indexed-part hash of the pages the last complete index was made from."""
        known = self._load().get(KNOWN)
        return dict(known) if isinstance(known, dict) else {}

    def clear(self) -> None:
        """Forget the stamp (before an index is replaced)."""
        if self.path and os.path.exists(self.path):
            os.remove(self.path)

    def record(self, expected: dict[str, Any], known: dict[str, str] | None = None) -> None:
        """Remember ``expected`` (and the indexed-part hashes ``known``) once a complete index is in place."""
        if self.path:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            stamp = {"format": STAMP_FORMAT, **expected, **({KNOWN: known} if known else {})}
            write_atomically(self.path, json.dumps(stamp).encode(), sync=True)
