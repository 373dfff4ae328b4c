"""The build's check cache never changes a verdict: a warm cache refuses and accepts what a cold check does.

For every validation and hostile fixture: a network where the fixture's
Markdown files are still valid articles is checked with a cache (files aged,
so the cache keeps them), then the fixture's files are written over it, and
the cached check must report exactly the problems of a check without cache.
Other tests prove that the cache is used at all, and that what an article
depends on besides its own file (its images, the articles it links, its KIM's
profile, the clock) invalidates it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from support.fixture_cases import Case, load_case
from support.site import TESTS, article, make_network

from warta_core.check_cache import CACHE_FILE, CheckCache
from warta_core.validation import check_network

FIXTURES = TESTS / "fixtures"
CASES = sorted((FIXTURES / "validation").glob("*.case")) + sorted((FIXTURES / "hostile").glob("*.case"))
NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
STORY = "kim/kim-uji-bagelen/2024/cerita.md"
TEST_KIMS = ("kim-uji-bagelen", "kim-uji-metro", "kim-uji-panipahan")  # conftest.make_network


def age(content: Path, seconds: int = 3600) -> None:
    """Set every file's modification time an hour back, as if written long before the check."""
    past = (dt.datetime.now(dt.UTC).timestamp() - seconds) * 1e9
    for folder, _dirs, names in os.walk(content):
        for name in names:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.utime(path, ns=(int(past), int(past)))


def _in_a_kim_folder(name: str) -> bool:
    parts = name.split("/")
    return len(parts) >= 3 and parts[0] == "kim" and parts[1] in TEST_KIMS


def report(result) -> list[tuple[str, int | None, str, str]]:
    return sorted((p.path, p.line, p.message, p.severity) for p in result.problems.items)


@pytest.mark.parametrize("path", CASES, ids=[f"{c.parent.name}/{c.stem}" for c in CASES])
def test_warm_cache_reports_what_a_cold_check_reports(path: Path, tmp_path: Path) -> None:
    case: Case = load_case(path)
    valid = {name: article(f"Berita {i}", date=f"2024-03-{i + 1:02d} 09:30") for i, name in enumerate(case.files)}
    valid = {name: text for name, text in valid.items() if _in_a_kim_folder(name) and name.endswith(".md")}
    content = make_network(tmp_path, valid)
    age(content)
    cache = str(tmp_path / ".cache")
    check_network(str(content), NOW, cache_dir=cache)  # a valid placeholder is now in the cache
    make_network(tmp_path, case.files, base=False)  # the fixture's files over the valid ones
    cached = check_network(str(content), NOW, cache_dir=cache)
    assert report(cached) == report(check_network(str(content), NOW))


def test_a_rebuild_reuses_unchanged_articles_and_reads_the_edited_one(tmp_path: Path) -> None:
    files = {
        f"kim/kim-uji-bagelen/2024/b{i}.md": article(f"Berita {i}", date=f"2024-03-{i + 1:02d} 09:30") for i in range(5)
    }
    content = make_network(tmp_path, files)
    age(content)
    cache = str(tmp_path / ".cache")
    first = check_network(str(content), NOW, cache_dir=cache)
    stored = CheckCache.load(cache, first.network, NOW)
    assert len(stored.previous) == 5, "aged, clean articles are kept"
    edited = content / "kim/kim-uji-bagelen/2024/b2.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Isi berita uji", "Isi yang baru"), encoding="utf-8")
    second = check_network(str(content), NOW, cache_dir=cache)
    reused = {p for p, a in second.articles.items() if a is not None and "Isi yang baru" not in a.body}
    assert "Isi yang baru" in second.articles[str(edited)].body
    assert len(reused) == 4
    for path, source in first.articles.items():
        if path != str(edited):
            assert second.articles[path] == source
    assert (Path(cache) / CACHE_FILE).is_file()


def test_a_fresh_file_is_not_trusted_to_stat(tmp_path: Path) -> None:
    """A file rewritten within one tick of the clock, with the same size, looks unchanged: fresh files are not kept."""
    content = make_network(tmp_path, {STORY: article("Baru Ditulis")})
    cache = str(tmp_path / ".cache")
    result = check_network(str(content), NOW, cache_dir=cache)
    assert CheckCache.load(cache, result.network, NOW).previous == {}


def test_what_an_article_uses_invalidates_it(tmp_path: Path) -> None:
    cover = {
        "kim/kim-uji-bagelen/gambar/sampul.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 2"></svg>'
    }
    linking = article("Tautan") + "\nBaca juga [berita lain]({filename}lain.md).\n"
    files = {
        "kim/kim-uji-bagelen/2024/sampul.md": article(
            "Bersampul", Gambar="gambar/sampul.svg", Deskripsi_Gambar="Lingkaran kuning"
        ),
        "kim/kim-uji-bagelen/2024/tautan.md": linking.replace("2024-03-05 09:30", "2024-03-06 09:30"),
        "kim/kim-uji-bagelen/2024/lain.md": article("Lain", date="2024-03-07 09:30"),
        **cover,
    }
    content = make_network(tmp_path, files)
    age(content)
    cache = str(tmp_path / ".cache")
    assert check_network(str(content), NOW, cache_dir=cache).ok
    (content / "kim/kim-uji-bagelen/gambar/sampul.svg").unlink()
    (content / "kim/kim-uji-bagelen/2024/lain.md").unlink()
    cached = check_network(str(content), NOW, cache_dir=cache)
    assert report(cached) == report(check_network(str(content), NOW))
    named = {os.path.basename(p.path) for p in cached.problems.errors}
    assert named == {"sampul.md", "tautan.md"}, named


def test_a_kim_profile_change_reaches_cached_articles(tmp_path: Path) -> None:
    content = make_network(tmp_path, {STORY: article("Tanpa Penulis")})
    age(content)
    cache = str(tmp_path / ".cache")
    before = check_network(str(content), NOW, cache_dir=cache).articles
    profile = content / "kim/kim-uji-bagelen/kim.yml"
    text = profile.read_text(encoding="utf-8")
    name = before[str(content / STORY)].kim.name
    profile.write_text(text.replace(name, name + " Baru"), encoding="utf-8")
    after = check_network(str(content), NOW, cache_dir=cache).articles[str(content / STORY)]
    assert after.kim.name == name + " Baru" and after.author == name + " Baru"


def test_a_scheduled_article_is_published_when_its_time_comes(tmp_path: Path) -> None:
    content = make_network(tmp_path, {STORY: article("Nanti", date="2026-06-10 09:00", Status="terjadwal")})
    age(content)
    cache = str(tmp_path / ".cache")
    assert check_network(str(content), NOW, cache_dir=cache).articles[str(content / STORY)].status == "draft"
    later = NOW + dt.timedelta(days=30)
    assert check_network(str(content), later, cache_dir=cache).articles[str(content / STORY)].status == "published"
    # and a clock set back discards the cache instead of trusting results of a later moment
    result = check_network(str(content), NOW, cache_dir=cache)
    assert result.articles[str(content / STORY)].status == "draft"


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    content = make_network(tmp_path, {STORY: article("Rusak")})
    cache = tmp_path / ".cache"
    cache.mkdir()
    (cache / CACHE_FILE).write_bytes(b"bukan pickle")
    assert check_network(str(content), NOW, cache_dir=str(cache)).ok


def test_a_cache_of_code_whose_modules_moved_is_ignored(tmp_path: Path) -> None:
    """Caches written before the core left warta_network name classes at their old address."""
    content = make_network(tmp_path, {STORY: article("Pindah")})
    cache = tmp_path / ".cache"
    cache.mkdir()
    (cache / CACHE_FILE).write_bytes(b"cwarta_network.articles\nArticleSource\n.")  # pickle: one global, gone
    assert check_network(str(content), NOW, cache_dir=str(cache)).ok
