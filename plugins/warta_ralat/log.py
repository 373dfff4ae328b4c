"""``/ralat/``: every correction, reply and withdrawal, network-wide and per kabupaten/kota, newest first.

The events come from the build's articles (``warta_core.correction_log``
groups them); :class:`CorrectionLogGenerator` keeps the pages in the build
state (``state.correction_log``), where warta_syndication gives each page
its Atom, RSS and JSON feeds like a listing's, and writes their HTML.

What a log entry shows is what the story's page already shows: a correction
note, who replies and the reply's title, a withdrawal's reason and
explanation. Corrections of a withdrawn story are not listed (its notes could
repeat what was withdrawn); its withdrawal is.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from pelican.generators import Generator

from warta_core.correction_log import (
    CORRECTION,
    LOG_URL,
    REPLY,
    WITHDRAWAL,
    LogEvent,
    LogPage,
    kabupaten_of,
    log_pages,
)
from warta_network.state import warta_state

logger = logging.getLogger("warta_ralat")
TEMPLATE = "ralat"


def _stamp(date) -> str:
    return f"{date.replace(tzinfo=None):%Y%m%dT%H%M%S}"


def story_events(article) -> list[LogEvent]:
    """A published story's corrections, and the reply it is (if it is one)."""
    kim, places = article.kim_profile, kabupaten_of(article.desa_codes)
    story = {"story_title": article.title, "story_url": article.url, "kim_name": kim.name, "kim_url": kim.url}
    events = [
        LogEvent(
            CORRECTION,
            note.date,
            f"{article.feed_id}#ralat-{_stamp(note.date)}",
            f"{article.url}#judul-ralat",
            text=note.text,
            kabupaten=places,
            **story,
        )
        for note in article.corrections
    ]
    original = article.reply_to
    if original is not None:
        answered = {**story, "story_title": original.title, "story_url": original.url}
        both = tuple(dict.fromkeys((*kabupaten_of(original.desa_codes), *places)))
        text = f"Hak jawab dari {article.reply_from}: {article.title}"
        reply_id = f"{article.feed_id}#hak-jawab"
        events.append(LogEvent(REPLY, article.date, reply_id, article.url, text=text, kabupaten=both, **answered))
    return events


def withdrawal_event(article) -> LogEvent:
    """A withdrawn story's entry: when, the reason in words and the explanation."""
    withdrawal, kim = article.source.withdrawal, article.kim_profile
    return LogEvent(
        WITHDRAWAL, withdrawal.date, f"{article.feed_id}#pencabutan", article.url,
        story_title=article.title, story_url=article.url, kim_name=kim.name, kim_url=kim.url,
        text=f"{withdrawal.reason.label}. {withdrawal.explanation}", kabupaten=kabupaten_of(article.desa_codes),
    )  # fmt: skip


def log_events(articles: Iterable[Any], withdrawn: Iterable[Any]) -> list[LogEvent]:
    """Every event of the published stories and of the withdrawn ones."""
    events = [event for article in articles for event in story_events(article)]
    return events + [withdrawal_event(article) for article in withdrawn]


def log_fingerprint(page: LogPage) -> tuple:
    """What a log page shows (its events are plain values)."""
    return ("ralat", page.url, page.title, page.description, page.events, page.region and page.region.code)


class CorrectionLogGenerator(Generator):
    """Builds the log pages once the articles are known; writes their HTML (feeds: warta_syndication)."""

    def generate_context(self) -> None:
        """``state.correction_log``: the network page, then one per kabupaten/kota with events."""
        state = warta_state(self.settings)
        events = log_events(self.context.get("articles", []), state.withdrawn)
        state.correction_log = log_pages(events, state.network.registry, state.network.info.name)
        state.extra_pages.extend(page.url for page in state.correction_log)
        self.context["CORRECTION_LOG_URL"] = LOG_URL
        logger.info("warta_ralat: %d corrections, replies and withdrawals in the public log", len(events))

    def generate_output(self, writer) -> None:
        """One page per log, rewritten only when what it shows changed."""
        state = warta_state(self.settings)
        template = self.get_template(TEMPLATE)
        kabupaten = tuple(page for page in state.correction_log if page.region is not None)
        for page in state.correction_log:
            writer.write_file(
                f"{page.url}index.html", template, self.context, self.settings["RELATIVE_URLS"], url=page.url,
                log=page, kabupaten_logs=kabupaten if page.region is None else (),
                breadcrumbs=state.network.registry.path(page.region.code) if page.region else [],
                fingerprint=(log_fingerprint(page), tuple((p.url, p.title, len(p.events)) for p in kabupaten)),
            )  # fmt: skip
