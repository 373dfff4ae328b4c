"""Partner news in the search index, labelled as such and linked to the partner's own address.

Pagefind indexes pages, and a partner item has no page of its own on the portal (its title links to the
partner's site; the portal shows it on the home page, region and topic pages and ``/mitra/<outlet>/``).
Its custom records would need Pagefind's Node or Python API. So, just before Pagefind runs, each cached
item (each story once, from warta_partners' cache: titles and summaries are already plain text, links
already vetted) becomes one throw-away page in ``.mitra-cari/`` of the output (a dot folder, like the
index's staging folder, and removed right after), holding only what the portal shows of it: title and
summary. Its metadata ``mitra`` (the outlet's name) and ``tautan`` (the partner's address, or the item on
its ``/mitra/`` page when it has none) let ``cari.js`` label the result "Berita mitra" and link it there.
It carries the ``tahun`` and ``topik`` filters (no KIM and no kabupaten: choosing one leaves partner news
out). The portal's own stories outrank a partner item that matches as well (its text weighs half).
A national portal that merges kabupaten portals' indexes (``WARTA_SEARCH_PORTALS``) leaves out their feed
items: the same stories come, whole, from their own indexes.
"""

from __future__ import annotations

import html
import os
import shutil
from collections.abc import Iterable
from typing import Any

from warta_core.digests import digest
from warta_network.state import has_state, warta_state

from .settings import portal_roots

FOLDER = ".mitra-cari"
GLOB = f"{FOLDER}/*.html"
WEIGHT = 0.5  # a partner item's words count half as much as an article's (data-pagefind-weight)
PAGE = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{title}</title></head>
<body><article data-pagefind-body data-pagefind-filter="tahun:{year}">
<span data-pagefind-meta="mitra[data-mitra]" data-mitra="{partner}"></span>
<span data-pagefind-meta="tautan[data-tautan]" data-tautan="{link}"></span>
<span data-pagefind-meta="tanggal[data-tanggal]" data-tanggal="{date}"></span>
{topics}<div data-pagefind-weight="{weight}"><h1>{title}</h1><p>{summary}</p></div>
</article></body></html>
"""
TOPIC = '<span data-pagefind-filter="topik[data-topik]" data-topik="{label}"></span>\n'


def partner_items(settings: dict[str, Any]) -> list[Any]:
    """Every cached partner item, each story once (the same link from two outlets counts once)."""
    news = warta_state(settings).partners if has_state(settings) else None  # None: warta_partners is off
    if news is None:
        return []
    seen: set[str] = set()
    items = []
    for view in news.partners:
        for item in view.items:
            key = item.link or item.key
            if key not in seen:
                seen.add(key)
                items.append(item)
    return items


def searchable_partner_items(settings: dict[str, Any]) -> list[Any]:
    """The partner items to index: not those of a portal whose own index ``/cari/`` merges (its stories are there)."""
    portals = tuple(portal_roots(settings))
    return [item for item in partner_items(settings) if not (item.link and item.link.startswith(portals))]


def item_link(item: Any, siteurl: str) -> str:
    """Where a result leads: the partner's own address, else the item on the partner's page of the portal."""
    return item.link or f"{siteurl}/{item.partner.url}#{item.anchor}"


def partner_digest(items: Iterable[Any], siteurl: str) -> str:
    """Digest of everything the partner pages put into the index: a fetch that changed none keeps the index."""
    return digest(*(
        (item.key, item.title, item.summary, item_link(item, siteurl), item.partner.name,
         tuple(topic.label for topic in item.topics), item.date.isoformat())
        for item in items
    ))  # fmt: skip


def write_partner_pages(output: str, items: Iterable[Any], siteurl: str) -> int:
    """One page per item in ``output/.mitra-cari/``; the number written."""
    from warta_theme.filters import tanggal  # noqa: PLC0415  (the theme's date words, as on article pages)

    folder = os.path.join(output, FOLDER)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    count = 0
    for item in items:
        page = PAGE.format(
            title=html.escape(item.title),
            year=item.date.year,
            partner=html.escape(item.partner.name),
            link=html.escape(item_link(item, siteurl)),
            date=html.escape(tanggal(item.date)),
            topics="".join(TOPIC.format(label=html.escape(topic.label)) for topic in item.topics),
            weight=WEIGHT,
            summary=html.escape(item.summary),
        )
        with open(os.path.join(folder, f"{item.key}.html"), "w", encoding="utf-8") as handle:
            handle.write(page)
        count += 1
    return count
