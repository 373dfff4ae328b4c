"""Shared by tests in several folders (moved from ``test_html_quality``)."""

from __future__ import annotations

import re

from support.site import ROOT

STYLESHEET = ROOT / "theme" / "static" / "css" / "warta.css"


_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|var\(\s*--[\w-]+\s*\)")


def css_rules(css: str) -> dict[str, dict[str, str]]:
    """Declarations per single selector, later rules winning (``@media`` blocks are read like the rest)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    css = re.sub(r"@media[^{]*\{", "", css)  # its closing brace is then skipped by the rule pattern below
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = dict(
            (name.strip(), value.strip())
            for name, _, value in (item.partition(":") for item in body.split(";"))
            if name.strip()
        )
        for selector in selectors.split(","):
            rules.setdefault(" ".join(selector.split()), {}).update(declarations)
    return rules


def css_colour(rules: dict[str, dict[str, str]], selector: str, *properties: str) -> str:
    """The ``#rrggbb`` colour that ``selector`` declares in the first of ``properties`` it has."""
    declarations = rules.get(selector, {})
    value = next((declarations[name] for name in properties if name in declarations), None)
    assert value is not None, f"{STYLESHEET.name}: no {' or '.join(properties)} declared for {selector}"
    match = _COLOUR.search(value)
    assert match, f"{STYLESHEET.name}: {selector} {{{properties[0]}: {value}}} is not a hex colour or var()"
    colour = match.group()
    if colour.startswith("var("):
        name = colour[4:-1].strip()
        custom = rules.get(":root", {}).get(name)
        assert custom, f"{STYLESHEET.name}: {name} is used by {selector} but not declared in :root"
        colour = custom
    if len(colour) == 4:
        colour = "#" + "".join(2 * digit for digit in colour[1:])
    return colour.lower()


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio, from 1 (same colour) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
