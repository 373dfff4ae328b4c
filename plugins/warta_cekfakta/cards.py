"""Share cards of a clarification: a 1200x630 ``og:image`` and a 1080x1080 square for WhatsApp groups.

Each card says the verdict in words on its colour band (never colour alone),
the claim shortened, the KIM, the portal's name and the link. The font is
Inter from the ``fontpkg-inter`` package (OFL-1.1), so every machine draws
the same card. Cards are JPEG, at most :data:`MAX_BYTES`, cached under
``CACHE_PATH/warta-cekfakta/`` by a hash of everything drawn on them.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass

import PIL
from PIL import Image, ImageDraw, ImageFont

from warta_core.atomic import write_atomically
from warta_images.typeset import font, wrap

RECIPE = "cekfakta-card-1"
CACHE_DIR = "warta-cekfakta"
MAX_BYTES = 300 * 1024
WIDE, SQUARE = (1200, 630), (1080, 1080)
INK, PAPER, FOOT, FOOT_INK, MUTED = "#1b1f1d", "#ffffff", "#0b5d3b", "#ffffff", "#4a524e"
# warna in penilaian.yml -> (band, text on the band); theme/static/css/warta.css .vonis-<warna> uses the same pairs.
VERDICT_COLOURS = {
    "merah": ("#b3261e", "#ffffff"),
    "jingga": ("#9a4400", "#ffffff"),
    "kuning": ("#f2c230", "#1b1f1d"),
    "biru": ("#1d4f91", "#ffffff"),
    "hijau": ("#1b6e3a", "#ffffff"),
}


@dataclass(frozen=True)
class CardText:
    """Everything a card shows."""

    verdict: str
    colour: str
    claim: str
    fact: str
    kim: str
    network: str
    link: str


@dataclass(frozen=True)
class Card:
    """One card file in the cache: where it is, its size in pixels and bytes."""

    path: str
    width: int
    height: int
    length: int
    mime: str = "image/jpeg"


def _fit(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """One line of ``text``, cut with an ellipsis when it does not fit ``width``."""
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def draw_card(text: CardText, size: tuple[int, int]) -> Image.Image:
    """The card at ``size`` (1200x630 or 1080x1080)."""
    width, height = size
    square = width == height
    band, band_ink = VERDICT_COLOURS.get(text.colour, VERDICT_COLOURS["merah"])
    image = Image.new("RGB", size, PAPER)
    draw = ImageDraw.Draw(image)
    margin = 64
    band_height = 230 if square else 170
    draw.rectangle((0, 0, width, band_height), fill=band)
    draw.text((margin, 34), "CEK FAKTA", font=font(30, 700), fill=band_ink)
    draw.text(
        (margin, 76 if square else 70), text.verdict.upper(), font=font(112 if square else 80, 800), fill=band_ink
    )
    foot_height = 150 if square else 120
    draw.rectangle((0, height - foot_height, width, height), fill=FOOT)
    small, label = font(30, 600), font(28, 600)
    y = band_height + 40
    draw.text((margin, y), "Klaim yang beredar:", font=label, fill=MUTED)
    y += 46
    claim_font = font(50 if square else 42, 600)
    step = 64 if square else 54
    room = width - 2 * margin
    for line in wrap(draw, f"“{text.claim}”", claim_font, room, 6 if square else 4):
        draw.text((margin, y), line, font=claim_font, fill=INK)
        y += step
    if square and text.fact:
        y += 24
        draw.text((margin, y), "Faktanya:", font=label, fill=MUTED)
        y += 46
        fact_font = font(38, 500)
        lines = max(1, (height - foot_height - 30 - y) // 50)
        for line in wrap(draw, text.fact, fact_font, room, lines):
            draw.text((margin, y), line, font=fact_font, fill=INK)
            y += 50
    foot_y = height - foot_height + 24
    draw.text((margin, foot_y), _fit(draw, f"{text.kim} · {text.network}", small, room), font=small, fill=FOOT_INK)
    draw.text((margin, foot_y + 46), _fit(draw, text.link, small, room), font=small, fill=FOOT_INK)
    return image


def encode_jpeg(image: Image.Image) -> bytes:
    """JPEG bytes of at most MAX_BYTES (quality lowered step by step when needed)."""
    for quality in (88, 80, 72, 64, 56, 48):
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
        if out.tell() <= MAX_BYTES:
            break
    return out.getvalue()


def card_key(text: CardText, size: tuple[int, int]) -> str:
    """Hash of everything the card depends on: its text, size, recipe and Pillow's version."""
    parts = (RECIPE, PIL.__version__, size, text)
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:24]


def make_card(text: CardText, size: tuple[int, int], cache: str) -> Card:
    """The card from the cache, drawn and stored atomically when missing."""
    path = os.path.join(cache, f"{card_key(text, size)}.jpg")
    if not os.path.exists(path):
        write_atomically(path, encode_jpeg(draw_card(text, size)))
    return Card(path, size[0], size[1], os.path.getsize(path))
