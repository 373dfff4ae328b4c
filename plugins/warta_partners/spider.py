"""Fetching every partner feed into the cache, concurrently and within a deadline.

One asyncio task per partner, at most ``concurrency`` at a time, each bounded
by the per-feed timeout, all bounded by the overall deadline: when it passes,
unfinished feeds are abandoned and recorded as such, and their cache stays
as it was. This is the only part of the project that opens
network connections, and it opens them only to public addresses (or the
``WARTA_MITRA_LOCAL_ALLOWLIST`` entries) through ``transport``; the build
never imports it.

Documents are parsed in worker processes, not threads. feedparser is pure
Python, and a hostile document that is cheap to send is dear to parse (5,000
items in 850 KB: 2 s; 1 MB of empty elements in one description: 20 s). In
a thread of this process that parse holds the GIL against the event loop,
which then waits for it after every socket call, so every other feed's
download, and the time limits it is measured against, paid for it: in the
hostile-feed tests a 110 KB feed spent over 4 s getting a connection and its
body while two other feeds were being parsed. The processes are forked (as
``warta_network.rendering`` does) before the event loop starts: copies that
import nothing again and hold none of the fetch's connections or threads.

A feed's reported time is what the feed itself cost: its servers' time (from
its first request to its last byte, within the per-feed timeout) plus the CPU
time its document took to parse. Waiting for a free parser process is the
other feeds' cost, and is not counted.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields, replace
from typing import Any

import httpx

from .addresses import AddressGuard, LocalAllowlist, Resolver
from .cache import FeedState, PartnerCache
from .config import Partner
from .http import HttpResult, Limits, fetch_url
from .images import ImageRun, fetch_images
from .normalise import ParsedFeed, parse_feed
from .settings import PREFIX, SCHEMA
from .transport import CheckedTransport
from .update import apply_outcome, forget_refused_move, refused_notes, request_url, skip_reason

logger = logging.getLogger("warta_partners")
PARSER_PROCESSES = 2  # so that one heavy document does not hold up every other parse
PRODUCT = "WartaKIM/0.1"


def default_user_agent(network_name: str, site_url: str) -> str:
    """Names the portal to partner servers, so they know who polls them and where to look."""
    name = "".join(c if c.isascii() and c.isprintable() and c not in "();" else " " for c in network_name)
    details = "; ".join(p for p in (" ".join(name.split()), f"+{site_url}/mitra/" if site_url else "") if p)
    return f"{PRODUCT} ({details or 'pengumpul berita mitra'})"


def parse_in_worker(
    body: bytes, content_type: str, base_url: str, partner_id: str, now: dt.datetime, summary_length: int
) -> tuple[ParsedFeed, float]:
    """``parse_feed`` in a parser process, with the CPU seconds it took there: the document's own cost."""
    started = time.process_time()
    return parse_feed(body, content_type, base_url, partner_id, now, summary_length), time.process_time() - started


def parser_processes(count: int = PARSER_PROCESSES) -> ProcessPoolExecutor:
    """``count`` parser processes (at least one), forked at once, before the event loop starts (module docstring)."""
    executor = ProcessPoolExecutor(max_workers=max(1, count), mp_context=multiprocessing.get_context("fork"))
    executor.submit(int).result()  # with "fork", the first task starts every worker at once
    return executor


# Field ``x`` of FetchOptions is the setting WARTA_MITRA_X: its default is declared once, in settings.py.
_OPTION = {option.name.removeprefix(PREFIX).lower(): option for option in SCHEMA}


@dataclass(frozen=True)
class FetchOptions:
    """How ``kim ambil`` behaves; built from the WARTA_MITRA_* settings (defaults from settings.SCHEMA)."""

    concurrency: int = _OPTION["concurrency"].default
    connect_timeout: float = _OPTION["connect_timeout"].default
    read_timeout: float = _OPTION["read_timeout"].default
    feed_timeout: float = _OPTION["feed_timeout"].default
    deadline: float = _OPTION["deadline"].default
    max_bytes: int = _OPTION["max_bytes"].default
    image_max_bytes: int = _OPTION["image_max_bytes"].default
    images: bool = _OPTION["images"].default
    max_redirects: int = _OPTION["max_redirects"].default
    max_age_days: int = _OPTION["max_age_days"].default
    max_items: int = _OPTION["max_items"].default
    summary_length: int = _OPTION["summary_length"].default
    user_agent: str = default_user_agent("", "")  # the setting's None: one naming the portal
    use_env_proxy: bool = _OPTION["use_env_proxy"].default
    local_allowlist: tuple[str, ...] = _OPTION["local_allowlist"].default  # "host:port" entries
    force: bool = False  # not a setting: `kim ambil --paksa` fetches even feeds that answered 410 or asked to wait

    @classmethod
    def from_settings(cls, settings: dict[str, Any], network_name: str = "", **overrides: Any) -> FetchOptions:
        """Options from validated settings (see settings.py), plus command-line overrides."""
        values = {field.name: settings[_OPTION[field.name].name] for field in fields(cls) if field.name in _OPTION}
        values["user_agent"] = values["user_agent"] or default_user_agent(network_name, settings.get("SITEURL", ""))
        values["local_allowlist"] = tuple(values["local_allowlist"] or ())
        return replace(cls(**values), **{k: v for k, v in overrides.items() if v is not None})


@dataclass
class FeedReport:
    """One partner after the run: its new state and how long it took (its own time: see the module docstring)."""

    partner: Partner
    state: FeedState
    seconds: float


class Spider:
    """Fetches a list of partners into one cache.

    ``resolver`` (host, port -> IP addresses) replaces the system's DNS for the address check; tests use it.
    """

    def __init__(
        self,
        cache: PartnerCache,
        options: FetchOptions,
        clock: Callable[[], dt.datetime] | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self.cache = cache
        self.options = options
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC).replace(microsecond=0))
        self.guard = AddressGuard(LocalAllowlist.parse(options.local_allowlist), resolver)
        self.feed_limits = Limits(
            options.max_bytes, options.max_redirects, options.connect_timeout, options.read_timeout
        )
        self.image_limits = replace(self.feed_limits, max_bytes=options.image_max_bytes)

    def run(self, partners: list[Partner]) -> list[FeedReport]:
        """Fetch every partner; return reports in the order of ``partners``."""
        executor = parser_processes(min(PARSER_PROCESSES, len(partners)))
        try:
            return asyncio.run(self._run(partners, executor))
        finally:
            executor.shutdown(wait=False, cancel_futures=True)  # a parse still running at the deadline is not awaited

    async def _run(self, partners: list[Partner], executor: ProcessPoolExecutor) -> list[FeedReport]:
        options = self.options
        now = self.clock()
        started = time.monotonic()
        timeout = httpx.Timeout(
            connect=options.connect_timeout, read=options.read_timeout, write=options.read_timeout, pool=None
        )
        limits = httpx.Limits(max_connections=options.concurrency, max_keepalive_connections=options.concurrency)
        semaphore = asyncio.Semaphore(options.concurrency)
        reports: dict[str, FeedReport] = {}
        transport = CheckedTransport(self.guard, limits, use_env_proxy=options.use_env_proxy)
        async with httpx.AsyncClient(
            timeout=timeout,
            transport=transport,  # every connection to a checked address; proxies are the transport's business
            follow_redirects=False,
            trust_env=False,  # no .netrc credentials for partner servers
            headers={"User-Agent": options.user_agent},
        ) as client:
            tasks = {
                asyncio.create_task(self._fetch_one(client, semaphore, executor, partner, now, reports)): partner
                for partner in partners
            }
            if tasks:
                _done, pending = await asyncio.wait(tasks, timeout=options.deadline)
                for task in pending:
                    task.cancel()
                await asyncio.gather(*pending, return_exceptions=True)
        elapsed = time.monotonic() - started
        for partner in partners:
            if partner.id not in reports:
                message = f"Batas waktu keseluruhan {options.deadline:g} detik habis sebelum umpan ini selesai."
                state = self._finish(partner, self.cache.load(partner.id), None, None, now, elapsed, error=message)
                reports[partner.id] = FeedReport(partner, state, elapsed)
        self.cache.remove_unused_images(self.cache.images_in_use())
        return [reports[partner.id] for partner in partners]

    def _finish(
        self,
        partner: Partner,
        state: FeedState,
        result: HttpResult | None,
        parsed: ParsedFeed | None,
        now: dt.datetime,
        seconds: float,
        **kwargs: Any,
    ) -> FeedState:
        state = apply_outcome(
            state,
            partner,
            result,
            parsed,
            now,
            max_age_days=self.options.max_age_days,
            max_items=self.options.max_items,
            seconds=round(seconds, 3),
            **kwargs,
        )
        self.cache.save(state)
        return state

    async def _fetch_one(
        self,
        client: httpx.AsyncClient,
        semaphore: asyncio.Semaphore,
        executor: ProcessPoolExecutor,
        partner: Partner,
        now: dt.datetime,
        reports: dict[str, FeedReport],
    ) -> None:
        state = self.cache.load(partner.id)
        reason = None if self.options.force else skip_reason(partner, state, now)
        if reason:
            reports[partner.id] = FeedReport(
                partner, self._finish(partner, state, None, None, now, 0.0, skipped=reason), 0
            )
            return
        async with semaphore:
            started = time.monotonic()
            result: HttpResult | None = None
            parsed: ParsedFeed | None = None
            error = None
            notes: list[str] = []
            served: float | None = None  # the servers' time
            parsing = 0.0  # CPU seconds of this feed's parse
            try:
                async with asyncio.timeout(self.options.feed_timeout):  # the server's time; parsing is ours
                    result = await fetch_url(
                        client, request_url(partner, state), self.feed_limits, now, state.validators
                    )
                    forgotten = forget_refused_move(state, partner, result)
                    if forgotten:
                        notes.append(forgotten)
                        result = await fetch_url(client, partner.feed, self.feed_limits, now, state.validators)
                served = time.monotonic() - started
                if result.kind == "ok":  # bounded by the size cap; waiting for a free parser is not counted
                    parsed, parsing = await asyncio.get_running_loop().run_in_executor(
                        executor, parse_in_worker, result.body, result.content_type, result.url, partner.id, now,
                        self.options.summary_length,
                    )  # fmt: skip
                    result.body = b""  # the document is no longer needed; free it early
            except TimeoutError:
                error = f"Pengambilan melebihi {self.options.feed_timeout:g} detik dan dihentikan."
            except Exception as failure:  # a bug or a parser crash must not stop the other feeds
                logger.exception("warta_partners: %s: galat tak terduga", partner.id)
                error = f"Galat tak terduga saat memproses umpan ({type(failure).__name__})."
            seconds = (time.monotonic() - started if served is None else served) + parsing
            state = self._finish(
                partner, state, None if error else result, parsed, now, seconds, error=error, refused=tuple(notes)
            )
            reports[partner.id] = FeedReport(partner, state, seconds)
            if self.options.images and result is not None and result.kind == "ok" and not error:
                await self._images(client, state, now)

    async def _images(self, client: httpx.AsyncClient, state: FeedState, now: dt.datetime) -> None:
        """Images of new entries, within their own per-feed timeout; the state is saved again with them."""
        run = ImageRun()
        try:
            async with asyncio.timeout(self.options.feed_timeout):
                await fetch_images(client, state.entries, self.cache, self.image_limits, now, run)
        except TimeoutError:
            logger.info("warta_partners: %s: gambar tidak selesai diunduh", state.partner_id)
        if run.refused:
            state.health.refused = refused_notes([*state.health.refused, *run.refused])
        self.cache.save(state)
