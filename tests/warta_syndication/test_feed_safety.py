"""Feeds carry text as text and HTML as sanitised HTML, encoded exactly once (issue 10, item 5).

One tiny network puts hostile markup into every field a writer or an admin
types: article title, Ringkasan, Penulis, body (a code sample and raw HTML),
the KIM's name and description, the network's name and description, a topic's
label and description, and a partner outlet's name and news. Every feed,
subscription list and sitemap in the output is then read the way a reader
does: XML parsed with lxml; RSS ``description``/``content:encoded``, Atom
``type="html"`` and JSON Feed ``content_html`` decoded and parsed as HTML,
which must hold no live markup; every text construct must equal the text the
writer typed, character for character (shown, neither run nor dropped).
``FIELDS`` lists where each field must appear, so a failure names the field
and the construct.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree
from support.feed_checks import atom_problems, json_feed_problems, opml_problems, rss_problems
from support.markup import live_markup
from support.site import ROOT, article, build_content, make_network

from warta_partners.cache import FeedState, PartnerCache
from warta_partners.entries import Entry
from warta_syndication.formats import FeedMeta, atom_feed, json_feed, rss_feed
from warta_syndication.items import Category, FeedItem
from warta_syndication.outlines import Subscription, news_sitemap, opml

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
TITLE = f"Judul {IMG} & {SCRIPT}"
RINGKASAN = f"Ringkas {IMG} {SCRIPT} &amp; selesai"  # "&amp;" typed as text must stay "&amp;"
PENULIS = f"Penulis {IMG}"
KIM_NAME = f"KIM Bagelen {IMG}"
KIM_DESCRIPTION = f"Profil {SCRIPT}"
NETWORK_NAME = f"Warta {SCRIPT}"
NETWORK_DESCRIPTION = f"Kabar jaringan {IMG}"
TOPIC_LABEL = f"Kesehatan {IMG}"
TOPIC_DESCRIPTION = f"Posyandu {SCRIPT}"
PARTNER_NAME = f"Media {IMG}"
PARTNER_TITLE = f"Mitra {SCRIPT}"
CODE_TITLE = "Contoh kode"
PIXEL = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC")
RAW_IMG = '<img src="gambar/titik.png" alt="titik" onerror="alert(1)">'  # a real image, so the checker lets it in
BODY = f'Isi berita. {RAW_IMG} dan <a href="javascript:alert(1)">tautan</a>.\n\n```html\n{SCRIPT}\n```\n'
CODE_BODY = f"```html\n{SCRIPT}\n```\n\nLanjutan <b onclick=alert(1)>teks</b> lagi\n"
CODE_SUMMARY = f"{SCRIPT} Lanjutan teks lagi"  # taken from the body: the code sample is text
NOW = dt.datetime(2024, 3, 6, 12, 0, tzinfo=dt.UTC)
KIM_FOLDER = "kim/kim-uji-bagelen"
ARTICLE_PAGE = f"{KIM_FOLDER}/uji/index.html"


@dataclass(frozen=True)
class Field:
    """A hostile field: its text and the constructs that must show it (``=`` exactly, ``in`` within)."""

    name: str
    value: str
    equal: tuple[str, ...] = ()
    within: tuple[str, ...] = ()


FIELDS = [
    Field("judul", TITLE,
          equal=("atom feed/entry/title", "rss rss/channel/item/title", "json items/title",
                 "news urlset/url/news/title", "artikel h1", "artikel og:title", "artikel ld headline"),
          within=("artikel <title>",)),
    Field("ringkasan", RINGKASAN,
          equal=("atom feed/entry/summary", "rss rss/channel/item/description", "json items/summary",
                 "artikel description", "artikel og:description", "beranda .ringkasan")),
    Field("ringkasan-dari-isi", CODE_SUMMARY,
          equal=("atom feed/entry/summary", "rss rss/channel/item/description", "json items/summary",
                 "kode description", "kode og:description", "beranda .ringkasan")),
    Field("penulis", PENULIS,
          equal=("atom feed/entry/author/name", "rss rss/channel/item/dc:creator", "json items/authors/name",
                 "artikel ld author/name"),
          within=("artikel .meta",)),
    Field("nama-kim", KIM_NAME,
          equal=("atom feed/entry/source/title", "rss rss/channel/item/source", "json items/_warta/source/title",
                 "opml opml/body/outline@title", "opml opml/body/outline@text", "kim h1", "artikel ld publisher/name"),
          within=("atom feed/title", "atom feed/subtitle", "rss rss/channel/title", "rss rss/channel/description",
                  "json title", "json description", "kim <title>", "kim og:title", "artikel .meta",
                  "atom feed/entry/content", "rss rss/channel/item/content:encoded", "json items/content_html")),
    Field("deskripsi-kim", KIM_DESCRIPTION, equal=("kim description", "kim og:description")),
    Field("nama-jaringan", NETWORK_NAME,
          equal=("atom feed/title", "rss rss/channel/title", "json title", "opml opml/head/ownerName",
                 "news urlset/url/news/publication/name", "beranda og:site_name",
                 "artikel ld publisher/parentOrganization/name"),
          within=("atom feed/rights", "rss rss/channel/copyright", "json _warta/rights", "opml opml/head/title",
                  "atom feed/entry/content", "rss rss/channel/item/content:encoded", "json items/content_html",
                  "beranda <title>")),
    Field("deskripsi-jaringan", NETWORK_DESCRIPTION,
          equal=("atom feed/subtitle", "rss rss/channel/description", "json description", "beranda description")),
    Field("label-topik", TOPIC_LABEL,
          equal=("atom feed/entry/category@label", "rss rss/channel/item/category", "json items/tags",
                 "artikel article:tag"),
          within=("atom feed/title", "rss rss/channel/title", "json title", "atom feed/subtitle")),
    Field("deskripsi-topik", TOPIC_DESCRIPTION,
          within=("atom feed/subtitle", "rss rss/channel/description", "json description")),
    Field("nama-mitra", PARTNER_NAME, within=("beranda .daftar-mitra",)),
    Field("judul-mitra", PARTNER_TITLE, within=("beranda .daftar-mitra",)),
]  # fmt: skip
RSS_HTML = {"description", "content:encoded"}
NAMESPACES = {
    "http://www.w3.org/2005/Atom": "",
    "http://purl.org/rss/1.0/modules/content/": "content:",
    "http://purl.org/dc/elements/1.1/": "dc:",
    "http://search.yahoo.com/mrss/": "media:",
    "http://www.sitemaps.org/schemas/sitemap/0.9": "",
    "http://www.google.com/schemas/sitemap-news/0.9": "",
}


@dataclass(frozen=True)
class Reading:
    """One value as a reader sees it: ``html`` values are the text of the parsed fragment."""

    file: str
    construct: str
    text: str
    html: BeautifulSoup | None = None


def hostile_files() -> dict[str, str | bytes]:
    """Articles, profile and network data carrying hostile markup."""
    topics = (ROOT / "content" / "_data" / "topik.yml").read_text(encoding="utf-8")
    topics = topics.replace("label: Kesehatan\n", f"label: {json.dumps(TOPIC_LABEL)}\n", 1)
    topics = topics.replace(
        "deskripsi: Posyandu, imunisasi, gizi, sanitasi, dan layanan kesehatan di sekitar warga.",
        f"deskripsi: {json.dumps(TOPIC_DESCRIPTION)}",
    )
    network = (
        f"nama: {json.dumps(NETWORK_NAME)}\ndeskripsi: {json.dumps(NETWORK_DESCRIPTION)}\ndomain_id: uji.example\n"
        "lisensi:\n  nama: CC BY 4.0\n  url: https://creativecommons.org/licenses/by/4.0/deed.id\n"
    )
    return {
        "_data/topik.yml": topics,
        "_data/jaringan.yml": network,
        "_data/mitra.yml": (
            f"- id: uji\n  nama: {json.dumps(PARTNER_NAME)}\n  beranda: https://uji.example/\n"
            '  umpan: http://127.0.0.1:9/rss\n  wilayah: ["18.09"]\n'
        ),
        f"{KIM_FOLDER}/kim.yml": (
            f'nama: {json.dumps(KIM_NAME)}\ndesa: "18.09.01.2007"\ndeskripsi: {json.dumps(KIM_DESCRIPTION)}\n'
        ),
        f"{KIM_FOLDER}/gambar/titik.png": PIXEL,
        f"{KIM_FOLDER}/2024/2024-03-05-uji.md": article(TITLE, penulis=PENULIS, ringkasan=RINGKASAN).split("\n\n")[0]
        + "\n\n"
        + BODY,
        f"{KIM_FOLDER}/2024/2024-03-06-kode.md": article(CODE_TITLE, "2024-03-06 09:30").split("\n\n")[0]
        + "\n\n"
        + CODE_BODY,
    }


def write_partner_cache(content: Path) -> None:
    """One partner news item in the cache, as a fetch would have left it."""
    entry = Entry(
        key="0123456789abcdef",
        source_id="https://uji.example/1",
        title=PARTNER_TITLE,
        link="https://uji.example/1",
        published=NOW - dt.timedelta(hours=2),
        date_estimated=False,
        first_seen=NOW,
        summary=f"Ringkasan mitra {IMG}",
        categories=["18.09.01.2007", "kesehatan"],
    )
    PartnerCache(str(content / "_mitra")).save(FeedState("uji", entries=[entry]))


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile network, built once for the module."""
    root = tmp_path_factory.mktemp("umpan-berbahaya")
    content = make_network(root, hostile_files())
    write_partner_cache(content)
    built = root / "output"
    build_content(content, built, WARTA_NOW=NOW)
    return built


def _name(element: etree._Element) -> str:
    """Local name with the usual prefix of its namespace (``content:encoded``, ``dc:creator``)."""
    qname = etree.QName(element)
    return NAMESPACES.get(qname.namespace or "", "") + qname.localname


def _xml_readings(file: str, root: etree._Element, kind: str) -> Iterator[Reading]:
    """Every element text and attribute of a feed, named by its path below the root."""
    for element in root.iter(etree.Element):
        path = "/".join(_name(e) for e in reversed([element, *element.iterancestors()]))
        for attribute, value in element.attrib.items():
            yield Reading(file, f"{kind} {path}@{etree.QName(attribute).localname}", value)
        if element.text is not None and len(element) == 0:
            is_html = element.get("type") == "html" if kind == "atom" else kind == "rss" and _name(element) in RSS_HTML
            if is_html:
                fragment = BeautifulSoup(element.text, "html.parser")
                yield Reading(file, f"{kind} {path}", fragment.get_text(), fragment)
            else:
                yield Reading(file, f"{kind} {path}", element.text)


def _json_readings(file: str, value: object, path: str = "") -> Iterator[Reading]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _json_readings(file, item, f"{path}/{key}" if path else key)
    elif isinstance(value, list):
        for item in value:
            yield from _json_readings(file, item, path)
    elif isinstance(value, str):
        if path.endswith("_html"):
            fragment = BeautifulSoup(value, "html.parser")
            yield Reading(file, f"json {path}", fragment.get_text(), fragment)
        else:
            yield Reading(file, f"json {path}", value)


def feed_readings(output: Path) -> list[Reading]:
    """Everything every feed, OPML list and news sitemap says, as a reader reads it."""
    readings: list[Reading] = []
    strict = etree.XMLParser(resolve_entities=False, no_network=True)
    for path in sorted(output.rglob("*")):
        relative = str(path.relative_to(output))
        if path.name in ("atom.xml", "rss.xml") or path.suffix == ".opml" or path.name == "sitemap-berita.xml":
            root = etree.fromstring(path.read_bytes(), strict)  # raises when not well-formed
            kind = {"atom.xml": "atom", "rss.xml": "rss", "sitemap-berita.xml": "news"}.get(path.name, "opml")
            readings += _xml_readings(relative, root, kind)
        elif path.name == "feed.json":
            readings += _json_readings(relative, json.loads(path.read_bytes()))
    return readings


def page_readings(output: Path) -> list[Reading]:
    """Titles, headings, share metadata and JSON-LD of the pages that show the hostile fields."""
    pages = {"artikel": ARTICLE_PAGE, "kode": f"{KIM_FOLDER}/kode/index.html", "kim": f"{KIM_FOLDER}/index.html"}
    pages["beranda"] = "index.html"
    readings: list[Reading] = []
    for label, relative in pages.items():
        page = BeautifulSoup((output / relative).read_text(encoding="utf-8"), "html.parser")
        readings.append(Reading(relative, f"{label} <title>", page.title.get_text()))
        readings += [Reading(relative, f"{label} h1", h1.get_text()) for h1 in page.find_all("h1")]
        for meta in page.find_all("meta", content=True):
            name = meta.get("property") or meta.get("name")
            readings.append(Reading(relative, f"{label} {name}", meta["content"]))
        for selector in (".meta", ".ringkasan", ".daftar-mitra"):
            texts = [element.get_text(" ", strip=True) for element in page.select(selector)]
            readings += [Reading(relative, f"{label} {selector}", text) for text in texts]
        for script in page.find_all("script", type="application/ld+json"):
            for reading in _json_readings(relative, json.loads(script.string)):
                construct = reading.construct.removeprefix("json ").replace("@graph/", "")
                readings.append(Reading(relative, f"{label} ld {construct}", reading.text))
    return readings


@pytest.fixture(scope="module")
def readings(output: Path) -> dict[str, list[Reading]]:
    """Feed and page readings, by construct."""
    found: dict[str, list[Reading]] = defaultdict(list)
    for reading in feed_readings(output) + page_readings(output):
        found[reading.construct].append(reading)
    return found


@pytest.mark.parametrize("field", FIELDS, ids=lambda field: field.name)
def test_field_is_text_everywhere(field: Field, readings: dict[str, list[Reading]]) -> None:
    for construct in field.equal + field.within:
        found = readings.get(construct, [])
        assert found, f"{field.name}: no {construct} in the output"
        if construct in field.equal:
            matching = [r for r in found if r.text == field.value]
        else:
            matching = [r for r in found if field.value in r.text]
        shown = sorted({r.text for r in found})[:6]
        assert matching, f"{field.name}: no {construct} shows {field.value!r} as text; found {shown}"


def test_feed_html_has_no_live_markup(readings: dict[str, list[Reading]]) -> None:
    fragments = [r for rs in readings.values() for r in rs if r.html is not None]
    assert len(fragments) > 50 and any("<script>" in r.text for r in fragments), "the hostile text is shown"
    problems = [f"{r.file}: {r.construct}: {p}" for r in fragments for p in live_markup(r.html)]
    assert problems == []


def test_no_url_in_any_feed_runs_script(readings: dict[str, list[Reading]]) -> None:
    urls = [r for construct, rs in readings.items() for r in rs if construct.rsplit("@", 1)[-1] in ("href", "url")]
    assert urls
    assert [f"{r.file}: {r.construct}={r.text}" for r in urls if not r.text.startswith("http")] == []


def test_every_page_has_no_live_markup(output: Path) -> None:
    pages = [p for p in output.rglob("*.html") if p.relative_to(output).parts[0] != "admin"]
    assert len(pages) > 20
    problems = []
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in page.find_all("script", type="application/ld+json"):
            json.loads(script.string)  # data, not code
            script.decompose()
        problems += [f"{path.relative_to(output)}: {p}" for p in live_markup(page)]
    assert problems == []


def test_every_feed_stays_valid(output: Path) -> None:
    checks = {"atom.xml": atom_problems, "rss.xml": rss_problems, "feed.json": json_feed_problems}
    checked = 0
    for path in sorted(output.rglob("*")):
        check = checks.get(path.name) or (opml_problems if path.suffix == ".opml" else None)
        if check:
            assert check(path.read_bytes()) == [], path.relative_to(output)
            checked += 1
    assert checked > 30


def test_no_output_file_holds_the_live_markup(output: Path) -> None:
    """Raw bytes: the hostile tags never appear unescaped in a feed, page or JSON file.

    admin/ configures the editor; CSV and XLSX under data/ are tables of text with no markup at all, so a KIM
    name there is the name as written (a spreadsheet shows it as text); pagefind/ is the search index of the
    pages' text, which /cari/'s script shows as text only (tests/warta_search/test_search.py).
    """
    tables = (".csv", ".xlsx")
    files = [
        p
        for p in output.rglob("*")
        if p.is_file()
        and p.relative_to(output).parts[0] not in ("admin", "theme", "pagefind")
        and p.suffix not in tables
    ]
    holding = [str(p.relative_to(output)) for p in files if b"<img src=x onerror" in p.read_bytes()]
    holding += [str(p.relative_to(output)) for p in files if b"<script>alert" in p.read_bytes()]
    assert holding == []


def test_partner_news_stays_out_of_the_feeds(readings: dict[str, list[Reading]]) -> None:
    feeds = [
        r for construct, rs in readings.items() for r in rs if construct.split(" ", 1)[0] in ("atom", "rss", "json")
    ]
    assert feeds and not [r for r in feeds if PARTNER_TITLE in r.text or PARTNER_NAME in r.text]


CONTROLS = "\x00\x01\x08\x0b\x0c\x1b\x1f\ufffe\ud800"


def test_serialisers_drop_characters_xml_forbids() -> None:
    """The last line of defence: a control character in any field never makes a feed unreadable."""
    dirty = f"A{CONTROLS}B"
    when = dt.datetime(2024, 3, 5, 9, 30, tzinfo=dt.UTC)
    url = "http://127.0.0.1:8000/kim/x/"
    meta = FeedMeta(dirty, dirty, url, f"{url}atom.xml", f"{url}rss.xml", f"{url}feed.json", dirty, when)
    item = FeedItem(
        "tag:uji.example,2024:x", f"{url}a/", dirty, dirty, f"<p>{dirty}</p>", when, when, dirty, dirty, url,
        [Category("kesehatan", dirty, "http://127.0.0.1:8000/topik/")],
    )  # fmt: skip
    documents = {
        "atom": (atom_feed(meta, [item]), atom_problems),
        "rss": (rss_feed(meta, [item]), rss_problems),
        "json": (json_feed(meta, [item]), json_feed_problems),
        "opml": (opml(dirty, [Subscription(dirty, url, url, url, url, dirty)], when, dirty), opml_problems),
        "news": (
            news_sitemap(dirty, [(url, dirty, when)]),
            lambda data: [] if etree.fromstring(data) is not None else ["?"],
        ),
    }
    for name, (data, check) in documents.items():
        assert check(data) == [], name
        decoded = data.decode("utf-8")
        assert "AB" in decoded, name
        assert not any(c in decoded for c in CONTROLS) and "\\u0000" not in decoded and "\\u001b" not in decoded, name
