"""Mapping partner news to wilayah and topics, keyword filters, and de-duplication, on real registries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support.site import DEMO_CONTENT, make_network

from warta_core.problems import ProblemList
from warta_core.regions import load_registry
from warta_core.validation import check_network
from warta_partners.cache import FeedState, PartnerCache
from warta_partners.config import Partner, PartnerConfig, load_partner_config
from warta_partners.entries import Entry
from warta_partners.index import build_partner_index
from warta_partners.mapping import RegionMatcher, TopicMatcher
from warta_partners.normalise import entry_key
from warta_partners.update import keep_entry, merge_entries, trim

NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    return check_network(make_network(tmp_path_factory.mktemp("jaringan"))).network


@pytest.fixture(scope="module")
def demo_registry():
    return load_registry(str(DEMO_CONTENT / "_data" / "wilayah.csv"), ProblemList())


def codes(matcher: RegionMatcher, text: str) -> list[str]:
    return [region.code for region in matcher.match(text)]


@pytest.mark.parametrize(
    ("coverage", "text", "expected"),
    [
        (("18.09",), "Warga Desa Purworejo, Kecamatan Negeri Katon, memanen kakao.", ["18.09.02.2003"]),
        (("18.72",), "Warga Desa Purworejo, Kecamatan Negeri Katon, memanen kakao.", []),
        (("18.09",), "Pelatihan di Desa Bagelen pekan ini.", []),
        (("18.09",), "Pelatihan di Desa Bagelen, Kecamatan Gedong Tataan.", ["18.09.01.2007"]),
        (("18.09",), "Pelatihan di Bagelen, desa di Negeri Katon.", ["18.09.02"]),
        (("18.09",), "Pelatihan di Desa Bagelen, Negeri Katon.", ["18.09.02.2010"]),
        (("18.09",), "Purworejo sedang panen.", []),
        (("18.09",), "Kabar dari Pesawaran minggu ini.", ["18.09"]),
        (("18.09",), "Gedong Tataan dan Desa Gedung Tataan berbeda.", ["18.09.01.2006"]),
        (("18.72",), "Metro kembali ramai.", []),
        (("18.72",), "Kota Metro kembali ramai.", ["18.72"]),
        (("18.72",), "Pasar Kelurahan Metro kembali ramai.", ["18.72.01.1001"]),
        (("14.07",), "Nelayan Kelurahan Panipahan, Kecamatan Pasir Limau Kapas, melaut.", ["14.07.06"]),
        (("14.07",), "Nelayan Desa Panipahan Laut melaut.", ["14.07.06.2006"]),
        (("14.07.06.2006",), "Nelayan Desa Panipahan Laut dan Desa Panipahan.", ["14.07.06.2006"]),
        ((), "Desa Bagelen, Kecamatan Gedong Tataan.", []),
    ],
)
def test_regions_are_mapped_only_inside_the_coverage_and_unambiguously(network, coverage, text, expected) -> None:
    assert codes(RegionMatcher(network.registry, coverage), text) == expected


def test_a_region_sharing_its_name_with_a_region_inside_it_maps_to_the_outer_one(demo_registry) -> None:
    matcher = RegionMatcher(demo_registry, ("16.06",))
    assert codes(matcher, "Puskesmas Sungai Lilin buka sore hari.") == ["16.06.07"]
    assert codes(matcher, "Bayung Lencir panen karet.") == ["16.06.09"]
    assert codes(matcher, "Kelurahan Sungai Lilin Jaya gelar lomba.") == ["16.06.07.1030"]


def test_topics_come_from_keywords_and_the_partner_defaults(network) -> None:
    matcher = TopicMatcher(network.topics, {})
    slugs = lambda title, text="", defaults=(): [t.slug for t in matcher.match(title, text, defaults)]  # noqa: E731
    assert slugs("Posyandu Desa Hanura tambah jadwal penimbangan balita") == ["kesehatan"]
    assert slugs("Warga diminta waspada banjir rob") == ["kebencanaan"]
    assert slugs("Rapat warga", "Satu kali disebut: posyandu.") == [], "one mention in the text is not enough"
    assert slugs("Rapat warga", "posyandu dan imunisasi balita") == ["kesehatan"]
    assert slugs("Panen padi", defaults=("budaya",)) == ["budaya", "pertanian"]
    assert slugs("Sungai Lilin bersih") == [], "place names are not keywords"
    custom = TopicMatcher(network.topics, {"budaya": ("gamelan",)})
    assert [t.slug for t in custom.match("Latihan gamelan di balai", "")] == ["budaya"]


def entry(title: str, link: str | None, when: dt.datetime, source: str = "", text: str = "", partner="p") -> Entry:
    source = source or link or title
    return Entry(entry_key(partner, source), source, title, link, when, False, NOW, summary=text, text=text)


def test_include_and_exclude_keywords_match_whole_words() -> None:
    partner = Partner("p", "P", "https://p.example/", "https://p.example/rss", include=("banjir", "air pasang"))
    assert keep_entry(entry("Banjir di pesisir", None, NOW), partner)
    assert keep_entry(entry("Waspada", None, NOW, text="Air pasang datang malam ini."), partner)
    assert not keep_entry(entry("Kebanjiran pesanan keripik", None, NOW), partner)
    excluding = Partner("p", "P", "https://p.example/", "https://p.example/rss", exclude=("iklan",))
    assert not keep_entry(entry("IKLAN: dijual tanah", None, NOW), excluding)
    assert keep_entry(entry("Pengiklan lokal bertemu warga", None, NOW), excluding)


def test_merge_keeps_first_seen_and_drops_repeated_links_within_a_feed() -> None:
    earlier = NOW - dt.timedelta(days=2)
    old = [entry("Lama", "https://p.example/1", earlier, "id-1")]
    old[0].first_seen = earlier
    new = [
        entry("Lama (diperbarui)", "https://p.example/1", earlier, "id-1"),
        entry("Baru", "https://p.example/2", NOW, "id-2"),
        entry("Baru lagi, tautan sama", "https://www.p.example/2/?utm_source=rss#atas", NOW, "id-3"),
    ]
    merged, fresh, revised = merge_entries(old, new, NOW)
    assert [e.title for e in merged] == ["Lama (diperbarui)", "Baru"], "the feed's new title wins"
    assert fresh == 2, "id-2 and id-3 were new to the cache, though id-3 repeats a link"
    assert revised == 1 and merged[0].revised == NOW and merged[1].revised is None
    assert merged[0].first_seen == earlier


def test_trim_applies_filters_age_and_count_newest_first() -> None:
    partner = Partner("p", "P", "https://p.example/", "https://p.example/rss", exclude=("iklan",), max_items=2)
    entries = [
        entry("Tiga hari", "https://p.example/3", NOW - dt.timedelta(days=3)),
        entry("Satu hari", "https://p.example/1", NOW - dt.timedelta(days=1)),
        entry("Iklan kemarin", "https://p.example/i", NOW - dt.timedelta(days=1)),
        entry("Dua hari", "https://p.example/2", NOW - dt.timedelta(days=2)),
        entry("Sebulan", "https://p.example/30", NOW - dt.timedelta(days=30)),
    ]
    assert [e.title for e in trim(entries, partner, NOW, max_age_days=10, max_items=30)] == ["Satu hari", "Dua hari"]
    assert len(trim(entries, partner, NOW, max_age_days=0, max_items=30)) == 2


def test_duplicates_across_partners_are_shown_once_credited_to_the_earliest(network, tmp_path: Path) -> None:
    first = Partner("pertama", "Media Pertama", "https://satu.example/", "https://satu.example/rss", regions=("18.09",))
    second = Partner("kedua", "Media Kedua", "https://dua.example/", "https://dua.example/rss")
    day = dt.datetime(2026, 11, 19, 3, 0, tzinfo=dt.UTC)
    cache = PartnerCache(str(tmp_path / "_mitra"))
    uuid = "urn:uuid:7b0d3c1e-posyandu"
    later = day + dt.timedelta(hours=2)
    cache.save(FeedState("pertama", entries=[
        entry("Panen kakao di Negeri Katon", "https://satu.example/kakao", day, partner="pertama"),
        entry("Posyandu buka Sabtu", "https://satu.example/posyandu", day, uuid, partner="pertama"),
        entry("Pasar malam dibuka", "https://satu.example/pasar", day, partner="pertama"),
        entry("Rapat warga", "https://satu.example/rapat", day, "123", partner="pertama"),
    ]))  # fmt: skip
    cache.save(FeedState("kedua", entries=[
        entry("Panen kakao (ulang)", "http://www.satu.example/kakao/?utm_source=x", later, partner="kedua"),
        entry("Posyandu buka Sabtu!", "https://dua.example/p", day, uuid, partner="kedua"),
        entry("PASAR MALAM DIBUKA", "https://dua.example/pasar", day + dt.timedelta(hours=1), partner="kedua"),
        entry("Rapat pemuda", "https://dua.example/rapat", day, "123", partner="kedua"),
    ]))  # fmt: skip
    config = PartnerConfig([first, second], {})
    index = build_partner_index(config, network, cache, "Asia/Jakarta", 4, images=True)
    latest = index.latest()
    assert sorted(item.title for item in latest) == [
        "Panen kakao di Negeri Katon", "Pasar malam dibuka", "Posyandu buka Sabtu", "Rapat pemuda", "Rapat warga",
    ]  # fmt: skip
    for item in latest:
        expected = [] if item.title.startswith("Rapat") else ["Media Kedua"]
        assert [p.name for p in item.also_in] == expected, item.title
    assert len(index.for_partner("kedua").items) == 4, "a partner's own page still lists all its news"
    kakao = next(i for i in latest if i.title.startswith("Panen kakao"))
    assert [r.code for r in kakao.regions] == ["18.09.02"]
    assert [t.slug for t in kakao.topics] == ["pertanian"]
    assert index.for_region("18.09", 10) == [kakao] and index.for_region("18", 10) == [kakao]
    assert index.for_region("18.72", 10) == []
    assert [i.title for i in index.for_topic("pertanian")] == ["Panen kakao di Negeri Katon"]


def test_demo_partner_list_is_valid_and_its_cache_maps_news(tmp_path: Path) -> None:
    state = check_network(DEMO_CONTENT)
    assert state.ok, [p.format() for p in state.problems.items]
    config, problems = load_partner_config(state.network)
    assert not problems and len(config.partners) >= 4
    index = build_partner_index(
        config, state.network, PartnerCache(str(DEMO_CONTENT / "_mitra")), "Asia/Jakarta", 4, True
    )
    assert len(index) >= 15
    mapped = [item for item in index.latest() if item.regions]
    assert len(mapped) >= 10, "the demo feeds name real regions of the demo registry"
    assert all(item.topics for item in index.latest()[:10])
    assert any(item.also_in for item in index.latest()), "the demo shows one syndicated story once"
    assert index.image_files, "and some images"
