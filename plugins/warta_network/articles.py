"""One article file: read, give meaning to its header, and check it.

``read_article`` is the single place where an article's metadata is
understood. The checker (``kim check``) and the Pelican reader both use it, so
what passes the check is exactly what the build publishes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field

from .dates import parse_date, timezone_for_region
from .metadata import DOCUMENTED_FIELDS, Header, parse_header
from .network import Network
from .problems import ProblemList
from .profiles import KimProfile
from .regions import DESA, Region
from .text import closest, did_you_mean, slugify

STATUSES = {
    "terbit": "published", "published": "published",
    "draf": "draft", "draft": "draft", "konsep": "draft",
    "terjadwal": "scheduled", "scheduled": "scheduled",
}  # fmt: skip
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-?")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REMOTE = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.IGNORECASE)
DATE_HINT = "Tulis seperti 2024-03-05 09:30 atau 5 Maret 2024."


@dataclass
class ArticleSource:
    """An article's metadata, understood and checked, plus its Markdown body."""

    path: str
    kim: KimProfile
    slug: str
    title: str
    date: dt.datetime
    author: str
    topics: list[str]
    desa: list[Region]
    summary: str
    image: str | None  # path relative to the content folder
    image_alt: str
    status: str  # "published" or "draft"
    body: str
    feed_id: str = ""  # permanent id in feeds: the `ID` field, or a tag: URI from KIM and first publication
    modified: dt.datetime | None = None
    scheduled: bool = False
    body_images: dict[str, str] = field(default_factory=dict)  # as written -> content path


def kim_of_path(path: str, network: Network) -> str | None:
    """Slug of the KIM folder holding ``path``, or None when outside any."""
    rel = os.path.relpath(path, network.kim_root)
    parts = rel.split(os.sep)
    if rel.startswith("..") or len(parts) < 2:
        return None
    return parts[0]


def read_article(path: str, network: Network, problems: ProblemList, now: dt.datetime) -> ArticleSource | None:
    """Read and check one article; None when it has errors (all recorded)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        problems.add(path, f"Berkas tidak bisa dibaca ({error.strerror}).")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.add(
            path,
            "Berkas bukan teks UTF-8 yang sah (ada huruf yang rusak).",
            "Simpan ulang berkas dengan pengodean UTF-8 di penyunting teks Anda.",
            line=line,
        )
        return None
    header = parse_header(text)
    kim_slug = kim_of_path(path, network)
    kim = network.kims.get(kim_slug or "")
    return _ArticleChecker(path, header, kim, network, problems, now).run()


class _ArticleChecker:
    """Checks the fields of one header; one method per field."""

    def __init__(
        self,
        path: str,
        header: Header,
        kim: KimProfile | None,
        network: Network,
        problems: ProblemList,
        now: dt.datetime,
    ) -> None:
        self.path = path
        self.header = header
        self.kim = kim
        self.network = network
        self.problems = problems
        self.now = now
        self.tz = timezone_for_region(kim.desa.code) if kim else timezone_for_region("")
        self.failed = False

    def error(self, message: str, hint: str = "", line: int | None = None) -> None:
        self.failed = True
        self.problems.add(self.path, message, hint, line=line)

    def run(self) -> ArticleSource | None:
        header = self.header
        if header.error:
            line, reason = header.error
            self.error(f"Bagian kepala berita (YAML) rusak: {reason}.", "Periksa titik dua dan tanda kutip.", line)
            return None
        self.check_field_names()
        title = self.title()
        date = self.date("date", required=True)
        modified = self.date("modified", required=False)
        status, scheduled = self.status(date)
        topics = self.topics()
        desa = self.desa()
        image, image_alt = self.cover()
        body_images = self.body_images()
        if self.failed or self.kim is None or date is None:
            return None
        return ArticleSource(
            path=self.path,
            kim=self.kim,
            slug=self.slug(title),
            title=title,
            date=date,
            author=header.value("author") or self.kim.name,
            topics=topics,
            desa=desa,
            summary=header.value("summary"),
            image=image,
            image_alt=image_alt,
            status=status,
            body=header.body,
            feed_id=self.feed_id(date),
            modified=modified,
            scheduled=scheduled,
            body_images=body_images,
        )

    def check_field_names(self) -> None:
        known = DOCUMENTED_FIELDS
        for raw in self.header.unknown:
            self.problems.add(
                self.path,
                f'Kolom "{raw.name}" tidak dikenal dan diabaikan.',
                did_you_mean(raw.name, known) or f"Kolom yang dikenal: {', '.join(known)}.",
                line=raw.line,
                severity="peringatan",
            )
        for raw in self.header.duplicates:
            self.error(f'Kolom "{raw.name}" ditulis dua kali.', "Hapus salah satunya.", raw.line)

    def title(self) -> str:
        title = self.header.value("title")
        if not title:
            self.error(
                "Judul berita belum diisi.",
                "Tambahkan baris `Judul: ...` di bagian paling atas berkas.",
                self.header.line("title") or 1,
            )
        return title

    def date(self, name: str, *, required: bool) -> dt.datetime | None:
        written = self.header.value(name)
        label = "Tanggal" if name == "date" else "Diperbarui"
        if not written:
            if required:
                self.error(
                    "Tanggal berita belum diisi.",
                    "Tambahkan baris `Tanggal: 2024-03-05 09:30` di bagian atas berkas.",
                    self.header.line(name) or 1,
                )
            return None
        parsed = parse_date(written, self.tz)
        if parsed is None:
            self.error(f'{label} "{written}" tidak bisa dibaca.', DATE_HINT, self.header.line(name))
        return parsed

    def status(self, date: dt.datetime | None) -> tuple[str, bool]:
        written = self.header.value("status").lower() or "terbit"
        status = STATUSES.get(written)
        if status is None:
            self.error(
                f'Status "{written}" tidak dikenal.',
                "Pilih salah satu: terbit, draf, atau terjadwal.",
                self.header.line("status"),
            )
            return "draft", False
        if status == "scheduled":
            return ("draft" if date is not None and date > self.now else "published"), True
        if status == "published" and date is not None and date > self.now:
            self.error(
                f"Tanggal {date:%Y-%m-%d %H:%M} masih di masa depan, padahal status berita terbit.",
                "Perbaiki tanggalnya, atau tulis `Status: terjadwal` agar berita tampil otomatis pada tanggal itu.",
                self.header.line("date"),
            )
        return status, False

    def topics(self) -> list[str]:
        written = [t.strip() for t in re.split(r"[,;]", self.header.value("topics")) if t.strip()]
        if not written:
            self.error(
                "Topik berita belum diisi.",
                f"Tambahkan `Topik: ...` dengan satu atau lebih dari: {', '.join(self.network.topics)}.",
                self.header.line("topics") or 1,
            )
            return []
        slugs = []
        labels = {t.label.lower(): slug for slug, t in self.network.topics.items()}
        for item in written:
            slug = item.lower() if item.lower() in self.network.topics else labels.get(item.lower())
            if slug is None:
                suggestion = closest(slugify(item), list(self.network.topics))
                hint = f'Mungkin maksud Anda "{suggestion}"? ' if suggestion else ""
                self.error(
                    f'Topik "{item}" tidak dikenal.',
                    f"{hint}Pilih dari: {', '.join(self.network.topics)} (lihat content/_data/topik.yml).",
                    self.header.line("topics"),
                )
            elif slug not in slugs:
                slugs.append(slug)
        return slugs

    def desa(self) -> list[Region]:
        written = [d.strip() for d in re.split(r"[,;]", self.header.value("desa")) if d.strip()]
        if not written:
            return [self.kim.desa] if self.kim else []
        line = self.header.line("desa")
        registry = self.network.registry
        found: list[Region] = []
        for item in written:
            region = registry.get(item)
            if region is not None and region.level != DESA:
                self.error(
                    f'Kode "{item}" adalah {region.label}, bukan desa/kelurahan.',
                    "Tulis kode desa/kelurahan lengkap, misalnya 18.09.01.2007.",
                    line,
                )
                continue
            if region is None and re.match(r"^\d", item):
                self.error(
                    f'Kode desa "{item}" tidak ada di daftar wilayah jaringan.',
                    "Periksa kodenya di content/_data/wilayah.csv.",
                    line,
                )
                continue
            if region is None:
                region = self._desa_by_name(item, line)
            if region is not None and region not in found:
                found.append(region)
        return found

    def _desa_by_name(self, name: str, line: int | None) -> Region | None:
        if self.kim is None:
            return None
        kabupaten = ".".join(self.kim.desa.code.split(".")[:2])
        kab_label = self.network.registry.get(kabupaten).label
        matches = self.network.registry.villages_named(name, kabupaten)
        if len(matches) == 1:
            return matches[0]
        if not matches:
            self.error(
                f'Desa "{name}" tidak ditemukan di {kab_label}.',
                "Periksa ejaannya, atau tulis kode desanya (lihat content/_data/wilayah.csv).",
                line,
            )
        else:
            options = "; ".join(
                f"{r.code} ({r.label}, {self.network.registry.get(r.parent_code).label})" for r in matches
            )
            self.error(
                f'Nama desa "{name}" ada lebih dari satu di {kab_label}.',
                f"Tulis kodenya: {options}.",
                line,
            )
        return None

    def _local_file(self, written: str) -> str | None:
        """Resolve a path relative to the KIM folder, then to the article's folder."""
        if self.kim is None:
            return None
        for base in (self.kim.folder, os.path.dirname(self.path)):
            candidate = os.path.normpath(os.path.join(base, written))
            if candidate.startswith(self.kim.folder + os.sep) and os.path.isfile(candidate):
                return os.path.relpath(candidate, self.network.content_path)
        return None

    def cover(self) -> tuple[str | None, str]:
        written = self.header.value("image")
        alt = self.header.value("image_alt")
        if not written:
            return None, alt
        line = self.header.line("image")
        if _REMOTE.match(written):
            self.error(
                f'Gambar "{written}" berasal dari situs lain.',
                "Unduh gambarnya (dengan izin), simpan di folder `gambar/` KIM Anda, "
                "lalu tulis `Gambar: gambar/nama-berkas.jpg`.",
                line,
            )
            return None, alt
        path = self._local_file(written)
        if path is None:
            self.error(
                f'Berkas gambar "{written}" tidak ditemukan.',
                "Alamat gambar dihitung dari folder KIM, misalnya `gambar/panen.jpg`. Periksa juga huruf besar/kecil.",
                line,
            )
        if not alt:
            self.error(
                "Gambar sampul belum punya deskripsi untuk pembaca tunanetra.",
                "Tambahkan `Deskripsi-Gambar: ...` yang menjelaskan isi foto dalam satu kalimat.",
                line,
            )
        return path, alt

    def body_images(self) -> dict[str, str]:
        images: dict[str, str] = {}
        for match in _MD_IMAGE.finditer(self.header.body):
            alt, src = match.group(1).strip(), match.group(2)
            line = self.header.body_line + self.header.body.count("\n", 0, match.start())
            if _REMOTE.match(src):
                self.error(
                    f'Gambar di isi berita "{src}" berasal dari situs lain.',
                    "Simpan gambarnya di folder `gambar/` KIM Anda dan tulis `![deskripsi](gambar/nama-berkas.jpg)`.",
                    line,
                )
                continue
            path = self._local_file(src)
            if path is None:
                self.error(
                    f'Berkas gambar "{src}" di isi berita tidak ditemukan.',
                    "Alamat gambar dihitung dari folder KIM, misalnya `gambar/panen.jpg`.",
                    line,
                )
            else:
                images[src] = path
            if not alt:
                self.error(
                    f'Gambar "{src}" di isi berita belum punya deskripsi.',
                    "Tulis deskripsinya di antara kurung siku: `![Warga memanen padi](gambar/panen.jpg)`.",
                    line,
                )
        return images

    def feed_id(self, date: dt.datetime) -> str:
        """Explicit ``ID``, else ``tag:<domain>,<date>:kim/<kim>/<date-time>``.

        Neither title, slug, folder nor the site's address is part of it, so
        feed readers never see a renamed article as a new one.
        """
        written = self.header.value("feed_id")
        if written:
            if not re.match(r"^[a-z][a-z0-9+.-]*:\S+$", written, re.IGNORECASE):
                self.error(
                    f'ID "{written}" bukan URI.',
                    "Kosongkan kolom ID (akan dibuat otomatis), atau tulis URI seperti tag:domain,2024-03-05:nama.",
                    self.header.line("feed_id"),
                )
            return written
        local = date.replace(tzinfo=None)
        return f"tag:{self.network.info.id_domain},{local:%Y-%m-%d}:kim/{self.kim.slug}/{local:%Y%m%dT%H%M%S}"

    def slug(self, title: str) -> str:
        written = self.header.value("slug")
        if written:
            return slugify(written)
        stem = os.path.splitext(os.path.basename(self.path))[0]
        return slugify(_DATE_PREFIX.sub("", stem)) or slugify(title)
