"""The report of one kabupaten/kota over a month or a range of months (``kim laporan``): HTML and CSV files.

Figures are those of the period, computed as at its last moment (or now, for
a month under way) with the same rules as ``/statistik/``: published
articles only, partner items never; a KIM in its first 90 days is "baru",
never silent (:data:`.compute.NEW_DAYS`). The CSV files hold everything the
HTML shows, one table each (:func:`report_files`): a file with sections
would defeat Excel's filters and every CSV reader.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import os
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape

from warta_core.articles import ArticleSource
from warta_core.network import Network
from warta_core.regions import Region, code_key
from warta_theme.filters import FILTERS

from .aspirations import AspirationFigures
from .charts import month_label
from .compute import AreaStats, KimActivity, NetworkStats, area_stats, compute_stats, month_key
from .spreadsheet import csv_row

TEMPLATES = os.path.join(os.path.dirname(__file__), "..", "..", "theme", "templates")
REPORT_TEMPLATE = "statistik_laporan.html"
# Columns are added at the end only, like /data/'s; "berita_bulan_ini" counts the whole period of a range.
CSV_COLUMNS = (
    "slug", "nama", "kecamatan", "desa", "berita_bulan_ini", "berita_terakhir", "hari_tanpa_berita",
    "kim_baru", "tidak_aktif_90_hari", "kode_kecamatan", "kode_desa", "tanggal_berdiri", "status",
)  # fmt: skip
FIGURE_COLUMNS = ("angka", "keterangan", "nilai")
KECAMATAN_COLUMNS = (
    "kode_kecamatan", "kecamatan", "jumlah_desa", "desa_dengan_kim", "cakupan_persen", "jumlah_kim", "desa_tanpa_kim",
)  # fmt: skip
ARTICLE_COLUMNS = ("tanggal", "slug_kim", "kim", "judul", "alamat")
ASPIRATION_COLUMNS = (
    "instansi", "aspirasi", "dijawab", "median_hari_sampai_jawaban", "selesai", "menunggu",
    "terlama_menunggu_hari", "terlama_menunggu_judul",
)  # fmt: skip


@dataclass
class KecamatanCoverage:
    """Desa coverage of one kecamatan of the kabupaten/kota."""

    area: AreaStats
    without_kim: list[Region]  # its desa/kelurahan without a KIM, by code


@dataclass
class MonthlyReport:
    """One kabupaten/kota over one month or a range of months."""

    region: Region
    first: str  # YYYY-MM
    last: str  # YYYY-MM, the same as first for one month
    as_of: dt.datetime
    area: AreaStats
    articles: list[ArticleSource]  # published in the period, oldest first
    per_kim: list[tuple[KimActivity, int]]  # every KIM with its articles in the period
    new_kims: list[KimActivity]  # founded in the period or still in their first 90 days at ``as_of``
    silent: list[KimActivity]
    aspirations: AspirationFigures | None = None  # the kabupaten/kota's aspirations, as at ``as_of``
    institutions: tuple[AspirationFigures, ...] = ()  # the same per institution addressed
    kecamatan: list[KecamatanCoverage] = field(default_factory=list)  # every kecamatan, by code

    @property
    def month(self) -> str:
        """The first month (the only one of a monthly report)."""
        return self.first

    @property
    def single_month(self) -> bool:
        """One month, not a range."""
        return self.first == self.last

    @property
    def active_in_month(self) -> int:
        """KIMs with at least one article in the period."""
        return sum(1 for _, count in self.per_kim if count)

    @property
    def label(self) -> str:
        """The period in words, like "Maret 2024" or "September 2026 – November 2026"."""
        if self.single_month:
            return month_label(self.first, full=True)
        return f"{month_label(self.first, full=True)} – {month_label(self.last, full=True)}"

    @property
    def file_stem(self) -> str:
        """``laporan-<kabupaten-slug>-<YYYY-MM>`` or ``...-<YYYY-MM>-sampai-<YYYY-MM>``."""
        period = self.first if self.single_month else f"{self.first}-sampai-{self.last}"
        return f"laporan-{self.region.slug}-{period}"

    def status(self, activity: KimActivity) -> str:
        """A KIM's status at ``as_of``, in the words of its page: aktif, KIM baru or tidak aktif."""
        return "aktif" if activity.recent else "KIM baru" if activity.new else "tidak aktif"


def month_bounds(month: str, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """First and last moment of ``YYYY-MM`` in ``zone``."""
    year, number = (int(part) for part in month.split("-"))
    last_day = calendar.monthrange(year, number)[1]
    start = dt.datetime(year, number, 1, tzinfo=zone)
    return start, dt.datetime(year, number, last_day, 23, 59, 59, tzinfo=zone)


def monthly_report(
    network: Network, articles: list[ArticleSource], kabupaten: str, month: str, now: dt.datetime, zone: ZoneInfo
) -> MonthlyReport:
    """The report of one month; ``now`` bounds a month still under way."""
    return period_reports(network, articles, [kabupaten], month, month, now, zone)[0]


def period_reports(
    network: Network,
    articles: list[ArticleSource],
    codes: list[str],
    first: str,
    last: str,
    now: dt.datetime,
    zone: ZoneInfo,
) -> list[MonthlyReport]:
    """The reports of several kabupaten/kota over the months ``first`` to ``last``, computed once."""
    start, end = month_bounds(first, zone)[0], month_bounds(last, zone)[1]
    as_of = min(end, now.astimezone(zone))
    stats = compute_stats(network, articles, as_of)
    return [kabupaten_report(network, stats, code, first, last, start.date(), end.date()) for code in codes]


def kabupaten_report(
    network: Network, stats: NetworkStats, code: str, first: str, last: str, start: dt.date, end: dt.date
) -> MonthlyReport:
    """One kabupaten/kota's report from the figures at the period's end."""
    registry = network.registry
    region = registry.get(code)
    area = stats.area(code)
    if area is None:  # a kabupaten/kota without KIMs: all zeros, coverage still counted
        area = area_stats(region, [], stats.months, stats.desa_total, stats.desa_with_kim)
    in_period = sorted(
        (a for k in area.kims for a in k.articles if first <= month_key(a.date.date()) <= last),
        key=lambda a: (a.date, a.path),
    )
    by_name = sorted(area.kims, key=lambda k: k.kim.name.lower())
    per_kim = [(k, sum(n for month, n in k.months.items() if first <= month <= last)) for k in by_name]
    new = [k for k in by_name if k.new or (k.kim.founded and start <= k.kim.founded <= end)]
    with_kim = {k.kim.desa.code for k in area.kims}
    kecamatan = [
        KecamatanCoverage(
            area_stats(child, [k for k in area.kims if k.kim.desa.kecamatan_code == child.code], stats.months,
                       stats.desa_total, stats.desa_with_kim),
            [desa for desa in sorted(registry.children.get(child.code, []), key=lambda r: code_key(r.code))
             if desa.code not in with_kim],
        )
        for child in sorted(registry.children.get(code, []), key=lambda r: code_key(r.code))
    ]  # fmt: skip
    figures = stats.aspirations
    return MonthlyReport(
        region, first, last, stats.now, area, in_period, per_kim, new, area.silent,
        figures.of_kabupaten(code), figures.institutions_in(code), kecamatan,
    )  # fmt: skip


def csv_bytes(columns: tuple[str, ...], rows: list[list[object]]) -> bytes:
    """RFC 4180, UTF-8 with a BOM, no formula (like ``/data/``; :mod:`.spreadsheet`)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(csv_row(columns))
    for row in rows:
        writer.writerow(csv_row(row))
    return buffer.getvalue().encode("utf-8-sig")


def report_csv(report: MonthlyReport, network: Network) -> bytes:
    """One row per KIM (``<stem>.csv``)."""
    new = {k.kim.slug for k in report.new_kims}
    rows = []
    for activity, count in report.per_kim:
        kim = activity.kim
        rows.append([
            kim.slug, kim.name, network.registry.get(kim.desa.kecamatan_code).name, kim.desa.name, count,
            activity.last.isoformat() if activity.last else None, activity.silent_days,
            int(kim.slug in new), int(activity.silent), kim.desa.kecamatan_code, kim.desa.code,
            kim.founded.isoformat() if kim.founded else None, report.status(activity),
        ])  # fmt: skip
    return csv_bytes(CSV_COLUMNS, rows)


def figure_rows(report: MonthlyReport) -> list[list[object]]:
    """The report's heading and its figures table (``#angka``), one row each, as in the HTML."""
    area = report.area
    return [
        ["kode_kabupaten", "Kode kabupaten/kota", report.region.code],
        ["kabupaten", "Kabupaten/kota", report.region.name],
        ["bulan_dari", "Bulan pertama", report.first],
        ["bulan_sampai", "Bulan terakhir", report.last],
        ["dihitung_pada", "Dihitung per", report.as_of.isoformat()],
        ["jumlah-desa", "Desa/kelurahan dalam daftar wilayah", area.desa_total],
        ["desa-dengan-kim", "Desa/kelurahan yang memiliki KIM", area.desa_with_kim],
        ["cakupan", "Cakupan desa ber-KIM (persen)", round(area.coverage, 1)],
        ["jumlah-kim", "Jumlah KIM", len(area.kims)],
        ["kim-aktif", "KIM yang menerbitkan berita dalam periode", report.active_in_month],
        ["jumlah-berita", "Berita terbit dalam periode", len(report.articles)],
        ["kim-baru", "KIM baru (berdiri dalam periode atau belum 90 hari)", len(report.new_kims)],
        ["kim-diam", "KIM tanpa berita lebih dari 90 hari", len(report.silent)],
    ]


def report_files(report: MonthlyReport, network: Network) -> dict[str, bytes]:
    """Every CSV file of one report by name: the KIM table, then one file per other table of the HTML."""
    stem = report.file_stem
    coverage = [
        [c.area.code, c.area.region.name, c.area.desa_total, c.area.desa_with_kim, round(c.area.coverage, 1),
         len(c.area.kims), ", ".join(desa.name for desa in c.without_kim)]
        for c in report.kecamatan
    ]  # fmt: skip
    stories = [
        [a.date.date().isoformat(), a.kim.slug, a.kim.name, a.title, f"kim/{a.kim.slug}/{a.slug}/"]
        for a in report.articles
    ]
    aspirations = [
        [f.label, f.total, f.answered, f.median_days_to_answer, f.finished, f.open,
         f.oldest_open.days_waited if f.oldest_open else None, f.oldest_open.title if f.oldest_open else None]
        for f in report.institutions
    ]  # fmt: skip
    return {
        f"{stem}.csv": report_csv(report, network),
        f"{stem}-angka.csv": csv_bytes(FIGURE_COLUMNS, figure_rows(report)),
        f"{stem}-kecamatan.csv": csv_bytes(KECAMATAN_COLUMNS, coverage),
        f"{stem}-berita.csv": csv_bytes(ARTICLE_COLUMNS, stories),
        f"{stem}-aspirasi.csv": csv_bytes(ASPIRATION_COLUMNS, aspirations),
    }


def report_html(report: MonthlyReport, network: Network) -> str:
    """The printable report (one self-contained page, no JavaScript)."""
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    environment.filters.update(FILTERS)
    template = environment.get_template(REPORT_TEMPLATE)
    return template.render(report=report, network=network, registry=network.registry)
