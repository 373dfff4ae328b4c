"""One way to fingerprint what a page shows, for incremental rendering.

An article or page carries ``page_digest`` (what its own page shows) and
``entry_digest`` (what listings and feeds show of it); plugins that add to a
page extend them with :func:`extended`. warta_output's writer combines the
fingerprint with the build-wide digest and skips pages whose fingerprint it
has already written. Pure Python, so the core and every plugin share it.
"""

from __future__ import annotations

import hashlib


def digest(*parts: object) -> str:
    """A stable hexadecimal fingerprint of ``parts`` (their ``repr``: strings, numbers, dates, tuples of them)."""
    return hashlib.sha1(repr(parts).encode()).hexdigest()


def extended(previous: str, *parts: object) -> str:
    """``previous`` fingerprint extended with what one more plugin shows on the page."""
    return digest(previous, *parts)
