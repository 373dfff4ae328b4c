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
from collections import Counter

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction, Tag

from warta_core.limits import strip_forbidden

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
# Chrome counted in the import report, by kind (Indonesian, as the report shows them).
SHARE, COMMENTS, RELATED, ADS, NAVIGATION, SIDEBAR, NEWSLETTER, COOKIE, TAGS, COUNTER, BYLINE, HEADLINE = (
    "blok bagikan", "kolom/formulir komentar", "kotak \"Baca juga\"/berita terkait", "iklan", "navigasi/remah roti",
    "sidebar/widget", "kotak langganan/ajakan mengikuti", "pemberitahuan cookie", "daftar tag",
    "penghitung dilihat/dibaca", "baris penulis/tanggal", "judul yang diulang di isi",
)  # fmt: skip
_TAG_KINDS = {"form": COMMENTS, "nav": NAVIGATION, "aside": SIDEBAR, "footer": NAVIGATION, "header": NAVIGATION}
_WORD_KINDS = (
    (re.compile(r"shar|social|sosmed|socmed|addtoany|a2a|ssba|like|print", re.I), SHARE),
    (re.compile(r"comment|komentar|respond|disqus", re.I), COMMENTS),
    (re.compile(r"related|terkait|baca|read", re.I), RELATED),
    (re.compile(r"ad|iklan|advert|banner|sponsor", re.I), ADS),
    (re.compile(r"newsletter|subscribe|langganan|follow", re.I), NEWSLETTER),
    (re.compile(r"cookie|consent|gdpr", re.I), COOKIE),
    (re.compile(r"tag", re.I), TAGS),
    (re.compile(r"sidebar|widget|popul|trending", re.I), SIDEBAR),
    (re.compile(r"views?$|hits|counter", re.I), COUNTER),
    (re.compile(r"author", re.I), BYLINE),
)

# Class or id words of site chrome, matched as whole words inside tokens like "post-share-buttons".
_CHROME_WORDS = re.compile(
    r"(?:^|[-_])(?:share\w*|sharing|social\w*|sosmed|socmed|comments?|komentar\w*|respond|disqus\w*"
    r"|related\w*|terkait|baca[-_]?juga|read[-_]?also|ads?|adsbygoogle|advert\w*|iklan\w*|banner\w*"
    r"|sponsor\w*|newsletter|subscribe|langganan|breadcrumbs?|sidebar|widgets?|popular|populer|terpopuler"
    r"|trending|nav|navbar|navigation|menu|pagination|pager|tags|tagcloud|post-tags|author-box|addtoany|a2a_kit"
    r"|ssba\w*|likes?|print|cookies?\w*|consent|gdpr|follow|ikuti|views?|hits|counter)(?:[-_]|$)",
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
    r"|(?:ikuti kami di|follow us on|follow us)\b.*"
    r"|your email address will not be published.*|required fields are marked.*|save my name, email.*"
    r"|alamat email anda tidak akan (?:dipublikasikan|ditampilkan).*|(?:ruas|kolom) yang wajib (?:diisi )?ditandai.*"
    r"|simpan nama(?:, email)?.*komentar.*|post comment|kirim komentar|submit comment|balas|reply"
    r"|(?:nama|name|email|e-mail|website|situs web|komentar|comment)\s*\*?"
    r"|(?:berlangganan|langganan|subscribe)\b.*(?:newsletter|buletin|email|surel|berita).*"
    r"|(?:situs|website) ini menggunakan (?:cookie|kuki).*|this (?:site|website) uses cookies.*"
    r"|(?:setuju|saya setuju|terima|accept|ok, mengerti)"
    r"|(?:beranda|home)\s*(?:[»>/›|]\s*[^»>/›|]{1,40}){1,4}"
    r"|(?:tags?|label|kata kunci)\s*:.*"
    r")$",
    re.IGNORECASE,
)
_CHROME_LABEL_LIMIT = 120
# "Baca juga: <another story>" boxes: a label followed by a colon or a link.
_READ_ALSO = re.compile(r"^(?:baca|simak|lihat)\s+(?:juga|pula|selengkapnya)\b\s*(:)?", re.IGNORECASE)
_READ_ALSO_LIMIT = 250
# Promotions news sites append to every story, and relative times ("2 hari lalu") that stay wrong once saved.
_PROMOTION = re.compile(
    r"^(?:simak (?:breaking news|berita|informasi|update|video)\b.*"
    r"(?:ponsel|whatsapp|channel|google news|telegram|aplikasi|saluran).*"
    r"|artikel ini (?:telah|sudah) (?:tayang|terbit|dimuat|diterbitkan) di\b.*"
    r"|(?:saksikan|tonton|simak|lihat) (?:juga )?video\b.{0,60}"
    r"|(?:diperbarui|diperbaharui|diunggah|diposting|dipublikasikan|update)?\s*:?\s*(?:\d+|se)\s*"
    r"(?:detik|menit|jam|hari|minggu|pekan|bulan|tahun)\s+(?:yang\s+)?(?:lalu|silam))$",
    re.IGNORECASE,
)
_PROMOTION_LIMIT = 250
# A share block whose label, counters and network names the theme put in separate paragraphs.
_SHARE_PIECE = re.compile(
    r"^(?:(?:bagikan|share|sebarkan|shares?|total shares?|dibagikan)\s*:?|facebook|twitter|tweet|x|whatsapp|wa"
    r"|telegram|line|e-?mail|linkedin|pinterest|salin tautan|copy link|[\d.,]+\s*(?:rb|ribu|k)?"
    r"|[\d.,]+\s*(?:rb|ribu|k)?\s*(?:shares?|dibagikan|kali))$",
    re.IGNORECASE,
)
_SHARE_ANCHOR = re.compile(r"^(?:bagikan|share|sebarkan|shares?|total shares?|dibagikan)\b", re.IGNORECASE)
_SHARE_PIECE_LIMIT = 30
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
_ELEMENTOR = re.compile(r"^elementor-widget(?=-|$)", re.IGNORECASE)
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


def chrome_kind(tag: Tag) -> str | None:
    """The kind of site chrome ``tag`` is, from its role, visibility or class/id words; ``None`` for content."""
    tokens = list(tag.get("class") or [])
    if tag.get("id"):
        tokens.append(str(tag["id"]))
    if tag.get("role") in ("navigation", "complementary", "banner", "contentinfo", "search"):
        return NAVIGATION if tag.get("role") != "complementary" else SIDEBAR
    if tag.get("hidden") is not None or tag.get("aria-hidden") == "true":
        return ""
    if _HIDDEN_STYLE.search(str(tag.get("style") or "")):
        return ""
    for token in tokens:
        # Elementor wraps every block, the story's too, in "elementor-widget-…": a layout word, not a widget.
        found = _CHROME_WORDS.search(_ELEMENTOR.sub("elementor", str(token)))
        if found:
            word = found.group(0).strip("-_")
            return next((kind for pattern, kind in _WORD_KINDS if pattern.match(word)), NAVIGATION)
    return None


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split()).replace("\u00a0", " ").strip()


def _label_kind(text: str) -> str:
    lowered = text.lower()
    for words, kind in (
        (("bagikan", "share", "sebarkan", "dibagikan"), SHARE),
        (("cookie", "kuki", "setuju", "terima", "accept", "ok,"), COOKIE),
        (("ikuti", "follow", "langganan", "berlangganan", "subscribe"), NEWSLETTER),
        (("dilihat", "dibaca", "views"), COUNTER),
        (("iklan", "advert", "scroll", "gulir", "konten"), ADS),
        (("komentar", "comment", "reply", "balas", "email", "nama", "name", "website", "situs web"), COMMENTS),
        (("beranda", "home"), NAVIGATION),
        (("tag", "label", "kata kunci"), TAGS),
    ):
        if any(word in lowered for word in words):
            return kind
    return RELATED


def _is_chrome_text(block: Tag, text: str) -> str | None:
    read_also = _READ_ALSO.match(text)
    if read_also and len(text) <= _READ_ALSO_LIMIT:
        label_only = read_also.end() == len(text)
        if label_only or read_also.group(1) or block.find("a") is not None:
            return RELATED
    if len(text) <= _CHROME_LABEL_LIMIT and _CHROME_LABEL.match(text) is not None:
        return _label_kind(text)
    if len(text) <= _PROMOTION_LIMIT and _PROMOTION.match(text) is not None:
        return NEWSLETTER if text.casefold().startswith("simak") else RELATED
    return None


def _remove_chrome_text(root: Tag, tally: Counter[str]) -> None:
    """Blocks that are only a chrome label; a run of them of one kind (a comment form) counts once."""
    run_kind, run_next = "", None
    for block in root.find_all(BLOCK_TAGS):
        if block.decomposed or block.parent is None:
            continue
        text = _text(block)
        kind = _is_chrome_text(block, text) if text else None
        if kind is None:
            continue
        following = block.find_next_sibling()
        if not (block is run_next and kind == run_kind):
            tally[kind] += 1
        run_kind, run_next = kind, following
        block.decompose()
        # A "Baca juga:" label followed by its list of links.
        if following is not None and following.name in ("ul", "ol") and _LIST_LABEL.search(text):
            run_next = following.find_next_sibling()
            following.decompose()


def _remove_share_runs(root: Tag, tally: Counter[str]) -> None:
    """Share blocks split over sibling paragraphs: a label, counters and network names, one per block."""
    for block in root.find_all(BLOCK_TAGS):
        if block.decomposed or block.parent is None or not _is_share_piece(block):
            continue
        previous = block.find_previous_sibling()
        if previous is not None and _is_share_piece(previous):
            continue  # not the start of its run
        run = [block]
        following = block.find_next_sibling()
        while following is not None and _is_share_piece(following):
            run.append(following)
            following = following.find_next_sibling()
        texts = [_text(piece) for piece in run]
        if len(run) > 1 and any(_SHARE_ANCHOR.match(text) or not text[0].isdigit() for text in texts):
            for piece in run:
                piece.decompose()
            tally[SHARE] += 1


def _is_share_piece(block: Tag) -> bool:
    if block.name not in BLOCK_TAGS and block.name not in ("span", "a", "strong", "b"):
        return False
    text = _text(block)
    return 0 < len(text) <= _SHARE_PIECE_LIMIT and _SHARE_PIECE.match(text) is not None


def remove_repeated_headline(root: Tag, title: str, tally: Counter[str]) -> None:
    """Themes that print the headline again as the story's first paragraph(s)."""
    wanted = _comparable(title)
    if not wanted:
        return
    for block in root.find_all(("p", "h1", "h2", "h3", "div", "strong", "b")):
        if block.decomposed:
            continue
        text = _comparable(_text(block))
        if not text:
            continue
        if text != wanted:
            if block.find(("p", "h1", "h2", "h3", "div")) is None:
                break  # the story has started
            continue
        block.decompose()
        tally[HEADLINE] += 1


def _comparable(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


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


def clean_element(root: Tag, tally: Counter[str] | None = None) -> Tag:
    """Remove chrome below ``root`` (never ``root`` itself) and simplify the markup, in place.

    What was removed is counted by kind in ``tally`` (for the import report).
    """
    tally = Counter() if tally is None else tally
    for node in root.find_all(string=lambda s: isinstance(s, Comment | Doctype | Declaration | ProcessingInstruction)):
        node.extract()
    for tag in root.find_all(DROP_TAGS):
        if not tag.decomposed:
            if tag.name in _TAG_KINDS and _text(tag):
                tally[_TAG_KINDS[tag.name]] += 1
            tag.decompose()
    for tag in root.find_all(True):
        if tag.decomposed:
            continue
        kind = chrome_kind(tag)
        if kind is not None:
            if kind and (_text(tag) or tag.find("img")):
                tally[kind] += 1
            tag.decompose()
    _remove_share_runs(root, tally)
    _remove_chrome_text(root, tally)
    _normalise_captions(root)
    _drop_decorative_images(root)
    _simplify(root)
    _drop_empty(root)
    return root


def clean_fragment(html_text: str, tally: Counter[str] | None = None) -> Tag:
    """Parse a post body from an export (WordPress or Blogger) and clean it."""
    prepared = paragraphs_from_lines(expand_shortcodes(strip_forbidden(html_text)))
    soup = BeautifulSoup(f"<div>{prepared}</div>", "html.parser")
    root = soup.div
    return clean_element(root, tally)
