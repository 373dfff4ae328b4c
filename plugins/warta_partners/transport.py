"""The fetcher's httpx transport: every TCP connection goes to an address that was checked.

Checking a host name and then letting httpx connect would resolve it twice,
and a DNS server that answers a public address the first time and 127.0.0.1
the second (DNS rebinding) would win. httpx has no resolver hook
(encode/httpx#1319), but httpcore, under it, opens every connection through
one public extension point: the network backend's ``connect_tcp(host, port)``.
:class:`CheckedBackend` resolves and checks there (:class:`AddressGuard`,
once per connection) and connects to the checked IP address. The URL stays
the name's, so the Host header, the connection pool's key and TLS (SNI and
certificate verification, which httpcore does on the returned stream against
the URL's host) are all those of the name.

``httpx.AsyncHTTPTransport`` has no parameter for a network backend, so
:class:`_PinnedPool` swaps its ``_pool`` for an ``httpcore.AsyncConnectionPool``
built like httpx builds it, plus the backend. That attribute is the one private
piece relied on; ``tests/warta_partners/test_partners_addresses.py`` checks it against the
pinned httpx. (The alternative, rewriting the URL to the IP with httpcore's
``sni_hostname`` extension, was rejected: the pool matches connections by
origin only, so two https sites on one IP would share a connection verified
for one of them, and HTTP proxies ignore ``sni_hostname``.)

Redirects are followed by :func:`http.fetch_url` one request at a time, so
each hop is checked before its connection opens; a hop to an origin already
connected reuses a connection made to a checked address.

Proxies (``WARTA_MITRA_USE_ENV_PROXY`` with ``HTTP(S)_PROXY``/``ALL_PROXY``,
``NO_PROXY``): a proxied request is checked the same way first (resolved here,
refused unless public; a name this machine cannot resolve is not fetched),
then handed to the proxy, which resolves the name again itself. Only the
direct path can pin the address; a proxy that must not reach internal
addresses has to refuse them too. Local addresses (loopback, private: by then
only allowlisted ones) and localhost never go through a proxy.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Iterable

import anyio
import httpcore
import httpx

from .addresses import AddressGuard, HostNotFound, IPAddress, address_problem, is_localhost, normal_host, parse_ip

MAX_ADDRESSES_TRIED = 4  # of a name's (checked) addresses, in the resolver's order


async def checked_addresses(guard: AddressGuard, host: str, port: int, timeout: float | None) -> list[IPAddress]:
    """``guard.check`` within the connect timeout; a name is resolved in a worker thread."""
    try:
        with anyio.fail_after(timeout):
            if guard.needs_dns(host):
                return await anyio.to_thread.run_sync(guard.check, host, port, abandon_on_cancel=True)
            return guard.check(host, port)
    except TimeoutError:
        raise httpcore.ConnectTimeout(f"{host}: nama tidak terjawab dalam {timeout:g} detik") from None
    except HostNotFound as error:
        raise httpcore.ConnectError(f"{host}: nama tidak ditemukan") from error


class CheckedBackend(httpcore.AsyncNetworkBackend):
    """Opens TCP connections only to addresses :class:`AddressGuard` returned for the requested host."""

    def __init__(self, guard: AddressGuard, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self.guard = guard
        self.inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Check ``host`` (raises ``AddressRefused``), then connect to its first reachable checked address."""
        addresses = await checked_addresses(self.guard, host, port, timeout)
        failure: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses[:MAX_ADDRESSES_TRIED]:
            try:
                return await self.inner.connect_tcp(
                    str(address), port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error  # the next checked address, as happy eyeballs would (the feed timeout bounds it)
        raise failure or httpcore.ConnectError(f"{host}: tidak ada alamat")

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Never: partner feeds are fetched over TCP only."""
        raise httpcore.ConnectError("soket Unix tidak dipakai untuk umpan mitra")

    async def sleep(self, seconds: float) -> None:
        """As the inner backend sleeps (used by httpcore between retries)."""
        await self.inner.sleep(seconds)


class _PinnedPool(httpx.AsyncHTTPTransport):
    """httpx's own transport (exception mapping, streams) over a pool that connects through ``backend``."""

    def __init__(self, backend: httpcore.AsyncNetworkBackend, limits: httpx.Limits, trust_env: bool) -> None:
        context = httpx.create_ssl_context(trust_env=trust_env)
        super().__init__(verify=context, limits=limits, trust_env=trust_env)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )


def environment_proxies() -> dict[str, str]:
    """``HTTP(S)_PROXY``, ``ALL_PROXY`` and ``NO_PROXY`` as urllib reads them (scheme -> proxy URL, as httpx would)."""
    found = {key: value.strip() for key, value in urllib.request.getproxies_environment().items() if value.strip()}
    return {key: value if key == "no" or "://" in value else f"http://{value}" for key, value in found.items()}


class CheckedTransport(httpx.AsyncBaseTransport):
    """Direct requests through :class:`CheckedBackend`; proxied ones checked first, then sent to the proxy."""

    def __init__(self, guard: AddressGuard, limits: httpx.Limits, use_env_proxy: bool = False) -> None:
        self.guard = guard
        self.limits = limits
        self.trust_env = use_env_proxy
        self.proxies = environment_proxies() if use_env_proxy else {}
        self.direct = _PinnedPool(CheckedBackend(guard), limits, use_env_proxy)
        self.proxied: dict[str, httpx.AsyncHTTPTransport] = {}

    def proxy_for(self, url: httpx.URL) -> str | None:
        """The proxy URL this request goes through, or None (no proxy, NO_PROXY, or a local address).

        A local address can only be an allowlisted one by the time it connects, and a proxy cannot reach it.
        """
        proxy = self.proxies.get(url.scheme) or self.proxies.get("all")
        host = normal_host(url.host)
        literal = parse_ip(host)
        local = is_localhost(host) or bool(literal and address_problem(literal))
        if not proxy or local:
            return None
        if "no" in self.proxies and urllib.request.proxy_bypass_environment(host, self.proxies):
            return None
        return proxy

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request``; raises ``AddressRefused`` (from ``addresses``) before any connection it may not make."""
        proxy = self.proxy_for(request.url)
        if proxy is None:
            return await self.direct.handle_async_request(request)
        port = request.url.port or (443 if request.url.scheme == "https" else 80)
        timeout = request.extensions.get("timeout", {}).get("connect")
        try:
            await checked_addresses(self.guard, request.url.raw_host.decode("ascii"), port, timeout)
        except httpcore.ConnectTimeout as error:  # outside httpx's own transport: map as it would
            raise httpx.ConnectTimeout(str(error), request=request) from error
        except httpcore.ConnectError as error:
            raise httpx.ConnectError(str(error), request=request) from error
        if proxy not in self.proxied:
            self.proxied[proxy] = httpx.AsyncHTTPTransport(proxy=proxy, limits=self.limits, trust_env=self.trust_env)
        return await self.proxied[proxy].handle_async_request(request)

    async def aclose(self) -> None:
        """Close the direct pool and every proxy's."""
        await self.direct.aclose()
        for transport in self.proxied.values():
            await transport.aclose()
