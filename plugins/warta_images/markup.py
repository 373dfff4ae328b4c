"""What templates and article bodies show of the derived images: ``<picture>`` markup.

Templates call the build's :class:`ImageIndex` (the ``gambar`` template
variable): ``gambar.picture(path, alt, sizes, first)`` for covers and
``gambar.body(article.content, first)`` for inline images. Each picture is
a WebP ``<source>`` with ``srcset`` and ``sizes`` and an ``<img>`` of the one
JPEG (or PNG) width, with ``width`` and ``height``; only the first image of a
page loads eagerly. The original is not published: a body's link to it
leads to the largest variant.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from markupsafe import Markup

ARTICLE_SIZES = "(min-width: 46rem) 44rem, calc(100vw - 2rem)"  # .wadah is 46rem with 1rem padding
LISTING_SIZES = "(min-width: 40rem) 11rem, calc(100vw - 2rem)"  # .ringkas-gambar: an 11rem column from 40rem
_IMG = re.compile(r"<img\b[^>]*>")
_LINK = re.compile(r'(<a\b[^>]*\bhref=")([^"]*)(")')
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


@dataclass(frozen=True)
class Published:
    """One file in the output: its address (relative to the site root), size in pixels, type and length."""

    url: str
    width: int
    height: int
    mime: str
    length: int


@dataclass
class Picture:
    """Everything published for one of a writer's images."""

    source: str  # content-relative path, "/"-separated
    variants: list[Published]  # by width; WebP at every width, one JPEG (PNG) fallback
    share: Published | None = None  # 1200x630 crop, for recent covers

    @property
    def largest(self) -> Published:
        """The widest copy: what a link to the "full size" photo opens (the original is not published)."""
        return max(self.variants, key=lambda v: (v.width, v.mime == "image/webp"))

    @property
    def published_bytes(self) -> int:
        """Bytes of every file published for this image (its variants and its share crop)."""
        return sum(v.length for v in self.variants) + (self.share.length if self.share else 0)

    @property
    def archived_bytes(self) -> int:
        """Bytes it keeps once only older stories show it: the copies up to the fallback's width."""
        return sum(v.length for v in self.variants if v.width <= self.fallback.width)

    @property
    def fallback(self) -> Published:
        """The one JPEG (or PNG) copy: ``<img src>``, feeds' image, and an older story's og:image."""
        return next(v for v in self.variants if v.mime != "image/webp")


@dataclass(frozen=True)
class ShareImage:
    """An article's og:image: the picture and the text that describes it."""

    image: Published
    alt: str


@dataclass
class ImageIndex:
    """The build's derived images by source path, and the files to copy from the cache to the output."""

    siteurl: str = ""
    pictures: dict[str, Picture] = field(default_factory=dict)
    copies: list[tuple[str, str]] = field(default_factory=list)  # (cache file, output-relative path)
    page_cards: dict[str, ShareImage] = field(default_factory=dict)  # non-story pages' cards by page URL

    def page_card(self, output_file: str) -> ShareImage | None:
        """The card of the page written to ``output_file`` (``kim/x/index.html``), when it has one (page 1 only)."""
        return self.page_cards.get(output_file.removesuffix("index.html"))

    def get(self, path: str | None) -> Picture | None:
        """The picture made from ``path`` (content-relative), if it is a raster the build derived."""
        return self.pictures.get(path.replace("\\", "/")) if path else None

    def picture(self, path: str | None, alt: str, sizes: str, first: bool = False, css_class: str = "") -> Markup:
        """Markup for one image; an SVG (or anything not derived) stays a plain ``<img>``."""
        found = self.get(path)
        extra = f' class="{html.escape(css_class)}"' if css_class else ""
        loading = ' loading="eager" fetchpriority="high"' if first else ' loading="lazy" decoding="async"'
        if found is None:
            src = html.escape(f"{self.siteurl}/{path}")
            return Markup(f'<img{extra} src="{src}" alt="{html.escape(alt)}"{loading}>')
        return Markup(self._picture(found, alt, sizes, loading, extra))

    def _picture(self, found: Picture, alt: str, sizes: str, loading: str, extra: str, title: str = "") -> str:
        webp = [v for v in found.variants if v.mime == "image/webp"]
        largest = found.largest
        title_attribute = f' title="{html.escape(title)}"' if title else ""
        return (
            f'<picture><source type="image/webp" srcset="{self._srcset(webp)}" sizes="{sizes}">'
            f'<img{extra} src="{self._url(found.fallback)}" width="{largest.width}" height="{largest.height}" '
            f'alt="{html.escape(alt)}"{title_attribute}{loading}></picture>'
        )

    def _url(self, variant: Published) -> str:
        return f"{html.escape(self.siteurl)}/{html.escape(variant.url)}"

    def _srcset(self, variants: list[Published]) -> str:
        return ", ".join(f"{self._url(v)} {v.width}w" for v in variants)

    def body(self, content: str, first: bool = False) -> Markup:
        """An article body (already sanitised) with each derived image as a ``<picture>``.

        ``first`` makes the body's first image eager: true when the page has no cover. A link to one of the
        writer's images (``[foto ukuran penuh](gambar/x.jpg)``) leads to its largest copy.
        """
        prefix = f"{self.siteurl}/"
        seen = 0

        def relink(match: re.Match[str]) -> str:
            href = html.unescape(match.group(2))
            found = self.get(href[len(prefix) :]) if href.startswith(prefix) else None
            return match.group(0) if found is None else f"{match.group(1)}{self._url(found.largest)}{match.group(3)}"

        def replace(match: re.Match[str]) -> str:
            nonlocal seen
            attributes = {k: html.unescape(v) for k, v in _ATTRIBUTE.findall(match.group(0))}
            src = attributes.get("src", "")
            path = src[len(prefix) :] if src.startswith(prefix) else None
            found = self.get(path)
            if found is None:
                return match.group(0)
            seen += 1
            eager = first and seen == 1
            loading = ' loading="eager" fetchpriority="high"' if eager else ' loading="lazy" decoding="async"'
            return self._picture(
                found, attributes.get("alt", ""), ARTICLE_SIZES, loading, "", attributes.get("title", "")
            )

        return Markup(_IMG.sub(replace, _LINK.sub(relink, content)))
