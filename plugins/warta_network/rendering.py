"""Markdown bodies to sanitised HTML, cached and rendered in parallel.

Python-Markdown costs about a millisecond per article, the largest single
cost of a build. Bodies are rendered once per distinct input (the cache key
covers the text, its local files and the renderer's versions), cache misses
are spread over the machine's cores, and the Pelican reader then only looks
the result up.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor

import markdown
import nh3
from markdown import Markdown

from .articles import ArticleSource
from .limits import strip_forbidden
from .sanitize import clean_article_html

MARKDOWN_EXTENSIONS = ["markdown.extensions.extra", "markdown.extensions.sane_lists"]
RENDERER_VERSION = f"2/markdown-{markdown.__version__}/nh3-{getattr(nh3, '__version__', '?')}"
CACHE_FILE = "warta-bodies.pickle"
PARALLEL_THRESHOLD = 200  # below this, starting worker processes costs more than it saves

_markdown: Markdown | None = None


def render_body(body: str, local_files: dict[str, str]) -> str:
    """Render one Markdown body to sanitised HTML (one Markdown instance per process)."""
    global _markdown  # noqa: PLW0603 - a per-process converter, reused across calls
    if _markdown is None:
        _markdown = Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")
    _markdown.reset()
    return clean_article_html(_markdown.convert(strip_forbidden(body)), local_files)


def _render_job(job: tuple[str, str, dict[str, str]]) -> tuple[str, str]:
    key, body, local_files = job
    return key, render_body(body, local_files)


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
    jobs = [(key, article.body, article.body_images) for key, article in misses.items()]
    if len(jobs) >= PARALLEL_THRESHOLD and workers > 1:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            cache.update(pool.map(_render_job, jobs, chunksize=64))
    else:
        cache.update(_render_job(job) for job in jobs)
    rendered = {path: cache[key] for path, key in keys.items()}
    if cache_path and (misses or len(cache) != len(set(keys.values()))):
        os.makedirs(cache_dir, exist_ok=True)
        kept = {key: cache[key] for key in set(keys.values())}
        temporary = f"{cache_path}.{os.getpid()}"
        with open(temporary, "wb") as handle:
            pickle.dump(kept, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, cache_path)
        _remove_killed_writes(cache_dir)
    return rendered


def _remove_killed_writes(cache_dir: str) -> None:
    """Delete temporary caches left by builds killed while writing them (each as large as the cache)."""
    for name in os.listdir(cache_dir):
        pid = name.removeprefix(f"{CACHE_FILE}.")
        if pid != name and pid.isdigit():
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                os.remove(os.path.join(cache_dir, name))
            except OSError:  # alive, but another user's process
                continue
