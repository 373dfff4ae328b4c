"""An interrupted build never leaves output that the next build trusts (issue 10, "Builds that cannot lie").

Each round changes something every page shows (the network's name) or many pages show (a KIM's name), starts
the real ``kim bangun`` in a subprocess and SIGKILLs it once a seeded random number of pages has been rewritten
(a moment inside its short writing phase however loaded the machine is; fixed delays mostly missed it). It
kills the whole process group, only the main process (whose forked writers must stop with it), or one forked
writer. Then it reverts the change and rebuilds: that build must exit 0 with output equal, byte for byte and
name for name, to a clean build of the reverted content into a fresh folder with a fresh cache. Rounds run one
after another on the same output folder and cache, so whatever a killed build left meets the later rounds.

CI runs a few rounds; ``make test-interrupt`` runs many (``WARTA_INTERRUPT_ROUNDS``, ``WARTA_INTERRUPT_SEED``).
The tests after them build in-process and stage what a killed build leaves (its marker, a page it rewrote, a
page only it knew, a half-written temporary file) to check each recovery rule on its own.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.site import CODE_PATH, ROOT, article, build_content, make_network

from warta_core.atomic import SUFFIX
from warta_output.durable import PARTIAL_FOLDER, AtomicTextFile

ARTICLES = 300  # enough jobs for the writer to fork (warta_output.writer.MIN_JOBS_PER_WORKER per process)
KIMS = ("kim-uji-bagelen", "kim-uji-metro", "kim-uji-panipahan")
TOPICS = ("kesehatan", "pertanian", "pendidikan", "ekonomi-umkm")
SEED = int(os.environ.get("WARTA_INTERRUPT_SEED", "20261201"))
LONG_ROUNDS = int(os.environ.get("WARTA_INTERRUPT_ROUNDS", "0"))
KILL_MODES = ("group", "main", "child")


@dataclass
class Network:
    """A generated network, its pristine data files and the clean build of them."""

    content: Path
    output: Path
    reference: dict[str, bytes]
    pristine: dict[Path, str]


def articles(count: int) -> dict[str, str]:
    """``count`` articles spread over the test KIMs, topics and months."""
    files = {}
    for number in range(count):
        month, day, hour = 1 + number % 12, 1 + number // 12 % 28, number // 336 % 24  # distinct below 8064
        files[f"kim/{KIMS[number % 3]}/2024/2024-{month:02d}-{day:02d}-berita-{number:04d}.md"] = article(
            title=f"Berita uji nomor {number}",
            date=f"2024-{month:02d}-{day:02d} {hour:02d}:{number % 60:02d}",
            topics=TOPICS[number % len(TOPICS)],
        )
    return files


def start_build(content: Path, output: Path) -> subprocess.Popen[str]:
    """``kim bangun`` as a real process, in its own process group (so the test can kill all of it)."""
    return subprocess.Popen(
        [sys.executable, "-m", "warta_cli.main", "--konten", str(content), "build", "--output", str(output)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": CODE_PATH},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def build(content: Path, output: Path) -> None:
    """A complete build that must succeed."""
    process = start_build(content, output)
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stdout + stderr


# Pagefind's index is rebuilt whole, from the pages, on every build (never incremental, so never stale), but it is
# not byte-reproducible: its filter and metadata files come out in varying order. It is compared by file name
# kinds only; `kim terbitkan` likewise makes no commit for an index change alone (warta_publish.branch).
REBUILT_EACH_TIME = "pagefind"


def snapshot(output: Path) -> dict[str, bytes]:
    """Every file of a built site: relative name -> bytes (the search index: present, not its bytes)."""
    files = {}
    for path in sorted(output.rglob("*")):
        if path.is_file():
            relative = path.relative_to(output)
            if relative.parts[0] == REBUILT_EACH_TIME:
                files[f"{REBUILT_EACH_TIME}/*"] = b"present"
            else:
                files[str(relative)] = path.read_bytes()
    return files


def pages_written_since(output: Path, since: int) -> int:
    """How many pages (``index.html``) in ``output`` were written after ``since`` (ns)."""
    count, folders = 0, [str(output)]
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            folders.append(entry.path)
                        elif entry.name == "index.html" and entry.stat(follow_symlinks=False).st_mtime_ns > since:
                            count += 1
                    except FileNotFoundError:  # replaced meanwhile
                        continue
        except FileNotFoundError:
            continue
    return count


def wait_for_pages(process: subprocess.Popen[str], output: Path, since: int, pages: int) -> bool:
    """Wait until the build has written ``pages`` pages; False when it ended first."""
    while process.poll() is None:
        if pages_written_since(output, since) >= pages:
            return True
        time.sleep(0.002)
    return False


def group_members(group: int) -> list[int]:
    """Live (non-zombie) processes of a process group, read from /proc."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z" and int(fields[2]) == group:
            members.append(int(entry))
    return members


def children_of(pid: int) -> list[int]:
    """Direct children of ``pid`` (the forked page writers while the writer runs)."""
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def kill(process: subprocess.Popen[str], mode: str, output: Path, rng: random.Random) -> str:
    """SIGKILL the whole build, only its main process, or one forked writer; wait until all of it is gone.

    When only the main process is killed, its forked writers must stop with it: a writer that went on
    writing would overwrite pages of the next build.
    """
    if mode == "child":
        children = children_of(process.pid)
        if children:
            os.kill(rng.choice(children), signal.SIGKILL)
        else:
            mode = "main (no writer process yet)"
            os.kill(process.pid, signal.SIGKILL)
    elif mode == "group":
        os.killpg(process.pid, signal.SIGKILL)
    else:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=300)  # not communicate(): orphaned writers keep the pipes open
    gone = time.time_ns()
    deadline = time.monotonic() + 60
    while group_members(process.pid):  # orphaned writers of a killed main process
        assert time.monotonic() < deadline, "orphaned page writers did not stop"
        time.sleep(0.01)
    if mode.startswith("main"):
        late = pages_written_since(output, gone + 50_000_000)
        assert not late, f"{late} pages were written after the main process was gone"
    process.communicate(timeout=300)
    return mode


def compare(output: Path, reference: dict[str, bytes], label: str) -> None:
    """Fail with the names of the files that differ from the clean build."""
    built = snapshot(output)
    missing, extra = sorted(set(reference) - set(built)), sorted(set(built) - set(reference))
    differing = sorted(name for name in set(built) & set(reference) if built[name] != reference[name])
    assert not (missing or extra or differing), (
        f"{label}: {len(differing)} files differ from a clean build, e.g. {differing[:5]}; "
        f"missing {missing[:5]}; extra {extra[:5]}"
    )


def changes(content: Path) -> list[tuple[Path, str, str, float]]:
    """Edits that touch every page (network name) or a third of them (a KIM's name): file, old, new, share."""
    return [
        (content / "_data" / "jaringan.yml", "nama: Warta KIM Sumatra", "nama: Warta KIM Sumatra Terputus", 1.0),
        (content / "kim" / "kim-uji-metro" / "kim.yml", "nama: KIM Uji Metro", "nama: KIM Uji Metro Baru", 0.3),
    ]


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Network:
    """A built network of a few hundred articles and a clean build of it into another folder."""
    root = tmp_path_factory.mktemp("interrupt")
    content = make_network(root / "site", articles(ARTICLES))
    pristine = {path: path.read_text(encoding="utf-8") for path, *_ in changes(content)}
    for path, old, *_ in changes(content):
        assert old in pristine[path], f"{path} no longer contains {old!r}; update the test's edits"
    shutil.copytree(content, root / "clean" / "content")
    build(root / "clean" / "content", root / "clean" / "output")  # fresh folder, fresh cache beside it
    reference = snapshot(root / "clean" / "output")
    output = root / "site" / "output"
    build(content, output)
    compare(output, reference, "clean build in a second folder")  # the comparison itself is sound
    return Network(content, output, reference, pristine)


def interrupt_rounds(network: Network, rounds: int, seed: int) -> list[str]:
    """Run ``rounds`` change-kill-revert-rebuild rounds; return the rounds that killed a running build."""
    rng = random.Random(seed)
    pages = sum(1 for name in network.reference if name.endswith("index.html"))
    interrupted = []
    for number in range(rounds):
        path, old, new, share = changes(network.content)[number % 2]
        mode = KILL_MODES[number % len(KILL_MODES)]
        kill_after = rng.randint(1, max(1, int(pages * share * 0.9)))
        path.write_text(network.pristine[path].replace(old, new), encoding="utf-8")
        since = time.time_ns()
        process = start_build(network.content, network.output)
        running = wait_for_pages(process, network.output, since, kill_after)
        killed = kill(process, mode, network.output, rng) if running else "nothing (the build had finished)"
        path.write_text(network.pristine[path], encoding="utf-8")
        build(network.content, network.output)
        label = f"round {number} (seed {seed}): {path.name} changed, killed {killed} after {kill_after} pages"
        compare(network.output, network.reference, label)
        if running:
            interrupted.append(label)
    return interrupted


@pytest.mark.slow  # 300 generated articles, five real `kim bangun` processes
def test_killed_builds_leave_nothing_the_next_build_trusts(network: Network) -> None:
    """Four seeded kills during a rewrite (every kill mode, both edits); each rebuild equals a clean build."""
    interrupted = interrupt_rounds(network, rounds=4, seed=SEED)
    assert len(interrupted) >= 2, f"only {interrupted} killed a running build: too few to prove anything"


@pytest.mark.slow
@pytest.mark.skipif(not LONG_ROUNDS, reason="long run: make test-interrupt (WARTA_INTERRUPT_ROUNDS)")
def test_many_killed_builds(network: Network) -> None:
    """The long run: many seeded kill moments."""
    interrupted = interrupt_rounds(network, rounds=LONG_ROUNDS, seed=SEED + 1)
    assert len(interrupted) >= LONG_ROUNDS // 2, f"only {len(interrupted)} of {LONG_ROUNDS} rounds killed a build"


@pytest.fixture
def small_site(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A small network built in-process: content folder, output folder and the built files."""
    content = make_network(tmp_path, articles(6))
    output = tmp_path / "output"
    build_content(content, output)
    return content, output, snapshot(output)


def store_file(output: Path) -> Path:
    """The fingerprint store of ``output`` (``build_content`` caches beside the output folder)."""
    (store,) = Path(f"{output}.cache").glob("warta-output-*.json")
    return store


REWRITTEN = "kim/kim-uji-bagelen/berita-0000/index.html"
INTACT = "kim/kim-uji-metro/berita-0001/index.html"
ONLY_THE_KILLED_BUILD_KNEW = "kim/kim-uji-metro/berita-lama/index.html"


def test_unfinished_build_is_repaired_page_by_page(small_site: tuple[Path, Path, dict[str, bytes]]) -> None:
    """After a killed build: pages it changed are rewritten, intact ones verified by hash, its leftovers gone."""
    content, output, clean = small_site
    store = store_file(output)
    store.with_suffix(".unfinished").write_text(json.dumps({"format": 2, "pages": [ONLY_THE_KILLED_BUILD_KNEW]}))
    (output / REWRITTEN).write_text("halaman dari pembangunan yang terhenti", encoding="utf-8")
    (output / ONLY_THE_KILLED_BUILD_KNEW).parent.mkdir()
    (output / ONLY_THE_KILLED_BUILD_KNEW).write_text("berita yang sudah dihapus", encoding="utf-8")
    (output / PARTIAL_FOLDER).mkdir()
    (output / PARTIAL_FOLDER / "4242-0").write_text("<html><body>setengah", encoding="utf-8")
    intact_written = (output / INTACT).stat().st_mtime_ns
    build_content(content, output)
    assert snapshot(output) == clean
    assert (output / INTACT).stat().st_mtime_ns == intact_written, "an intact page was rewritten, not verified"
    assert not (output / ONLY_THE_KILLED_BUILD_KNEW).parent.exists()
    assert not store.with_suffix(".unfinished").exists()


def test_replaced_output_folder_is_verified(small_site: tuple[Path, Path, dict[str, bytes]]) -> None:
    """A different folder at the same path (restored from a copy) is checked against the store, not trusted."""
    content, output, clean = small_site
    copy = output.with_name("copy")
    shutil.copytree(output, copy)
    (copy / REWRITTEN).write_text("salinan lama", encoding="utf-8")
    shutil.rmtree(output)
    copy.rename(output)
    build_content(content, output)
    assert snapshot(output) == clean


@pytest.mark.parametrize(
    ("store_text", "names_leftover"),
    [('{"format": 2, "pages": {', False), (json.dumps({ONLY_THE_KILLED_BUILD_KNEW: "0" * 40}), True), ("[]", False)],
    ids=["truncated", "first-format", "not-a-store"],
)
def test_unreadable_store_trusts_nothing(
    small_site: tuple[Path, Path, dict[str, bytes]], store_text: str, names_leftover: bool
) -> None:
    """A broken or old store rewrites every page, and still deletes the pages it names."""
    content, output, clean = small_site
    store_file(output).write_text(store_text, encoding="utf-8")
    (output / REWRITTEN).write_text("tidak tercatat", encoding="utf-8")
    (output / ONLY_THE_KILLED_BUILD_KNEW).parent.mkdir()
    (output / ONLY_THE_KILLED_BUILD_KNEW).write_text("berita yang sudah dihapus", encoding="utf-8")
    build_content(content, output)
    built = snapshot(output)
    if not names_leftover:  # nothing names it, so nothing may delete it
        assert built.pop(ONLY_THE_KILLED_BUILD_KNEW) == b"berita yang sudah dihapus"
    assert built == clean


def test_failed_page_write_keeps_the_old_page(tmp_path: Path) -> None:
    """A page that fails half-way through writing leaves the previous version and no temporary file."""
    page, partial = tmp_path / "index.html", tmp_path / PARTIAL_FOLDER
    page.write_text("versi lama", encoding="utf-8")
    partial.mkdir()
    with pytest.raises(RuntimeError), AtomicTextFile(str(page), str(partial), "utf-8") as handle:
        handle.write("versi baru yang belum sel")
        raise RuntimeError("render gagal")
    assert page.read_text(encoding="utf-8") == "versi lama"
    assert not list(partial.iterdir())
    with AtomicTextFile(str(page), str(partial), "utf-8") as handle:
        handle.write("versi baru")
    assert page.read_text(encoding="utf-8") == "versi baru"


def test_body_cache_left_half_written_is_removed(small_site: tuple[Path, Path, dict[str, bytes]]) -> None:
    """A build killed while saving rendered bodies leaves a temporary cache; the next save removes it."""
    content, output, _ = small_site
    cache = Path(f"{output}.cache")
    killed = cache / f"warta-bodies.pickle.99999999-0{SUFFIX}"  # warta_core.atomic's temporary; no such process
    killed.write_bytes(b"\x80\x05 setengah")
    (source,) = content.glob("kim/kim-uji-bagelen/2024/*-berita-0000.md")
    source.write_text(source.read_text(encoding="utf-8") + "\nParagraf baru.\n", encoding="utf-8")
    build_content(content, output)
    assert not killed.exists()
    assert "Paragraf baru." in (output / REWRITTEN).read_text(encoding="utf-8")
