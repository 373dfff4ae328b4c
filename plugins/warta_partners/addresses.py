"""Which addresses the partner fetcher may connect to: public ones, and the local allowlist.

A partner feed is a URL chosen by someone outside the network, and every
redirect, enclosure and image in it is too. Without a rule, a feed that
redirects to ``http://127.0.0.1:6379/`` or ``http://169.254.169.254/`` makes
the build machine fetch from itself or its cloud's metadata service and
publish the answer on /mitra/. So before any connection the host is turned
into addresses and every one of them must be a public internet address:

- an IP literal is read the way resolvers read it, in every spelling
  (``2130706433``, ``0x7f.1``, ``0177.0.0.1``, ``127.1``, ``127.0.0.1.``);
  IPv6 addresses that carry an IPv4 address (``::ffff:127.0.0.1``,
  ``::127.0.0.1``, 6to4 ``2002::/16``, NAT64 ``64:ff9b::/96``, Teredo) are
  judged by that IPv4 address too;
- ``localhost`` names stand for 127.0.0.1 and ::1 without asking DNS;
- any other name is resolved once, and refused when *any* address it
  resolves to is refused (the connection then goes to an address that was
  checked, see :mod:`transport`).

Refused: loopback, private, link-local, multicast, unspecified, reserved,
shared (CGNAT 100.64.0.0/10), documentation and benchmarking ranges, and
anything else :attr:`ipaddress.IPv4Address.is_global` does not call global.
The only exception is ``WARTA_MITRA_LOCAL_ALLOWLIST``: ``host:port`` entries
for the demo's and the tests' fixture servers. Reasons are in Indonesian,
for ``kim ambil`` and /mitra/status/.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from warta_core.host_options import HostPortList

from .settings import PREFIX

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]  # host, port -> IP addresses as text (like getaddrinfo)

ALLOWLIST_SETTING = f"{PREFIX}LOCAL_ALLOWLIST"
LOCALHOST_ADDRESSES = (ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1"))
LOCALHOST_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")
MAX_ADDRESSES = 16  # a name with more answers than this is refused: nobody needs it, it only costs checks

LOOPBACK = "alamat lokal (loopback)"
PRIVATE = "alamat jaringan privat"
LINK_LOCAL = "alamat link-local (di rentang ini ada layanan metadata server awan)"
SHARED = "alamat jaringan bersama operator (CGNAT, 100.64.0.0/10)"
UNSPECIFIED = "alamat kosong (di Linux berarti mesin ini sendiri)"
THIS_NETWORK = "alamat 'jaringan ini' (0.0.0.0/8)"
MULTICAST = "alamat multicast"
DOCUMENTATION = "alamat khusus contoh dokumentasi"
BENCHMARK = "alamat khusus uji jaringan"
PROTOCOL = "alamat khusus protokol IETF"
RESERVED = "alamat yang dicadangkan, bukan alamat internet"
DEPRECATED = "jenis alamat IPv6 yang sudah usang"
NOT_GLOBAL = "bukan alamat internet publik"
RELAY_6TO4 = "alamat relai 6to4 yang sudah usang"

_V4_RULES = [
    (ipaddress.ip_network(network), reason)
    for network, reason in (
        ("0.0.0.0/32", UNSPECIFIED),
        ("0.0.0.0/8", THIS_NETWORK),
        ("127.0.0.0/8", LOOPBACK),
        ("10.0.0.0/8", PRIVATE),
        ("172.16.0.0/12", PRIVATE),
        ("192.168.0.0/16", PRIVATE),
        ("169.254.0.0/16", LINK_LOCAL),
        ("100.64.0.0/10", SHARED),
        ("192.0.0.0/24", PROTOCOL),
        ("192.0.2.0/24", DOCUMENTATION),
        ("198.51.100.0/24", DOCUMENTATION),
        ("203.0.113.0/24", DOCUMENTATION),
        ("198.18.0.0/15", BENCHMARK),
        ("192.88.99.0/24", RELAY_6TO4),
        ("224.0.0.0/4", MULTICAST),
        ("240.0.0.0/4", RESERVED),
    )
]
_V6_RULES = [
    (ipaddress.ip_network(network), reason)
    for network, reason in (
        ("::/128", UNSPECIFIED),
        ("::1/128", LOOPBACK),
        ("::/96", DEPRECATED),  # IPv4-compatible
        ("64:ff9b:1::/48", PRIVATE),  # local-use NAT64
        ("100::/64", RESERVED),  # discard-only
        ("2001:2::/48", BENCHMARK),
        ("2001:db8::/32", DOCUMENTATION),
        ("3fff::/20", DOCUMENTATION),
        ("fc00::/7", PRIVATE),  # unique local
        ("fe80::/10", LINK_LOCAL),
        ("fec0::/10", DEPRECATED),  # site-local
        ("ff00::/8", MULTICAST),
    )
]
_6TO4 = ipaddress.ip_network("2002::/16")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_NUMBER = re.compile(r"0[xX][0-9a-fA-F]*|[0-9]+")
_NAME = re.compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)*")


def _ipv4_part(part: str) -> int | None:
    """One part of an IPv4 spelling: decimal, ``0x`` hex or ``0`` octal (as inet_aton and browsers read it)."""
    if not _NUMBER.fullmatch(part):
        return None
    if part[:2].lower() == "0x":
        return int(part[2:] or "0", 16)
    if len(part) > 1 and part.startswith("0"):
        return int(part[1:], 8) if set(part) <= set("01234567") else None
    return int(part)


def parse_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address of any spelling resolvers accept (``2130706433``, ``0x7f.1``, ``0177.0.0.1``), else None."""
    parts = host.split(".")
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()  # "127.0.0.1." is 127.0.0.1
    if not 1 <= len(parts) <= 4:
        return None
    numbers = [_ipv4_part(part) for part in parts]
    if any(number is None for number in numbers):
        return None
    *leading, last = numbers
    if any(number > 255 for number in leading) or last >= 256 ** (5 - len(numbers)):
        return None
    value = last + sum(number << (8 * (3 - index)) for index, number in enumerate(leading))
    return ipaddress.IPv4Address(value)


def looks_numeric(host: str) -> bool:
    """Whether the last label is a number: such a host is an IPv4 address or nothing (never a DNS name)."""
    last = host.rstrip(".").rsplit(".", 1)[-1]
    return bool(last) and _NUMBER.fullmatch(last) is not None


def parse_ip(host: str) -> IPAddress | None:
    """The IP address a host literally is (any IPv4 spelling, IPv6 with or without brackets), else None."""
    text = host.strip().lower()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if ":" in text:
        try:
            return ipaddress.IPv6Address(text)
        except ValueError:
            return None
    return parse_ipv4(text)


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, compatible, 6to4, NAT64, Teredo client), else None."""
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address in _6TO4:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    if address in _NAT64 or (address in _IPV4_COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_problem(address: IPAddress) -> str | None:
    """Why ``address`` is not a public internet address (Indonesian), or None when it is."""
    if isinstance(address, ipaddress.IPv4Address):
        reason = next((reason for network, reason in _V4_RULES if address in network), None)
        return reason or (None if address.is_global else NOT_GLOBAL)
    inner = embedded_ipv4(address)
    if inner is not None:
        reason = address_problem(inner)
        if reason:
            return reason if address.ipv4_mapped else f"{reason} (IPv4 {inner} di dalamnya)"
        if address.ipv4_mapped or address in _6TO4 or address in _NAT64:
            return None  # the IPv4 address inside is public, and that is where the packets go
    reason = next((reason for network, reason in _V6_RULES if address in network), None)
    return reason or (None if address.is_global else NOT_GLOBAL)


def is_localhost(name: str) -> bool:
    """Whether a (normalised) host name means this machine by definition (RFC 6761, /etc/hosts defaults)."""
    return name in LOCALHOST_NAMES or name.endswith(".localhost")


def canonical(address: IPAddress) -> IPAddress:
    """IPv4-mapped IPv6 addresses as the IPv4 address they are, for comparing and connecting."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def normal_host(host: str) -> str:
    """A host as entries and URLs are compared: lower case, without brackets or one trailing dot."""
    text = host.strip().lower()
    if text.startswith("[") and text.endswith("]"):
        return text[1:-1]
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


@dataclass(frozen=True)
class Refusal:
    """An address the fetcher will not connect to, and why, in Indonesian."""

    host: str
    port: int
    reason: str
    address: IPAddress | None = None
    hint: str = ""

    @property
    def message(self) -> str:
        """``alamat 127.0.0.1 adalah alamat lokal (loopback), tidak boleh diambil`` and the like."""
        host = normal_host(self.host)
        if self.address is None:
            text = f"nama host {self.host!r} {self.reason}"
        elif parse_ip(host) is None:
            text = f"nama {host} menunjuk ke {self.address}, yaitu {self.reason}, tidak boleh diambil"
        elif str(self.address) == host:
            text = f"alamat {host} adalah {self.reason}, tidak boleh diambil"
        else:  # another spelling, or IPv4 inside IPv6: say which address it is
            text = f"alamat {host} (yaitu {self.address}) adalah {self.reason}, tidak boleh diambil"
        return f"{text} ({self.hint})" if self.hint else text


class AddressRefused(Exception):
    """Raised instead of connecting; carries the :class:`Refusal`."""

    def __init__(self, refusal: Refusal) -> None:
        self.refusal = refusal
        super().__init__(refusal.message)


class HostNotFound(Exception):
    """The name has no address (or the resolver failed)."""


@dataclass(frozen=True)
class LocalAllowlist:
    """``WARTA_MITRA_LOCAL_ALLOWLIST``: ``host:port`` entries that may be fetched although they are not public.

    An entry matches a connection on its port to its host as written, or to an address the entry's host
    literally is (an IP address; ``localhost`` is 127.0.0.1 and ::1). Entries are never resolved through DNS.
    """

    entries: frozenset[tuple[str, int]] = frozenset()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> LocalAllowlist:
        """From the setting's (validated) strings; an invalid entry raises ``ValueError``."""
        pairs = set()
        for entry in entries:
            host, port = HostPortList.split(entry)
            pairs.add((normal_host(host), port))
        return cls(frozenset(pairs))

    def _addresses(self, host: str) -> tuple[IPAddress, ...]:
        if is_localhost(host):
            return LOCALHOST_ADDRESSES
        address = parse_ip(host)
        return (canonical(address),) if address else ()

    def allows(self, host: str, address: IPAddress, port: int) -> bool:
        """Whether the entry list lets ``host`` (as written) connect to ``address`` on ``port``."""
        wanted = canonical(address)
        return any(
            entry_port == port and (entry_host == normal_host(host) or wanted in self._addresses(entry_host))
            for entry_host, entry_port in self.entries
        )

    def ports_for(self, address: IPAddress) -> list[str]:
        """Allowed ``host:port`` entries for ``address`` (to say which port *would* be allowed)."""
        wanted = canonical(address)
        return sorted(
            f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
            for host, port in self.entries
            if wanted in self._addresses(host)
        )


def system_resolver(host: str, port: int) -> list[str]:
    """The system's answer for ``host`` (every address, in its order); the fetcher asks once per connection."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as error:
        raise HostNotFound(str(error)) from error
    return list(dict.fromkeys(str(answer[4][0]) for answer in answers))


class AddressGuard:
    """Turns a host and port into the addresses the fetcher may connect to, or refuses them.

    ``resolver`` is asked for names only (never for IP literals or ``localhost``), and only here: the
    transport connects to exactly what :meth:`check` returned, so a second, different DNS answer cannot
    matter. Tests inject a resolver to prove that.
    """

    def __init__(self, allowlist: LocalAllowlist | None = None, resolver: Resolver | None = None) -> None:
        self.allowlist = allowlist or LocalAllowlist()
        self.resolver = resolver or system_resolver

    def needs_dns(self, host: str) -> bool:
        """Whether :meth:`check` would ask the resolver (so callers may run it in a thread)."""
        name = normal_host(host)
        return parse_ip(name) is None and not is_localhost(name) and not looks_numeric(name)

    def addresses(self, host: str, port: int) -> list[IPAddress]:
        """What ``host`` stands for, unchecked: a literal, localhost, or the resolver's answer."""
        name = normal_host(host)
        literal = parse_ip(name)
        if literal is not None:
            return [literal]
        if is_localhost(name):
            return list(LOCALHOST_ADDRESSES)
        if looks_numeric(name):
            raise AddressRefused(Refusal(host, port, "bukan alamat IP yang sah"))
        if not _NAME.fullmatch(name):
            raise AddressRefused(Refusal(host, port, "tidak sah (hanya huruf, angka, titik dan tanda hubung)"))
        try:
            answers = self.resolver(name, port)
        except OSError as error:
            raise HostNotFound(name) from error
        if not answers:
            raise HostNotFound(name)
        if len(answers) > MAX_ADDRESSES:
            raise AddressRefused(Refusal(host, port, f"punya lebih dari {MAX_ADDRESSES} alamat"))
        found = []
        for answer in answers:
            address = parse_ip(str(answer).split("%", 1)[0])
            if address is None:
                raise AddressRefused(Refusal(host, port, f"dijawab DNS dengan {answer!r}, bukan alamat IP"))
            found.append(address)
        return found

    def check(self, host: str, port: int) -> list[IPAddress]:
        """The addresses to connect to, all allowed; raises :class:`AddressRefused` if any one is not."""
        found = self.addresses(host, port)
        for address in found:
            refusal = self.refusal(host, address, port)
            if refusal:
                raise AddressRefused(refusal)
        return [canonical(address) for address in found]

    def refusal(self, host: str, address: IPAddress, port: int) -> Refusal | None:
        """Why ``host`` may not be fetched through ``address`` on ``port``, or None."""
        reason = address_problem(address)
        if reason is None or self.allowlist.allows(host, address, port):
            return None
        allowed = self.allowlist.ports_for(address)
        hint = f"{ALLOWLIST_SETTING} hanya mengizinkan {', '.join(allowed)}" if allowed else ""
        return Refusal(host, port, reason, canonical(address), hint)
