"""Exact activity and coverage figures of the network, from the checked articles only.

An article counts when the check says it is published (``status`` is
"published": drafts never, a scheduled article once its date has passed) and
its date is not after "now". Partner items never count as KIM activity; their
volume is reported apart (:func:`partner_volume`). Everything is computed for
one injectable moment ``now`` (``WARTA_NOW`` in tests); periods are whole
days ending with now's date ("the last 30 days" are today and the 29 days
before), so builds of one day agree, and every figure carries its period.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from warta_core.articles import PUBLISHED, ArticleSource
from warta_core.network import Network
from warta_core.profiles import KimProfile
from warta_core.regions import DESA, KABUPATEN, KECAMATAN, Region, code_key

from .aspirations import AspirationStats, aspiration_stats

ACTIVE_WINDOWS = (30, 90, 365)  # days: "KIM aktif" = at least one published article in the window
SILENT_DAYS = 90  # a KIM without an article for longer than this is listed for a coaching visit
# A KIM is "baru" (new) while its founding date (kim.yml's tanggal_berdiri; the network records no joining date)
# is at most this many days before today: it cannot yet have been silent for longer than SILENT_DAYS, so it is
# never listed as silent. Without tanggal_berdiri only its stories tell: a first story within the last 90 days
# already makes it active, and a KIM with neither is reported as silent ("belum ada berita").
NEW_DAYS = SILENT_DAYS
MONTHS_SHOWN = 24
YEAR_DAYS = 365  # the period of rankings and topic mix
FACT_CHECK, ASPIRATIONS = "cek-fakta", "aspirasi-warga"  # topic slugs in content/_data/topik.yml


def month_key(day: dt.date) -> str:
    """``YYYY-MM`` of a date."""
    return f"{day.year:04d}-{day.month:02d}"


def last_months(today: dt.date, count: int = MONTHS_SHOWN) -> list[str]:
    """The ``count`` months ending with today's, oldest first."""
    year, month = today.year, today.month
    keys = []
    for _ in range(count):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return keys[::-1]


def counted(articles: Iterable[ArticleSource], now: dt.datetime) -> list[ArticleSource]:
    """The articles that count as activity at ``now``, newest first."""
    chosen = [a for a in articles if a.status == PUBLISHED and a.date <= now and a.withdrawal is None]
    return sorted(chosen, key=lambda a: (a.date, a.path), reverse=True)


@dataclass
class KimActivity:
    """One KIM's published articles at ``now``."""

    kim: KimProfile
    articles: list[ArticleSource] = field(default_factory=list)  # newest first
    months: Counter[str] = field(default_factory=Counter)  # all time
    last_year: int = 0  # articles in the last YEAR_DAYS days
    fact_checks: int = 0  # of those, with the topic cek-fakta
    aspirations: int = 0  # of those, with the topic aspirasi-warga
    # Accountability, all time (warta_core.corrections, .withdrawals): a network that corrects itself is healthy.
    corrections: int = 0  # Ralat notes on its published stories (not on withdrawn ones)
    replies: int = 0  # right-of-reply stories it published (and did not withdraw)
    withdrawn: int = 0  # stories it withdrew (counted here only, never in its articles)
    silent_days: int | None = None  # days since the last article (None: never wrote)
    age_days: int | None = None  # days since tanggal_berdiri (None: not recorded; negative: a future date)
    active: dict[int, bool] = field(default_factory=dict)  # window in days -> at least one article

    @property
    def total(self) -> int:
        """Published articles, all time."""
        return len(self.articles)

    @property
    def last(self) -> dt.date | None:
        """Date of the newest article."""
        return self.articles[0].date.date() if self.articles else None

    @property
    def accountable(self) -> bool:
        """It corrected, published a reply or withdrew a story at least once."""
        return bool(self.corrections or self.replies or self.withdrawn)

    @property
    def new(self) -> bool:
        """Still in its first NEW_DAYS days since tanggal_berdiri (day 0 is the founding day)."""
        return self.age_days is not None and self.age_days <= NEW_DAYS

    @property
    def recent(self) -> bool:
        """An article in the last SILENT_DAYS days: the status "aktif"."""
        return self.silent_days is not None and self.silent_days <= SILENT_DAYS

    @property
    def silent(self) -> bool:
        """No article for more than SILENT_DAYS days (or none ever), and past its first NEW_DAYS days."""
        return not self.new and not self.recent

    def sparkline(self, months: list[str]) -> list[int]:
        """Articles per month over ``months``."""
        return [self.months.get(key, 0) for key in months]


@dataclass
class AreaStats:
    """Figures for the network (``region`` None), one kabupaten/kota or one kecamatan."""

    region: Region | None
    desa_total: int
    desa_with_kim: int
    kims: list[KimActivity]  # by articles in the last year, then name
    monthly: list[tuple[str, int]]
    active: dict[int, int]
    last_year: int
    fact_checks: int
    aspirations: int
    corrections: int = 0
    replies: int = 0
    withdrawn: int = 0

    @property
    def coverage(self) -> float:
        """Percentage of desa/kelurahan with at least one KIM."""
        return 100.0 * self.desa_with_kim / self.desa_total if self.desa_total else 0.0

    @property
    def per_kim(self) -> float:
        """Articles per KIM in the last year."""
        return self.last_year / len(self.kims) if self.kims else 0.0

    @property
    def silent(self) -> list[KimActivity]:
        """KIMs silent for more than SILENT_DAYS days, longest silence first."""
        quiet = [k for k in self.kims if k.silent]
        return sorted(quiet, key=lambda k: (-(k.silent_days if k.silent_days is not None else 10**6), k.kim.name))

    @property
    def new(self) -> list[KimActivity]:
        """KIMs still in their first NEW_DAYS days, newest first."""
        return sorted((k for k in self.kims if k.new), key=lambda k: (k.age_days, k.kim.name))

    @property
    def code(self) -> str:
        """Region code ("" for the network)."""
        return self.region.code if self.region else ""


@dataclass
class NetworkStats:
    """Every figure of one build, computed at ``now``."""

    now: dt.datetime
    today: dt.date
    months: list[str]
    kims: dict[str, KimActivity]
    network: AreaStats
    kabupaten: list[AreaStats]  # kabupaten/kota with at least one KIM, by code
    kecamatan: dict[str, list[AreaStats]]  # kabupaten code -> every kecamatan of it, by code
    desa_total: Counter[str] = field(default_factory=Counter)  # region code ("" = all) -> desa in the registry
    desa_with_kim: Counter[str] = field(default_factory=Counter)  # region code -> desa with at least one KIM
    aspirations: AspirationStats | None = None  # residents' aspirations, per institution and kabupaten/kota

    def period(self, days: int) -> tuple[dt.date, dt.date]:
        """First and last day of the last ``days`` days."""
        return self.today - dt.timedelta(days=days - 1), self.today

    @property
    def ranking_active(self) -> list[AreaStats]:
        """Kabupaten/kota by KIMs active in the last 90 days, then by name."""
        return sorted(self.kabupaten, key=lambda a: (-a.active[SILENT_DAYS], a.region.name))

    @property
    def ranking_per_kim(self) -> list[AreaStats]:
        """Kabupaten/kota by articles per KIM in the last year (the "most active" list)."""
        return sorted(self.kabupaten, key=lambda a: (-a.per_kim, a.region.name))

    def area(self, code: str) -> AreaStats | None:
        """Figures of a kabupaten/kota or kecamatan by code."""
        for area in self.kabupaten:
            if area.code == code:
                return area
        for areas in self.kecamatan.values():
            for area in areas:
                if area.code == code:
                    return area
        return None


def in_last_days(moment: dt.datetime, days: int, today: dt.date) -> bool:
    """True when ``moment``'s own date is one of the ``days`` days ending with ``today`` (whole days)."""
    return 0 <= (today - moment.date()).days < days


def kim_activity(kim: KimProfile, articles: list[ArticleSource], now: dt.datetime) -> KimActivity:
    """One KIM's figures; ``articles`` are its counted articles, newest first."""
    activity = KimActivity(kim, articles)
    today = now.date()
    for article in articles:
        activity.months[month_key(article.date.date())] += 1
        if in_last_days(article.date, YEAR_DAYS, today):
            activity.last_year += 1
            activity.fact_checks += FACT_CHECK in article.topics
            activity.aspirations += ASPIRATIONS in article.topics
    newest = articles[0].date if articles else None
    for days in ACTIVE_WINDOWS:
        activity.active[days] = newest is not None and in_last_days(newest, days, today)
    if newest is not None:
        activity.silent_days = (today - newest.date()).days
    if kim.founded is not None:
        activity.age_days = (today - kim.founded).days
    return activity


def count_accountability(kims: dict[str, KimActivity], articles: Iterable[ArticleSource], now: dt.datetime) -> None:
    """Corrections, replies and withdrawals of each KIM's published stories, as the public log lists them.

    A withdrawn story counts once, as withdrawn: its notes and, for a reply, its reply left with it.
    """
    for article in articles:
        activity = kims.get(article.kim.slug)
        if activity is None or article.status != PUBLISHED or article.date > now:
            continue
        if article.withdrawal is not None:
            activity.withdrawn += 1
            continue
        activity.corrections += len(article.corrections)
        activity.replies += article.reply is not None


def desa_counts(network: Network) -> tuple[Counter[str], Counter[str]]:
    """Desa/kelurahan in the registry, and those with a KIM, per kabupaten and kecamatan code ("" = all)."""
    total: Counter[str] = Counter()
    for region in network.registry:
        if region.level == DESA:
            total.update(("", region.kabupaten_code, region.kecamatan_code))
    with_kim: Counter[str] = Counter()
    for code in {kim.desa.code for kim in network.kims.values() if kim.desa.level == DESA}:
        with_kim.update(("", code.rsplit(".", 2)[0], code.rsplit(".", 1)[0]))
    return total, with_kim


def area_stats(
    region: Region | None, kims: list[KimActivity], months: list[str], total: Counter[str], with_kim: Counter[str]
) -> AreaStats:
    """Sum the KIMs of one area."""
    code = region.code if region else ""
    ranked = sorted(kims, key=lambda k: (-k.last_year, -k.total, k.kim.name))
    return AreaStats(
        region=region,
        desa_total=total[code],
        desa_with_kim=with_kim[code],
        kims=ranked,
        monthly=[(key, sum(k.months.get(key, 0) for k in kims)) for key in months],
        active={days: sum(k.active[days] for k in kims) for days in ACTIVE_WINDOWS},
        last_year=sum(k.last_year for k in kims),
        fact_checks=sum(k.fact_checks for k in kims),
        aspirations=sum(k.aspirations for k in kims),
        corrections=sum(k.corrections for k in kims),
        replies=sum(k.replies for k in kims),
        withdrawn=sum(k.withdrawn for k in kims),
    )


def compute_stats(network: Network, articles: Iterable[ArticleSource], now: dt.datetime) -> NetworkStats:
    """Every figure of the network at ``now`` (an aware datetime)."""
    articles = list(articles)  # read twice: the activity, then corrections, replies and withdrawals
    by_kim: dict[str, list[ArticleSource]] = defaultdict(list)
    live = counted(articles, now)
    for article in live:
        by_kim[article.kim.slug].append(article)
    kims = {slug: kim_activity(kim, by_kim.get(slug, []), now) for slug, kim in sorted(network.kims.items())}
    count_accountability(kims, articles, now)
    today = now.date()
    months = last_months(today)
    total, with_kim = desa_counts(network)
    grouped: dict[str, list[KimActivity]] = defaultdict(list)
    for activity in kims.values():
        for code in activity.kim.desa.ancestor_codes()[KABUPATEN - 1 : KECAMATAN]:
            grouped[code].append(activity)
    kabupaten, kecamatan = [], {}
    registry = network.registry
    for code in sorted({k.kim.desa.kabupaten_code for k in kims.values()}, key=code_key):
        kabupaten.append(area_stats(registry.get(code), grouped[code], months, total, with_kim))
        kecamatan[code] = [
            area_stats(child, grouped.get(child.code, []), months, total, with_kim)
            for child in sorted(registry.children.get(code, []), key=lambda r: code_key(r.code))
        ]
    network_area = area_stats(None, list(kims.values()), months, total, with_kim)
    return NetworkStats(
        now, today, months, kims, network_area, kabupaten, kecamatan, total, with_kim,
        aspiration_stats(network, live, now),
    )  # fmt: skip


@dataclass(frozen=True)
class PartnerVolume:
    """Items one partner outlet carried (never KIM activity)."""

    name: str
    last_30: int
    cached: int


def partner_volume(partners, now: dt.datetime) -> list[PartnerVolume]:
    """Items per partner outlet in the last 30 days and in the cache, from the build's partner index."""
    if partners is None:
        return []
    today = now.date()
    volumes = [
        PartnerVolume(view.partner.name, sum(in_last_days(i.date, 30, today) for i in view.items), len(view.items))
        for view in partners.partners
    ]
    return sorted(volumes, key=lambda v: (-v.last_30, v.name))
