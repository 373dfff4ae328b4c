"""``kim kim-baru``: create a KIM folder and its ``kim.yml`` profile.

The desa is the key of a KIM's place in the region tree, so it is checked
against ``content/_data/wilayah.csv`` before anything is written: a code must
be a desa/kelurahan in the registry, and a name must be unique in the
registry (or within the ``--kabupaten`` given). When it is not, the
candidates are listed with their codes. The profile written is loaded back
with the build's own profile loader, so it passes ``kim periksa``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys

from warta_core.contact_links import international_mobile
from warta_core.network import Network, load_network
from warta_core.problems import ProblemList, format_report
from warta_core.profiles import PROFILE_FILE, load_profile
from warta_core.regions import DESA, KABUPATEN, REGION_CODE, Region, Registry
from warta_core.teams import USERNAME
from warta_core.text import SLUG, closest, normalise_name, slugify

from .drafting import Refused, require_content, shown

_KABUPATEN_PREFIX = re.compile(r"^(kabupaten|kab\.?|kota)\s+", re.IGNORECASE)


def add_parser(commands) -> None:
    """Register the ``new-kim`` sub-command."""
    parser = commands.add_parser(
        "kim-baru",
        aliases=["new-kim"],
        help="buat folder dan profil (kim.yml) untuk KIM baru",
        description=(
            "Membuat folder content/kim/<nama-kim>/ dengan profil kim.yml. Desa diperiksa terhadap daftar "
            "wilayah jaringan: tulis kode Kemendagri, atau nama yang hanya ada satu (di seluruh daftar atau "
            "di --kabupaten yang diberikan)."
        ),
    )
    parser.add_argument("--nama", required=True, help='nama KIM, misalnya "KIM Sidodadi Maju"')
    parser.add_argument("--desa", required=True, help="kode desa/kelurahan (misalnya 18.09.01.2007) atau namanya")
    parser.add_argument("--kabupaten", help="kode atau nama kabupaten/kota, untuk mencari desa berdasarkan nama")
    parser.add_argument("--slug", help="nama folder KIM (bawaan: dibuat dari nama, misalnya kim-sidodadi-maju)")
    parser.add_argument("--ketua", default="", help="nama ketua KIM")
    parser.add_argument("--telepon", default="", help="nomor telepon KIM")
    parser.add_argument("--email", default="", help="alamat surel KIM")
    parser.add_argument(
        "--pengelola",
        action="append",
        default=[],
        help="nama pengguna GitHub pengelola KIM (boleh diulang)",
    )
    parser.set_defaults(run=run)


def describe(region: Region, registry: Registry) -> str:
    """``Desa Bagelen, Gedong Tataan, Kabupaten Pesawaran, Lampung``."""
    path = registry.path(region.code)
    return ", ".join(r.label for r in reversed(path))


def find_kabupaten(registry: Registry, written: str) -> Region:
    """A kabupaten/kota by code or by (unique) name."""
    written = written.strip()
    if REGION_CODE.match(written):
        region = registry.get(written)
        if region is None or region.level != KABUPATEN:
            raise Refused(
                f'Kode "{written}" bukan kabupaten/kota di daftar wilayah jaringan. {_kabupaten_list(registry)}'
            )
        return region
    wanted = normalise_name(_KABUPATEN_PREFIX.sub("", written))
    kabupaten = [r for r in registry if r.level == KABUPATEN]
    matches = [r for r in kabupaten if normalise_name(_KABUPATEN_PREFIX.sub("", r.name)) == wanted]
    exact = [r for r in matches if normalise_name(r.name) == normalise_name(written)]
    if len(exact) == 1 or len(matches) == 1:
        return (exact or matches)[0]
    if matches:
        options = "; ".join(f"{r.code} ({r.name})" for r in matches)
        raise Refused(f'Nama kabupaten/kota "{written}" ada lebih dari satu. Tulis kodenya: {options}.')
    raise Refused(f'Kabupaten/kota "{written}" tidak ada di daftar wilayah jaringan. {_kabupaten_list(registry)}')


def _kabupaten_list(registry: Registry) -> str:
    names = [f"{r.code} {r.name}" for r in registry if r.level == KABUPATEN]
    return f"Yang tersedia: {', '.join(names)}." if names else "Daftar wilayah belum berisi kabupaten/kota."


def find_desa(registry: Registry, written: str, kabupaten: Region | None) -> Region:
    """A desa/kelurahan by code, or by a name unique in the registry or in ``kabupaten``."""
    written = written.strip()
    if REGION_CODE.match(written):
        region = registry.get(written)
        if region is None:
            raise Refused(
                f'Kode desa "{written}" tidak ada di daftar wilayah jaringan (content/_data/wilayah.csv). '
                "Periksa kodenya, atau impor wilayahnya dulu dengan `kim impor-wilayah`."
            )
        if region.level != DESA:
            raise Refused(
                f'Kode "{written}" adalah {region.label}, bukan desa/kelurahan. Tulis kode desa yang lengkap.'
            )
        if kabupaten is not None and not region.code.startswith(kabupaten.code + "."):
            raise Refused(f"Desa {written} ({region.label}) tidak berada di {kabupaten.name}.")
        return region
    scope = [kabupaten] if kabupaten else [r for r in registry if r.level == KABUPATEN]
    matches = [desa for kab in scope for desa in registry.villages_named(written, kab.code)]
    where = kabupaten.name if kabupaten else "daftar wilayah jaringan"
    if len(matches) == 1:
        return matches[0]
    if matches:
        options = "; ".join(f"{r.code} ({describe(r, registry)})" for r in matches)
        narrow = "" if kabupaten else " atau sebutkan kabupatennya dengan --kabupaten"
        raise Refused(f'Nama desa "{written}" ada lebih dari satu di {where}: {options}. Tulis kodenya{narrow}.')
    villages = [r for r in registry if r.level == DESA and (kabupaten is None or r in _under(registry, kabupaten))]
    names = {normalise_name(r.name): r for r in villages}
    match = closest(normalise_name(written), list(names))
    hint = f' Mungkin maksud Anda "{names[match].name}" ({names[match].code})?' if match else ""
    raise Refused(
        f'Desa "{written}" tidak ditemukan di {where}.{hint} Periksa ejaannya, tulis kode desanya, '
        "atau impor wilayahnya dengan `kim impor-wilayah`."
    )


def _under(registry: Registry, region: Region) -> set[Region]:
    return {r for r in registry if r.code.startswith(region.code + ".")}


def kim_slug(written: str | None, name: str) -> str:
    """Folder name: as written, else from the name, always starting with ``kim-``."""
    if written is not None:
        slug = written.strip()
        if not SLUG.match(slug):
            raise Refused(
                f'Nama folder "{slug}" tidak sah. Gunakan huruf kecil, angka, dan tanda hubung, '
                "misalnya kim-sidodadi-maju."
            )
        return slug
    slug = slugify(name)
    if not slug:
        raise Refused("Nama folder tidak bisa dibuat dari nama KIM itu. Tulis dengan --slug, misalnya kim-sidodadi.")
    return slug if slug.startswith("kim-") else f"kim-{slug}"


def check_request(args: argparse.Namespace, network: Network) -> tuple[str, str, Region]:
    """Validate name, folder, maintainers and desa; return (name, slug, desa)."""
    name = " ".join(args.nama.split())
    if not name:
        raise Refused('Nama KIM kosong. Tulis dengan --nama "KIM …".')
    same_name = [k for k in network.kims.values() if normalise_name(k.name) == normalise_name(name)]
    if same_name:
        raise Refused(f'Nama "{name}" sudah dipakai {same_name[0].slug}. Pilih nama lain agar pembaca tidak bingung.')
    slug = kim_slug(args.slug, name)
    folder = os.path.join(network.kim_root, slug)
    if os.path.exists(folder):
        raise Refused(f"Folder {slug} sudah ada di content/kim/ dan tidak ditimpa. Pilih nama lain dengan --slug.")
    bad = [user for user in args.pengelola if not USERNAME.match(user.strip().lstrip("@"))]
    if bad:
        raise Refused(
            f"Nama pengguna pengelola tidak sah: {', '.join(bad)}. Tulis nama pengguna GitHub "
            "(huruf, angka, dan tanda hubung), misalnya sitirahma-bgl."
        )
    kabupaten = find_kabupaten(network.registry, args.kabupaten) if args.kabupaten else None
    desa = find_desa(network.registry, args.desa, kabupaten)
    return name, slug, desa


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _whatsapp_suggestion(telephone: str) -> str:
    """The telephone number when it is a mobile one (often the KIM's WhatsApp too), for the commented line.

    Only a suggestion: a mobile number need not have WhatsApp, so the KIM uncomments it itself.
    """
    written = telephone.strip()
    return written if international_mobile(written) else ""


def profile_text(args: argparse.Namespace, name: str, desa: Region, registry: Registry) -> str:
    """The commented ``kim.yml`` for a new KIM."""
    users = [user.strip().lstrip("@") for user in args.pengelola]
    maintainers = "\n".join(f"  - {_quoted(user)}" for user in users) if users else ""
    return "\n".join(
        [
            "# Profil KIM. Kolom nama dan desa wajib; kolom lain boleh dikosongkan, tetapi sebaiknya dilengkapi.",
            "# Penjelasan setiap kolom ada di halaman Panduan portal (/panduan/).",
            f"nama: {_quoted(name)}",
            f"# {describe(desa, registry)}",
            f"desa: {_quoted(desa.code)}",
            "# Tanggal SK pembentukan KIM, format TTTT-BB-HH, misalnya 2019-03-12.",
            "tanggal_berdiri:",
            "# Nomor SK pembentukan, bila ada, di antara tanda kutip.",
            'nomor_sk: ""',
            f"ketua: {_quoted(' '.join(args.ketua.split()))}",
            "# Jumlah anggota, bilangan bulat, misalnya 12.",
            "jumlah_anggota:",
            "kontak:",
            f"  telepon: {_quoted(args.telepon.strip())}",
            "  # Nomor ponsel WhatsApp KIM untuk aspirasi warga (tautan WhatsApp dan SMS di halaman KIM dan desa).",
            "  # Hapus tanda # di awal baris berikut bila nomornya sudah benar; lihat Panduan, bagian aspirasi warga.",
            f"  # whatsapp: {_quoted(_whatsapp_suggestion(args.telepon))}",
            f"  email: {_quoted(args.email.strip())}",
            '  alamat: ""',
            "# Dua atau tiga kalimat tentang KIM: siapa anggotanya dan kabar apa yang diliput.",
            'deskripsi: ""',
            "# Logo: simpan berkasnya di folder ini, lalu hapus tanda # di awal baris berikut.",
            "# logo: logo.svg",
            "# Nama pengguna GitHub yang boleh mengubah berita KIM ini, satu per baris diawali tanda hubung.",
            f"pengelola:{'' if users else ' []'}",
            *([maintainers] if maintainers else []),
            "",
        ]
    )


def run(args: argparse.Namespace) -> int:
    """Create the folder and profile, prove the profile loads, print the next steps."""
    try:
        require_content(args.content)
        network, _problems = load_network(os.path.abspath(args.content))
        name, slug, desa = check_request(args, network)
    except Refused as refusal:
        print(f"KIM tidak dibuat: {refusal}", file=sys.stderr)
        return 1
    folder = os.path.join(network.kim_root, slug)
    os.makedirs(folder)
    path = os.path.join(folder, PROFILE_FILE)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(profile_text(args, name, desa, network.registry))
    problems = ProblemList()
    if load_profile(folder, network.registry, problems) is None or problems:
        shutil.rmtree(folder)  # only what this command just created
        print("KIM tidak dibuat: profil yang dihasilkan tidak lolos pemeriksaan.", file=sys.stderr)
        print(format_report(problems.items, os.path.dirname(network.content_path)), file=sys.stderr)
        return 1
    same_desa = sorted(k.name for k in network.kims.values() if k.desa.code == desa.code)
    print(f"KIM baru dibuat: {shown(path, args.content)}")
    print(f"  {name}, {describe(desa, network.registry)} ({desa.code})")
    if same_desa:
        print(f"  Catatan: desa ini sudah punya {', '.join(same_desa)}.")
    print("Langkah berikutnya:")
    print(f"  1. Lengkapi profil (ketua, kontak, deskripsi, pengelola) di {shown(path, args.content)}.")
    print(f'  2. Tulis berita pertama: kim berita-baru --kim {slug} --judul "…"')
    print(f"  3. Periksa: kim periksa {slug}")
    return 0
