"""Prove a built site is whole before it is published.

The check needs only the output folder and the public address (``SITEURL``):
the home page and the 404 page exist, every internal link, image, stylesheet
and feed link of every HTML page, feed and sitemap points at a file that exists, no
link leaves the site's base path (a root-relative ``/kim/`` link breaks on a
GitHub project page served at ``/<repo>/``), every file and folder name is
one git can be given (:mod:`.output_names`), and the output fits the host's
size limit. Every problem is collected; messages are in Bahasa Indonesia.
"""

from __future__ import annotations

import json
import os
import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

from warta_syndication.formats import FEED_FILES

from .output_names import unpublishable_paths

REQUIRED_FILES = ("index.html", "404.html")
XML_LINK_ELEMENTS = {"link", "loc"}  # RSS item links, sitemap locations
PLACEHOLDER_BASE = "http://warta-kim.invalid"  # stands in for an empty SITEURL (local builds)
LINK_ATTRIBUTES = {"href", "src", "poster"}
META_LINKS = {"og:url", "og:image", "twitter:image"}
JSON_FEED_LINK_KEYS = {"home_page_url", "feed_url", "url", "image", "banner_image", "icon", "favicon"}


@dataclass
class OutputReport:
    """What the check looked at and what it found."""

    pages: int = 0
    feeds: int = 0
    links: int = 0
    size: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the site can be published."""
        return not self.problems


class LinkCollector(HTMLParser):
    """Collect every URL an HTML page refers to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record link attributes, ``srcset`` candidates and link-valued ``<meta>`` tags."""
        values = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            if name in LINK_ATTRIBUTES:
                self.urls.append(value)
            elif name == "srcset":
                self.urls.extend(candidate.split()[0] for candidate in value.split(",") if candidate.strip())
        if tag == "meta" and values.get("property", values.get("name")) in META_LINKS and values.get("content"):
            self.urls.append(values["content"] or "")


def html_links(path: str) -> list[str]:
    """URLs referred to by one HTML file."""
    collector = LinkCollector()
    with open(path, encoding="utf-8", errors="replace") as handle:
        collector.feed(handle.read())
    collector.close()
    return collector.urls


def xml_links(path: str) -> list[str]:
    """Links of an XML file (Atom, RSS, sitemap): ``href`` attributes and the text of ``<link>`` and ``<loc>``."""
    urls = []
    for element in ET.parse(path).iter():
        if "href" in element.attrib:
            urls.append(element.attrib["href"])
        if element.tag.rsplit("}", 1)[-1] in XML_LINK_ELEMENTS and element.text and element.text.strip():
            urls.append(element.text.strip())
    return urls


def json_feed_links(path: str) -> list[str]:
    """Links of a JSON Feed (top level, items and attachments)."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    urls: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in JSON_FEED_LINK_KEYS and isinstance(value, str):
                    urls.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(data)
    return urls


class Site:
    """The output folder seen through its public address."""

    def __init__(self, output: str, siteurl: str) -> None:
        self.output = os.path.abspath(output)
        self.base = siteurl.rstrip("/") or PLACEHOLDER_BASE
        parts = urlsplit(self.base)
        self.scheme, self.host, self.base_path = parts.scheme, parts.netloc.lower(), parts.path.rstrip("/")
        self.files: set[str] = set()
        for folder, _dirs, names in os.walk(self.output):
            relative_folder = os.path.relpath(folder, self.output).replace(os.sep, "/")
            for name in names:
                self.files.add(name if relative_folder == "." else f"{relative_folder}/{name}")

    def page_url(self, relative_file: str) -> str:
        """Public URL of an output file (the folder URL for ``index.html``)."""
        return f"{self.base}/{relative_file}"

    def resolve(self, page: str, link: str) -> str | None:
        """Check one link found on ``page``; return what is wrong, or None when it is fine or external."""
        link = link.strip()
        if not link or link.startswith("#"):
            return None
        target = urlsplit(urljoin(self.page_url(page), link))
        if target.scheme not in ("http", "https", ""):
            return None  # mailto:, tel:, data: and the like
        if target.netloc.lower() != self.host:
            return None  # another site
        path = unquote(target.path)
        if path != self.base_path and not path.startswith(f"{self.base_path}/"):
            return (
                f'tautan "{link}" keluar dari alamat situs {self.base}/ sehingga rusak setelah terbit. '
                "Tulis tautan lengkap dengan alamat situs atau tautan relatif."
            )
        relative = posixpath.normpath(path[len(self.base_path) :].lstrip("/") or ".")
        if relative.startswith(".."):
            return f'tautan "{link}" menunjuk ke luar folder situs.'
        candidates = [relative] if not path.endswith("/") else []
        candidates.append("index.html" if relative == "." else f"{relative}/index.html")
        if any(candidate in self.files for candidate in candidates):
            return None
        return f'tautan "{link}" menuju berkas yang tidak ada ({candidates[-1]} tidak ada di hasil pembangunan).'


def check_output(output: str, siteurl: str, size_limit: int, sources: dict[str, str] | None = None) -> OutputReport:
    """Check a built site; the report lists every problem found.

    ``sources`` maps output pages to the files they were written from, so that a broken link in an article
    names the Markdown file its writer has to fix.
    """
    sources = sources or {}
    report = OutputReport()
    if not os.path.isdir(output):
        report.problems.append(f"Folder hasil {output} tidak ada: pembangunan tidak menghasilkan apa pun.")
        return report
    site = Site(output, siteurl)
    report.problems += [
        f"{name}: berkas wajib ini tidak ada di hasil pembangunan." for name in REQUIRED_FILES if name not in site.files
    ]
    report.problems += unpublishable_paths(output)
    for relative in sorted(site.files):
        path = os.path.join(site.output, relative)
        if os.path.islink(path) or not os.path.isfile(path):
            continue  # reported above; never read (a dangling link fails, a FIFO never ends)
        report.size += os.path.getsize(path)
        try:
            if relative.endswith(".html"):
                report.pages += 1
                links = html_links(path)
            elif relative.endswith(".xml"):
                report.feeds += posixpath.basename(relative) in FEED_FILES
                links = xml_links(path)
            elif posixpath.basename(relative) in FEED_FILES:
                report.feeds += 1
                links = json_feed_links(path)
            else:
                continue
        except (ET.ParseError, ValueError) as error:
            report.problems.append(f"{relative}: berkas rusak dan tidak dapat dibaca ({error}).")
            continue
        report.links += len(links)
        where = f"{sources[relative]} (halaman {relative})" if relative in sources else relative
        report.problems += [f"{where}: {problem}" for link in links if (problem := site.resolve(relative, link))]
    if report.size > size_limit:
        report.problems.append(
            f"Ukuran situs {report.size / 1024**2:.0f} MB melebihi batas {size_limit / 1024**2:.0f} MB "
            "(WARTA_PUBLISH_SITE_SIZE_LIMIT): layanan hosting akan menolaknya. "
            "Kecilkan gambar atau pindahkan arsip lama."
        )
    return report
