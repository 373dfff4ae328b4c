"""How a resident reaches a KIM with no server: "Sampaikan aspirasi" on KIM and desa pages.

The numbers are data: ``tests/fixtures/kontak_whatsapp/*.case`` (format in ``fixture_cases.py``), each a
``kim.yml`` for the tiny network's KIM Uji Bagelen. ``# Outcome: accepted`` loads with ``# Number`` as the
stored international form (empty: no number); ``refused`` fails the check with exactly ``# Message`` on
``# Line``; ``warned`` passes with that warning. The rest builds one tiny network and reads the pages with
BeautifulSoup: the ``wa.me`` and ``sms:`` links' numbers and their *decoded* prefilled texts, the address,
no link where the KIM gave no number, the desa page with two KIMs and the one with none; then the real
``kim periksa``, the guide, and the ``kim kim-baru`` scaffold.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from support.fixture_cases import Case, load_case
from support.guide import guide_templates, template_regex
from support.kim_inprocess import kim
from support.site import ROOT, TESTS, article, build_content, make_network, soup

from warta_core.contact_links import SMS_LIMIT, sms_message, whatsapp_message
from warta_core.problems import ProblemList
from warta_core.profiles import load_profile
from warta_core.regions import load_registry
from warta_core.validation import check_network

FIXTURES = TESTS / "fixtures" / "kontak_whatsapp"
CASES = sorted(FIXTURES.glob("*.case"))
PROFILE = "kim/kim-uji-bagelen/kim.yml"
SECTION_HEADING = "judul-sampaikan-aspirasi"

BAGELEN = """\
nama: KIM Uji Bagelen
desa: "18.09.01.2007"
kontak:
  telepon: "0721-000-001"
  whatsapp: "0812-0000-0001"
  email: kim.uji@example.org
  alamat: Balai Desa Bagelen, Kec. Gedong Tataan
"""
# A second KIM in the same desa; its name holds the characters that would end or split a query string.
BAGELEN_TWO = """\
nama: "KIM Sahabat & Warga #2 Bagelen"
desa: "18.09.01.2007"
kontak:
  whatsapp: "+62 813-0000-0002"
"""
# A mobile telephone and no WhatsApp number: SMS only. (KIM Uji Metro has no contact at all.)
PANIPAHAN = """\
nama: KIM Uji Panipahan
desa: "14.07.06.2006"
kontak:
  telepon: "0812-0000-0003"
  alamat: Balai Desa Panipahan Laut
"""
SITE_FILES = {
    PROFILE: BAGELEN,
    "kim/kim-sahabat-bagelen/kim.yml": BAGELEN_TWO,
    "kim/kim-uji-panipahan/kim.yml": PANIPAHAN,
    # A story about Desa Gedung Tataan, which has no KIM: its desa page exists and has no KIM to write to.
    "kim/kim-uji-bagelen/2024/2024-03-05-irigasi.md": article("Saluran Irigasi Gedung Tataan", Desa="18.09.01.2006"),
}
DESA_BAGELEN = "wilayah/lampung/kabupaten-pesawaran/gedong-tataan/bagelen/index.html"
DESA_WITHOUT_KIM = "wilayah/lampung/kabupaten-pesawaran/gedong-tataan/gedung-tataan/index.html"
KECAMATAN = "wilayah/lampung/kabupaten-pesawaran/gedong-tataan/index.html"

REMINDER = "Mohon jangan kirim NIK, nomor KK, atau foto KTP/KK."
SMS_REMINDER = "Jangan kirim NIK, nomor KK, atau foto KTP/KK."


def whatsapp_lines(kim_name: str, place: str = "") -> list[str]:
    """The prefilled WhatsApp message as a resident sees it, line by line (written out, not computed)."""
    return [
        f"Halo {kim_name}, saya ingin menyampaikan aspirasi.",
        "Apa yang terjadi: ",
        f"Di mana (desa/kelurahan, RT/RW): {place}",
        "Sejak kapan: ",
        REMINDER,
    ]


def sms_lines(place: str = "") -> list[str]:
    return ["Aspirasi warga", "Apa yang terjadi: ", f"Di mana (desa, RT/RW): {place}", "Sejak kapan: ", SMS_REMINDER]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kontak")
    output = root / "output"
    build_content(make_network(root, SITE_FILES), output)
    return output


def section(page: BeautifulSoup) -> Tag:
    heading = page.find("h2", id=SECTION_HEADING)
    assert heading is not None, "no Sampaikan aspirasi section"
    assert heading.get_text(strip=True) == "Sampaikan aspirasi"
    parent = heading.parent
    assert parent.name == "section" and parent["aria-labelledby"] == SECTION_HEADING
    return parent


def whatsapp(link: Tag) -> tuple[str, str]:
    """The number and the decoded text of a wa.me link."""
    parts = urlsplit(link["href"])
    assert (parts.scheme, parts.netloc) == ("https", "wa.me")
    query = parse_qs(parts.query, strict_parsing=True)
    assert list(query) == ["text"] and len(query["text"]) == 1, parts.query  # "&" or "#" in a name stays inside
    assert "+" not in parts.query and not parts.fragment  # spaces are %20: apps do not all read "+" as a space
    return parts.path.lstrip("/"), query["text"][0]


def sms(link: Tag) -> tuple[str, str]:
    """The number and the decoded body of an ``sms:+62…?body=…`` link."""
    match = re.fullmatch(r"sms:(\+62[0-9]+)\?body=([^?&#]*)", link["href"])
    assert match, link["href"]
    assert "+" not in match[2]
    return match[1], unquote(match[2])


def links(where: Tag, prefix: str) -> list[Tag]:
    return [a for a in where.find_all("a", href=True) if a["href"].startswith(prefix)]


def test_kim_page_links_to_the_kims_whatsapp_and_sms_with_the_questions(site: Path) -> None:
    page = soup(site / "kim" / "kim-uji-bagelen" / "index.html")
    box = section(page)
    [wa] = links(page, "https://wa.me/")
    number, text = whatsapp(wa)
    assert number == "6281200000001"
    assert text.split("\n") == whatsapp_lines("KIM Uji Bagelen")
    assert wa.get_text(strip=True) == "Kirim WhatsApp ke 0812-0000-0001"
    # SMS goes to the WhatsApp number: the telephone is a landline (0721), which takes no SMS.
    [text_message] = links(page, "sms:")
    number, body = sms(text_message)
    assert number == "+6281200000001"
    assert body.split("\n") == sms_lines()
    assert len(body) <= SMS_LIMIT and body.isascii()
    assert text_message.get_text(strip=True) == "Kirim SMS ke 0812-0000-0001"
    assert "Datang langsung: Balai Desa Bagelen, Kec. Gedong Tataan" in box.get_text(" ", strip=True)
    assert "Jangan kirim NIK, nomor KK, atau foto KTP/KK." in box.get_text(" ", strip=True)
    assert wa in box.find_all("a") and text_message in box.find_all("a")


def test_a_name_with_ampersand_and_hash_stays_in_the_text(site: Path) -> None:
    page = soup(site / "kim" / "kim-sahabat-bagelen" / "index.html")
    number, text = whatsapp(links(page, "https://wa.me/")[0])
    assert number == "6281300000002"  # +62 813-0000-0002, stored in international form
    assert text.split("\n")[0] == "Halo KIM Sahabat & Warga #2 Bagelen, saya ingin menyampaikan aspirasi."
    # No address given, so no "Datang langsung" line; the SMS link goes to the WhatsApp number.
    assert "Datang langsung" not in section(page).get_text()
    assert sms(links(page, "sms:")[0])[0] == "+6281300000002"


def test_a_kim_without_whatsapp_gets_no_whatsapp_link(site: Path) -> None:
    # A mobile telephone: SMS to it, since any mobile number takes SMS; but no wa.me link (it may have no WhatsApp).
    page = soup(site / "kim" / "kim-uji-panipahan" / "index.html")
    box = section(page)
    assert not links(page, "https://wa.me/")
    [text_message] = links(page, "sms:")
    assert sms(text_message) == ("+6281200000003", "\n".join(sms_lines()))
    assert "Datang langsung: Balai Desa Panipahan Laut" in box.get_text(" ", strip=True)


def test_a_kim_without_any_contact_gets_no_broken_link(site: Path) -> None:
    page = soup(site / "kim" / "kim-uji-metro" / "index.html")
    box = section(page)
    assert not box.find_all("a")
    assert not re.search(
        r'href="(https://wa\.me/|sms:|tel:)', (site / "kim" / "kim-uji-metro" / "index.html").read_text()
    )
    assert box.find(class_="kosong").get_text(" ", strip=True) == (
        "KIM Uji Metro belum mencantumkan nomor WhatsApp, nomor ponsel, atau alamat."
    )


def test_desa_page_lists_each_kim_of_the_desa_with_the_desa_filled_in(site: Path) -> None:
    page = soup(site / DESA_BAGELEN)
    box = section(page)
    kims = [h3.get_text(strip=True) for h3 in box.find_all("h3")]
    assert sorted(kims) == ["KIM Sahabat & Warga #2 Bagelen", "KIM Uji Bagelen"]
    by_number = {whatsapp(a)[0]: whatsapp(a)[1] for a in links(box, "https://wa.me/")}
    assert by_number == {
        "6281200000001": "\n".join(whatsapp_lines("KIM Uji Bagelen", "Desa Bagelen, ")),
        "6281300000002": "\n".join(whatsapp_lines("KIM Sahabat & Warga #2 Bagelen", "Desa Bagelen, ")),
    }
    bodies = dict(sms(a) for a in links(box, "sms:"))
    assert bodies == {number: "\n".join(sms_lines("Desa Bagelen, ")) for number in ("+6281200000001", "+6281300000002")}
    assert "Datang langsung: Balai Desa Bagelen, Kec. Gedong Tataan" in box.get_text(" ", strip=True)
    # Each KIM's heading links to its page.
    assert {a["href"] for h3 in box.find_all("h3") for a in h3.find_all("a")} == {
        "/kim/kim-uji-bagelen/",
        "/kim/kim-sahabat-bagelen/",
    }


def test_desa_without_kim_points_to_the_kabupaten_and_the_kim_list(site: Path) -> None:
    page = soup(site / DESA_WITHOUT_KIM)
    box = section(page)
    assert not links(page, "https://wa.me/") and not links(page, "sms:")
    text = box.get_text(" ", strip=True)
    assert "Desa Gedung Tataan belum punya KIM di portal ini." in text
    targets = {a.get_text(strip=True): a["href"] for a in box.find_all("a")}
    assert targets == {"Kabupaten Pesawaran": "/wilayah/lampung/kabupaten-pesawaran/", "daftar semua KIM": "/kim/"}
    for href in targets.values():
        assert (site / href.strip("/") / "index.html").is_file(), href


def test_only_desa_pages_carry_the_section(site: Path) -> None:
    assert soup(site / KECAMATAN).find(id=SECTION_HEADING) is None
    assert soup(site / "index.html").find(id=SECTION_HEADING) is None


@pytest.mark.parametrize(
    "place",
    ["", "Desa Bagelen, ", "Kelurahan Hadimulyo Timur, ", "Desa " + "Sangat Panjang " * 8 + ", ", "Désa Ñ, "],
)
def test_the_sms_text_fits_one_sms(place: str) -> None:
    """One GSM-7 SMS: a place too long, or with characters outside GSM-7's basic set, is left out."""
    body = sms_message(place)
    assert len(body) <= SMS_LIMIT and re.fullmatch(r"[A-Za-z0-9 .,'()/:\n-]*", body), body
    assert SMS_REMINDER in body
    assert ("Di mana (desa, RT/RW): " + place in body) == (
        len(sms_message()) + len(place) <= SMS_LIMIT and place.isascii()
    )


def test_the_whatsapp_text_asks_what_where_and_since_when() -> None:
    text = whatsapp_message("KIM X")
    for question in ("Apa yang terjadi", "Di mana (desa/kelurahan, RT/RW)", "Sejak kapan", "NIK", "nomor KK", "KTP"):
        assert question in text


# --- kim.yml: the number, checked --------------------------------------------------------------------------------


@pytest.fixture(params=CASES, ids=[path.stem for path in CASES])
def case(request) -> Case:
    return load_case(request.param)


def test_every_case_declares_its_outcome() -> None:
    assert len(CASES) >= 10
    for path in CASES:
        case = load_case(path)
        assert case.get("outcome") in {"accepted", "refused", "warned"}, path.name
        assert path.name.startswith(case.get("outcome") + "-"), path.name
        assert list(case.files) == [PROFILE], path.name


def test_whatsapp_number_case(case: Case, tmp_path: Path) -> None:
    content = make_network(tmp_path, case.files)
    result = check_network(content)
    path = str(content / PROFILE)
    mine = [p for p in result.problems.items if p.path == path]
    outcome = case.get("outcome")
    if outcome == "accepted":
        assert result.ok and not mine, [p.format() for p in mine]
        assert result.network.kims["kim-uji-bagelen"].whatsapp == case.get("number")
        return
    about = [p for p in mine if "kontak" in p.message]
    assert about, f"{case.name}: nothing about kontak in " + "; ".join(p.format() for p in result.problems.items)
    problem = about[0]
    assert (problem.message, problem.line) == (case.get("message"), case.line)
    if "hint" in case.header:
        assert problem.hint == case.get("hint")
    if outcome == "refused":
        assert not result.ok and problem in result.problems.errors
        assert "kim-uji-bagelen" not in result.network.kims  # the KIM is not built with a broken contact
        assert '"0812-3456-7890"' in problem.hint and "08, 62, atau +62" in problem.hint
    else:
        assert result.ok and problem in result.problems.warnings
        assert result.network.kims["kim-uji-bagelen"].whatsapp == ""


def test_kim_check_refuses_a_landline_naming_file_and_line(tmp_path: Path) -> None:
    """The real command, once: exit 1, ``file:line: message hint`` in Indonesian."""
    content = make_network(tmp_path, load_case(FIXTURES / "refused-landline.case").files)
    checked = kim("--konten", str(content), "check")
    assert checked.returncode == 1
    assert (
        f'  content/{PROFILE}:4: Kolom `kontak.whatsapp` "0721-000-001" bukan nomor ponsel Indonesia. '
        "Tulis nomor ponsel WhatsApp KIM di antara tanda kutip, diawali 08, 62, atau +62"
    ) in checked.stderr


def test_a_nik_typed_as_the_number_is_never_printed_whole(tmp_path: Path) -> None:
    content = make_network(tmp_path, load_case(FIXTURES / "refused-nik-like.case").files)
    checked = kim("--konten", str(content), "check")
    assert checked.returncode == 1
    assert '"3299********0001" bukan nomor ponsel Indonesia' in checked.stderr
    assert "berbentuk NIK atau nomor KK" in checked.stderr  # the NIK guard refuses it as well
    assert "3299010101900001" not in re.sub(r"[^0-9]", "", checked.stdout + checked.stderr)


def test_the_guide_explains_every_message(tmp_path: Path) -> None:
    templates = guide_templates()
    for path in CASES:
        case = load_case(path)
        if case.get("outcome") == "accepted":
            continue
        message = case.get("message")
        assert any(template_regex(t).fullmatch(message) for t in templates), f"/panduan/ does not explain {message!r}"
    guide = (ROOT / "content" / "pages" / "panduan.md").read_text(encoding="utf-8")
    assert "## Menerima aspirasi warga lewat WhatsApp dan SMS {#menerima-aspirasi-warga}" in guide
    assert "(#menulis-berita-aspirasi-warga)" in guide and "kim berita-baru --aspirasi" in guide


# --- kim kim-baru ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("telephone", "offered", "stored"),
    [("0812-0000-2001", '"0812-0000-2001"', "6281200002001"), ("0721-000-001", '""', "")],
    ids=["mobile-telephone-offered", "landline-not-offered"],
)
def test_new_kim_offers_the_whatsapp_line_commented(tmp_path: Path, telephone: str, offered: str, stored: str) -> None:
    content = make_network(tmp_path)
    made = kim(
        *("--konten", str(content), "kim-baru", "--nama", "KIM Gedung Tataan Maju", "--desa", "18.09.01.2006"),
        *("--telepon", telephone),
    )
    assert made.returncode == 0, made.stderr
    path = content / "kim" / "kim-gedung-tataan-maju" / "kim.yml"
    text = path.read_text(encoding="utf-8")
    assert f"\n  # whatsapp: {offered}\n" in text
    assert load(content, "kim-gedung-tataan-maju").whatsapp == ""  # commented: nothing published yet
    path.write_text(text.replace("  # whatsapp:", "  whatsapp:"), encoding="utf-8")
    assert load(content, "kim-gedung-tataan-maju").whatsapp == stored  # uncommented: checked, and it loads


def load(content: Path, slug: str):
    problems = ProblemList()
    registry = load_registry(str(content / "_data" / "wilayah.csv"), problems)
    profile = load_profile(str(content / "kim" / slug), registry, problems)
    assert profile is not None and not problems, [p.format() for p in problems.items]
    return profile
