"""One HTTP exchange with a partner server, on a short leash.

httpx does the connections and timeouts; this module adds what a feed
fetcher owes its servers and itself: conditional GET with the stored
validators, redirects followed by hand (bounded, loop-checked, http(s) only,
permanent moves remembered, every hop's address checked by the transport
before it connects: see ``addresses`` and ``transport``), a body cap checked
on the raw stream and on the decompressed bytes, and Retry-After understood.
Errors come back as values with an Indonesian message (a refused address
too); nothing here raises on a bad server.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from dataclasses import dataclass

import httpx

from .addresses import AddressRefused
from .decompress import BadContentEncoding, BodyTooLarge, BoundedDecoder
from .model import Validators
from .urls import safe_http_url

MAX_RETRY_AFTER = dt.timedelta(days=7)
DEFAULT_429_WAIT = dt.timedelta(hours=1)
REDIRECTS = (301, 302, 303, 307, 308)
PERMANENT = (301, 308)
FEED_ACCEPT = "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, */*;q=0.5"
STATUS_WORDS = {
    400: "permintaan ditolak",
    401: "perlu login",
    403: "akses ditolak",
    404: "alamat tidak ditemukan",
    405: "metode tidak diizinkan",
    406: "format tidak tersedia",
    408: "server kehabisan waktu",
    410: "umpan sudah dihapus",
    429: "terlalu banyak permintaan",
    500: "galat di server",
    502: "gateway rusak",
    503: "layanan sedang tidak tersedia",
    504: "gateway kehabisan waktu",
}


@dataclass
class HttpResult:
    """What one fetch produced: a body, "not modified", or an error in Indonesian."""

    kind: str  # "ok", "not-modified", "gone", "error"
    url: str  # the last URL requested
    status: int | None = None
    body: bytes = b""
    content_type: str = ""
    validators: Validators | None = None
    permanent_url: str | None = None  # where a 301/308 chain from the first URL led
    retry_at: dt.datetime | None = None
    error: str | None = None
    refused: str | None = None  # the URL whose address the fetcher refused (addresses.py); ``error`` says why


@dataclass(frozen=True)
class Limits:
    """Caps of one request: body bytes (decompressed), redirects, and timeouts for messages."""

    max_bytes: int
    max_redirects: int
    connect_timeout: float
    read_timeout: float


def parse_retry_after(value: str | None, now: dt.datetime) -> dt.datetime | None:
    """When a server asked us to come back (seconds or an HTTP date), capped at a week."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        delay = dt.timedelta(seconds=min(int(value[:12]), int(MAX_RETRY_AFTER.total_seconds())))
        return now + delay
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return min(max(when, now), now + MAX_RETRY_AFTER)


def describe_size(size: int) -> str:
    """``4 MB`` / ``300 KB`` for messages."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.0f} MB"
    return f"{size / 1024:.0f} KB"


async def read_body(response: httpx.Response, limit: int) -> bytes:
    """The decoded body, raising BodyTooLarge as soon as the cap is passed."""
    declared = response.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(limit)
    decoder = BoundedDecoder(response.headers.get("content-encoding", ""), limit)
    received = 0
    async for chunk in response.aiter_raw():
        received += len(chunk)
        if received > limit:
            raise BodyTooLarge(limit)
        decoder.feed(chunk)
    return decoder.finish()


def _request_headers(url: str, validators: Validators | None, accept: str) -> dict[str, str]:
    headers = {"Accept": accept, "Accept-Encoding": "gzip, deflate"}
    if validators and validators.url == url:
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
    return headers


def _status_error(status: int) -> str:
    words = STATUS_WORDS.get(status)
    return f"Server menjawab HTTP {status}" + (f" ({words})." if words else ".")


async def fetch_url(
    client: httpx.AsyncClient,
    url: str,
    limits: Limits,
    now: dt.datetime,
    validators: Validators | None = None,
    accept: str = FEED_ACCEPT,
) -> HttpResult:
    """GET ``url`` following at most ``limits.max_redirects`` redirects; never raises for a bad server."""
    visited = {url}
    permanent_url = None
    still_permanent = True
    status = None
    for hop in range(limits.max_redirects + 1):
        try:
            result = await _one_request(client, url, limits, now, validators, accept)
        except AddressRefused as refused:
            reason = refused.refusal.message
            error = f"Server mengalihkan ke {url}, tetapi {reason}." if hop else f"Alamat {url} ditolak: {reason}."
            return HttpResult("error", url, status, error=error, refused=url)
        except BodyTooLarge:
            return HttpResult("error", url, error=f"Isi umpan melebihi batas {describe_size(limits.max_bytes)}.")
        except BadContentEncoding as error:
            return HttpResult("error", url, error=f"Isi terkompresi tidak bisa dibuka ({error}).")
        except httpx.ConnectTimeout:
            return HttpResult("error", url, error=f"Server tidak tersambung dalam {limits.connect_timeout:g} detik.")
        except httpx.ReadTimeout:
            return HttpResult("error", url, error=f"Server diam lebih dari {limits.read_timeout:g} detik.")
        except httpx.TimeoutException:
            return HttpResult("error", url, error="Server terlalu lambat (batas waktu habis).")
        except httpx.ConnectError:
            return HttpResult("error", url, error="Tidak bisa tersambung ke server (alamat salah atau server mati).")
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
            return HttpResult("error", url, error="Sambungan terputus atau jawaban server rusak.")
        except httpx.InvalidURL:  # httpx prepares the redirect even when not following it
            return HttpResult("error", url, error="Server mengalihkan ke alamat yang tidak sah (bukan http(s) biasa).")
        except httpx.HTTPError as error:
            return HttpResult("error", url, error=f"Galat HTTP: {type(error).__name__}.")
        if isinstance(result, HttpResult):
            result.permanent_url = permanent_url
            return result
        status, location = result
        target = safe_http_url(location, base=url)
        if target is None:
            return HttpResult(
                "error", url, status, error=f"Server mengalihkan ke alamat yang bukan http(s): {location!r}."
            )
        if target in visited:
            return HttpResult("error", url, status, error="Pengalihan berputar-putar (alamat yang sama berulang).")
        if still_permanent and status in PERMANENT:
            permanent_url = target
        else:
            still_permanent = False
        visited.add(target)
        url = target
    return HttpResult("error", url, error=f"Terlalu banyak pengalihan (lebih dari {limits.max_redirects}).")


async def _one_request(
    client: httpx.AsyncClient,
    url: str,
    limits: Limits,
    now: dt.datetime,
    validators: Validators | None,
    accept: str,
) -> HttpResult | tuple[int, str]:
    """One GET: a final result, or ``(status, location)`` for a redirect."""
    async with client.stream("GET", url, headers=_request_headers(url, validators, accept)) as response:
        status = response.status_code
        if status in REDIRECTS:
            return status, response.headers.get("location", "")
        if status == 304:
            return HttpResult("not-modified", url, status)
        if status == 410:
            return HttpResult("gone", url, status, error=_status_error(status))
        if status in (429, 503):
            retry_at = parse_retry_after(response.headers.get("retry-after"), now)
            if retry_at is None and status == 429:
                retry_at = now + DEFAULT_429_WAIT
            return HttpResult("error", url, status, retry_at=retry_at, error=_status_error(status))
        if status >= 400 or status < 200:
            return HttpResult("error", url, status, error=_status_error(status))
        if status == 204:
            return HttpResult("error", url, status, error="Server menjawab tanpa isi (HTTP 204).")
        body = await read_body(response, limits.max_bytes)
        return HttpResult(
            "ok",
            url,
            status,
            body=body,
            content_type=response.headers.get("content-type", ""),
            validators=Validators(url, _validator(response, "etag"), _validator(response, "last-modified")),
        )


def _validator(response: httpx.Response, name: str) -> str | None:
    """A validator worth sending back: short printable ASCII (anything else would break our request)."""
    value = response.headers.get(name)
    if value and len(value) <= 512 and value.isascii() and value.isprintable():
        return value
    return None
