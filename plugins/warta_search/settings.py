"""Settings of the search plugin (``WARTA_SEARCH_*``), declared once with types and defaults.

They are checked with every other plugin's settings by
:mod:`warta_core.config_options`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from warta_core.config_options import Bool, Invalid, Literal, Option, Str, schema_value

PREFIX = "WARTA_SEARCH_"
MAX_PORTALS = 50  # every portal costs a reader's browser requests on each search


@dataclass(frozen=True)
class PortalList(Option):
    """Addresses of other portals whose search index ``/cari/`` merges (kept as a tuple, each ending in ``/``)."""

    example = "['https://kim-purworejo.github.io/warta/']"
    _URL = re.compile(r"https?://[^\s/?#\"'<>]+(/[^\s?#\"'<>]*)?")

    def accepts(self, value: Any) -> bool:  # noqa: D102
        return isinstance(value, list | tuple)

    def expected(self, literal: Literal = repr) -> str:  # noqa: D102
        return f"daftar alamat portal yang diawali http:// atau https://, misalnya {self.example}"

    def accepts_doc(self) -> str:  # noqa: D102
        return f"list of http(s) portal addresses (at most {MAX_PORTALS})"

    def show_default(self) -> str:  # noqa: D102
        return f"`{list(self.default)!r}`"

    def hint(self, value: Any, literal: Literal = repr) -> str:  # noqa: D102
        return f"Tulis alamat awal setiap portal, misalnya {self.name} = {self.example}, atau hapus barisnya."

    def check(self, value: Any, key: str = "", literal: Literal = repr) -> Any:  # noqa: D102
        checked = super().check(value, key, literal)
        problems, kept = [], []
        if len(checked) > MAX_PORTALS:
            problems.append(f"paling banyak {MAX_PORTALS} portal, tetapi berisi {len(checked)}")
        for number, entry in enumerate(checked, start=1):
            if not isinstance(entry, str) or not self._URL.fullmatch(entry.strip()):
                problems.append(f"isian ke-{number} ({entry!r}) bukan alamat http:// atau https:// yang sah")
            else:
                kept.append(entry.strip().rstrip("/") + "/")
        if problems:
            raise Invalid(f"{key or self.name}: " + "; ".join(problems) + ".", self.hint(value))
        return tuple(dict.fromkeys(kept))


SCHEMA = (
    Bool(
        "WARTA_SEARCH_INDEX",
        True,
        "Build the Pagefind search index for `/cari/` after every build (`False` leaves `/cari/` without results).",
    ),
    Str(
        "WARTA_SEARCH_PAGEFIND",
        "",
        "Path of the Pagefind program; empty uses the one the `pagefind-bin` package installed.",
    ),
    PortalList(
        "WARTA_SEARCH_PORTALS",
        (),
        "Other portals (their root addresses) whose search indexes `/cari/` merges, e.g. a national portal's "
        "kabupaten portals; their feed items then stay out of this portal's own index.",
    ),
)


def setting(settings: dict[str, Any], name: str) -> Any:
    """A search setting (validated), else its old name, else its default (the plugin did not run)."""
    return schema_value(SCHEMA, settings, name)


def portal_roots(settings: dict[str, Any]) -> tuple[str, ...]:
    """The merged portals' root addresses, each ending in ``/``."""
    return tuple(str(url).rstrip("/") + "/" for url in setting(settings, "WARTA_SEARCH_PORTALS"))
