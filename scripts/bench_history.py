"""Measure how the published branch's git history grows over repeated publishes.

    python scripts/bench_history.py --articles 500 --kims 50 --rounds 10 --new 20

Generates a synthetic network (``scripts/synthetic_network.py``), publishes it with the real ``kim terbitkan``
(``publishconf.py``: share cards, search, feeds, everything a real publish has) to a local bare repository,
then runs ``--rounds`` rounds of "write ``--new`` new articles, edit one old article, publish". After each
publish the bare repository is packed (``git gc``, as the host does in the background) and measured with
``git count-objects -v`` (``size-pack``: the history every clone downloads); the site size is the sum of the
published tree's files. Prints one line per round, the growth per round and per new article, and a final
JSON line (``--json FILE`` writes it to a file too). A script, not a test: publishing takes a while.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_network import author_name, body, generate, sentence

REPO = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("pelicanconf.py", "publishconf.py", "plugins", "theme")
SITEURL = "https://contoh.github.io/warta-kim"
MiB = 1024**2


def git(*args: str, cwd: Path | None = None) -> str:
    """Run git; fail loudly."""
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def new_project(folder: Path) -> Path:
    """A clone-like working folder: the project's settings, plugins and theme, in a fresh git repository."""
    folder.mkdir(parents=True)
    for name in PROJECT_FILES:
        (folder / name).symlink_to(REPO / name)
    git("init", "-q", cwd=folder)
    return folder


def publish(project: Path, content: Path, remote: Path) -> None:
    """The real ``kim terbitkan`` (as ``make publish`` runs it), from ``project``; fail loudly."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("WARTA_")}
    env.update({"WARTA_SITEURL": SITEURL, "PYTHONPATH": os.pathsep.join([str(REPO / "plugins"), str(REPO / "cli")])})
    command = [sys.executable, "-m", "warta_cli.main", "--konten", str(content), "publish", "--remote", str(remote)]
    command.append("--dengan-riwayat")  # this benchmark measures the kept history (the default replaces it)
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"kim terbitkan failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")


def history_bytes(remote: Path) -> int:
    """Bytes of the bare repository's history once packed (``size-pack`` plus anything left loose)."""
    git("--git-dir", str(remote), "gc", "--quiet", "--prune=now")
    counts = dict(line.split(": ", 1) for line in git("--git-dir", str(remote), "count-objects", "-v").splitlines())
    return (int(counts["size-pack"]) + int(counts["size"])) * 1024  # both in KiB


def site_bytes(remote: Path, branch: str = "gh-pages") -> tuple[int, int]:
    """Bytes and files of the published tree."""
    sizes = [int(line.split()[3]) for line in git("--git-dir", str(remote), "ls-tree", "-r", "-l", branch).splitlines()]
    return sum(sizes), len(sizes)


def add_articles(content: Path, rng: random.Random, count: int, when: dt.datetime, label: str) -> None:
    """Write ``count`` new articles dated from ``when``, in KIMs chosen at random."""
    kims = sorted(path.name for path in (content / "kim").iterdir() if path.is_dir())
    topics = ["kesehatan", "pertanian", "pendidikan", "ekonomi-umkm", "lingkungan"]
    for index in range(count):
        date = when + dt.timedelta(minutes=7 * index)
        folder = content / "kim" / rng.choice(kims) / str(date.year)
        folder.mkdir(exist_ok=True)
        (folder / f"{date:%Y-%m-%d}-{label}-{index:03d}.md").write_text(
            f"Judul: {sentence(rng).rstrip('.')}\n"
            f"Tanggal: {date:%Y-%m-%d %H:%M}\n"
            f"Penulis: Penulis {author_name(index % 97)}\n"
            f"Topik: {', '.join(rng.sample(topics, rng.randint(1, 2)))}\n"
            f"Ringkasan: {sentence(rng)}\n"
            "Gambar: gambar/sampul.svg\n"
            "Deskripsi-Gambar: Ilustrasi kegiatan warga\n\n" + body(rng),
            encoding="utf-8",
        )


def edit_one(content: Path, rng: random.Random) -> None:
    """Add a paragraph to one existing article (a correction)."""
    victim = rng.choice(sorted(content.glob("kim/*/*/*.md")))
    with victim.open("a", encoding="utf-8") as handle:
        handle.write(f"\nPembaruan: {sentence(rng)}\n")


def megabytes(size: float) -> str:
    """``12.3 MB``."""
    return f"{size / MiB:.1f} MB"


def run(args: argparse.Namespace, work: Path) -> dict:
    """Publish, then publish ``args.rounds`` times more; return the figures."""
    content = generate(work / "net", args.articles, args.kims, args.seed)
    shutil.copytree(REPO / "content" / "pages", content / "pages")  # the pages every site links to
    remote = work / "remote.git"
    git("init", "-q", "--bare", str(remote))
    project = new_project(work / "proyek")
    rng = random.Random(args.seed)
    # New articles are dated in the past (the publish's check refuses future dates), one day per round.
    start = dt.datetime.now(dt.UTC).replace(tzinfo=None, second=0, microsecond=0) - dt.timedelta(days=args.rounds + 1)
    publish(project, content, remote)
    history = [history_bytes(remote)]
    site, files = site_bytes(remote)
    print(f"round 0: {args.articles} articles, history {megabytes(history[0])}, site {megabytes(site)} ({files} files)")
    for round_number in range(1, args.rounds + 1):
        add_articles(content, rng, args.new, start + dt.timedelta(days=round_number), f"ronde-{round_number:02d}")
        edit_one(content, rng)
        publish(project, content, remote)
        history.append(history_bytes(remote))
        site, files = site_bytes(remote)
        print(
            f"round {round_number}: +{args.new} articles ({args.articles + round_number * args.new}), "
            f"history {megabytes(history[-1])} (+{megabytes(history[-1] - history[-2])}), "
            f"site {megabytes(site)} ({files} files)",
            flush=True,
        )
    commits = int(git("--git-dir", str(remote), "rev-list", "--count", "gh-pages"))
    growth = history[-1] - history[0]
    per_round = growth / args.rounds if args.rounds else 0.0
    per_article = growth / (args.rounds * args.new) if args.rounds and args.new else 0.0
    return {
        "articles": args.articles,
        "kims": args.kims,
        "rounds": args.rounds,
        "new_per_round": args.new,
        "commits": commits,
        "history_bytes": history,
        "site_bytes": site,
        "site_files": files,
        "growth_per_round_bytes": round(per_round),
        "growth_per_article_bytes": round(per_article),
    }


def main() -> None:
    """Command-line entry."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500, help="articles of the first publish")
    parser.add_argument("--kims", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--new", type=int, default=20, help="new articles per round")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=None, help="folder to work in (default: a temporary one)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = parser.parse_args()
    if args.work:
        args.work.mkdir(parents=True, exist_ok=False)
        figures = run(args, args.work)
    else:
        with tempfile.TemporaryDirectory(prefix="warta-riwayat-") as folder:
            figures = run(args, Path(folder))
    print(
        f"growth: {megabytes(figures['growth_per_round_bytes'])} per round, "
        f"{figures['growth_per_article_bytes'] / 1024:.1f} KB per new article "
        f"(history {megabytes(figures['history_bytes'][-1])} after {figures['commits']} commits, "
        f"site {megabytes(figures['site_bytes'])})"
    )
    line = json.dumps(figures)
    print(line)
    if args.json:
        args.json.write_text(line + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
