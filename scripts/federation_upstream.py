"""Down the chain: a kabupaten portal withdraws one story and corrects another; the national portal follows.

Used by ``scripts/federation.py`` after its first aggregation. On one
kabupaten portal the newest story is withdrawn (``kim tarik``: its Atom
feeds then carry an RFC 6721 tombstone for it) and the next one is corrected
the way a writer would (a new title and summary, then ``kim ralat``, which
adds the dated ``Ralat:`` line and moves the entry's ``<updated>``); that
portal is built again. The caller then fetches and builds the national
portal again and counts what its cache says was removed and revised.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import feedparser

from warta_core.validation import check_network
from warta_partners.cache import PartnerCache

REPO = Path(__file__).resolve().parent.parent
REASON = "masa-depan-anak"
EXPLANATION = "Berita menyebut nama dan sekolah anak yang berhadapan dengan hukum."
NEW_TITLE = "Jembatan Desa Tidak Putus, Hanya Retak dan Sudah Diperbaiki"
NEW_SUMMARY = "Ralat: jembatan desa hanya retak, tidak putus, dan sudah diperbaiki warga pada hari Senin."
NOTE = "Judul dan ringkasan semula menyebut jembatan putus; yang benar jembatan hanya retak."


@dataclass
class UpstreamFigures:
    """What the withdrawal and the correction were, and what following them cost the national portal."""

    kabupaten: str = ""
    withdrawn_link: str = ""
    withdrawn_title: str = ""
    corrected_link: str = ""
    old_title: str = ""
    old_summary: str = ""
    new_title: str = NEW_TITLE
    new_summary: str = NEW_SUMMARY
    reason: str = REASON
    kabupaten_build_seconds: float = 0.0
    national_fetch_seconds: float = 0.0
    national_build_seconds: float = 0.0
    removed_entries: int = 0  # national cache: entries removed by tombstones in the second fetch
    revised_entries: int = 0  # and entries whose feed changed them

    def count_national(self, cache: PartnerCache) -> None:
        """Read the removed and revised counts of the national portal's last fetch from its cache."""
        states = cache.states()
        self.removed_entries = sum(state.health.removed_entries for state in states)
        self.revised_entries = sum(state.health.revised_entries for state in states)

    def rows(self) -> list[tuple[str, str]]:
        """Rows for the federation table."""
        return [
            (f"Upstream: kabupaten {self.kabupaten} rebuilt", f"{self.kabupaten_build_seconds:.1f} s"),
            ("Upstream: national fetch again", f"{self.national_fetch_seconds:.1f} s"),
            ("Upstream: national build again", f"{self.national_build_seconds:.1f} s"),
            ("Upstream: entries removed / revised", f"{self.removed_entries} / {self.revised_entries}"),
        ]


def _replace_header_line(path: Path, field: str, value: str) -> None:
    """Set one ``Field: value`` header line, writing a new file (the split network hard-links its sources)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.startswith(f"{field}:"):
            lines[number] = f"{field}: {value}\n"
            break
    else:
        raise ValueError(f"{path}: no {field} line")
    temporary = path.with_suffix(".tmp")
    temporary.write_text("".join(lines), encoding="utf-8")
    os.replace(temporary, path)


def change_upstream(
    content: Path, site: Path, rebuild: Callable[[], float], kim: Callable[..., float]
) -> UpstreamFigures:
    """Withdraw the newest story of the portal built from ``content`` into ``site``, correct the next, rebuild."""
    newest, next_one = feedparser.parse((site / "atom.xml").read_bytes()).entries[:2]
    articles = {
        f"/kim/{article.kim.slug}/{article.slug}/": Path(path)
        for path, article in check_network(str(content)).articles.items()
    }
    files = {}
    for entry in (newest, next_one):
        [files[entry.link]] = [path for tail, path in articles.items() if entry.link.endswith(tail)]
    figures = UpstreamFigures(
        kabupaten=site.name,
        withdrawn_link=newest.link,
        withdrawn_title=newest.title,
        corrected_link=next_one.link,
        old_title=next_one.title,
        old_summary=next_one.summary,
    )
    shutil.copy(REPO / "content" / "_data" / "alasan-pencabutan.yml", content / "_data")  # not in the synthetic data
    konten = ("--konten", str(content))
    kim(*konten, "tarik", str(files[newest.link]), "--alasan", REASON, "--penjelasan", EXPLANATION)
    corrected = files[next_one.link]
    _replace_header_line(corrected, "Judul", NEW_TITLE)
    _replace_header_line(corrected, "Ringkasan", NEW_SUMMARY)
    kim(*konten, "ralat", str(corrected), "--catatan", NOTE)
    figures.kabupaten_build_seconds = rebuild()
    return figures
