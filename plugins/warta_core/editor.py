"""Where the web editor (``/admin/``, Decap CMS) saves: the ``penyunting`` block of ``jaringan.yml``.

The keys keep Decap's own names (``backend``, ``repo``, ``branch``, ``base_url``,
``auth_endpoint``, ``auth_scope``, ``publish_mode``, ``local_backend``, ``open_authoring``) so
that Decap's documentation applies word for word. Without the block the editor
only talks to a local ``decap-server`` (trying it offline); nothing is ever
sent to a hosted service unless the network configures one here.

Decap shows every collection to everyone who can log in, so the editor itself
cannot keep a writer to their own KIM. Ownership is enforced on the pull
request instead (``kim check --changed-by`` run by the pull-request workflow,
plus code-owner review under branch protection). A multi-KIM network must
therefore save through pull requests: ``publish_mode: simple`` (commits
straight to the branch) and ``git-gateway`` (every commit made by one shared
account, so the author is unknown) are refused there. ``open_authoring: true``
lets writers without write access work from a fork of the repository.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .files import IMAGE_KINDS
from .problems import ProblemList
from .text import did_you_mean
from .yamlfile import YamlDocument

SECTION = "penyunting"
GIT_HOSTS = ("github", "gitlab", "gitea", "forgejo", "bitbucket", "azure")
BACKENDS = (*GIT_HOSTS, "git-gateway")
PUBLISH_MODES = ("editorial_workflow", "simple")
OPEN_AUTHORING_BACKENDS = ("github", "forgejo")  # the Decap 3.16 backends that implement open_authoring
# What writers may upload, in the editor or by git: raster images only (SVG can carry script). Decap has no
# file-type option for its default media library, so `kim check --changed-by` enforces this on every pull request.
RASTER_IMAGE_SUFFIXES = tuple(suffix for suffix, kind in IMAGE_KINDS.items() if kind != "svg")  # from the allowlist
AUTH_SCOPES = ("repo", "public_repo")  # GitHub OAuth scope of the writer's login token (Decap's `auth_scope`)
KEYS = (
    "backend", "repo", "branch", "base_url", "auth_endpoint", "auth_scope",
    "publish_mode", "local_backend", "open_authoring",
)  # fmt: skip
DEFAULT_LOCAL_URL = "http://localhost:8081/api/v1"
_REPO = re.compile(r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$")
_URL = re.compile(r"^https?://[^\s/]+(/\S*)?$")


@dataclass(frozen=True)
class EditorBackend:
    """Decap backend settings; ``name`` None means "local decap-server only"."""

    name: str | None = None
    repo: str = ""
    branch: str = "main"
    base_url: str = ""
    auth_endpoint: str = ""
    publish_mode: str = "editorial_workflow"
    local_backend: bool | str = True  # True, False, or the URL of decap-server's API
    open_authoring: bool = False
    auth_scope: str = ""  # "" = Decap's default (repo); public_repo for a public repository
    source: str = field(default="", compare=False)  # jaringan.yml, for messages about the block as a whole
    line: int | None = field(default=None, compare=False)


def load_editor_backend(document: YamlDocument, problems: ProblemList) -> EditorBackend:
    """Read and check the ``penyunting`` block; defaults when it is absent or broken."""
    data = document.data if isinstance(document.data, dict) else {}
    raw = data.get(SECTION)
    line = document.line(SECTION)
    if raw is None:
        return EditorBackend()
    if not isinstance(raw, dict):
        problems.add(
            document.path,
            f"Kolom `{SECTION}` harus berisi `backend:`, `repo:`, `branch:` dan seterusnya di baris-baris berikutnya.",
            line=line,
        )
        return EditorBackend()

    def bad(key: str, message: str, hint: str = "") -> None:
        problems.add(document.path, f"Kolom `{SECTION}.{key}`: {message}", hint, line=line)

    failed = False
    for key in raw:
        if key not in KEYS:
            bad(
                str(key),
                "tidak dikenal.",
                did_you_mean(str(key), list(KEYS)) or f"Kolom yang dikenal: {', '.join(KEYS)}.",
            )
            failed = True
    name = raw.get("backend")
    if name is not None and name not in BACKENDS:
        bad("backend", f'"{name}" tidak dikenal.', f"Pilih salah satu: {', '.join(BACKENDS)}.")
        failed = True
    repo = str(raw.get("repo") or "").strip()
    if name in GIT_HOSTS and not _REPO.match(repo):
        bad("repo", f'"{repo}" bukan nama repositori.', "Tulis pemilik/nama, misalnya diskominfo-contoh/warta-kim.")
        failed = True
    base_url = str(raw.get("base_url") or "").strip()
    if base_url and not _URL.match(base_url):
        bad("base_url", f'"{base_url}" bukan alamat web.', "Tulis alamat layanan OAuth lengkap, diawali https://.")
        failed = True
    mode = raw.get("publish_mode", "editorial_workflow")
    if mode not in PUBLISH_MODES:
        bad("publish_mode", f'"{mode}" tidak dikenal.', f"Pilih salah satu: {', '.join(PUBLISH_MODES)}.")
        failed = True
    local = raw.get("local_backend", True)
    if not isinstance(local, bool) and not (isinstance(local, str) and _URL.match(local.strip())):
        bad("local_backend", f'"{local}" tidak sah.', f"Tulis true, false, atau alamat seperti {DEFAULT_LOCAL_URL}.")
        failed = True
    auth_scope = raw.get("auth_scope", "")
    if auth_scope and auth_scope not in AUTH_SCOPES:
        bad(
            "auth_scope",
            f'"{auth_scope}" tidak dikenal.',
            "Pilih public_repo (repositori publik: token login hanya bisa menyentuh repositori publik) atau repo.",
        )
        failed = True
    open_authoring = raw.get("open_authoring", False)
    if not isinstance(open_authoring, bool):
        bad("open_authoring", f'"{open_authoring}" harus true atau false.')
        failed = True
    elif open_authoring and name not in OPEN_AUTHORING_BACKENDS:
        bad(
            "open_authoring",
            f'tidak bisa dipakai dengan backend "{name}".',
            f"Decap CMS hanya mendukung open authoring dengan backend {' atau '.join(OPEN_AUTHORING_BACKENDS)}.",
        )
        failed = True
    elif open_authoring and mode != "editorial_workflow":
        bad(
            "open_authoring",
            "butuh `publish_mode: editorial_workflow`.",
            "Open authoring mengirim perubahan sebagai pull request dari fork; tulis publish_mode: editorial_workflow.",
        )
        failed = True
    if failed:
        return EditorBackend()
    return EditorBackend(
        name=name,
        repo=repo,
        branch=str(raw.get("branch") or "main").strip(),
        base_url=base_url,
        auth_endpoint=str(raw.get("auth_endpoint") or "").strip(),
        publish_mode=mode,
        local_backend=local.strip() if isinstance(local, str) else local,
        open_authoring=open_authoring,
        auth_scope=auth_scope,
        source=document.path,
        line=line,
    )


def check_editor_ownership(editor: EditorBackend, kim_count: int, problems: ProblemList) -> None:
    """Refuse editor modes that bypass the pull-request ownership check in a network of several KIMs."""
    if editor.name is None or kim_count < 2:
        return  # local decap-server only, or a single KIM: nobody else's folder to protect
    reason = (
        "Penyunting web menampilkan folder semua KIM kepada setiap penulis; hanya pemeriksaan pull request "
        "(`kim check --changed-by` dan tinjauan pemilik kode) yang menjaga agar penulis mengubah folder KIM-nya saja."
    )
    fix = (
        "Tulis `publish_mode: editorial_workflow` dan `open_authoring: true` di bagian `penyunting`, "
        "lalu lindungi cabang utama (lihat docs/user-guide/web-editor.md)."
    )
    if editor.publish_mode == "simple":
        problems.add(
            editor.source,
            f'Kolom `{SECTION}.publish_mode`: "simple" tidak boleh dipakai di jaringan dengan {kim_count} KIM: '
            f"setiap simpanan langsung masuk ke cabang utama tanpa pull request. {reason}",
            fix,
            line=editor.line,
        )
    if editor.name == "git-gateway":
        problems.add(
            editor.source,
            f'Kolom `{SECTION}.backend`: "git-gateway" tidak boleh dipakai di jaringan dengan {kim_count} KIM: '
            f"semua perubahan dibuat oleh satu akun bersama, sehingga pemeriksaan tidak tahu penulisnya. {reason}",
            "Pakai `backend: github` dengan `publish_mode: editorial_workflow` dan `open_authoring: true`, "
            "lalu lindungi cabang utama (lihat docs/user-guide/web-editor.md).",
            line=editor.line,
        )
