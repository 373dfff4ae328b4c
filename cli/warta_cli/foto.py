"""``kim foto [BERKAS...]``: make committed photos small and private before they bloat the repository.

Each raster under ``content/kim/`` (or each file named) is rewritten in
place when it needs it: orientation applied to the pixels, long edge at
most 2048 px, every piece of metadata dropped (GPS position, camera model,
XMP, ICC profile, comments, PNG text chunks). A HEIC photo is saved beside
itself as JPEG. Everything ``kim periksa`` refuses as private
(``warta_core.photo_privacy``) counts as work, so after ``kim foto`` the check
passes. Running it twice changes nothing the second time; ``--periksa`` only
lists. :func:`cleaned_blob` does the same for a blob of git history.
"""

from __future__ import annotations

import argparse
import io
import os
import sys

from PIL import Image

from warta_core.files import IMAGE_KINDS, image_kind
from warta_core.image_check import decode_problem, inspect_raster
from warta_core.photo_privacy import private_metadata
from warta_images.encode import FULL_EDGE, FULL_FORMAT, open_photo, save

PHOTO_QUALITY = 85
PHOTOS = {"jpeg", "png", "webp", "heif"}  # GIF is left alone: rewriting would drop its animation
METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "photoshop", "dpi", "Software")


def add_parser(commands) -> None:
    """Register the ``foto`` sub-command."""
    parser = commands.add_parser(
        "foto",
        help="rapikan foto: perkecil (sisi terpanjang 2048 piksel), putar sesuai ponsel, buang data lokasi",
        description=(
            "Merapikan foto di folder KIM: memutar sesuai arah ponsel, memperkecil sampai sisi terpanjang "
            f"{FULL_EDGE} piksel, dan membuang semua data tersembunyi (lokasi GPS, merek ponsel). "
            "Tanpa nama berkas, semua foto di content/kim/ diperiksa."
        ),
    )
    parser.add_argument("berkas", nargs="*", metavar="BERKAS", help="foto yang dirapikan (bawaan: semua foto KIM)")
    parser.add_argument(
        "--periksa",
        action="store_true",
        help="jangan mengubah apa pun; keluar dengan kode 1 bila ada foto yang perlu dirapikan",
    )
    parser.set_defaults(run=run)


def _photos(content: str, named: list[str]) -> list[str]:
    if named:
        return named
    found = []
    for folder, _dirs, files in os.walk(os.path.join(content, "kim")):
        found += [os.path.join(folder, f) for f in files if IMAGE_KINDS.get(os.path.splitext(f)[1].lower()) in PHOTOS]
    return sorted(found)


def needs_work(path: str, private: tuple[str, ...] = ()) -> str | None:
    """Why a photo should be rewritten (in Indonesian), or None when it is already tidy.

    ``private`` is what the check found (``inspect_raster``); any other metadata is work too.
    """
    with Image.open(path) as image:
        reasons = []
        if max(image.size) > FULL_EDGE:
            reasons.append(f"{image.width}×{image.height} piksel")
        if image.getexif().get(0x0112, 1) != 1:
            reasons.append("perlu diputar")
        if private:
            reasons.append(f"berisi data pribadi: {', '.join(private)}")
        elif image.getexif() or any(image.info.get(key) for key in METADATA_KEYS):
            reasons.append("berisi data tersembunyi lain (misalnya arah putar atau profil warna)")
        if image.format == "HEIF":
            reasons.append("format HEIC")
    return ", ".join(reasons) or None


def tidied(path: str) -> tuple[bytes, str]:
    """The tidy form of a photo (orientation applied, long edge ≤ 2048, no metadata) and its image kind.

    A GIF comes back as it is (rewriting it would drop its animation).
    """
    with open(path, "rb") as handle:
        data = handle.read()
    kind = image_kind(path, data[:16]) or "jpeg"
    if kind not in PHOTOS:
        return data, kind
    image = open_photo(path)
    if max(image.size) > FULL_EDGE:
        image.thumbnail((FULL_EDGE, FULL_EDGE), Image.Resampling.LANCZOS)
    return save(image, FULL_FORMAT[kind], PHOTO_QUALITY), kind


def tidy(path: str) -> str:
    """Rewrite one photo in place (HEIC: a JPEG beside it); the path written."""
    data, kind = tidied(path)
    target = os.path.splitext(path)[0] + ".jpg" if kind == "heif" else path
    temporary = f"{target}.{os.getpid()}.tmp"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, target)
    return target


def run(args: argparse.Namespace) -> int:
    """Tidy (or with ``--periksa`` list) every photo; exit code 1 on unreadable files or, when listing, on work left."""
    failed = pending = 0
    for path in _photos(args.content, args.berkas):
        if not os.path.isfile(path):
            print(f"{path}: berkas tidak ditemukan.", file=sys.stderr)
            failed += 1
            continue
        problem, _pixels, private = inspect_raster(path)
        if problem:
            print(f"{path}: gambar ini {problem}. Simpan ulang dari aplikasi galeri, lalu coba lagi.", file=sys.stderr)
            failed += 1
            continue
        reason = needs_work(path, private)
        if reason is None:
            continue
        pending += 1
        if args.periksa:
            print(f"{path}: perlu dirapikan ({reason}). Jalankan `kim foto {path}`.")
            continue
        before = os.path.getsize(path)
        target = tidy(path)
        after = os.path.getsize(target)
        print(f"{target}: dirapikan ({reason}); {before / 1024:.0f} KB menjadi {after / 1024:.0f} KB.")
        if target != path:
            print(f"  Ganti `{os.path.basename(path)}` dengan `{os.path.basename(target)}` di berita, lalu hapus "
                  "berkas HEIC-nya.")  # fmt: skip
    if not pending and not failed:
        print("Semua foto sudah rapi.")
    return 1 if failed or (args.periksa and pending) else 0


def bring_in(source: str, folder: str, stem: str) -> str:
    """Copy a writer's photo into a KIM's ``gambar/`` folder, tidied; return its file name there.

    Used by ``kim berita-baru --gambar``: the repository only ever receives the small, clean copy
    (JPEG, or PNG for pictures with transparency). The name is ``stem`` plus a number when taken.
    """
    problem = decode_problem(source) if os.path.isfile(source) else "tidak ditemukan"
    if problem:
        raise ValueError(f"Foto {source} {problem}.")
    image = open_photo(source)
    if max(image.size) > FULL_EDGE:
        image.thumbnail((FULL_EDGE, FULL_EDGE), Image.Resampling.LANCZOS)
    fmt = "PNG" if image.mode == "RGBA" else "JPEG"
    extension = ".png" if fmt == "PNG" else ".jpg"
    os.makedirs(folder, exist_ok=True)
    name, number = f"{stem}{extension}", 2
    while os.path.exists(os.path.join(folder, name)):
        name, number = f"{stem}-{number}{extension}", number + 1
    with open(os.path.join(folder, name), "xb") as handle:
        handle.write(save(image, fmt, PHOTO_QUALITY))
    return name


HISTORY_FORMAT = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "heif": "HEIF"}  # a blob keeps its format


def cleaned_blob(data: bytes) -> bytes | None:
    """The photo in ``data`` tidied, in its own format, when it carries private metadata; else None.

    For ``git filter-repo --blob-callback`` (docs/user-guide/photos.md): a blob has no name, so its kind
    comes from its first bytes, and it keeps its format, so every old commit still passes the signature
    check. Blobs that are not photos, cannot be read, or carry nothing private come back as None.
    """
    kind = image_kind("", data[:16])
    if kind not in HISTORY_FORMAT:
        return None
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format == "PNG":
                image.load()  # its text chunks may follow the pixels; other formats hold metadata in the header
            if not private_metadata(image):
                return None
        image = open_photo(data)
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, Image.DecompressionBombError):
        return None
    if max(image.size) > FULL_EDGE:
        image.thumbnail((FULL_EDGE, FULL_EDGE), Image.Resampling.LANCZOS)
    if kind != "heif":
        return save(image, HISTORY_FORMAT[kind], PHOTO_QUALITY)
    buffer = io.BytesIO()
    image.info = {}
    image.save(buffer, "HEIF", quality=PHOTO_QUALITY)
    return buffer.getvalue()
