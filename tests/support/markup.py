"""Shared by tests in several folders (moved from ``test_feed_safety``)."""

from __future__ import annotations

from bs4 import BeautifulSoup

LIVE_TAGS = ("script", "iframe", "object", "embed", "svg", "math", "style", "base", "form")


URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset")


THEME_CHARTS = {"grafik-batang", "sparkline"}  # inline SVG charts drawn by the theme (warta_stats), never content


def theme_chart(tag) -> bool:
    """An inline chart of the theme's own; its children are still checked for handlers and scripts."""
    return tag.name == "svg" and bool(THEME_CHARTS & set(tag.get("class", [])))


def search_form(tag) -> bool:
    """The theme's search page: its GET form to /cari/ and its own script (the only page with JavaScript)."""
    if tag.name == "form":
        return tag.get("role") == "search" and tag.get("action", "").endswith("/cari/")
    return tag.name == "script" and tag.get("src", "").endswith("/theme/js/cari.js")


def live_markup(fragment: BeautifulSoup) -> list[str]:
    """What in a parsed HTML fragment would run in a browser."""
    problems = [
        f"<{tag.name}>" for tag in fragment.find_all(LIVE_TAGS) if not theme_chart(tag) and not search_form(tag)
    ]
    for tag in fragment.find_all(True):
        for attribute, raw in tag.attrs.items():
            value = " ".join(raw) if isinstance(raw, list) else raw
            if attribute.lower().startswith("on"):
                problems.append(f"<{tag.name} {attribute}=…>")
            elif attribute.lower() in URL_ATTRIBUTES and "".join(value.split()).lower().startswith(
                ("javascript:", "vbscript:", "data:text")
            ):
                problems.append(f"<{tag.name} {attribute}={value!r}>")
    return problems
