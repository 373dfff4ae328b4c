"""``kim periksa --dasar REF``: a published story is withdrawn, never deleted or turned back into a draft.

Deleting a published article's file, or setting its ``Status`` back to
``draf``, turns its address into a bare 404 while every portal and reader that
took the story keeps it, with no public reason. Both are refused in pull
requests, for everyone (admins included), with a message pointing to ``kim
tarik``, which keeps the address with the reason (``warta_core.withdrawals``).
A file moved to another name in the same change (the same ``Judul`` and
``Tanggal`` added elsewhere in the KIM's folder) is a move, not a deletion.

Whether the story was published is read from REF: its ``Status`` there
(missing means terbit; terjadwal counts once its date has passed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from warta_core.dates import parse_date
from warta_core.files import ARTICLE_EXTENSIONS
from warta_core.metadata import PUBLISHED, SCHEDULED, STATUSES, parse_header
from warta_core.network import KIM_DIR

WITHDRAW_HINT = (
    'cabut dengan `kim tarik BERKAS --alasan KODE --penjelasan "…"`; alamatnya tetap ada dan menampilkan alasannya.'
)
DELETED = f"berita yang sudah terbit tidak boleh dihapus: {WITHDRAW_HINT}"
TO_DRAFT = f"berita yang sudah terbit tidak boleh dikembalikan menjadi draf: {WITHDRAW_HINT}"


def was_published(text: str | None, now: dt.datetime) -> bool:
    """Whether an article file's text, as it was, is a published story."""
    if text is None:
        return False
    header = parse_header(text)
    if header.error is not None or not header.value("title"):
        return False
    status = STATUSES.get(header.value("status").lower() or "terbit")
    if status == SCHEDULED:
        date = parse_date(header.value("date"))
        return date is not None and date <= now
    return status == PUBLISHED


def _identity(text: str | None) -> tuple[str, str] | None:
    if text is None:
        return None
    header = parse_header(text)
    return (header.value("title"), header.value("date")) if header.value("title") else None


def unpublish_refusals(
    changes: list, content: str, show: Callable[[str, str], str | None], base: str, now: dt.datetime
) -> list[tuple[str, str]]:
    """``(path, reason)`` for each published story the change deletes or sets back to draft.

    ``changes`` are ownership's ``Change`` objects; ``show(ref, path)`` is a file's text at ``ref`` (None
    when absent there).
    """
    prefix = f"{content}/{KIM_DIR}/"
    articles = [c for c in changes if c.path.startswith(prefix) and c.path.lower().endswith(ARTICLE_EXTENSIONS)]
    moved_to = {_identity(show("HEAD", c.path)) for c in articles if c.status == "A"} - {None}
    refusals = []
    for change in articles:
        if change.status not in ("D", "M"):
            continue
        before = show(base, change.path)
        if not was_published(before, now):
            continue
        if change.deleted:
            if _identity(before) not in moved_to:
                refusals.append((change.path, DELETED))
        elif not was_published(show("HEAD", change.path), now):
            refusals.append((change.path, TO_DRAFT))
    return refusals
