"""Residents' aspirations in figures: per institution and per kabupaten/kota, and one row per aspiration.

What Diskominfo and the offices addressed read (issue 24): how many
aspirations, how many were answered and the median days to the first answer,
the share finished, and the oldest one still open with the days it has waited
since its last step. An aspiration counts when its story counts as activity
(published, dated before now, not withdrawn: :func:`.compute.counted`); every
figure is computed at the build's ``now``, never the clock.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from warta_core.articles import ArticleSource
from warta_core.network import Network
from warta_core.regions import Region, code_key, kabupaten_code


@dataclass(frozen=True)
class AspirationRow:
    """One aspiration as the open data and the figures read it."""

    url: str  # its story, site-relative
    title: str
    kim_slug: str
    kim_name: str
    desa: Region
    kabupaten: Region
    institution: str
    institution_region: str
    status: str  # menunggu, dijawab, selesai, ditutup
    status_label: str
    received: dt.date
    first_answer: dt.date | None
    days_to_first_answer: int | None
    last_step: dt.date
    days_waited: int  # since the last step, at now
    is_open: bool


@dataclass(frozen=True)
class AspirationFigures:
    """The figures of a group of aspirations: an institution's, a kabupaten/kota's or the network's."""

    label: str
    code: str  # the kabupaten/kota code, or the institution's region code
    total: int
    answered: int  # with at least one answer
    finished: int  # status selesai
    closed: int  # cannot be followed up
    open: int
    median_days_to_answer: float | None
    oldest_open: AspirationRow | None  # the longest-waiting open one

    @property
    def finished_share(self) -> float:
        """Percentage finished."""
        return 100.0 * self.finished / self.total if self.total else 0.0


@dataclass(frozen=True)
class AspirationStats:
    """Every aspiration figure of one build."""

    rows: tuple[AspirationRow, ...]  # by kabupaten code, then received date, then story
    network: AspirationFigures
    kabupaten: tuple[AspirationFigures, ...]  # by code
    institutions: tuple[AspirationFigures, ...]  # by total, then name

    def institutions_in(self, code: str) -> tuple[AspirationFigures, ...]:
        """Per institution, the aspirations of one kabupaten/kota only (a provinsi's office serves several)."""
        return by_institution([row for row in self.rows if row.kabupaten.code == code])

    def of_kabupaten(self, code: str) -> AspirationFigures | None:
        """The figures of one kabupaten/kota, if it has aspirations."""
        return next((figures for figures in self.kabupaten if figures.code == code), None)


def aspiration_row(article: ArticleSource, network: Network, now: dt.datetime) -> AspirationRow:
    """The row of one counted aspiration story."""
    aspiration = article.aspiration
    desa = article.desa[0]
    answer = aspiration.first_answer
    return AspirationRow(
        url=f"kim/{article.kim.slug}/{article.slug}/",
        title=article.title,
        kim_slug=article.kim.slug,
        kim_name=article.kim.name,
        desa=desa,
        kabupaten=network.registry.get(kabupaten_code(desa.code)),
        institution=aspiration.institution.name,
        institution_region=aspiration.institution.region_code,
        status=aspiration.status,
        status_label=aspiration.status_label,
        received=aspiration.received.date(),
        first_answer=answer.date.date() if answer else None,
        days_to_first_answer=aspiration.days_to_first_answer,
        last_step=aspiration.last.date.date(),
        days_waited=aspiration.days_waited(now),
        is_open=aspiration.is_open,
    )


def figures(label: str, code: str, rows: list[AspirationRow]) -> AspirationFigures:
    """Sum one group of rows."""
    waits = [row.days_to_first_answer for row in rows if row.days_to_first_answer is not None]
    still_open = [row for row in rows if row.is_open]
    oldest = max(still_open, key=lambda row: (row.days_waited, row.url), default=None)
    return AspirationFigures(
        label=label,
        code=code,
        total=len(rows),
        answered=len(waits),
        finished=sum(row.status == "selesai" for row in rows),
        closed=sum(row.status == "ditutup" for row in rows),
        open=len(still_open),
        median_days_to_answer=statistics.median(waits) if waits else None,
        oldest_open=oldest,
    )


def aspiration_stats(network: Network, counted: Iterable[ArticleSource], now: dt.datetime) -> AspirationStats:
    """The aspiration figures of the counted stories at ``now``."""
    rows = [aspiration_row(article, network, now) for article in counted if article.aspiration is not None]
    rows.sort(key=lambda row: (code_key(row.kabupaten.code), row.received, row.url))
    by_kabupaten: dict[str, list[AspirationRow]] = {}
    for row in rows:
        by_kabupaten.setdefault(row.kabupaten.code, []).append(row)
    kabupaten = tuple(
        figures(group[0].kabupaten.label, code, group)
        for code, group in sorted(by_kabupaten.items(), key=lambda item: code_key(item[0]))
    )
    return AspirationStats(tuple(rows), figures("Seluruh jaringan", "", rows), kabupaten, by_institution(rows))


def by_institution(rows: list[AspirationRow]) -> tuple[AspirationFigures, ...]:
    """Figures per institution addressed, most aspirations first, then by name."""
    grouped: dict[str, list[AspirationRow]] = {}
    for row in rows:
        grouped.setdefault(row.institution, []).append(row)
    found = (figures(name, group[0].institution_region, group) for name, group in grouped.items())
    return tuple(sorted(found, key=lambda item: (-item.total, item.label)))
