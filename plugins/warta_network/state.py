"""The one build state the Warta KIM plugins share, reached through one accessor.

``warta_network`` creates it when Pelican starts (``initialized``), after the
check passed; every other plugin, the reader and the ``kim`` commands reach
it with :func:`warta_state`. It lives beside the settings, never in them:
Pelican's settings dict stays the user's settings (plus what Pelican adds),
with no magic keys that plugins pass objects through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from warta_core.articles import ArticleSource
    from warta_core.correction_log import LogPage
    from warta_core.files import Inventory
    from warta_core.network import Network, NetworkInfo
    from warta_core.pages import PageSource
    from warta_core.validation import CheckResult

_KEEP = 8  # builds remembered per process (tests and `kim pratinjau` run several); older states are dropped


@dataclass(frozen=True)
class Listing:
    """One paginated list of articles (warta_listings); warta_syndication gives it one feed per format at ``url``."""

    url: str  # relative to SITEURL, "" for the home page
    template: str  # "index", "kim", "wilayah", "topik" or "cek_fakta"
    title: str
    description: str
    articles: list[Any]
    context: dict[str, Any]
    withdrawn: tuple[Any, ...] = ()  # withdrawn stories this listing would show (warta_ralat), for feed tombstones
    feed_articles: list[Any] | None = None  # what its feeds carry, when not ``articles`` in page order


class PageOutput(Protocol):
    """What plugins ask of the incremental writer (warta_output's ``ParallelIncrementalWriter``)."""

    def defer(self, names: list[str], fingerprint: object, job: Callable[[], object]) -> bool:
        """Queue ``job``, which writes ``names``, unless their fingerprint says they are up to date."""
        ...

    def flush(self, workers: int) -> None:
        """Run every queued job."""
        ...

    def written_fingerprints(self) -> dict[str, list[str]] | None:
        """After ``flush``: each output file's stored fingerprint (warta_search's index follows the articles')."""
        ...


class PartnerNews(Protocol):
    """What other plugins read of the partner news (warta_partners' ``PartnerIndex``)."""

    @property
    def partners(self) -> Sequence[Any]:
        """One view per partner outlet: ``.partner`` and its ``.items``."""
        ...

    def section_fingerprint(self, template: str, context: dict[str, Any]) -> object:
        """What a listing's "Berita Mitra" section shows, for its page's fingerprint."""
        ...


class ImagePublisher(Protocol):
    """warta_images' ``ImageIndex``: when present, it publishes every raster (derived, not copied)."""

    def get(self, path: str | None) -> object | None:
        """The derived picture of one source image, if it has one."""
        ...


@dataclass
class WartaState:
    """What the check found and the plugins computed, for one build (typed: no plugin passes objects untyped)."""

    settings: dict[str, Any] = field(repr=False)
    check: CheckResult
    now: dt.datetime  # the build's one moment (warta_core.dates.build_now): WARTA_NOW or the clock, in TIMEZONE
    rendered: dict[str, str] = field(default_factory=dict, repr=False)  # article path -> sanitised HTML
    writer: PageOutput | None = None  # warta_output's incremental writer, when that plugin is on
    images: ImagePublisher | None = None  # warta_images' index, when that plugin is on
    partners: PartnerNews | None = None  # warta_partners' news from its cache, when that plugin is on
    listings: list[Listing] = field(default_factory=list)  # warta_listings' paginated lists, for feeds and stats
    # Codes of regions (ancestors included) with news from outside the network's own articles (partner feeds;
    # on a federated national portal, all of its news): warta_partners fills it, warta_listings gives them pages.
    outside_news_regions: set[str] = field(default_factory=set)
    # Pages a plugin writes outside the listings (URLs relative to SITEURL, e.g. "statistik/"): the sitemap lists them.
    extra_pages: list[str] = field(default_factory=list)
    # Withdrawn stories (warta_ralat): taken out of Pelican's article lists, so no list, feed, sitemap, search
    # index or derived image carries them; their addresses show a withdrawal notice, Atom feeds a tombstone.
    withdrawn: list[Any] = field(default_factory=list)
    # Feeds announce withdrawals made since this moment (warta_ralat's tombstone period); None: announce none.
    tombstones_since: dt.datetime | None = None
    # The public log of corrections, replies and withdrawals (warta_ralat): pages that warta_syndication gives feeds.
    correction_log: list[LogPage] = field(default_factory=list)
    # The search index's parts (warta_search): article page (output name) -> the part it is indexed in, set when
    # /cari/ is rendered and read by the indexer at `finalized`; None when /cari/ was not rendered in this build.
    search_parts: dict[str, str] | None = None
    settings_at_start: dict[str, Any] = field(default_factory=dict, repr=False)  # see settings_written()

    def settings_written(self) -> list[str]:
        """Settings keys added, removed or given another value since the state started (none, in a sound build).

        Settings are complete when the check is done (validated, defaults filled, the network's name in);
        after that every plugin reads them and passes what it computes through this state.
        """
        now, then = self.settings, self.settings_at_start
        return sorted(
            key for key in now.keys() | then.keys() if key not in now or key not in then or now[key] is not then[key]
        )

    @property
    def absolute_url(self) -> str:
        """Absolute address of the site (``FEED_DOMAIN``, else ``SITEURL``), without the final slash.

        Empty when the build has no public address (a local ``kim bangun``): every link made from it is then
        root-relative, so the built folder works wherever it is served; published builds set one.
        """
        return (self.settings.get("FEED_DOMAIN") or self.settings.get("SITEURL") or "").rstrip("/")

    @property
    def network(self) -> Network:
        """The loaded network: data files and KIM profiles."""
        return self.check.network

    @property
    def info(self) -> NetworkInfo:
        """Name, description, licence of the network."""
        return self.check.network.info

    @property
    def articles(self) -> dict[str, ArticleSource]:
        """Checked articles by absolute source path."""
        return self.check.articles

    @property
    def pages(self) -> dict[str, PageSource]:
        """Checked pages by absolute source path."""
        return self.check.pages

    @property
    def files(self) -> Inventory:
        """What may be published (the allowlist's inventory)."""
        return self.check.files


_states: dict[int, WartaState] = {}


class NoBuildState(LookupError):
    """Asked for the state of settings that no checked build started with (plugin order, or no check yet)."""


def start_state(settings: dict[str, Any], check: CheckResult, now: dt.datetime) -> WartaState:
    """Create the state of the build that uses ``settings``, checked at ``now``."""
    state = WartaState(settings, check, now, settings_at_start=dict(settings))
    _states[id(settings)] = state
    while len(_states) > _KEEP:
        del _states[next(iter(_states))]
    return state


def warta_state(settings: dict[str, Any]) -> WartaState:
    """The state of the build that uses ``settings`` (the same dict Pelican hands every generator and reader)."""
    state = _states.get(id(settings))
    if state is None or state.settings is not settings:
        raise NoBuildState("warta_network has not checked this build yet: list it first in PLUGINS (pelicanconf.py)")
    return state


def has_state(settings: dict[str, Any]) -> bool:
    """True when ``settings`` belong to a build that warta_network has checked."""
    state = _states.get(id(settings))
    return state is not None and state.settings is settings
