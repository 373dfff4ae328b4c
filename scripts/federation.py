"""Federation on one machine: kabupaten portals built apart, a national portal aggregating their feeds.

What a CI matrix would do, in miniature: a synthetic network is split into one
content folder per kabupaten/kota (same ``_data``, only that kabupaten's
KIMs); the kabupaten portals are built in parallel, as separate processes, and
served from one local HTTP server under ``/<kabupaten-code>/``; a national
portal with no KIMs subscribes to every kabupaten portal's kecamatan-level
Atom feeds through the partner-news machinery (``kim ambil``, then
``kim bangun``). The feeds' category terms (desa codes, topic slugs) map each
entry exactly, so the national portal has the same wilayah and topik pages.

Then what upstream says travels down the chain (``federation_upstream``;
``--skip-upstream`` leaves it out): one kabupaten portal withdraws its newest
story (``kim tarik``) and corrects the next one (new title and summary, then
``kim ralat``), is built again, and the national portal fetches and builds
again: the withdrawn story is gone from every page (its Atom tombstone), the
corrected one shows its new text, and ``/mitra/status/`` says what was removed
and why.

Search goes across portals too (``federation_search``): the national portal,
served from its own port, merges the kabupaten portals' search indexes on its
``/cari/`` (``WARTA_SEARCH_PORTALS``), and a query typed there in Chromium
lists stories of two kabupaten portals.

    .venv/bin/python scripts/federation.py --articles 2000 --kims 200 --jobs 2 --json federation.json

Network traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from warta_core.network import load_network
from warta_core.problems import ProblemList, format_report
from warta_core.regions import DESA, kabupaten_code
from warta_core.validation import check_network
from warta_core.yamlfile import load_yaml
from warta_partners.cache import PartnerCache
from warta_partners.config import load_partner_config
from warta_partners.index import build_partner_index
from warta_partners.mapping import RegionMatcher

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
from federation_search import CHROMIUM, SearchFigures, pick_query, search_national  # noqa: E402
from federation_upstream import UpstreamFigures, change_upstream  # noqa: E402
from synthetic_network import generate  # noqa: E402

NATIONAL = "nasional"
FEED_ITEMS = 100  # items per kabupaten feed (FEED_MAX_ITEMS), and kept per kecamatan feed (`maks_berita`)


@dataclass
class FederationFigures:
    """What one federation run measured."""

    articles: int
    kims: int
    jobs: int
    kabupaten_portals: int = 0
    kabupaten_build_seconds: dict[str, float] = field(default_factory=dict)
    kabupaten_articles: dict[str, int] = field(default_factory=dict)
    parallel_wall_seconds: float = 0.0
    kecamatan_feeds: int = 0
    fetch_seconds: float = 0.0
    national_build_seconds: float = 0.0
    entries_aggregated: int = 0
    region_pages: int = 0
    desa_pages: int = 0
    exact_desa_entries: int = 0
    exact_topic_entries: int = 0
    single_build_seconds: float | None = None  # the whole network as one portal, for comparison
    upstream: UpstreamFigures | None = None  # a withdrawal and a correction, fetched again (federation_upstream)
    search: SearchFigures | None = None  # one query on the national /cari/ (federation_search); None: no Chromium


class QuietHandler(SimpleHTTPRequestHandler):
    """Static files without a log line per request; search indexes readable from other origins, as on GitHub Pages."""

    def log_message(self, format: str, *args: object) -> None:
        """Silence."""

    def end_headers(self) -> None:
        """Let another portal's /cari/ (another origin) read a search index: ``Access-Control-Allow-Origin``."""
        if "/pagefind/" in self.path.split("?", 1)[0]:
            self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()


def start_server(root: Path) -> tuple[ThreadingHTTPServer, str]:
    """One threaded server on 127.0.0.1 for every portal's output; returns it and its base address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def kabupaten_of(kim_folder: Path) -> str:
    """Kabupaten/kota code of a KIM, from the desa in its ``kim.yml``."""
    problems = ProblemList()
    document = load_yaml(str(kim_folder / "kim.yml"), problems)
    if document is None or not isinstance(document.data, dict) or "desa" not in document.data:
        raise SystemExit(
            format_report(problems.items) if problems else f"{kim_folder}/kim.yml: kolom `desa` tidak ada."
        )
    return kabupaten_code(str(document.data["desa"]))


def split_network(content: Path, root: Path) -> dict[str, Path]:
    """One content folder per kabupaten/kota: the same ``_data``, only its KIMs (hard links where possible)."""
    folders: dict[str, Path] = {}
    for kim_folder in sorted((content / "kim").iterdir()):
        code = kabupaten_of(kim_folder)
        target = root / code / "content"
        if code not in folders:
            shutil.copytree(content / "_data", target / "_data")
            folders[code] = target
        shutil.copytree(kim_folder, target / "kim" / kim_folder.name, copy_function=_link_or_copy)
    return folders


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def write_settings(path: Path, site_url: str, **extra: object) -> Path:
    """A settings file on top of the repository's ``pelicanconf.py``, with this portal's address."""
    lines = [
        '"""Generated by scripts/federation.py: the repository settings plus this portal\'s address."""',
        "import sys",
        f"sys.path.insert(0, {str(REPO)!r})",
        "from pelicanconf import *  # noqa: F403",
        f"PLUGIN_PATHS = [{str(REPO / 'plugins')!r}]",
        f"THEME = {str(REPO / 'theme')!r}",
        f"SITEURL = {site_url!r}",
        "FEED_DOMAIN = SITEURL",
        *(f"{name} = {value!r}" for name, value in extra.items()),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def kim(*args: str) -> float:
    """Run one ``kim`` command in its own process (as a CI job would); its duration in seconds."""
    started = time.perf_counter()
    command = [sys.executable, "-c", "import sys; from warta_cli.main import main; sys.exit(main())", *args]
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "plugins"), str(REPO / "cli")])}
    result = subprocess.run(command, cwd=REPO, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"kim {' '.join(args)} gagal ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - started


def build_kabupaten(code: str, content: Path, site_root: Path, base_url: str) -> float:
    """Build one kabupaten portal into ``site_root/<code>/``, addressed as ``<base_url>/<code>``."""
    settings = write_settings(content.parent / "settings.py", f"{base_url}/{code}", FEED_MAX_ITEMS=FEED_ITEMS)
    return kim("--konten", str(content), "build", "--pengaturan", str(settings), "--output", str(site_root / code))


def build_all(folders: dict[str, Path], site_root: Path, base_url: str, jobs: int) -> tuple[dict[str, float], float]:
    """Build every kabupaten portal, ``jobs`` at a time; per-portal seconds and the wall time."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {
            code: pool.submit(build_kabupaten, code, path, site_root, base_url) for code, path in folders.items()
        }
        seconds = {code: future.result() for code, future in futures.items()}
    return seconds, time.perf_counter() - started


def national_partners(folders: dict[str, Path], base_url: str) -> list[dict[str, object]]:
    """``mitra.yml`` entries: every kecamatan feed of every kabupaten portal, covering that kecamatan."""
    partners = []
    for code, content in sorted(folders.items()):
        network, _problems = load_network(str(content))
        kecamatans = sorted({k.desa.kecamatan_code for k in network.kims.values()})
        for kecamatan_code in kecamatans:
            region = network.registry.get(kecamatan_code)
            site = f"{base_url}/{code}"
            partners.append(
                {
                    "id": "kec-" + kecamatan_code.replace(".", "-"),
                    "nama": f"Warta KIM {region.label}",
                    "beranda": f"{site}/{region.url}",
                    "umpan": f"{site}/{region.url}atom.xml",
                    "wilayah": [kecamatan_code],
                    "maks_berita": FEED_ITEMS,
                }
            )
    return partners


def write_national(
    root: Path, source: Path, partners: list[dict[str, object]], base_url: str, national_url: str, codes: list[str]
) -> tuple[Path, Path]:
    """The national portal's content (same ``_data``, no KIMs, the feeds as partners) and settings.

    It is addressed at ``national_url`` (another origin than the kabupaten portals at ``base_url``) and its
    ``/cari/`` merges the search indexes of the kabupaten portals ``codes``.
    """
    content = root / NATIONAL / "content"
    shutil.copytree(source / "_data", content / "_data")
    (content / "kim").mkdir()
    header = "# Dibuat oleh scripts/federation.py: umpan Atom tingkat kecamatan dari setiap portal kabupaten.\n"
    text = yaml.safe_dump(partners, allow_unicode=True, sort_keys=False)
    (content / "_data" / "mitra.yml").write_text(header + text, encoding="utf-8")
    settings = write_settings(
        root / NATIONAL / "settings.py",
        f"{national_url}/{NATIONAL}",
        WARTA_SEARCH_PORTALS=[f"{base_url}/{code}/" for code in codes],
        WARTA_MITRA_MAX_AGE_DAYS=0,  # the archive is the kabupaten portals'; keep what their feeds carry
        WARTA_MITRA_IMAGES=False,
        WARTA_MITRA_DEADLINE=900.0,
        # The kabupaten portals are served on 127.0.0.1, which `kim ambil` refuses unless it is listed.
        WARTA_MITRA_LOCAL_ALLOWLIST=[base_url.removeprefix("http://")],
    )
    return content, settings


def count_mapping(content: Path, output: Path) -> dict[str, int]:
    """What the national portal made of the feeds, counted from its cache, its mapping and its output."""
    network = check_network(str(content)).network
    config, _problems = load_partner_config(network)
    cache = PartnerCache(str(content / "_mitra"))
    index = build_partner_index(config, network, cache, "Asia/Jakarta", 4, images=False)
    topics_of = {item.key: {topic.slug for topic in item.topics} for item in index.latest()}
    exact = exact_topics = 0
    for partner in config.partners:
        matcher = RegionMatcher(network.registry, partner.regions)
        for entry in cache.load(partner.id).entries:
            regions = matcher.exact(entry.categories)
            exact += bool(regions) and all(region.level == DESA for region in regions)
            named = {term for term in entry.categories if term in network.topics}
            exact_topics += bool(named) and named <= topics_of.get(entry.key, set())
    pages = [path for path in (output / "wilayah").rglob("index.html") if "page" not in path.parts]
    region_pages = [path for path in pages if path.parent != output / "wilayah"]
    desa_pages = [path for path in region_pages if len(path.relative_to(output / "wilayah").parts) == 5]
    return {
        "entries_aggregated": len(index),
        "region_pages": len(region_pages),
        "desa_pages": len(desa_pages),
        "exact_desa_entries": exact,
        "exact_topic_entries": exact_topics,
    }


def run_federation(
    root: Path, articles: int, kims: int, jobs: int = 2, seed: int = 1, single: bool = False, upstream: bool = True
) -> FederationFigures:
    """Generate, split, build in parallel, serve, aggregate; ``root/situs`` holds every portal's output.

    ``single`` also builds the undivided network as one portal first, to compare with the parallel builds;
    ``upstream`` then withdraws and corrects a story on one kabupaten portal and aggregates again (the
    figures of the first aggregation are kept; ``upstream`` has those of the second).
    """
    figures = FederationFigures(articles=articles, kims=kims, jobs=jobs)
    source = generate(root / "sumber", articles, kims, seed)
    folders = split_network(source, root / "kabupaten")
    figures.kabupaten_portals = len(folders)
    figures.kabupaten_articles = {code: sum(1 for _ in path.rglob("*.md")) for code, path in folders.items()}
    site_root = root / "situs"
    site_root.mkdir()
    if single:
        settings = write_settings(root / "sumber" / "settings.py", "http://127.0.0.1/satu", FEED_MAX_ITEMS=FEED_ITEMS)
        output = str(root / "satu-portal")
        figures.single_build_seconds = kim(
            "--konten", str(source), "build", "--pengaturan", str(settings), "--output", output
        )
    server, base_url = start_server(site_root)
    national_server, national_url = start_server(site_root)  # another port: another origin, as on the web
    try:
        figures.kabupaten_build_seconds, figures.parallel_wall_seconds = build_all(folders, site_root, base_url, jobs)
        partners = national_partners(folders, base_url)
        figures.kecamatan_feeds = len(partners)
        content, settings = write_national(root, source, partners, base_url, national_url, sorted(folders))
        figures.fetch_seconds = kim("--konten", str(content), "fetch", "--pengaturan", str(settings), "--tanpa-gambar")
        output = site_root / NATIONAL
        figures.national_build_seconds = kim(
            "--konten", str(content), "build", "--pengaturan", str(settings), "--output", str(output)
        )
        for name, value in count_mapping(content, output).items():
            setattr(figures, name, value)
        if CHROMIUM.exists():
            query = pick_query(folders)
            figures.search = search_national(f"{national_url}/{NATIONAL}/", query, sorted(folders))
        if upstream:
            code = min(folders)
            figures.upstream = change_upstream(
                folders[code], site_root / code, lambda: build_kabupaten(code, folders[code], site_root, base_url), kim
            )
            figures.upstream.national_fetch_seconds = kim(
                "--konten", str(content), "fetch", "--pengaturan", str(settings), "--tanpa-gambar"
            )
            figures.upstream.national_build_seconds = kim(
                "--konten", str(content), "build", "--pengaturan", str(settings), "--output", str(output)
            )
            figures.upstream.count_national(PartnerCache(str(content / "_mitra")))
    finally:
        for running in (server, national_server):
            running.shutdown()
            running.server_close()
    return figures


def table(figures: FederationFigures) -> str:
    """The figures as a plain two-column table."""
    rows = [
        ("Articles", f"{figures.articles:,}"),
        ("KIMs", f"{figures.kims:,}"),
        ("Kabupaten portals", str(figures.kabupaten_portals)),
        *(
            (f"  build {code} ({figures.kabupaten_articles[code]:,} articles)", f"{seconds:.1f} s")
            for code, seconds in sorted(figures.kabupaten_build_seconds.items())
        ),
        (f"Parallel wall time ({figures.jobs} at a time)", f"{figures.parallel_wall_seconds:.1f} s"),
        ("Kecamatan feeds subscribed", str(figures.kecamatan_feeds)),
        ("National fetch (kim ambil)", f"{figures.fetch_seconds:.1f} s"),
        ("National build (kim bangun)", f"{figures.national_build_seconds:.1f} s"),
        ("Entries aggregated", f"{figures.entries_aggregated:,}"),
        ("Regions with a page", f"{figures.region_pages:,} ({figures.desa_pages:,} desa)"),
        ("Entries on desa pages by exact code", f"{figures.exact_desa_entries:,}"),
        ("Entries with their feed's topics", f"{figures.exact_topic_entries:,}"),
    ]
    if figures.single_build_seconds is not None:
        rows.insert(3, ("Whole network as one portal (one build)", f"{figures.single_build_seconds:.1f} s"))
    if figures.search is not None:
        found = f"{len(figures.search.links)} listed, from {', '.join(figures.search.portals) or 'no portal'}"
        rows.append((f"National /cari/?q={figures.search.query}", found))
    if figures.upstream is not None:
        rows += figures.upstream.rows()
    width = max(len(name) for name, _value in rows)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in rows)


def main() -> None:
    """Command-line entry; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--kims", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2, help="kabupaten portals built at the same time")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--single", action="store_true", help="also build the undivided network once, to compare")
    parser.add_argument(
        "--skip-upstream", action="store_true", help="leave out the withdrawal and correction fetched down the chain"
    )
    parser.add_argument("--dir", type=Path, help="work folder, kept afterwards (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    if args.dir:
        if args.dir.exists():
            shutil.rmtree(args.dir)
        args.dir.mkdir(parents=True)
        figures = run_federation(
            args.dir, args.articles, args.kims, args.jobs, args.seed, args.single, not args.skip_upstream
        )
    else:
        with tempfile.TemporaryDirectory(prefix="federasi-") as folder:
            figures = run_federation(
                Path(folder), args.articles, args.kims, args.jobs, args.seed, args.single, not args.skip_upstream
            )
    print(table(figures))
    if args.json:
        args.json.write_text(json.dumps(asdict(figures), indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
