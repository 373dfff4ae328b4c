"""The partner fetcher's address rules, without a network: spellings, the allowlist setting, the resolver.

``tests/fixtures/partners/addresses/spellings.case`` lists URLs with what must happen to each (its header
says how to read it, and gives the allowlist and the names the test resolver knows); one parametrised test
runs every line, named by its URL. Fetching for real (redirects, remembered moves, DNS answers that change,
proxies, ``kim ambil``'s output) is proven in ``test_partners_fetch.py``, and the hostile cases in
``test_partners_safety.py``.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from urllib.parse import urlsplit

import httpcore
import httpx
import pytest
from support.fixture_cases import read_header
from support.site import ROOT

from warta_core.config_options import Invalid
from warta_core.host_options import HostPortList
from warta_network.settings_check import check_settings
from warta_partners.addresses import AddressGuard, AddressRefused, HostNotFound, LocalAllowlist
from warta_partners.spider import FetchOptions
from warta_partners.transport import CheckedTransport, _PinnedPool

SPELLINGS = ROOT / "tests" / "fixtures" / "partners" / "addresses" / "spellings.case"
SETTING = "WARTA_MITRA_LOCAL_ALLOWLIST"


def spelling_lines() -> list:
    """``(url, outcome, text)`` for every line after ``---`` (``pytest.param`` named by the URL)."""
    body = SPELLINGS.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    rows = []
    for line in body.splitlines():
        if line.strip() and not line.startswith("#"):
            url, outcome, *text = re.split(r"\s{2,}", line.strip())
            rows.append(pytest.param(url, outcome, text[0] if text else "", id=url))
    return rows


def table_resolver(header) -> tuple[list[str], object]:
    """The resolver the spellings file describes, and the list of names it was asked for."""
    names = {}
    for line in header.all("name"):
        name, _, addresses = line.partition("=")
        names[name.strip()] = [address.strip() for address in addresses.split(",")]
    asked: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        if host not in names:
            raise OSError(f"{host}: not in the test's table")
        return names[host]

    return asked, resolve


def host_and_port(url: str) -> tuple[str, int]:
    """The host and port as the transport receives them (httpx's ``raw_host``), or urllib's when httpx refuses."""
    try:
        parsed = httpx.URL(url)
        return parsed.raw_host.decode("ascii"), parsed.port or (443 if parsed.scheme == "https" else 80)
    except httpx.InvalidURL:
        parts = urlsplit(url)
        return parts.hostname or "", parts.port or 80


@pytest.mark.parametrize(("url", "outcome", "text"), spelling_lines())
def test_address_spelling(url: str, outcome: str, text: str) -> None:
    header = read_header(SPELLINGS)
    asked, resolve = table_resolver(header)
    guard = AddressGuard(LocalAllowlist.parse(header.split("allowlist")), resolve)
    host, port = host_and_port(url)
    if outcome == "izinkan":
        assert guard.check(host, port), url
    elif outcome == "tidak-ditemukan":
        with pytest.raises(HostNotFound):
            guard.check(host, port)
    else:
        assert outcome == "tolak", f"{SPELLINGS.name}: unknown outcome {outcome!r}"
        with pytest.raises(AddressRefused) as refused:
            guard.check(host, port)
        assert text in refused.value.refusal.message, refused.value.refusal.message
    if re.fullmatch(r"[\d.]+|.*[:\[].*|.*localhost.*|0x.*", host):
        assert asked == [], "IP literals and localhost never reach the resolver"


def test_the_spellings_file_covers_what_the_rules_promise() -> None:
    urls = {line.values[0] for line in spelling_lines()}
    for required in (
        "http://2130706433/", "http://0x7f.1/", "http://0177.0.0.1/", "http://127.1/", "http://[::ffff:127.0.0.1]/",
        "http://127.0.0.1./", "http://localhost./", "http://169.254.169.254/", "http://100.64.0.1/",
        "http://[2002:7f00:1::]/", "http://[64:ff9b::7f00:1]/", "http://127.0.0.1:8765/", "http://127.0.0.1:8766/",
        "http://campur.example/",
    ):  # fmt: skip
        assert required in urls, required


def test_the_resolver_is_asked_once_and_its_answer_is_what_is_returned() -> None:
    answers = iter([["93.184.215.14"], ["127.0.0.1"]])
    guard = AddressGuard(resolver=lambda host, port: next(answers))
    assert [str(address) for address in guard.check("berubah.example", 80)] == ["93.184.215.14"]
    with pytest.raises(AddressRefused, match=r"nama berubah\.example menunjuk ke 127\.0\.0\.1"):
        guard.check("berubah.example", 80)  # a second check is a new question, answered and judged anew


def test_a_resolver_answer_that_is_not_an_address_is_refused() -> None:
    guard = AddressGuard(resolver=lambda host, port: ["bukan-alamat"])
    with pytest.raises(AddressRefused, match="dijawab DNS dengan 'bukan-alamat', bukan alamat IP"):
        guard.check("aneh.example", 80)


# --- the setting ---------------------------------------------------------------------------------------------


def test_the_allowlist_setting_keeps_normalised_host_port_entries() -> None:
    option = HostPortList(SETTING, [], "doc")
    entries = ["127.0.0.1:8765", "LOCALHOST:8000", "[0:0:0:0:0:0:0:1]:9000", "Fixtures.Lan.:8080"]
    assert option.check(entries) == ("127.0.0.1:8765", "localhost:8000", "[::1]:9000", "fixtures.lan:8080")
    assert option.check(()) == ()


def test_the_allowlist_setting_names_every_bad_entry_in_indonesian() -> None:
    option = HostPortList(SETTING, [], "doc")
    bad = ["127.0.0.1", "127.0.0.1:99999", "::1:8765", "0x7f.1:8765", "a b:80", 8765, ":80"]
    with pytest.raises(Invalid) as invalid:
        option.check(bad)
    assert invalid.value.message == (
        f"{SETTING}: isian ke-1 ('127.0.0.1') portnya tidak ada; "
        "isian ke-2 ('127.0.0.1:99999') port harus angka 1–65535, tetapi berisi '99999'; "
        "isian ke-3 ('::1:8765') alamat IPv6 harus di dalam kurung siku, misalnya '[::1]:8765'; "
        "isian ke-4 ('0x7f.1:8765') 0x7f.1 bukan alamat IPv4 biasa (tulis empat angka, misalnya 127.0.0.1); "
        "isian ke-5 ('a b:80') nama host 'a b' tidak sah; "
        "isian ke-6 (8765) bukan teks host:port, tetapi 8765; "
        "isian ke-7 (':80') portnya tidak ada."
    )
    assert invalid.value.hint.startswith(f"Tulis setiap isian sebagai host:port, misalnya {SETTING} = [")
    with pytest.raises(Invalid, match=rf"^{SETTING} harus daftar teks host:port, misalnya \['127.0.0.1:8765'\], "):
        option.check("127.0.0.1:8765")


def test_the_allowlist_is_a_partner_setting_checked_with_the_others(tmp_path: Path) -> None:
    settings = {SETTING: ["127.0.0.1"], "WARTA_MITRA_CONNECT_TIMEOUT": 0}
    problems = check_settings(settings, ["warta_partners"])
    messages = [problem.message for problem in problems.items]
    assert any(message.startswith(f"{SETTING}: isian ke-1 ('127.0.0.1') portnya tidak ada") for message in messages)
    assert len(messages) == 2, "reported together with the other problems"
    defaults: dict = {}
    assert not check_settings(defaults, ["warta_partners"]).items
    assert defaults[SETTING] == (), "empty by default: no local address may be fetched"
    fetched = FetchOptions.from_settings({**defaults, SETTING: ["127.0.0.1:8765"]})
    assert fetched.local_allowlist == ("127.0.0.1:8765",)


def test_the_demo_settings_allow_only_the_demo_fixture_server() -> None:
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    assert settings[SETTING] == ["127.0.0.1:8765"]


# --- the httpx and httpcore pieces the transport relies on (pinned versions) ---------------------------------


def test_httpx_and_httpcore_still_offer_what_the_transport_uses() -> None:
    """``transport._PinnedPool`` replaces ``AsyncHTTPTransport._pool``; httpcore takes a ``network_backend``."""
    assert isinstance(httpx.AsyncHTTPTransport()._pool, httpcore.AsyncConnectionPool)
    assert "network_backend" in inspect.signature(httpcore.AsyncConnectionPool).parameters
    backend_method = inspect.signature(httpcore.AsyncNetworkBackend.connect_tcp).parameters
    assert list(backend_method) == ["self", "host", "port", "timeout", "local_address", "socket_options"]
    pool = _PinnedPool(httpcore.AnyIOBackend(), httpx.Limits(max_connections=2), trust_env=False)._pool
    assert isinstance(pool, httpcore.AsyncConnectionPool)
    transport = CheckedTransport(AddressGuard(), httpx.Limits(max_connections=2))
    assert transport.proxies == {}, "without WARTA_MITRA_USE_ENV_PROXY no proxy is read"
