"""Inline SVG bar charts and sparklines, as geometry for the templates.

The templates draw the SVG from these numbers (text is escaped there); each
chart is paired with a table of the same figures for screen readers and for
anyone who prefers numbers. No JavaScript, no external files.
"""

from __future__ import annotations

from dataclasses import dataclass

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
MONTH_FULL = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def month_label(key: str, full: bool = False) -> str:
    """``2024-03`` -> "Mar 2024" (or "Maret 2024")."""
    year, month = key.split("-")
    return f"{(MONTH_FULL if full else MONTH_NAMES)[int(month) - 1]} {year}"


@dataclass(frozen=True)
class Bar:
    """One bar: position and size in the SVG's user units."""

    label: str
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    """A bar chart of values per month, drawn at the size it is shown (``width`` CSS pixels, never stretched)."""

    width: int
    height: int
    baseline: float
    bars: list[Bar]
    maximum: int
    ticks: list[tuple[str, float]]  # x-axis labels (every few months, spaced to stay readable) and their x
    text_size: int = 14  # user units = CSS pixels at full size; still >= 12 px when a 360 px phone shrinks it


CHART_WIDTH = 340  # fits a 360 px phone's column (328 px) shrunk by 4 %, so text stays >= 12 px there
TEXT_SIZE = 14
TICK_STEPS = (1, 2, 3, 4, 6, 12)  # months between x-axis labels: the first that leaves room for "Mar 2024"
LABEL_WIDTH = 5 * TEXT_SIZE  # room one "Mar 2024" label needs (8 characters of about 0.6 em, plus a gap)


def bar_chart(series: list[tuple[str, int]], width: int = CHART_WIDTH, height: int = 170) -> Chart:
    """Bars for ``(month key, value)`` pairs, scaled to the largest value.

    The SVG is drawn in CSS pixels (``width`` attribute, ``max-width: 100%``): a viewBox twice the
    column's width once shrank its 11-unit labels to 5 px on a phone. Labels are spaced so that they
    never overlap, whatever the number of months.
    """
    top, bottom, left = TEXT_SIZE + 6.0, TEXT_SIZE + 10.0, 2.0
    plot = height - top - bottom
    step = (width - 2 * left) / max(len(series), 1)
    every = next((n for n in TICK_STEPS if n * step >= LABEL_WIDTH), TICK_STEPS[-1])
    maximum = max((value for _, value in series), default=0)
    bars, ticks = [], []
    for number, (key, value) in enumerate(series):
        bar_height = plot * value / maximum if maximum else 0.0
        x = left + number * step
        bars.append(Bar(month_label(key), value, round(x + 1, 1), round(top + plot - bar_height, 1),
                        round(max(step - 2, 1), 1), round(bar_height, 1)))  # fmt: skip
        if number % every == 0 and x + LABEL_WIDTH <= width:
            ticks.append((month_label(key), round(x, 1)))
    return Chart(width, height, top + plot, bars, maximum, ticks, TEXT_SIZE)


def sparkline(values: list[int], width: int = 96, height: int = 20) -> list[tuple[float, float, float, float]]:
    """Tiny bars ``(x, y, width, height)`` for a KIM's months; a flat line when it never wrote."""
    step = width / max(len(values), 1)
    maximum = max(values, default=0)
    bars = []
    for number, value in enumerate(values):
        bar_height = (height - 1) * value / maximum if maximum else 0.0
        bars.append((round(number * step, 1), round(height - 1 - bar_height, 1), round(step - 1, 1),
                     round(bar_height + 1, 1)))  # fmt: skip
    return bars
