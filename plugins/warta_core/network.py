"""The whole network as the build and the checker see it.

``load_network`` reads ``content/_data`` (network identity, topics, regions)
and every KIM profile. It never raises on bad input: problems are collected
and returned beside whatever could be loaded.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .coverage import COVERAGE_KEY, load_coverage
from .editor import SECTION as EDITOR_KEY
from .editor import EditorBackend, check_editor_ownership, load_editor_backend
from .institutions import INSTITUTIONS_FILE, InstitutionList, load_institutions
from .limits import LIMITS_KEY, Limits, load_limits
from .problems import WARNING, ProblemList
from .profiles import KimProfile, load_profile
from .regions import Registry, load_registry
from .teams import Teams, load_teams
from .text import did_you_mean
from .topics import Topic, load_topics
from .verdicts import VERDICTS_FILE, VerdictList, load_verdicts
from .withdrawals import REASONS_FILE, ReasonList, load_reasons
from .yamlfile import YamlDocument, load_yaml

DATA_DIR = "_data"
KIM_DIR = "kim"
PAGES_DIR = "pages"
# Every key of jaringan.yml read here; another is a warning, so a misspelt `liputan_lintas_wilayah` is not silent.
NETWORK_KEYS = (
    "nama", "deskripsi", "lisensi", "sumber_data_wilayah", "domain_id", "websub_hub", "admin", "pembina",
    EDITOR_KEY, LIMITS_KEY, COVERAGE_KEY,
)  # fmt: skip


@dataclass
class NetworkInfo:
    """Name, description, licence and data credits of the network."""

    name: str = "Warta KIM"
    description: str = ""
    licence_name: str = ""
    licence_url: str = ""
    region_source: dict[str, str] = field(default_factory=dict)
    id_domain: str = "warta-kim.example.org"  # authority of the tag: URIs that identify articles
    websub_hub: str = ""
    teams: Teams = field(default_factory=Teams)  # `admin` and `pembina`: who owns what (CODEOWNERS)
    editor: EditorBackend = field(default_factory=EditorBackend)  # `penyunting`: where /admin/ saves
    limits: Limits = field(default_factory=Limits)  # `batas`: sizes of writers' files
    # `liputan_lintas_wilayah`: KIM slug -> provinsi/kabupaten codes its articles may tag beyond its own (coverage.py)
    coverage: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class Network:
    """Everything the build knows about the network besides the articles."""

    content_path: str
    info: NetworkInfo
    registry: Registry
    topics: dict[str, Topic]
    kims: dict[str, KimProfile]
    broken_kims: set[str] = field(default_factory=set)
    verdicts: VerdictList = field(default_factory=lambda: VerdictList({}, present=False))  # penilaian.yml
    # alasan-pencabutan.yml: the reasons a story may be withdrawn for (warta_core.withdrawals)
    withdrawal_reasons: ReasonList = field(default_factory=lambda: ReasonList({}, present=False))
    # instansi.yml: the institutions an aspiration may be addressed to (warta_core.institutions)
    institutions: InstitutionList = field(default_factory=lambda: InstitutionList(present=False))

    @property
    def kim_root(self) -> str:
        """Absolute folder holding one sub-folder per KIM."""
        return os.path.join(self.content_path, KIM_DIR)


def data_path(content_path: str, name: str) -> str:
    """Path of a file in ``content/_data``."""
    return os.path.join(content_path, DATA_DIR, name)


def load_info(path: str, problems: ProblemList) -> NetworkInfo:
    """Read ``jaringan.yml``."""
    return load_info_document(path, problems)[0]


def load_info_document(path: str, problems: ProblemList) -> tuple[NetworkInfo, YamlDocument | None]:
    """Read ``jaringan.yml``: the network's identity, and the parsed file for what needs the KIMs and regions."""
    document = load_yaml(path, problems, missing_hint="Buat berkas dengan kolom nama, deskripsi, dan lisensi.")
    if document is None or not isinstance(document.data, dict):
        if document is not None:
            problems.add(path, "Berkas harus berisi kolom `nama:`, `deskripsi:`, dan `lisensi:`.")
        return NetworkInfo(), None
    data = document.data
    if not str(data.get("nama") or "").strip():
        problems.add(path, "Kolom `nama` (nama jaringan) wajib diisi.", line=document.line("nama"))
    licence = data.get("lisensi") or {}
    if not isinstance(licence, dict) or not licence.get("nama"):
        problems.add(
            path,
            "Kolom `lisensi` wajib berisi `nama:` dan `url:` lisensi berita jaringan.",
            "Contoh: nama: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/deed.id",
            line=document.line("lisensi"),
        )
        licence = {}
    for key in data:
        if key not in NETWORK_KEYS:
            problems.add(
                path,
                f'Kolom "{key}" di jaringan.yml tidak dikenal dan diabaikan.',
                did_you_mean(str(key), list(NETWORK_KEYS)) or f"Kolom yang dikenal: {', '.join(NETWORK_KEYS)}.",
                line=document.line(str(key)),
                severity=WARNING,
            )
    source = data.get("sumber_data_wilayah") or {}
    info = NetworkInfo(
        name=str(data.get("nama") or "Warta KIM").strip(),
        description=str(data.get("deskripsi") or "").strip(),
        licence_name=str(licence.get("nama", "")),
        licence_url=str(licence.get("url", "")),
        region_source={str(k): str(v) for k, v in source.items()} if isinstance(source, dict) else {},
        id_domain=_id_domain(document, problems),
        websub_hub=_websub_hub(document, problems),
        teams=load_teams(document, problems),
        editor=load_editor_backend(document, problems),
        limits=load_limits(document, problems),
    )
    return info, document


def _id_domain(document, problems: ProblemList) -> str:
    """The domain in every article's permanent feed id; it must never change once published."""
    domain = str(document.data.get("domain_id") or "").strip().lower()
    if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", domain):
        problems.add(
            document.path,
            f'Kolom `domain_id` "{domain}" bukan nama domain.',
            "Isi dengan domain milik jaringan, misalnya warta-kim.example.org. Jangan diubah setelah portal terbit.",
            line=document.line("domain_id"),
        )
        return NetworkInfo.id_domain
    return domain


def _websub_hub(document, problems: ProblemList) -> str:
    """Optional WebSub hub announced in every feed and pinged after publishing."""
    hub = str(document.data.get("websub_hub") or "").strip()
    if hub and not hub.startswith(("https://", "http://")):
        problems.add(
            document.path,
            f'Kolom `websub_hub` "{hub}" harus alamat http(s).',
            line=document.line("websub_hub"),
        )
        return ""
    return hub


def kim_folders(content_path: str) -> list[str]:
    """Sorted absolute paths of the KIM folders (hidden folders ignored)."""
    root = os.path.join(content_path, KIM_DIR)
    if not os.path.isdir(root):
        return []
    return sorted(
        os.path.join(root, name)
        for name in os.listdir(root)
        if not name.startswith(".") and os.path.isdir(os.path.join(root, name))
    )


def load_network(content_path: str) -> tuple[Network, ProblemList]:
    """Load network data and KIM profiles, collecting every problem."""
    problems = ProblemList()
    info, document = load_info_document(data_path(content_path, "jaringan.yml"), problems)
    topics = load_topics(data_path(content_path, "topik.yml"), problems)
    registry = load_registry(data_path(content_path, "wilayah.csv"), problems)
    kims: dict[str, KimProfile] = {}
    broken: set[str] = set()
    for folder in kim_folders(content_path):
        profile = load_profile(folder, registry, problems)
        if profile is None:
            broken.add(os.path.basename(folder))
        else:
            kims[profile.slug] = profile
    info.coverage = load_coverage(document, registry, set(kims) | broken, problems)
    check_editor_ownership(info.editor, len(kims) + len(broken), problems)
    network = Network(content_path, info, registry, topics, kims, broken)
    network.verdicts = load_verdicts(data_path(content_path, VERDICTS_FILE), problems)
    network.withdrawal_reasons = load_reasons(data_path(content_path, REASONS_FILE), problems)
    network.institutions = load_institutions(data_path(content_path, INSTITUTIONS_FILE), registry, problems)
    return network, problems
