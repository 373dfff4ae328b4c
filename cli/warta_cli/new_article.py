"""``kim berita-baru``: start a news article in a KIM's folder.

The file is created as a draft (``Status: draf``) so an unfinished story is
never published by accident, with every header field filled in or explained.
The explanations live in an HTML comment after the header: the header syntax
has no comments, and the sanitiser drops HTML comments, so they never reach
the portal. The new file passes ``kim periksa`` as it is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from dataclasses import dataclass

from warta_core.articles import DATE_HINT
from warta_core.aspirations import MAX_STEPS, served_codes
from warta_core.dates import parse_date, timezone_for_region, zone_label
from warta_core.factcheck import FACT_CHECK_TOPIC, FIELD_LABELS
from warta_core.metadata import DOCUMENTED_FIELDS
from warta_core.network import Network
from warta_core.problems import ERROR, format_report
from warta_core.profiles import KimProfile
from warta_core.validation import CheckResult, check_network

from . import foto
from .check import select_problems
from .drafting import (
    KimArticles,
    Refused,
    article_path,
    article_slug,
    find_kim,
    find_topics,
    format_header,
    require_content,
    shown,
    single_line,
    write_new_file,
)

# Written empty by `--aspirasi`: the new file passes the check until the writer fills them in.
ASPIRATION_FIELDS = ("Aspirasi", "Aspirasi-Dari", "Aspirasi-Kepada", "Aspirasi-Tahap")


def add_parser(commands) -> None:
    """Register the ``new-article`` sub-command."""
    parser = commands.add_parser(
        "berita-baru",
        aliases=["new-article"],
        help="buat berkas berita baru (draf) di folder sebuah KIM",
        description=(
            "Membuat berkas berita baru berstatus draf di content/kim/<kim>/<tahun>/, dengan semua kolom "
            "sudah terisi atau dijelaskan. Berita baru tampil di portal setelah Status diganti menjadi terbit."
        ),
    )
    parser.add_argument("--kim", required=True, help="nama folder KIM, misalnya kim-bagelen-berdaya")
    parser.add_argument("--judul", "--title", dest="title", required=True, help="judul berita")
    parser.add_argument("--topik", action="append", default=[], help="topik berita (boleh diulang atau dipisah koma)")
    parser.add_argument("--tanggal", help="tanggal dan jam berita, misalnya '2024-03-05 09:30' (bawaan: sekarang)")
    parser.add_argument("--penulis", default="", help="nama penulis (bawaan: nama KIM)")
    parser.add_argument("--slug", help="alamat berita di portal (bawaan: dibuat dari judul)")
    parser.add_argument(
        "--klarifikasi",
        action="store_true",
        help="berita klarifikasi hoaks: tambahkan kolom Klaim, Penilaian, Beredar-Di, Tanggal-Klaim, dan Sumber",
    )
    parser.add_argument(
        "--aspirasi",
        action="store_true",
        help="berita aspirasi warga: tambahkan kolom Aspirasi, Aspirasi-Dari, Aspirasi-Kepada, dan Aspirasi-Tahap",
    )
    parser.add_argument(
        "--gambar",
        metavar="BERKAS",
        help="foto sampul dari ponsel atau komputer: disalin ke folder gambar/ KIM, diperkecil, data lokasinya dibuang",
    )
    parser.add_argument(
        "--deskripsi-gambar", default="", help="satu kalimat tentang isi foto (wajib bila ada --gambar)"
    )
    parser.set_defaults(run=run)


def field_help(network: Network, kim: KimProfile, zone: str) -> dict[str, str]:
    """One Indonesian explanation per documented header field."""
    desa = kim.desa
    return {
        "Judul": "singkat dan jelas, tanpa huruf kapital semua (wajib).",
        "Tanggal": (
            f"waktu kejadian atau penulisan, waktu {zone}, misalnya 2024-03-05 09:30 atau 5 Maret 2024 (wajib)."
        ),
        "Penulis": f"nama penulis. Bila dikosongkan, berita ditulis atas nama {kim.name}.",
        "Topik": f"satu atau lebih topik, dipisah koma (wajib). Pilihan: {', '.join(network.topics)}.",
        "Desa": (
            f"kode atau nama desa tempat kejadian; beberapa desa dipisah koma. Sudah diisi desa KIM ini "
            f"({desa.code}, {desa.label}); ganti bila kejadiannya di desa lain."
        ),
        "Ringkasan": "satu atau dua kalimat untuk daftar berita dan umpan. Bila kosong, diambil dari awal isi berita.",
        "Gambar": (
            "foto sampul (boleh kosong). Simpan fotonya di folder gambar/ KIM ini, lalu tulis misalnya "
            "gambar/posyandu-maret.jpg. Pastikan orang di foto sudah memberi izin."
        ),
        "Deskripsi-Gambar": (
            "wajib bila ada Gambar; satu kalimat yang menjelaskan isi foto untuk pembaca tunanetra, "
            "misalnya: Kader posyandu menimbang balita di balai desa."
        ),
        "Status": (
            "draf (belum tampil di portal), terbit (tampil), atau terjadwal (tampil otomatis setelah "
            "tanggalnya tiba). Berkas baru selalu draf."
        ),
        "Slug": "alamat berita di portal; bila tidak ditulis, diambil dari nama berkas tanpa tanggal.",
        "Diperbarui": "tanggal koreksi, bila berita diperbaiki setelah terbit. Jelaskan koreksinya di akhir berita.",
        "ID": "pengenal tetap berita di umpan; dibuat otomatis, jangan ditulis kecuali diminta pengelola jaringan.",
        "Klaim": (
            "hanya untuk klarifikasi hoaks: inti kabar yang beredar, dikutip singkat. Bila diisi, berita menjadi "
            "klarifikasi (masuk topik cek-fakta) dan Penilaian serta Sumber wajib diisi. Tulis faktanya di Ringkasan."
        ),
        "Penilaian": f"wajib bila ada Klaim. Pilihan: {', '.join(network.verdicts.verdicts) or '-'}.",
        "Beredar-Di": "tempat kabar itu beredar, dipisah koma, misalnya WhatsApp, Facebook.",
        "Tanggal-Klaim": "kapan kabar itu mulai beredar, misalnya 2024-03-01.",
        "Sumber": (
            "wajib bila ada Klaim: alamat situs resmi (diawali https://) atau keterangan narasumber; "
            "beberapa sumber dipisah tanda |."
        ),
        **aspiration_help(network, kim),
        "Bukan-NIK": (
            "biasanya tidak ditulis. NIK dan nomor KK warga tidak boleh dimuat; hanya bila pemeriksaan menolak "
            "nomor dokumen 16 angka yang bukan NIK atau KK, tulis nomor itu di sini."
        ),
    }


def aspiration_help(network: Network, kim: KimProfile) -> dict[str, str]:
    """The explanations of the aspiration fields, with the institutions this KIM's stories may address."""
    serving = network.institutions.serving(served_codes([], kim.desa.code))
    choices = "; ".join(institution.name for institution in serving) or "belum ada (minta admin jaringan)"
    return {
        "Aspirasi": (
            "hanya untuk berita aspirasi warga: permintaan warga dalam satu kalimat, misalnya Warga meminta jalan "
            "Dusun II yang berlubang diperbaiki. Bila diisi, Aspirasi-Dari, Aspirasi-Kepada, dan Aspirasi-Tahap "
            "wajib diisi, dan berita tampil di halaman Aspirasi Warga (/aspirasi/)."
        ),
        "Aspirasi-Dari": (
            "asal aspirasi: kelompok warga, misalnya warga RT 03 Dusun II. Nama seseorang hanya bila ia setuju "
            "namanya dimuat (lalu tulis Aspirasi-Dari-Setuju: ya). Jangan pernah menulis nomor HP atau NIK warga."
        ),
        "Aspirasi-Dari-Setuju": "ya, hanya bila orang yang namanya ditulis di Aspirasi-Dari setuju namanya dimuat.",
        "Aspirasi-Kepada": f"instansi yang dituju: nama resmi kantornya atau nama pendeknya. Pilihan: {choices}.",
        "Aspirasi-Tahap": (
            "satu baris per langkah, dari yang paling lama: tanggal | jenis | keterangan. Langkah pertama selalu "
            "diterima, misalnya 2026-11-02 | diterima. Lalu: diteruskan | kepada siapa; dijawab | oleh siapa | apa "
            "jawabannya (atas nama kantornya, jangan mengarang kutipan pejabat); selesai; "
            f"tidak-dapat-ditindaklanjuti | mengapa. Tambahkan satu baris setiap ada perkembangan (paling banyak "
            f"{MAX_STEPS})."
        ),
        "Tindak-Lanjut-Aspirasi": (
            "hanya untuk berita tentang hasil sebuah aspirasi: alamat berita aspirasinya di portal, misalnya "
            f"/kim/{kim.slug}/jalan-dusun-ii-berlubang/."
        ),
    }


def guide_comment(network: Network, kim: KimProfile, zone: str, path: str) -> str:
    """The HTML comment that explains every field and how to write the story."""
    explained = field_help(network, kim, zone)
    lines = [
        "<!--",
        "PETUNJUK: bagian di antara tanda pembuka dan penutup komentar ini tidak tampil di portal.",
        "Boleh dihapus setelah dibaca. Tulis isi berita di bawah tanda penutup komentar.",
        "",
        "Kolom di bagian atas berkas (satu kolom per baris, diakhiri satu baris kosong):",
    ]
    for name in DOCUMENTED_FIELDS:
        text = explained.get(name, "lihat halaman Panduan portal (/panduan/).")
        lines.append(f"* {name}: {text}")
    lines += [
        "",
        "Menulis isi berita:",
        "* Paragraf pertama menjawab apa, siapa, kapan, di mana, mengapa, dan bagaimana (5W+1H).",
        "* Pisahkan paragraf dengan satu baris kosong. Subjudul diawali dua tanda pagar dan spasi.",
        "* Foto di tengah berita: tanda seru, deskripsi foto di dalam kurung siku, lalu alamat berkasnya",
        "  (misalnya gambar/panen.jpg) di dalam kurung biasa. Contoh lengkapnya ada di Panduan (/panduan/).",
        "* Periksa fakta dan nama orang sebelum menerbitkan; kutip narasumber dengan jujur.",
        "",
        "Setelah selesai: ganti Status menjadi terbit, lalu periksa dengan perintah",
        f"  kim periksa {path}",
        "-->",
        "",
    ]
    return "\n".join(lines)


def choose_date(written: str | None, kim: KimProfile) -> dt.datetime:
    """The article's local time: as written, or now in the KIM's province."""
    zone = timezone_for_region(kim.desa.code)
    if written:
        parsed = parse_date(written, zone)
        if parsed is None:
            raise Refused(f'Tanggal "{written}" tidak bisa dibaca. {DATE_HINT}')
        return parsed.astimezone(zone).replace(tzinfo=None)
    return dt.datetime.now(zone).replace(tzinfo=None)


@dataclass
class Draft:
    """What the new article file will say, decided before anything is written."""

    kim: KimProfile
    title: str
    topics: list[str]
    slug: str
    when: dt.datetime


def plan_draft(args: argparse.Namespace, result: CheckResult) -> Draft:
    """Decide KIM, title, topics, slug and time; refuse what would not pass the check."""
    network = result.network
    kim = find_kim(network, args.kim)
    title = single_line(args.title)
    if not title:
        raise Refused('Judul berita kosong. Tulis judulnya dengan --judul "…".')
    topics = find_topics(network, args.topik) if args.topik else list(network.topics)[:1]
    if getattr(args, "klarifikasi", False) and FACT_CHECK_TOPIC in network.topics and FACT_CHECK_TOPIC not in topics:
        topics = [*topics, FACT_CHECK_TOPIC] if args.topik else [FACT_CHECK_TOPIC]
    if not topics:
        raise Refused("Daftar topik jaringan (content/_data/topik.yml) kosong atau rusak. Jalankan `kim periksa`.")
    slug = article_slug(args.slug if args.slug is not None else title)
    if not slug:
        raise Refused("Alamat berita tidak bisa dibuat dari judul itu. Tulis alamatnya, misalnya --slug panen-raya.")
    taken = KimArticles.of(kim, result)
    if slug in taken.slugs:
        raise Refused(
            f'Alamat "{slug}" sudah dipakai berita lain di {kim.name}. '
            f"Pakai judul lain atau tulis alamat lain, misalnya --slug {taken.free_slug(slug)}."
        )
    return Draft(kim, title, topics, slug, taken.free_minute(choose_date(args.tanggal, kim)))


def run(args: argparse.Namespace) -> int:
    """Create the draft, prove it passes the check, and tell the writer what to do next."""
    try:
        require_content(args.content)
        result = check_network(args.content)
        draft = plan_draft(args, result)
    except Refused as refusal:
        print(f"Berita tidak dibuat: {refusal}", file=sys.stderr)
        return 1
    kim = draft.kim
    path = article_path(kim, draft.when, draft.slug)
    cover = ""
    if getattr(args, "gambar", None):
        if not single_line(args.deskripsi_gambar):
            print(
                'Berita tidak dibuat: foto sampul perlu deskripsi. Tambahkan --deskripsi-gambar "…".', file=sys.stderr
            )
            return 1
        try:
            cover = "gambar/" + foto.bring_in(args.gambar, os.path.join(kim.folder, "gambar"), draft.slug)
        except ValueError as error:
            print(f"Berita tidak dibuat: {error} Simpan ulang fotonya dari galeri, lalu coba lagi.", file=sys.stderr)
            return 1
    zone = zone_label(timezone_for_region(kim.desa.code))
    header = format_header(
        [
            ("Judul", draft.title),
            ("Tanggal", f"{draft.when:%Y-%m-%d %H:%M}"),
            ("Penulis", args.penulis),
            ("Topik", ", ".join(draft.topics)),
            ("Desa", kim.desa.code),
            ("Ringkasan", ""),
            ("Gambar", cover),
            ("Deskripsi-Gambar", single_line(args.deskripsi_gambar) if cover else ""),
            ("Status", "draf"),
            *((name, "") for name in FIELD_LABELS.values() if getattr(args, "klarifikasi", False)),
            *((name, "") for name in ASPIRATION_FIELDS if getattr(args, "aspirasi", False)),
        ]
    )
    try:
        write_new_file(path, header + guide_comment(result.network, kim, zone, shown(path, args.content)))
    except FileExistsError:
        print(f"Berita tidak dibuat: berkas {shown(path, args.content)} sudah ada dan tidak ditimpa.", file=sys.stderr)
        return 1
    return report_created(args, path, draft.topics, bool(args.topik) or getattr(args, "klarifikasi", False))


def report_created(args: argparse.Namespace, path: str, topics: list[str], topics_given: bool) -> int:
    """Check the new file like ``kim periksa`` would and print the next steps."""
    result = check_network(args.content)
    problems = select_problems(result, [path])
    where = shown(path, args.content)
    if any(p.severity == ERROR for p in problems):
        print(f"Berkas {where} dibuat, tetapi pemeriksaan menemukan masalah.", file=sys.stderr)
        print(format_report(problems, os.path.dirname(result.network.content_path)), file=sys.stderr)
        return 1
    print(f"Berita baru dibuat: {where}")
    print("Statusnya draf: berita ini belum tampil di portal sampai Status diganti menjadi terbit.")
    if not topics_given:
        print(f"Topik sementara diisi {topics[0]}; ganti sesuai isi berita (pilihannya ada di petunjuk dalam berkas).")
    print("Langkah berikutnya: tulis isi berita di bawah petunjuk, ganti Status menjadi terbit, lalu jalankan")
    print(f"  kim periksa {where}")
    return 0
