"""Fetching partner feeds over real HTTP on 127.0.0.1: the HTTP semantics the fetcher owes servers and itself.

Conditional GET, keep-last-good, expiry, permanent moves, 410, Retry-After, the overall deadline, the size
cap (memory measured), concurrency, and the ``kim ambil`` command end to end. The fixture server is allowed
explicitly (``WARTA_MITRA_LOCAL_ALLOWLIST``); a second local server, the "internal service", is not, and the
address rules are proven against it: redirects, remembered moves, DNS answers that change, and proxies.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

import pytest
from support.site import ROOT, make_network, run_kim

from warta_partners.cache import PartnerCache
from warta_partners.config import Partner
from warta_partners.health import partner_health
from warta_partners.spider import FetchOptions, Spider, default_user_agent

sys.path.insert(0, str(ROOT / "scripts"))
from serve_partner_fixtures import FixtureServer, allowlist_settings

HOSTILE = ROOT / "tests" / "fixtures" / "partners" / "hostile"
INTERNAL = ROOT / "tests" / "fixtures" / "partners" / "internal"
SECRET = "RAHASIA-LAYANAN-INTERNAL"
DEMO = ROOT / "tests" / "fixtures" / "partners" / "demo"
NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)
OPTIONS = FetchOptions(
    concurrency=8,
    connect_timeout=2,
    read_timeout=2,
    feed_timeout=4,
    deadline=20,
    max_bytes=1024 * 1024,
    max_redirects=3,
    max_age_days=0,
    use_env_proxy=False,
    user_agent=default_user_agent("Warta KIM Uji", "https://warta.example"),
)


@pytest.fixture(scope="module")
def module_internal():
    """Another service on this machine, on a port that is not allowed."""
    with FixtureServer(INTERNAL) as running:
        yield running


@pytest.fixture
def internal(module_internal):
    module_internal.requests.clear()
    return module_internal


@pytest.fixture(scope="module")
def module_server(module_internal):
    with FixtureServer(HOSTILE) as running:
        running.variables.update(intern=module_internal.host_port, intern_port=str(module_internal.port))
        yield running


@pytest.fixture
def server(module_server):
    module_server.routes.clear()
    yield module_server
    module_server.routes.clear()


def partner(url: str, **fields: object) -> Partner:
    return Partner(**{"id": "uji", "name": "Mitra Uji", "homepage": "https://uji.example/", "feed": url, **fields})


@pytest.fixture
def fetch(module_server):
    """``fetch(cache, partners, when, **options)``: one Spider run; only the fixture server is allowed by default."""

    def run(cache: PartnerCache, partners: list[Partner], when: dt.datetime = NOW, resolver=None, **options: object):
        options.setdefault("local_allowlist", (module_server.host_port,))
        return Spider(cache, replace(OPTIONS, **options), clock=lambda: when, resolver=resolver).run(partners)

    return run


@pytest.fixture
def cache(tmp_path: Path) -> PartnerCache:
    return PartnerCache(str(tmp_path / "_mitra"))


def test_conditional_get_sends_the_validators_and_a_304_changes_nothing(server, cache, fetch) -> None:
    server.routes["/umpan.rss"] = "pindahan.rss"
    feed = partner(server.url("umpan.rss"))
    [first] = fetch(cache, [feed])
    assert first.state.health.outcome == "diperbarui"
    assert len(first.state.entries) == 2
    validators = first.state.validators
    assert validators.etag and validators.last_modified
    [second] = fetch(cache, [feed], NOW + dt.timedelta(hours=1))
    assert second.state.health.outcome == "tidak-berubah"
    assert second.state.health.last_status == 304
    requests = server.requests_for("/umpan.rss")
    assert len(requests) == 2
    assert "if-none-match" not in requests[0].headers
    assert requests[1].headers["if-none-match"] == validators.etag
    assert requests[1].headers["if-modified-since"] == validators.last_modified
    assert [(e.key, e.first_seen) for e in second.state.entries] == [(e.key, e.first_seen) for e in first.state.entries]
    assert second.state.health.last_success == NOW + dt.timedelta(hours=1)


def test_the_user_agent_names_the_portal(server, cache, fetch) -> None:
    server.routes["/ua.rss"] = "pindahan.rss"
    fetch(cache, [partner(server.url("ua.rss"))])
    agent = server.requests_for("/ua.rss")[0].headers["user-agent"]
    assert agent.startswith("WartaKIM/")
    assert "Warta KIM Uji" in agent and "https://warta.example/mitra/" in agent


def test_a_failed_fetch_keeps_the_last_good_entries(server, cache, fetch) -> None:
    server.routes["/tetap.rss"] = "pindahan.rss"
    feed = partner(server.url("tetap.rss"))
    [good] = fetch(cache, [feed])
    titles = [e.title for e in good.state.entries]
    for step, broken in enumerate(["status-500.case", "not-a-feed.case", "gzip-bomb.case", "reset.case"], start=1):
        server.routes["/tetap.rss"] = broken
        [report] = fetch(cache, [feed], NOW + dt.timedelta(hours=step))
        assert report.state.health.outcome == "gagal", broken
        assert report.state.health.last_error, broken
        assert [e.title for e in report.state.entries] == titles, broken
        assert report.state.health.last_success == NOW, "the last success is still the first fetch"
        assert [e.title for e in cache.load("uji").entries] == titles, "and so is the cache file"


def test_old_entries_expire_even_while_the_feed_fails(server, cache, fetch) -> None:
    server.routes["/usang.rss"] = "pindahan.rss"  # entries of 18 and 19 Nov 2026, 09.00 WIB
    feed = partner(server.url("usang.rss"))
    [report] = fetch(cache, [feed], max_age_days=10)
    assert len(report.state.entries) == 2
    server.routes["/usang.rss"] = "status-500.case"
    [report] = fetch(cache, [feed], dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC), max_age_days=10)
    assert [e.title for e in report.state.entries] == ["Musyawarah Desa Bahas Dana Desa Tahun Depan"]
    [report] = fetch(cache, [feed], dt.datetime(2027, 1, 5, tzinfo=dt.UTC), max_age_days=10)
    assert report.state.entries == []


def test_a_permanent_move_is_reported_and_followed_directly(server, cache, fetch) -> None:
    feed = partner(server.url("permanent-move.case"))
    [first] = fetch(cache, [feed])
    assert first.state.health.outcome == "diperbarui"
    assert first.state.moved_to == server.url("pindahan.rss")
    health = partner_health(feed, first.state)
    assert any("pindah permanen" in note and server.url("pindahan.rss") in note for note in health.notes)
    [second] = fetch(cache, [feed], NOW + dt.timedelta(hours=1))
    assert len(server.requests_for("/permanent-move.case")) == 1, "the old address is not asked again"
    assert second.state.health.outcome == "tidak-berubah", "validators of the new address are used"
    moved_config = partner(server.url("pindahan.rss"))
    [third] = fetch(cache, [moved_config], NOW + dt.timedelta(hours=2))
    assert third.state.moved_to is None and not partner_health(moved_config, third.state).notes


def test_410_stops_polling_until_the_partner_entry_changes(server, cache, fetch) -> None:
    feed = partner(server.url("gone-410.case"))
    [first] = fetch(cache, [feed])
    assert first.state.health.outcome == "hilang"
    [second] = fetch(cache, [feed], NOW + dt.timedelta(days=1))
    assert second.state.health.outcome == "dihentikan"
    assert len(server.requests_for("/gone-410.case")) == 1
    assert any("410" in note for note in partner_health(feed, second.state).notes)
    edited = partner(server.url("gone-410.case"), name="Mitra Uji (nama baru)")
    fetch(cache, [edited], NOW + dt.timedelta(days=2))
    assert len(server.requests_for("/gone-410.case")) == 2


def test_retry_after_is_honoured_unless_forced(server, cache, fetch) -> None:
    feed = partner(server.url("retry-after-429.case"))
    [first] = fetch(cache, [feed])
    assert first.state.health.outcome == "ditunda"
    assert first.state.retry_at == NOW + dt.timedelta(seconds=120)
    [waiting] = fetch(cache, [feed], NOW + dt.timedelta(seconds=60))
    assert waiting.state.health.outcome == "menunggu"
    assert len(server.requests_for("/retry-after-429.case")) == 1
    fetch(cache, [feed], NOW + dt.timedelta(seconds=61), force=True)
    assert len(server.requests_for("/retry-after-429.case")) == 2
    fetch(cache, [feed], NOW + dt.timedelta(seconds=61 + 121))
    assert len(server.requests_for("/retry-after-429.case")) == 3


def test_the_overall_deadline_abandons_slow_feeds_and_keeps_the_rest(server, cache, fetch) -> None:
    server.routes["/cepat.rss"] = "pindahan.rss"
    slow = [partner(server.url("stall.case"), id=f"lambat-{n}") for n in range(6)]
    fast = partner(server.url("cepat.rss"), id="cepat")
    started = time.monotonic()
    reports = fetch(cache, [fast, *slow], read_timeout=30, feed_timeout=30, deadline=1.5)
    elapsed = time.monotonic() - started
    assert elapsed < 3.5, f"the run took {elapsed:.1f} s with a 1.5 s deadline"
    by_id = {r.partner.id: r.state for r in reports}
    assert by_id["cepat"].health.outcome == "diperbarui"
    for item in slow:
        assert by_id[item.id].health.outcome == "gagal"
        assert "Batas waktu keseluruhan" in by_id[item.id].health.last_error
        assert cache.load(item.id).health.outcome == "gagal", "the abandoned feeds are recorded too"


def test_the_size_cap_bounds_memory_for_bombs_and_endless_bodies(server, cache, fetch) -> None:
    feeds = [partner(server.url(name), id=name.split(".")[0]) for name in ("gzip-bomb.case", "endless.case")]
    tracemalloc.start()
    try:
        reports = fetch(cache, feeds, max_bytes=512 * 1024)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    for report in reports:
        assert "melebihi batas 512 KB" in report.state.health.last_error
    assert peak < 8 * 1024 * 1024, f"peak memory {peak / 1024 / 1024:.1f} MB for a 200 MB bomb"


def test_feeds_are_fetched_concurrently(tmp_path: Path, cache, fetch) -> None:
    folder = tmp_path / "lambat"
    folder.mkdir()
    body = (HOSTILE / "pindahan.rss").read_text(encoding="utf-8")
    for n in range(16):
        (folder / f"umpan-{n}.case").write_text(f"# Delay: 1\n---\n{body}", encoding="utf-8")
    with FixtureServer(folder) as slow_server:
        partners = [partner(slow_server.url(f"umpan-{n}.case"), id=f"mitra-{n}") for n in range(16)]
        started = time.monotonic()
        reports = fetch(cache, partners, concurrency=16, local_allowlist=(slow_server.host_port,))
        elapsed = time.monotonic() - started
    assert all(r.state.health.outcome == "diperbarui" for r in reports)
    assert elapsed < 4, f"16 feeds of 1 s each took {elapsed:.1f} s"


# --- addresses: only public ones, and the allowlist -------------------------------------------------------


def test_a_redirect_to_another_local_port_is_refused_before_connecting(server, internal, cache, fetch) -> None:
    feed = partner(server.url("redirect-to-other-local-port.case"))
    [report] = fetch(cache, [feed])
    assert report.state.health.outcome == "gagal"
    assert report.state.health.last_error == (
        f"Server mengalihkan ke {internal.url('rahasia.rss')}, tetapi alamat 127.0.0.1 adalah alamat lokal "
        f"(loopback), tidak boleh diambil (WARTA_MITRA_LOCAL_ALLOWLIST hanya mengizinkan {server.host_port})."
    )
    assert internal.requests == []
    assert SECRET not in Path(cache.path("uji")).read_text(encoding="utf-8")
    # The test can fail: with the internal service allowed too, the same feed brings its secret in.
    [allowed] = fetch(cache, [feed], local_allowlist=(server.host_port, internal.host_port))
    assert allowed.state.health.outcome == "diperbarui" and len(internal.requests) == 1
    assert SECRET in allowed.state.entries[0].title


def test_a_remembered_move_is_forgotten_once_its_address_is_refused(server, internal, cache, fetch) -> None:
    server.routes["/pindah-ke-dalam.rss"] = "permanent-move-to-internal.case"
    feed = partner(server.url("pindah-ke-dalam.rss"))
    [moved] = fetch(cache, [feed], local_allowlist=(server.host_port, internal.host_port))  # allowed back then
    assert moved.state.moved_to == internal.url("rahasia.rss") and len(internal.requests) == 1
    server.routes["/pindah-ke-dalam.rss"] = "pindahan.rss"  # the configured address serves the feed itself again
    [report] = fetch(cache, [feed], NOW + dt.timedelta(hours=1))  # only the fixture server is allowed now
    assert len(internal.requests) == 1, "the remembered address is not asked again"
    assert report.state.moved_from is None and report.state.moved_to is None
    assert report.state.health.outcome == "diperbarui", "the configured address was fetched instead"
    assert len(server.requests_for("/pindah-ke-dalam.rss")) == 2
    notes = partner_health(feed, report.state).notes
    forgotten = f"Pindahan permanen yang tersimpan ke {internal.url('rahasia.rss')} dilupakan"
    assert any(note.startswith(forgotten) and "alamat lokal (loopback)" in note for note in notes), notes
    assert not any("pindah permanen ke" in note for note in notes), "no advice to use the refused address"
    assert cache.load("uji").moved_to is None


def test_the_connection_goes_to_the_address_that_was_checked(server, cache, fetch) -> None:
    """A resolver that answers differently the second time (DNS rebinding) cannot move the connection."""
    asked: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["127.0.0.1"] if len(asked) == 1 else ["127.0.0.2"]

    server.routes["/lewat-nama.rss"] = "pindahan.rss"
    feed = partner(f"http://umpan.uji:{server.port}/lewat-nama.rss")
    allow = {"local_allowlist": (f"127.0.0.1:{server.port}",), "resolver": resolver}
    with FixtureServer(INTERNAL, port=server.port, host="127.0.0.2") as rebound:
        [report] = fetch(cache, [feed], **allow)
        assert report.state.health.outcome == "diperbarui"
        assert asked == ["umpan.uji"], "resolved once, for the one connection, and never by the system"
        [request] = server.requests_for("/lewat-nama.rss")
        assert request.headers["host"] == f"umpan.uji:{server.port}", "the request still names the host"
        [again] = fetch(cache, [feed], NOW + dt.timedelta(hours=1), **allow)  # a new connection: checked anew
        assert rebound.requests == []
    assert again.state.health.outcome == "gagal"
    assert "nama umpan.uji menunjuk ke 127.0.0.2, yaitu alamat lokal (loopback)" in again.state.health.last_error


def test_through_a_proxy_the_address_is_checked_first(server, cache, fetch, monkeypatch) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("http_proxy", f"http://{server.host_port}")  # answers an absolute URL by its path
    names = {"umpan.uji": ["93.184.215.14"], "intranet.uji": ["93.184.215.14", "10.1.2.3"]}
    public = partner("http://umpan.uji/pindahan.rss", id="umum")
    private = partner("http://intranet.uji/pindahan.rss", id="intranet")
    before = len(server.requests)
    reports = fetch(cache, [public, private], resolver=lambda host, port: names[host], use_env_proxy=True)
    by_id = {report.partner.id: report.state.health for report in reports}
    assert by_id["umum"].outcome == "diperbarui", by_id["umum"].last_error
    assert by_id["intranet"].outcome == "gagal"
    assert "nama intranet.uji menunjuk ke 10.1.2.3, yaitu alamat jaringan privat" in by_id["intranet"].last_error
    assert [request.path for request in server.requests[before:]] == ["http://umpan.uji/pindahan.rss"]


# --- the command ---------------------------------------------------------------------------------------------


def test_kim_fetch_prints_the_health_table_and_exits_zero_when_some_fail(server, tmp_path: Path) -> None:
    mitra = f"""\
    - id: pesisir
      nama: Kabar Pesisir Uji
      beranda: https://pesisir.example/
      umpan: {server.url("pindahan.rss")}
      wilayah: ["18.09"]
    - id: rusak
      nama: Media Rusak Uji
      beranda: https://rusak.example/
      umpan: {server.url("status-404.case")}
    """
    content = make_network(tmp_path, {"_data/mitra.yml": mitra})
    settings = allowlist_settings(tmp_path / "ambil.py", server.host_port)
    result = run_kim("--konten", str(content), "fetch", "--pengaturan", str(settings))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Mitra", "Hasil", "HTTP", "Berita", "Baru", "Terbaru", "Sepi", "Terakhir", "berhasil"]
    assert any(line.startswith("pesisir") and "Diperbarui" in line and " 200 " in line for line in lines)
    assert any(line.startswith("rusak") and "Gagal" in line and " 404 " in line for line in lines)
    assert "rusak: Server menjawab HTTP 404 (alamat tidak ditemukan)." in result.stdout
    assert "2 mitra dalam" in lines[-1] and "1 diperbarui (2 berita baru)" in lines[-1] and "1 gagal" in lines[-1]
    assert (content / "_mitra" / "pesisir.json").exists() and (content / "_mitra" / "rusak.json").exists()


def test_kim_fetch_refuses_to_run_with_a_broken_partner_list(tmp_path: Path) -> None:
    content = make_network(tmp_path, {"_data/mitra.yml": "- id: Salah Id\n  nama: X\n"})
    result = run_kim("--konten", str(content), "fetch")
    assert result.returncode == 1
    assert "mitra.yml" in result.stderr and "Pengambilan dibatalkan" in result.stderr
    assert not (content / "_mitra").exists()


def test_demo_fixtures_are_what_the_demo_partner_list_points_at() -> None:
    listed = (ROOT / "content" / "_data" / "mitra.yml").read_text(encoding="utf-8")
    for feed in sorted(DEMO.glob("*.*")):
        if feed.is_file():
            assert f"http://127.0.0.1:8765/{feed.name}" in listed, feed.name


def test_kim_fetch_names_the_partner_the_address_and_the_reason(server, internal, tmp_path: Path) -> None:
    mitra = f"""\
    - id: dialihkan
      nama: Media Dialihkan
      beranda: https://dialihkan.example/
      umpan: {server.url("redirect-to-other-local-port.case")}
    - id: tanpa-izin
      nama: Media Tanpa Izin
      beranda: https://tanpa-izin.example/
      umpan: {internal.url("rahasia.rss")}
    """
    content = make_network(tmp_path, {"_data/mitra.yml": mitra})
    settings = allowlist_settings(tmp_path / "ambil.py", server.host_port)
    result = run_kim("--konten", str(content), "fetch", "--pengaturan", str(settings))
    assert result.returncode == 0, result.stderr
    secret = internal.url("rahasia.rss")
    reason = "alamat 127.0.0.1 adalah alamat lokal (loopback), tidak boleh diambil"
    allowed = f"(WARTA_MITRA_LOCAL_ALLOWLIST hanya mengizinkan {server.host_port})"
    assert f"  dialihkan: Server mengalihkan ke {secret}, tetapi {reason} {allowed}." in result.stdout
    assert f"  tanpa-izin: Alamat {secret} ditolak: {reason} {allowed}." in result.stdout
    assert internal.requests == []
    assert not [p for p in (content / "_mitra").rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
