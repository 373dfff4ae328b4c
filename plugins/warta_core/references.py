"""What an article refers to: its cover, inline images and intra-site links.

Every reference must resolve, after ``..`` is followed, inside the article's
own KIM folder, to a file of the allowlist's inventory (an image, or for
``{filename}`` an article). The result maps each reference as written to the
checked Pelican address the sanitiser puts in its place; anything else is an
error here and is neutralised by the sanitiser.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from urllib.parse import unquote

from .files import Inventory
from .links import INTRASITE, REMOTE, IntrasiteLink, body_images, intrasite_links
from .metadata import Header
from .network import Network
from .profiles import KimProfile


class ReferenceChecks:
    """Mixed into the article checker: one method per kind of reference."""

    path: str
    header: Header
    kim: KimProfile | None
    network: Network
    files: Inventory
    error: Callable[..., None]  # the checker's: error(message, hint="", line=None)

    def _inside_kim(self, written: str, base: str) -> str | None:
        """Absolute path of ``written`` under ``base`` when, with ``..`` followed, it stays in this KIM's folder."""
        candidate = os.path.normpath(os.path.join(base, unquote(written)))
        return candidate if self.kim and candidate.startswith(self.kim.folder + os.sep) else None

    def _local_file(self, written: str) -> str | None:
        """An image of this KIM, relative to the KIM folder, then to the article's folder; content-relative."""
        if self.kim is None:
            return None
        for base in (self.kim.folder, os.path.dirname(self.path)):
            candidate = self._inside_kim(written, base)
            if candidate and self.files.asset_kind(candidate):
                return os.path.relpath(candidate, self.network.content_path)
        return None

    def _image_not_found(self, written: str, in_body: bool, line: int | None) -> None:
        if self._inside_kim(written, self.kim.folder) is None:
            message = (
                f'Berkas gambar "{written}" di isi berita berada di luar folder KIM ini.'
                if in_body
                else f'Berkas gambar "{written}" berada di luar folder KIM ini.'
            )
            self.error(
                message, "Gambar berita harus disimpan di folder KIM sendiri, misalnya `gambar/panen.jpg`.", line
            )
            return
        message = (
            f'Berkas gambar "{written}" di isi berita tidak ditemukan.'
            if in_body
            else f'Berkas gambar "{written}" tidak ditemukan.'
        )
        self.error(
            message,
            "Alamat gambar dihitung dari folder KIM, misalnya `gambar/panen.jpg`. Periksa juga huruf besar/kecil; "
            "hanya berkas .jpg, .png, .gif, .webp, dan .svg yang lolos pemeriksaan yang bisa dipakai.",
            line,
        )

    def cover(self) -> tuple[str | None, str]:
        """The cover image (content-relative path) and its description."""
        written = self.header.value("image")
        alt = self.header.value("image_alt")
        if not written:
            return None, alt
        line = self.header.line("image")
        if REMOTE.match(written):
            self.error(
                f'Gambar "{written}" berasal dari situs lain.',
                "Unduh gambarnya (dengan izin), simpan di folder `gambar/` KIM Anda, "
                "lalu tulis `Gambar: gambar/nama-berkas.jpg`.",
                line,
            )
            return None, alt
        path = self._local_file(written)
        if path is None and self.kim is not None:
            self._image_not_found(written, False, line)
        if not alt:
            self.error(
                "Gambar sampul belum punya deskripsi untuk pembaca tunanetra.",
                "Tambahkan `Deskripsi-Gambar: ...` yang menjelaskan isi foto dalam satu kalimat.",
                line,
            )
        return path, alt

    def body_images(self) -> dict[str, str]:
        """Images and intra-site links of the body: as written -> the address the sanitiser puts in their place."""
        local: dict[str, str] = {}
        for image in body_images(self.header.body, self.header.body_line):
            src, line = image.src, image.line
            if src in local or INTRASITE.match(src):
                continue  # already resolved, or an intra-site link resolved below
            if REMOTE.match(src):
                self.error(
                    f'Gambar di isi berita "{src}" berasal dari situs lain.',
                    "Simpan gambarnya di folder `gambar/` KIM Anda dan tulis `![deskripsi](gambar/nama-berkas.jpg)`.",
                    line,
                )
                continue
            path = self._local_file(src)
            if path is None:
                if self.kim is not None:
                    self._image_not_found(src, True, line)
            else:
                local[src] = f"{{static}}/{path}"
            if not image.alt:
                self.error(
                    f'Gambar "{src}" di isi berita belum punya deskripsi.',
                    "Tulis deskripsinya di antara kurung siku: `![Warga memanen padi](gambar/panen.jpg)`"
                    + (', atau isi atribut alt="…".' if image.raw_html else "."),
                    line,
                )
        for link in intrasite_links(self.header.body, self.header.body_line):
            target = self._intrasite_target(link)
            if target:
                local[link.written] = target
        return local

    def _intrasite_target(self, link: IntrasiteLink) -> str | None:
        """``{static}``/``{filename}`` inside this KIM's folder, to an allowed file; anything else is an error."""
        if self.kim is None:
            return None
        if link.what not in ("static", "filename"):
            self.error(
                f'Tautan "{link.written}" tidak didukung.',
                "Untuk gambar tulis `![deskripsi](gambar/nama.jpg)`; untuk berita lain tulis alamat lengkapnya "
                "di portal, misalnya `/kim/nama-kim/judul-berita/`.",
                link.line,
            )
            return None
        path = link.path.split("#", 1)[0].split("?", 1)[0]
        base = self.network.content_path if path.startswith("/") else os.path.dirname(self.path)
        candidate = os.path.normpath(os.path.join(base, unquote(path.lstrip("/"))))
        inside = candidate.startswith(self.kim.folder + os.sep)
        allowed = candidate in self.files.assets if link.what == "static" else candidate in self.files.articles
        if not (inside and allowed):
            self.error(
                f'Tautan "{link.written}" di luar folder KIM ini.'
                if not inside
                else f'Tautan "{link.written}" tidak menunjuk berkas yang lolos pemeriksaan.',
                "Tautan {static} dan {filename} hanya boleh menunjuk gambar atau berita di folder KIM sendiri. "
                "Untuk berita KIM lain, tulis alamatnya di portal, misalnya `/kim/nama-kim/judul-berita/`.",
                link.line,
            )
            return None
        relative = os.path.relpath(candidate, self.network.content_path).replace(os.sep, "/")
        return f"{{{link.what}}}/{relative}{link.path[len(path) :]}"
