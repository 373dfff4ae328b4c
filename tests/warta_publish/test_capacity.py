"""Capacity forecast: the host's limits against the built site, and when the network's rate reaches them.

The pure forecasts use known numbers (the expected months are worked out in each test); the last test runs
the real ``kim bangun`` of a tiny network twice at a fixed ``WARTA_NOW``, the second time with a site-size
limit twice the measured output, so that the limit is four months away and the warning must appear.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support.site import ROOT, article, make_network, run_kim

from warta_cli.build import output_totals
from warta_network.settings_check import check_settings
from warta_publish import capacity
from warta_publish.capacity import HOSTS, Usage, forecast, months_until, recent_count

MiB = 1024**2
NOW = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)
GITHUB, CLOUDFLARE, GITLAB = HOSTS["github-pages"], HOSTS["cloudflare-pages"], HOSTS["gitlab-pages"]


def per_month(recent: int) -> float:
    """Articles per month when ``recent`` were published in the last 90 days."""
    return recent / 90 * 365.25 / 12


def test_months_until_grows_in_proportion_to_the_articles() -> None:
    # 100 units for 300 articles: a third of a unit per article; 300 more units need 900 articles, 30 months.
    assert months_until(100, 400, articles=300, per_month=30) == pytest.approx(30)
    assert months_until(500, 400, articles=300, per_month=30) == 0.0  # already over
    assert months_until(100, 400, articles=300, per_month=0) is None  # no rate
    assert months_until(100, 400, articles=0, per_month=30) is None
    assert months_until(400, 400, articles=300, per_month=30) == 0.0  # at the limit, not yet over


def test_recent_count_takes_the_last_90_days_only() -> None:
    dates = [
        NOW,  # now counts
        NOW - dt.timedelta(days=89, hours=23),
        NOW - dt.timedelta(days=90),  # exactly 90 days ago: outside
        NOW - dt.timedelta(days=400),
        NOW + dt.timedelta(hours=1),  # later than now (a scheduled article): outside
        dt.datetime(2026, 1, 1),  # naive: read as UTC
    ]
    assert recent_count(dates, NOW) == 3
    assert recent_count(dates, NOW.replace(tzinfo=None)) == 3


def test_forecast_with_known_numbers_on_github_pages() -> None:
    usage = Usage(bytes=500 * MiB, files=10_000, folders=3_000, largest_bytes=5 * MiB, largest_path="sitemap.xml")
    result = forecast(usage, GITHUB, 1024 * MiB, articles=1000, recent=300, now=NOW)
    site, largest = result.limits
    assert [item.kind for item in result.limits] == ["site", "file"]  # GitHub documents no file count
    rate = per_month(300)
    assert result.per_month == pytest.approx(rate) == pytest.approx(101.46, abs=0.01)
    assert site.months == pytest.approx((1024 / 500 - 1) * 1000 / rate)  # 10.2 months
    assert largest.months == pytest.approx((100 / 5 - 1) * 1000 / rate)  # 187 months, 16 years
    assert result.near() == [] and capacity.warnings(result) == []
    assert capacity.report_lines(result) == [
        "Kapasitas GitHub Pages (laju 90 hari terakhir: 300 berita, 101.5 berita/bulan):",
        "  ukuran situs 500.0 MB dari batas 1.0 GB: tercapai dalam sekitar 10 bulan (sekitar November 2026).",
        "  berkas terbesar 5.0 MB (sitemap.xml) dari batas 100.0 MB per berkas: tercapai paling cepat dalam "
        "sekitar 16 tahun (sekitar Agustus 2041).",
    ]


def test_warning_below_six_months_names_federation_and_other_hosts() -> None:
    # 20,000 files on Cloudflare Pages, 1,000 articles at 300 per 90 days: files grow by 4,8 per article.
    rate = per_month(300)
    just_inside = int(20_000 / (1 + 5.9 * rate / 1000))  # files that leave 5.9 months
    just_outside = int(20_000 / (1 + 6.1 * rate / 1000))
    inside = forecast(Usage(50 * MiB, just_inside), CLOUDFLARE, 1024 * MiB, 1000, 300, NOW)
    outside = forecast(Usage(50 * MiB, just_outside), CLOUDFLARE, 1024 * MiB, 1000, 300, NOW)
    assert inside.limits[1].months == pytest.approx(5.9, abs=0.01)
    assert [item.kind for item in inside.near()] == ["files"]
    assert outside.near() == [] and capacity.warnings(outside) == []
    (warning,) = capacity.warnings(inside)
    assert warning.startswith(
        f"jumlah berkas {just_inside} akan melewati batas 20000 Cloudflare Pages dalam sekitar 6 bulan "
        "(sekitar Juli 2026) pada laju 90 hari terakhir (101.5 berita/bulan)."
    )
    assert "per kabupaten/kota" in warning and "docs/user-guide/federation.md" in warning
    assert "batas lebih tinggi (WARTA_PUBLISH_HOST)" in warning


def test_no_articles_in_the_last_90_days_cannot_be_forecast_and_does_not_warn() -> None:
    result = forecast(Usage(900 * MiB, 19_999, largest_bytes=24 * MiB), CLOUDFLARE, 1024 * MiB, 1000, 0, NOW)
    assert not result.can_forecast
    assert all(item.months is None for item in result.limits)
    assert capacity.warnings(result) == []
    lines = capacity.report_lines(result)
    assert lines[0] == "Kapasitas Cloudflare Pages (tidak ada berita terbit dalam 90 hari terakhir):"
    assert lines[2] == "  jumlah berkas 19999 dari batas 20000."
    assert lines[-1] == "  Perkiraan kapan batas tercapai tidak dapat dibuat tanpa berita baru."


def test_over_a_limit_is_reported_as_passed_not_forecast() -> None:
    usage = Usage(1100 * MiB, 25_000, largest_bytes=30 * MiB, largest_path="admin/decap-cms.js")
    result = forecast(usage, CLOUDFLARE, 1024 * MiB, 1000, 300, NOW)
    assert all(item.over and item.months == 0.0 for item in result.limits)
    assert result.near() == []  # passed limits are refused, not forecast
    assert capacity.report_lines(result)[1:] == [
        "  ukuran situs 1.1 GB dari batas 1.0 GB: sudah terlampaui.",
        "  jumlah berkas 25000 dari batas 20000: sudah terlampaui.",
        "  berkas terbesar 30.0 MB (admin/decap-cms.js) dari batas 25.0 MB per berkas: sudah terlampaui.",
    ]
    problems = capacity.over_limit_problems(result)
    # The site size has its own refusal (warta_publish.output_check); the file limits are refused here.
    assert [problem.split(" melebihi")[0] for problem in problems] == [
        "Jumlah berkas 25000",
        "Berkas terbesar 30.0 MB (admin/decap-cms.js)",
    ]
    assert all("Cloudflare Pages (WARTA_PUBLISH_HOST): layanan hosting akan menolaknya." in p for p in problems)


def test_gitlab_counts_folders_and_spans_are_said_in_months_or_years() -> None:
    result = forecast(Usage(10 * MiB, 150_000, folders=60_000), GITLAB, 1024 * MiB, 1000, 0, NOW)
    assert result.limits[1].current == 210_000 and result.limits[1].over
    assert capacity.when_text(0.5, NOW) == "dalam kurang dari sebulan (sekitar Januari 2026)"
    assert capacity.when_text(14, NOW) == "dalam sekitar 14 bulan (sekitar Maret 2027)"
    assert capacity.when_text(30, NOW) == "dalam sekitar 2 tahun (sekitar Juli 2028)"
    assert capacity.when_text(5000, NOW) == "lebih dari 100 tahun lagi"


def test_host_setting_is_checked() -> None:
    problems = check_settings({"PLUGINS": ["warta_publish"], "WARTA_PUBLISH_HOST": "github"})
    (error,) = problems.errors
    assert "WARTA_PUBLISH_HOST harus salah satu dari: 'github-pages', 'gitlab-pages'" in error.format()
    settings = {"PLUGINS": ["warta_publish"]}
    assert not check_settings(settings).errors and settings["WARTA_PUBLISH_HOST"] == "github-pages"


def settings_with(folder: Path, body: str) -> Path:
    """A settings file: the project's pelicanconf.py plus ``body``."""
    path = folder / "kapasitas.py"
    path.write_text(
        f"import sys, datetime\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"THEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        "WARTA_NOW = datetime.datetime(2024, 6, 1, 12, 0, tzinfo=datetime.timezone.utc)\n" + body,
        encoding="utf-8",
    )
    return path


def test_kim_build_prints_the_forecast_and_warns_within_six_months(tmp_path: Path) -> None:
    # Three articles in the 90 days before 1 June 2024 and one older: 1.01 articles a month, 4 articles.
    files = {
        f"kim/kim-uji-bagelen/2024/{slug}.md": article(slug.title(), date=date)
        for slug, date in (("satu", "2024-05-30 09:00"), ("dua", "2024-04-10 09:00"), ("tiga", "2024-03-10 09:00"))
    }
    files["kim/kim-uji-metro/2023/lama.md"] = article("Lama", date="2023-01-05 09:00")
    content = make_network(tmp_path, files)
    output = tmp_path / "output"
    first = run_kim(
        "--konten", str(content), "build", "--pengaturan", str(settings_with(tmp_path, "")), "--output", str(output)
    )
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    at = lines.index("Kapasitas GitHub Pages (laju 90 hari terakhir: 3 berita, 1.0 berita/bulan):")
    assert lines[at - 1].startswith("Selesai dalam ")
    assert lines[at + 1].startswith("  ukuran situs ") and "dari batas 1.0 GB: tercapai dalam sekitar" in lines[at + 1]
    assert lines[at + 2].startswith("  berkas terbesar ") and "dari batas 100.0 MB per berkas" in lines[at + 2]
    assert "Peringatan" not in first.stderr

    # Twice the site's size: the next 4 articles double it, 3.94 months at 1.01 a month (29 September 2024).
    size = output_totals(str(output))["bita"]
    tight = settings_with(tmp_path, f"WARTA_PUBLISH_SITE_SIZE_LIMIT = {2 * size}\n")
    second = run_kim("--konten", str(content), "build", "--pengaturan", str(tight), "--output", str(output))
    assert second.returncode == 0, second.stderr
    # The limit does not change the pages; the search index may differ by a few bytes between two builds.
    assert output_totals(str(output))["bita"] == pytest.approx(size, rel=0.001)
    assert "tercapai dalam sekitar 4 bulan (sekitar September 2024)." in second.stdout
    warnings = [line for line in second.stderr.splitlines() if line.startswith("Peringatan: ")]
    assert len(warnings) == 1, second.stderr
    assert warnings[0].startswith("Peringatan: ukuran situs ")
    assert "GitHub Pages dalam sekitar 4 bulan (sekitar September 2024) pada laju 90 hari terakhir" in warnings[0]
    assert "Pecah jaringan per kabupaten/kota (federasi" in warnings[0]


def photos(bytes_: int, recent: int, with_photo: int, new: float, archived: float, days: int = 365):
    """warta_images' figures for the forecast."""
    return capacity.PhotoUsage(bytes_, recent, with_photo, new, archived, days)


def test_photos_are_forecast_at_the_recent_share_of_photo_stories() -> None:
    # 1,000 articles in 100 MiB, of which 10 MiB photos (an old network with few photos); 300 articles in
    # 90 days (101.46 a month), 80 % of them with a 0.25 MiB photo that keeps 0.1 MiB after 365 days.
    usage = Usage(bytes=100 * MiB, files=5_000)
    rate = per_month(300)
    recent_photos = photos(10 * MiB, 300, 240, 0.25 * MiB, 0.1 * MiB)
    plain = forecast(usage, GITHUB, 1024 * MiB, 1000, 300, NOW)
    counted = forecast(usage, GITHUB, 1024 * MiB, 1000, 300, NOW, recent_photos)
    text = 90 * MiB / 1000
    first = rate * (text + 0.8 * 0.25 * MiB)  # 29.4 MiB a month for the first 12 months
    window = 365 / (365.25 / 12)
    later = rate * (text + 0.8 * 0.1 * MiB)
    expected = window + (924 * MiB - first * window) / later
    assert counted.limits[0].months == pytest.approx(expected)  # 34 months
    assert plain.limits[0].months == pytest.approx((1024 / 100 - 1) * 1000 / rate)  # 91 months: photos hidden
    assert counted.limits[0].months < plain.limits[0].months / 2
    assert counted.limits[1] == plain.limits[1]  # the largest file is forecast as before
    assert capacity.report_lines(counted)[-1] == (
        "  foto 10.0 MB; 80% berita 90 hari terakhir bergambar, 256 KB per berita bergambar (102 KB setelah 365 hari)."
    )


def test_without_an_archive_every_photo_story_keeps_its_size() -> None:
    usage = Usage(bytes=100 * MiB, files=5_000)
    result = forecast(usage, GITHUB, 1024 * MiB, 1000, 300, NOW, photos(10 * MiB, 300, 240, 0.25 * MiB, 0, 0))
    growth = per_month(300) * (90 * MiB / 1000 + 0.8 * 0.25 * MiB)
    assert result.limits[0].months == pytest.approx(924 * MiB / growth)
    assert capacity.report_lines(result)[-1].endswith("256 KB per berita bergambar.")


def test_stories_that_fit_in_one_gigabyte() -> None:
    gb, kb = 1024 * MiB, 1024
    # 30 KB of text a story; 80 % with a 250 KB photo: 230 KB a story, 4,668 stories without an archive.
    assert capacity.stories_that_fit(gb, 30 * kb, 0.8, 250 * kb, 100 * kb, 0) == gb // (230 * kb)
    # The newest 1,000 stories at 230 KB, every older one at 110 KB: 1,000 + (1 GB - 230,000 KB) / 110 KB.
    assert capacity.stories_that_fit(gb, 30 * kb, 0.8, 250 * kb, 100 * kb, 1000) == 1000 + (gb - 1000 * 230 * kb) // (
        110 * kb
    )
    assert capacity.stories_that_fit(gb, 30 * kb, 0.8, 250 * kb, 100 * kb, 10**6) == gb // (230 * kb)


def test_kim_build_counts_the_photos(tmp_path: Path) -> None:
    from support.photo_samples import demo_photo

    files: dict[str, str | bytes] = {
        f"kim/kim-uji-bagelen/gambar/{slug}.jpg": demo_photo(number, 1600, 1200)
        for number, slug in enumerate(("satu", "dua"))
    }
    for slug, date in (("satu", "2024-05-30 09:00"), ("dua", "2024-04-10 09:00"), ("tiga", "2024-03-10 09:00")):
        extra = {"Gambar": f"gambar/{slug}.jpg", "Deskripsi_Gambar": "Warga"} if slug != "tiga" else {}
        files[f"kim/kim-uji-bagelen/2024/{slug}.md"] = article(slug.title(), date=date, **extra)
    content = make_network(tmp_path, files)
    done = run_kim(
        "--konten", str(content), "build", "--pengaturan", str(settings_with(tmp_path, "")),
        "--output", str(tmp_path / "output"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("  foto ")]
    assert "67% berita 90 hari terakhir bergambar" in line and "setelah 365 hari" in line, line
