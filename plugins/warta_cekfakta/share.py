"""What a clarification sends back into the groups where the hoax spread: text for WhatsApp.

The text is plain (WhatsApp's own ``*bold*`` only), short enough to read on a
phone, and always carries the verdict in words, the claim, the fact, the
evidence and the link to the full clarification. The share link is a plain
``https://wa.me/?text=…`` address: no JavaScript, it opens WhatsApp (or its
web page) with the text ready to send.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from warta_core.factcheck import FactCheck

WHATSAPP_SHARE = "https://wa.me/?text="
FACT_LENGTH = 280  # characters of "Faktanya"
CLAIM_LENGTH = 200
_TAG = re.compile(r"<[^>]+>")


def plain_text(fragment: str) -> str:
    """HTML (Pelican's generated summary) as one line of text."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment or "")).split())


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word to at most ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(".,;:—- ")
    return f"{cut}…"


def fact_text(summary: str) -> str:
    """The article's summary as the "Faktanya" part (a leading "Faktanya," is not repeated)."""
    text = re.sub(r"^faktanya\s*[,:]?\s*", "", " ".join(summary.split()), flags=re.IGNORECASE)
    return text[:1].upper() + text[1:]


def whatsapp_text(factcheck: FactCheck, fact: str, url: str, kim_name: str, network_name: str) -> str:
    """``*HOAKS* — Klaim: … / Faktanya: … / Sumber: … / <link>``, one part per line."""
    sources = "; ".join(evidence.text for evidence in factcheck.evidence)
    lines = [
        f"*{factcheck.verdict.label.upper()}* — Klaim: “{shorten(factcheck.claim, CLAIM_LENGTH)}”",
        f"Faktanya: {shorten(fact, FACT_LENGTH)}" if fact else "",
        f"Sumber: {sources}",
        f"Selengkapnya: {url}",
        f"_Klarifikasi {kim_name}, {network_name}. Periksa dulu sebelum membagikan._",
    ]
    return "\n".join(line for line in lines if line)


def whatsapp_link(text: str) -> str:
    """The wa.me address that opens WhatsApp with ``text`` ready to send."""
    return WHATSAPP_SHARE + quote(text, safe="")
