"""One imported story to one article file of a KIM, ready for ``kim periksa``.

Decides the header from the source (title, date in the KIM's local time,
author, topics, summary, cover) and the body from the cleaned HTML; picks a
slug and minute no other article of the KIM uses; and never replaces a file
that exists (running an import twice adds nothing the second time).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

from bs4 import Tag

from warta_core.dates import timezone_for_region
from warta_core.network import Network
from warta_core.profiles import KimProfile
from warta_core.text import normalise_name, slugify
from warta_partners.textclean import markup_to_text

from ..drafting import KimArticles, article_path, article_slug, format_header, single_line, write_new_file
from .bylines import remove_dateline, story_byline
from .cleaning import clean_fragment, remove_repeated_headline
from .fields import person_name, summary_text, title_text
from .images import ImageLibrary, MediaPlacer
from .model import SourcePost
from .to_markdown import fix_links, to_markdown

_SIZE_SUFFIX = re.compile(r"-\d{2,5}x\d{2,5}(?=\.[a-z]+$)", re.IGNORECASE)


@dataclass
class ImportOptions:
    """What the writer decided on the command line."""

    default_topics: list[str]
    topic_map: dict[str, str] = field(default_factory=dict)  # normalised category -> topic slug
    author: str = ""
    date: dt.datetime | None = None  # for pages that show no date
    all_drafts: bool = False


@dataclass
class Outcome:
    """What happened to one story."""

    origin: str
    title: str = ""
    path: str = ""
    status: str = ""
    existed: bool = False
    failure: str = ""
    copied: list[str] = field(default_factory=list)
    linked: int = 0
    alt_from_title: int = 0
    untitled: bool = False
    chrome: Counter[str] = field(default_factory=Counter)
    date_guessed: bool = False
    no_author: bool = False
    default_topic: bool = False


class ArticleWriter:
    """Writes imported stories into one KIM's folder."""

    def __init__(
        self, network: Network, kim: KimProfile, taken: KimArticles, library: ImageLibrary, options: ImportOptions
    ) -> None:
        self.network = network
        self.kim = kim
        self.taken = taken
        self.library = library
        self.options = options
        self.zone = timezone_for_region(kim.desa.code)

    def topics(self, categories: list[str]) -> list[str]:
        """Topics whose slug or label is one of the source's categories (maybe none)."""
        labels = {normalise_name(t.label): slug for slug, t in self.network.topics.items()}
        found: list[str] = []
        for category in categories:
            key = normalise_name(category)
            slug = self.options.topic_map.get(key) or labels.get(key)
            if slug is None and slugify(category) in self.network.topics:
                slug = slugify(category)
            if slug and slug not in found:
                found.append(slug)
        return found

    def local_time(self, post: SourcePost) -> dt.datetime | None:
        """The story's time as the KIM's header wants it: local to the KIM's province, naive."""
        when = post.date or self.options.date
        if when is None:
            return None
        if when.tzinfo is not None:
            when = when.astimezone(self.zone).replace(tzinfo=None)
        return when.replace(second=0, microsecond=0)

    def status(self, post: SourcePost, when: dt.datetime) -> str:
        """Keep the source's status; a published story dated in the future waits for its date."""
        if self.options.all_drafts:
            return "draf"
        now = dt.datetime.now(self.zone).replace(tzinfo=None)
        if post.status == "terbit" and when > now:
            return "terjadwal"
        return post.status

    def write(self, post: SourcePost) -> Outcome:
        """Convert and write one story; never overwrite."""
        outcome = Outcome(post.origin, title_text(post.title) or "tanpa judul")
        when = self.local_time(post)
        if when is None:
            reason = f'{post.date_problem} ("{outcome.title}")' if post.date_problem else ""
            outcome.failure = (
                f"{reason or 'tanggal terbit tidak ditemukan'}; tulis tanggalnya dengan --tanggal, "
                "misalnya --tanggal 2020-11-16"
            )
            return outcome
        title = title_text(post.title)
        root, named_in_story = prepare_body(post, title)
        if not title:
            words = root.get_text(" ", strip=True).split()
            title = " ".join(words[:10]) or "Berita tanpa judul"
            outcome.untitled = True
        slug = article_slug(unquote(post.slug) or title) or "berita"
        path = article_path(self.kim, when, slug)
        if os.path.exists(path):
            outcome.path, outcome.existed = path, True
            return outcome
        slug = self.taken.free_slug(slug)
        when = self.taken.free_minute(when)
        path = article_path(self.kim, when, slug)
        self.taken.claim(slug, when)
        status = "draf" if outcome.untitled else self.status(post, when)
        fix_links(root, post.source_url)
        placer = MediaPlacer(self.library, self.kim.folder, slug, title, post.base_dir)
        cover, cover_alt, cover_text = self.cover(post, placer, root)
        media = placer.place(root)
        body = to_markdown(root, media.replacements)
        if cover_text:
            body = f"{cover_text}\n\n{body}"
        fields = [("Judul", title), ("Tanggal", f"{when:%Y-%m-%d %H:%M}")]
        author = person_name(post.author) or named_in_story or person_name(self.options.author)
        if author:
            fields.append(("Penulis", author))
        topics = self.topics(post.categories) or list(self.options.default_topics)
        fields.append(("Topik", ", ".join(topics)))
        summary = summary_text(markup_to_text(post.summary))
        if summary:
            fields.append(("Ringkasan", summary))
        if cover:
            fields += [("Gambar", cover), ("Deskripsi-Gambar", cover_alt)]
        fields.append(("Status", status))
        write_new_file(path, format_header(fields) + origin_comment(post) + body)
        outcome.path, outcome.status = path, status
        outcome.copied, outcome.linked, outcome.alt_from_title = media.copied, media.linked, media.alt_from_title
        outcome.chrome, outcome.date_guessed = post.chrome, post.date_guessed and post.date is not None
        outcome.no_author = not author
        outcome.default_topic = not self.topics(post.categories)
        return outcome

    def cover(self, post: SourcePost, placer: MediaPlacer, root) -> tuple[str, str, str]:
        """(Gambar, Deskripsi-Gambar, credited line) for the featured image, unless the body shows it."""
        if not post.cover_url or _image_name(post.cover_url) in {
            _image_name(str(image.get("src") or "")) for image in root.find_all("img")
        }:
            return "", "", ""
        local = self.library.find(post.cover_url, post.base_dir)
        if local is None:
            return "", "", placer.image_markdown([post.cover_url], post.cover_alt, "", block=True)
        alt = single_line(post.cover_alt)
        if not alt:
            alt = f"Foto dari berita {placer.title}"
            placer.result.alt_from_title += 1
        return placer.copy(local), alt, ""


def prepare_body(post: SourcePost, title: str) -> tuple[Tag, str]:
    """The story cleaned of chrome, repeated headline, byline and date lines; and the author a byline names.

    A date line at the top of an exported post ("Senin, 16 November 2020 | 08:15 WIB") goes: the
    export's own date is in the header.
    """
    root = clean_fragment(post.body_html, post.chrome)
    remove_repeated_headline(root, title, post.chrome)
    named = story_byline(root, post.chrome)
    remove_dateline(root, post.chrome)
    return root, named


def _image_name(address: str) -> str:
    name = os.path.basename(unquote(urlparse(address).path)).lower()
    return _SIZE_SUFFIX.sub("", name)


def origin_comment(post: SourcePost) -> str:
    """Where the story came from, kept in the file but never shown (the sanitiser drops comments)."""
    where = post.source_url if post.source_url and "--" not in post.source_url else post.origin.replace("--", "-")
    return f"<!-- Diimpor dengan kim impor dari {where} -->\n\n"
