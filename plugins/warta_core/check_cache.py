"""The build's memory of articles it already checked, so a rebuild does not re-read unchanged sources.

Reading and checking 10,000 article files costs about 2.5 s of every build.
An article whose result can only be the same again is taken from this cache
instead. The result is reused only when all of these still hold:

- the file is the same file with the same bytes, as far as ``stat`` can
  tell: size, modification and change times, inode (a rewrite, a rename
  over it, a ``git checkout`` all change the change time);
- everything else the check reads has the same bytes: the network data
  files (``_data/``), every ``kim.yml``, the code of this package and of
  the registered renderer's (:mod:`.renderer`: it decides what is code);
- every question the check asked the inventory gets the same answer (is
  this image there, of this kind, with the same size and times; is this
  article there), recorded while the article was checked;
- the article raised no problem at all (not even a warning), and none of
  its dates lies after the moment it was checked, so a later clock cannot
  change its status;
- the file (and every image it uses) was last modified at least
  :data:`RACY_SECONDS` before it was checked: a file rewritten within the
  same tick of the file system's clock, with the same size, would look
  unchanged to ``stat`` (git's "racy clean" problem), so a fresh file is
  checked again next time.

Only the build uses the cache (it lives in ``CACHE_PATH``, beside the body
cache, with the same trust). ``kim periksa`` — the gate for pull requests —
always reads everything. ``tests/warta_core/test_check_cache.py`` proves a build with a
warm cache refuses and accepts exactly what a cold one does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import inspect
import os
import pickle
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .articles import ArticleSource
from .atomic import write_atomically
from .files import Inventory
from .network import Network
from .renderer import renderer

CACHE_FILE = "warta-check.pickle"
FORMAT = 1
RACY_SECONDS = 2
Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def stamp(path: str) -> Stamp | None:
    """What ``stat`` says of one file, or None when it is gone."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def package_sources(module_file: str) -> list[str]:
    """The ``.py`` files of the package holding ``module_file`` (its code, for a cache key)."""
    package = os.path.dirname(os.path.abspath(module_file))
    return [os.path.join(package, name) for name in sorted(os.listdir(package)) if name.endswith(".py")]


def update_with_files(digest: Any, paths: Iterable[str]) -> None:
    """Add each file's path and bytes to ``digest`` (bytes, not stamps: such files are small and rewritten in place)."""
    for path in paths:
        digest.update(f"{path}\0".encode())
        try:
            with open(path, "rb") as handle:
                digest.update(handle.read())
        except OSError:
            digest.update(b"\0missing")


def context_digest(network: Network) -> str:
    """Digest of what every article's check reads besides its own file and the inventory."""
    digest = hashlib.sha1(str(FORMAT).encode())
    sources = package_sources(__file__) + package_sources(inspect.getfile(type(renderer())))
    data = os.path.join(network.content_path, "_data")
    if os.path.isdir(data):
        sources += [os.path.join(data, name) for name in sorted(os.listdir(data))]
    sources += [os.path.join(kim.folder, "kim.yml") for _slug, kim in sorted(network.kims.items())]
    update_with_files(digest, sources)
    digest.update(repr(sorted(network.broken_kims)).encode())
    return digest.hexdigest()


class _Answers:
    """A collection of the inventory that records each membership question and its answer."""

    def __init__(self, inner: Any, asked: dict[str, Any], kind: str) -> None:
        self.inner, self.asked, self.kind = inner, asked, kind

    def __contains__(self, path: object) -> bool:
        present = path in self.inner
        self.asked[f"{self.kind}:{path}"] = stamp(str(path)) if present else None
        return present


class RecordingInventory:
    """The inventory as one article's check sees it, with every question it asks remembered."""

    def __init__(self, files: Inventory, articles: set[str]) -> None:
        self.files = files
        self.asked: dict[str, Any] = {}
        self.assets = _Answers(files.assets, self.asked, "asset")
        self.articles = _Answers(articles, self.asked, "article")

    def asset_kind(self, path: str) -> str | None:
        """Kind of a publishable file, as :meth:`Inventory.asset_kind` says, remembered."""
        kind = self.files.asset_kind(path)
        self.asked[f"kind:{path}"] = (kind, stamp(path)) if kind else None
        return kind


def answers_now(asked: dict[str, Any], files: Inventory, articles: set[str]) -> bool:
    """True when every recorded question gets the same answer from today's inventory."""
    for question, answer in asked.items():
        kind, path = question.split(":", 1)
        if kind == "kind":
            found = files.asset_kind(path)
            now = (found, stamp(path)) if found else None
        else:
            present = path in (files.assets if kind == "asset" else articles)
            now = stamp(path) if present else None
        if now != answer:
            return False
    return True


def _stamp_of(answer: Any) -> Stamp | None:
    """The file stamp inside one recorded answer (``None``, a stamp, or ``(kind, stamp)``)."""
    if answer is None:
        return None
    return answer[1] if isinstance(answer[0], str) else answer


def _dates(article: ArticleSource) -> Iterable[dt.datetime]:
    yield article.date
    if article.modified is not None:
        yield article.modified
    factcheck = article.factcheck
    claim = getattr(factcheck, "claim_date", None) if factcheck is not None else None
    if isinstance(claim, dt.datetime):
        yield claim


@dataclass
class CheckCache:
    """Checked articles of the previous build, and the ones this build checked."""

    path: str | None
    context: str
    now: dt.datetime
    previous: dict[str, tuple[Stamp, dict[str, Any], ArticleSource]] = field(default_factory=dict)
    current: dict[str, tuple[Stamp, dict[str, Any], ArticleSource]] = field(default_factory=dict)

    @classmethod
    def load(cls, cache_dir: str | None, network: Network, now: dt.datetime) -> CheckCache:
        """The cache for this network and moment; empty when missing, damaged, older code or a clock gone back."""
        path = os.path.join(cache_dir, CACHE_FILE) if cache_dir else None
        cache = cls(path, context_digest(network), now)
        if path is None:
            return cache
        try:
            with open(path, "rb") as handle:
                stored = pickle.load(handle)
            if stored["format"] == FORMAT and stored["context"] == cache.context and stored["now"] <= now:
                cache.previous = stored["articles"]
        except (
            OSError,
            pickle.UnpicklingError,
            EOFError,
            AttributeError,
            ImportError,  # written by code whose modules have since moved (warta_network -> warta_core)
            KeyError,
            TypeError,
            ValueError,
        ):
            pass
        return cache

    def reuse(self, path: str, network: Network, files: Inventory, articles: set[str]) -> ArticleSource | None:
        """The stored result for ``path`` when it can only be the same again, with today's KIM and regions."""
        entry = self.previous.get(path)
        if entry is None or entry[0] != stamp(path) or not answers_now(entry[1], files, articles):
            return None
        article = entry[2]
        kim = network.kims.get(article.kim.slug)
        desa = [network.registry.get(region.code) for region in article.desa]
        if kim is None or None in desa:
            return None
        article.kim, article.desa = kim, desa
        self.current[path] = entry
        return article

    def remember(self, path: str, file_stamp: Stamp | None, asked: dict[str, Any], article: ArticleSource) -> None:
        """Keep a clean result whose dates all lie before the moment it was checked, of files not just written."""
        if file_stamp is None or not all(date <= self.now for date in _dates(article)):
            return
        recent = time.time_ns() - RACY_SECONDS * 1_000_000_000
        stamps = [file_stamp, *(_stamp_of(answer) for answer in asked.values())]
        if all(s is None or s[1] < recent for s in stamps):
            self.current[path] = (file_stamp, asked, article)

    def save(self) -> None:
        """Write this build's entries, unless they are exactly the ones that were read."""
        if self.path is None or self.current == self.previous:
            return
        stored = {"format": FORMAT, "context": self.context, "now": self.now, "articles": self.current}
        write_atomically(self.path, pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL))
