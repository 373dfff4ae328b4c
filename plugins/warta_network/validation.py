"""Check the whole network: data files, KIM profiles and every article.

This is what ``make check`` runs and what the build runs before Pelican reads
anything. Nothing is skipped silently: every Markdown file under ``content/``
is either a valid article of a KIM, a static page, or a reported problem.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from importlib.metadata import entry_points

from .articles import ArticleSource, read_article
from .network import KIM_DIR, PAGES_DIR, Network, load_network
from .problems import ProblemList

ARTICLE_EXTENSIONS = (".md", ".markdown")
# Files a writer may believe are articles but that Pelican would not read.
NOT_ARTICLE_EXTENSIONS = (".txt", ".rst", ".html", ".htm", ".doc", ".docx", ".odt")
# Extension point: a plugin owning a data file of its own (warta_partners: content/_data/mitra.yml) declares
# `check(network) -> ProblemList` in this entry-point group (pyproject.toml), so `kim check` and the build
# report its problems in the same single report, without this package knowing the plugin.
CHECKS_GROUP = "warta_kim.checks"


@dataclass
class CheckResult:
    """The loaded network, its valid articles by absolute path, and all problems."""

    network: Network
    articles: dict[str, ArticleSource]
    problems: ProblemList

    @property
    def ok(self) -> bool:
        """True when nothing would fail the build."""
        return not self.problems.errors


def content_files(content_path: str) -> list[str]:
    """Every non-hidden file below ``content/``, sorted.

    Top-level folders starting with ``_`` (``_data``, caches) hold network
    data, not content, and are skipped.
    """
    found = []
    for folder, dirs, files in os.walk(content_path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if folder == content_path:
            dirs[:] = [d for d in dirs if not d.startswith("_")]
        found.extend(os.path.join(folder, f) for f in sorted(files) if not f.startswith("."))
    return found


def check_network(content_path: str, now: dt.datetime | None = None) -> CheckResult:
    """Load and check everything; return the result with every problem found."""
    content_path = os.path.abspath(content_path)
    now = now or dt.datetime.now(dt.UTC)
    network, problems = load_network(content_path)
    for extra_check in entry_points(group=CHECKS_GROUP):
        problems.extend(extra_check.load()(network))
    articles: dict[str, ArticleSource] = {}
    kim_root = os.path.join(content_path, KIM_DIR)
    pages_root = os.path.join(content_path, PAGES_DIR)
    for path in content_files(content_path):
        extension = os.path.splitext(path)[1].lower()
        inside_kim = path.startswith(kim_root + os.sep) and os.path.dirname(path) != kim_root
        if extension in ARTICLE_EXTENSIONS:
            if path.startswith(pages_root + os.sep):
                continue
            if not inside_kim:
                problems.add(
                    path,
                    "Berkas berita berada di luar folder KIM mana pun, jadi tidak bisa diterbitkan.",
                    "Pindahkan ke folder KIM penulisnya: content/kim/<nama-kim>/.",
                )
                continue
            article = read_article(path, network, problems, now)
            if article is not None:
                articles[path] = article
        elif extension in NOT_ARTICLE_EXTENSIONS and inside_kim:
            problems.add(
                path,
                f"Berkas {extension} tidak dibaca sebagai berita.",
                "Simpan berita sebagai berkas Markdown berakhiran .md.",
            )
    _check_duplicate_slugs(articles, problems)
    _check_duplicate_ids(articles, problems)
    return CheckResult(network, articles, problems)


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
