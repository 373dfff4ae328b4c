"""The monthly report of one kabupaten/kota (``kim laporan``): figures, printable HTML and CSV.

Figures are those of the month, computed as at its last moment (or now, for
the month under way) with the same rules as ``/statistik/``: published
articles only, partner items never.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import os
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape

from warta_core.articles import ArticleSource
from warta_core.network import Network
from warta_core.regions import Region
from warta_theme.filters import FILTERS

from .charts import month_label
from .compute import AreaStats, KimActivity, area_stats, compute_stats, month_key
from .spreadsheet import csv_row

TEMPLATES = os.path.join(os.path.dirname(__file__), "..", "..", "theme", "templates")
REPORT_TEMPLATE = "statistik_laporan.html"
CSV_COLUMNS = (
    "slug", "nama", "kecamatan", "desa", "berita_bulan_ini", "berita_terakhir", "hari_tanpa_berita",
    "kim_baru", "tidak_aktif_90_hari",
)  # fmt: skip


@dataclass
class MonthlyReport:
    """One kabupaten/kota in one month."""

    region: Region
    month: str  # YYYY-MM
    as_of: dt.datetime
    area: AreaStats
    articles: list[ArticleSource]  # published in the month, oldest first
    per_kim: list[tuple[KimActivity, int]]  # every KIM with its articles in the month
    new_kims: list[KimActivity]  # founded in the month
    silent: list[KimActivity]

    @property
    def active_in_month(self) -> int:
        """KIMs with at least one article in the month."""
        return sum(1 for _, count in self.per_kim if count)

    @property
    def label(self) -> str:
        """The month in words, like "Maret 2024"."""
        return month_label(self.month, full=True)


def month_bounds(month: str, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """First and last moment of ``YYYY-MM`` in ``zone``."""
    year, number = (int(part) for part in month.split("-"))
    last_day = calendar.monthrange(year, number)[1]
    start = dt.datetime(year, number, 1, tzinfo=zone)
    return start, dt.datetime(year, number, last_day, 23, 59, 59, tzinfo=zone)


def monthly_report(
    network: Network, articles: list[ArticleSource], kabupaten: str, month: str, now: dt.datetime, zone: ZoneInfo
) -> MonthlyReport:
    """Compute the report; ``now`` bounds a month still under way."""
    start, end = month_bounds(month, zone)
    as_of = min(end, now.astimezone(zone))
    stats = compute_stats(network, articles, as_of)
    area = stats.area(kabupaten)
    region = network.registry.get(kabupaten)
    if area is None:  # a kabupaten/kota without KIMs: all zeros, coverage still counted
        area = area_stats(region, [], stats.months, stats.desa_total, stats.desa_with_kim)
    in_month = sorted(
        (a for k in area.kims for a in k.articles if month_key(a.date.date()) == month),
        key=lambda a: (a.date, a.path),
    )
    by_name = sorted(area.kims, key=lambda k: k.kim.name.lower())
    per_kim = [(k, k.months.get(month, 0)) for k in by_name]
    new = [k for k in by_name if k.kim.founded and start.date() <= k.kim.founded <= end.date()]
    return MonthlyReport(region, month, as_of, area, in_month, per_kim, new, area.silent)


def report_csv(report: MonthlyReport, network: Network) -> bytes:
    """One row per KIM, RFC 4180, UTF-8 with a BOM, no formula (like ``/data/``; :mod:`.spreadsheet`)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(csv_row(CSV_COLUMNS))
    new = {k.kim.slug for k in report.new_kims}
    for activity, count in report.per_kim:
        kim = activity.kim
        writer.writerow(csv_row([
            kim.slug, kim.name, network.registry.get(kim.desa.kecamatan_code).name, kim.desa.name, count,
            activity.last.isoformat() if activity.last else None, activity.silent_days,
            int(kim.slug in new), int(activity.silent),
        ]))  # fmt: skip
    return buffer.getvalue().encode("utf-8-sig")


def report_html(report: MonthlyReport, network: Network) -> str:
    """The printable report (one self-contained page, no JavaScript)."""
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    environment.filters.update(FILTERS)
    template = environment.get_template(REPORT_TEMPLATE)
    return template.render(report=report, network=network, registry=network.registry)
