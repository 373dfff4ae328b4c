"""Hostile partner feeds, fetched for real from 127.0.0.1, and feedparser's own test corpus.

Each ``tests/fixtures/partners/hostile/*.case`` file with a ``# Case:`` header is one hostile server
response (see ``scripts/serve_partner_fixtures.py`` for how it is served); its ``# Expect-*`` lines (read by
``fixture_cases.read_header``) say what must happen, and every case must also leave a cache in which links
and images are http(s) only, text is bounded and dates are never in the future. ``Expect-Within`` bounds what
the feed itself cost in the concurrent run: its server's time plus its parse's CPU time (see ``spider``), not
the time it waited for a parser busy with another case. A case with a ``# Before:`` file was fetched once before,
a day earlier, with that file as its feed (what the cache held when the hostile document arrived: the
tombstone cases need entries to remove). The fixture server is on the
fetch's local allowlist; a second one, the "internal service" (``tests/fixtures/partners/internal/``, its
address is ``{intern}`` in the cases), is not, and must never receive a request nor see its marker published.
Then all of them, and every file of feedparser's test corpus, are rendered through the real theme, and no page
or feed may contain live markup. The corpus is read from ``$WARTA_FEEDPARSER_CORPUS`` (default
``../shared/corpora/feedparser`` beside the project); its tests are skipped, saying where they looked, when it
is absent.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
import shutil
import sys
import warnings
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
from support.fixture_cases import read_header
from support.site import ROOT, build_content, make_network

from warta_partners.cache import FeedState, PartnerCache
from warta_partners.config import Partner
from warta_partners.entries import IMAGE_FILE, MAX_TITLE
from warta_partners.normalise import parse_feed
from warta_partners.spider import FetchOptions, Spider

sys.path.insert(0, str(ROOT / "scripts"))
from serve_partner_fixtures import FixtureServer

HOSTILE = ROOT / "tests" / "fixtures" / "partners" / "hostile"
INTERNAL = ROOT / "tests" / "fixtures" / "partners" / "internal"
SECRET = "RAHASIA-LAYANAN-INTERNAL"  # in every file the internal service holds
CORPUS_VARIABLE = "WARTA_FEEDPARSER_CORPUS"
CORPUS = Path(os.environ.get(CORPUS_VARIABLE) or ROOT.parent / "shared" / "corpora" / "feedparser")
NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)
OPTIONS = FetchOptions(
    concurrency=16,
    connect_timeout=2,
    read_timeout=1.5,
    feed_timeout=4,  # well above read_timeout, so a stalled body is stopped by the read timeout even under load
    deadline=20,
    max_bytes=1024 * 1024,
    image_max_bytes=64 * 1024,
    max_redirects=3,
    max_age_days=0,
    use_env_proxy=False,
)
CASES = sorted(path for path in HOSTILE.glob("*.case") if "case" in read_header(path))
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "style", "frame", "frameset", "applet", "base"}
DANGEROUS_URL = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")
# The writers' web editor (warta_admin) is a JavaScript application by design and never shows partner content.
EDITOR_APP = "admin/"


def partner_for(case: Path, server: FixtureServer) -> Partner:
    return Partner(
        id=case.stem, name=f"Mitra Uji {case.stem}", homepage="https://uji.example/", feed=server.url(case.name)
    )


@pytest.fixture(scope="module")
def internal():
    """Another service on this machine, on a port the fetch may not use."""
    with FixtureServer(INTERNAL) as running:
        yield running


@pytest.fixture(scope="module")
def server(internal):
    with FixtureServer(HOSTILE) as running:
        running.variables.update(intern=internal.host_port, intern_port=str(internal.port))
        yield running


@pytest.fixture(scope="module")
def hostile_run(server, tmp_path_factory):
    """Every case fetched in one concurrent run into one cache, as ``kim ambil`` would (only ``server`` allowed).

    Cases with a ``Before`` file were fetched a day earlier with that file as their feed, in one run too.
    """
    cache = PartnerCache(str(tmp_path_factory.mktemp("hostile") / "_mitra"))
    partners = [partner_for(case, server) for case in CASES]
    options = replace(OPTIONS, local_allowlist=(server.host_port,))
    earlier = {f"/{case.name}": read_header(case).get("before") for case in CASES if "before" in read_header(case)}
    server.routes.update(earlier)
    try:
        before = [partner for partner in partners if f"/{partner.id}.case" in earlier]
        Spider(cache, options, clock=lambda: NOW - dt.timedelta(days=1)).run(before)
    finally:
        for path in earlier:
            del server.routes[path]
    reports = Spider(cache, options, clock=lambda: NOW).run(partners)
    return cache, {report.partner.id: report for report in reports}


def test_the_fixture_set_covers_the_attacks() -> None:
    names = {case.stem for case in CASES}
    for required in (
        "billion-laughs", "quadratic-blowup", "external-entity-file", "gzip-bomb", "endless", "huge-body",
        "slow-trickle", "stall", "redirect-loop", "status-404", "status-500", "gone-410", "retry-after-429",
        "invalid-xml-salvaged", "lying-charset-header", "markup-everywhere", "dangerous-links", "absurd-dates",
        "many-items", "redirect-to-other-local-port", "redirect-to-hex-loopback", "redirect-to-decimal-loopback",
        "redirect-to-mapped-ipv6", "redirect-to-localhost-name", "redirect-to-cloud-metadata",
        "redirect-to-private-network", "internal-images", "tombstone-other-partner", "tombstone-thousands",
        "tombstone-script-comment", "tombstone-unknown-id", "tombstone-bad-when", "tombstone-broken-xml",
    ):  # fmt: skip
        assert required in names


def check_invariants(state: FeedState) -> None:
    """What must hold for every partner cache, whatever the feed did."""
    for entry in state.entries:
        assert entry.title and len(entry.title) <= MAX_TITLE + 1
        assert len(entry.summary) <= OPTIONS.summary_length + 1
        assert entry.link is None or entry.link.startswith(("http://", "https://"))
        assert entry.image_url is None or entry.image_url.startswith(("http://", "https://"))
        assert entry.image_file is None or IMAGE_FILE.match(entry.image_file)
        assert entry.published <= NOW + dt.timedelta(minutes=10)
        for text in (entry.title, entry.summary, entry.author):
            assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e]", text), repr(text)


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.stem)
def test_hostile_feed(case: Path, hostile_run, server) -> None:
    cache, reports = hostile_run
    expect = read_header(case)
    report = reports[case.stem]
    state = report.state
    within = float(expect.get("expect-within", "6"))
    assert report.seconds < within, f"{case.name}: took {report.seconds:.1f} s, allowed {within} s"
    assert state.health.outcome == expect.get("expect-outcome"), state.health
    if "expect-entries" in expect:
        assert len(state.entries) == int(expect.get("expect-entries")), [e.title for e in state.entries]
    titles = [entry.title for entry in state.entries]
    for title in expect.all("expect-titles"):
        assert title in titles
    for fragment in expect.all("expect-title-contains"):
        assert any(fragment in title for title in titles), titles
    for title in expect.all("expect-gone-titles"):
        assert title not in titles
    if "expect-removed" in expect:
        removed = int(expect.get("expect-removed"))
        assert state.health.removed_entries == len(state.removals) == removed, state.removals
    if "expect-ignored-tombstones" in expect:
        assert state.health.ignored_tombstones == int(expect.get("expect-ignored-tombstones"))
    for fragment in expect.all("expect-error"):
        assert server.expand(fragment) in (state.health.last_error or ""), state.health.last_error
    for fragment in expect.all("expect-refused"):
        assert any(server.expand(fragment) in note for note in state.health.refused), state.health.refused
    if "expect-not-moved" in expect:
        assert state.moved_to is None
    saved = Path(cache.path(case.stem)).read_text(encoding="utf-8")
    json.loads(saved)
    for fragment in expect.all("expect-absent"):
        assert codecs.decode(fragment, "unicode_escape") not in saved
    for path in expect.all("expect-no-request"):
        assert not server.requests_for(path), f"{path} was requested"
    if "expect-link-count" in expect:
        assert sum(1 for e in state.entries if e.link) == int(expect.get("expect-link-count"))
    if "expect-estimated" in expect:
        assert sum(1 for e in state.entries if e.date_estimated) == int(expect.get("expect-estimated"))
    if "expect-images" in expect:
        stored = [e for e in state.entries if e.image_file and cache.image_path(e.image_file)]
        assert len(stored) == int(expect.get("expect-images"))
    if "expect-retry-seconds" in expect:
        assert state.retry_at == NOW + dt.timedelta(seconds=int(expect.get("expect-retry-seconds")))
    check_invariants(state)


# --- Rendering: no live markup anywhere ------------------------------------------------------------------------


def markup_problems(soup: BeautifulSoup, where: str) -> list[str]:
    """Live markup in one parsed document (or fragment)."""
    problems = []
    for tag in soup.find_all(True):
        if tag.name in DANGEROUS_TAGS:
            if tag.name == "script" and tag.get("src", "").endswith("/theme/js/cari.js") and where.startswith("cari/"):
                continue  # the search page's own script (the only page with JavaScript), not partner content
            if tag.name == "script" and tag.get("type") == "application/ld+json":
                try:
                    json.loads(tag.string or "")
                    continue
                except ValueError:
                    pass
            problems.append(f"{where}: <{tag.name}> {str(tag)[:100]}")
        for attribute, value in tag.attrs.items():
            if attribute.lower().startswith("on"):
                problems.append(f"{where}: event handler {attribute} on <{tag.name}>")
            values = value if isinstance(value, list) else [value]
            for item in values:
                if isinstance(item, str) and DANGEROUS_URL.match(_URL_NOISE.sub("", item)):
                    problems.append(f"{where}: {attribute}={item[:60]!r} on <{tag.name}>")
    return problems


def test_the_markup_check_finds_what_it_looks_for() -> None:
    page = BeautifulSoup(
        '<p onclick="x()">a</p><a href=" java\tscript:alert(1)">b</a><img src="data:image/svg+xml,1">'
        '<iframe></iframe><style>p{}</style><script type="application/ld+json">{"ok": true}</script>'
        '<script type="application/ld+json">{"bukan json</script>',
        "html.parser",
    )
    problems = markup_problems(page, "uji")
    assert len(problems) == 6, problems
    assert sum("ld+json" in problem or "<script>" in problem for problem in problems) == 1


def live_markup(output: Path) -> tuple[list[str], int]:
    """Problems in every page and feed of a build, and how many files were checked."""
    problems: list[str] = []
    checked = 0
    for path in sorted(output.rglob("*")):
        name = path.relative_to(output).as_posix()
        if name.startswith(EDITOR_APP):
            continue
        if path.suffix in (".html", ".xml", ".opml"):
            checked += 1
            with warnings.catch_warnings():  # feeds are parsed as HTML on purpose: leniently, like a browser
                warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
                soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            problems += markup_problems(soup, name)
            if path.suffix == ".xml":  # escaped HTML inside feed elements is markup once a reader unescapes it
                for element in soup.find_all(string=re.compile("<")):
                    problems += markup_problems(BeautifulSoup(str(element), "html.parser"), f"{name} (isi)")
        elif path.suffix == ".json":
            checked += 1
            stack = [json.loads(path.read_text(encoding="utf-8"))]
            while stack:
                value = stack.pop()
                if isinstance(value, dict):
                    stack.extend(value.values())
                elif isinstance(value, list):
                    stack.extend(value)
                elif isinstance(value, str) and "<" in value:
                    problems += markup_problems(BeautifulSoup(value, "html.parser"), f"{name} (isi)")
    return problems, checked


def partner_yaml(partners: list[Partner]) -> str:
    return "".join(
        f"- id: {p.id}\n  nama: {json.dumps(p.name)}\n  beranda: {p.homepage}\n  umpan: {p.feed}\n" for p in partners
    )


def build_with_cache(root: Path, partners: list[Partner], cache_folder: Path, **settings: object) -> Path:
    content = make_network(root, {"_data/mitra.yml": partner_yaml(partners)})
    shutil.copytree(cache_folder, content / "_mitra")
    output = root / "output"
    build_content(content, output, **settings)
    return output


def test_the_internal_service_was_never_asked(hostile_run, internal) -> None:
    """The redirects and images that point at it were refused before connecting, whatever the spelling."""
    assert internal.requests == []


@pytest.fixture(scope="module")
def hostile_site(hostile_run, tmp_path_factory) -> Path:
    """Every case's cache rendered through the real theme."""
    cache, reports = hostile_run
    partners = [report.partner for report in reports.values()]
    return build_with_cache(tmp_path_factory.mktemp("situs"), partners, Path(cache.folder), WARTA_MITRA_PAGE_ITEMS=200)


def status_notes(output: Path) -> dict[str, str]:
    """Each partner id -> the text /mitra/status/ shows about it: its table row and its list of withdrawn stories."""
    status = BeautifulSoup((output / "mitra" / "status" / "index.html").read_text(), "html.parser")
    notes = {}
    for row in status.select("tbody tr"):
        partner_id = row.find("th").find("a")["href"].rstrip("/").rsplit("/", 1)[-1]
        heading = status.find(id=f"dicabut-{partner_id}")
        listed = heading.find_next_sibling("ul").get_text(" ", strip=True) if heading else ""
        notes[partner_id] = row.get_text(" ", strip=True) + " " + listed
    return notes


def test_withdrawals_are_noted_on_the_status_page_as_text(hostile_site) -> None:
    notes = status_notes(hostile_site)
    checked = 0
    for case in CASES:
        for fragment in read_header(case).all("expect-status"):
            assert fragment in notes[case.stem], notes[case.stem]
            checked += 1
        if read_header(case).get("expect-removed") == "0":
            assert "dicabut sumbernya" not in notes[case.stem], notes[case.stem]
    assert checked >= 5
    page = (hostile_site / "mitra" / "status" / "index.html").read_text()
    assert "&lt;img src=x onerror=alert(2)&gt; trauma korban" in page, "the reason is shown as escaped text"


def test_hostile_feeds_render_without_live_markup(hostile_run, hostile_site, server) -> None:
    output = hostile_site
    problems, checked = live_markup(output)
    assert checked > 40
    assert not problems, "\n".join(problems[:40])
    assert not [path for path in output.rglob("*") if path.is_file() and SECRET.encode() in path.read_bytes()]
    status = BeautifulSoup((output / "mitra" / "status" / "index.html").read_text(), "html.parser")
    rows = {row.find("th").get_text(strip=True): row.get_text(" ", strip=True) for row in status.select("tbody tr")}
    refused_feed = rows["Mitra Uji redirect-to-other-local-port"]
    secret_url = server.expand("http://{intern}/rahasia.rss")
    assert f"Server mengalihkan ke {secret_url}, tetapi alamat 127.0.0.1" in refused_feed
    assert "alamat lokal (loopback), tidak boleh diambil" in refused_feed
    images = rows["Mitra Uji internal-images"]
    assert images.count("Gambar berita tidak diunduh.") == 3 and "169.254.169.254" in images
    page = BeautifulSoup((output / "mitra" / "internal-images" / "index.html").read_text(), "html.parser")
    assert len(page.select(".daftar-mitra article")) == 4, "every item is published, with or without its image"
    assert len(page.select(".daftar-mitra img")) == 1
    page = BeautifulSoup((output / "mitra" / "markup-everywhere" / "index.html").read_text(), "html.parser")
    titles = [h.get_text(strip=True) for h in page.select(".daftar-mitra .ringkas-judul")]
    assert 'Panen <b>kopi</b> & "durian"' in titles, "plain-text titles are shown as text, escaped"
    assert not page.select(".daftar-mitra b"), "no partner markup became an element"
    links = [a["href"] for a in page.select(".daftar-mitra .ringkas-judul a")]
    assert links and all(link.startswith("https://markah.example/") for link in links)


# --- feedparser's corpus ---------------------------------------------------------------------------------------


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip(
            f"feedparser's test corpus not found at {CORPUS}: set {CORPUS_VARIABLE} to the folder holding "
            "its wellformed/, illformed/, encoding/ ... (feedparser's tests/ folder) to run these tests"
        )
    return sorted(path for path in CORPUS.rglob("*") if path.is_file())


def declared_content_type(data: bytes) -> str:
    """The ``Header: Content-Type:`` a corpus file's comment asks for (as feedparser's own tests do)."""
    for value in read_header(data).all("header"):
        name, _, content_type = value.partition(":")
        if name.strip().lower() == "content-type":
            return content_type.strip()
    return ""


@pytest.fixture(scope="module")
def corpus_entries():
    """Every corpus file through the normaliser; entries grouped by corpus folder."""
    groups: dict[str, dict[str, object]] = {}
    files = corpus_files()
    for path in files:
        data = path.read_bytes()
        group = "-".join(path.relative_to(CORPUS).parts[:2]).removesuffix(path.suffix).lower()
        group = re.sub(r"[^a-z0-9]+", "-", group).strip("-")[:40]
        file_id = path.relative_to(CORPUS).as_posix()  # entry keys unique per file, so nothing merges by accident
        parsed = parse_feed(data, declared_content_type(data), "http://127.0.0.1:8097/umpan", file_id, NOW, 280)
        for entry in parsed.entries:
            groups.setdefault(group, {})[entry.key] = entry
    return files, groups


@pytest.mark.slow
def test_every_corpus_file_goes_through_the_normaliser(corpus_entries) -> None:
    files, groups = corpus_entries
    assert len(files) > 2000
    entries = [entry for group in groups.values() for entry in group.values()]
    assert len(entries) > 400
    for entry in entries:
        assert entry.link is None or entry.link.startswith(("http://", "https://"))
        assert entry.image_url is None or entry.image_url.startswith(("http://", "https://"))


@pytest.mark.slow
def test_corpus_renders_without_live_markup(corpus_entries, tmp_path: Path) -> None:
    _files, groups = corpus_entries
    cache = PartnerCache(str(tmp_path / "cache"))
    partners = []
    for group, entries in sorted(groups.items()):
        partners.append(Partner(group, f"Korpus {group}", "https://korpus.example/", "https://korpus.example/umpan"))
        cache.save(FeedState(group, entries=list(entries.values())))
    output = build_with_cache(tmp_path / "situs", partners, Path(cache.folder), WARTA_MITRA_PAGE_ITEMS=100)
    rendered = sum(
        len(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(".daftar-mitra > li"))
        for partner in partners
        for page in (output / "mitra" / partner.id).rglob("index.html")
    )
    assert rendered == sum(len(entries) for entries in groups.values()), "every entry is on its partner's page"
    problems, checked = live_markup(output)
    assert checked > 30
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])
