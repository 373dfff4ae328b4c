"""Remove site chrome from imported HTML, keeping only the story.

Old KIM blogs and news sites wrap a story in things that are not the story:
share buttons and counters, "Baca juga" boxes, related-post lists, ads,
comment forms, navigation, newsletter boxes. They are found by tag, by
class/id words used by common themes and plugins (WordPress, Blogger,
AddToAny, Jetpack, AdSense…), and by their Indonesian or English label
text. WordPress shortcodes and paragraphs written as blank lines are turned
into HTML first, so every source is cleaned the same way.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction, Tag

# Never part of a story; removed with everything inside.
DROP_TAGS = (
    "script", "style", "noscript", "form", "button", "input", "select", "textarea", "label", "nav", "aside",
    "footer", "header", "svg", "canvas", "object", "embed", "template", "link", "meta", "dialog", "ins",
)  # fmt: skip
# Kept as structure; everything else is unwrapped (its text stays).
KEEP_TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "strong", "b", "em", "i",
    "a", "img", "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
    "pre", "code", "hr", "sub", "sup", "div", "dl", "dt", "dd", "iframe", "video", "source",
}  # fmt: skip
KEEP_ATTRIBUTES = {
    "a": ("href",),
    "img": ("src", "alt", "title", "data-src", "data-lazy-src", "data-original"),
    "iframe": ("src",),
    "video": ("src",),
    "source": ("src",),
    "td": ("colspan",),
    "th": ("colspan",),
}
BLOCK_TAGS = ("p", "div", "li", "section", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure")

# Class or id words of site chrome, matched as whole words inside tokens like "post-share-buttons".
_CHROME_WORDS = re.compile(
    r"(?:^|[-_])(?:share\w*|sharing|social\w*|sosmed|socmed|comments?|komentar\w*|respond|disqus\w*"
    r"|related\w*|terkait|baca[-_]?juga|read[-_]?also|ads?|adsbygoogle|advert\w*|iklan\w*|banner\w*"
    r"|sponsor\w*|newsletter|subscribe|langganan|breadcrumbs?|sidebar|widgets?|popular|populer|terpopuler"
    r"|trending|nav|navbar|navigation|menu|pagination|pager|tags|tagcloud|post-tags|author-box|addtoany|a2a_kit"
    r"|ssba\w*|likes?|print)(?:[-_]|$)",
    re.IGNORECASE,
)
# Text of a short block that is only a label of site chrome, whatever its markup.
_CHROME_LABEL = re.compile(
    r"^(?:"
    r"(?:berita|artikel|postingan|tulisan|pos)\s+(?:terkait|lainnya|terbaru|populer|sebelumnya|berikutnya)\s*:?"
    r"|(?:bagikan|share|sebarkan)(?:\s+(?:ini|berita ini|artikel ini|this|ke))?\s*:?"
    r"(?:\s*(?:facebook|twitter|tweet|x|whatsapp|wa|telegram|line|e-?mail|linkedin|pinterest|salin tautan|copy link"
    r"|[\d.,]+\s*(?:rb|ribu|k)?))*"
    r"|(?:dibagikan|dilihat|dibaca)\s+[\d.,]+\s*(?:kali)?"
    r"|[\d.,]+\s*(?:rb|ribu|k)?\s*(?:kali\s+)?(?:dibagikan|shares?|views?|dilihat|dibaca)"
    r"|advertisement|iklan|advertorial|scroll (?:to|untuk) \w+.*|gulir (?:ke bawah )?untuk melanjutkan.*"
    r"|konten (?:ini )?(?:berlanjut|dilanjutkan) (?:di bawah|setelah).*"
    r"|tinggalkan (?:balasan|komentar).*|leave a (?:reply|comment).*|tulis komentar.*|[\d.,]+ komentar"
    r"|komentar(?: \(\d+\))?|belum ada komentar.*|posting komentar.*"
    r"|(?:ikuti kami di|follow us on)\b.*"
    r")$",
    re.IGNORECASE,
)
_CHROME_LABEL_LIMIT = 120
# "Baca juga: <another story>" boxes: a label followed by a colon or a link.
_READ_ALSO = re.compile(r"^(?:baca|simak|lihat)\s+(?:juga|pula)\b\s*(:)?", re.IGNORECASE)
_READ_ALSO_LIMIT = 250
_LIST_LABEL = re.compile(r"^(?:baca|simak|lihat)\s+(?:juga|pula)|terkait|lainnya", re.IGNORECASE)

_CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.IGNORECASE | re.DOTALL)
_CAPTION_IMAGE = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.IGNORECASE | re.DOTALL)
_CAPTION_ATTRIBUTE = re.compile(r'caption="([^"]*)"', re.IGNORECASE)
_EMBED = re.compile(r"\[embed[^\]]*\]\s*(https?://[^\s\[]+)\s*\[/embed\]", re.IGNORECASE)
_CHROME_SHORTCODE = re.compile(
    r"\[/?(?:gallery|addtoany|ssba\w*|sharethis\w*|social\w*|ads?|adsense\w*|adrotate|adinserter"
    r"|contact-form-7|wpforms|playlist|audio|video|related\w*|jetpack\w*)\b[^\]]*\]",
    re.IGNORECASE,
)
_BLOCK_START = re.compile(r"^\s*<(?:p|div|h[1-6]|ul|ol|li|blockquote|figure|table|pre|hr|dl)\b", re.IGNORECASE)
_BREAK_RUNS = re.compile(r"(?:<br\s*/?>\s*){2,}", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def expand_shortcodes(text: str) -> str:
    """WordPress shortcodes to HTML: captions become figures, embeds links, plugin codes go."""

    def caption(match: re.Match[str]) -> str:
        attributes, inner = match.groups()
        parts = _CAPTION_IMAGE.match(inner)
        if not parts:
            return inner
        image, text_after = parts.groups()
        written = _CAPTION_ATTRIBUTE.search(attributes)
        caption_text = (written.group(1) if written else "") or text_after.strip()
        return f"<figure>{image}<figcaption>{caption_text}</figcaption></figure>"

    text = _CAPTION.sub(caption, text)
    text = _EMBED.sub(r'<p><a href="\1">\1</a></p>', text)
    return _CHROME_SHORTCODE.sub("", text)


def paragraphs_from_lines(text: str) -> str:
    """WordPress's classic editor stores paragraphs as blank lines, not ``<p>``: add them."""
    if re.search(r"<p[\s>]", text, re.IGNORECASE):
        return text
    text = _BREAK_RUNS.sub("\n\n", text.replace("\r\n", "\n"))  # Blogger writes paragraphs as <br><br>
    blocks = []
    for written in re.split(r"\n\s*\n", text):
        block = written.strip()
        if not block:
            continue
        if _BLOCK_START.match(block):
            blocks.append(block)
        else:
            blocks.append("<p>" + block.replace("\n", "<br>\n") + "</p>")
    return "\n".join(blocks)


def _is_chrome_element(tag: Tag) -> bool:
    tokens = list(tag.get("class") or [])
    if tag.get("id"):
        tokens.append(str(tag["id"]))
    if tag.get("role") in ("navigation", "complementary", "banner", "contentinfo", "search"):
        return True
    if tag.get("hidden") is not None or tag.get("aria-hidden") == "true":
        return True
    if _HIDDEN_STYLE.search(str(tag.get("style") or "")):
        return True
    return any(_CHROME_WORDS.search(str(token)) for token in tokens)


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split()).replace("\u00a0", " ").strip()


def _is_chrome_text(block: Tag, text: str) -> bool:
    read_also = _READ_ALSO.match(text)
    if read_also and len(text) <= _READ_ALSO_LIMIT:
        label_only = read_also.end() == len(text)
        if label_only or read_also.group(1) or block.find("a") is not None:
            return True
    return len(text) <= _CHROME_LABEL_LIMIT and _CHROME_LABEL.match(text) is not None


def _remove_chrome_text(root: Tag) -> None:
    for block in root.find_all(BLOCK_TAGS):
        if block.decomposed or block.parent is None:
            continue
        text = _text(block)
        if not text or not _is_chrome_text(block, text):
            continue
        following = block.find_next_sibling()
        block.decompose()
        # A "Baca juga:" label followed by its list of links.
        if following is not None and following.name in ("ul", "ol") and _LIST_LABEL.search(text):
            following.decompose()


def document(tag: Tag) -> BeautifulSoup:
    """The BeautifulSoup object a tag belongs to (it creates new tags)."""
    while tag.parent is not None:
        tag = tag.parent
    if not isinstance(tag, BeautifulSoup):
        raise TypeError("tag is not part of a parsed document")
    return tag


def _normalise_captions(root: Tag) -> None:
    """Blogger caption tables and rendered WordPress captions become ``<figure>``."""
    for box in root.find_all(("table", "div")):
        classes = set(box.get("class") or [])
        if box.decomposed or not classes & {"tr-caption-container", "wp-caption"}:
            continue
        image = box.find("img")
        caption = box.find(class_=("tr-caption", "wp-caption-text"))
        if image is None:
            continue
        soup = document(root)
        figure = soup.new_tag("figure")
        wrapper = image.parent if image.parent is not None and image.parent.name == "a" else image
        figure.append(wrapper.extract())
        if caption is not None:
            figcaption = soup.new_tag("figcaption")
            figcaption.string = caption.get_text(" ", strip=True)
            figure.append(figcaption)
        box.replace_with(figure)


def _drop_decorative_images(root: Tag) -> None:
    """Emoji become their text; tracking pixels and spacers go."""
    for image in root.find_all("img"):
        classes = set(image.get("class") or [])
        if classes & {"emoji", "wp-smiley"}:
            image.replace_with(str(image.get("alt") or ""))
        elif str(image.get("width")) in ("0", "1") or str(image.get("height")) in ("0", "1"):
            image.decompose()


def _simplify(root: Tag) -> None:
    for tag in root.find_all(True):
        if tag.decomposed:
            continue
        if tag.name not in KEEP_TAGS:
            tag.unwrap()
            continue
        kept = KEEP_ATTRIBUTES.get(tag.name, ())
        tag.attrs = {key: value for key, value in tag.attrs.items() if key in kept}
    for heading in root.find_all("h1"):
        heading.name = "h2"  # the page title is the only h1


def _drop_empty(root: Tag) -> None:
    for tag in reversed(root.find_all(("p", "div", "li", "strong", "em", "b", "i", "a", "span", "figure"))):
        if tag.decomposed:
            continue
        if not tag.get_text(strip=True).replace("\u00a0", "") and not tag.find(("img", "iframe", "video", "br")):
            tag.decompose()


def clean_element(root: Tag) -> Tag:
    """Remove chrome below ``root`` (never ``root`` itself) and simplify the markup, in place."""
    for node in root.find_all(string=lambda s: isinstance(s, Comment | Doctype | Declaration | ProcessingInstruction)):
        node.extract()
    for tag in root.find_all(DROP_TAGS):
        if not tag.decomposed:
            tag.decompose()
    for tag in root.find_all(True):
        if not tag.decomposed and _is_chrome_element(tag):
            tag.decompose()
    _remove_chrome_text(root)
    _normalise_captions(root)
    _drop_decorative_images(root)
    _simplify(root)
    _drop_empty(root)
    return root


def clean_fragment(html_text: str) -> Tag:
    """Parse a post body from an export (WordPress or Blogger) and clean it."""
    prepared = paragraphs_from_lines(expand_shortcodes(html_text))
    soup = BeautifulSoup(f"<div>{prepared}</div>", "html.parser")
    root = soup.div
    return clean_element(root)


def plain_text(html_text: str) -> str:
    """Text of a small HTML snippet (an excerpt, a caption), on one line."""
    return " ".join(BeautifulSoup(html_text, "html.parser").get_text(" ").split())
