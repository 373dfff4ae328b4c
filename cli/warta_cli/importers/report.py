"""The report printed after each import, in Indonesian.

Four parts, each only when it has something to say: what was imported,
what was removed as site chrome (counted by kind), what was guessed rather
than read from a stated place, and what needs a person (author, date,
topic), with the file names and the option or header field that fixes it.
"""

from __future__ import annotations

from collections import Counter

from ..drafting import shown
from .convert import Outcome
from .model import ParsedSource


def chrome_line(outcomes: list[Outcome]) -> str:
    """The chrome removed from all stories, counted by kind ("" when nothing was removed)."""
    total: Counter[str] = Counter()
    for outcome in outcomes:
        total.update(outcome.chrome)
    if not total:
        return ""
    parts = [f"{count} {kind}" for kind, count in sorted(total.items(), key=lambda pair: (-pair[1], pair[0]))]
    return f"Dibuang sebagai hiasan situs: {', '.join(parts)}."


def _names(outcomes: list[Outcome], content: str) -> str:
    return ", ".join(shown(o.path, content) for o in outcomes)


def summary_lines(sources: list[tuple[str, ParsedSource]], outcomes: list[Outcome], content: str) -> list[str]:
    """The report's lines after the per-story lines."""
    created = [o for o in outcomes if o.path and not o.existed]
    lines = ["Laporan impor:"]
    drafts = sum(1 for o in created if o.status != "terbit")
    lines.append(f"  Diimpor: {len(created)} berita ({len(created) - drafts} terbit, {drafts} draf/terjadwal).")
    for path, parsed in sources:
        for repair in parsed.repairs:
            lines.append(f"  Diperbaiki saat membaca {path}: {repair}.")
    chrome = chrome_line(created)
    if chrome:
        lines.append(f"  {chrome}")
    guessed = [o for o in created if o.date_guessed]
    untitled = [o for o in created if o.untitled]
    if guessed or untitled:
        lines.append("  Ditebak (periksa):")
    if guessed:
        lines.append(
            f"    tanggal diambil dari kalimat awal berita, bukan dari keterangan terbit: {_names(guessed, content)}"
        )
    if untitled:
        lines.append(f"    judul diambil dari awal isi: {_names(untitled, content)}")
    no_author = [o for o in created if o.no_author]
    default_topic = [o for o in created if o.default_topic]
    undated = [o for o in outcomes if o.failure.startswith("tanggal")]
    zero_dates = [o for o in undated if "0000-00-00" in o.failure]
    undated = [o for o in undated if o not in zero_dates]
    if no_author or default_topic or undated or zero_dates:
        lines.append("  Perlu diperiksa orang:")
    if no_author:
        lines.append(
            f"    penulis tidak disebut di tempat yang menyatakan penulis: {_names(no_author, content)}. "
            'Tulis baris "Penulis: Nama" di berkasnya, atau hapus berkasnya lalu ulangi dengan --penulis "Nama".'
        )
    if undated:
        lines.append(
            f"    tanggal terbit tidak ditemukan: {', '.join(o.origin for o in undated)}. Ulangi dengan --tanggal."
        )
    if zero_dates:
        named = ", ".join(f'{o.origin} ("{o.title}")' for o in zero_dates)
        lines.append(
            f"    tanggal kosong (0000-00-00) di ekspor WordPress, tidak diimpor: {named}. Beri tanggal di "
            "WordPress lalu ekspor ulang, atau ulangi dengan --tanggal."
        )
    if default_topic:
        lines.append(
            f"    topik diisi dari --topik karena kategorinya tidak cocok dengan topik jaringan: "
            f"{_names(default_topic, content)}. Periksa baris Topik, atau pakai --peta-topik KATEGORI=TOPIK."
        )
    return lines
