r"""URLs from partner feeds: only absolute http(s) addresses survive.

Browsers ignore tabs and newlines inside URLs and accept odd case, so
``java\tscript:`` and ``JaVaScRiPt:`` are the same as ``javascript:``; the
scheme is therefore judged after removing what a browser would remove, and
anything that is not plainly http or https (``javascript:``, ``data:``,
``vbscript:``, ``file:``) is dropped.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

MAX_URL_LENGTH = 2048
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]")
_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)=", re.IGNORECASE)


def safe_http_url(value: object, base: str | None = None) -> str | None:
    """The absolute http(s) URL ``value`` points to, or None when it is anything else.

    Relative references are resolved against ``base`` (the feed's own address).
    """
    if not isinstance(value, str):
        return None
    text = _INVISIBLE.sub("", value)
    if not text or len(text) > MAX_URL_LENGTH:
        return None
    if base and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", text):
        text = urljoin(base, text)
    try:
        parts = urlsplit(text)
        port = parts.port  # raises ValueError on a malformed port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if "\\" in parts.netloc or "@" in parts.netloc:
        return None  # credentials or backslash tricks: never link to them
    host = parts.hostname.lower()
    netloc = f"{host}:{port}" if port else host
    if ":" in host:
        netloc = f"[{host}]:{port}" if port else f"[{host}]"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, parts.fragment))


def link_key(url: str) -> str:
    """A link reduced for duplicate detection: no scheme, ``www.``, fragment, tracking or trailing slash."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    query = "&".join(p for p in parts.query.split("&") if p and not _TRACKING.match(p))
    path = parts.path.rstrip("/") or "/"
    return f"{host}{path}?{query}" if query else f"{host}{path}"
