"""``kim terbitkan`` under stress: killed mid-build, a full or read-only disk, an unreachable remote, stale folders.

Every test runs the real command as a subprocess from a clone-like project folder against a real bare
repository, with ``TMPDIR`` inside ``tmp_path`` so it sees only its own ``warta-terbit-*`` folders.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.site import CODE_PATH, article, make_network
from test_publish import GUIDE, git, new_project, tip

ARTICLES = 150  # enough that the build lasts a moment, so a signal can land inside it


def publish_command(content: Path, remote: str) -> list[str]:
    return [sys.executable, "-m", "warta_cli.main", "--konten", str(content), "publish", "--remote", remote]


class Setup:
    """A tiny network, a project folder, a bare remote and a private TMPDIR."""

    def __init__(self, root: Path, articles: int = 1) -> None:
        files = {
            f"kim/kim-uji-bagelen/2024/berita-{n}.md": article(
                f"Berita {n}", f"2024-03-{1 + n % 28:02d} {6 + n // 28:02d}:00"
            )
            for n in range(articles)
        }
        self.content = make_network(root, {**GUIDE, **files})
        self.remote = root / "remote.git"
        git("init", "-q", "--bare", str(self.remote))
        self.project = new_project(root / "proyek")
        self.tmpdir = root / "tmp"
        self.tmpdir.mkdir()
        self.env = {
            **{key: value for key, value in os.environ.items() if not key.startswith(("WARTA_", "GIT_"))},
            "PYTHONPATH": CODE_PATH,
            "TMPDIR": str(self.tmpdir),
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "HOME": str(root),
        }

    def run(self, remote: str | None = None, *, target: Path | None = None) -> subprocess.CompletedProcess[str]:
        command = publish_command(self.content, remote or str(self.remote))
        if target is not None:  # --ke-folder: build and check into a folder instead of pushing
            command = [*command[:-2], "--ke-folder", str(target)]
        return subprocess.run(
            command,
            cwd=self.project,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    def leftovers(self) -> list[str]:
        return sorted(path.name for path in self.tmpdir.glob("warta-terbit-*"))


@pytest.fixture
def setup(tmp_path: Path) -> Setup:
    return Setup(tmp_path)


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("kind", ["missing-path", "closed-port", "named-remote"])
def test_unreachable_remote_is_refused_before_the_build(setup: Setup, kind: str) -> None:
    missing = str(setup.project.parent / "tidak-ada.git")
    remote = {"missing-path": missing, "closed-port": f"http://127.0.0.1:{closed_port()}/", "named-remote": "origin"}
    if kind == "named-remote":
        git("remote", "add", "origin", missing, cwd=setup.project)
    started = time.monotonic()
    result = setup.run(remote[kind])
    assert result.returncode == 1, result.stdout + result.stderr
    assert time.monotonic() - started < 30
    named = f'Remote "origin" ({missing})' if kind == "named-remote" else f'Remote "{remote[kind]}"'
    assert f"{named} tidak dapat dihubungi: " in result.stderr
    cause = "does not appear to be a git repository" if kind != "closed-port" else "Failed to connect"
    assert cause in result.stderr, "git's own cause is quoted"
    for hint in ("alamat remote salah", "tidak ada jaringan", "tidak ada izin", "Portal belum dibangun"):
        assert hint in result.stderr
    assert "Traceback" not in result.stderr
    assert "1/4" not in result.stdout, "nothing is checked or built before the remote answers"
    assert setup.leftovers() == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_during_the_build_leaves_no_temporary_folder(tmp_path: Path, signum: int) -> None:
    setup = Setup(tmp_path, articles=ARTICLES)
    process = subprocess.Popen(
        publish_command(setup.content, str(setup.remote)),
        cwd=setup.project,
        env=setup.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not any(any(folder.iterdir()) for folder in setup.tmpdir.glob("warta-terbit-*")):
            assert process.poll() is None, "ended before its build wrote anything: " + "".join(process.communicate())
            assert time.monotonic() < deadline, "no temporary folder appeared"
            time.sleep(0.005)
        process.send_signal(signum)  # the build is writing into the folder now
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    name = signal.Signals(signum).name
    assert process.returncode == 128 + signum, stderr
    assert f"Penerbitan dihentikan oleh sinyal {name}; folder sementara sudah dihapus." in stderr
    assert "Traceback" not in stderr
    assert setup.leftovers() == []
    assert tip(setup.remote) is None, "nothing was published"


def test_stale_folders_of_interrupted_publishes_are_removed_at_start(setup: Setup) -> None:
    dead = subprocess.Popen(["true"])  # a process id that has surely ended
    dead.wait()
    hour_ago = time.time() - 2 * 3600
    folders = {
        f"warta-terbit-{dead.pid}-lama": hour_ago,  # its process is gone: stale
        "warta-terbit-k8_2xq": hour_ago,  # made before the pid was in the name: stale by age
        f"warta-terbit-{os.getpid()}-jalan": hour_ago,  # its process still runs: kept
        f"warta-terbit-{dead.pid}-baru": time.time(),  # too recent to be sure: kept
    }
    for name, mtime in folders.items():
        (setup.tmpdir / name / "kim").mkdir(parents=True)
        (setup.tmpdir / name / "kim" / "index.html").write_bytes(b"x" * 2048)
        os.utime(setup.tmpdir / name, (mtime, mtime))
    result = setup.run(str(setup.project.parent / "tidak-ada.git"))  # stops right after the cleanup
    assert "Membersihkan 2 folder sementara dari penerbitan yang terhenti sebelumnya" in result.stdout
    assert f"warta-terbit-{dead.pid}-lama" in result.stdout and "warta-terbit-k8_2xq" in result.stdout
    assert setup.leftovers() == sorted([f"warta-terbit-{dead.pid}-baru", f"warta-terbit-{os.getpid()}-jalan"])


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """``small_disk(options)`` mounts a tmpfs at a new folder (root only); unmounted afterwards."""
    mounted: list[Path] = []

    def mount(options: str) -> Path:
        target = tmp_path / f"disk-{len(mounted)}"
        target.mkdir()
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            pytest.skip(f"cannot mount a small tmpfs here (needs root): {result.stderr.strip()}")
        mounted.append(target)
        return target

    yield mount
    for target in mounted:
        subprocess.run(["umount", "-l", str(target)], check=False)


def test_a_full_disk_is_reported_in_indonesian(setup: Setup, small_disk: Callable[[str], Path]) -> None:
    setup.env["TMPDIR"] = str(small_disk("size=256k"))
    result = setup.run()
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"Ruang disk penuh saat menulis {setup.env['TMPDIR']}/warta-terbit-" in result.stderr, result.stderr
    assert "No space left on device" in result.stderr and f"df -h {setup.env['TMPDIR']}" in result.stderr
    assert "arahkan TMPDIR ke disk lain" in result.stderr
    assert "Penerbitan dibatalkan" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(Path(setup.env["TMPDIR"]).iterdir()) == [], "the half-written folder is removed"
    assert tip(setup.remote) is None


def test_a_read_only_target_folder_is_reported_in_indonesian(setup: Setup, small_disk: Callable[[str], Path]) -> None:
    """``--ke-folder`` on a read-only disk (TMPDIR cannot be: Python then falls back to /tmp by itself)."""
    target = small_disk("ro,size=64k") / "public"
    result = setup.run(target=target)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"Folder itu hanya bisa dibaca (read-only) saat menulis {target}" in result.stderr, result.stderr
    assert "`df -h" not in result.stderr and not target.exists()
    assert "pilih folder di disk lain untuk --ke-folder" in result.stderr
    assert "Traceback" not in result.stderr
