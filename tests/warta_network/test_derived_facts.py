"""Facts stated once and derived everywhere: region codes, zone labels, feed files, theme templates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pelican.settings import read_settings
from support.site import DEMO_CONTENT, ROOT, article, build_network, soup

from warta_admin.page import admin_page
from warta_core.dates import WITA, ZONES, parse_date, timezone_for_region, zone_label
from warta_core.problems import ProblemList
from warta_core.regions import (
    DESA,
    KABUPATEN,
    KECAMATAN,
    code_key,
    kabupaten_code,
    kecamatan_code,
    load_registry,
    parent_code,
    province_code,
)
from warta_syndication.formats import FEED_FILES, FEED_FORMATS
from warta_theme.filters import jam

TEMPLATES = ROOT / "theme" / "templates"
BAGELEN = "kim/kim-uji-bagelen"


def test_region_codes_are_cut_by_level() -> None:
    desa = "18.09.01.2007"
    assert (province_code(desa), kabupaten_code(desa), kecamatan_code(desa)) == ("18", "18.09", "18.09.01")
    assert parent_code(desa) == "18.09.01" and parent_code("18") is None
    assert sorted(["18.10", "18.09.01", "18", "14.07", "18.09"], key=code_key) == [
        "14.07",
        "18",
        "18.09",
        "18.09.01",
        "18.10",
    ]


def test_every_demo_village_finds_its_kabupaten_and_kecamatan() -> None:
    problems = ProblemList()
    registry = load_registry(str(DEMO_CONTENT / "_data" / "wilayah.csv"), problems)
    villages = [region for region in registry if region.level == DESA]
    assert villages and not problems
    for village in villages:
        assert registry.get(village.kabupaten_code).level == KABUPATEN
        assert registry.get(village.kecamatan_code).level == KECAMATAN
        assert village in registry.villages_named(village.name, village.kabupaten_code)


def test_one_zone_table_for_reading_and_printing() -> None:
    for label, zone in ZONES.items():
        assert zone_label(zone) == label
        assert parse_date(f"2024-03-05 09:30 {label}").tzinfo is zone
    assert zone_label(dt.UTC) == "" and zone_label(dt.timezone(dt.timedelta(hours=7))) == ""
    assert timezone_for_region("73.71.01.1001") is WITA
    assert jam(dt.datetime(2024, 3, 5, 9, 30, tzinfo=WITA)) == "09.30 WITA"


def test_templates_take_feed_file_names_from_the_syndication_plugin() -> None:
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for name in FEED_FILES:
            assert name not in text, f"{template.relative_to(ROOT)} names {name}; use the feed macros in _macros.html"


def test_listing_templates_override_what_differs(tmp_path: Path) -> None:
    """The KIM page hides the KIM name on every page, topics show it; both through listing.html."""
    files = {f"{BAGELEN}/2024/b{i}.md": article(f"Berita {i}", f"2024-03-0{i} 08:00") for i in range(1, 4)}
    output = build_network(tmp_path, files, PAGINATED_TEMPLATES={"index": None, "kim": 2, "wilayah": None, "topik": 2})
    for page in (f"{BAGELEN}/index.html", f"{BAGELEN}/page/2/index.html"):
        # Page 1's entries link desa and kabupaten (/wilayah/), the archive's compact ones only the KIM.
        meta_links = soup(output / page).select('.ringkas .meta a[href^="/kim/"], .daftar-arsip .meta a[href^="/kim/"]')
        assert not meta_links, f"{page} repeats its own KIM in the list"
    topic_page = soup(output / "topik/kesehatan/page/2/index.html")
    assert [a.get_text() for a in topic_page.select('.daftar-arsip .meta a[href^="/kim/"]')] == ["KIM Uji Bagelen"]
    links = soup(output / BAGELEN / "page/2/index.html").select("head link[rel=alternate]")
    expected = [f"/{feed.file}" for feed in FEED_FORMATS] + [f"/{BAGELEN}/{feed.file}" for feed in FEED_FORMATS]
    assert [link["href"] for link in links] == expected
    assert [link["type"] for link in links] == [feed.media_type for feed in FEED_FORMATS] * 2


def test_admin_pages_are_theme_templates(tmp_path: Path) -> None:
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    editor = admin_page(settings, "Jaringan <Uji> & Co", with_bundle=True)
    assert "<title>Penyunting berita — Jaringan &lt;Uji&gt; &amp; Co</title>" in editor
    assert editor.endswith("</html>\n") and '<script src="decap-cms.js"></script>' in editor
    override = tmp_path / "admin"
    override.mkdir()
    (override / "editor_missing.html").write_text("<p>Belum ada: {{ name }}</p>\n", encoding="utf-8")
    settings["THEME_TEMPLATES_OVERRIDES"] = [str(tmp_path)]
    assert admin_page(settings, "A & B", with_bundle=False) == "<p>Belum ada: A &amp; B</p>\n"
