"""Where the web editor (``/admin/``, Decap CMS) saves: the ``penyunting`` block of ``jaringan.yml``.

The keys keep Decap's own names (``backend``, ``repo``, ``branch``, ``base_url``,
``auth_endpoint``, ``publish_mode``, ``local_backend``, ``open_authoring``) so
that Decap's documentation applies word for word. Without the block the editor
only talks to a local ``decap-server`` (trying it offline); nothing is ever
sent to a hosted service unless the network configures one here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .problems import ProblemList
from .text import did_you_mean
from .yamlfile import YamlDocument

SECTION = "penyunting"
GIT_HOSTS = ("github", "gitlab", "gitea", "forgejo", "bitbucket", "azure")
BACKENDS = (*GIT_HOSTS, "git-gateway")
PUBLISH_MODES = ("editorial_workflow", "simple")
KEYS = ("backend", "repo", "branch", "base_url", "auth_endpoint", "publish_mode", "local_backend", "open_authoring")
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
    open_authoring = raw.get("open_authoring", False)
    if not isinstance(open_authoring, bool):
        bad("open_authoring", f'"{open_authoring}" harus true atau false.')
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
    )
