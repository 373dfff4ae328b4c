"""Draw the portal's icons with Pillow: the same shapes as theme/static/img/favicon.svg.

A green square with a white speech bubble holding two lines of news. Run
``.venv/bin/python scripts/make_icons.py`` after changing the drawing; the
results are committed (theme/static/img/favicon.ico and apple-touch-icon.png)
and published at the site's root by the warta_search plugin.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

IMG = Path(__file__).resolve().parent.parent / "theme" / "static" / "img"
GREEN = (11, 93, 59, 255)
WHITE = (255, 255, 255, 255)
SCALE = 16  # draw on a 1024-px canvas, then downsample: smooth edges at 16 px


def draw(size: int, rounded: bool = True) -> Image.Image:
    """The icon at ``size`` pixels (64 units of the SVG's view box)."""
    unit = SCALE * 16
    canvas = Image.new("RGBA", (64 * unit // 16, 64 * unit // 16), (0, 0, 0, 0))
    pen = ImageDraw.Draw(canvas)
    u = unit // 16  # one view-box unit

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        return (round(x0 * u), round(y0 * u), round(x1 * u), round(y1 * u))

    pen.rounded_rectangle(box(0, 0, 64, 64), radius=12 * u if rounded else 0, fill=GREEN)
    pen.rounded_rectangle(box(8, 14, 56, 44), radius=4 * u, fill=WHITE)
    pen.polygon([(18 * u, 44 * u), (30 * u, 44 * u), (18 * u, 54 * u)], fill=WHITE)
    pen.rectangle(box(17, 22, 47, 26), fill=GREEN)
    pen.rectangle(box(17, 30, 47, 34), fill=GREEN)
    return canvas.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    """Write favicon.ico (16, 32, 48 px) and the 180-px apple-touch-icon (square: iOS rounds it itself)."""
    draw(48).save(IMG / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    draw(180, rounded=False).convert("RGB").save(IMG / "apple-touch-icon.png", optimize=True)


if __name__ == "__main__":
    main()
