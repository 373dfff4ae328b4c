"""Partner news in the search index: one throw-away page per cached item, labelled and linked to the partner.

A tiny network with one partner (the demo's Kabar Pesisir Lampung cache) is built: its items are in the
index beside the article, with the outlet's name and the partner's own address as metadata, the year and
topic filters and neither KIM nor kabupaten; the throw-away pages are gone from the output; the index is
kept when nothing changed and rebuilt when the partner cache changed; a title that looks like markup stays
text. ``tests/warta_search/test_search_phone.py`` checks the label and the link in Chromium.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest
from support.site import DEMO_CONTENT, article, build_content, build_network, make_network

from warta_search import partners

PARTNER = "kabar-pesisir-lampung"
MITRA_YML = f"""\
- id: {PARTNER}
  nama: Kabar Pesisir Lampung
  beranda: https://kabarpesisir.example/
  umpan: https://kabarpesisir.example/rss
  wilayah: ["18.09"]
"""

# The build's year is the stories' (2024): they go into the main part of the index, pagefind/ (partitions.py).
IN_2024 = {"WARTA_NOW": dt.datetime(2024, 12, 1, 12, 0, tzinfo=dt.UTC)}


def fragments(output: Path) -> list[dict]:
    """Every page Pagefind indexed, as stored in its fragments."""
    return [
        json.loads(gzip.decompress(path.read_bytes())[12:]) for path in (output / "pagefind" / "fragment").iterdir()
    ]


@pytest.fixture
def partner_network(tmp_path: Path) -> tuple[Path, Path]:
    """Content with one article and one partner's cache; the output folder to build into."""
    content = make_network(
        tmp_path, {"kim/kim-uji-bagelen/2024/a.md": article("Panen Kopi Bagelen"), "_data/mitra.yml": MITRA_YML}
    )
    cache = content / "_mitra"
    cache.mkdir()
    (cache / f"{PARTNER}.json").write_bytes((DEMO_CONTENT / "_mitra" / f"{PARTNER}.json").read_bytes())
    return content, tmp_path / "output"


def test_partner_items_are_indexed_labelled_and_linked_to_the_partner(partner_network) -> None:
    content, output = partner_network
    build_content(content, output, **IN_2024)
    entries = json.loads((content / "_mitra" / f"{PARTNER}.json").read_text(encoding="utf-8"))["entries"]
    found = fragments(output)
    items = [f for f in found if "mitra" in f["meta"]]
    assert len(items) == len({e["link"] for e in entries}) and len(found) == len(items) + 1
    links = {e["link"] for e in entries}
    for item in items:
        assert item["meta"]["mitra"] == "Kabar Pesisir Lampung" and item["meta"]["tautan"] in links, item["meta"]
        assert set(item["filters"]) <= {"tahun", "topik"}, f"a partner item claims a KIM or kabupaten: {item}"
    assert not (output / partners.FOLDER).exists(), "the throw-away pages were left in the output"


def test_index_follows_the_partner_cache(partner_network) -> None:
    content, output = partner_network
    build_content(content, output, **IN_2024)
    entry = output / "pagefind" / "pagefind-entry.json"
    first = entry.stat().st_ino
    build_content(content, output, **IN_2024)
    assert entry.stat().st_ino == first, "nothing changed, yet Pagefind ran again"
    cache = content / "_mitra" / f"{PARTNER}.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["entries"][0]["title"] = '<img src=x onerror="alert(1)"> Rob Setinggi Lutut di Hanura'
    cache.write_text(json.dumps(data), encoding="utf-8")
    build_content(content, output, **IN_2024)
    assert entry.stat().st_ino != first, "a changed partner item did not re-index"
    titles = {f["meta"]["title"] for f in fragments(output)}
    assert '<img src=x onerror="alert(1)"> Rob Setinggi Lutut di Hanura' in titles, (
        "markup in a title was not kept as text"
    )


def test_build_without_partners_indexes_articles_only(tmp_path: Path) -> None:
    output = build_network(tmp_path, {"kim/kim-uji-bagelen/2024/a.md": article("Panen Kopi Bagelen")}, **IN_2024)
    assert [f["url"] for f in fragments(output)] == ["/kim/kim-uji-bagelen/a/"]
