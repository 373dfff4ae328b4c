"""Who looks after what: network admins and each kabupaten's coaching team.

Both live in ``content/_data/jaringan.yml`` because they belong to the
network, not to one KIM: ``admin`` lists the git host usernames of the people
who may change anything (network data, pages, code), and ``pembina`` maps a
kabupaten/kota code to the Diskominfo team (``@org/team``) that coaches the
KIMs there and reviews their changes. ``kim codeowners`` turns them, with each
profile's ``pengelola``, into ``.github/CODEOWNERS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .problems import ProblemList
from .yamlfile import YamlDocument

# GitHub's rules: letters, digits and single hyphens, not at either end, at most 39 characters.
USERNAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
TEAM = re.compile(r"^@?([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9]))*)/([A-Za-z0-9][A-Za-z0-9_.-]*)$")
KABUPATEN_CODE = re.compile(r"^\d{2}\.\d{2}$")


@dataclass(frozen=True)
class Teams:
    """Network admins (usernames without ``@``) and coaching teams by kabupaten code (``@org/team``)."""

    admins: tuple[str, ...] = ()
    coaches: dict[str, str] = field(default_factory=dict)

    def is_admin(self, username: str) -> bool:
        """True when ``username`` (any case, with or without ``@``) is a network admin."""
        wanted = username.lstrip("@").lower()
        return any(admin.lower() == wanted for admin in self.admins)


def load_teams(document: YamlDocument, problems: ProblemList) -> Teams:
    """Read and check ``admin`` and ``pembina`` from the parsed ``jaringan.yml``."""
    data = document.data if isinstance(document.data, dict) else {}
    return Teams(admins=_admins(document, data.get("admin"), problems), coaches=_coaches(document, data, problems))


def _admins(document: YamlDocument, raw: object, problems: ProblemList) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        problems.add(
            document.path,
            "Kolom `admin` harus berupa daftar nama pengguna GitHub.",
            "Contoh: admin: [nama-admin-1, nama-admin-2]",
            line=document.line("admin"),
        )
        return ()
    admins = []
    for item in raw:
        name = str(item).strip().lstrip("@")
        if not USERNAME.match(name):
            problems.add(
                document.path,
                f'Nama pengguna "{item}" di kolom `admin` tidak sah.',
                "Nama pengguna GitHub hanya berisi huruf, angka, dan tanda hubung (paling banyak 39 karakter).",
                line=document.line("admin"),
            )
        elif name.lower() not in (a.lower() for a in admins):
            admins.append(name)
    return tuple(admins)


def _coaches(document: YamlDocument, data: dict, problems: ProblemList) -> dict[str, str]:
    raw = data.get("pembina")
    if raw is None:
        return {}
    line = document.line("pembina")
    if not isinstance(raw, dict):
        problems.add(
            document.path,
            "Kolom `pembina` harus berisi pasangan kode kabupaten/kota dan tim GitHub.",
            'Contoh: "18.09": "@organisasi/diskominfo-pesawaran" (kode ditulis dalam tanda kutip).',
            line=line,
        )
        return {}
    coaches: dict[str, str] = {}
    for code, team in raw.items():
        code_text = str(code).strip()
        if not KABUPATEN_CODE.match(code_text):
            problems.add(
                document.path,
                f'Kode "{code}" di kolom `pembina` bukan kode kabupaten/kota.',
                'Tulis kode Kemendagri dua bagian dalam tanda kutip, misalnya "18.09".',
                line=line,
            )
            continue
        match = TEAM.match(str(team or "").strip())
        if match is None:
            problems.add(
                document.path,
                f'Tim pembina "{team}" untuk kode {code_text} tidak sah.',
                "Tulis tim GitHub sebagai @organisasi/nama-tim, misalnya @warta-kim/diskominfo-pesawaran.",
                line=line,
            )
            continue
        coaches[code_text] = f"@{match.group(1)}/{match.group(2)}"
    return coaches
