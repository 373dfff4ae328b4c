"""Static pages (``content/pages/``) and the names shown on every page.

Pages go through the same header reader, bounds and sanitiser as articles,
so a page cannot carry what an article may not. A page's address is a
top-level folder of the portal, so it may not take one the portal itself
uses (``/kim/``, ``/admin/``…): a page called ``admin`` would replace the
web editor's login page.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .files import Inventory, read_text
from .limits import RETYPE_HINT, hidden_characters_message
from .metadata import parse_header
from .network import Network
from .personal_numbers import refuse_personal_numbers
from .problems import ProblemList
from .text import slugify

# Top-level addresses written by the plugins (README, "Pages and URLs"), plus a few reserved for what comes next.
RESERVED_SLUGS = {
    "kim", "wilayah", "topik", "mitra", "langganan", "admin", "draf", "page", "theme", "static",
    "cari", "pagefind", "data", "statistik", "cek-fakta", "kabar-sepekan", "feeds", "feed", "gambar", "sitemap", "404",
}  # fmt: skip


@dataclass(frozen=True)
class PageSource:
    """A checked static page: title, slug and Markdown body."""

    path: str
    title: str
    slug: str
    summary: str
    body: str


def check_pages(files: Inventory, network: Network, problems: ProblemList) -> dict[str, PageSource]:
    """Read and check every page; the valid ones by absolute path."""
    pages: dict[str, PageSource] = {}
    slugs: dict[str, str] = {}
    for path in files.pages:
        text = read_text(path, problems)
        if text is None:
            continue
        header = parse_header(text)
        if header.error:
            line, reason = header.error
            problems.add(
                path, f"Bagian kepala halaman (YAML) rusak: {reason}.", "Periksa titik dua dan tanda kutip.", line
            )
            continue
        marked = header.value("not_personal")  # `Bukan-NIK:`, as in articles
        refuse_personal_numbers(path, text, marked, header.line("not_personal"), problems, "halaman")
        title = header.value("title")
        if not title:
            problems.add(
                path, "Judul halaman belum diisi.", "Tambahkan baris `Judul: ...` di bagian paling atas berkas.", 1
            )
            continue
        if _bad_text(path, "Judul", title, header.line("title"), problems, network.info.limits.panjang_judul):
            continue
        stem = os.path.splitext(os.path.basename(path))[0]
        slug = slugify(header.value("slug") or stem)
        if not slug or slug in RESERVED_SLUGS:
            problems.add(
                path,
                f'Alamat halaman "/{slug}/" sudah dipakai portal sendiri.',
                f"Isi kolom `Slug:` dengan alamat lain. Alamat milik portal: {', '.join(sorted(RESERVED_SLUGS))}.",
                header.line("slug") or 1,
            )
            continue
        if slug in slugs:
            problems.add(
                path,
                f'Alamat halaman "/{slug}/" sudah dipakai {os.path.basename(slugs[slug])}.',
                "Isi kolom `Slug:` dengan alamat lain.",
            )
            continue
        slugs[slug] = path
        pages[path] = PageSource(path, title, slug, header.value("summary"), header.body)
    return pages


def _bad_text(path: str, label: str, text: str, line: int | None, problems: ProblemList, limit: int) -> bool:
    """Record a problem when ``text`` is too long or holds control/bidi characters; True when it did."""
    message = hidden_characters_message(label, text)
    if message:
        problems.add(path, message, RETYPE_HINT.format(what="teks ini"), line)
        return True
    if len(text) > limit:
        problems.add(
            path,
            f"{label} terlalu panjang ({len(text)} huruf; batasnya {limit}).",
            f"Pendekkan {label.lower()}nya.",
            line,
        )
        return True
    return False


def check_names(network: Network, files: Inventory, problems: ProblemList) -> None:
    """Names shown on every page (network, KIM profiles, topics) are plain text, and logos stay in their KIM folder."""
    limit = network.info.limits.panjang_judul
    jaringan = os.path.join(network.content_path, "_data", "jaringan.yml")
    _bad_text(jaringan, "Nama jaringan", network.info.name, None, problems, limit)
    _bad_text(jaringan, "Deskripsi jaringan", network.info.description, None, problems, 2000)
    topik = os.path.join(network.content_path, "_data", "topik.yml")
    for topic in network.topics.values():
        _bad_text(topik, f'Label topik "{topic.slug}"', topic.label, None, problems, limit)
    for kim in network.kims.values():
        profile = os.path.join(kim.folder, "kim.yml")
        for label, value in (("Nama KIM", kim.name), ("Ketua", kim.chair), ("Deskripsi KIM", kim.description)):
            _bad_text(profile, label, value, None, problems, 2000 if label == "Deskripsi KIM" else limit)
        if kim.logo:
            logo = os.path.normpath(os.path.join(kim.folder, kim.logo))
            if not logo.startswith(kim.folder + os.sep) or logo not in files.assets:
                problems.add(
                    profile,
                    f'Logo "{kim.logo}" harus berkas gambar yang sah di dalam folder KIM ini.',
                    "Simpan logo (misalnya logo.svg atau logo.png) di folder KIM dan tulis `logo: logo.png`.",
                )
