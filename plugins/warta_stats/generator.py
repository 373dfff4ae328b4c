"""Pelican generator for ``/statistik/``, ``/data/`` and the figures on ``/kim/`` and each KIM page.

``generate_context`` computes every figure once (:mod:`compute`) from the
checked articles in the build state, at ``WARTA_NOW`` (or the clock), and
puts a :class:`StatsView` in the context as ``STATS``, so the KIM directory
(written by warta_listings) shows the same numbers. Each KIM listing also gets
its :class:`KimSummary` in its context, which the listings put in its first
page's fingerprint: a KIM page is re-rendered when its status changes.

Pages go through the build's writer (fingerprinted, atomic); the data files
are one deferred job of warta_output's writer, renamed into place whole.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import cached_property

from pelican.generators import Generator

from warta_core.correction_log import LOG_URL, region_log_url
from warta_core.digests import digest
from warta_core.regions import KABUPATEN
from warta_network.outputfiles import queue_or_write, write_if_changed
from warta_network.state import WartaState, warta_state

from . import charts
from .compute import SILENT_DAYS, AreaStats, KimActivity, NetworkStats, compute_stats, partner_volume
from .opendata import COLUMNS, DESCRIPTIONS, FOLDER, WORKBOOK, Licence, data_files, file_names
from .workbook import LABELS

logger = logging.getLogger("warta_stats")
STATS_URL = "statistik/"
SPARK_MONTHS = 12


def stats_url(area: AreaStats) -> str:
    """``statistik/`` for the network, ``statistik/<provinsi>/<kabupaten>/...`` for a region."""
    return STATS_URL + area.region.url.removeprefix("wilayah/") if area.region else STATS_URL


@dataclass(frozen=True)
class KimSummary:
    """What a KIM's profile shows of its activity (its repr is part of the page's fingerprint)."""

    total: int
    last: dt.date | None
    silent_days: int | None
    active: bool
    today: dt.date
    spark_months: tuple[str, ...]
    spark_values: tuple[int, ...]
    new: bool = False  # in its first 90 days since tanggal_berdiri (compute.NEW_DAYS): never "tidak aktif"

    @property
    def status(self) -> str:
        """The label: "aktif", "KIM baru" (first 90 days, no article yet), or "tidak aktif N hari"."""
        if self.active:
            return "aktif"
        if self.new:
            return "KIM baru"
        if self.silent_days is None:
            return "tidak aktif (belum ada berita)"
        return f"tidak aktif {self.silent_days} hari"

    @property
    def spark_bars(self) -> list[tuple[float, float, float, float]]:
        """Geometry of the sparkline."""
        return charts.sparkline(list(self.spark_values))

    @property
    def spark_text(self) -> str:
        """The sparkline's figures in words (its accessible name)."""
        first, last = charts.month_label(self.spark_months[0]), charts.month_label(self.spark_months[-1])
        return f"Berita per bulan, {first}–{last}: {', '.join(str(v) for v in self.spark_values)}"


def kim_summary(activity: KimActivity, stats: NetworkStats) -> KimSummary:
    """A KIM's summary for its profile and the directory."""
    months = stats.months[-SPARK_MONTHS:]
    return KimSummary(
        activity.total, activity.last, activity.silent_days, activity.recent, stats.today,
        tuple(months), tuple(activity.sparkline(months)), activity.new,
    )  # fmt: skip


class StatsView:
    """``STATS`` in templates: the figures and the helpers to show them."""

    def __init__(self, stats: NetworkStats, licence: Licence, partners: list, state: WartaState | None = None) -> None:
        self.stats = stats
        self.state = state
        self.licence = licence
        self.partners = partners
        self.summaries = {slug: kim_summary(activity, stats) for slug, activity in stats.kims.items()}
        self.url = stats_url
        self.silent_days = SILENT_DAYS
        self.columns = COLUMNS
        self.descriptions = DESCRIPTIONS
        self.data_folder = FOLDER
        self.workbook = WORKBOOK
        self.labels = LABELS  # the workbook's readable headers, shown in the data dictionary

    def log_url(self, area: AreaStats) -> str | None:
        """Where the area's corrections are listed (warta_ralat's log): ``/ralat/``, its kabupaten/kota's page.

        Asked while pages are written, when the log is complete; None for a kecamatan, or when the log has no
        page for the kabupaten/kota (its KIMs' corrections concern stories elsewhere) or is not built.
        """
        if area.region is None:
            return LOG_URL if LOG_URL in self.log_pages else None
        url = region_log_url(area.region) if area.region.level == KABUPATEN else None
        return url if url in self.log_pages else None

    @cached_property
    def log_pages(self) -> frozenset[str]:
        """The addresses of the log's pages, read once the log is complete (at the first page written)."""
        return frozenset(page.url for page in self.state.correction_log) if self.state else frozenset()

    def summary(self, slug: str) -> KimSummary | None:
        """The summary of one KIM."""
        return self.summaries.get(slug)

    def chart(self, area: AreaStats) -> charts.Chart:
        """The monthly bar chart of an area."""
        return charts.bar_chart(area.monthly)

    @staticmethod
    def month(key: str) -> str:
        """``2024-03`` -> "Maret 2024"."""
        return charts.month_label(key, full=True)

    @staticmethod
    def percent(part: float, whole: float | None = None) -> str:
        """A percentage with one decimal, Indonesian style: "12,5%"."""
        value = part if whole is None else (100.0 * part / whole if whole else 0.0)
        return f"{value:.1f}".replace(".", ",") + "%"

    @staticmethod
    def decimal(value: float) -> str:
        """One decimal, Indonesian style."""
        return f"{value:.1f}".replace(".", ",")


def _area_fingerprint(area: AreaStats) -> tuple:
    """Everything an area's page shows."""
    return (
        area.code, area.desa_total, area.desa_with_kim, tuple(area.monthly), tuple(sorted(area.active.items())),
        area.last_year, area.fact_checks, area.aspirations, area.corrections, area.replies, area.withdrawn,
        tuple((k.kim.slug, k.kim.name, k.total, k.last, k.last_year, k.silent_days, k.corrections, k.replies,
               k.withdrawn, k.kim.founded) for k in area.kims),
    )  # fmt: skip


class StatsGenerator(Generator):
    """Writes ``/statistik/`` (network, kabupaten/kota, kecamatan) and ``/data/``."""

    def generate_context(self) -> None:
        """Compute the figures once; give the directory and each KIM listing theirs."""
        state = warta_state(self.settings)
        now = state.now
        stats = compute_stats(state.network, state.articles.values(), now)
        licence = Licence(self.settings["WARTA_STATS_LICENCE_NAME"], self.settings["WARTA_STATS_LICENCE_URL"])
        view = StatsView(stats, licence, partner_volume(state.partners, now), state)
        self.context["STATS"] = view
        for listing in state.listings:
            if listing.template == "kim":
                listing.context["kim_stats"] = view.summary(listing.context["kim"].slug)
        state.extra_pages.extend([STATS_URL, FOLDER])
        self.view = view

    def generate_output(self, writer) -> None:
        """Queue the pages and the data files."""
        view: StatsView = self.view
        stats = view.stats
        network = warta_state(self.settings).network
        common = (stats.today.isoformat(), view.licence)  # pages show dates; their figures are fingerprinted
        partners = tuple(view.partners)
        self.write_page(writer, "statistik", stats.network, ("network", common, partners, stats.aspirations, *(
            _area_fingerprint(a) for a in stats.kabupaten)))  # fmt: skip
        for kabupaten in stats.kabupaten:
            kecamatans = stats.kecamatan[kabupaten.code]
            self.write_page(writer, "statistik_wilayah", kabupaten,
                            (common, _area_fingerprint(kabupaten), *(_area_fingerprint(a) for a in kecamatans),
                             tuple(row for row in stats.aspirations.rows if row.kabupaten.code == kabupaten.code)),
                            children=kecamatans)  # fmt: skip
            for kecamatan in kecamatans:
                if kecamatan.kims:
                    desa = network.registry.children.get(kecamatan.code, [])
                    self.write_page(writer, "statistik_wilayah", kecamatan,
                                    (common, _area_fingerprint(kecamatan), tuple(d.code for d in desa)),
                                    desa=desa, parent=kabupaten)  # fmt: skip
        writer.write_file(
            f"{FOLDER}index.html", self.get_template("data"), self.context, self.settings["RELATIVE_URLS"],
            url=FOLDER, fingerprint=("data-page", common, tuple(f for f in file_names())),
        )  # fmt: skip
        self.write_data(writer, network, view)
        logger.info("warta_stats: statistics of %d KIMs queued", len(stats.kims))

    def write_page(self, writer, template: str, area: AreaStats, fingerprint: tuple, **extra) -> None:
        """One statistics page, fingerprinted by the figures it shows."""
        url = stats_url(area)
        registry = warta_state(self.settings).network.registry
        writer.write_file(
            f"{url}index.html", self.get_template(template), self.context, self.settings["RELATIVE_URLS"],
            url=url, area=area, chart=self.view.chart(area),
            fingerprint=("statistik", url, fingerprint, self.view.log_url(area)),
            breadcrumbs=registry.path(area.code) if area.region else [], **extra,
        )  # fmt: skip

    def write_data(self, writer, network, view: StatsView) -> None:
        """The files under ``/data/``: one job, skipped when no figure changed.

        Their stated moment is then that of the build that last changed one.
        """
        stats = view.stats
        profiles = tuple(repr(activity.kim) for activity in stats.kims.values())
        profiles_digest = digest(profiles, sorted(stats.desa_total.items()), sorted(stats.desa_with_kim.items()))
        fingerprint = ("data", stats.today.isoformat(), view.licence, network.info.name, profiles_digest,
                       tuple(_area_fingerprint(a) for a in [stats.network, *stats.kabupaten]),
                       tuple(tuple(sorted(k.months.items())) for k in stats.kims.values()),
                       stats.aspirations.rows)  # fmt: skip
        output = self.output_path

        def job() -> None:
            for name, data in data_files(stats, network, view.licence).items():
                write_if_changed(output, name, data)

        queue_or_write(writer, file_names(), fingerprint, job)
