"""Images of imported stories: local copies, or credited links, never downloads.

The portal refuses hot-linked images (readers' privacy and data cost), and
an import never fetches anything from the internet. So an image is copied
into the KIM's ``gambar/`` folder when its file is on this computer: next to
a saved page (``Berita_files/foto.jpg``) or in a folder given with
``--gambar`` (a copy of ``wp-content/uploads``, matched by the end of the
image's address). Otherwise it becomes a line of text that credits the
original site and links to the image there, so nothing is lost.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

from bs4 import Tag

from warta_cli.foto import tidied
from warta_core.text import slugify

from .cleaning import document

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp")
_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")
_SIZE_SUFFIX = re.compile(r"-\d{2,5}x\d{2,5}(?=\.[a-z]+$)", re.IGNORECASE)  # WordPress thumbnails
_REMOTE = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
_YOUTUBE_EMBED = re.compile(r"^https?://(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]+)", re.IGNORECASE)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as written (alt texts, captions, credits)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def is_image_file(path: str) -> bool:
    """A real JPEG, PNG, GIF or WebP file (not an error page saved as ``.jpg``)."""
    if not path.lower().endswith(IMAGE_EXTENSIONS) or not os.path.isfile(path):
        return False
    with open(path, "rb") as handle:
        head = handle.read(12)
    return head.startswith(_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


class ImageLibrary:
    """Image files on this computer that imported stories may refer to."""

    def __init__(self, folders: list[str]) -> None:
        self.by_suffix: dict[str, list[str]] = {}
        for top in folders:
            for folder, _dirs, files in os.walk(top):
                for name in files:
                    path = os.path.join(folder, name)
                    parts = os.path.relpath(path, top).replace(os.sep, "/").lower().split("/")
                    for start in range(len(parts)):
                        self.by_suffix.setdefault("/".join(parts[start:]), []).append(path)

    def find(self, src: str, base_dir: str | None) -> str | None:
        """The local file for an image address, or None."""
        src = src.strip()
        if not src or src.startswith("data:"):
            return None
        if not _REMOTE.match(src) and not re.match(r"^[a-z][a-z0-9+.-]*:", src, re.IGNORECASE):
            return _beside(unquote(src.split("?", 1)[0].split("#", 1)[0]), base_dir)
        path = unquote(urlparse(src if not src.startswith("//") else "https:" + src).path).lower()
        parts = [p for p in path.split("/") if p]
        for candidate_parts in (parts, [*parts[:-1], _SIZE_SUFFIX.sub("", parts[-1])] if parts else []):
            for start in range(len(candidate_parts)):
                matches = self.by_suffix.get("/".join(candidate_parts[start:]), [])
                if len(matches) == 1 and is_image_file(matches[0]):
                    return matches[0]
        return None


def _beside(relative: str, base_dir: str | None) -> str | None:
    """A relative path inside the saved page's folder (never outside it)."""
    if base_dir is None:
        return None
    base = os.path.abspath(base_dir)
    path = os.path.normpath(os.path.join(base, relative))
    if not path.startswith(base + os.sep) or not is_image_file(path):
        return None
    return path


@dataclass
class MediaResult:
    """Markdown for each placeholder, plus what happened to the images."""

    replacements: dict[str, str] = field(default_factory=dict)
    copied: list[str] = field(default_factory=list)  # new files, absolute paths
    linked: int = 0
    alt_from_title: int = 0


@dataclass
class MediaPlacer:
    """Replaces images and embeds in a cleaned story with placeholders and their Markdown."""

    library: ImageLibrary
    kim_folder: str
    slug: str
    title: str
    base_dir: str | None
    result: MediaResult = field(default_factory=MediaResult)

    def copy(self, source: str) -> str:
        """Copy a tidied photo into ``gambar/<slug>/``; reuse an identical file, never overwrite another.

        The repository only receives the tidy form (``kim foto``'s: orientation applied, long edge ≤ 2048,
        no GPS position or camera data), so an import cannot bring an old blog's originals in.
        """
        stem, extension = os.path.splitext(os.path.basename(source))
        data, _kind = tidied(source)
        folder = os.path.join(self.kim_folder, "gambar", self.slug)
        os.makedirs(folder, exist_ok=True)
        name, number = slugify(stem) or "gambar", 1
        while True:
            suffix = f"-{number}" if number > 1 else ""
            target = os.path.join(folder, f"{name}{suffix}{extension.lower()}")
            if not os.path.exists(target):
                with open(target, "xb") as handle:
                    handle.write(data)
                self.result.copied.append(target)
                break
            with open(target, "rb") as handle:
                if handle.read() == data:
                    break
            number += 1
        return os.path.relpath(target, self.kim_folder).replace(os.sep, "/")

    def image_markdown(self, sources: list[str], alt: str, caption: str, *, block: bool) -> str:
        """``![alt](gambar/…)`` for a local file, else a credited link to the original.

        ``sources`` are the image's addresses, best first (for a thumbnail
        linking to its full size: the full size last, as the link target).
        """
        local = next((found for src in sources if (found := self.library.find(src, self.base_dir))), None)
        if local is not None:
            description = alt or caption
            if not description:
                description = f"Foto dari berita {self.title}"
                self.result.alt_from_title += 1
            text = f"![{escape_markdown(description)}]({self.copy(local)})"
            return f"{text}\n\n*{escape_markdown(caption)}*" if caption and block else text
        remote = [src for src in sources if _REMOTE.match(src)]
        if not remote:
            return escape_markdown(caption) if caption else ""  # an unsaved local file or a data: address
        self.result.linked += 1
        url = "https:" + remote[-1] if remote[-1].startswith("//") else remote[-1]
        host = urlparse(url).hostname or "situs asal"
        label = caption or alt
        if not label:
            return f"*Foto: [lihat foto di {host}]({url})*"
        prefix = "" if re.match(r"^(foto|gambar|ilustrasi)\b", label, re.IGNORECASE) else "Foto: "
        return f"*{prefix}{escape_markdown(label)} ([lihat foto di {host}]({url}))*"

    def embed_markdown(self, src: str, *, video: bool = False) -> str:
        """Embedded videos and maps become a link: the portal has no third-party embeds."""
        url = "https:" + src if src.startswith("//") else src
        if not _REMOTE.match(url):
            return ""
        self.result.linked += 1
        youtube = _YOUTUBE_EMBED.match(url)
        if youtube:
            url = f"https://www.youtube.com/watch?v={youtube.group(1)}"
        host = urlparse(url).hostname or "situs asal"
        kind = "Video" if video or youtube or "vimeo" in host else "Konten sematan"
        return f"*{kind} dari {host}: [buka di situs asal]({url})*"

    def token(self, markdown: str) -> str:
        """A placeholder that survives the HTML-to-Markdown conversion untouched."""
        key = f"WARTAMEDIA{len(self.result.replacements)}X"
        self.result.replacements[key] = markdown
        return key

    def place(self, root: Tag) -> MediaResult:
        """Replace every figure, image and embed below ``root`` with a placeholder."""
        soup = document(root)
        for figure in root.find_all("figure"):
            image = figure.find("img")
            caption_tag = figure.find("figcaption")
            caption = caption_tag.get_text(" ", strip=True) if caption_tag else ""
            if image is None:
                if caption_tag is not None:
                    caption_tag.name = "p"
                figure.unwrap()
                continue
            link = image.parent if image.parent is not None and image.parent.name == "a" else None
            markdown = self.image_markdown(_sources(image, link), _alt(image), caption, block=True)
            _replace(_alone(figure, root), soup, self.token(markdown) if markdown else "", block=True)
        for image in root.find_all("img"):
            wrapper = image.parent if image.parent is not None and image.parent.name == "a" else image
            if wrapper is not image and wrapper.get_text(strip=True):
                wrapper = image  # a link with text around the image: keep the link
            target = _alone(wrapper, root)
            block = target is not wrapper or target.parent is root
            markdown = self.image_markdown(_sources(image, wrapper), _alt(image), "", block=block)
            _replace(target, soup, self.token(markdown) if markdown else "", block=block)
        for embed in root.find_all(("iframe", "video")):
            source = embed if embed.get("src") else embed.find("source")
            address = str(source.get("src") or "") if source is not None else ""
            markdown = self.embed_markdown(address, video=embed.name == "video")
            _replace(_alone(embed, root), soup, self.token(markdown) if markdown else "", block=True)
        return self.result


def _alone(tag: Tag, root: Tag) -> Tag:
    """The paragraph or box ``tag`` sits in alone (nothing else in it), else ``tag`` itself."""
    while tag.parent is not None and tag.parent is not root and tag.parent.name in ("p", "div", "a", "span"):
        others = [c for c in tag.parent.children if c is not tag and (not isinstance(c, str) or c.strip())]
        if others:
            break
        tag = tag.parent
    return tag


def _replace(target: Tag, soup: Tag, text: str, *, block: bool) -> None:
    if not text:
        target.decompose()
    elif block:
        paragraph = soup.new_tag("p")
        paragraph.string = text
        target.replace_with(paragraph)
    else:
        target.replace_with(text)


def _sources(image: Tag, wrapper: Tag | None = None) -> list[str]:
    """An image's addresses: its source (or lazy-loading source), then the full size it links to."""
    src = str(image.get("src") or "")
    for lazy in ("data-src", "data-lazy-src", "data-original"):
        if image.get(lazy) and (not src or src.startswith("data:")):
            src = str(image[lazy])
    sources = [src] if src else []
    href = str(wrapper.get("href") or "") if wrapper is not None and wrapper is not image else ""
    if href.lower().split("?")[0].endswith(IMAGE_EXTENSIONS):
        sources.append(href)
    return sources


def _alt(image: Tag) -> str:
    return " ".join(str(image.get("alt") or image.get("title") or "").split())
