"""Where the web editor (``/admin/``, Decap CMS) saves: the ``penyunting`` block of ``jaringan.yml``.

The keys keep Decap's own names (``backend``, ``repo``, ``branch``, ``base_url``,
``auth_endpoint``, ``auth_scope``, ``auth_type``, ``app_id``, ``publish_mode``, ``local_backend``,
``open_authoring``) so
that Decap's documentation applies word for word. Without the block the editor
only talks to a local ``decap-server`` (trying it offline); nothing is ever
sent to a hosted service unless the network configures one here.

Decap shows every collection to everyone who can log in, so the editor itself
cannot keep a writer to their own KIM. Ownership is enforced on the pull
request instead (``kim periksa --oleh`` run by the pull-request workflow,
plus code-owner review under branch protection). A multi-KIM network must
therefore save through pull requests: ``publish_mode: simple`` (commits
straight to the branch) and ``git-gateway`` (every commit made by one shared
account, so the author is unknown) are refused there. ``open_authoring: true``
lets writers without write access work from a fork of the repository.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .config_options import Bool, Choice, Literal, Option, Str, Url
from .data_options import DataBlock, nested_lines, read_block
from .files import IMAGE_KINDS
from .problems import ProblemList
from .yamlfile import YamlDocument

SECTION = "penyunting"
GIT_HOSTS = ("github", "gitlab", "gitea", "forgejo", "bitbucket", "azure")
BACKENDS = (*GIT_HOSTS, "git-gateway")
PUBLISH_MODES = ("editorial_workflow", "simple")
OPEN_AUTHORING_BACKENDS = ("github", "forgejo")  # the Decap 3.16 backends that implement open_authoring
# What writers may upload, in the editor or by git: raster images only (SVG can carry script). Decap has no
# file-type option for its default media library, so `kim periksa --oleh` enforces this on every pull request.
RASTER_IMAGE_SUFFIXES = tuple(suffix for suffix, kind in IMAGE_KINDS.items() if kind != "svg")  # from the allowlist
AUTH_SCOPES = ("repo", "public_repo")  # GitHub OAuth scope of the writer's login token (Decap's `auth_scope`)
# GitLab's logins without a server of one's own (Decap's `auth_type` + `app_id`); Gitea/Forgejo always use PKCE.
AUTH_TYPES = ("pkce", "implicit")
APP_ID_BACKENDS = ("gitlab", "gitea", "forgejo")
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
    auth_type: str = ""  # "" = Decap's default (a login service at base_url); pkce or implicit: GitLab, no server
    app_id: str = ""  # the OAuth application's client id (GitLab with auth_type, Gitea/Forgejo)
    source: str = field(default="", compare=False)  # jaringan.yml, for messages about the block as a whole
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class LocalBackend(Option):
    """Decap's ``local_backend``: true, false, or the address of ``decap-server``'s API."""

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return isinstance(value, bool) or (isinstance(value, str) and _URL.match(value.strip()) is not None)

    def expected(self, literal: Literal = repr) -> str:  # noqa: D102
        return f"true, false, atau alamat seperti {DEFAULT_LOCAL_URL}"

    def accepts_doc(self) -> str:  # noqa: D102
        return "`true`, `false` or the http(s) address of decap-server's API"

    def convert(self, value: Any) -> Any:  # noqa: D102
        return value.strip() if isinstance(value, str) else value


@dataclass(frozen=True)
class RepositoryName(Str):
    """``owner/name`` of the repository the editor saves to (empty: none)."""

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return isinstance(value, str) and (not value.strip() or _REPO.match(value.strip()) is not None)

    def expected(self, literal: Literal = repr) -> str:  # noqa: D102
        return "nama repositori pemilik/nama, misalnya diskominfo-contoh/warta-kim"

    def accepts_doc(self) -> str:  # noqa: D102
        return "`owner/name`"


# `penyunting:` in jaringan.yml, declared once (Decap's own key names, so its documentation applies).
EDITOR_BLOCK = DataBlock(
    SECTION,
    (
        Choice(
            "backend", None, "Decap backend; without it only a local decap-server.", choices=BACKENDS, nullable=True
        ),
        RepositoryName("repo", "", "Repository the editor saves to, `owner/name` (required with a git host)."),
        Str("branch", "main", "Branch the editor saves to."),
        Url("base_url", None, "OAuth service of the git host's login, e.g. https://oauth.example.org.", nullable=True),
        Str("auth_endpoint", "", "Path of the login on `base_url`, when not Decap's default."),
        Choice(
            "auth_scope", "", "GitHub login scope: `public_repo` for a public repository.", choices=("", *AUTH_SCOPES)
        ),
        Choice("auth_type", "", "GitLab login without a server: `pkce` (with `app_id`).", choices=("", *AUTH_TYPES)),
        Str("app_id", "", "Client id of the OAuth application (GitLab with `auth_type`, Gitea, Forgejo)."),
        Choice(
            "publish_mode", "editorial_workflow", "How saves arrive: pull requests or commits.", choices=PUBLISH_MODES
        ),
        LocalBackend("local_backend", True, "Use a local decap-server when it runs (true, false, or its API address)."),
        Bool("open_authoring", False, "Writers without write access save through a fork (GitHub, Forgejo)."),
    ),
    "`backend:`, `repo:`, `branch:` dan seterusnya di baris-baris berikutnya",
)
KEYS = tuple(EDITOR_BLOCK.names)


def load_editor_backend(document: YamlDocument, problems: ProblemList) -> EditorBackend:
    """Read and check the ``penyunting`` block (:data:`EDITOR_BLOCK`, then the rules between its keys)."""
    data = document.data if isinstance(document.data, dict) else {}
    if data.get(SECTION) is None:
        return EditorBackend()
    values = read_block(document, EDITOR_BLOCK, problems)
    if values is None:
        return EditorBackend()
    line = document.line(SECTION)
    lines = nested_lines(document, SECTION)
    name, mode, open_authoring = values["backend"], values["publish_mode"], values["open_authoring"]

    def bad(key: str, message: str, hint: str) -> None:
        problems.add(document.path, f"Kolom `{SECTION}.{key}`: {message}", hint, line=lines.get(key, line))

    repo = values["repo"].strip()
    if name in GIT_HOSTS and not repo:
        bad(
            "repo",
            "wajib diisi untuk backend " + name + ".",
            "Tulis pemilik/nama, misalnya diskominfo-contoh/warta-kim.",
        )
    elif values["auth_type"] and name != "gitlab":
        bad(
            "auth_type",
            f'tidak bisa dipakai dengan backend "{name}".',
            "Decap CMS memakai auth_type hanya untuk gitlab.",
        )
    elif values["auth_type"] and not str(values["app_id"]).strip():
        bad(
            "app_id",
            f"wajib diisi untuk auth_type {values['auth_type']}.",
            "Tulis Application ID aplikasi OAuth penyunting yang didaftarkan di GitLab "
            "(lihat docs/user-guide/web-editor.md).",
        )
    elif str(values["app_id"]).strip() and name not in APP_ID_BACKENDS:
        bad("app_id", f'tidak dipakai oleh backend "{name}".', f"app_id hanya untuk {', '.join(APP_ID_BACKENDS)}.")
    elif open_authoring and name not in OPEN_AUTHORING_BACKENDS:
        bad(
            "open_authoring",
            f'tidak bisa dipakai dengan backend "{name}".',
            f"Decap CMS hanya mendukung open authoring dengan backend {' atau '.join(OPEN_AUTHORING_BACKENDS)}.",
        )
    elif open_authoring and mode != "editorial_workflow":
        bad(
            "open_authoring",
            "butuh `publish_mode: editorial_workflow`.",
            "Open authoring mengirim perubahan sebagai pull request dari fork; tulis publish_mode: editorial_workflow.",
        )
    else:
        return EditorBackend(
            name=name,
            repo=repo,
            branch=str(values["branch"] or "main").strip(),
            base_url=(values["base_url"] or "").strip(),
            auth_endpoint=str(values["auth_endpoint"] or "").strip(),
            publish_mode=mode,
            local_backend=values["local_backend"],
            open_authoring=open_authoring,
            auth_scope=values["auth_scope"],
            auth_type=values["auth_type"],
            app_id=str(values["app_id"]).strip(),
            source=document.path,
            line=line,
        )
    return EditorBackend()


def check_editor_ownership(editor: EditorBackend, kim_count: int, problems: ProblemList) -> None:
    """Refuse editor modes that bypass the pull-request ownership check in a network of several KIMs."""
    if editor.name is None or kim_count < 2:
        return  # local decap-server only, or a single KIM: nobody else's folder to protect
    reason = (
        "Penyunting web menampilkan folder semua KIM kepada setiap penulis; hanya pemeriksaan pull request "
        "(`kim periksa --oleh` dan tinjauan pemilik kode) yang menjaga agar penulis mengubah folder KIM-nya saja."
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
