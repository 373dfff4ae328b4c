"""Fact checks: the verdict list, the clarification's fields, its page, ClaimReview, listings, feeds and cards.

The field rules and their messages are data (``tests/fixtures/validation/cekfakta-*.case``, run by
``test_validation.py`` and explained in /panduan/ per ``test_guide.py``); this module checks what a valid
clarification becomes once built: a tiny network with two clarifications in two kabupaten/kota and one
ordinary article.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree
from PIL import Image
from support.css import STYLESHEET, contrast_ratio, css_colour, css_rules
from support.feed_checks import atom_problems, json_feed_problems, rss_problems
from support.kim_inprocess import kim
from support.markup import live_markup
from support.site import DEMO_CONTENT, article, build_content, make_network, soup

from warta_cekfakta.cards import MAX_BYTES, VERDICT_COLOURS
from warta_cekfakta.share import shorten, whatsapp_link
from warta_core.factcheck import split_evidence
from warta_core.metadata import parse_header
from warta_core.problems import ProblemList
from warta_core.validation import check_network
from warta_core.verdicts import COLOURS, load_verdicts

HOAX = """\
Judul: Pesan Pendaftaran Bantuan Lewat Tautan Adalah Penipuan
Tanggal: 2024-03-12 10:00
Topik: pemerintahan
Ringkasan: Faktanya, pendataan bantuan hanya lewat musyawarah desa.
Klaim: Warga bisa mendaftar bantuan tunai lewat tautan di pesan berantai.
Penilaian: Salah
Beredar-Di: WhatsApp, Facebook
Tanggal-Klaim: 2024-03-10
Sumber: https://cekbansos.kemensos.go.id/?a=1,2 | Keterangan Kepala Desa Bagelen, 11 Maret 2024

Isi klarifikasi. Warga diminta tidak mengisi tautan itu.
"""
MYTH = """\
Judul: Rebusan Daun Tidak Menyembuhkan Demam Berdarah
Tanggal: 2024-03-14 09:00
Topik: kesehatan, cek-fakta
Klaim: Air rebusan daun jambu menyembuhkan demam berdarah dalam sehari.
Penilaian: menyesatkan
Sumber: https://ayosehat.kemkes.go.id/

Isi klarifikasi kedua.
"""
FILES = {
    "kim/kim-uji-bagelen/2024/hoaks-bantuan.md": HOAX,
    "kim/kim-uji-metro/2024/mitos-dbd.md": MYTH,
    "kim/kim-uji-bagelen/2024/posyandu.md": article("Posyandu Ramai", "2024-03-13 08:00", "kesehatan"),
}
HOAX_PAGE = "kim/kim-uji-bagelen/hoaks-bantuan/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cekfakta")
    output = root / "output"
    build_content(make_network(root, FILES), output, FEED_DOMAIN="https://warta.example.org")
    return output


def jsonld_nodes(page) -> list[dict]:
    nodes = []
    for script in page.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        nodes += data.get("@graph", [data])
    return nodes


# --- The verdict list and the check ---------------------------------------------------------------------------


def test_demo_verdict_list_is_valid_and_spans_the_scale() -> None:
    problems = ProblemList()
    verdicts = load_verdicts(str(DEMO_CONTENT / "_data" / "penilaian.yml"), problems)
    assert problems.items == []
    assert list(verdicts.verdicts) == ["hoaks", "penipuan", "menyesatkan", "belum-terbukti", "sebagian-benar", "benar"]
    assert (verdicts.worst, verdicts.best) == (1, 5)
    assert verdicts.find("Salah").slug == "hoaks"  # aliases and labels are accepted
    assert verdicts.find("Sebagian Benar").slug == "sebagian-benar"
    assert verdicts.closest("penipuaan") == "penipuan"
    assert {v.colour for v in verdicts.verdicts.values()} <= set(COLOURS)


def test_a_clarification_is_checked_and_always_listed_under_cek_fakta(tmp_path: Path) -> None:
    result = check_network(make_network(tmp_path, FILES))
    assert result.ok, [p.format() for p in result.problems.items]
    by_name = {os.path.basename(a.path): a for a in result.articles.values()}
    hoax = by_name["hoaks-bantuan.md"]
    assert hoax.topics == ["pemerintahan", "cek-fakta"]  # added automatically
    check = hoax.factcheck
    assert check.verdict.slug == "hoaks" and check.spread_on == ("WhatsApp", "Facebook")
    assert [(e.text, e.url) for e in check.evidence] == [
        ("https://cekbansos.kemensos.go.id/?a=1,2", "https://cekbansos.kemensos.go.id/?a=1,2"),
        ("Keterangan Kepala Desa Bagelen, 11 Maret 2024", ""),
    ]
    assert check.claim_date.date().isoformat() == "2024-03-10"
    assert by_name["mitos-dbd.md"].topics == ["kesehatan", "cek-fakta"]  # not twice
    assert by_name["posyandu.md"].factcheck is None


def test_sources_split_at_bars_and_at_yaml_list_commas() -> None:
    assert split_evidence("https://a.go.id/x,y | Keterangan Pak Lurah, 3 Mei") == [
        "https://a.go.id/x,y",
        "Keterangan Pak Lurah, 3 Mei",
    ]
    assert split_evidence("https://a.go.id/, https://b.go.id/") == ["https://a.go.id/", "https://b.go.id/"]


def test_front_matter_clarification_from_the_web_editor(tmp_path: Path) -> None:
    text = (
        "---\njudul: Kabar Banjir Palsu\ntanggal: 2024-03-05 09:30\ntopik: [kebencanaan]\n"
        "klaim: Tanggul jebol malam ini.\npenilaian: hoaks\ntanggal-klaim: 2024-03-04\n"
        "sumber: https://bpbd.example.go.id/ | Keterangan Ketua RT 02\n---\n\nIsi.\n"
    )
    result = check_network(make_network(tmp_path, {"kim/kim-uji-bagelen/banjir.md": text}))
    assert result.ok, [p.format() for p in result.problems.items]
    (source,) = result.articles.values()
    assert len(source.factcheck.evidence) == 2 and "cek-fakta" in source.topics


def test_network_without_a_verdict_list_refuses_clarifications_only(tmp_path: Path) -> None:
    content = make_network(tmp_path, FILES)
    os.remove(content / "_data" / "penilaian.yml")
    result = check_network(content)
    messages = {p.message for p in result.problems.errors}
    assert messages == {"Klarifikasi butuh daftar penilaian, tetapi content/_data/penilaian.yml belum ada."}
    assert len(result.problems.errors) == 2  # the two clarifications; the ordinary article passes
    os.remove(content / "kim" / "kim-uji-bagelen" / "2024" / "hoaks-bantuan.md")
    os.remove(content / "kim" / "kim-uji-metro" / "2024" / "mitos-dbd.md")
    assert check_network(content).ok


# --- The page -------------------------------------------------------------------------------------------------


def test_page_shows_verdict_claim_and_evidence(site: Path) -> None:
    page = soup(site / HOAX_PAGE)
    badge = page.select_one("article.berita header .vonis")
    assert badge.get_text(strip=True) == "Cek fakta: Hoaks"  # the verdict in words, not colour alone
    assert "vonis-merah" in badge["class"]
    assert page.select_one("blockquote.klaim").get_text(strip=True).startswith("Warga bisa mendaftar bantuan")
    evidence = page.select("ul.sumber li")
    assert [li.a["href"] if li.a else None for li in evidence] == ["https://cekbansos.kemensos.go.id/?a=1,2", None]
    assert "WhatsApp, Facebook" in page.select_one(".cek-fakta .meta").get_text()
    assert not [s for s in page.find_all("script") if s.get("type") != "application/ld+json"]


@pytest.mark.parametrize("colour", COLOURS)
def test_badge_colours_meet_wcag_aa_and_match_the_cards(colour: str) -> None:
    rules = css_rules(STYLESHEET.read_text(encoding="utf-8"))
    selector = f".vonis-{colour}"
    front, back = css_colour(rules, selector, "color"), css_colour(rules, selector, "background", "background-color")
    assert contrast_ratio(front, back) >= 4.5, f"{selector}: {front} on {back}"
    assert (back, front) == VERDICT_COLOURS[colour]  # the card's band says the same in the same colours


def test_claim_review_json_ld(site: Path) -> None:
    page = soup(site / HOAX_PAGE)
    (review,) = [node for node in jsonld_nodes(page) if node["@type"] == "ClaimReview"]
    url = "https://warta.example.org/kim/kim-uji-bagelen/hoaks-bantuan/"
    assert review["url"] == url
    assert review["claimReviewed"] == "Warga bisa mendaftar bantuan tunai lewat tautan di pesan berantai."
    assert review["datePublished"].startswith("2024-03-12T10:00")
    rating = review["reviewRating"]
    assert rating == {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Hoaks",
        "ratingExplanation": rating["ratingExplanation"],
    }
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert [a["name"] for a in claim["appearance"]] == ["WhatsApp", "Facebook"]
    assert claim["firstAppearance"] == {"@type": "CreativeWork", "name": "WhatsApp", "datePublished": "2024-03-10"}
    author = review["author"]
    assert author["@type"] == "Organization" and author["name"] == "KIM Uji Bagelen"
    assert author["parentOrganization"]["@type"] == "Organization"
    assert review["isBasedOn"] == ["https://cekbansos.kemensos.go.id/?a=1,2"]
    ordinary = soup(site / "kim/kim-uji-bagelen/posyandu/index.html")
    assert not [n for n in jsonld_nodes(ordinary) if n["@type"] == "ClaimReview"]


def test_whatsapp_text_and_share_link_without_javascript(site: Path) -> None:
    page = soup(site / HOAX_PAGE)
    link = next(a for a in page.find_all("a") if a["href"].startswith("https://wa.me/"))
    text = parse_qs(urlsplit(link["href"]).query)["text"][0]
    assert text == page.select_one("pre.teks-wa").get_text()
    lines = text.splitlines()
    assert lines[0] == "*HOAKS* — Klaim: “Warga bisa mendaftar bantuan tunai lewat tautan di pesan berantai.”"
    assert lines[1] == "Faktanya: Pendataan bantuan hanya lewat musyawarah desa."
    assert lines[2] == "Sumber: https://cekbansos.kemensos.go.id/?a=1,2; Keterangan Kepala Desa Bagelen, 11 Maret 2024"
    assert lines[3] == "Selengkapnya: https://warta.example.org/kim/kim-uji-bagelen/hoaks-bantuan/"
    assert unquote(whatsapp_link("a & b?")) == "https://wa.me/?text=a & b?"
    assert shorten("satu dua tiga empat", 12) == "satu dua…"


def test_share_cards_exist_with_their_sizes_and_the_og_image_prefers_the_card(site: Path) -> None:
    page = soup(site / HOAX_PAGE)
    og = page.find("meta", property="og:image")["content"]
    assert og.startswith("https://warta.example.org/kim/kim-uji-bagelen/hoaks-bantuan/cek-fakta-1200x630-")
    assert page.find("meta", property="og:image:width")["content"] == "1200"
    assert "Hoaks" in page.find("meta", property="og:image:alt")["content"]
    downloads = [a["href"] for a in page.find_all("a", download=True)]
    assert len(downloads) == 2
    for href, size in zip(sorted(downloads), [(1080, 1080), (1200, 630)], strict=True):
        path = site / href.removeprefix("https://warta.example.org/").lstrip("/")
        with Image.open(path) as card:
            assert card.size == size and card.format == "JPEG"
        assert 10_000 < path.stat().st_size <= MAX_BYTES
    news = next(n for n in jsonld_nodes(page) if n["@type"] == "NewsArticle")
    assert news["image"] == [og]
    ordinary = soup(site / "kim/kim-uji-bagelen/posyandu/index.html")
    assert "cek-fakta-" not in ordinary.find("meta", property="og:image")["content"]


# --- Listings and feeds ---------------------------------------------------------------------------------------


def test_cek_fakta_lists_every_clarification_newest_first_with_counts(site: Path) -> None:
    page = soup(site / "cek-fakta" / "index.html")
    items = page.select("ul.daftar-cek > li")
    assert [li.h2.get_text(strip=True) for li in items] == [
        "Rebusan Daun Tidak Menyembuhkan Demam Berdarah",
        "Pesan Pendaftaran Bantuan Lewat Tautan Adalah Penipuan",
    ]  # the ordinary article is not a clarification
    assert [li.select_one(".vonis").get_text(strip=True) for li in items] == ["Menyesatkan", "Hoaks"]
    counts = {
        li.a.get_text(strip=True): li.get_text(" ", strip=True) for li in page.select("#judul-per-kabupaten ~ ul li")
    }
    assert counts == {
        "Kabupaten Pesawaran": "Kabupaten Pesawaran — 1 klarifikasi",
        "Kota Metro": "Kota Metro — 1 klarifikasi",
    }
    assert len(page.select("#judul-per-kim ~ ul li")) == 2
    region = soup(site / "cek-fakta" / "lampung" / "kabupaten-pesawaran" / "index.html")
    assert [h.get_text(strip=True) for h in region.select("ul.daftar-cek h2")] == [
        "Pesan Pendaftaran Bantuan Lewat Tautan Adalah Penipuan"
    ]
    assert (site / "cek-fakta" / "lampung" / "kota-metro" / "index.html").exists()
    assert not (site / "cek-fakta" / "riau").exists()  # no clarification there


def test_cek_fakta_feeds_are_valid_and_carry_the_verdict(site: Path) -> None:
    folder = site / "cek-fakta"
    atom, rss, feed = [(folder / name).read_bytes() for name in ("atom.xml", "rss.xml", "feed.json")]
    assert atom_problems(atom) == [] and rss_problems(rss) == [] and json_feed_problems(feed) == []
    namespace = {"a": "http://www.w3.org/2005/Atom"}
    entries = etree.fromstring(atom).findall("a:entry", namespace)
    assert len(entries) == 2
    labels = [[c.get("label") for c in entry.findall("a:category", namespace)] for entry in entries]
    assert "Menyesatkan" in labels[0] and "Hoaks" in labels[1]
    assert [c.text for c in etree.fromstring(rss).iter("category")].count("Hoaks") == 1
    assert [item["tags"][-1] for item in json.loads(feed)["items"]] == ["Menyesatkan", "Hoaks"]
    network_feed = json.loads((site / "feed.json").read_bytes())  # the verdict travels in every feed
    assert any("Hoaks" in item["tags"] for item in network_feed["items"])


def test_every_feed_format_opens_a_clarification_with_its_verdict_and_claim(site: Path) -> None:
    """A newsroom republishing a debunk from any feed publishes what it debunks, in words."""
    claim = "Warga bisa mendaftar bantuan tunai lewat tautan di pesan berantai."
    lead = f"Penilaian: Hoaks. Klaim yang beredar: “{claim}”"
    full, summary_only = site / "kim" / "kim-uji-bagelen", site / "wilayah" / "lampung" / "kabupaten-pesawaran"
    desa = next(path for path in summary_only.rglob("atom.xml") if path.parent.parent.parent == summary_only)
    for folder in (full, desa.parent):
        atom = feedparser.parse((folder / "atom.xml").read_bytes())
        rss = feedparser.parse((folder / "rss.xml").read_bytes())
        items = {item["title"]: item for item in json.loads((folder / "feed.json").read_bytes())["items"]}
        entry = next(e for e in atom.entries if e.title.startswith("Pesan Pendaftaran"))
        item = next(e for e in rss.entries if e.title.startswith("Pesan Pendaftaran"))
        json_item = items["Pesan Pendaftaran Bantuan Lewat Tautan Adalah Penipuan"]
        assert entry.summary.startswith(f"Hoaks. Klaim: “{claim}”. Faktanya"), folder
        assert BeautifulSoup(item.description, "html.parser").get_text().startswith(f"Hoaks. Klaim: “{claim}”")
        if folder == full:
            for content in (entry.content[0].value, item.content[0].value):
                assert BeautifulSoup(content, "html.parser").get_text().startswith(lead)
        # a KIM's JSON Feed, like kecamatan and desa feeds, carries no body: the summary says it
        assert json_item["content_text"].startswith(f"Hoaks. Klaim: “{claim}”")
    network = {item["title"]: item for item in json.loads((site / "feed.json").read_bytes())["items"]}
    html = network["Pesan Pendaftaran Bantuan Lewat Tautan Adalah Penipuan"]["content_html"]
    assert BeautifulSoup(html, "html.parser").get_text().startswith(lead)


def test_home_page_strip_of_latest_clarifications(site: Path) -> None:
    page = soup(site / "index.html")
    lead = page.select_one(".utama")  # the newest story leads, with its verdict; the strip shows the others
    assert lead.h2.get_text(strip=True) == "Rebusan Daun Tidak Menyembuhkan Demam Berdarah"
    assert lead.select_one(".vonis").get_text(strip=True) == "Cek fakta: Menyesatkan"
    strip = page.select("section.cek-terbaru li")
    assert [li.select_one(".vonis").get_text(strip=True) for li in strip] == ["Hoaks"]
    assert page.select_one('section.cek-terbaru a[href="/cek-fakta/"]') is not None


def test_demo_has_clarifications_across_kabupaten(demo_output: Path) -> None:
    page = soup(demo_output / "cek-fakta" / "index.html")
    assert len(page.select("ul.daftar-cek > li")) >= 4
    assert len(page.select("#judul-per-kabupaten ~ ul li")) >= 4


def test_cek_fakta_is_the_one_place_for_every_clarification(demo_output: Path) -> None:
    """The topic page and /cek-fakta/ list the same stories, each with its verdict badge."""

    def listed(url: str) -> set[str]:
        found, page = set(), url
        while page:
            html = soup(demo_output / page / "index.html")
            links = html.select("main a[href^='/kim/']")
            found |= {a["href"] for a in links if a["href"].count("/") == 4}  # /kim/<kim>/<story>/
            next_link = html.select_one('a[rel="next"]')
            page = next_link["href"].strip("/") + "/" if next_link else None
        return found

    assert listed("topik/cek-fakta/") == listed("cek-fakta/")
    assert len(soup(demo_output / "cek-fakta" / "index.html").select("ul.daftar-cek .vonis")) >= 9


# --- Writing one ------------------------------------------------------------------------------------------------


def test_new_article_scaffolds_a_clarification_that_passes_and_becomes_one_when_filled(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, content)
    made = kim(
        "--konten",
        str(content),
        "new-article",
        "--kim",
        "kim-bagelen-berdaya",
        "--judul",
        "Hoaks Baru",
        "--klarifikasi",
    )
    assert made.returncode == 0, made.stderr
    path = Path(re.search(r"Berita baru dibuat: (\S+)", made.stdout).group(1))
    path = content.parent / path
    text = path.read_text(encoding="utf-8")
    header = parse_header(text)
    assert header.value("topics") == "cek-fakta"
    assert all(name in header.fields for name in ("claim", "verdict", "spread_on", "claim_date", "evidence"))
    assert "* Penilaian: wajib bila ada Klaim. Pilihan: hoaks, penipuan" in text
    assert check_network(content).ok  # empty fields: not a clarification yet
    filled = text.replace("Klaim:\n", "Klaim: Ada pembagian beras gratis di balai desa.\n", 1)
    path.write_text(filled, encoding="utf-8")
    errors = {p.message for p in check_network(content).problems.errors}
    assert errors == {"Klarifikasi belum punya Penilaian.", "Klarifikasi belum punya Sumber."}


def test_markup_in_a_clarification_is_text_everywhere(tmp_path: Path) -> None:
    """Klaim, Beredar-Di and a plain Sumber carrying markup show as text on the page, in JSON-LD and in feeds."""
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    text = (
        f"Judul: Klaim Berbahaya\nTanggal: 2024-03-12 10:00\nTopik: cek-fakta\nKlaim: Kabar {evil}\n"
        f"Penilaian: hoaks\nBeredar-Di: WhatsApp {evil}\nSumber: Keterangan {evil} | https://a.example.go.id/\n\nIsi.\n"
    )
    output = tmp_path / "output"
    build_content(make_network(tmp_path, {"kim/kim-uji-bagelen/2024/jahat.md": text}), output)
    page = soup(output / "kim/kim-uji-bagelen/jahat/index.html")
    reviews = [n for n in jsonld_nodes(page) if n["@type"] == "ClaimReview"]
    assert reviews[0]["claimReviewed"] == f"Kabar {evil}"  # JSON-LD is data: parsed back to the same text
    for script in page.find_all("script", type="application/ld+json"):
        script.decompose()
    assert live_markup(page) == []
    assert page.select_one("blockquote.klaim").get_text(strip=True) == f"Kabar {evil}"
    assert evil in page.select_one("pre.teks-wa").get_text()
    assert live_markup(soup(output / "cek-fakta" / "index.html")) == []
    assert json_feed_problems((output / "cek-fakta" / "feed.json").read_bytes()) == []


def test_a_changed_verdict_reaches_every_page_on_an_incremental_rebuild(tmp_path: Path) -> None:
    content = make_network(tmp_path, FILES)
    output = tmp_path / "output"
    build_content(content, output)
    hoax = content / "kim/kim-uji-bagelen/2024/hoaks-bantuan.md"
    hoax.write_text(HOAX.replace("Penilaian: Salah", "Penilaian: belum-terbukti"), encoding="utf-8")
    build_content(content, output)  # same output and cache: only what changed is written again
    page = soup(output / HOAX_PAGE)
    assert page.select_one(".vonis").get_text(strip=True) == "Cek fakta: Belum Terbukti"
    listing = soup(output / "cek-fakta" / "index.html")
    assert "Belum Terbukti" in [v.get_text(strip=True) for v in listing.select(".vonis")]
    strip = soup(output / "index.html").select("section.cek-terbaru .vonis")
    assert "Belum Terbukti" in [v.get_text(strip=True) for v in strip]
    card = page.find("meta", property="og:image")["content"].rsplit("/", 1)[1]
    assert (output / "kim/kim-uji-bagelen/hoaks-bantuan" / card).exists()
    assert "Belum Terbukti" in (output / "cek-fakta" / "atom.xml").read_text(encoding="utf-8")
