"""What may leave ``content/`` for the public site: an allowlist of kinds.

Every file and folder below ``content/kim/`` and ``content/pages/`` is
classified here, without following any symlink. A file is an article, a
page, a KIM profile or an image of a known kind whose bytes match its
extension; anything else (symlinks, hidden files and folders, editor
backups, documents, files without an extension, Markdown spelled in a way
Pelican reads but we do not) is a problem with its path and what to do.
The build publishes only what this inventory lists (``assets``), so a file
the check did not see cannot reach the output.

Names travel too: every file and folder name below ``kim/`` and ``pages/``
becomes part of a URL and an output path that ``ghp-import`` hands to
``git fast-import`` unquoted, so a name outside the alphabet of
:mod:`.names` (a newline, a quote, a space, upper case…) is refused with a
safe name to use instead; and two sources that would be published at one
path are refused by :mod:`.published`.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field

from .image_check import FIX_COMMAND, inspect_raster
from .limits import Limits
from .names import ALPHABET_TEXT, free_name, name_is_safe, shown_name, suggested_name, unsafe_reason
from .problems import WARNING, ProblemList
from .published import output_collisions
from .svg import svg_problems
from .text import SLUG

KIM_DIR = "kim"
PAGES_DIR = "pages"
PROFILE_FILE = "kim.yml"
ARTICLE_EXTENSIONS = (".md", ".markdown")  # exactly these, in lower case: one reader path for every source
# Extensions some reader (Pelican's or an editor's) treats as text to publish; they get a "rename" hint.
SOURCE_LIKE = {
    ".mkd", ".mdown", ".mdwn", ".mkdn", ".mdtxt", ".mdtext", ".text", ".txt", ".rst", ".html", ".htm",
    ".xhtml", ".doc", ".docx", ".odt", ".rtf", ".pdf",
}  # fmt: skip
RASTER_SIGNATURES = {
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),  # plus "WEBP" at offset 8, checked below
}
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}  # at offset 8, after "ftyp"
IMAGE_KINDS = {
    ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".gif": "gif", ".webp": "webp", ".svg": "svg",
    ".heic": "heif", ".heif": "heif",
}  # fmt: skip
PLACEHOLDERS = {".gitkeep"}  # empty files that keep an empty folder in git; never published, nothing lost
IMAGE_HINT = "Simpan gambar sebagai .jpg, .png, .gif, .webp, .heic, atau .svg di folder `gambar/` KIM Anda."


@dataclass
class Inventory:
    """Sources to read and files to publish, by absolute path, after the allowlist."""

    articles: list[str] = field(default_factory=list)  # Markdown below a KIM folder
    pages: list[str] = field(default_factory=list)  # Markdown in content/pages/
    assets: dict[str, str] = field(default_factory=dict)  # path -> kind: "jpeg", "png", "gif", "webp", "heif", "svg"
    misplaced: list[str] = field(default_factory=list)  # Markdown outside any KIM folder and pages/
    pixels: dict[str, int] = field(default_factory=dict)  # raster image path -> its pixel count

    def asset_kind(self, path: str) -> str | None:
        """Kind of a publishable file, or None when ``path`` is not one."""
        return self.assets.get(path)


def image_kind(path: str, head: bytes) -> str | None:
    """The raster kind ``head`` (the first bytes of the file) really is, or None."""
    for kind, signatures in RASTER_SIGNATURES.items():
        if head.startswith(signatures) and (kind != "webp" or head[8:12] == b"WEBP"):
            return kind
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return "heif"
    return None


def _read_head(path: str, size: int) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(size)


# A word-processor file renamed to .md, by its first bytes: re-saving it "as UTF-8" cannot help, saving as text can.
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _document_kind(raw: bytes) -> str | None:
    """Which document ``raw`` is (``Word (.docx)``, ``Word (.doc)``, OpenDocument, RTF); None for anything else."""
    if raw.startswith(_ZIP):
        return "OpenDocument (.odt)" if b"opendocument.text" in raw[:200] else "Word (.docx)"
    if raw.startswith(_OLE):
        return "Word (.doc)"
    return "RTF (.rtf)" if raw.startswith(b"{\\rtf") else None


def read_text(path: str, problems: ProblemList) -> str | None:
    """A source file as text (UTF-8, BOM allowed); None with a problem when unreadable."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        problems.add(path, f"Berkas tidak bisa dibaca ({error.strerror}).")
        return None
    kind = _document_kind(raw)
    if kind:
        problems.add(
            path,
            f"Berkas ini dokumen {kind} yang namanya diganti menjadi .md, bukan berkas teks.",
            "Buka dokumennya di Word atau LibreOffice, pilih Simpan Sebagai (Save As) dengan jenis "
            "Teks Biasa (.txt) dan pengodean UTF-8, lalu ganti akhiran namanya menjadi .md. "
            "Lebih mudah: salin isinya ke penyunting web atau ke berkas baru dari `kim berita-baru`.",
            line=1,
        )
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.add(
            path,
            "Berkas bukan teks UTF-8 yang sah (ada huruf yang rusak).",
            "Simpan ulang berkas dengan pengodean UTF-8 di penyunting teks Anda.",
            line=raw[: error.start].count(b"\n") + 1,
        )
        return None


class _Walker:
    """Classifies one tree; one method per kind of entry."""

    def __init__(self, content: str, limits: Limits, problems: ProblemList) -> None:
        self.content = content
        self.limits = limits
        self.problems = problems
        self.inventory = Inventory()
        self.suggested: dict[str, set[str]] = {}  # folder -> names already suggested there

    def walk(self) -> Inventory:
        for name in sorted(os.listdir(self.content)):
            path = os.path.join(self.content, name)
            if name.startswith("_") and not os.path.islink(path):
                continue  # network data and caches (_data, _mitra): read by their own checks, never copied
            if not self.entry_allowed(path, name):
                continue
            if os.path.isdir(path):
                self.folder(path, top=name)
            else:
                self.stray_file(path)
        return self.inventory

    def entry_allowed(self, path: str, name: str) -> bool:
        """Refuse symlinks, hidden names and over-long names; True when the entry may be looked at."""
        if os.path.islink(path):
            self.problems.add(
                path,
                f'"{shown_name(name)}" adalah tautan simbolik (symlink) ke "{shown_name(os.readlink(path))}"; '
                "tautan tidak diterbitkan.",
                "Hapus tautannya dan simpan berkas aslinya di folder KIM Anda.",
            )
            return False
        if name.startswith(".") and name not in PLACEHOLDERS:
            self.problems.add(
                path,
                f'"{shown_name(name)}" tersembunyi (namanya diawali titik), '
                "jadi tidak diperiksa dan tidak diterbitkan.",
                "Ganti namanya tanpa titik di depan bila isinya harus terbit, atau hapus dari folder konten.",
            )
            return False
        if len(name.encode("utf-8", "surrogateescape")) > self.limits.panjang_nama_berkas:
            self.problems.add(
                path,
                f"Nama berkas atau folder terlalu panjang ({len(name)} huruf).",
                f"Pendekkan namanya menjadi paling banyak {self.limits.panjang_nama_berkas} huruf.",
            )
            return False
        return True

    def name_allowed(self, path: str, name: str, what: str = "berkas") -> bool:
        """Refuse a name outside the alphabet of :mod:`.names`, suggesting a safe one no sibling has."""
        if name_is_safe(name):
            return True
        folder = os.path.dirname(path)
        suggested = self.suggested.setdefault(folder, set())
        suggestion = free_name(name, set(os.listdir(folder)) | suggested)
        suggested.add(suggestion)
        taken = suggested_name(name)
        note = "" if suggestion == taken else f' ("{taken}" sudah dipakai di folder yang sama)'
        self.problems.add(
            path,
            f'Nama {what} "{shown_name(name)}" tidak aman untuk diterbitkan ({unsafe_reason(name)}).',
            f'Ganti namanya menjadi "{suggestion}"{note}. Nama berkas dan folder hanya boleh berisi '
            f"{ALPHABET_TEXT}, diawali huruf atau angka.",
        )
        return False

    def folder(self, folder: str, top: str) -> None:
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if not self.entry_allowed(path, name):
                continue
            mode = os.lstat(path).st_mode
            if stat.S_ISDIR(mode):
                if top in (KIM_DIR, PAGES_DIR) and not self.folder_name_allowed(path, name, top):
                    continue  # nothing below a refused folder is published
                self.folder(path, top)
            elif not stat.S_ISREG(mode):
                self.problems.add(
                    path, "Ini bukan berkas biasa (pipa, soket, atau perangkat).", "Hapus dari folder konten."
                )
            elif top == KIM_DIR:
                self.kim_file(path, name)
            elif top == PAGES_DIR:
                self.page_file(path, name)
            else:
                self.stray_file(path)

    def folder_name_allowed(self, path: str, name: str, top: str) -> bool:
        """A KIM folder's name is its slug, refused by the profile check (``profiles``) when not one."""
        kim_folder = top == KIM_DIR and os.path.dirname(path) == os.path.join(self.content, KIM_DIR)
        if kim_folder and not SLUG.match(name):
            return False
        return self.name_allowed(path, name, "folder")

    def stray_file(self, path: str) -> None:
        """A file outside kim/ and pages/: Markdown there is a misplaced article, anything else is unpublished."""
        extension = os.path.splitext(path)[1]
        if os.path.basename(path) in PLACEHOLDERS:
            return
        if extension in ARTICLE_EXTENSIONS:
            self.inventory.misplaced.append(path)
            return
        self.problems.add(
            path,
            "Berkas ini berada di luar folder KIM dan folder pages/, jadi tidak diterbitkan.",
            "Pindahkan ke folder KIM pemiliknya (content/kim/<nama-kim>/), atau hapus.",
        )

    def kim_file(self, path: str, name: str) -> None:
        folder = os.path.dirname(path)
        extension = os.path.splitext(name)[1]
        if name in PLACEHOLDERS:
            return
        if name == PROFILE_FILE and os.path.dirname(folder) == os.path.join(self.content, KIM_DIR):
            return  # the profile, checked by profiles.py
        if extension in ARTICLE_EXTENSIONS:
            if self.name_allowed(path, name) and self.source_size_ok(path):
                self.inventory.articles.append(path)
            return
        kind = IMAGE_KINDS.get(extension.lower())
        if kind is not None:
            if self.name_allowed(path, name):
                self.image(path, kind)
            return
        self.not_allowed(path, name, extension)

    def page_file(self, path: str, name: str) -> None:
        extension = os.path.splitext(name)[1]
        if name in PLACEHOLDERS:
            return
        if extension in ARTICLE_EXTENSIONS:
            if self.name_allowed(path, name) and self.source_size_ok(path):
                self.inventory.pages.append(path)
            return
        self.not_allowed(path, name, extension)

    def not_allowed(self, path: str, name: str, extension: str) -> None:
        lowered = extension.lower()
        if lowered in ARTICLE_EXTENSIONS or lowered in SOURCE_LIKE:
            markdown = free_name(os.path.splitext(name)[0] + ".md", os.listdir(os.path.dirname(path)))
            self.problems.add(
                path,
                f"Berkas {shown_name(extension or name)} tidak dibaca sebagai berita atau halaman, "
                "jadi tidak diterbitkan.",
                f"Simpan tulisan sebagai Markdown dengan akhiran .md huruf kecil, misalnya `{markdown}`.",
            )
            return
        what = f"Berkas berakhiran {shown_name(extension)}" if extension else "Berkas tanpa akhiran nama"
        self.problems.add(
            path,
            f"{what} tidak termasuk jenis yang boleh terbit (berita .md, profil kim.yml, gambar), "
            "jadi tidak disalin ke portal.",
            f"Hapus berkas ini dari folder konten (salinan cadangan, dokumen kerja, dan draf lain tidak "
            f"diterbitkan). {IMAGE_HINT}",
        )

    def source_size_ok(self, path: str) -> bool:
        size = os.path.getsize(path)
        if size > self.limits.article_bytes:
            self.problems.add(
                path,
                f"Berkas tulisan terlalu besar ({size / 1024**2:.1f} MB; batasnya {self.limits.ukuran_berita_kb} KB).",
                "Satu berita cukup beberapa halaman teks. Pecah menjadi beberapa berita, dan simpan gambar sebagai "
                "berkas gambar terpisah, bukan di dalam teks.",
            )
            return False
        return True

    def image(self, path: str, kind: str) -> None:
        size = os.path.getsize(path)
        limit = self.limits.svg_bytes if kind == "svg" else self.limits.image_bytes
        if size > limit:
            self.problems.add(
                path,
                f"Gambar terlalu besar ({size / 1024**2:.1f} MB; batasnya {limit // 1024} KB).",
                "Perkecil ukuran gambar (misalnya lebar 2000 piksel) lalu simpan ulang"
                + ("." if kind == "svg" else f", atau jalankan `{FIX_COMMAND} {os.path.basename(path)}`."),
            )
            return
        if kind == "svg":
            reason = svg_problems(_read_head(path, size))
            if reason:
                self.problems.add(
                    path,
                    f"Gambar SVG ini {reason}, jadi tidak aman diterbitkan.",
                    "Simpan ulang gambar sebagai SVG polos (tanpa skrip, tautan, atau gambar dari situs lain), "
                    "atau sebagai .png/.jpg.",
                )
                return
        else:
            actual = image_kind(path, _read_head(path, 16))
            if actual != kind:
                found = f"berkas {actual.upper()}" if actual else "bukan gambar yang dikenal"
                self.problems.add(
                    path,
                    f"Isi berkas ini {found}, tidak cocok dengan akhiran namanya.",
                    "Buka gambarnya di aplikasi galeri atau penyunting gambar, lalu simpan ulang sebagai .jpg atau "
                    ".png. Berkas lain yang diberi nama gambar tidak diterbitkan.",
                )
                return
            if not self.raster_decodes(path, size, kind):
                return
        self.inventory.assets[path] = kind

    def raster_decodes(self, path: str, size: int, kind: str) -> bool:
        """Pillow reads the whole image (bounded); private metadata is an error, a large photo a warning.

        A photo refused for its metadata stays in the inventory: it is sound, so an article using it
        gets no second message saying it is missing.
        """
        reason, self.inventory.pixels[path], private = inspect_raster(path, self.limits.image_pixels)
        if reason:
            self.problems.add(
                path,
                f"Gambar ini {reason}.",
                "Buka fotonya di galeri ponsel atau penyunting gambar lalu simpan ulang (atau ambil lagi dari "
                f"berkas aslinya), kemudian jalankan `{FIX_COMMAND}` sebelum mengunggah.",
            )
            return False
        if private:
            self.private_photo(path, kind, private)
        elif size > self.limits.image_warning_bytes:  # `kim foto` for the metadata makes it small too
            self.problems.add(
                path,
                f"Foto ini besar ({size / 1024**2:.1f} MB; disarankan paling besar "
                f"{self.limits.peringatan_gambar_kb // 1024 or 1} MB), sehingga repositori cepat membengkak.",
                f"Jalankan `{FIX_COMMAND}` (memperkecil foto menjadi sisi terpanjang 2048 piksel dan membuang data "
                "lokasi), lalu simpan perubahannya.",
                severity=WARNING,
            )
        return True

    def private_photo(self, path: str, kind: str, private: tuple[str, ...]) -> None:
        """Refuse a photo whose metadata gives away where it was taken or whose camera took it."""
        command = f"{FIX_COMMAND} {os.path.relpath(path, os.path.dirname(self.content))}"
        if kind == "heif":
            jpeg = os.path.splitext(os.path.basename(path))[0] + ".jpg"
            fix = (
                f"Jalankan `{command}`: foto iPhone ini disimpan ulang sebagai `{jpeg}` yang bersih. Ganti nama "
                "berkasnya di berita, hapus berkas HEIC ini, lalu simpan perubahannya."
            )
        else:
            fix = f"Jalankan `{command}` untuk membuang data itu, lalu simpan berkas yang sudah bersih."
        self.problems.add(
            path,
            f"Foto ini menyimpan data pribadi tersembunyi ({', '.join(private)}); berkas aslinya ikut tersimpan "
            "di repositori portal yang bisa dibuka siapa saja.",
            fix,
        )


def inventory(content_path: str, limits: Limits, problems: ProblemList) -> Inventory:
    """Classify every file below ``content_path`` (absolute); problems are added to ``problems``."""
    found = _Walker(content_path, limits, problems).walk()
    output_collisions(found.assets, content_path, problems)
    return found


def article_file_allowed(path: str, content_path: str, limits: Limits, problems: ProblemList) -> bool:
    """The inventory's rules for one article file already in it, after an edit: no symlink, name, size."""
    walker = _Walker(content_path, limits, problems)
    name = os.path.basename(path)
    return walker.entry_allowed(path, name) and walker.name_allowed(path, name) and walker.source_size_ok(path)
