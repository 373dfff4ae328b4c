"""Capacity forecast: how the built site compares with the host's limits, and when each will be reached.

The hosts' documented limits live in one table (:data:`HOSTS`), read by ``kim bangun`` (the forecast after
the totals) and ``kim terbitkan`` (which refuses a site over a limit). The site-size limit itself is the
setting ``WARTA_PUBLISH_SITE_SIZE_LIMIT`` (GitHub Pages' and GitLab.com's 1 GB by default), so a host
without a documented size limit keeps a budget the maintainers can raise.

The forecast is deliberately simple and pure (no clock, no files): the network's rate is the number of
articles published in the last :data:`RATE_DAYS` days, and the output is assumed to grow in proportion to
the article count (``current bytes / articles`` per new article, likewise for files). That
overestimates a little (the fixed part of the site, such as styles and the editor, does not grow), which
is the safe side. Photos are counted apart (:class:`PhotoUsage`, from warta_images): at the share of
recent articles that show one, each new photo story with every copy of its photos until it is older than
``WARTA_IMAGES_ARCHIVE_DAYS``, and with the archived copies after that (:func:`site_months`); a network
that starts to add photos to most stories is then forecast at that rate, not at its past one.
For the largest file the same proportional growth is an upper bound (a whole-network
file such as the sitemap grows at most that fast; most files do not grow at all), so its date is the
earliest the per-file limit can be reached.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

RATE_DAYS = 90  # publishing rate measured over this many days
WARN_MONTHS = 6  # warn when a limit is closer than this at the current rate
DAYS_PER_MONTH = 365.25 / 12
YEARS_FROM_MONTHS = 24  # longer spans are said in years
MAX_MONTHS = 1200  # beyond a hundred years a date means nothing; say so instead
MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember")  # fmt: skip
ADVICE = (
    "Pecah jaringan per kabupaten/kota (federasi: tiap kabupaten/kota punya portal sendiri, lihat "
    "docs/user-guide/federation.md) atau pindah ke layanan hosting dengan batas lebih tinggi (WARTA_PUBLISH_HOST)."
)


@dataclass(frozen=True)
class HostLimits:
    """What one host documents about the sites it serves (None: nothing documented)."""

    label: str
    files: int | None  # files per site
    file_bytes: int | None  # bytes per file
    counts_folders: bool = False  # the file limit counts folders as entries too
    docs: str = ""  # where the limits are documented


MiB = 1024**2
HOSTS: dict[str, HostLimits] = {
    # The published branch is a git push: GitHub refuses files above 100 MiB.
    "github-pages": HostLimits(
        "GitHub Pages",
        files=None,
        file_bytes=100 * MiB,
        docs="https://docs.github.com/en/repositories/working-with-files/managing-large-files/about-large-files-on-github",
    ),
    "gitlab-pages": HostLimits(
        "GitLab Pages",
        files=200_000,
        file_bytes=None,
        counts_folders=True,
        docs="https://docs.gitlab.com/user/gitlab_com/#gitlab-pages",
    ),
    "cloudflare-pages": HostLimits(
        "Cloudflare Pages",
        files=20_000,
        file_bytes=25 * MiB,
        docs="https://developers.cloudflare.com/pages/platform/limits/",
    ),
    "netlify": HostLimits("Netlify", files=None, file_bytes=None),
}


@dataclass(frozen=True)
class Usage:
    """What the built site holds."""

    bytes: int
    files: int
    folders: int = 0
    largest_bytes: int = 0
    largest_path: str = ""


@dataclass(frozen=True)
class PhotoUsage:
    """The writers' photos in the built site (warta_images) and what a new photo story adds."""

    bytes: int  # every file derived from the photos, in the output
    recent: int  # articles published in the last RATE_DAYS days
    recent_with_photo: int  # of which show at least one photo
    new_bytes_per_story: float  # a photo story's photos with every copy (recent stories; else all)
    archived_bytes_per_story: float  # the same photos with the archived copies only
    archive_days: int  # WARTA_IMAGES_ARCHIVE_DAYS (0: photos keep every copy)

    @property
    def share(self) -> float:
        """Share of recent articles with a photo."""
        return self.recent_with_photo / self.recent if self.recent else 0.0


def site_months(current: int, limit: int, articles: int, per_month: float, photos: PhotoUsage) -> float | None:
    """Months until the site passes ``limit`` bytes, photos counted at the recent share of photo stories.

    Text grows by ``(current - photos) / articles`` per article. A photo story adds its photos with every copy
    for ``archive_days``, then only the archived copies: after that window as many stories shrink each month
    as new ones arrive, so the site grows by the archived size (the recent stories' own shrinking is not
    counted: the safe side).
    """
    if current > limit:
        return 0.0
    if articles <= 0 or per_month <= 0 or current <= 0:
        return None
    text = max(0, current - photos.bytes) / articles
    first = per_month * (text + photos.share * photos.new_bytes_per_story)
    later = per_month * (text + photos.share * photos.archived_bytes_per_story)
    window = photos.archive_days / (365.25 / 12) if photos.archive_days else float("inf")
    if first <= 0:
        return None
    if limit - current <= first * window:
        return (limit - current) / first
    return window + (limit - current - first * window) / later


def stories_that_fit(limit: int, text: float, share: float, new: float, archived: float, window: int) -> int:
    """How many stories fit in ``limit`` bytes when each takes ``text`` bytes and ``share`` of them a photo.

    A photo story takes ``new`` bytes while it is among the newest ``window`` stories (those published within
    WARTA_IMAGES_ARCHIVE_DAYS at the network's rate; 0: no archive), ``archived`` bytes after.
    """
    fresh, aged = text + share * new, text + share * archived
    if not window or window * fresh >= limit:
        return int(limit // fresh)
    return int(window + (limit - window * fresh) // aged)


@dataclass(frozen=True)
class LimitForecast:
    """One limit: where the site stands and how many months remain at the current rate (None: unknown)."""

    kind: str  # "site" (bytes of the whole site), "files" (files, or entries) or "file" (bytes of the largest)
    what: str  # the measure in Indonesian, e.g. "jumlah berkas"
    current: int
    limit: int
    months: float | None = None
    where: str = ""  # the largest file, for "file"

    @property
    def over(self) -> bool:
        """The site is already past this limit."""
        return self.current > self.limit

    def amount(self, value: int) -> str:
        """A value of this measure, as printed."""
        return str(value) if self.kind == "files" else size_text(value)


@dataclass(frozen=True)
class Forecast:
    """The whole forecast of one build."""

    host: HostLimits
    now: dt.datetime
    articles: int  # published articles in the site
    recent: int  # of which published in the last RATE_DAYS days
    limits: tuple[LimitForecast, ...]
    photos: PhotoUsage | None = None

    @property
    def per_month(self) -> float:
        """Articles published per month at the recent rate."""
        return monthly_rate(self.recent)

    @property
    def can_forecast(self) -> bool:
        """There is a rate to extrapolate from."""
        return self.recent > 0 and self.articles > 0

    def near(self) -> list[LimitForecast]:
        """Limits not yet passed that the current rate reaches within WARN_MONTHS months."""
        return [item for item in self.limits if not item.over and item.months is not None and item.months < WARN_MONTHS]


def monthly_rate(recent: int) -> float:
    """Articles a month when ``recent`` were published in the last RATE_DAYS days."""
    return recent / RATE_DAYS * DAYS_PER_MONTH


def months_until(current: int, limit: int, articles: int, per_month: float) -> float | None:
    """Months until ``current`` passes ``limit`` when it grows by ``current / articles`` per article.

    0 when already past; None when there is no growth to extrapolate (no articles, or no recent ones).
    """
    if current > limit:
        return 0.0
    if articles <= 0 or per_month <= 0 or current <= 0:
        return None
    return (limit / current - 1) * articles / per_month


def aware(moment: dt.datetime) -> dt.datetime:
    """The moment with a time zone (UTC when it has none)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def recent_count(dates: Iterable[dt.datetime], now: dt.datetime, days: int = RATE_DAYS) -> int:
    """How many of ``dates`` fall in the ``days`` days up to ``now`` (naive times are read as UTC)."""
    now = aware(now)
    start = now - dt.timedelta(days=days)
    return sum(1 for date in dates if start < aware(date) <= now)


def forecast(
    usage: Usage,
    host: HostLimits,
    site_bytes: int,
    articles: int,
    recent: int,
    now: dt.datetime,
    photos: PhotoUsage | None = None,
) -> Forecast:
    """Forecast the site-size limit ``site_bytes`` and every file limit ``host`` documents.

    With ``photos`` (warta_images' figures), the site size counts photos at the recent share of photo stories.
    """
    per_month = monthly_rate(recent)
    items = [LimitForecast("site", "ukuran situs", usage.bytes, site_bytes)]
    if host.files is not None:
        entries = usage.files + (usage.folders if host.counts_folders else 0)
        what = "jumlah berkas dan folder" if host.counts_folders else "jumlah berkas"
        items.append(LimitForecast("files", what, entries, host.files))
    if host.file_bytes is not None:
        items.append(
            LimitForecast("file", "berkas terbesar", usage.largest_bytes, host.file_bytes, where=usage.largest_path)
        )
    limits = tuple(replace(item, months=months_until(item.current, item.limit, articles, per_month)) for item in items)
    if photos is not None and photos.bytes:
        months = site_months(usage.bytes, site_bytes, articles, per_month, photos)
        limits = (replace(limits[0], months=months), *limits[1:])
    return Forecast(host, aware(now), articles, recent, limits, photos)


def size_text(size: float) -> str:
    """A size in MB, or GB from 1 GB up (as ``kim bangun`` prints its totals)."""
    return f"{size / 1024**3:.1f} GB" if size >= 1024**3 else f"{size / 1024**2:.1f} MB"


def month_text(moment: dt.datetime) -> str:
    """``Maret 2027``."""
    return f"{MONTHS_ID[moment.month - 1]} {moment.year}"


def when_text(months: float, now: dt.datetime) -> str:
    """``dalam sekitar 14 bulan (sekitar Maret 2027)``, or years from two years up."""
    if months >= MAX_MONTHS:
        return "lebih dari 100 tahun lagi"
    reached = now + dt.timedelta(days=months * DAYS_PER_MONTH)
    if months < 1:
        span = "kurang dari sebulan"
    elif months < YEARS_FROM_MONTHS:
        span = f"sekitar {round(months)} bulan"
    else:
        span = f"sekitar {round(months / 12)} tahun"
    return f"dalam {span} (sekitar {month_text(reached)})"


def limit_line(item: LimitForecast, now: dt.datetime) -> str:
    """One line of the forecast, e.g. ``ukuran situs 77.7 MB dari batas 1.0 GB: tercapai dalam …``."""
    where = f" ({item.where})" if item.where else ""
    per_file = " per berkas" if item.kind == "file" else ""
    head = f"{item.what} {item.amount(item.current)}{where} dari batas {item.amount(item.limit)}{per_file}"
    if item.over:
        return f"{head}: sudah terlampaui."
    if item.months is None:
        return f"{head}."
    earliest = " paling cepat" if item.kind == "file" else ""
    return f"{head}: tercapai{earliest} {when_text(item.months, now)}."


def report_lines(result: Forecast) -> list[str]:
    """The forecast as ``kim bangun`` prints it, in Indonesian."""
    if result.can_forecast:
        rate = f"laju {RATE_DAYS} hari terakhir: {result.recent} berita, {result.per_month:.1f} berita/bulan"
    else:
        rate = f"tidak ada berita terbit dalam {RATE_DAYS} hari terakhir"
    lines = [f"Kapasitas {result.host.label} ({rate}):"]
    lines += [f"  {limit_line(item, result.now)}" for item in result.limits]
    if result.photos is not None and result.photos.bytes:
        lines.append(f"  {photo_line(result.photos)}")
    if not result.can_forecast:
        lines.append("  Perkiraan kapan batas tercapai tidak dapat dibuat tanpa berita baru.")
    return lines


def photo_line(photos: PhotoUsage) -> str:
    """What the photos take and what a new photo story adds, as ``kim bangun`` prints it.

    ``foto 120.0 MB; 80% berita 90 hari terakhir bergambar, 245 KB per berita bergambar (93 KB setelah 365 hari).``
    """
    head = f"foto {size_text(photos.bytes)}"
    if not photos.recent:
        return f"{head}."
    new, archived = round(photos.new_bytes_per_story / 1024), round(photos.archived_bytes_per_story / 1024)
    later = f" ({archived} KB setelah {photos.archive_days} hari)" if photos.archive_days and archived != new else ""
    return (
        f"{head}; {photos.share:.0%} berita {RATE_DAYS} hari terakhir bergambar, {new} KB per berita bergambar{later}."
    )


def warnings(result: Forecast) -> list[str]:
    """A warning for every limit the current rate reaches within WARN_MONTHS months, naming what to do."""
    return [
        f"{item.what} {item.amount(item.current)} akan melewati batas {item.amount(item.limit)} "
        f"{result.host.label} {when_text(item.months or 0.0, result.now)} pada laju {RATE_DAYS} hari terakhir "
        f"({result.per_month:.1f} berita/bulan). {ADVICE}"
        for item in result.near()
    ]


def over_limit_problems(result: Forecast) -> list[str]:
    """The host's file limits the site already passes (the site-size limit is checked by output_check)."""
    return [
        f"{item.what.capitalize()} {item.amount(item.current)}{f' ({item.where})' if item.where else ''} melebihi "
        f"batas {item.amount(item.limit)} {result.host.label} (WARTA_PUBLISH_HOST): layanan hosting akan "
        f"menolaknya. {ADVICE}"
        for item in result.limits
        if item.over and item.kind != "site"
    ]
