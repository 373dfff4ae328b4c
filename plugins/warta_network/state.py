"""The one build state the Warta KIM plugins share, reached through one accessor.

``warta_network`` creates it when Pelican starts (``initialized``), after the
check passed; every other plugin, the reader and the ``kim`` commands reach
it with :func:`warta_state`. It lives beside the settings, never in them:
Pelican's settings dict stays the user's settings (plus what Pelican adds),
with no magic keys that plugins pass objects through.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from warta_core.articles import ArticleSource
    from warta_core.files import Inventory
    from warta_core.network import Network, NetworkInfo
    from warta_core.pages import PageSource
    from warta_core.validation import CheckResult

_KEEP = 8  # builds remembered per process (tests and `kim preview` run several); older states are dropped


@dataclass
class WartaState:
    """What the check found and the plugins computed, for one build."""

    settings: dict[str, Any] = field(repr=False)
    check: CheckResult
    rendered: dict[str, str] = field(default_factory=dict, repr=False)  # article path -> sanitised HTML
    partner_config: Any = None  # warta_partners' parsed mitra.yml (this package does not know its type)
    writer: Any = None  # the incremental writer of warta_output, when that plugin is on
    images: Any = None  # warta_images' ImageIndex, when that plugin is on: it then publishes every raster
    # Codes of regions (ancestors included) with news from outside the network's own articles (partner feeds;
    # on a federated national portal, all of its news): warta_partners fills it, warta_listings gives them pages.
    outside_news_regions: set[str] = field(default_factory=set)
    # Pages a plugin writes outside the listings (URLs relative to SITEURL, e.g. "statistik/"): the sitemap lists them.
    extra_pages: list[str] = field(default_factory=list)

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


def start_state(settings: dict[str, Any], check: CheckResult) -> WartaState:
    """Create the state of the build that uses ``settings``."""
    state = WartaState(settings, check)
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
