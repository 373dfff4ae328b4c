"""`kim impor`: WordPress, Blogger and saved pages into a KIM's folder, clean and checked.

Fixtures are data: ``tests/fixtures/import/*.xml|*.atom|*.html``. Each opens
with a ``<!-- -->`` comment (read by ``fixture_cases.read_header``) naming the
case, the KIM, the arguments (``name value; …``, each becoming ``--name
value``), how many articles and images must be created, and text that must be
present in or absent from the articles (``|``-separated). ``test_fixture_imports_clean_and_checked`` runs them all;
the other tests assert the metadata of each source and every refusal.

``test_fixture_markdown_exactly`` compares every article an import writes with
``expected/<source name>/<path in the KIM folder>``, byte for byte (body
without chrome, title, date, author or its absence, summary). After a
deliberate change, regenerate them with
``KIM_IMPORT_REGENERATE=1 .venv/bin/pytest tests/warta_cli/test_cli_import.py -k exactly``
and review the diff: every line of it is a change in what writers get.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import socket
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from support.fixture_cases import read_header
from support.kim_inprocess import kim
from support.site import DEMO_CONTENT, TESTS, build_content, run_kim

from warta_core.metadata import Header, parse_header

FIXTURES = TESTS / "fixtures" / "import"


def same_picture(copy: Path, original: Path) -> bool:
    """The imported copy is the original picture, tidied like `kim foto` does: same pixels, no metadata."""
    from PIL import Image, ImageChops

    with Image.open(copy) as tidy, Image.open(original) as source:
        same = ImageChops.difference(tidy.convert("RGBA"), source.convert("RGBA")).getbbox() is None
        return tidy.size == source.size and same and not tidy.getexif() and "exif" not in tidy.info


SOURCES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".xml", ".atom", ".html"))
WXR = FIXTURES / "wordpress-kim-bagelen.xml"
BLOGGER = FIXTURES / "blogger-kim-hadimulyo.xml"
TAKEOUT = FIXTURES / "blogger-takeout-kim-metro.atom"
PAGE_LOCAL = FIXTURES / "halaman-berita-posyandu.html"
PAGE_REMOTE = FIXTURES / "halaman-berita-pasar.html"


@dataclass
class Case:
    name: str
    kim: str
    args: list[str]
    files: int
    images: int
    present: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)


def load_case(path: Path) -> Case:
    header = read_header(path)
    args: list[str] = []
    for part in header.split("args", ";"):
        name, _, value = part.partition(" ")
        args += [f"--{name}", str(FIXTURES / value) if name == "gambar" else value]
    return Case(
        name=path.name,
        kim=header.get("kim"),
        args=args,
        files=int(header.get("expect-files")),
        images=int(header.get("expect-images")),
        present=header.split("expect-present"),
        absent=header.split("expect-absent"),
    )


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, target)
    return target


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a network connection fails the test: imports never download."""

    def refuse(self, address):
        raise AssertionError(f"the import tried to connect to {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def files_of(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def import_into(content: Path, source: Path, kim_slug: str, *args: str):
    return kim("--konten", str(content), "import", str(source), "--kim", kim_slug, *args)


def header_of(path: Path) -> Header:
    return parse_header(path.read_text(encoding="utf-8"))


def by_name(paths: set[Path], part: str) -> Path:
    (found,) = [p for p in paths if part in p.name]
    return found


@pytest.mark.parametrize("source", SOURCES, ids=[p.name for p in SOURCES])
def test_fixture_imports_clean_and_checked(source: Path, content: Path, offline: None) -> None:
    case = load_case(source)
    folder = content / "kim" / case.kim
    before = files_of(folder)
    imported = import_into(content, source, case.kim, *case.args)
    assert imported.returncode == 0, f"{case.name}:\n{imported.stdout}\n{imported.stderr}"
    assert "lolos `kim periksa`" in imported.stdout
    new = files_of(folder) - before
    articles = {p for p in new if p.suffix == ".md"}
    assert len(articles) == case.files, f"{case.name}: {sorted(p.name for p in new)}"
    assert len(new - articles) == case.images, f"{case.name}: {sorted(p.name for p in new)}"
    text = "\n".join(p.read_text(encoding="utf-8") for p in articles)
    for expected in case.present:
        assert expected in text, f"{case.name}: {expected!r} missing"
    for chrome in case.absent:
        assert chrome not in text, f"{case.name}: {chrome!r} was not removed"
    checked = kim("--konten", str(content), "check", *map(str, articles))
    assert checked.returncode == 0, checked.stderr
    assert "(peringatan)" not in checked.stderr
    snapshot = {p: p.read_bytes() for p in new}
    again = import_into(content, source, case.kim, *case.args)
    assert again.returncode == 0
    assert again.stdout.count("sudah ada; dilewati (tidak ditimpa)") == case.files
    assert files_of(folder) - before == set(snapshot)
    assert all(p.read_bytes() == data for p, data in snapshot.items())


EXPECTED = FIXTURES / "expected"


@pytest.mark.parametrize("source", SOURCES, ids=[p.name for p in SOURCES])
def test_fixture_markdown_exactly(source: Path, content: Path, offline: None) -> None:
    case = load_case(source)
    folder = content / "kim" / case.kim
    before = files_of(folder)
    imported = import_into(content, source, case.kim, *case.args)
    assert imported.returncode == 0, f"{case.name}:\n{imported.stdout}\n{imported.stderr}"
    new = sorted(p for p in files_of(folder) - before if p.suffix == ".md")
    written = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in new}
    expected_folder = EXPECTED / source.name
    if os.environ.get("KIM_IMPORT_REGENERATE"):
        shutil.rmtree(expected_folder, ignore_errors=True)
        for name, text in written.items():
            (expected_folder / name).parent.mkdir(parents=True, exist_ok=True)
            (expected_folder / name).write_text(text, encoding="utf-8")
    expected = {
        p.relative_to(expected_folder).as_posix(): p.read_text(encoding="utf-8") for p in files_of(expected_folder)
    }
    assert sorted(written) == sorted(expected), case.name
    for name, text in written.items():
        assert text == expected[name], f"{case.name}: {name} differs from expected/{source.name}/{name}"


def test_report_says_what_was_removed_guessed_and_needed(content: Path, offline: None) -> None:
    sentence = import_into(
        content, FIXTURES / "halaman-penulis-bukan-dari-kalimat.html", "kim-way-lima-sejahtera", "--topik", "pendidikan"
    )
    assert sentence.returncode == 0, sentence.stderr
    report = sentence.stdout[sentence.stdout.index("Laporan impor:") :]
    assert "  Diimpor: 1 berita (1 terbit, 0 draf/terjadwal).\n" in report
    assert (
        "  Dibuang sebagai hiasan situs: 2 judul yang diulang di isi, 1 blok bagikan, 1 kolom/formulir komentar, "
        "1 kotak langganan/ajakan mengikuti.\n" in report
    )
    assert "    penulis tidak disebut di tempat yang menyatakan penulis: " in report
    assert 'ulangi dengan --penulis "Nama".' in report
    assert "topik diisi dari --topik" in report
    assert "Ditebak" not in report  # the date is stated under the headline
    lead = import_into(
        content, FIXTURES / "halaman-tanggal-di-teras.html", "kim-way-lima-sejahtera", "--topik", "pendidikan"
    )
    assert "    tanggal diambil dari kalimat awal berita, bukan dari keterangan terbit: " in lead.stdout
    assert "penulis tidak disebut" not in lead.stdout
    repaired = import_into(
        content, FIXTURES / "blogger-namespace-tak-dideklarasikan.xml", "kim-hadimulyo-cerdas", "--topik", "budaya"
    )
    assert (
        'blogger-namespace-tak-dideklarasikan.xml: awalan namespace "thr" dipakai tanpa dideklarasikan; '
        "deklarasinya ditambahkan." in repaired.stdout
    )
    named = import_into(content, FIXTURES / "halaman-penulis-bukan-dari-kalimat.html", "kim-metro-berseri",
                        "--topik", "pendidikan", "--penulis", "Tim KIM Metro")  # fmt: skip
    (article,) = (content / "kim" / "kim-metro-berseri" / "2024").glob("*pojok-baca*.md")
    assert named.returncode == 0 and header_of(article).value("author") == "Tim KIM Metro"


def test_export_mistakes_are_repaired_and_reported(content: Path, tmp_path: Path) -> None:
    written = (FIXTURES / "blogger-namespace-tak-dideklarasikan.xml").read_text(encoding="utf-8")
    broken = tmp_path / "cadangan.xml"
    title = "Seratus&nbsp;Bibit Pohon &amp;lol1; & Kali</title>"
    written_badly = written.replace("Seratus Bibit Pohon di Bantaran Sungai</title>", title)
    broken.write_text(written_badly.replace("<thr:total>0</thr:total>", "<thr:total>0\x07</thr:total>"), "utf-8")
    imported = import_into(content, broken, "kim-hadimulyo-cerdas", "--topik", "budaya")
    assert imported.returncode == 0, imported.stderr
    for repair in (
        "karakter kendali yang tidak boleh ada di XML dibuang",
        "1 entitas HTML (misalnya &nbsp;) yang tidak dikenal XML diubah ke hurufnya",
        "1 tanda & yang tidak ditulis &amp; dibaca sebagai teks",
        'awalan namespace "thr" dipakai tanpa dideklarasikan; deklarasinya ditambahkan',
    ):
        assert f"Diperbaiki saat membaca {broken}: {repair}." in imported.stdout
    (article,) = (content / "kim" / "kim-hadimulyo-cerdas" / "2022").glob("*tanam-pohon*.md")
    # the no-break space is a space in a header; "&amp;lol1;" was decoded once, by the XML parser
    assert header_of(article).value("title") == "Warga Tanam Seratus Bibit Pohon &lol1; & Kali"
    truncated = tmp_path / "terpotong.xml"
    truncated.write_text(written[: written.index("<thr:total>")], encoding="utf-8")
    refused = import_into(content, truncated, "kim-hadimulyo-cerdas", "--topik", "budaya")
    assert refused.returncode == 1 and "terpotong.xml: berkas ekspor Blogger rusak di baris" in refused.stderr


def test_wordpress_metadata_cover_and_skips(content: Path, offline: None) -> None:
    folder = content / "kim" / "kim-bagelen-berdaya"
    before = files_of(folder)
    imported = import_into(
        content, WXR, "kim-bagelen-berdaya", "--topik", "kegiatan-kim", "--gambar", str(FIXTURES / "wordpress-uploads")
    )
    assert imported.returncode == 0, imported.stderr
    assert "3 berita ditemukan" in imported.stdout
    assert "Tidak diimpor: 1 bukan berita (halaman statis)." in imported.stdout
    assert "Tidak diimpor: 1 berita di tong sampah atau simpanan otomatis." in imported.stdout
    new = files_of(folder) - before
    posyandu = header_of(by_name(new, "posyandu-mawar-aplikasi.md"))
    assert by_name(new, "posyandu-mawar-aplikasi.md").relative_to(folder).as_posix() == (
        "2019/2019-11-20-posyandu-mawar-aplikasi.md"
    )
    assert posyandu.value("title") == "Posyandu Mawar Bagelen Kini Catat Tumbuh Kembang Balita di Aplikasi"
    assert posyandu.value("date") == "2019-11-20 10:05"
    assert posyandu.value("author") == "Dewi Anggraini"  # display name, not the login
    assert posyandu.value("topics") == "kesehatan"  # the category matches a topic
    assert (
        posyandu.value("summary") == "Kader Posyandu Mawar mulai mencatat hasil penimbangan balita di aplikasi ponsel."
    )
    assert posyandu.value("image") == "gambar/posyandu-mawar-aplikasi/balai-desa-bagelen.png"
    assert posyandu.value("image_alt") == "Antrean ibu dan balita di teras Balai Desa Bagelen"
    assert posyandu.value("status") == "terbit"
    cover = folder / posyandu.value("image")
    assert same_picture(cover, FIXTURES / "wordpress-uploads/2019/11/balai-desa-bagelen.png")
    inline = folder / "gambar/posyandu-mawar-aplikasi/posyandu-mawar.png"  # the original of the 1024x683 size
    assert f"]({inline.relative_to(folder).as_posix()})" in posyandu.body
    cocoa = header_of(by_name(new, "fermentasi-kakao.md"))
    assert (cocoa.value("author"), cocoa.value("topics"), cocoa.value("date")) == (
        "Bayu Prasetyo",
        "pertanian",
        "2020-03-05 14:30",
    )
    hoax = header_of(by_name(new, "klarifikasi"))
    assert hoax.value("status") == "draf"
    assert hoax.value("topics") == "kegiatan-kim"  # "Hoaks" is no topic: the --topik default


def test_topic_map_and_all_drafts(content: Path) -> None:
    folder = content / "kim" / "kim-bagelen-berdaya"
    before = files_of(folder)
    imported = import_into(
        content, WXR, "kim-bagelen-berdaya", "--topik", "budaya", "--peta-topik", "hoaks=Cek Fakta & Hoaks", "--draf"
    )
    assert imported.returncode == 0, imported.stderr
    headers = [header_of(p) for p in files_of(folder) - before if p.suffix == ".md"]
    assert {h.value("status") for h in headers} == {"draf"}
    assert sorted(h.value("topics") for h in headers) == ["cek-fakta", "kesehatan", "pertanian"]


def test_blogger_dates_labels_drafts_and_skips(content: Path, offline: None) -> None:
    folder = content / "kim" / "kim-hadimulyo-cerdas"
    before = files_of(folder)
    imported = import_into(content, BLOGGER, "kim-hadimulyo-cerdas", "--topik", "kegiatan-kim", "--penulis", "Tim KIM")
    assert imported.returncode == 0, imported.stderr
    assert "Tidak diimpor: 1 bukan berita (komentar)." in imported.stdout
    assert "Tidak diimpor: 1 bukan berita (halaman statis)." in imported.stdout
    new = files_of(folder) - before
    cleanup = header_of(by_name(new, "kerja-bakti-selokan.md"))
    assert cleanup.value("date") == "2021-06-13 08:30"
    assert cleanup.value("author") == "Rudi Hartanto"
    assert cleanup.value("topics") == "lingkungan"
    assert cleanup.value("status") == "terbit"
    draft = header_of(by_name(new, "jumantik-cilik.md"))
    assert draft.value("date") == "2021-06-20 19:45"
    assert draft.value("status") == "draf"
    assert draft.value("author") == "Tim KIM"  # Blogger's "Unknown" is no author
    assert draft.value("topics") == "kesehatan"


def test_blogger_takeout_zone_and_file_name(content: Path) -> None:
    folder = content / "kim" / "kim-metro-berseri"
    before = files_of(folder)
    imported = import_into(content, TAKEOUT, "kim-metro-berseri", "--topik", "budaya")
    assert imported.returncode == 0, imported.stderr
    assert "Tidak diimpor: 1 berita yang sudah dihapus." in imported.stdout
    (article,) = files_of(folder) - before
    assert article.name == "2020-11-16-layanan-adminduk-sabtu.md"
    header = header_of(article)
    assert header.value("date") == "2020-11-16 09:00"  # 02:00 UTC is 09:00 WIB
    assert header.value("author") == "Yuliana Putri"
    assert header.value("topics") == "pemerintahan"


def test_saved_page_with_local_images(content: Path, offline: None) -> None:
    folder = content / "kim" / "kim-sekayu-madani"
    before = files_of(folder)
    imported = import_into(content, PAGE_LOCAL, "kim-sekayu-madani", "--topik", "kesehatan")
    assert imported.returncode == 0, imported.stderr
    new = files_of(folder) - before
    header = header_of(by_name(new, ".md"))
    assert header.value("title") == "Lansia Sekayu Ikut Senam dan Cek Tensi Gratis"
    assert header.value("date") == "2019-11-20 10:05"  # from "Rabu (20/11/2019) 10:05 WIB"
    assert header.value("author") == "Rina Kartika"
    assert header.value("image_alt") == "Lansia mengikuti senam pagi di halaman balai desa"
    cover = folder / header.value("image")
    assert same_picture(cover, FIXTURES / "halaman-berita-posyandu_files/foto-utama.png")
    assert {p.name for p in new if p.suffix == ".png"} == {"foto-utama.png", "foto-kedua.png"}  # no site logo
    assert header.body.count("![") == 1  # the cover is not repeated in the text


def test_saved_page_without_images_folder(content: Path) -> None:
    folder = content / "kim" / "kim-way-lima-sejahtera"
    before = files_of(folder)
    imported = import_into(content, PAGE_REMOTE, "kim-way-lima-sejahtera", "--topik", "ekonomi-umkm")
    assert imported.returncode == 0, imported.stderr
    (article,) = files_of(folder) - before
    header = header_of(article)
    assert header.value("date") == "2020-11-16 08:15"  # "Senin, 16 November 2020 | 08:15 WIB"
    assert header.value("author") == "Andi Saputra"
    assert header.value("image") == ""
    assert header.body.lstrip().startswith("<!-- Diimpor dengan kim impor dari https://kabarpesawaran.example/")
    assert "gambar/sematan jadi tautan" in imported.stdout
    assert "tidak diunduh" in imported.stdout


def test_imported_articles_build_without_chrome(content: Path, tmp_path: Path) -> None:
    for source, kim_slug, topic in (
        (WXR, "kim-bagelen-berdaya", "kegiatan-kim"),
        (PAGE_LOCAL, "kim-sekayu-madani", "kesehatan"),
    ):
        extra = ("--gambar", str(FIXTURES / "wordpress-uploads")) if source == WXR else ()
        assert import_into(content, source, kim_slug, "--topik", topic, *extra).returncode == 0
    output = tmp_path / "output"
    build_content(content, output)
    page = (output / "kim/kim-bagelen-berdaya/posyandu-mawar-aplikasi/index.html").read_text(encoding="utf-8")
    assert "Sebanyak 46 balita ditimbang" in page
    for absent in ("Baca juga", "Diimpor dengan kim impor", "adsbygoogle", "addtoany"):
        assert absent not in page
    # the image is shown, as the derivatives the build makes of it (photos' originals are not published)
    shown = re.findall(r'src="/(kim/kim-bagelen-berdaya/gambar/posyandu-mawar-aplikasi/posyandu-mawar[^"]*)"', page)
    assert shown and all((output / path).is_file() for path in shown)
    lansia = output / "kim/kim-sekayu-madani/lansia-sekayu-ikut-senam-dan-cek-tensi-gratis/index.html"
    assert "Sebanyak 35 warga lanjut usia" in lansia.read_text(encoding="utf-8")


def test_never_overwrites_an_article(content: Path) -> None:
    folder = content / "kim" / "kim-bagelen-berdaya"
    occupied = folder / "2019" / "2019-11-20-posyandu-mawar-aplikasi.md"
    occupied.parent.mkdir(exist_ok=True)
    occupied.write_text("Judul: Tulisan Sendiri\nTanggal: 2019-11-20 07:00\nTopik: budaya\n\nIsi sendiri.\n")
    imported = import_into(content, WXR, "kim-bagelen-berdaya", "--topik", "budaya")
    assert imported.returncode == 0, imported.stderr
    assert "2019-11-20-posyandu-mawar-aplikasi.md sudah ada; dilewati (tidak ditimpa)." in imported.stdout
    assert occupied.read_text().startswith("Judul: Tulisan Sendiri")


def test_never_overwrites_an_image(content: Path) -> None:
    folder = content / "kim" / "kim-sekayu-madani"
    image = folder / "gambar" / "lansia-sekayu-ikut-senam-dan-cek-tensi-gratis" / "foto-kedua.png"
    image.parent.mkdir(parents=True)
    image.write_bytes(b"\x89PNG\r\n\x1a\n milik KIM")
    imported = import_into(content, PAGE_LOCAL, "kim-sekayu-madani", "--topik", "kesehatan")
    assert imported.returncode == 0, imported.stderr
    assert image.read_bytes() == b"\x89PNG\r\n\x1a\n milik KIM"
    copy = image.with_name("foto-kedua-2.png")
    assert same_picture(copy, FIXTURES / "halaman-berita-posyandu_files/foto-kedua.png")
    article = folder / "2019" / "2019-11-20-lansia-sekayu-ikut-senam-dan-cek-tensi-gratis.md"
    assert "lansia-sekayu-ikut-senam-dan-cek-tensi-gratis/foto-kedua-2.png)" in article.read_text(encoding="utf-8")


def test_same_slug_on_another_date_gets_a_suffix(content: Path) -> None:
    folder = content / "kim" / "kim-metro-berseri"
    (folder / "2019").mkdir(exist_ok=True)
    (folder / "2019" / "2019-01-01-layanan-adminduk-sabtu.md").write_text(
        "Judul: Lama\nTanggal: 2019-01-01 07:00\nTopik: budaya\n\nIsi lama.\n"
    )
    imported = import_into(content, TAKEOUT, "kim-metro-berseri", "--topik", "budaya")
    assert imported.returncode == 0, imported.stderr
    assert (folder / "2020" / "2020-11-16-layanan-adminduk-sabtu-2.md").is_file()


def test_a_published_post_dated_in_the_future_waits(content: Path, tmp_path: Path) -> None:
    when = dt.datetime.now() + dt.timedelta(days=200)  # within the year ahead that scheduling allows
    future = tmp_path / "masa-depan.xml"
    future.write_text(TAKEOUT.read_text(encoding="utf-8").replace("2020-11-16T02:00", f"{when:%Y-%m-%d}T02:00"))
    imported = import_into(content, future, "kim-metro-berseri", "--topik", "budaya")
    assert imported.returncode == 0, imported.stderr
    article = content / f"kim/kim-metro-berseri/{when:%Y}/{when:%Y-%m-%d}-layanan-adminduk-sabtu.md"
    assert header_of(article).value("status") == "terjadwal"


def test_page_without_a_date_needs_one(content: Path, tmp_path: Path) -> None:
    page = tmp_path / "tanpa-tanggal.html"
    page.write_text("<html><body><article><h1>Rapat Warga</h1><p>Warga rapat di balai.</p></article></body></html>")
    folder = content / "kim" / "kim-metro-berseri"
    before = files_of(folder)
    refused = import_into(content, page, "kim-metro-berseri", "--topik", "budaya")
    assert refused.returncode == 1
    assert "tanpa-tanggal.html: tidak diimpor, tanggal terbit tidak ditemukan" in refused.stdout
    assert files_of(folder) == before
    dated = import_into(content, page, "kim-metro-berseri", "--topik", "budaya", "--tanggal", "Senin, 16 November 2020")
    assert dated.returncode == 0, dated.stderr
    assert header_of(folder / "2020" / "2020-11-16-rapat-warga.md").value("date") == "2020-11-16 00:00"


def test_runs_as_a_real_command(content: Path) -> None:
    imported = run_kim(
        "--konten", str(content), "import", str(TAKEOUT), "--kim", "kim-metro-berseri", "--topik", "budaya"
    )
    assert imported.returncode == 0, imported.stderr
    assert "+ content/kim/kim-metro-berseri/2020/2020-11-16-layanan-adminduk-sabtu.md (terbit)" in imported.stdout


def broken_xml(tmp_path: Path) -> Path:
    path = tmp_path / "rusak.xml"
    path.write_text(WXR.read_text(encoding="utf-8")[:3000], encoding="utf-8")
    return path


def unknown_kind(tmp_path: Path) -> Path:
    path = tmp_path / "catatan.txt"
    path.write_text("Catatan rapat.\n", encoding="utf-8")
    return path


REFUSALS = [
    ("unknown-kim", None, ("--kim", "kim-bagelen", "--topik", "budaya"), 'Mungkin maksud Anda "kim-bagelen-berdaya"?'),
    (
        "unknown-topic",
        None,
        ("--topik", "kesehatn"),
        'Topik "kesehatn" tidak dikenal. Mungkin maksud Anda "kesehatan"?',
    ),
    ("bad-topic-map", None, ("--topik", "budaya", "--peta-topik", "Hoaks"), 'Padanan topik "Hoaks" tidak sah.'),
    ("unknown-mapped-topic", None, ("--topik", "budaya", "--peta-topik", "Hoaks=hoax"), 'Topik "hoax" tidak dikenal.'),
    ("missing-images-folder", None, ("--topik", "budaya", "--gambar", "/tidak/ada"), "Folder gambar '/tidak/ada'"),
    ("bad-date", None, ("--topik", "budaya", "--tanggal", "kemarin"), 'Tanggal "kemarin" tidak bisa dibaca.'),
    ("missing-source", "tidak-ada.xml", ("--topik", "budaya"), "tidak-ada.xml' tidak ditemukan."),
    ("unknown-kind", unknown_kind, ("--topik", "budaya"), "catatan.txt: jenis berkas tidak dikenali."),
    ("broken-xml", broken_xml, ("--topik", "budaya"), "rusak.xml: berkas ekspor WordPress rusak di baris"),
    ("wrong-kind", None, ("--topik", "budaya", "--jenis", "blogger"), "bukan berkas ekspor Blogger"),
]


@pytest.mark.parametrize(("name", "source", "args", "expected"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refusals_write_nothing(content: Path, tmp_path: Path, name: str, source, args, expected: str) -> None:
    if source is None:
        path = WXR
    elif isinstance(source, str):
        path = tmp_path / source
    else:
        path = source(tmp_path)
    if "--kim" not in args:
        args = ("--kim", "kim-bagelen-berdaya", *args)
    before = files_of(content)
    refused = kim("--konten", str(content), "import", str(path), *args)
    assert refused.returncode == 1, name
    assert refused.stderr.startswith("Impor dibatalkan, tidak ada berkas yang dibuat: ")
    assert expected in refused.stderr
    assert files_of(content) == before


def test_imported_photos_lose_their_gps_position_and_are_tidied(content: Path, tmp_path: Path) -> None:
    """An old blog's phone photo enters the repository without GPS or camera data, upright and ≤ 2048 px."""
    from PIL import Image
    from support.photo_samples import metadata_found, phone_photo

    page = tmp_path / "halaman.html"
    shutil.copy(PAGE_LOCAL, page)
    files = tmp_path / "halaman-berita-posyandu_files"
    shutil.copytree(FIXTURES / "halaman-berita-posyandu_files", files)
    (files / "foto-utama.png").unlink()
    original = phone_photo()  # 4000×3000 with GPS, camera model and "rotate 90°"
    (files / "foto-utama.jpg").write_bytes(original)
    page.write_text(page.read_text(encoding="utf-8").replace("foto-utama.png", "foto-utama.jpg"), encoding="utf-8")
    assert metadata_found(original)
    imported = import_into(content, page, "kim-sekayu-madani", "--topik", "kesehatan")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    (copy,) = (content / "kim" / "kim-sekayu-madani" / "gambar").rglob("foto-utama.jpg")
    assert metadata_found(copy.read_bytes()) == []
    with Image.open(copy) as tidy:
        assert tidy.size == (1536, 2048)  # turned upright, long edge 2048
