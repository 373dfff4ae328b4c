"""Writing new article files that pass ``kim periksa`` as they are.

Shared by ``kim berita-baru`` and ``kim impor``: finding the KIM and topics
a writer named (with a suggestion when mistyped), choosing a file name, slug
and time that no other article of the KIM already uses (two articles with one
slug, or one KIM with two articles at the same minute, fail the check), and
writing the ``Kolom: nilai`` header. Messages are in Bahasa Indonesia.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field

from warta_core.files import ARTICLE_EXTENSIONS
from warta_core.network import DATA_DIR, Network
from warta_core.profiles import KimProfile
from warta_core.text import closest, did_you_mean, slugify
from warta_core.validation import CheckResult

SLUG_LENGTH = 60
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-?")


class Refused(Exception):
    """A request the command will not carry out; the message says why and what to do."""


def require_content(content_path: str) -> None:
    """Refuse to work without a content folder (a typo in ``--konten``)."""
    if not os.path.isdir(os.path.join(content_path, DATA_DIR)):
        raise Refused(f"Folder konten '{content_path}' tidak ditemukan atau tidak berisi _data/.")


def find_kim(network: Network, slug: str) -> KimProfile:
    """The KIM with this folder name, or a refusal suggesting the closest one."""
    slug = slug.strip().strip("/")
    if slug.startswith("content/kim/"):
        slug = slug.removeprefix("content/kim/")
    if slug in network.kims:
        return network.kims[slug]
    if slug in network.broken_kims:
        raise Refused(
            f'Profil KIM "{slug}" masih bermasalah, jadi berita belum bisa ditambahkan. '
            f"Jalankan `kim periksa {slug}` dan perbaiki kim.yml-nya dulu."
        )
    names = sorted(network.kims)
    hint = did_you_mean(slug, names) or _closest_by_name(slug, network)
    listing = ", ".join(names) if names else "(belum ada KIM)"
    parts = [f'KIM "{slug}" tidak ada di jaringan.', hint, f"Daftar KIM: {listing}."]
    raise Refused(" ".join(part for part in parts if part))


def _closest_by_name(written: str, network: Network) -> str:
    """Match a KIM's display name ("KIM Bagelen") when the writer did not type the folder name."""
    by_name = {slugify(kim.name): kim.slug for kim in network.kims.values()}
    match = closest(slugify(written), list(by_name))
    return f'Mungkin maksud Anda "{by_name[match]}"?' if match else ""


def find_topics(network: Network, written: list[str]) -> list[str]:
    """Topic slugs for slugs or labels as written (comma-separated allowed); refuses unknown ones."""
    items = [part.strip() for value in written for part in re.split(r"[,;]", value) if part.strip()]
    labels = {topic.label.lower(): slug for slug, topic in network.topics.items()}
    found: list[str] = []
    for item in items:
        slug = item.lower() if item.lower() in network.topics else labels.get(item.lower())
        if slug is None:
            suggestion = closest(slugify(item), list(network.topics))
            hint = f'Mungkin maksud Anda "{suggestion}"? ' if suggestion else ""
            raise Refused(
                f'Topik "{item}" tidak dikenal. {hint}Pilih dari: {", ".join(network.topics)} '
                "(lihat content/_data/topik.yml)."
            )
        if slug not in found:
            found.append(slug)
    return found


def article_slug(text: str) -> str:
    """A URL slug from a title, cut at a word boundary so file names stay readable."""
    slug = slugify(text)
    if len(slug) > SLUG_LENGTH:
        slug = slug[:SLUG_LENGTH].rsplit("-", 1)[0]
    return slug


@dataclass
class KimArticles:
    """What a KIM's existing articles already use: slugs and minutes of publication."""

    kim: KimProfile
    slugs: set[str] = field(default_factory=set)
    minutes: set[dt.datetime] = field(default_factory=set)

    @classmethod
    def of(cls, kim: KimProfile, result: CheckResult) -> KimArticles:
        """Collect from the checked articles plus every Markdown file name in the folder.

        File names are included so that an article that fails the check today
        still keeps its slug.
        """
        taken = cls(kim)
        for article in result.articles.values():
            if article.kim.slug == kim.slug:
                taken.slugs.add(article.slug)
                taken.minutes.add(article.date.replace(tzinfo=None, second=0, microsecond=0))
        for _folder, _dirs, files in os.walk(kim.folder):
            for name in files:
                stem, extension = os.path.splitext(name)
                if extension.lower() in ARTICLE_EXTENSIONS:
                    taken.slugs.add(slugify(_DATE_PREFIX.sub("", stem)))
        return taken

    def free_slug(self, slug: str) -> str:
        """``slug``, or ``slug-2``, ``slug-3``… when already used in this KIM."""
        candidate, number = slug, 2
        while candidate in self.slugs:
            candidate, number = f"{slug}-{number}", number + 1
        return candidate

    def free_minute(self, when: dt.datetime) -> dt.datetime:
        """The first minute from ``when`` on that no article of this KIM uses (local, naive)."""
        when = when.replace(second=0, microsecond=0)
        while when in self.minutes:
            when += dt.timedelta(minutes=1)
        return when

    def claim(self, slug: str, when: dt.datetime) -> None:
        """Record a new article so the next one in the same run picks other values."""
        self.slugs.add(slug)
        self.minutes.add(when.replace(second=0, microsecond=0))


def article_path(kim: KimProfile, when: dt.datetime, slug: str) -> str:
    """``content/kim/<kim>/<year>/<YYYY-MM-DD>-<slug>.md``."""
    return os.path.join(kim.folder, f"{when:%Y}", f"{when:%Y-%m-%d}-{slug}.md")


def single_line(value: str) -> str:
    """A header value on one line: the header ends at the first blank line."""
    return " ".join(str(value).split())


def format_header(fields: list[tuple[str, str]]) -> str:
    """``Kolom: nilai`` lines followed by the blank line that ends the header."""
    lines = []
    for name, written in fields:
        value = single_line(written)
        lines.append(f"{name}: {value}" if value else f"{name}:")
    return "\n".join(lines) + "\n\n"


def write_new_file(path: str, text: str) -> None:
    """Create ``path`` with ``text``; never replaces an existing file (``x`` mode)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def shown(path: str, content_path: str) -> str:
    """A path as writers see it in reports: relative to the folder holding ``content/``."""
    return os.path.relpath(path, os.path.dirname(os.path.abspath(content_path)))
