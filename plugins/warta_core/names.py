"""The name alphabet: which file and folder names may travel to the published site.

Names under ``content/`` are chosen by writers, the web editor and pull
requests, and become URLs and paths in the output, then arguments to git
(``ghp-import`` feeds every output path to ``git fast-import``). A name with
a newline, a quote, a backslash or a space can change what git is told, so
every name that can reach the output is held to a small alphabet:

* content names (``SAFE_NAME``): lower-case ASCII letters, digits, ``.``,
  ``-`` and ``_``, starting with a letter or digit. Lower case only, because
  ``Foto.JPG`` and ``foto.jpg`` are one file on Windows and macOS but two on
  the host, and URLs are case-sensitive; no leading ``-`` (an option to git
  and shells) or ``.`` (hidden);
* published path parts (``PUBLISHED_PART``): the same, plus upper-case
  letters, because a few files the code itself writes carry them (the web
  editor's ``decap-cms.js.LICENSE.txt``). The publish step refuses any
  output path outside it before git sees it, whatever the check said.

This module imports nothing from Pelican: the check, the ownership check
and the publish step all use it.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Collection

SAFE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")
PUBLISHED_PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")
ALPHABET_TEXT = "huruf kecil a-z, angka 0-9, titik (.), tanda hubung (-), dan garis bawah (_)"
_OUTSIDE = re.compile(r"[^a-z0-9._-]+")


def name_is_safe(name: str) -> bool:
    """True when ``name`` (one path part, not a path) uses the content alphabet."""
    return SAFE_NAME.fullmatch(name) is not None and name not in {".", ".."}


def suggested_name(name: str) -> str:
    """A safe spelling of ``name``: ``"Foto Panen (1).JPG"`` -> ``"foto-panen-1.jpg"``.

    Letters lose their accents, every run of other characters becomes one
    hyphen, and the extension keeps its dot. Never empty.
    """
    stem, extension = os.path.splitext(name)
    if not stem:  # ".gitignore"-like: the whole name is the stem
        stem, extension = name, ""
    folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    safe_stem = _OUTSIDE.sub("-", folded).strip("-._") or "berkas"
    safe_extension = _OUTSIDE.sub("", extension.lower())
    return safe_stem + (safe_extension if len(safe_extension) > 1 else "")


def shown_name(name: str) -> str:
    r"""``name`` for a message: controls, invisible characters and backslashes escaped (``\n``, ``\x1b``, ``\\``)."""
    return "".join(char if char.isprintable() and char != "\\" else repr(char)[1:-1] for char in name)


def unsafe_reason(name: str) -> str:
    """What in ``name`` is outside the content alphabet, in Indonesian: ``"huruf besar F J; spasi"``."""
    found: dict[str, list[str]] = {}
    for char in name:
        if _OUTSIDE.fullmatch(char) is None:  # a-z 0-9 . - _
            continue
        if "\udc80" <= char <= "\udcff":  # a byte that is not UTF-8, as os.listdir gives it
            kind = "bita yang bukan UTF-8"
        elif not char.isprintable():
            kind = "karakter kendali"
        elif char == " ":
            kind = "spasi"
        elif char.isascii() and char.isupper():
            kind = "huruf besar"
        elif not char.isascii():
            kind = "huruf di luar ASCII"
        else:
            kind = "tanda baca"
        shown = "" if kind == "spasi" else shown_name(char)
        if shown not in found.setdefault(kind, []):
            found[kind].append(shown)
    parts = [f"{kind} {' '.join(chars)}" if any(chars) else kind for kind, chars in found.items()]
    if name[:1] in ".-_":
        parts.append(f'diawali "{name[0]}"')
    return "; ".join(parts) or "bentuk yang tidak sah"


def free_name(name: str, taken: Collection[str]) -> str:
    """``suggested_name(name)``, numbered (``foto-2.jpg``) when a name in ``taken`` (its siblings) has it."""
    suggestion = suggested_name(name)
    stem, extension = os.path.splitext(suggestion)
    number = 1
    while suggestion in taken:
        number += 1
        suggestion = f"{stem}-{number}{extension}"
    return suggestion


def published_path_problem(path: str) -> str | None:
    """Why a relative output path may not be handed to git, or None when every part is in the alphabet."""
    if not path or path.startswith("/"):
        return "bukan jalur relatif"
    for part in path.split("/"):
        if PUBLISHED_PART.fullmatch(part) is not None:
            continue
        if not part:
            return "ada bagian kosong (dua garis miring berurutan)"
        if PUBLISHED_PART.fullmatch("x" + part[1:]) is not None:  # only the first character is wrong
            return f'bagian "{shown_name(part)}" diawali "{shown_name(part[0])}"'
        return f'bagian "{shown_name(part)}" memakai karakter di luar abjad yang aman'
    return None
