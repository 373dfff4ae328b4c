"""Where each checked image is published, and the sources that would claim one output path.

The build (``warta_images``) publishes a raster at its own path, except HEIC/HEIF
photos, which browsers cannot show: ``foto.heic`` becomes ``foto.heic.jpg``.
Beside it go derived copies, ``foto-<key>-720.webp`` and ``foto-<key>-bagikan.jpg``,
where the key is a digest of the photo's bytes. Two sources that map to one output
path would silently replace each other, so the check computes every asset's path
with the functions the build uses and refuses:

* two sources with one published path (``foto.heic`` beside ``foto.heic.jpg``);
* a source named like a derived copy of a sibling (``foto-1a2b3c4d-720.webp``
  beside ``foto.jpg``): its key is predictable, so it could replace that copy;
* a file published where another source needs a folder (``foto.heic`` beside a
  folder ``foto.heic.jpg/``).

Nothing here imports Pelican: ``files.inventory`` runs it for ``kim periksa``.
"""

from __future__ import annotations

import os
import posixpath
import re

from .problems import ProblemList

HEIF_KIND = "heif"
KEY_LENGTH = 8  # characters of a job's key in a derived file's name
# "<stem>-<key>-<width>.<format>" (responsive variants) or "<stem>-<key>-bagikan.jpg" (a cover's share crop)
DERIVED_NAME = re.compile(rf"(?P<stem>.+)-[0-9a-f]{{{KEY_LENGTH}}}-(?P<rest>[0-9]+\.(?:webp|jpg|png)|bagikan\.jpg)")


def published_image_path(relative: str, kind: str) -> str:
    """Output path of an image's own copy (``/``-separated): HEIC/HEIF gain ``.jpg``, others keep their path."""
    return f"{relative}.jpg" if kind == HEIF_KIND else relative


def derived_image_path(relative: str, key: str, name: str) -> str:
    """Output path of a derived copy: (``gambar/foto.jpg``, key, ``720.webp``) -> ``gambar/foto-<key>-720.webp``."""
    stem = posixpath.splitext(relative)[0]
    return f"{stem}-{key[:KEY_LENGTH]}-{name}"


def _shown(path: str, content: str) -> str:
    return os.path.relpath(path, os.path.dirname(content)).replace(os.sep, "/")


def output_collisions(assets: dict[str, str], content: str, problems: ProblemList) -> None:
    """Refuse sources whose published paths would meet (``assets``: absolute path -> kind)."""
    claimed: dict[str, str] = {}  # published path (content-relative) -> source
    for path in sorted(assets, key=lambda p: (published_image_path(p, assets[p]) != p, p)):
        published = published_image_path(os.path.relpath(path, content).replace(os.sep, "/"), assets[path])
        first = claimed.setdefault(published, path)
        if first != path:
            problems.add(
                path,
                f'Berkas ini dan "{_shown(first, content)}" sama-sama akan terbit sebagai '
                f'"{posixpath.basename(published)}", sehingga yang satu menimpa yang lain.',
                "Ganti nama salah satunya. Foto HEIC terbit sebagai JPEG dengan akhiran .jpg ditambahkan "
                "(foto.heic menjadi foto.heic.jpg).",
            )
    _derived_names(assets, content, problems)
    _files_where_folders_go(claimed, content, problems)


def _derived_names(assets: dict[str, str], content: str, problems: ProblemList) -> None:
    """A source named like a derived copy of a raster beside it could replace that copy."""
    stems: dict[tuple[str, str], str] = {}
    for path, kind in assets.items():
        if kind != "svg":  # SVG is published as it is, with no derived copies
            stems.setdefault((os.path.dirname(path), os.path.splitext(os.path.basename(path))[0]), path)
    for path in sorted(assets):
        match = DERIVED_NAME.fullmatch(os.path.basename(path))
        owner = stems.get((os.path.dirname(path), match.group("stem"))) if match else None
        if owner is not None:
            problems.add(
                path,
                f'Nama berkas ini berbentuk nama salinan yang dibuat portal dari "{_shown(owner, content)}", '
                "sehingga bisa menimpa salinan itu.",
                f'Ganti namanya, misalnya menjadi "{match.group("stem")}-{match.group("rest")}" (tanpa kode '
                "delapan huruf di tengahnya).",
            )


def _files_where_folders_go(claimed: dict[str, str], content: str, problems: ProblemList) -> None:
    """A file published at ``a/b.jpg`` while another source is published inside a folder ``a/b.jpg/``."""
    reported: set[str] = set()
    for published, path in sorted(claimed.items()):
        parts = published.split("/")
        for depth in range(1, len(parts)):
            file_owner = claimed.get("/".join(parts[:depth]))
            if file_owner is not None and file_owner not in reported:
                reported.add(file_owner)
                problems.add(
                    file_owner,
                    f'Berkas ini akan terbit sebagai "{parts[depth - 1]}", padahal "{_shown(path, content)}" '
                    "memerlukan folder bernama sama.",
                    "Ganti nama berkas ini atau nama foldernya.",
                )
                break
