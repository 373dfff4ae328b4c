"""Shared by tests in several folders (moved from ``test_guide``)."""

from __future__ import annotations

import re

from support.site import ROOT


def template_regex(template: str) -> re.Pattern[str]:
    """A guide template ("…" for the variable parts) as a regular expression."""
    return re.compile(".+?".join(re.escape(part) for part in template.split("…")), re.DOTALL)


def guide_templates() -> list[str]:
    """The code spans opening the list items of the guide's "Arti pesan pemeriksaan" section, as written."""
    text = (ROOT / "content" / "pages" / "panduan.md").read_text(encoding="utf-8")
    section = text.split("## Arti pesan pemeriksaan", 1)[1].split("\n## ", 1)[0]
    return [m.group(2) for m in re.finditer(r"^- (`+) ?(.+?) ?\1(?= |$)", section, re.MULTILINE)]
