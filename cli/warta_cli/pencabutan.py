"""``kim tarik``: withdraw a published story, with a reason from the network's list.

``kim tarik BERKAS --alasan KODE --penjelasan "…"`` adds ``Dicabut: <now, WIB>``,
``Alasan-Pencabutan`` and ``Penjelasan-Pencabutan`` at the end of the
article's header, checks the network again and puts the file back as it was
when the check refuses it (an unknown reason, an empty explanation). The
rules are in ``warta_core.withdrawals``. The file stays: deleting it would turn
the address into a bare 404 and leave aggregators with the story (``kim periksa
--base`` refuses that in pull requests). The command lists the images only this
story uses, which are no longer published but stay in the repository until
someone removes them (the guide says how, for a child's face).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from warta_core.articles import PUBLISHED
from warta_core.dates import WIB
from warta_core.metadata import parse_header
from warta_core.withdrawals import format_withdrawal_date, withdrawn_only_files

from .drafting import Refused, shown, single_line
from .koreksi import checked_article, correction_date, rewrite_checked


def add_parser(commands) -> None:
    """Register the ``tarik`` sub-command."""
    parser = commands.add_parser(
        "tarik",
        help="cabut berita yang sudah terbit, dengan alasan dari daftar jaringan",
        description=(
            "Menambahkan kolom Dicabut, Alasan-Pencabutan, dan Penjelasan-Pencabutan di kepala berita. Alamat "
            "berita tetap ada, tetapi hanya menampilkan judul, tanggal, alasan, dan penjelasan; isi dan fotonya "
            "hilang dari portal, daftar berita, umpan, peta situs, dan pencarian. Alasan yang boleh dipakai ada di "
            "content/_data/alasan-pencabutan.yml."
        ),
    )
    parser.add_argument("berkas", metavar="BERKAS", help="berkas berita, misalnya content/kim/kim-x/2026/berita.md")
    parser.add_argument("--alasan", required=True, metavar="KODE", help="kode alasan, misalnya masa-depan-anak")
    parser.add_argument("--penjelasan", required=True, help="penjelasan untuk pembaca, satu atau dua kalimat")
    parser.add_argument("--tanggal", help="tanggal dan jam pencabutan (bawaan: sekarang, WIB)")
    parser.set_defaults(run=run_withdrawal)


def with_fields(text: str, fields: list[tuple[str, str]]) -> str:
    """``text`` with ``fields`` added at the end of its header (``Kolom: nilai`` lines or YAML front matter)."""
    lines = text.splitlines(keepends=True)
    header = parse_header(text)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    if lines and lines[0].strip() == "---":
        end = header.body_line - 2  # the closing `---`
        quoted = [f'{name.lower()}: "{value.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"'
                  for name, value in fields]  # fmt: skip
        return "".join(lines[:end]) + "".join(line + newline for line in quoted) + "".join(lines[end:])
    end = header.body_line - 1
    if end > 0 and not lines[end - 1].strip():
        end -= 1  # before the blank line that ends the header
    if end > 0 and not lines[end - 1].endswith(("\n", "\r")):
        lines[end - 1] += newline
    added = "".join(f"{name}: {value}{newline}" for name, value in fields)
    return "".join(lines[:end]) + added + "".join(lines[end:])


def run_withdrawal(args: argparse.Namespace) -> int:
    """Add the fields, check again, keep the change only when the check passes."""
    try:
        explanation = single_line(args.penjelasan)
        if not explanation:
            raise Refused('Penjelasan pencabutan kosong. Tulis untuk pembaca mengapa berita dicabut: --penjelasan "…".')
        result, article = checked_article(args.content, args.berkas)
        if article.withdrawal is not None:
            raise Refused(f"Berita ini sudah dicabut pada {format_withdrawal_date(article.withdrawal.date)}.")
        if article.status != PUBLISHED:
            raise Refused(
                "Berita ini belum terbit: hapus saja berkasnya, pencabutan hanya untuk berita yang sudah terbit."
            )
        when: dt.datetime = correction_date(args.tanggal, article) if args.tanggal else dt.datetime.now(WIB)
        fields = [
            ("Dicabut", format_withdrawal_date(when.replace(second=0, microsecond=0))),
            ("Alasan-Pencabutan", single_line(args.alasan)),
            ("Penjelasan-Pencabutan", explanation),
        ]
        again = rewrite_checked(args.content, article, lambda text: with_fields(text, fields), "Pencabutan")
    except Refused as refusal:
        print(refusal, file=sys.stderr)
        return 1
    print(f"Berita dicabut: {shown(article.path, args.content)}")
    for name, value in fields:
        print(f"  {name}: {value}")
    photos = sorted(withdrawn_only_files(again.articles.values(), result.network.content_path))
    if photos:
        print("Foto berita ini tidak lagi diterbitkan, tetapi berkas aslinya masih ada di repositori:")
        for photo in photos:
            print(f"  {shown(photo, args.content)}")
        print(
            "Bila foto memuat wajah anak atau korban, hapus baris Gambar dan gambar di isi berita, lalu hapus "
            "berkas fotonya (lihat /panduan/#mencabut-berita). Riwayat git tetap menyimpannya sampai admin "
            "jaringan membersihkannya."
        )
    print("Kirim perubahannya seperti biasa; berita hilang dari portal dan umpan setelah portal dibangun.")
    return 0
