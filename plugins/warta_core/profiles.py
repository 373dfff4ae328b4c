"""KIM profiles: ``content/kim/<kim-slug>/kim.yml``.

The file's keys are declared once (:data:`PROFILE_BLOCK`, the typed options of
the settings); the rules that need the network (the desa in ``wilayah.csv``,
the logo in the folder, ``kontak.whatsapp`` a mobile number, NIK-shaped
numbers) run after the declaration's checks, in the same report.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import Any

from .config_options import Int, Literal, Option
from .contact_links import CONTACT_KEYS, WHATSAPP_KEY, international_mobile, shown_written
from .data_entries import Text, Words
from .data_options import DataBlock, check_block, nested_lines
from .personal_numbers import PROFILE_KEY, refuse_personal_numbers
from .problems import WARNING, ProblemList
from .regions import DESA, Region, Registry
from .text import SLUG, did_you_mean
from .yamlfile import YamlDocument, load_yaml

PROFILE_FILE = "kim.yml"


@dataclass(frozen=True)
class Date(Option):
    """A calendar date, written ``TTTT-BB-HH`` (YAML reads it as a date)."""

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return isinstance(value, dt.date)

    def expected(self, literal: Literal = repr) -> str:  # noqa: D102
        return "tanggal dengan format TTTT-BB-HH, misalnya 2019-03-12"

    def accepts_doc(self) -> str:  # noqa: D102
        return "date `YYYY-MM-DD`"


@dataclass(frozen=True)
class Contacts(Option):
    """``kontak``: ``telepon:``, ``whatsapp:``, … on the lines below (each key checked by the profile)."""

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return isinstance(value, dict)

    def expected(self, literal: Literal = repr) -> str:  # noqa: D102
        return "berisi `telepon:`, `whatsapp:`, `email:`, atau `alamat:` di baris-baris berikutnya"

    def accepts_doc(self) -> str:  # noqa: D102
        return "mapping of " + ", ".join(f"`{key}`" for key in CONTACT_KEYS)

    def show_default(self) -> str:  # noqa: D102
        return "`{}`"


# kim.yml, declared once: the whole file is one mapping (`kontak`'s own keys and `bukan_nik` are checked after).
PROFILE_BLOCK = DataBlock(
    "",
    (
        Text("nama", None, "The KIM's name, as the portal shows it."),
        Text("desa", None, "Kemendagri code of its desa/kelurahan in `wilayah.csv`, quoted."),
        Date("tanggal_berdiri", None, "When it was founded."),
        Text("nomor_sk", "", "Number of the decree that set it up, quoted."),
        Text("ketua", "", "Its chair."),
        Int("jumlah_anggota", None, "How many members it has.", min=1),
        Contacts("kontak", None, "Telephone, WhatsApp (a mobile number), e-mail, address."),
        Text("deskripsi", "", "Two or three sentences about the group."),
        Text("logo", None, "A file in the KIM folder."),
        Words(
            "pengelola",
            (),
            "Git host usernames of its maintainers.",
            what="nama pengguna",
            example="[sitirahma-bgl]",
            comma=True,
        ),
        Option(PROFILE_KEY, None, "16-digit document numbers in the file that are not a NIK or KK (rare)."),
    ),
    "kolom `nama: ...`, `desa: ...`, dan seterusnya",
    required=("nama", "desa"),
    place="profil KIM",
    null_is_default=True,
)
PROFILE_KEYS = tuple(PROFILE_BLOCK.names)


@dataclass(frozen=True)
class KimProfile:
    """One KIM (Kelompok Informasi Masyarakat) of the network."""

    slug: str
    name: str
    desa: Region
    folder: str
    description: str = ""
    founded: dt.date | None = None
    sk_number: str = ""
    chair: str = ""
    members: int | None = None
    contact: dict[str, str] = field(default_factory=dict)
    whatsapp: str = ""  # kontak.whatsapp in international form, 62812… (warta_core.contact_links)
    logo: str | None = None
    maintainers: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        """Profile and article listing, relative to SITEURL."""
        return f"kim/{self.slug}/"

    @property
    def logo_url(self) -> str | None:
        """Address of the logo file, relative to SITEURL."""
        return f"kim/{self.slug}/{self.logo}" if self.logo else None


def load_profile(folder: str, registry: Registry, problems: ProblemList) -> KimProfile | None:
    """Load and check one KIM folder's profile; None when it is unusable."""
    slug = os.path.basename(folder.rstrip("/"))
    path = os.path.join(folder, PROFILE_FILE)
    if not SLUG.match(slug):
        problems.add(
            folder,
            f'Nama folder KIM "{slug}" tidak sah.',
            "Gunakan huruf kecil, angka, dan tanda hubung, misalnya `kim-bagelen-berdaya`.",
        )
        return None
    if not os.path.exists(path):
        problems.add(
            path,
            f'Folder KIM "{slug}" tidak punya profil {PROFILE_FILE}.',
            "Buat profil KIM (nama, desa, ketua, …) dengan `kim kim-baru` atau salin dari KIM lain.",
        )
        return None
    document = load_yaml(path, problems)
    if document is None:
        return None
    return _profile_from_document(slug, folder, document, registry, problems)


def _profile_from_document(
    slug: str, folder: str, document: YamlDocument, registry: Registry, problems: ProblemList
) -> KimProfile | None:
    path, data = document.path, document.data
    if not isinstance(data, dict):
        problems.add(path, "Profil KIM harus berisi kolom `nama: ...`, `desa: ...`, dan seterusnya.")
        return None
    values, ok = check_block(document, PROFILE_BLOCK, problems)
    # Any NIK- or KK-shaped number in the file is an error unless `bukan_nik` lists it as a document number; the
    # profile itself is kept (its articles are still checked), the error alone fails the build.
    marked = data.get(PROFILE_KEY)
    listed = ", ".join(map(str, marked)) if isinstance(marked, list) else "" if marked is None else str(marked)
    refuse_personal_numbers(path, document.text, listed, document.line(PROFILE_KEY), problems, "profil")
    desa = _profile_desa(document, registry, problems)
    contact = values["kontak"] or {}
    whatsapp = _contact_whatsapp(document, contact, problems)
    logo = values["logo"] or None
    if logo is not None and not os.path.isfile(os.path.join(folder, logo)):
        problems.add(
            path,
            f'Berkas logo "{logo}" tidak ditemukan di folder KIM.',
            "Periksa nama berkas (huruf besar/kecil berpengaruh) atau hapus kolom `logo`.",
            line=document.line("logo"),
        )
        ok = False
    if not ok or desa is None or whatsapp is None:
        return None
    return KimProfile(
        slug=slug,
        name=values["nama"],
        desa=desa,
        folder=folder,
        description=values["deskripsi"],
        founded=values["tanggal_berdiri"],
        sk_number=values["nomor_sk"],
        chair=values["ketua"],
        members=values["jumlah_anggota"],
        contact={str(k): str(v) for k, v in contact.items() if v},
        whatsapp=whatsapp,
        logo=logo,
        maintainers=values["pengelola"],
    )


def _contact_whatsapp(document: YamlDocument, contact: dict, problems: ProblemList) -> str | None:
    """``kontak.whatsapp`` as ``62812…`` (``""`` when not given), None when it is not a mobile number.

    An unknown key under ``kontak`` is only a warning: it is shown nowhere, but a network may keep more
    contacts there, and a misspelt ``whatsap`` should not stop the build.
    """
    lines = nested_lines(document, "kontak")
    for key in contact:
        if str(key) not in CONTACT_KEYS:
            problems.add(
                document.path,
                f"Kolom `kontak.{key}` tidak dikenal dan tidak ditampilkan.",
                did_you_mean(str(key), list(CONTACT_KEYS)) or f"Kolom kontak yang dikenal: {', '.join(CONTACT_KEYS)}.",
                line=lines.get(str(key), document.line("kontak")),
                severity=WARNING,
            )
    written = contact.get(WHATSAPP_KEY)
    if written is None or not str(written).strip():
        return ""
    number = international_mobile(written)
    if number is None:
        problems.add(
            document.path,
            f'Kolom `kontak.whatsapp` "{shown_written(written)}" bukan nomor ponsel Indonesia.',
            "Tulis nomor ponsel WhatsApp KIM di antara tanda kutip, diawali 08, 62, atau +62, misalnya "
            '"0812-3456-7890" atau "+62 812-3456-7890". Nomor telepon rumah atau kantor tidak bisa dipakai; '
            "bila KIM belum punya nomor WhatsApp, hapus baris `whatsapp`.",
            line=lines.get(WHATSAPP_KEY, document.line("kontak")),
        )
        return None
    return number


def _profile_desa(document: YamlDocument, registry: Registry, problems: ProblemList) -> Region | None:
    raw = document.data.get("desa")
    if raw is None or not str(raw).strip():
        return None
    code = str(raw).strip()
    region = registry.get(code)
    if region is None or region.level != DESA:
        problems.add(
            document.path,
            f'Kode desa "{code}" tidak ada di daftar wilayah jaringan.',
            "Tulis kode Kemendagri desa/kelurahan (misalnya 18.09.01.2007) yang ada di content/_data/wilayah.csv, "
            "atau impor wilayahnya dengan `kim impor-wilayah`.",
            line=document.line("desa"),
        )
        return None
    return region
