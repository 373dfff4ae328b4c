"""The front page, composed so that each story appears once and today's news comes first.

Read top to bottom on a 360 px phone:

1. the lead: the story pinned with ``Sematkan`` (``warta_core.pinning``; the
   newest of those still pinned on the build's day), otherwise the newest
   story, photo or not;
2. the newest clarifications (at most :data:`FACTCHECK_STRIP`), one line each
   with their verdict, the lead left out; then the longest-waiting open
   aspirations (``aspirations.open_aspirations``), those already shown left out;
3. "Berita terbaru": page 1 of the home listing without the stories already
   shown above, so the newest story is on the first or second screen whatever
   was pinned;
4. then partner news and, per kabupaten/kota, its newest story that is not
   already on the page (kabupaten with nothing more to show are left out).

Everything here is computed once in ``generate_context`` from the articles
and the build's moment (``state.now``), and lands in the home listing's
context, whose repr is part of page 1's fingerprint: a pin that expires, a
new clarification or a new story re-renders the home page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from warta_core.network import Network
from warta_core.pinning import pinned_on
from warta_core.regions import Region, kabupaten_code
from warta_core.verdicts import Verdict

from .aspirations import AspirationEntry, open_aspirations
from .factchecks import FactCheckEntry, clarifications
from .related import StoryLink, story_link

FACTCHECK_STRIP = 4  # clarifications on the home page
KABUPATEN_ON_HOME = 12  # per-kabupaten rows on the home page (the rest: /wilayah/)


@dataclass(frozen=True)
class LeadStory:
    """The home page's lead: a story, its cover when it has one, its verdict when it is a clarification."""

    story: StoryLink
    summary: str
    image_url: str | None
    image_alt: str
    desa: Region
    kabupaten: Region
    kim_url: str = ""
    verdict: Verdict | None = None
    pinned: bool = False


@dataclass(frozen=True)
class FrontPage:
    """What page 1 of the home page shows besides its list (plain values: fingerprinted by repr)."""

    lead: LeadStory | None
    factcheck_strip: tuple[FactCheckEntry, ...]
    shown_above: frozenset[str]  # URLs of the lead and the strips: "Berita terbaru" leaves them out
    per_kabupaten: tuple[tuple[Region, StoryLink], ...]
    open_aspirations: tuple[AspirationEntry, ...] = ()

    def context(self) -> dict[str, Any]:
        """The template variables of ``index.html``."""
        return {
            "lead": self.lead,
            "factcheck_strip": self.factcheck_strip,
            "shown_above": self.shown_above,
            "latest_per_kabupaten": self.per_kabupaten,
            "open_aspirations": self.open_aspirations,
        }


def _pinned_until(article: Any) -> dt.date | None:
    source = getattr(article, "source", None)
    return getattr(source, "pinned_until", None)


def choose_lead(articles: list[Any], today: dt.date) -> tuple[Any, bool] | None:
    """The newest story still pinned on ``today``, else the newest story; and whether it is pinned."""
    if not articles:
        return None
    pinned = next((a for a in articles if pinned_on(_pinned_until(a), today)), None)
    return (pinned, True) if pinned is not None else (articles[0], False)


def lead_story(article: Any, pinned: bool) -> LeadStory:
    """``article`` as the lead block shows it."""
    path = article.breadcrumbs
    factcheck = getattr(article, "factcheck", None)
    return LeadStory(
        story_link(article),
        article.summary,
        article.image_url,
        article.image_alt or "",
        path[-1],
        path[1],
        article.kim_profile.url,
        factcheck.verdict if factcheck is not None else None,
        pinned,
    )


def latest_per_kabupaten(
    articles: list[Any], network: Network, skip: frozenset[str]
) -> tuple[tuple[Region, StoryLink], ...]:
    """The newest story of each kabupaten/kota not in ``skip`` (URLs), most recently active first."""
    found: dict[str, tuple[Region, StoryLink]] = {}
    for article in articles:
        url = article.url
        if url in skip:
            continue
        for code in dict.fromkeys(kabupaten_code(desa) for desa in article.desa_codes):
            if code not in found:
                found[code] = (network.registry.get(code), story_link(article, article.regions[0].label, url))
        if len(found) >= KABUPATEN_ON_HOME:
            break
    return tuple(found.values())


def front_page(articles: list[Any], network: Network, now: dt.datetime, first_page: int) -> FrontPage:
    """Compose page 1 of the home page at the build's ``now``; ``first_page``: how many stories its list holds."""
    today = now.date()  # a pin ends with the build's day, not the clock's
    chosen = choose_lead(articles, today)
    lead = lead_story(*chosen) if chosen else None
    lead_url = lead.story.url if lead else None
    checks = [a for a in clarifications(articles) if a.url != lead_url][:FACTCHECK_STRIP]
    strip = tuple(
        FactCheckEntry(a.title, a.url, a.factcheck.verdict, a.factcheck.claim, a.kim_profile.name, a.date)
        for a in checks
    )
    shown = ({lead_url} if lead_url else set()) | {entry.url for entry in strip}
    waiting = open_aspirations([a for a in articles if a.url not in shown], now)
    shown_above = frozenset(shown | {entry.url for entry in waiting})
    on_page = shown_above | {a.url for a in articles[:first_page]}
    return FrontPage(lead, strip, shown_above, latest_per_kabupaten(articles, network, on_page), waiting)
