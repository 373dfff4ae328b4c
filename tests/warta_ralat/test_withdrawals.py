"""Withdrawal (``Dicabut``): the notice at the story's address, and the story gone from everything else.

A tiny network with three stories, one of them with a photo and a recent date (so it has a share card of its
own), is built once; then the photo story is withdrawn and the same output is built again (incremental), as a
KIM would. The module asserts the notice page (no body, no photo, ``noindex``), listings, sitemap, search
attributes, the Atom tombstone (RFC 6721, read with lxml and feedparser), RSS and JSON Feed without the item,
and that no file of the old page (photo, variants, card) is left in ``output/``. The check's refusals have
their exact messages here; ``kim tarik`` and ``kim periksa --dasar`` are tested at the end.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import feedparser
import pytest
from lxml import etree
from support.kim_inprocess import kim
from support.photo_samples import screenshot_png
from support.site import article, build_content, make_network, run_kim, soup

from warta_core.metadata import parse_header
from warta_core.validation import check_network

KIM = "kim/kim-uji-bagelen"
WIB = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2024, 3, 20, 12, 0, tzinfo=WIB)
PHOTO_STORY = f"{KIM}/2024/anak.md"
PHOTO = f"{KIM}/gambar/anak.png"
STORY = article(
    "Anak Terluka dalam Kecelakaan di Jalan Desa", "2024-03-10 08:00", "kesehatan",
    Gambar="gambar/anak.png", Deskripsi_Gambar="Seorang anak di depan balai desa",
)  # fmt: skip
WITHDRAWAL = (
    "Dicabut: 2024-03-15 09:00 WIB\nAlasan-Pencabutan: masa-depan-anak\n"
    "Penjelasan-Pencabutan: Berita memuat wajah dan nama anak korban; keluarga meminta berita ditarik.\n"
)
FILES = {
    PHOTO: screenshot_png(640, 480),
    PHOTO_STORY: STORY,
    f"{KIM}/2024/rapat.md": article("Rapat Warga Membahas Jalan Desa", "2024-03-11 10:00", "pemerintahan"),
}
PAGE = "kim/kim-uji-bagelen/anak/index.html"
ATOM = "{http://www.w3.org/2005/Atom}"
AT = "{http://purl.org/atompub/tombstones/1.0}"
SETTINGS = {"WARTA_NOW": NOW, "FEED_DOMAIN": "https://warta.example.org"}


def withdrawn(text: str) -> str:
    """``text`` with the withdrawal fields at the end of its header."""
    header, body = text.split("\n\n", 1)
    return f"{header}\n{WITHDRAWAL}\n{body}"


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str], set[str]]:
    """Build, withdraw the photo story, build the same output again: (output, files before, files after)."""
    root = tmp_path_factory.mktemp("pencabutan")
    content = make_network(root, FILES)
    output = root / "output"
    build_content(content, output, **SETTINGS)
    before = {str(path.relative_to(output)) for path in output.rglob("*") if path.is_file()}
    (content / PHOTO_STORY).write_text(withdrawn(STORY), encoding="utf-8")
    build_content(content, output, **SETTINGS)
    after = {str(path.relative_to(output)) for path in output.rglob("*") if path.is_file()}
    return output, before, after


def test_the_address_shows_a_notice_without_body_photo_or_index(builds) -> None:
    output, _before, _after = builds
    page = soup(output / PAGE)
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    notice = page.select_one("article.berita-dicabut")
    assert notice.h1.get_text() == "Anak Terluka dalam Kecelakaan di Jalan Desa"
    assert notice.select_one("time.tanggal-dicabut")["datetime"] == "2024-03-15T09:00:00+07:00"
    assert "Melindungi masa depan anak" in notice.select_one("p.alasan").get_text()
    assert "keluarga meminta berita ditarik" in notice.select_one("p.penjelasan").get_text()
    assert "Isi berita uji" not in page.get_text()
    assert page.select("img, picture, div.isi") == []
    assert page.select("[data-pagefind-body]") == []
    assert "/kim/" not in page.find("meta", property="og:image")["content"], "the network's image, not the story's"


def test_the_story_leaves_listings_sitemaps_and_digests(builds) -> None:
    output, _before, _after = builds
    for listing in ("index.html", "kim/kim-uji-bagelen/index.html", "topik/kesehatan/index.html"):
        assert "/kim/kim-uji-bagelen/anak/" not in (output / listing).read_text(encoding="utf-8"), listing
    assert "/kim/kim-uji-bagelen/rapat/" in (output / "index.html").read_text(encoding="utf-8")
    for sitemap in ("sitemap.xml", "sitemap-berita.xml"):
        assert "/anak/" not in (output / sitemap).read_text(encoding="utf-8"), sitemap
    for digest in output.glob("**/kabar-sepekan/**/*.html"):
        assert "/kim/kim-uji-bagelen/anak/" not in digest.read_text(encoding="utf-8"), digest


def test_atom_feeds_carry_a_tombstone_that_rss_and_json_do_not(builds) -> None:
    output, _before, _after = builds
    for folder in ("", "kim/kim-uji-bagelen/", "topik/kesehatan/", "wilayah/lampung/kabupaten-pesawaran/"):
        tree = etree.parse(str(output / folder / "atom.xml"))
        (tombstone,) = tree.getroot().findall(f"{AT}deleted-entry")
        assert tombstone.get("ref") == "tag:warta-kim.example.org,2024-03-10:kim/kim-uji-bagelen/20240310T080000"
        assert tombstone.get("when") == "2024-03-15T09:00:00+07:00"
        comment = tombstone.findtext(f"{AT}comment")
        assert comment.startswith("Berita dicabut: Melindungi masa depan anak. Berita memuat wajah")
        assert tombstone.find(f"{ATOM}link").get("href") == "https://warta.example.org/kim/kim-uji-bagelen/anak/"
        titles = [entry.findtext(f"{ATOM}title") for entry in tree.getroot().iter(f"{ATOM}entry")]
        assert "Anak Terluka dalam Kecelakaan di Jalan Desa" not in titles
    parsed = feedparser.parse((output / "atom.xml").read_bytes())
    assert not parsed.bozo and [entry.title for entry in parsed.entries] == ["Rapat Warga Membahas Jalan Desa"]
    assert "2024-03-15" in parsed.feed.updated
    other = etree.parse(str(output / "topik/pemerintahan/atom.xml")).getroot()
    assert other.findall(f"{AT}deleted-entry") == [], "only feeds the story was in announce it"
    rss = feedparser.parse((output / "rss.xml").read_bytes())
    assert [entry.title for entry in rss.entries] == ["Rapat Warga Membahas Jalan Desa"]
    feed = json.loads((output / "feed.json").read_text(encoding="utf-8"))
    assert [item["title"] for item in feed["items"]] == ["Rapat Warga Membahas Jalan Desa"]


def test_the_tombstone_ends_after_the_configured_days(tmp_path: Path) -> None:
    content = make_network(tmp_path, {**FILES, PHOTO_STORY: withdrawn(STORY)})
    output = tmp_path / "output"
    build_content(content, output, **{**SETTINGS, "WARTA_RALAT_TOMBSTONE_DAYS": 3})
    assert etree.parse(str(output / "atom.xml")).getroot().findall(f"{AT}deleted-entry") == []
    assert (output / PAGE).exists()


def test_an_incremental_build_keeps_no_file_of_the_old_page(builds) -> None:
    _output, before, after = builds
    old = {name for name in before if "/anak" in name or "anak." in name} - {PAGE}
    assert any(name.endswith(".jpg") for name in old) and any(name.endswith(".webp") for name in old), sorted(old)
    assert any("bagikan" in name for name in old), "the photo story had a share image"
    assert old & after == set(), sorted(old & after)
    assert PAGE in after


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ("Dicabut: 2024-03-15 09:00\nAlasan-Pencabutan: fitnah\nPenjelasan-Pencabutan: Salah orang.\n",
         ':5: Alasan pencabutan "fitnah" tidak dikenal.'),
        ("Dicabut: 2024-03-15 09:00\nPenjelasan-Pencabutan: Salah orang.\n", ":4: Alasan pencabutan belum diisi."),
        ("Dicabut: 2024-03-15 09:00\nAlasan-Pencabutan: sara\n", ":4: Pencabutan berita belum diberi penjelasan."),
        ("Alasan-Pencabutan: sara\nPenjelasan-Pencabutan: Memicu permusuhan.\n",
         ":4: Alasan atau penjelasan pencabutan diisi, tetapi kolom Dicabut belum diisi."),
        ("Dicabut: 2099-01-01 10:00\nAlasan-Pencabutan: sara\nPenjelasan-Pencabutan: Memicu permusuhan.\n",
         ":4: Tanggal pencabutan 2099-01-01 10:00 masih di masa depan."),
        ("Dicabut: 2024-03-01 10:00\nAlasan-Pencabutan: sara\nPenjelasan-Pencabutan: Memicu permusuhan.\n",
         ":4: Tanggal pencabutan 2024-03-01 10:00 lebih awal dari tanggal terbit berita (2024-03-10 08:00)."),
        ("Status: draf\nDicabut: 2024-03-15 09:00\nAlasan-Pencabutan: sara\nPenjelasan-Pencabutan: Memicu.\n",
         ":5: Berita yang belum terbit tidak perlu dicabut."),
        ("Perlu-Verifikasi: mungkin\n", ':4: Perlu-Verifikasi "mungkin" tidak dikenal.'),
    ],
)  # fmt: skip
def test_the_check_refuses_a_withdrawal_without_a_known_reason(tmp_path: Path, fields: str, message: str) -> None:
    text = article("Berita Uji", "2024-03-10 08:00").replace("\n\n", f"\n{fields}\n", 1)
    content = make_network(tmp_path, {f"{KIM}/2024/uji.md": text})
    done = run_kim("--konten", str(content), "periksa")
    assert done.returncode == 1
    assert f"{KIM}/2024/uji.md{message}" in done.stdout + done.stderr, done.stdout + done.stderr


def test_a_network_without_the_reasons_file_cannot_withdraw(tmp_path: Path) -> None:
    content = make_network(tmp_path, {f"{KIM}/2024/uji.md": withdrawn(article("Uji", "2024-03-10 08:00"))})
    (content / "_data/alasan-pencabutan.yml").unlink()
    result = check_network(content, now=NOW)
    assert [p.message for p in result.problems.errors] == ["Jaringan ini belum punya daftar alasan pencabutan."]


def test_a_bad_reasons_file_is_reported_with_its_lines(tmp_path: Path) -> None:
    content = make_network(tmp_path, {})
    (content / "_data/alasan-pencabutan.yml").write_text(
        "# alasan\n- kode: sara\n  label: SARA\n- kode: Bukan Kode\n  label: X\n- kode: sara\n  label: Lagi\n",
        encoding="utf-8",
    )
    problems = [(p.line, p.message) for p in check_network(content, now=NOW).problems.errors]
    assert problems == [
        (4, 'Alasan ke-2: kolom `kode` "Bukan Kode" tidak sah.'),
        (6, 'Alasan ke-3: kode "sara" sudah dipakai alasan ke-1.'),
    ]


def test_kim_tarik_writes_the_fields_and_the_check_accepts_them(tmp_path: Path) -> None:
    content = make_network(tmp_path, FILES)
    path = content / PHOTO_STORY
    done = kim(
        "--konten", str(content), "tarik", str(path), "--alasan", "trauma-korban",
        "--penjelasan", "Keluarga korban keberatan; berita memuat rincian yang menambah duka.",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    header = parse_header(path.read_text(encoding="utf-8"))
    assert header.value("withdrawn").endswith(" WIB") and header.value("withdrawal_reason") == "trauma-korban"
    assert header.value("withdrawal_note").startswith("Keluarga korban keberatan")
    assert "kim foto" in done.stdout or "gambar/anak.png" in done.stdout  # says what to do with the photo
    result = check_network(content)
    assert result.ok, result.problems.items
    assert result.articles[str(path)].withdrawal.reason.code == "trauma-korban"


def test_kim_tarik_refuses_an_unknown_reason_and_leaves_the_file(tmp_path: Path) -> None:
    content = make_network(tmp_path, FILES)
    path = content / PHOTO_STORY
    done = kim("--konten", str(content), "tarik", str(path), "--alasan", "fitnah", "--penjelasan", "Salah.")
    assert done.returncode == 1
    assert 'Alasan pencabutan "fitnah" tidak dikenal.' in done.stderr
    assert "sara, kesusilaan, masa-depan-anak, trauma-korban, keputusan-dewan-pers, sumber-dicabut" in done.stderr
    assert path.read_text(encoding="utf-8") == STORY


@pytest.fixture
def portal(tmp_path: Path):
    """The demo network committed by an admin (tests/warta_cli/test_ownership.py's repository)."""
    from test_ownership import demo_repository

    return demo_repository(tmp_path / "portal")


DEMO_STORY = "content/kim/kim-bagelen-berdaya/2020/2020-02-19-keripik-pisang-bagelen.md"
REFUSED = (
    "{path}: berita yang sudah terbit tidak boleh {what}: "
    + 'cabut dengan `kim tarik BERKAS --alasan KODE --penjelasan "…"`'
)


def test_a_pull_request_may_not_delete_a_published_story(portal) -> None:
    from test_ownership import SITI

    portal.git("switch", "-q", "-c", "hapus-berita")
    portal.git("rm", "-q", DEMO_STORY, author=SITI)
    portal.commit("Hapus berita", SITI)
    result = portal.check("sitirahma-bgl")
    assert result.returncode == 1
    assert REFUSED.format(path=DEMO_STORY, what="dihapus") in result.stderr


def test_a_pull_request_may_not_set_a_published_story_back_to_draft(portal) -> None:
    from test_ownership import SITI

    portal.git("switch", "-q", "-c", "jadikan-draf")
    path = portal.path / DEMO_STORY
    header, body = path.read_text(encoding="utf-8").split("\n\n", 1)
    path.write_text(f"{header}\nStatus: draf\n\n{body}", encoding="utf-8")
    portal.commit("Jadikan draf", SITI)
    result = portal.check("sitirahma-bgl")
    assert result.returncode == 1
    assert REFUSED.format(path=DEMO_STORY, what="dikembalikan menjadi draf") in result.stderr


def test_a_pull_request_may_withdraw_move_or_delete_a_draft(portal) -> None:
    from test_ownership import SITI

    portal.git("switch", "-q", "-c", "tarik")
    path = portal.path / DEMO_STORY
    header, body = path.read_text(encoding="utf-8").split("\n\n", 1)
    path.write_text(f"{header}\n{WITHDRAWAL.replace('2024-03-15', '2026-12-01')}\n{body}", encoding="utf-8")
    portal.write("content/kim/kim-bagelen-berdaya/2026/draf.md", article("Draf", "2026-12-01 08:00", Status="draf"))
    portal.commit("Cabut berita, tulis draf", SITI)
    assert portal.check("sitirahma-bgl").returncode == 0, portal.check("sitirahma-bgl").stderr
    portal.git("rm", "-q", "content/kim/kim-bagelen-berdaya/2026/draf.md", author=SITI)
    portal.git("mv", DEMO_STORY, DEMO_STORY.replace("2020/", "2020/pindah-"), author=SITI)
    portal.commit("Hapus draf, pindahkan berkas", SITI)
    result = portal.check("sitirahma-bgl")
    assert result.returncode == 0, result.stderr
