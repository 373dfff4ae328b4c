"""Markdown bodies to sanitised HTML, cached and rendered in parallel.

Python-Markdown costs about a millisecond per article, the largest single
cost of a build. Bodies are rendered once per distinct input (the cache key
covers the text, its local files and the renderer's versions), cache misses
are spread over the machine's cores, and the Pelican reader then only looks
the result up.

Every body is measured first (``markdown_bounds``): a body that may not be
rendered raises :class:`BodyRefused` with the check's own message, and a
body that only a trial can judge is rendered in a child process that is
killed after ``RENDER_SECONDS``. ``kim periksa`` calls the same functions, so
what the build would crash on or spend minutes on is refused by the check
first. ``attr_list`` (``{: … }``) may set only harmless attributes.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListTreeprocessor

from warta_core.articles import ArticleSource
from warta_core.atomic import remove_killed_writes, write_atomically
from warta_core.limits import strip_forbidden
from warta_core.markdown_bounds import DEEP_RENDER, RENDER_SECONDS, SLOW_RENDER, BodyCost, measure, refusal
from warta_core.problems import NetworkCheckFailed, Problem
from warta_core.renderer import BodyRefused, Renderer

from .sanitize import clean_article_html

ATTR_LIST_ALLOWED = {"id", "class", "title", "alt", "width", "height"}  # never src, href, srcset, style, on*
RENDERER_VERSION = f"3/markdown-{markdown.__version__}/nh3-{getattr(nh3, '__version__', '?')}"
CACHE_FILE = "warta-bodies.pickle"
PARALLEL_THRESHOLD = 200  # below this, starting worker processes costs more than it saves

_markdown: Markdown | None = None
Outcome = tuple  # ("ok", html) or ("refused", message, hint, line): what a child process sends back


class _SafeAttrList(AttrListTreeprocessor):
    """``attr_list`` that cannot point an element elsewhere: only :data:`ATTR_LIST_ALLOWED` may be set."""

    def assign_attrs(self, elem: Element, attrs_string: str, *, strict: bool = False) -> str:
        before = dict(elem.attrib)
        remainder = super().assign_attrs(elem, attrs_string, strict=strict)
        for name in list(elem.attrib):
            if name.lower() not in ATTR_LIST_ALLOWED and elem.attrib[name] != before.get(name):
                if name in before:
                    elem.set(name, before[name])
                else:
                    del elem.attrib[name]
        return remainder


class SafeAttrListExtension(Extension):
    """Replaces ``extra``'s attr_list processor (same name and priority) with :class:`_SafeAttrList`."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the safe processor in place of the original."""
        md.treeprocessors.register(_SafeAttrList(md), "attr_list", 8)


def _converter() -> Markdown:
    global _markdown  # noqa: PLW0603 - a per-process converter, reused across calls
    if _markdown is None:
        extensions = ["markdown.extensions.extra", "markdown.extensions.sane_lists", SafeAttrListExtension()]
        _markdown = Markdown(extensions=extensions, output_format="html")
    _markdown.reset()
    return _markdown


def _markdown_only(body: str) -> str:
    """Markdown's HTML for ``body``, not yet sanitised (one Markdown instance per process)."""
    return _converter().convert(strip_forbidden(body))


def render_body(body: str, local_files: dict[str, str]) -> str:
    """Render one Markdown body to sanitised HTML, without bounds (callers use :func:`render_bounded`)."""
    return clean_article_html(_markdown_only(body), local_files)


def _guarded(function: Callable[..., str], *arguments: object) -> Outcome:
    """``("ok", html)`` or ``("refused", message, hint, line)``: what a child process sends back."""
    try:
        return ("ok", function(*arguments))
    except RecursionError:
        return ("refused", *DEEP_RENDER, 1)


def _outcome(function: Callable[..., str], body: str, *arguments: object, cost: BodyCost | None = None) -> Outcome:
    """``function(body, *arguments)`` under the body's bounds: refused, a trial in a child, or run directly."""
    cost = cost or measure(body)
    refused = refusal(cost)
    if refused:
        return ("refused", *refused)
    if cost.needs_trial:
        return _in_child(function, body, *arguments, line=cost.inline_line)
    return _guarded(function, body, *arguments)


def _bounded(function: Callable[..., str], body: str, *arguments: object) -> str:
    """:func:`_outcome`, raising :class:`BodyRefused` for a refusal."""
    outcome = _outcome(function, body, *arguments)
    if outcome[0] == "refused":
        raise BodyRefused(*outcome[1:])
    return outcome[1]


def _in_child(function: Callable[..., str], *arguments: object, line: int) -> Outcome:
    """Render in a forked process that is killed after ``RENDER_SECONDS``."""
    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:  # leaving the block terminates the child, finished or not
        pending = pool.apply_async(_guarded, (function, *arguments))
        try:
            return pending.get(timeout=RENDER_SECONDS)
        except multiprocessing.TimeoutError:
            return ("refused", *SLOW_RENDER, line)


def render_bounded(body: str, local_files: dict[str, str]) -> str:
    """:func:`render_body` under the bounds of ``markdown_bounds``; raises :class:`BodyRefused`."""
    return _bounded(render_body, body, local_files)


def markdown_html(body: str) -> str:
    """Markdown's unsanitised HTML under the same bounds (for the check's look at code); raises BodyRefused."""
    return _bounded(_markdown_only, body)


class MarkdownRenderer:
    """The build's renderer as the core's check sees it (:class:`warta_core.renderer.Renderer`).

    Registered in pyproject.toml (entry-point group ``warta_kim.renderer``) as :data:`RENDERER`, so
    ``kim periksa`` and the build's own check render with these very functions: check ≡ build.
    """

    def markdown_html(self, body: str) -> str:
        """:func:`markdown_html`."""
        return markdown_html(body)

    def render_bounded(self, body: str, local_files: dict[str, str]) -> str:
        """:func:`render_bounded`."""
        return render_bounded(body, local_files)


RENDERER: Renderer = MarkdownRenderer()


Job = tuple[str, str, dict[str, str], BodyCost]  # cache key, body, resolved local files, the body's measure


def _render_job(job: Job) -> tuple[str, Outcome]:
    key, body, local_files, cost = job
    return key, _outcome(render_body, body, local_files, cost=cost)


def body_key(article: ArticleSource) -> str:
    """Cache key: everything the rendered HTML depends on."""
    digest = hashlib.sha1(RENDERER_VERSION.encode())
    digest.update(article.body.encode())
    digest.update(repr(sorted(article.body_images.items())).encode())
    return digest.hexdigest()


def render_all(articles: dict[str, ArticleSource], cache_dir: str | None, workers: int) -> dict[str, str]:
    """Rendered HTML for every article path; reads and rewrites the cache in ``cache_dir``."""
    cache_path = os.path.join(cache_dir, CACHE_FILE) if cache_dir else None
    cache: dict[str, str] = {}
    if cache_path and os.path.exists(cache_path):
        try:
            with open(cache_path, "rb") as handle:
                cache = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            cache = {}
    keys = {path: body_key(article) for path, article in articles.items()}
    misses = {keys[path]: article for path, article in articles.items() if keys[path] not in cache}
    trials: list[Job] = []  # each forks its own timed child, one after the other
    plain: list[Job] = []
    for key, article in misses.items():
        cost = measure(article.body)
        (trials if cost.needs_trial else plain).append((key, article.body, article.body_images, cost))
    if len(plain) >= PARALLEL_THRESHOLD and workers > 1:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            outcomes = dict(pool.map(_render_job, plain, chunksize=64))
    else:
        outcomes = dict(_render_job(job) for job in plain)
    outcomes.update(_render_job(job) for job in trials)
    refused = {key: outcome[1:] for key, outcome in outcomes.items() if outcome[0] == "refused"}
    if refused:
        problems = [Problem(path, None, *refused[key][:2]) for path, key in sorted(keys.items()) if key in refused]
        raise NetworkCheckFailed(problems)
    cache.update((key, outcome[1]) for key, outcome in outcomes.items())
    rendered = {path: cache[key] for path, key in keys.items()}
    if cache_path and (misses or len(cache) != len(set(keys.values()))):
        kept = {key: cache[key] for key in set(keys.values())}
        write_atomically(cache_path, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
        remove_killed_writes(cache_dir)  # a killed build's temporary is as large as the cache
    return rendered
