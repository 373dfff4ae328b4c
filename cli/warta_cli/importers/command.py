"""``kim impor``: bring an existing KIM blog into that KIM's folder.

Every source is read before anything is written, so a broken export stops
the import without leaving half of it behind. Afterwards the new files are
checked exactly like ``kim periksa`` does and the report is printed.
"""

from __future__ import annotations

import argparse
import os
import sys

from warta_core.articles import DATE_HINT
from warta_core.dates import parse_date, timezone_for_region
from warta_core.problems import ERROR, format_report
from warta_core.text import normalise_name
from warta_core.validation import check_network

from ..check import select_problems
from ..drafting import KimArticles, Refused, find_kim, find_topics, require_content, shown
from .blogger import parse_blogger
from .convert import ArticleWriter, ImportOptions, Outcome
from .html_page import parse_html_page
from .images import ImageLibrary
from .model import ImportFailed, ParsedSource
from .report import summary_lines
from .wxr import parse_wxr

PARSERS = {"wordpress": parse_wxr, "blogger": parse_blogger, "html": parse_html_page}
KIND_LABELS = {"wordpress": "ekspor WordPress", "blogger": "ekspor Blogger", "html": "halaman HTML tersimpan"}


def add_parser(commands) -> None:
    """Register the ``import`` sub-command."""
    parser = commands.add_parser(
        "impor",
        aliases=["import"],
        help="impor berita dari blog lama KIM (WordPress, Blogger, atau halaman HTML tersimpan)",
        description=(
            "Mengimpor berita dari berkas ekspor WordPress (WXR), ekspor Blogger, atau halaman berita yang "
            "disimpan dari peramban, ke folder sebuah KIM. Hiasan situs (tombol bagikan, 'Baca juga', iklan, "
            "kolom komentar) dibuang. Tidak ada yang diunduh dari internet: gambar yang tidak tersedia di "
            "komputer ini menjadi tautan ke situs asalnya. Berkas yang sudah ada tidak pernah ditimpa."
        ),
    )
    parser.add_argument("sources", nargs="+", metavar="SUMBER", help="berkas ekspor (.xml/.atom) atau halaman .html")
    parser.add_argument("--kim", required=True, help="folder KIM tujuan, misalnya kim-bagelen-berdaya")
    parser.add_argument(
        "--topik",
        required=True,
        help="topik untuk berita yang kategorinya tidak cocok dengan topik jaringan (boleh dipisah koma)",
    )
    parser.add_argument(
        "--peta-topik",
        dest="topic_map",
        action="append",
        default=[],
        metavar="KATEGORI=TOPIK",
        help='padankan kategori blog lama dengan topik jaringan, misalnya "Berita Desa=pemerintahan" (boleh diulang)',
    )
    parser.add_argument(
        "--gambar",
        dest="image_folders",
        action="append",
        default=[],
        metavar="FOLDER",
        help="folder berisi salinan gambar blog lama (misalnya wp-content/uploads) untuk disalin (boleh diulang)",
    )
    parser.add_argument("--jenis", choices=sorted(PARSERS), help="jenis sumber (bawaan: dikenali otomatis)")
    parser.add_argument("--penulis", default="", help="nama penulis untuk berita yang tidak mencantumkannya")
    parser.add_argument("--tanggal", help="tanggal untuk halaman yang tidak mencantumkan tanggal terbit")
    parser.add_argument("--draf", action="store_true", help="impor semua berita sebagai draf untuk diperiksa dulu")
    parser.set_defaults(run=run)


def detect_kind(path: str) -> str:
    """WordPress, Blogger or a saved page, from the file's first bytes."""
    with open(path, "rb") as handle:
        head = handle.read(65536).lower()
    if b"<rss" in head and b"wordpress.org/export" in head:
        return "wordpress"
    if b"<feed" in head and (b"blogger" in head or b"schemas.google.com" in head):
        return "blogger"
    if path.lower().endswith((".html", ".htm")) or b"<html" in head:
        return "html"
    raise ImportFailed(
        f"{path}: jenis berkas tidak dikenali. Gunakan ekspor WordPress (WXR), ekspor Blogger, atau halaman "
        "HTML tersimpan, atau sebutkan jenisnya dengan --jenis."
    )


def read_sources(paths: list[str], kind: str | None) -> list[tuple[str, str, ParsedSource]]:
    """Parse every source first; any failure stops the import before anything is written."""
    parsed = []
    for path in paths:
        if not os.path.isfile(path):
            raise Refused(f"Berkas sumber '{path}' tidak ditemukan.")
        found = kind or detect_kind(path)
        parsed.append((path, found, PARSERS[found](path)))
    return parsed


def image_folders(args: argparse.Namespace, sources: list[tuple[str, str, ParsedSource]]) -> list[str]:
    """``--gambar`` folders, plus the ``<page>_files`` folder a browser saves next to a page."""
    folders = []
    for folder in args.image_folders:
        if not os.path.isdir(folder):
            raise Refused(f"Folder gambar '{folder}' tidak ditemukan.")
        folders.append(folder)
    for path, kind, _parsed in sources:
        stem = os.path.splitext(path)[0]
        for candidate in (f"{stem}_files", f"{stem}_berkas", f"{stem}-files"):
            if kind == "html" and os.path.isdir(candidate):
                folders.append(candidate)
    return folders


def import_options(args: argparse.Namespace, network, kim) -> ImportOptions:
    """Validate topics, the topic map and the fallback date."""
    options = ImportOptions(default_topics=find_topics(network, [args.topik]), author=args.penulis.strip())
    for pair in args.topic_map:
        category, separator, topic = pair.partition("=")
        if not separator or not category.strip() or not topic.strip():
            raise Refused(
                f'Padanan topik "{pair}" tidak sah. Tulis KATEGORI=TOPIK, misalnya "Berita Desa=pemerintahan".'
            )
        options.topic_map[normalise_name(category)] = find_topics(network, [topic])[0]
    if args.tanggal:
        options.date = parse_date(args.tanggal, timezone_for_region(kim.desa.code))
        if options.date is None:
            raise Refused(f'Tanggal "{args.tanggal}" tidak bisa dibaca. {DATE_HINT}')
    options.all_drafts = args.draf
    return options


def run(args: argparse.Namespace) -> int:
    """Import, report per story, then check the new files."""
    try:
        require_content(args.content)
        result = check_network(args.content)
        kim = find_kim(result.network, args.kim)
        options = import_options(args, result.network, kim)
        sources = read_sources(args.sources, args.jenis)
        library = ImageLibrary(image_folders(args, sources))
    except (Refused, ImportFailed) as refusal:
        print(f"Impor dibatalkan, tidak ada berkas yang dibuat: {refusal}", file=sys.stderr)
        return 1
    writer = ArticleWriter(result.network, kim, KimArticles.of(kim, result), library, options)
    outcomes: list[Outcome] = []
    for path, kind, parsed in sources:
        print(f"{shown_source(path)} ({KIND_LABELS[kind]}): {len(parsed.posts)} berita ditemukan.")
        for post in parsed.posts:
            outcome = writer.write(post)
            outcomes.append(outcome)
            print(f"  {describe(outcome, args.content)}")
        for reason, count in sorted(parsed.skipped.items()):
            print(f"  Tidak diimpor: {count} {reason}.")
    return report(args, outcomes, [(shown_source(path), parsed) for path, _kind, parsed in sources])


def shown_source(path: str) -> str:
    """A source path as given, relative when possible."""
    return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path


def describe(outcome: Outcome, content: str) -> str:
    """One line per story."""
    if outcome.failure:
        return f"! {outcome.origin}: tidak diimpor, {outcome.failure}."
    where = shown(outcome.path, content)
    if outcome.existed:
        return f"= {where} sudah ada; dilewati (tidak ditimpa)."
    details = [outcome.status]
    if outcome.copied:
        details.append(f"{len(outcome.copied)} gambar disalin")
    if outcome.linked:
        details.append(f"{outcome.linked} gambar/sematan jadi tautan")
    if outcome.untitled:
        details.append("tanpa judul di sumber: judul diambil dari awal isi, dijadikan draf")
    return f"+ {where} ({', '.join(details)})"


def report(args: argparse.Namespace, outcomes: list[Outcome], sources: list[tuple[str, ParsedSource]]) -> int:
    """Totals, the import report, notes for the writer, and the check of the new files."""
    created = [o for o in outcomes if o.path and not o.existed]
    existed = sum(1 for o in outcomes if o.existed)
    failed = [o for o in outcomes if o.failure]
    drafts = sum(1 for o in created if o.status != "terbit")
    print(
        f"Impor selesai: {len(created)} berita baru ({len(created) - drafts} terbit, {drafts} draf/terjadwal), "
        f"{existed} sudah ada, {len(failed)} gagal."
    )
    for line in summary_lines(sources, outcomes, args.content):
        print(line)
    linked = sum(o.linked for o in created)
    if linked:
        print(
            f"Catatan: {linked} gambar tidak ada di komputer ini dan tidak diunduh; di berita tertulis tautan ke "
            "situs asalnya. Bila punya salinan foldernya (misalnya wp-content/uploads), hapus berkas hasil impor "
            "lalu ulangi dengan --gambar FOLDER."
        )
    if sum(o.alt_from_title for o in created):
        print(
            "Catatan: sebagian gambar tidak punya deskripsi di sumbernya; deskripsinya sementara diisi dari judul. "
            "Ganti dengan kalimat yang menjelaskan isi foto."
        )
    if not created:
        return 1 if failed else 0
    result = check_network(args.content)
    paths = [o.path for o in created] + [path for o in created for path in o.copied]
    problems = select_problems(result, paths)
    if problems:
        print(format_report(problems, os.path.dirname(result.network.content_path)), file=sys.stderr)
    if failed or any(p.severity == ERROR for p in problems):
        return 1
    print(f"Pemeriksaan: semua {len(created)} berita baru lolos `kim periksa`.")
    return 0
