"""Bounds on what a writer's file may be, in one place.

Every limit here is checked by ``kim periksa`` before the build reads
anything, so a file that would crash or bloat the build is refused with a
message instead. The network may change the sizes in ``jaringan.yml``
under ``batas:`` (read by the check and the build alike, so they always
agree); the character rules are fixed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields

from .config_options import Int
from .data_options import DataBlock, read_block
from .problems import ProblemList
from .yamlfile import YamlDocument

KIB = 1024
MEGAPIXEL = 1_000_000


@dataclass(frozen=True)
class Limits:
    """Sizes a network may tune in ``jaringan.yml`` (``batas:``), with their defaults."""

    ukuran_berita_kb: int = 1024  # one article or page source
    ukuran_gambar_kb: int = 20 * 1024  # one raster image: refused above (phone photos are 3-10 MB)
    peringatan_gambar_kb: int = 2 * 1024  # one raster image: a warning above (`kim foto` makes it smaller)
    ukuran_svg_kb: int = 512  # one SVG drawing or logo
    panjang_judul: int = 200  # characters of a title
    panjang_nama_berkas: int = 120  # bytes of one file or folder name (UTF-8)
    piksel_gambar_mp: int = 50  # megapixels of one raster image (a phone's 50 MP mode; at most MAX_IMAGE_PIXELS)
    piksel_total_mp: int = 200_000  # megapixels of all raster images together: the decoding one check or build does

    @property
    def article_bytes(self) -> int:
        """Largest article or page source, in bytes."""
        return self.ukuran_berita_kb * KIB

    @property
    def image_bytes(self) -> int:
        """Largest raster image, in bytes."""
        return self.ukuran_gambar_kb * KIB

    @property
    def image_warning_bytes(self) -> int:
        """Raster images above this size get a warning naming `kim foto`."""
        return self.peringatan_gambar_kb * KIB

    @property
    def image_pixels(self) -> int:
        """Most pixels one raster image may have (never above :data:`MAX_IMAGE_PIXELS`)."""
        return min(self.piksel_gambar_mp * MEGAPIXEL, MAX_IMAGE_PIXELS)

    @property
    def total_pixels(self) -> int:
        """Most pixels all raster images of the network may have together."""
        return self.piksel_total_mp * MEGAPIXEL

    @property
    def svg_bytes(self) -> int:
        """Largest SVG file, in bytes."""
        return self.ukuran_svg_kb * KIB


LIMITS_KEY = "batas"
MAX_IMAGE_PIXELS = 120_000_000  # pixels of one image whatever `batas` says (Pillow's bomb limit too)
SLUG_LENGTH = 80  # characters of a slug derived from a title; longer titles are cut at a hyphen
EARLIEST_YEAR = 1945  # nothing a KIM reports predates the Republic; older years are typing mistakes
SCHEDULE_AHEAD = dt.timedelta(days=366)  # `Status: terjadwal` may wait at most about a year

# C0/C1 controls (tab and newlines excepted) break feeds and terminals; bidi overrides, embeddings and
# isolates reorder text so that a title or name can show something other than what it says.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


def forbidden_characters(text: str) -> list[str]:
    """Names (``U+202E``) of the control or bidi characters in ``text``, each once, in order."""
    seen: list[str] = []
    for match in _FORBIDDEN.finditer(text):
        name = f"U+{ord(match.group()):04X}"
        if name not in seen:
            seen.append(name)
    return seen


RETYPE_HINT = "Ketik ulang {what} (karakter seperti itu biasanya ikut tersalin dari aplikasi lain)."


def hidden_characters_message(subject: str, text: str) -> str | None:
    """The check's message when ``text`` (``subject`` names it) holds control or bidi characters, else None."""
    bad = forbidden_characters(text)
    if not bad:
        return None
    return f"{subject} berisi karakter kendali atau pembalik arah teks yang tidak terlihat ({', '.join(bad)})."


def strip_forbidden(text: str) -> str:
    """``text`` without control or bidi characters (for bodies, where they are only removed)."""
    return _FORBIDDEN.sub("", text)


_LIMIT_DOCS = {
    "ukuran_berita_kb": "Largest article or page source, in KB.",
    "ukuran_gambar_kb": "Largest raster image, in KB: refused above (phone photos are 3-10 MB).",
    "peringatan_gambar_kb": "Raster images above this many KB get a warning naming `kim foto`.",
    "ukuran_svg_kb": "Largest SVG drawing or logo, in KB.",
    "panjang_judul": "Characters of a title.",
    "panjang_nama_berkas": "Bytes (UTF-8) of one file or folder name.",
    "piksel_gambar_mp": f"Megapixels of one raster image (at most {MAX_IMAGE_PIXELS // MEGAPIXEL}).",
    "piksel_total_mp": "Megapixels of all raster images together: the decoding one check or build does.",
}
# `batas:` in jaringan.yml, declared once from the dataclass: each size a whole number of at least 1.
LIMITS_BLOCK = DataBlock(
    LIMITS_KEY,
    tuple(Int(f.name, f.default, _LIMIT_DOCS[f.name], min=1) for f in fields(Limits)),
    "pasangan `nama: angka`",
)


def load_limits(document: YamlDocument, problems: ProblemList) -> Limits:
    """Read ``batas:`` from ``jaringan.yml`` (:data:`LIMITS_BLOCK`); the defaults when it is absent or wrong."""
    values = read_block(document, LIMITS_BLOCK, problems)
    return Limits(**values) if values is not None else Limits()
