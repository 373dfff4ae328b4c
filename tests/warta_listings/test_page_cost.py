"""A page costs the same however large the network grows.

An article page and a KIM page carry only their own content: the navigation links to the directory pages
(``/kim/``, ``/wilayah/``, ``/topik/``) and never lists KIMs, regions or topics. So adding 60 KIMs and 30
articles elsewhere in the network must leave both pages byte for byte identical; a reader on a slow,
metered connection pays the same for one article in a network of 3 KIMs or of 3,000. The one part of an
article that does depend on its neighbours, its related stories (warta_listings.related), is bounded: at
most ``RELATED_LIMIT`` links, whatever the network's size; the rest of the page stays byte for byte the same.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from support.site import article, build_content, make_network

from warta_listings.related import RELATED_LIMIT

ARTICLE_FILE = "kim/kim-uji-bagelen/2024/2024-03-05-posyandu.md"
ARTICLE_PAGE = "kim/kim-uji-bagelen/posyandu/index.html"
KIM_PAGE = "kim/kim-uji-bagelen/index.html"
EXTRA_DESA = ("18.09.01.2006", "18.09.01.2007", "18.09.02.2003", "18.09.02.2010", "18.72.01.1001", "14.07.06.2001")
EXTRA_TOPICS = ("kesehatan", "pertanian", "pemerintahan", "pendidikan")


def extra_kims(count: int = 60, articles: int = 30) -> dict[str, str]:
    """``count`` more KIM folders spread over six desa, with ``articles`` articles among them."""
    files = {}
    for number in range(1, count + 1):
        files[f"kim/kim-tambahan-{number:02d}/kim.yml"] = (
            f'nama: KIM Tambahan {number:02d}\ndesa: "{EXTRA_DESA[number % len(EXTRA_DESA)]}"\n'
        )
    for number in range(1, articles + 1):
        date = f"2024-{1 + number % 6:02d}-{1 + number % 28:02d}"  # before and after the measured article
        files[f"kim/kim-tambahan-{number:02d}/2024/{date}-kabar-{number:02d}.md"] = article(
            title=f"Kabar Tambahan Nomor {number}",
            date=f"{date} 10:00",
            topics=EXTRA_TOPICS[number % len(EXTRA_TOPICS)],
        )
    return files


RELATED = re.compile(r'<section class="terkait".*?</section>\n', re.DOTALL)


def build(root: Path, files: dict[str, str]) -> Path:
    """Build the tiny network plus ``files`` under ``root``; return the output folder."""
    output = root / "output"
    build_content(make_network(root, files), output)
    return output


def test_article_and_kim_pages_do_not_grow_with_the_network(tmp_path: Path) -> None:
    own = {ARTICLE_FILE: article(title="Posyandu Bagelen", date="2024-03-05 09:30", topics="kesehatan")}
    small = build(tmp_path / "kecil", own)
    large = build(tmp_path / "besar", {**own, **extra_kims()})
    assert len(list((large / "kim").glob("kim-tambahan-*/kabar-*/index.html"))) == 30, "the extra articles are missing"
    directory = "kim/index.html"  # lists every KIM, so it must grow: proves the second network is really larger
    assert (large / directory).stat().st_size > (small / directory).stat().st_size + 60 * 50

    related = RELATED.findall((large / ARTICLE_PAGE).read_text(encoding="utf-8"))
    assert len(related) == 1 and related[0].count("<li>") == RELATED_LIMIT, "the larger network fills the list"
    for page in (ARTICLE_PAGE, KIM_PAGE):
        before = RELATED.sub("", (small / page).read_text(encoding="utf-8"))
        after = RELATED.sub("", (large / page).read_text(encoding="utf-8"))
        diff = "\n".join(difflib.unified_diff(before.splitlines(), after.splitlines(), "3 KIM", "63 KIM", lineterm=""))
        assert len(after.encode()) == len(before.encode()), (
            f"{page} grew from {len(before.encode())} to {len(after.encode())} bytes:\n{diff}"
        )
        assert after == before, f"{page} changed although its size did not:\n{diff}"
