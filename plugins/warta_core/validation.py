"""Check the whole network: data files, KIM profiles and every article.

This is what ``make check`` runs and what the build runs before Pelican reads
anything. Nothing is skipped silently: every Markdown file under ``content/``
is either a valid article of a KIM, a static page, or a reported problem.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import TypeVar

from .articles import ArticleSource, read_article
from .check_cache import CheckCache, RecordingInventory, stamp
from .dates import build_now
from .features import run_feature_checks
from .files import Inventory, article_file_allowed, inventory
from .image_check import FIX_COMMAND
from .limits import MEGAPIXEL
from .markdown_bounds import measure, refusal
from .network import Network, load_network
from .pages import PageSource, check_names, check_pages
from .problems import ProblemList
from .renderer import BodyRefused, Renderer, renderer
from .story_links import resolve_followups, resolve_replies

Data = TypeVar("Data")


@dataclass
class CheckResult:
    """The loaded network, its valid articles and pages by absolute path, what may be published, and all problems."""

    network: Network
    articles: dict[str, ArticleSource]
    problems: ProblemList
    pages: dict[str, PageSource] = field(default_factory=dict)
    files: Inventory = field(default_factory=Inventory)
    features: dict[str, object] = field(default_factory=dict)  # each feature's parsed data file (warta_core.features)

    def feature(self, name: str, kind: type[Data]) -> Data | None:
        """The data feature ``name`` parsed during the check, as ``kind``; None when that feature is not installed."""
        data = self.features.get(name)
        if data is not None and not isinstance(data, kind):
            raise TypeError(f"feature {name!r} parsed a {type(data).__name__}, not a {kind.__name__}")
        return data

    @property
    def ok(self) -> bool:
        """True when nothing would fail the build."""
        return not self.problems.errors


def check_network(content_path: str, now: dt.datetime | None = None, cache_dir: str | None = None) -> CheckResult:
    """Load and check everything; return the result with every problem found.

    With ``cache_dir`` (the build's ``CACHE_PATH``), articles whose result can only be the same again are
    taken from :mod:`.check_cache` instead of being read and checked again.
    """
    content_path = os.path.abspath(content_path)
    now = now or build_now()
    render = renderer()  # before any work: without the build's renderer some bodies cannot be judged
    network, problems = load_network(content_path)
    features = run_feature_checks(network, problems)
    files = inventory(content_path, network.info.limits, problems)
    _check_pixel_budget(files, network, problems)
    check_names(network, files, problems)
    for path in files.misplaced:
        problems.add(
            path,
            "Berkas berita berada di luar folder KIM mana pun, jadi tidak bisa diterbitkan.",
            "Pindahkan ke folder KIM penulisnya: content/kim/<nama-kim>/.",
        )
    articles: dict[str, ArticleSource] = {}
    cache = CheckCache.load(cache_dir, network, now) if cache_dir else None
    article_paths = set(files.articles)
    for path in files.articles:
        if os.path.dirname(os.path.dirname(path)) == content_path:  # directly in content/kim/
            problems.add(
                path,
                "Berkas berita berada di luar folder KIM mana pun, jadi tidak bisa diterbitkan.",
                "Pindahkan ke folder KIM penulisnya: content/kim/<nama-kim>/.",
            )
            continue
        if cache is None:
            article = read_article(path, network, problems, now, files)
        else:
            article = cache.reuse(path, network, files, article_paths) or _check_and_remember(
                path, network, problems, now, RecordingInventory(files, article_paths), cache
            )
        if article is not None:
            articles[path] = article
    if cache is not None:
        cache.save()
    pages = check_pages(files, network, problems)
    _check_bodies(articles, problems, render)
    _check_bodies(pages, problems, render)
    _check_duplicate_slugs(articles, problems)
    _check_duplicate_ids(articles, problems)
    resolve_replies(articles, content_path, problems)  # needs every article: after the cache was saved
    resolve_followups(articles, content_path, problems)  # likewise: a later story pointing back to an aspiration
    return CheckResult(network, articles, problems, pages, files, features)


def recheck_article(
    path: str, network: Network, files: Inventory, now: dt.datetime
) -> tuple[ArticleSource | None, ProblemList]:
    """One article of a checked network read and checked again after an edit of its file (its result or None).

    The rules :func:`check_network` applies to a file alone: the inventory's (symlink, name, size),
    the article's own, and the body's bounds. Rules across articles (duplicate addresses and ids, replies,
    follow-ups) are not run: use this only when the header fields they read did not change.
    """
    problems = ProblemList()
    if not article_file_allowed(path, network.content_path, network.info.limits, problems):
        return None, problems
    article = read_article(path, network, problems, now, files)
    if article is not None:
        one = {path: article}
        _check_bodies(one, problems, renderer())
        article = one.get(path)
    return (None if problems.errors else article), problems


def _check_and_remember(
    path: str,
    network: Network,
    problems: ProblemList,
    now: dt.datetime,
    recorder: RecordingInventory,
    cache: CheckCache,
) -> ArticleSource | None:
    """Read and check one article, and keep the result in ``cache`` when it raised no problem."""
    before, file_stamp = len(problems.items), stamp(path)
    article = read_article(path, network, problems, now, recorder)  # type: ignore[arg-type]  (same questions)
    if article is not None and len(problems.items) == before:
        cache.remember(path, file_stamp, recorder.asked, article)
    return article


def _check_pixel_budget(files: Inventory, network: Network, problems: ProblemList) -> None:
    """All raster images together stay within ``batas.piksel_total_mp``: the decoding one check or build does."""
    limits = network.info.limits
    total = sum(files.pixels.values())
    if total <= limits.total_pixels:
        return
    largest = sorted(files.pixels, key=lambda path: (-files.pixels[path], path))
    shown = ", ".join(
        f"{os.path.relpath(path, network.content_path)} ({files.pixels[path] / MEGAPIXEL:.0f} juta)"
        for path in largest[:5]
    )
    problems.add(
        largest[0],
        f"Semua gambar jaringan ini bersama-sama berukuran {total / MEGAPIXEL:,.0f} juta piksel, melebihi batas "
        f"{limits.piksel_total_mp:,} juta piksel yang diolah satu kali pembangunan. Yang terbesar: {shown}.",
        f"Jalankan `{FIX_COMMAND}` pada foto-foto besar (sisi terpanjang menjadi 2048 piksel, sekitar 3 juta piksel), "
        "atau minta admin jaringan menaikkan `batas: piksel_total_mp` di content/_data/jaringan.yml.",
    )


def _check_bodies(
    sources: dict[str, ArticleSource] | dict[str, PageSource], problems: ProblemList, render: Renderer
) -> None:
    """Refuse (and drop) every body the build could not render within ``markdown_bounds``' limits.

    Most bodies are judged by the linear measure alone; the few it cannot judge are rendered once, by the
    build's own renderer (``render``, from :mod:`.renderer`) under the build's time limit.
    """
    for path in sorted(sources):
        body = sources[path].body
        cost = measure(body)
        refused = refusal(cost)
        if refused is None and cost.needs_trial:
            try:
                render.render_bounded(body, {})
            except BodyRefused as error:
                refused = (error.message, error.hint, error.line)
        if refused is not None:
            message, hint, line = refused
            problems.add(path, message, hint, line=_file_line(path, body, line))
            del sources[path]


def _file_line(path: str, body: str, body_line: int) -> int | None:
    """The file's line number of line ``body_line`` of ``body`` (the body is the file's tail)."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    start = text.rfind(body) if body else -1
    return None if start < 0 else text.count("\n", 0, start) + body_line


def _check_duplicate_slugs(articles: dict[str, ArticleSource], problems: ProblemList) -> None:
    seen: dict[tuple[str, str], str] = {}
    for path in sorted(articles):
        article = articles[path]
        key = (article.kim.slug, article.slug)
        if key in seen:
            first = os.path.relpath(seen[key], os.path.dirname(path))
            problems.add(
                path,
                f'Alamat berita "{article.slug}" sudah dipakai berita lain di KIM yang sama ({first}).',
                "Ganti nama berkasnya, atau isi kolom `Slug:` dengan alamat lain.",
            )
        else:
            seen[key] = path


def _check_duplicate_ids(articles: dict[str, ArticleSource], problems: ProblemList) -> None:
    """Two articles of one KIM with the same date and time would share one feed id."""
    seen: dict[str, str] = {}
    for path in sorted(articles):
        feed_id = articles[path].feed_id
        if feed_id in seen:
            first = os.path.relpath(seen[feed_id], os.path.dirname(path))
            problems.add(
                path,
                f"Berita ini punya ID umpan yang sama dengan {first} (tanggal dan jamnya sama persis).",
                "Tulis jam terbit yang berbeda di kolom Tanggal, misalnya 2024-03-05 10:15, "
                "atau isi kolom `ID:` sendiri.",
            )
        else:
            seen[feed_id] = path
