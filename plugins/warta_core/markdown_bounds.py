"""What one Markdown body may cost to render, measured by one linear scan.

Python-Markdown recurses once per nesting level (lists, quotes,
``<div markdown="1">``), so a few hundred levels end the build with a
``RecursionError``; and several of its inline patterns scan from every
opening character to the end of the block, so a run of ``[``, ``<`` or
backticks costs time quadratic in its length (16 KB of ``[`` took 55 s).
One writer's file must not stop every KIM's build, so each body is measured
here before anything renders it:

- **nesting**: the deepest line, counting quote markers, list markers, the
  indentation of four columns each and open ``markdown="1"`` blocks. Deeper
  than :data:`MAX_NESTING` is refused; real stories use two or three.
- **inline cost**: for every block (text between blank lines), the number
  of characters that open an inline pattern times the block's length: an
  upper bound of the scanning the inline patterns can do. Below
  :data:`SAFE_INLINE_COST` a body renders in well under a second whatever
  it holds; above :data:`MAX_INLINE_COST` it is refused at once; in between
  (a long table, a wall of links) it is rendered once with a time limit
  (:data:`RENDER_SECONDS`) by the build's own renderer, in the check and the
  build alike (the renderer registered through :mod:`.renderer`).

The scan is linear and imports nothing from Markdown or Pelican.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_NESTING = 32  # levels; Python-Markdown fails near 250 indented list levels and 335 nested md-in-html blocks
SAFE_INLINE_COST = 2_000_000  # about 0.2 s of the worst pattern measured (unclosed `[`)
MAX_INLINE_COST = 2_000_000_000  # refused without trying: minutes of rendering for the cheapest pattern measured
RENDER_SECONDS = 10.0  # one trial render, in the check and in the build

_OPENER_CHARACTERS = "[<`\\*_&!"  # characters that start an inline pattern
_OPENER_BYTES = _OPENER_CHARACTERS.encode()  # counted in the encoded body: bytes.translate is one C pass
_OPENERS = re.compile("[" + re.escape(_OPENER_CHARACTERS) + "]")  # the same set, counted per block
_LEADING_SPACE = re.compile(r"[ \t]*")
_MARKER = re.compile(r">|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)")
_MD_BLOCK_OPEN = re.compile(r"<[a-zA-Z][^<>]{0,2000}?\bmarkdown\s*=", re.IGNORECASE)
_NESTABLE_LINE = re.compile(r"\n[ \t>*+\d-]")  # a line starting otherwise opens no container
_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n)")
_BLOCK_CLOSE = re.compile(r"</[a-zA-Z][a-zA-Z0-9]{0,30}\s*>")


@dataclass(frozen=True)
class BodyCost:
    """The deepest nesting and the costliest block of one body, each with its line (1 = the body's first)."""

    nesting: int
    nesting_line: int
    inline: int
    inline_line: int

    @property
    def refused(self) -> bool:
        """True when the body may not be rendered at all."""
        return self.nesting > MAX_NESTING or self.inline > MAX_INLINE_COST

    @property
    def needs_trial(self) -> bool:
        """True when only a render under a time limit can tell whether the body is affordable."""
        return not self.refused and self.inline > SAFE_INLINE_COST


def _line_depth(line: str) -> int:
    """Containers a line opens: indentation in steps of four columns, and quote and list markers."""
    depth, position = 0, 0
    while True:
        space = _LEADING_SPACE.match(line, position)
        depth += len(space.group().expandtabs(4)) // 4
        marker = _MARKER.match(line, space.end())
        if marker is None:
            return depth
        depth += 1
        position = marker.end()


def _deepest(body: str) -> tuple[int, int]:
    """The deepest line's depth and offset; open ``markdown="1"`` blocks add to every line inside them."""
    deepest, offset = 0, 0
    if "markdown" not in body:
        for candidate in _NESTABLE_LINE.finditer("\n" + body):  # "\n" first: the body's first line counts too
            start = candidate.start()
            end = body.find("\n", start)
            depth = _line_depth(body[start : end if end >= 0 else len(body)])
            if depth > deepest:
                deepest, offset = depth, start
        return deepest, offset
    start = 0
    open_blocks = 0
    for line in body.split("\n"):
        open_blocks += len(_MD_BLOCK_OPEN.findall(line)) if "markdown" in line else 0
        depth = _line_depth(line) + open_blocks
        if depth > deepest:
            deepest, offset = depth, start
        if "</" in line and open_blocks:
            open_blocks = max(0, open_blocks - len(_BLOCK_CLOSE.findall(line)))
        start += len(line) + 1
    return deepest, offset


def measure(body: str) -> BodyCost:
    """Measure ``body`` in one pass over its lines and one over its blocks."""
    deepest, deepest_offset = _deepest(body)
    line = lambda offset: body.count("\n", 0, offset) + 1  # noqa: E731 - one-line helper
    encoded = body.encode("utf-8", "surrogatepass")
    bound = len(body) * (len(encoded) - len(encoded.translate(None, _OPENER_BYTES)))
    if bound <= SAFE_INLINE_COST:  # no block can cost more than the whole body: the usual case, in microseconds
        return BodyCost(deepest, line(deepest_offset), bound, 1)
    costliest, costliest_offset, start = 0, 0, 0
    for blank in [*_BLANK_LINE.finditer(body), None]:
        end = blank.start() if blank else len(body)
        cost = (end - start) * len(_OPENERS.findall(body, start, end))
        if cost > costliest:
            costliest, costliest_offset = cost, start
        start = blank.end() + 1 if blank else end
    return BodyCost(deepest, line(deepest_offset), costliest, line(costliest_offset))


def refusal(cost: BodyCost) -> tuple[str, str, int] | None:
    """The check's message, hint and body line for a body that may not be rendered, or None."""
    if cost.nesting > MAX_NESTING:
        return (
            f"Susunan teks bersarang terlalu dalam ({cost.nesting} tingkat daftar, kutipan, atau blok; "
            f"batasnya {MAX_NESTING}), sehingga berita tidak bisa diolah.",
            "Rapikan daftarnya: cukup beberapa tingkat butir, tanpa penanda `-`, `>`, atau spasi awal yang "
            "menumpuk. Teks yang tersalin dari aplikasi lain sering membawa susunan seperti ini.",
            cost.nesting_line,
        )
    if cost.inline > MAX_INLINE_COST:
        return (*TOO_COMPLEX, cost.inline_line)
    return None


TOO_COMPLEX = (
    "Paragraf ini terlalu rumit untuk diolah: terlalu banyak tanda kurung siku, kurung sudut, atau tanda "
    "khusus lain dalam satu paragraf.",
    "Hapus deretan tanda yang tidak perlu (biasanya ikut tersalin dari aplikasi lain), atau pecah "
    "paragraf yang sangat panjang dengan baris kosong.",
)
DEEP_RENDER = (
    f"Susunan teks bersarang terlalu dalam untuk diolah (batasnya {MAX_NESTING} tingkat).",
    "Rapikan daftar, kutipan, atau blok yang bersarang menjadi beberapa tingkat saja.",
)  # Markdown itself ran out of recursion: a shape the measure did not count
SLOW_RENDER = (
    f"Isi berita ini butuh lebih dari {RENDER_SECONDS:.0f} detik untuk diolah, sehingga tidak bisa diterbitkan.",
    TOO_COMPLEX[1],
)
