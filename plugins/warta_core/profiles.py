"""KIM profiles: ``content/kim/<kim-slug>/kim.yml``."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from .contact_links import CONTACT_KEYS, WHATSAPP_KEY, international_mobile, shown_written
from .data_options import nested_lines
from .personal_numbers import PROFILE_KEY, refuse_personal_numbers
from .problems import WARNING, ProblemList
from .regions import DESA, Region, Registry
from .text import SLUG, did_you_mean
from .yamlfile import YamlDocument, load_yaml

PROFILE_FILE = "kim.yml"
PROFILE_KEYS = (
    "nama", "desa", "tanggal_berdiri", "nomor_sk", "ketua", "jumlah_anggota",
    "kontak", "deskripsi", "logo", "pengelola", PROFILE_KEY,
)  # fmt: skip
REQUIRED_KEYS = ("nama", "desa")


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
    ok = True
    for key in data:
        if key not in PROFILE_KEYS:
            problems.add(
                path,
                f'Kolom "{key}" tidak dikenal di profil KIM.',
                did_you_mean(str(key), list(PROFILE_KEYS)) or f"Kolom yang dikenal: {', '.join(PROFILE_KEYS)}.",
                line=document.line(str(key)),
            )
            ok = False
    # Any NIK- or KK-shaped number in the file is an error unless `bukan_nik` lists it as a document number; the
    # profile itself is kept (its articles are still checked), the error alone fails the build.
    marked = data.get(PROFILE_KEY)
    listed = ", ".join(map(str, marked)) if isinstance(marked, list) else "" if marked is None else str(marked)
    refuse_personal_numbers(path, document.text, listed, document.line(PROFILE_KEY), problems, "profil")
    for key in REQUIRED_KEYS:
        if not str(data.get(key) or "").strip():
            problems.add(path, f"Kolom `{key}` wajib diisi.", line=document.line(key))
            ok = False
    desa = _profile_desa(document, registry, problems)
    founded = data.get("tanggal_berdiri")
    if founded is not None and not isinstance(founded, dt.date):
        problems.add(
            path,
            f'Kolom `tanggal_berdiri` "{founded}" bukan tanggal.',
            "Tulis dengan format TTTT-BB-HH, misalnya 2019-03-12.",
            line=document.line("tanggal_berdiri"),
        )
        ok = False
    members = data.get("jumlah_anggota")
    if members is not None and (not isinstance(members, int) or isinstance(members, bool) or members < 1):
        problems.add(
            path,
            f'Kolom `jumlah_anggota` "{members}" harus berupa bilangan bulat positif.',
            line=document.line("jumlah_anggota"),
        )
        ok = False
    contact = data.get("kontak") or {}
    whatsapp = ""
    if not isinstance(contact, dict):
        problems.add(
            path,
            "Kolom `kontak` harus berisi `telepon:`, `whatsapp:`, `email:`, atau `alamat:` di baris-baris berikutnya.",
            line=document.line("kontak"),
        )
        ok = False
    else:
        whatsapp = _contact_whatsapp(document, contact, problems)
        ok = ok and whatsapp is not None
    maintainers = data.get("pengelola") or []
    if isinstance(maintainers, str):
        maintainers = [maintainers]
    if not isinstance(maintainers, list) or not all(isinstance(m, str) for m in maintainers):
        problems.add(path, "Kolom `pengelola` harus berupa daftar nama pengguna.", line=document.line("pengelola"))
        ok = False
    logo = data.get("logo")
    if logo is not None:
        logo = str(logo).strip()
        if not os.path.isfile(os.path.join(folder, logo)):
            problems.add(
                path,
                f'Berkas logo "{logo}" tidak ditemukan di folder KIM.',
                "Periksa nama berkas (huruf besar/kecil berpengaruh) atau hapus kolom `logo`.",
                line=document.line("logo"),
            )
            ok = False
    if not ok or desa is None:
        return None
    return KimProfile(
        slug=slug,
        name=str(data["nama"]).strip(),
        desa=desa,
        folder=folder,
        description=str(data.get("deskripsi") or "").strip(),
        founded=founded,
        sk_number=str(data.get("nomor_sk") or "").strip(),
        chair=str(data.get("ketua") or "").strip(),
        members=members,
        contact={str(k): str(v) for k, v in contact.items() if v},
        whatsapp=whatsapp or "",
        logo=logo or None,
        maintainers=tuple(m.strip() for m in maintainers),
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
