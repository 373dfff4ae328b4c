"""``kim ralat`` and ``kim hak-jawab``: correcting a published story, and scaffolding a right of reply.

``kim ralat BERKAS --catatan "…"`` adds one ``Ralat: <tanggal> | <catatan>``
line at the end of the article's header (the date is now, written with its
zone label so it reads the same in every province), then checks the network
again and puts the file back as it was when the check refuses it.

``kim hak-jawab BERKAS --dari "…" --judul "…"`` writes a new draft in the
original's KIM folder, with the original's topics and desa, ``Hak-Jawab-Untuk``
pointing to its address and ``Hak-Jawab-Dari`` naming who replies. The rules
are in ``warta_core.corrections``; messages are in Bahasa Indonesia.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable

from warta_core.articles import PUBLISHED, ArticleSource
from warta_core.atomic import write_atomically
from warta_core.corrections import format_correction
from warta_core.dates import WIB, parse_date
from warta_core.metadata import parse_header
from warta_core.problems import format_report
from warta_core.validation import CheckResult, check_network

from .drafting import (
    KimArticles,
    Refused,
    article_path,
    article_slug,
    format_header,
    require_content,
    shown,
    single_line,
    write_new_file,
)

DATE_HINT = "Tulis seperti 2026-12-07 10:00 atau 7 Desember 2026."


def add_parser(commands) -> None:
    """Register the ``ralat`` and ``hak-jawab`` sub-commands."""
    ralat = commands.add_parser(
        "ralat",
        help="tambahkan catatan ralat bertanggal pada berita yang sudah terbit",
        description=(
            "Menambahkan satu baris `Ralat: <tanggal> | <catatan>` di kepala berita. Catatan menyebut apa yang "
            "salah dan apa yang benar; tampil di atas isi berita, di umpan, dan di data terstruktur. Salah ketik "
            "kecil cukup diperbaiki tanpa ralat."
        ),
    )
    ralat.add_argument("berkas", metavar="BERKAS", help="berkas berita, misalnya content/kim/kim-x/2026/berita.md")
    ralat.add_argument("--catatan", required=True, help="apa yang salah dan apa yang benar, satu atau dua kalimat")
    ralat.add_argument("--tanggal", help="tanggal dan jam ralat (bawaan: sekarang, WIB)")
    ralat.set_defaults(run=run_correction)
    reply = commands.add_parser(
        "hak-jawab",
        help="siapkan berita hak jawab yang tertaut ke berita aslinya",
        description=(
            "Membuat draf berita hak jawab di folder KIM berita aslinya, dengan kolom Hak-Jawab-Untuk dan "
            "Hak-Jawab-Dari terisi. Tulis jawabannya, lalu ubah `Status: draf` menjadi `Status: terbit`."
        ),
    )
    reply.add_argument("berkas", metavar="BERKAS", help="berkas berita yang dijawab")
    reply.add_argument("--dari", required=True, help="orang atau lembaga yang menyampaikan hak jawab")
    reply.add_argument("--judul", required=True, help="judul berita hak jawab")
    reply.add_argument("--tanggal", help="tanggal dan jam berita hak jawab (bawaan: sekarang)")
    reply.set_defaults(run=run_reply)


def checked_article(content: str, written: str) -> tuple[CheckResult, ArticleSource]:
    """The network's check and the article at ``written``; refused when it is missing or does not pass."""
    require_content(content)
    path = os.path.abspath(written)
    if not os.path.isfile(path):
        raise Refused(f'Berkas "{written}" tidak ditemukan.')
    result = check_network(content)
    article = result.articles.get(path)
    if article is None:
        own = [problem for problem in result.problems.errors if problem.path == path]
        report = format_report(own, os.path.dirname(os.path.abspath(content))) if own else ""
        raise Refused(
            f'"{written}" bukan berita yang lolos pemeriksaan. Perbaiki dulu (lihat `kim periksa`).\n{report}'
        )
    return result, article


def correction_date(written: str | None, article: ArticleSource) -> dt.datetime:
    """When the correction was made: as written (the KIM's zone), or now in WIB."""
    zone = article.date.tzinfo or WIB
    if not written:
        return dt.datetime.now(WIB).replace(second=0, microsecond=0)
    parsed = parse_date(written, zone)  # type: ignore[arg-type]
    if parsed is None:
        raise Refused(f'Tanggal "{written}" tidak bisa dibaca. {DATE_HINT}')
    return parsed


def with_correction(text: str, line: str) -> str:
    """``text`` with ``line`` added as the header's last field (``Kolom: nilai`` or YAML front matter)."""
    lines = text.splitlines(keepends=True)
    header = parse_header(text)
    if lines and lines[0].strip() == "---":
        if header.values("corrections"):
            raise Refused("Kepala berita berformat YAML sudah punya `ralat:`; tambahkan butir ralatnya sendiri.")
        end = header.body_line - 2  # the closing `---`
        value = line.split(": ", 1)[1].replace("\\", "\\\\").replace('"', '\\"')
        return "".join(lines[:end]) + f'ralat:\n  - "{value}"\n' + "".join(lines[end:])
    end = header.body_line - 1
    if end > 0 and not lines[end - 1].strip():
        end -= 1  # before the blank line that ends the header
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    if end > 0 and not lines[end - 1].endswith(("\n", "\r")):
        lines[end - 1] += newline
    return "".join(lines[:end]) + line + newline + "".join(lines[end:])


def rewrite_checked(content: str, article: ArticleSource, rewrite: Callable[[str], str], what: str) -> CheckResult:
    """Rewrite the article's file, check the network again, and put the file back if the article is refused.

    ``what`` names the change in the refusal ("Ralat", "Pencabutan"). Returns the new check's result.
    """
    with open(article.path, encoding="utf-8-sig", newline="") as handle:
        before = handle.read()
    write_atomically(article.path, rewrite(before).encode("utf-8"))
    again = check_network(content)
    if article.path not in again.articles:
        write_atomically(article.path, before.encode("utf-8"))
        own = [problem for problem in again.problems.errors if problem.path == article.path]
        report = format_report(own, os.path.dirname(os.path.abspath(content)))
        raise Refused(f"{what} tidak disimpan, berkas dikembalikan seperti semula:\n{report}")
    return again


def run_correction(args: argparse.Namespace) -> int:
    """Add the note, check again, keep the change only when the check passes."""
    try:
        note = single_line(args.catatan)
        if not note:
            raise Refused('Catatan ralat kosong. Tulis apa yang salah dan apa yang benar dengan --catatan "…".')
        _result, article = checked_article(args.content, args.berkas)
        if article.status != PUBLISHED:
            raise Refused("Berita ini belum terbit: perbaiki saja isinya, ralat hanya untuk berita yang sudah terbit.")
        when = correction_date(args.tanggal, article)
        line = f"Ralat: {format_correction(when, note)}"
        rewrite_checked(args.content, article, lambda text: with_correction(text, line), "Ralat")
    except Refused as refusal:
        print(refusal, file=sys.stderr)
        return 1
    print(f"Ralat ditambahkan ke {shown(article.path, args.content)}:\n  {line}")
    print("Kirim perubahannya seperti biasa; ralat tampil di atas isi berita dan di umpan setelah portal dibangun.")
    return 0


def run_reply(args: argparse.Namespace) -> int:
    """Write the reply's draft next to the original's KIM articles."""
    try:
        title = single_line(args.judul)
        source = single_line(args.dari)
        if not title or not source:
            raise Refused('Judul dan nama penjawab wajib diisi: --judul "…" --dari "…".')
        result, original = checked_article(args.content, args.berkas)
        if original.status != PUBLISHED:
            raise Refused("Berita yang dijawab belum terbit; hak jawab hanya untuk berita yang sudah terbit.")
        kim = original.kim
        taken = KimArticles.of(kim, result)
        slug = taken.free_slug(article_slug(title) or f"hak-jawab-{original.slug}")
        zone = original.date.tzinfo or WIB
        when = correction_date(args.tanggal, original).astimezone(zone).replace(tzinfo=None)  # type: ignore[arg-type]
        when = taken.free_minute(when)
        path = article_path(kim, when, slug)
        header = format_header(
            [
                ("Judul", title),
                ("Tanggal", f"{when:%Y-%m-%d %H:%M}"),
                ("Topik", ", ".join(original.topics)),
                ("Desa", ", ".join(region.code for region in original.desa)),
                ("Ringkasan", f'Hak jawab {source} atas berita "{original.title}".'),
                ("Hak-Jawab-Untuk", f"/kim/{kim.slug}/{original.slug}/"),
                ("Hak-Jawab-Dari", source),
                ("Slug", slug),
                ("Status", "draf"),
            ]
        )
        body = (
            f"Tulis di sini jawaban {source} selengkapnya, sesuai yang disampaikan: bagian mana dari berita "
            f'"{original.title}" yang dijawab atau dibantah, dan apa penjelasannya. Kutipan ditulis apa adanya.\n'
        )
        write_new_file(path, header + body)
    except Refused as refusal:
        print(refusal, file=sys.stderr)
        return 1
    except FileExistsError:
        print(f'Berkas "{shown(path, args.content)}" sudah ada; pakai judul lain.', file=sys.stderr)
        return 1
    print(f"Draf hak jawab dibuat: {shown(path, args.content)}")
    print("Tulis jawabannya, ubah `Status: draf` menjadi `Status: terbit`, lalu jalankan `kim periksa`.")
    return 0
