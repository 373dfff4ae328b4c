"""One article file: read, give meaning to its header, and check it.

``read_article`` is the single place where an article's metadata is
understood. The checker (``kim periksa``) and the Pelican reader both use it, so
what passes the check is exactly what the build publishes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field

from .aspirations import Aspiration, AspirationChecks, FollowUp
from .corrections import Correction, CorrectionChecks, ReplyTo
from .dates import has_time, parse_date, timezone_for_region, untimed
from .desa_field import DESA_HINTS, DesaChecks
from .diagnoses import FieldNameChecks, misread_header
from .factcheck import FactCheck, FactCheckChecks
from .files import Inventory, read_text
from .limits import EARLIEST_YEAR, RETYPE_HINT, SCHEDULE_AHEAD, SLUG_LENGTH, hidden_characters_message
from .metadata import DRAFT, PUBLISHED, SCHEDULED, STATUSES, Header, parse_header
from .network import Network
from .personal_numbers import refuse_personal_numbers
from .pinning import PinChecks
from .problems import ProblemList
from .profiles import KimProfile
from .references import ReferenceChecks
from .regions import Region
from .text import slugify, suggestion
from .topics import topic_names
from .withdrawals import Withdrawal, WithdrawalChecks

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-?")
DATE_HINT = "Tulis seperti 2024-03-05 09:30 atau 5 Maret 2024."
TEXT_FIELDS = {
    "title": "Judul", "author": "Penulis", "summary": "Ringkasan", "image_alt": "Deskripsi-Gambar",
    "slug": "Slug", "feed_id": "ID", "topics": "Topik", "desa": "Desa",
}  # fmt: skip


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
    body_images: dict[str, str] = field(default_factory=dict)  # as written -> checked {static}/{filename} address
    factcheck: FactCheck | None = None  # an article with Klaim: warta_core.factcheck
    timed: bool = True  # False when Tanggal gives the day only: pages show no time (warta_core.dates.untimed)
    corrections: tuple[Correction, ...] = ()  # Ralat notes, oldest first: warta_core.corrections
    reply: ReplyTo | None = None  # Hak-Jawab-Untuk/-Dari: this article answers another
    pinned_until: dt.date | None = None  # leads the home page up to this day (Sematkan: warta_core.pinning)
    withdrawal: Withdrawal | None = None  # Dicabut: only title, dates and reason stay (warta_core.withdrawals)
    unverified: bool = False  # Perlu-Verifikasi: ya, a visible "masih perlu verifikasi" label
    aspiration: Aspiration | None = None  # an article with Aspirasi: warta_core.aspirations
    followup: FollowUp | None = None  # Tindak-Lanjut-Aspirasi: this story follows up an aspiration


def kim_of_path(path: str, network: Network) -> str | None:
    """Slug of the KIM folder holding ``path``, or None when outside any."""
    rel = os.path.relpath(path, network.kim_root)
    parts = rel.split(os.sep)
    if rel.startswith("..") or len(parts) < 2:
        return None
    return parts[0]


def read_article(
    path: str, network: Network, problems: ProblemList, now: dt.datetime, files: Inventory
) -> ArticleSource | None:
    """Read and check one article; None when it has errors (all recorded)."""
    text = read_text(path, problems)
    if text is None:
        return None
    header = parse_header(text)
    kim_slug = kim_of_path(path, network)
    kim = network.kims.get(kim_slug or "")
    misread = misread_header(text, header)  # a blank first line, `# Judul:`: not "Judul berita belum diisi"
    if misread:
        problems.add(path, misread.message, misread.hint, line=misread.line)
    article = None if misread else _ArticleChecker(path, header, kim, network, problems, now, files).run()
    if header.error is None and refuse_personal_numbers(
        path, text, header.value("not_personal"), header.line("not_personal"), problems, "berita"
    ):
        return None  # anywhere in the file (header, body, image descriptions): see warta_core.personal_numbers
    return article


class _ArticleChecker(
    FieldNameChecks, ReferenceChecks, FactCheckChecks, PinChecks, CorrectionChecks, WithdrawalChecks, DesaChecks,
    AspirationChecks,
):  # fmt: skip
    """Checks the fields of one header; one method per field."""

    def __init__(
        self,
        path: str,
        header: Header,
        kim: KimProfile | None,
        network: Network,
        problems: ProblemList,
        now: dt.datetime,
        files: Inventory,
    ) -> None:
        self.path = path
        self.files = files
        self.limits = network.info.limits
        self.header = header
        self.kim = kim
        self.network = network
        self.problems = problems
        self.now = now
        self.tz = timezone_for_region(kim.desa.code) if kim else timezone_for_region("")
        self.failed = False
        self.desa_hints_left = DESA_HINTS  # spelling suggestions for unknown desa names in this header

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
        self.check_characters()
        title = self.title()
        date = self.date("date", required=True)
        modified = self.date("modified", required=False)
        status, scheduled = self.status(date)
        topics = self.topics()
        desa = self.desa()
        image, image_alt = self.cover()
        body_images = self.body_images()
        slug = self.slug(title)
        factcheck = self.factcheck(topics, date, status)  # may add the cek-fakta topic
        corrections, reply = self.corrections(date), self.reply()
        pinned_until = self.pinned_until(date)
        withdrawal, unverified = self.withdrawal(date, status), self.needs_verification()
        aspiration = self.aspiration(date, desa, self.kim.desa.code if self.kim else "", topics)
        followup = self.followup()
        if self.failed or self.kim is None or date is None:
            return None
        return ArticleSource(
            path=self.path,
            kim=self.kim,
            slug=slug,
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
            timed=has_time(header.value("date")),
            modified=modified,
            scheduled=scheduled,
            body_images=body_images,
            factcheck=factcheck,
            corrections=corrections,
            reply=reply,
            pinned_until=pinned_until,
            withdrawal=withdrawal,
            unverified=unverified,
            aspiration=aspiration,
            followup=followup,
        )

    def title(self) -> str:
        title = self.header.value("title")
        if not title:
            self.error(
                "Judul berita belum diisi.",
                "Tambahkan baris `Judul: ...` di bagian paling atas berkas.",
                self.header.line("title") or 1,
            )
        elif len(title) > self.limits.panjang_judul:
            self.error(
                f"Judul terlalu panjang ({len(title)} huruf; batasnya {self.limits.panjang_judul}).",
                "Pendekkan judulnya; rincian cerita ditulis di isi berita.",
                self.header.line("title"),
            )
        return title

    def check_characters(self, fields: dict[str, str] = TEXT_FIELDS) -> None:
        """Header fields are shown as text everywhere: no control or bidi-override characters."""
        for name, label in fields.items():
            message = hidden_characters_message(f"Kolom {label}", self.header.value(name))
            if message:
                self.error(message, RETYPE_HINT.format(what="isi kolom ini"), self.header.line(name))

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
        if parsed is not None and name == "date" and not has_time(written):  # a time keeping feed ids unique
            stem = _DATE_PREFIX.sub("", os.path.splitext(os.path.basename(self.path))[0])
            parsed = untimed(parsed, slugify(self.header.value("slug") or stem))
        if parsed is None:
            self.error(f'{label} "{written}" tidak bisa dibaca.', DATE_HINT, self.header.line(name))
        elif parsed.year < EARLIEST_YEAR or (name == "modified" and parsed > self.now + SCHEDULE_AHEAD):
            self.out_of_range(label, parsed, name)
            return None
        return parsed

    def out_of_range(self, label: str, date: dt.datetime, name: str) -> None:
        self.error(
            f"{label} {date.date().isoformat()} di luar rentang yang masuk akal "
            f"({EARLIEST_YEAR} sampai setahun ke depan).",
            f"Periksa tahunnya. {DATE_HINT}",
            self.header.line(name),
        )

    def status(self, date: dt.datetime | None) -> tuple[str, bool]:
        written = self.header.value("status").lower() or "terbit"
        status = STATUSES.get(written)
        if status is None:
            self.error(
                f'Status "{written}" tidak dikenal.',
                "Pilih salah satu: terbit, draf, atau terjadwal.",
                self.header.line("status"),
            )
            return DRAFT, False
        if status == SCHEDULED:
            if date is not None and date > self.now + SCHEDULE_AHEAD:
                self.out_of_range("Tanggal", date, "date")
            return (DRAFT if date is not None and date > self.now else PUBLISHED), True
        if status == PUBLISHED and date is not None and self.in_future(date):
            written = f"{date:%Y-%m-%d %H:%M}" if has_time(self.header.value("date")) else f"{date:%Y-%m-%d}"
            self.error(
                f"Tanggal {written} masih di masa depan, padahal status berita terbit.",
                "Perbaiki tanggalnya, atau tulis `Status: terjadwal` agar berita tampil otomatis pada tanggal itu.",
                self.header.line("date"),
            )
        return status, False

    def in_future(self, date: dt.datetime) -> bool:
        """Whether a published article's date is still to come.

        A date written without a time is only from the next day on: the time derived for it (within the day's
        first hour) must not hold back a story dated today.
        """
        if has_time(self.header.value("date")):
            return date > self.now
        return date.date() > self.now.astimezone(date.tzinfo).date()

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
        names = topic_names(self.network.topics)  # slug, label or alias; suggestions by spelling or meaning
        for item in written:
            slug = names.get(slugify(item))
            if slug is None:
                meant = suggestion(item, names)
                hint = f'Mungkin maksud Anda "{meant}"? ' if meant else ""
                self.error(
                    f'Topik "{item}" tidak dikenal.',
                    f"{hint}Pilih dari: {', '.join(self.network.topics)} (lihat content/_data/topik.yml).",
                    self.header.line("topics"),
                )
            elif slug not in slugs:
                slugs.append(slug)
        return slugs

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
            slug = slugify(written)
            if len(slug) > SLUG_LENGTH:
                self.error(
                    f"Slug terlalu panjang ({len(slug)} huruf; batasnya {SLUG_LENGTH}).",
                    "Pakai beberapa kata kunci saja, misalnya `posyandu-bagelen`.",
                    self.header.line("slug"),
                )
        else:
            stem = os.path.splitext(os.path.basename(self.path))[0]
            slug = slugify(_DATE_PREFIX.sub("", stem)) or slugify(title)
            if len(slug) > SLUG_LENGTH:  # derived from a long title: cut at a word, the title itself is kept
                slug = slug[: SLUG_LENGTH + 1].rsplit("-", 1)[0][:SLUG_LENGTH].strip("-")
        if not slug:
            self.error(
                "Alamat (slug) berita tidak bisa dibuat dari nama berkas maupun judulnya.",
                "Isi kolom `Slug:` dengan huruf latin kecil dan tanda hubung, misalnya `slug: panen-raya`.",
                self.header.line("slug") or 1,
            )
        return slug
