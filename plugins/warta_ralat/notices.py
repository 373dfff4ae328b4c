"""The notes a feed item carries at the top of its content: corrections and the right of reply.

Feeds are read far from the site, so the notes are complete sentences with
absolute links, written as sanitised-by-construction HTML (every value is
escaped here). Dates are written the way the page writes them.
"""

from __future__ import annotations

import html

from warta_theme.filters import tanggal, tanggal_jam


def notice_html(article, absolute) -> str:
    """HTML paragraphs for ``article``'s corrections, replies and the story it answers (``""`` when none).

    ``absolute`` turns a site-relative URL into an absolute one (``warta_syndication.items.absolute``
    bound to the site's base).
    """
    escape = html.escape
    parts = []
    for correction in getattr(article, "corrections", ()):
        parts.append(
            f"<p><strong>Ralat ({escape(tanggal_jam(correction.date))}):</strong> {escape(correction.text)}</p>"
        )
    original = getattr(article, "reply_to", None)
    if original is not None:
        parts.append(
            f"<p><strong>Hak jawab dari {escape(article.reply_from)}</strong> atas berita "
            f'<a href="{escape(absolute(original.url))}">{escape(original.title)}</a>.</p>'
        )
    for reply in getattr(article, "replies", ()):
        parts.append(
            f"<p><strong>Hak jawab dari {escape(reply.reply_from)}</strong> ({escape(tanggal(reply.date))}): "
            f'<a href="{escape(absolute(reply.url))}">{escape(reply.title)}</a>.</p>'
        )
    return "".join(parts)
