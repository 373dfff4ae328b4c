"""Regions that stay put: `kim impor-wilayah` keeps what the network wrote, and addresses survive renames.

- The import keeps existing rows exactly (a name in capitals in the source
  data never overwrites the network's spelling) and writes new names as on
  signs (``tests/fixtures/regions/sign-spelling.csv``, one case per row).
- Every row's slug is pinned in ``wilayah.csv``, so a region renamed later
  keeps its address and shows its new name; a slug changed on purpose keeps
  the old address working through ``slug_lama`` (a page that sends readers on).
- The check refuses a bad ``slug``/``slug_lama`` naming the file and line
  (``tests/fixtures/validation/wilayah-*.case``).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from support.kim_inprocess import kim
from support.site import ROOT, article, build_content, make_network, run_kim, soup

from warta_core import regions
from warta_core.problems import ProblemList
from warta_core.region_names import sign_spelling
from warta_core.regions import load_registry

FIXTURES = ROOT / "tests" / "fixtures" / "regions"
SOURCE = FIXTURES / "idn-area-data"
with open(FIXTURES / "sign-spelling.csv", encoding="utf-8", newline="") as _handle:
    SPELLINGS = list(csv.DictReader(_handle))


def registry_rows(content: Path) -> dict[str, dict[str, str]]:
    """``wilayah.csv`` as rows by code."""
    with open(content / "_data" / "wilayah.csv", encoding="utf-8", newline="") as handle:
        return {row["kode"]: row for row in csv.DictReader(handle)}


def set_cells(content: Path, code: str, **cells: str) -> None:
    """Change cells of one row of ``wilayah.csv`` the way an admin would, in a spreadsheet or an editor."""
    path = content / "_data" / "wilayah.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0].keys()) + [name for name in cells if name not in rows[0]]
    for row in rows:
        if row["kode"] == code:
            row.update(cells)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n", restval="")
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize("case", SPELLINGS, ids=[f"{c['kode']}-{c['sumber'].strip()}" for c in SPELLINGS])
def test_new_names_are_written_as_on_signs(case: dict[str, str]) -> None:
    assert sign_spelling(case["kode"], case["sumber"]) == case["hasil"], case["alasan"]


def test_import_keeps_the_networks_names(tmp_path: Path) -> None:
    """The bug of issue 25: LAMPUNG overwrote Lampung although the README says existing rows are kept."""
    content = make_network(tmp_path)
    before = registry_rows(content)
    result = kim("--konten", str(content), "impor-wilayah", str(SOURCE), "--kode", "18.09", "--kode", "18.10")
    assert result.returncode == 0, result.stderr
    after = registry_rows(content)
    for code in ("18", "18.09", "18.09.01", "18.09.01.2006", "18.09.01.2007", "18.72"):
        assert after[code]["nama"] == before[code]["nama"], code
    # The one real difference (the source writes GEDONGTATAAN as one word) is reported, not applied.
    assert '1 wilayah yang sudah ada ditulis lain di sumber dan tidak diubah: 18.09.01.2006 "Gedung Tataan"' in (
        result.stdout
    )
    assert '(sumber: "Gedongtataan")' in result.stdout
    assert "10 wilayah ditambahkan" in result.stdout  # 18.10 and its 2 kecamatan and 7 villages


def test_import_writes_new_names_as_on_signs_and_pins_every_address(tmp_path: Path) -> None:
    content = make_network(tmp_path)
    old = load_registry(str(content / "_data" / "wilayah.csv"), ProblemList())
    assert kim("--konten", str(content), "import-wilayah", str(SOURCE), "--kode", "18.10").returncode == 0
    rows = registry_rows(content)
    assert rows["18.10"]["nama"] == "Kabupaten Pringsewu"
    assert rows["18.10.02"]["nama"] == "Gading Rejo"
    assert rows["18.10.02.2001"]["nama"] == "Wonodadi"
    assert rows["18.10.02.2020"]["nama"] == "Suka Maju III"
    # Every row has its slug written down: the new ones from their name, the old ones their address of today.
    assert rows["18.10"]["slug"] == "kabupaten-pringsewu"
    assert rows["18.10.02.2001"]["slug"] == "wonodadi"
    assert rows["18.10.02.2017"]["slug"] == "wonodadi-2017"  # two villages of one name under one kecamatan
    assert rows["14.07.06.2001"]["slug"] == "panipahan-2001"
    new = load_registry(str(content / "_data" / "wilayah.csv"), ProblemList())
    assert {r.code: r.url for r in old} == {r.code: r.url for r in new if r.code in old}
    assert all(row["slug"] for row in rows.values())


def test_import_refuses_a_broken_registry_instead_of_rewriting_it(tmp_path: Path) -> None:
    content = make_network(tmp_path)
    path = content / "_data" / "wilayah.csv"
    path.write_text(path.read_text(encoding="utf-8") + "18.09.01.2007,Bagelen Lagi\n", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    result = run_kim("--konten", str(content), "impor-wilayah", str(SOURCE), "--kode", "18.10")
    assert result.returncode == 1
    assert (
        "perlu diperbaiki dulu" in result.stderr and 'Kode wilayah "18.09.01.2007" tercantum dua kali' in result.stderr
    )
    assert path.read_text(encoding="utf-8") == before


def test_a_pinned_slug_is_kept_from_its_name_and_reserved_before_siblings() -> None:
    problems = ProblemList()
    rows = [
        regions.RegionRow("14", "Riau", line=2),
        regions.RegionRow("14.07", "Kabupaten Rokan Hilir", line=3),
        regions.RegionRow("14.07.06", "Pasir Limau Kapas", line=4),
        regions.RegionRow("14.07.06.1007", "Panipahan", line=5),  # comes first, but its sibling pinned "panipahan"
        regions.RegionRow("14.07.06.2001", "Panipahan Induk", "panipahan", line=6),
    ]
    registry = regions.build_registry(rows, "wilayah.csv", problems)
    assert not problems.items
    assert registry.get("14.07.06.2001").url == "wilayah/riau/kabupaten-rokan-hilir/pasir-limau-kapas/panipahan/"
    assert registry.get("14.07.06.1007").slug == "panipahan-1007"
    assert registry.get("14.07.06.2001").label == "Desa Panipahan Induk"


KIM_WONODADI = """\
nama: KIM Wonodadi Maju
desa: "18.10.02.2001"
deskripsi: KIM di Gading Rejo.
"""


@pytest.fixture
def pringsewu(tmp_path: Path) -> Path:
    """A tiny network with Pringsewu imported from the idn-area-data fixture and one KIM with a story there."""
    content = make_network(tmp_path)
    assert kim("--konten", str(content), "impor-wilayah", str(SOURCE), "--kode", "18.10").returncode == 0
    files = {
        "kim/kim-wonodadi/kim.yml": KIM_WONODADI,
        "kim/kim-wonodadi/2024/panen.md": article("Panen Jagung di Wonodadi", "2024-03-05 09:30", "pertanian"),
    }
    return make_network(tmp_path, files, base=False)


WONODADI = "wilayah/lampung/kabupaten-pringsewu/gading-rejo/wonodadi/"


def test_a_renamed_region_keeps_its_address_and_shows_its_new_name(pringsewu: Path, tmp_path: Path) -> None:
    output = tmp_path / "output"
    build_content(pringsewu, output)
    page = soup(output / WONODADI / "index.html")
    assert page.h1.get_text(strip=True) == "Desa Wonodadi"
    assert "Kabupaten Pringsewu" in soup(output / "kabar-sepekan/lampung/kabupaten-pringsewu/index.html").get_text()

    # The source data, or the network, renames the village and the kabupaten: the addresses stay.
    set_cells(pringsewu, "18.10.02.2001", nama="Wonodadi Induk")
    set_cells(pringsewu, "18.10", nama="Kabupaten Pringsewu Raya")
    build_content(pringsewu, output)
    page = soup(output / WONODADI / "index.html")
    assert page.h1.get_text(strip=True) == "Desa Wonodadi Induk"
    assert [a.get_text(strip=True) for a in page.select("nav[aria-label] a") if "Pringsewu" in a.get_text()] == [
        "Kabupaten Pringsewu Raya"
    ]
    assert not (output / "wilayah/lampung/kabupaten-pringsewu-raya").exists()
    assert (
        "Kabupaten Pringsewu Raya" in soup(output / "kabar-sepekan/lampung/kabupaten-pringsewu/index.html").get_text()
    )


def test_a_slug_changed_on_purpose_leaves_a_page_at_the_old_address(pringsewu: Path, tmp_path: Path) -> None:
    output = tmp_path / "output"
    build_content(pringsewu, output)
    # The network shortens the kabupaten's slug and spells the kecamatan's as one word, keeping the old ones.
    set_cells(pringsewu, "18.10", slug="pringsewu", slug_lama="kabupaten-pringsewu")
    set_cells(pringsewu, "18.10.02", slug="gadingrejo", slug_lama="gading-rejo")
    build_content(pringsewu, output)
    new = "wilayah/lampung/pringsewu/gadingrejo/wonodadi/"
    assert soup(output / new / "index.html").h1.get_text(strip=True) == "Desa Wonodadi"
    for old, target in (
        (WONODADI, new),  # a region below the renamed ones moved too
        ("wilayah/lampung/pringsewu/gading-rejo/wonodadi/", new),  # an address mixing old and new slugs
        ("wilayah/lampung/kabupaten-pringsewu/", "wilayah/lampung/pringsewu/"),
        ("kabar-sepekan/lampung/kabupaten-pringsewu/", "kabar-sepekan/lampung/pringsewu/"),  # same path, other section
    ):
        page = soup(output / old / "index.html")
        assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url=/{target}", old
        assert page.find("link", rel="canonical")["href"] == f"http://127.0.0.1:8000/{target}"
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert page.find("a", href=f"/{target}") is not None
        assert page.find("html")["lang"] == "id"
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/wilayah/lampung/pringsewu/gadingrejo/wonodadi/" in sitemap and "gading-rejo" not in sitemap
    # Without slug_lama the old address is simply gone: the column is what keeps it.
    set_cells(pringsewu, "18.10", slug_lama="")
    set_cells(pringsewu, "18.10.02", slug_lama="")
    build_content(pringsewu, output)
    assert not (output / WONODADI).exists()
    assert not (output / "wilayah/lampung/kabupaten-pringsewu").exists()


def test_a_slug_from_a_name_never_takes_another_pages_address() -> None:
    """A desa called "Page" would hide its kecamatan's second page, a provinsi called "Desa" the desa A–Z."""
    problems = ProblemList()
    rows = [
        regions.RegionRow("18", "Desa", line=2),
        regions.RegionRow("18.09", "Kabupaten Pesawaran", line=3),
        regions.RegionRow("18.09.01", "Gedong Tataan", line=4),
        regions.RegionRow("18.09.01.2099", "Page", line=5),
    ]
    registry = regions.build_registry(rows, "wilayah.csv", problems)
    assert not problems.items
    assert registry.get("18").url == "wilayah/desa-18/"
    assert registry.get("18.09.01.2099").slug == "page-2099"
