"""What a partner's feed says about news already cached: changed entries replace theirs, tombstones withdraw.

Each test serves the feed over real HTTP on 127.0.0.1 (``scripts/serve_partner_fixtures.py``), fetches it
twice with the real spider (images included), then reads the cache and, where it matters, the pages of a
real build. The rules are in ``plugins/warta_partners/upstream.py``; the hostile tombstones (another
partner's ids, thousands of them, scripts in the reason, bad dates, broken XML) are data in
``tests/fixtures/partners/hostile/tombstone-*.case`` (``test_partners_safety.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from support.site import ROOT, build_content, make_network, soup

from warta_partners.cache import PartnerCache
from warta_partners.config import Partner
from warta_partners.entries import Entry
from warta_partners.health import format_table, partner_health
from warta_partners.model import MAX_REMOVALS, FeedState, Removal
from warta_partners.normalise import parse_feed
from warta_partners.spider import FetchOptions, Spider
from warta_partners.tombstones import MAX_COMMENT

sys.path.insert(0, str(ROOT / "scripts"))
from serve_partner_fixtures import FixtureServer

NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=6)
OPTIONS = FetchOptions(
    concurrency=4, connect_timeout=2, read_timeout=2, feed_timeout=6, deadline=20, max_age_days=0,
    use_env_proxy=False,
)  # fmt: skip
FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:at="http://purl.org/atompub/tombstones/1.0">
<title>Warta Uji</title><id>urn:uji</id><updated>2026-11-21T08:00:00+07:00</updated>
{body}
</feed>
"""
MITRA_YML = "- id: uji\n  nama: Warta Uji\n  beranda: https://uji.example/\n  umpan: {feed}\n"


def atom_entry(number: int, title: str, summary: str, image: str | None = None, updated: str = "08:00") -> str:
    """One Atom entry of the test feed, published on 20 Nov 2026 at 0<number>.00 WIB."""
    enclosure = f'<link rel="enclosure" type="image/png" href="{image}"/>' if image else ""
    return (
        f"<entry><id>tag:uji.example,2026:{number}</id><title>{title}</title>"
        f'<link href="https://uji.example/{number}/"/>{enclosure}'
        f"<published>2026-11-20T0{number}:00:00+07:00</published>"
        f"<updated>2026-11-20T{updated}:00+07:00</updated><summary>{summary}</summary></entry>"
    )


def png(colour: tuple[int, int, int]) -> bytes:
    """A small real PNG of one colour (a distinct file per colour)."""
    data = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(data, "PNG")
    return data.getvalue()


def sha_name(data: bytes) -> str:
    return f"{hashlib.sha1(data).hexdigest()}.png"


@pytest.fixture
def served(tmp_path: Path):
    """A server on 127.0.0.1 for a folder the test writes its feed versions and images into."""
    folder = tmp_path / "umpan"
    folder.mkdir()
    with FixtureServer(folder) as server:
        yield folder, server


def fetch(cache: PartnerCache, server: FixtureServer, version: str, when: dt.datetime) -> FeedState:
    """Serve ``version`` at /umpan.atom and fetch it once, as ``kim ambil`` would."""
    server.routes["/umpan.atom"] = version
    options = replace(OPTIONS, local_allowlist=(server.host_port,))
    partner = Partner("uji", "Warta Uji", "https://uji.example/", server.url("umpan.atom"))
    [report] = Spider(cache, options, clock=lambda: when).run([partner])
    assert report.state.health.outcome == "diperbarui", report.state.health
    return report.state


def build(tmp_path: Path, cache: PartnerCache, server: FixtureServer) -> Path:
    """A real build of a tiny network whose one partner is the served feed, from ``cache``."""
    content = make_network(tmp_path / "situs", {"_data/mitra.yml": MITRA_YML.format(feed=server.url("umpan.atom"))})
    (content / "_mitra").mkdir()
    for path in Path(cache.folder).rglob("*"):
        if path.is_file():
            target = content / "_mitra" / path.relative_to(cache.folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    output = tmp_path / "situs" / "output"
    build_content(content, output)
    return output


def test_a_changed_entry_replaces_the_cached_one_with_its_new_image(served, tmp_path: Path) -> None:
    folder, server = served
    red, blue, green = png((200, 0, 0)), png((0, 0, 200)), png((0, 160, 0))
    for name, data in (("merah.png", red), ("biru.png", blue), ("hijau.png", green)):
        (folder / name).write_bytes(data)
    first = [
        atom_entry(1, "Jembatan desa rusak", "Jembatan putus sejak Senin.", server.url("merah.png")),
        atom_entry(2, "Panen kakao", "Harga kakao naik.", server.url("hijau.png")),
        atom_entry(3, "Rapat RT", "Rapat malam ini."),
    ]
    (folder / "v1.atom").write_text(FEED.format(body="".join(first)), encoding="utf-8")
    second = [
        atom_entry(1, "Jembatan desa diperbaiki", "Ralat: jembatan tidak putus.", server.url("biru.png"), "11:00"),
        atom_entry(2, "Panen kakao", "Harga kakao naik.", server.url("hijau.png"), "09:30"),
        atom_entry(3, "Rapat RT", "Rapat malam ini."),
    ]
    (folder / "v2.atom").write_text(FEED.format(body="".join(second)), encoding="utf-8")
    cache = PartnerCache(str(tmp_path / "_mitra"))
    before = {entry.source_id: entry for entry in fetch(cache, server, "v1.atom", NOW).entries}
    assert before["tag:uji.example,2026:1"].image_file == sha_name(red)
    state = fetch(cache, server, "v2.atom", LATER)
    after = {entry.source_id: entry for entry in state.entries}
    changed, touched, same = (after[f"tag:uji.example,2026:{n}"] for n in (1, 2, 3))
    assert (changed.title, changed.summary) == ("Jembatan desa diperbaiki", "Ralat: jembatan tidak putus.")
    assert changed.image_file == sha_name(blue), "the new image address was downloaded at once"
    assert changed.first_seen == NOW and changed.revised == LATER
    assert touched.revised == LATER, "a new <updated> alone counts as a revision"
    assert same.revised is None
    assert [e.source_id for e in state.entries] == [f"tag:uji.example,2026:{n}" for n in (3, 2, 1)], (
        "still in order of publication: a correction does not make a story new"
    )
    assert state.health.new_entries == 0 and state.health.revised_entries == 2
    images = {path.name for path in (Path(cache.folder) / "gambar").iterdir()}
    assert images == {sha_name(blue), sha_name(green)}, "the old copy no entry uses is deleted"
    assert "2 berita diperbarui oleh sumbernya" in " ".join(partner_health(Partner("uji", "", "", ""), state).notes)
    page = soup(build(tmp_path, cache, server) / "mitra" / "uji" / "index.html")
    titles = [a.get_text(strip=True) for a in page.select(".daftar-mitra .ringkas-judul a")]
    assert "Jembatan desa diperbaiki" in titles and "Jembatan desa rusak" not in titles
    assert "Jembatan putus sejak Senin." not in page.get_text()
    assert any(sha_name(blue) in img["src"] for img in page.select(".daftar-mitra img"))
    assert not any(sha_name(red) in img["src"] for img in page.select(".daftar-mitra img"))


def test_a_tombstone_removes_the_entry_and_its_image_and_the_status_page_says_why(served, tmp_path: Path) -> None:
    folder, server = served
    red, blue = png((200, 0, 0)), png((0, 0, 200))
    (folder / "merah.png").write_bytes(red)
    (folder / "biru.png").write_bytes(blue)
    first = [
        atom_entry(1, "Foto korban kecelakaan", "Korban dibawa ke puskesmas.", server.url("merah.png")),
        atom_entry(2, "Anak berhadapan dengan hukum", "Nama anak disebut.", server.url("biru.png")),
        atom_entry(3, "Rapat RT", "Rapat malam ini."),
    ]
    (folder / "v1.atom").write_text(FEED.format(body="".join(first)), encoding="utf-8")
    second = [
        atom_entry(3, "Rapat RT", "Rapat malam ini."),
        '<at:deleted-entry ref="tag:uji.example,2026:1" when="2026-11-21T15:00:00+07:00">'
        "<at:comment>Berita dicabut: Mencegah trauma korban. &lt;b&gt;Foto&lt;/b&gt; tidak layak.</at:comment>"
        '<link rel="alternate" type="text/html" href="https://uji.example/1/"/></at:deleted-entry>',
        '<at:deleted-entry ref="urn:lain:2" when="2026-11-21T16:00:00+07:00">'
        '<link rel="alternate" type="text/html" href="https://uji.example/2/"/></at:deleted-entry>',
    ]
    (folder / "v2.atom").write_text(FEED.format(body="".join(second)), encoding="utf-8")
    cache = PartnerCache(str(tmp_path / "_mitra"))
    fetch(cache, server, "v1.atom", NOW)
    assert len(list((Path(cache.folder) / "gambar").iterdir())) == 2
    state = fetch(cache, server, "v2.atom", LATER)
    assert [entry.title for entry in state.entries] == ["Rapat RT"], "one by its id, one by its link"
    assert [removal.title for removal in state.removals] == ["Anak berhadapan dengan hukum", "Foto korban kecelakaan"]
    assert state.removals[1].comment == "Berita dicabut: Mencegah trauma korban. <b>Foto</b> tidak layak."
    assert state.removals[1].withdrawn == dt.datetime(2026, 11, 21, 8, 0, tzinfo=dt.UTC)
    assert state.health.removed_entries == 2 and state.removals[0].removed == LATER and not state.removals[0].comment
    assert list((Path(cache.folder) / "gambar").iterdir()) == [], "their images are deleted with them"
    assert cache.load("uji").removals == state.removals, "remembered in the cache"
    partner = Partner("uji", "Warta Uji", "https://uji.example/", server.url("umpan.atom"))
    table = format_table([partner_health(partner, state)])
    assert "uji: Dihapus karena dicabut sumbernya (21 Nov 2026 15.00): “Foto korban kecelakaan”." in table
    output = build(tmp_path, cache, server)
    listed = " ".join(
        soup(path).get_text() for path in (output / "mitra").rglob("index.html") if "status" not in str(path)
    )
    assert "Foto korban kecelakaan" not in listed and "Anak berhadapan" not in listed and "Rapat RT" in listed
    assert not list((output / "mitra").rglob("*.png")), "nor published"
    status = soup(output / "mitra" / "status" / "index.html")
    row = status.select_one("tbody tr").get_text(" ", strip=True)
    assert "2 berita dihapus karena dicabut sumbernya" in row
    items = [li.get_text(" ", strip=True) for li in status.select("#dicabut-uji + ul li")]
    assert len(items) == 2 and items[1].startswith("“Foto korban kecelakaan”, dicabut")
    assert items[1].endswith("Alasan dari sumber: Berita dicabut: Mencegah trauma korban. <b>Foto</b> tidak layak.")
    assert not status.select("#dicabut-uji + ul b"), "the reason is text, never markup"


def test_an_entry_that_only_leaves_the_feed_is_kept(served, tmp_path: Path) -> None:
    """Feeds are windows on the latest news: dropping out of one is not a withdrawal."""
    folder, server = served
    (folder / "v1.atom").write_text(FEED.format(body=atom_entry(1, "Kabar lama", "Lama.")), encoding="utf-8")
    (folder / "v2.atom").write_text(FEED.format(body=atom_entry(2, "Kabar baru", "Baru.")), encoding="utf-8")
    cache = PartnerCache(str(tmp_path / "_mitra"))
    fetch(cache, server, "v1.atom", NOW)
    state = fetch(cache, server, "v2.atom", LATER)
    assert [entry.title for entry in state.entries] == ["Kabar baru", "Kabar lama"]
    assert state.removals == [] and state.health.removed_entries == 0


RSS_WITH_TOMBSTONES = """<?xml version="1.0"?>
<rss version="2.0" xmlns:at="http://purl.org/atompub/tombstones/1.0"><channel><title>RSS</title>
<item><title>Ada</title><guid>r1</guid></item>
<at:deleted-entry ref="r2" when="2026-11-21T08:00:00+07:00"><link href="/berita/2"/>
<at:comment>{comment}</at:comment></at:deleted-entry>
<at:deleted-entry ref="r3" when="2031-01-01T00:00:00Z"/>
<at:deleted-entry ref="r3" when="2026-11-21T08:00:00Z"/>
</channel></rss>
"""


def test_tombstones_are_read_from_rss_channels_bounded_and_resolved() -> None:
    body = RSS_WITH_TOMBSTONES.format(comment="alasan " * 200).encode()
    parsed = parse_feed(body, "application/rss+xml", "https://rss.example/umpan.xml", "rss", NOW, 200)
    assert [entry.title for entry in parsed.entries] == ["Ada"]
    first, second = parsed.tombstones.found
    assert (first.ref, first.link) == ("r2", "https://rss.example/berita/2"), "relative links resolved, http(s)"
    assert len(first.comment) <= MAX_COMMENT + 1 and first.comment.endswith("…")
    assert second.when == NOW, "a `when` in the future is read as the time of the fetch"
    assert parsed.tombstones.ignored == 1, "the same ref twice counts once"


def test_cached_removals_and_dates_are_checked_again(tmp_path: Path) -> None:
    cache = PartnerCache(str(tmp_path / "_mitra"))
    entry = Entry("a" * 20, "1", "Judul", None, NOW, False, NOW, updated=NOW, revised=LATER)
    removals = [Removal(f"Judul {n}", NOW, LATER, "alasan") for n in range(3)]
    cache.save(FeedState("uji", entries=[entry], removals=removals))
    loaded = cache.load("uji")
    assert loaded.entries[0].updated == NOW and loaded.entries[0].revised == LATER
    assert loaded.removals == removals
    data = FeedState("uji", removals=removals).to_dict()
    data["removals"] = [
        {"title": "Judul\u202e\u0000 asli", "withdrawn": "2026-11-21T08:00:00+00:00", "removed": "2026-11-21T09:00:00"},
        {"title": "", "withdrawn": "2026-11-21T08:00:00", "removed": "2026-11-21T09:00:00"},
        {"title": "Tanpa tanggal", "withdrawn": "kemarin", "removed": "2026-11-21T09:00:00"},
        "bukan kamus",
        *[{"title": f"J{n}", "withdrawn": "2026-11-21", "removed": "2026-11-21"} for n in range(50)],
    ]
    read = FeedState.from_dict("uji", data).removals
    assert read[0].title == "Judul asli" and read[0].removed.tzinfo is not None
    assert len(read) == MAX_REMOVALS - 3, "at most MAX_REMOVALS records are read, unusable ones dropped"
