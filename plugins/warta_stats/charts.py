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
    """A bar chart of values per month."""

    width: int
    height: int
    baseline: float
    bars: list[Bar]
    maximum: int
    ticks: list[tuple[str, float]]  # x-axis labels (every sixth month) and their x


def bar_chart(series: list[tuple[str, int]], width: int = 720, height: int = 200) -> Chart:
    """Bars for ``(month key, value)`` pairs, scaled to the largest value."""
    top, bottom, left = 16.0, 24.0, 8.0
    plot = height - top - bottom
    step = (width - 2 * left) / max(len(series), 1)
    maximum = max((value for _, value in series), default=0)
    bars, ticks = [], []
    for number, (key, value) in enumerate(series):
        bar_height = plot * value / maximum if maximum else 0.0
        x = left + number * step
        bars.append(Bar(month_label(key), value, round(x + 1, 1), round(top + plot - bar_height, 1),
                        round(step - 2, 1), round(bar_height, 1)))  # fmt: skip
        if number % 6 == 0:
            ticks.append((month_label(key), round(x, 1)))
    return Chart(width, height, top + plot, bars, maximum, ticks)


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
