"""Write the settings tables of docs/reference/settings.md from the plugins' schemas: the docs never restate code.

Each plugin's table sits between ``<!-- settings:<plugin> -->`` and
``<!-- /settings:<plugin> -->``; everything outside the markers is left alone.
The data files declared with the same options get theirs in
docs/reference/data-files.md, between ``<!-- datafile:<name> -->`` markers:
the blocks ``batas`` and ``penyunting`` of ``jaringan.yml``
(:class:`~warta_core.data_options.DataBlock`) and the lists ``topik.yml``,
``penilaian.yml``, ``alasan-pencabutan.yml``, ``instansi.yml`` (and its
``instansi`` entries) and ``mitra.yml``
(:class:`~warta_core.data_entries.DataEntries`), and each KIM's ``kim.yml`` (one block, the whole file).

    .venv/bin/python scripts/settings_tables.py          # rewrite docs/reference/settings.md
    .venv/bin/python scripts/settings_tables.py --check  # exit 1 if it is out of date (tests, make docs, CI)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from warta_core.editor import EDITOR_BLOCK
from warta_core.institutions import INSTITUTION_ENTRIES, INSTITUTIONS_LIST
from warta_core.limits import LIMITS_BLOCK
from warta_core.profiles import PROFILE_BLOCK
from warta_core.topics import TOPICS_LIST
from warta_core.verdicts import VERDICTS_LIST
from warta_core.withdrawals import REASONS_LIST
from warta_network.settings_check import plugin_schemas
from warta_partners.config import PARTNERS_LIST

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the shared helper beside this script
from generated_page import GeneratedPage

if TYPE_CHECKING:
    from warta_core.config_options import Option

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "reference" / "settings.md"
PAGE_NAME = "docs/reference/settings.md"
COMMAND = ".venv/bin/python scripts/settings_tables.py"
GENERATED = GeneratedPage(PAGE, PAGE_NAME, COMMAND, f"{PAGE_NAME} settings tables", plural=True)
DATA_PAGE_NAME = "docs/reference/data-files.md"
DATA_PAGE = GeneratedPage(
    ROOT / "docs" / "reference" / "data-files.md", DATA_PAGE_NAME, COMMAND, f"{DATA_PAGE_NAME} tables", plural=True
)
# Marker name -> declaration: blocks of jaringan.yml by key, lists by file name, nested entries by file.key.
DATA_BLOCKS = {
    **{block.key: block for block in (LIMITS_BLOCK, EDITOR_BLOCK)},
    **{entries.name: entries for entries in (TOPICS_LIST, VERDICTS_LIST, REASONS_LIST, INSTITUTIONS_LIST)},
    "instansi.yml:instansi": INSTITUTION_ENTRIES,
    "kim.yml": PROFILE_BLOCK,
    PARTNERS_LIST.name: PARTNERS_LIST,
}


def documented_plugins() -> list[str]:
    """Every plugin folder with a settings.py, core first."""
    names = (path.parent.name for path in (ROOT / "plugins").glob("*/settings.py"))
    return sorted(names, key=lambda name: (name != "warta_network", name))


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def option_row(option: Option) -> str:
    """One table row: name, default, accepted values, meaning (and the old names still read)."""
    meaning = option.doc
    if option.renamed_from:
        meaning += (
            " Formerly " + ", ".join(f"`{old}`" for old in option.renamed_from) + " (still read, with a warning)."
        )
    cells = (f"`{option.name}`", option.show_default(), option.describe(), meaning)
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def table(plugin: str) -> str:
    """The Markdown table of one plugin's schema."""
    module = plugin_schemas([plugin])[plugin]
    header = ["| Setting | Default | Accepts | Meaning |", "|---|---|---|---|"]
    return "\n".join(header + [option_row(option) for option in module.SCHEMA])


def rewrite(text: str, plugins: list[str]) -> str:
    """``text`` with each plugin's marked table regenerated; a plugin without markers is an error."""
    for plugin in plugins:
        block = re.compile(rf"(<!-- settings:{plugin} -->\n).*?(<!-- /settings:{plugin} -->)", re.DOTALL)
        if not block.search(text):
            raise SystemExit(f"{PAGE_NAME} has no <!-- settings:{plugin} --> … <!-- /settings:{plugin} --> block.")
        text = block.sub(lambda match, p=plugin: match[1] + table(p) + "\n" + match[2], text)
    return text


def rewrite_data_blocks(text: str) -> str:
    """``text`` with each data-file block's marked table regenerated from its declaration."""
    for key, block in DATA_BLOCKS.items():
        marked = re.compile(rf"(<!-- datafile:{key} -->\n).*?(<!-- /datafile:{key} -->)", re.DOTALL)
        if not marked.search(text):
            raise SystemExit(f"{DATA_PAGE_NAME} has no <!-- datafile:{key} --> … <!-- /datafile:{key} --> block.")
        rows = ["| Key | Default | Accepts | Meaning |", "|---|---|---|---|"]
        rows += ["| " + " | ".join(_cell(cell) for cell in (f"`{k}`", d, a, m)) + " |" for k, d, a, m in block.rows()]
        table = "\n".join(rows)
        text = marked.sub(lambda match, table=table: match[1] + table + "\n" + match[2], text)
    return text


def main(argv: list[str] | None = None) -> int:
    """Rewrite the settings and data-file pages, or with ``--check`` only say whether they are up to date."""
    description = __doc__.splitlines()[0]
    settings = GENERATED.main(lambda text: rewrite(text, documented_plugins()), description, argv)
    return max(settings, DATA_PAGE.main(rewrite_data_blocks, description, argv))


if __name__ == "__main__":
    sys.exit(main())
