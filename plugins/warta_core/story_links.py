"""What is known only once every story is read: replies and follow-ups linked, and each story's last change.

The per-field checks (``corrections``, ``aspirations``) read one article's
header; the functions here look across all of them, after the whole content
is checked (``validation.check_network``), or at one finished
:class:`~.articles.ArticleSource` (``last_change``, for the reader).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any

from .articles import ArticleSource
from .corrections import _ARTICLE_ADDRESS
from .metadata import PUBLISHED
from .problems import ProblemList


def last_change(article: ArticleSource) -> dt.datetime | None:
    """The latest of ``Diperbarui``, every correction's date and an aspiration's last step, or None."""
    dates = [correction.date for correction in article.corrections]
    step = article.aspiration.last.date if article.aspiration is not None else None
    if step is not None and step > article.date:  # a later step of an aspiration is a change (.aspirations)
        dates.append(step)
    if article.modified is not None:
        dates.append(article.modified)
    return max(dates) if dates else None


def resolve_replies(articles: dict[str, ArticleSource], content_path: str, problems: ProblemList) -> None:
    """Link every reply to its original; refuse (and drop) a reply to an unknown or unpublished story."""
    _link_references(
        articles, content_path, problems, lambda article: article.reply, lambda original: True,
        lambda written: (
            f'Berita "{written}" yang dijawab di kolom Hak-Jawab-Untuk tidak ditemukan.',
            "Tulis alamat berita aslinya di portal (misalnya `/kim/kim-bagelen/panen-raya/`), nama berkasnya "
            "dari folder content (`kim/kim-bagelen/2024/2024-03-05-panen-raya.md`), atau slugnya.",
        ),
        lambda written: (
            f'Berita "{written}" yang dijawab di kolom Hak-Jawab-Untuk belum terbit.',
            "Hak jawab hanya bisa terbit untuk berita yang sudah terbit. Tulis `Status: draf` sampai berita "
            "aslinya terbit.",
        ),
    )  # fmt: skip


def resolve_followups(articles: dict[str, ArticleSource], content_path: str, problems: ProblemList) -> None:
    """Link every follow-up to its aspiration; refuse (and drop) one to an unknown story or a non-aspiration."""
    _link_references(
        articles, content_path, problems, lambda article: article.followup,
        lambda aspiration: aspiration.aspiration is not None,
        lambda written: (
            f'Berita aspirasi "{written}" di kolom Tindak-Lanjut-Aspirasi tidak ditemukan.',
            "Tulis alamat berita aspirasinya di portal (misalnya `/kim/kim-bagelen/jalan-rusak/`), nama "
            "berkasnya dari folder content, atau slugnya. Berita itu harus punya kolom Aspirasi.",
        ),
        lambda written: (
            f'Berita aspirasi "{written}" di kolom Tindak-Lanjut-Aspirasi belum terbit.',
            "Tindak lanjut hanya bisa terbit untuk aspirasi yang sudah terbit. Tulis `Status: draf` sampai "
            "berita aspirasinya terbit.",
        ),
    )  # fmt: skip


def _link_references(
    articles: dict[str, ArticleSource],
    content_path: str,
    problems: ProblemList,
    reference_of: Callable[[ArticleSource], Any],
    accepts: Callable[[ArticleSource], bool],
    not_found: Callable[[str], tuple[str, str]],
    unpublished: Callable[[str], tuple[str, str]],
) -> None:
    """Resolve one kind of reference to another story (``.written``, ``.line``; sets ``.target``) in every article.

    A reference is refused, and its article dropped, when the story it names is unknown, itself, refused by the
    check (already dropped: a reply to a reply to nothing), not of the kind ``accepts``, or not yet published
    while the referring story is.
    """
    by_slug = {(article.kim.slug, article.slug): path for path, article in articles.items()}
    for path in sorted(articles):
        article = articles[path]
        reference = reference_of(article)
        if reference is None:
            continue
        target = find_original(reference.written, article, articles, by_slug, content_path)
        if target is None or target == path or target not in articles or not accepts(articles[target]):
            problems.add(path, *not_found(reference.written), line=reference.line)
            del articles[path]
        elif article.status == PUBLISHED and articles[target].status != PUBLISHED:
            problems.add(path, *unpublished(reference.written), line=reference.line)
            del articles[path]
        else:
            reference.target = target


def find_original(
    written: str,
    reply: ArticleSource,
    articles: dict[str, ArticleSource],
    by_slug: dict[tuple[str, str], str],
    content_path: str,
) -> str | None:
    """The path of the article ``written`` names (file, address or slug), or None."""
    text = written.strip()
    if text.lower().endswith((".md", ".markdown")):
        relative = text.lstrip("/").removeprefix("content/")
        for base in (content_path, reply.kim.folder):
            candidate = os.path.abspath(os.path.join(base, *relative.split("/")))
            if candidate in articles:
                return candidate
        return None
    address = _ARTICLE_ADDRESS.search(text.split("?", 1)[0].split("#", 1)[0])
    if address:
        return by_slug.get((address.group(1), address.group(2)))
    parts = text.strip("/").split("/")
    if len(parts) == 2:
        return by_slug.get((parts[0], parts[1]))
    return by_slug.get((reply.kim.slug, parts[0])) if len(parts) == 1 else None
