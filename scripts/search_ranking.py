"""Does splitting the search index change what readers find? The query set on one index and on the parts.

Each part of the index (warta_search.partitions) scores pages against its own word statistics, so merged
results may come in another order than one index's. This builds a network twice, in-process: once as
the plugin does (this year's part and the archive) and once with every story in one part (``part_of``
patched: the index before partitions), runs the readers' query set (``tests/fixtures/search/queries.tsv``,
as ``tests/warta_search/test_search_queries.py`` does) in Chromium on both, and prints the hit rates and how far the
listed results agree: the same first result, how many of one index's results the parts list too, and the
rank correlation (Spearman) of the results both list.

    .venv/bin/python scripts/search_ranking.py --json ranking.json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [
    str(REPO / "plugins"),
    str(REPO / "cli"),
    str(REPO / "tests"),
]  # code first: no tests/warta_* shadows it

from support.site import DEMO_CONTENT, build_content  # noqa: E402
from test_search_queries import Outcome, read_queries, run_queries  # noqa: E402


def spearman(first: list[str], second: list[str]) -> float | None:
    """Spearman's rank correlation of the items both lists hold (None below two such items)."""
    common = [item for item in first if item in second]
    if len(common) < 2:
        return None
    ranks_a = {item: rank for rank, item in enumerate(common)}
    ordered_b = sorted(common, key=second.index)
    ranks_b = {item: rank for rank, item in enumerate(ordered_b)}
    n = len(common)
    squares = sum((ranks_a[item] - ranks_b[item]) ** 2 for item in common)
    return 1 - 6 * squares / (n * (n * n - 1))


def build(content: Path, output: Path, single: bool) -> None:
    """Build ``content``; with ``single``, every story goes into the main part (one index)."""
    from warta_search import partitions  # noqa: PLC0415

    if not single:
        build_content(content, output)
        return
    with mock.patch.object(partitions, "part_of", lambda _year, _current: partitions.CURRENT):
        build_content(content, output)


def compare(single: list[Outcome], parts: list[Outcome]) -> dict[str, object]:
    """Hit rates of both and their agreement, query by query."""
    kept, correlations, same_first, differing = [], [], 0, []
    for one, split in zip(single, parts, strict=True):
        same_first += bool(one.links) and one.links[:1] == split.links[:1]
        if one.links:
            kept.append(len(set(one.links) & set(split.links)) / len(one.links))
        rho = spearman(one.links, split.links)
        if rho is not None:
            correlations.append(rho)
        if one.links != split.links:
            differing.append({"query": one.query.text, "single": one.links[:5], "parts": split.links[:5]})
    total = len(single)
    return {
        "queries": total,
        "single_first": sum(o.first for o in single),
        "single_top3": sum(o.top3 for o in single),
        "parts_first": sum(o.first for o in parts),
        "parts_top3": sum(o.top3 for o in parts),
        "same_first_result": same_first,
        "identical_lists": total - len(differing),
        "mean_share_of_single_results_kept": round(sum(kept) / len(kept), 3) if kept else None,
        "mean_rank_correlation": round(sum(correlations) / len(correlations), 3) if correlations else None,
        "differing": differing,
    }


def main() -> None:
    """Build both ways, run the query set on both, print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, default=DEMO_CONTENT)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    queries = read_queries()
    with tempfile.TemporaryDirectory(prefix="search-ranking-") as folder:
        work = Path(folder)
        outcomes = {}
        for name, single in (("single", True), ("parts", False)):
            build(args.content, work / name / "output", single)
            outcomes[name] = run_queries(work / name / "output", work / name, queries)
    figures = compare(outcomes["single"], outcomes["parts"])
    print(json.dumps({key: value for key, value in figures.items() if key != "differing"}, indent=2))
    for case in figures["differing"]:
        print(f"  {case['query']!r}: one index {case['single']} / parts {case['parts']}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
