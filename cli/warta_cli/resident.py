"""What ``kim pratinjau`` watches between edits, and which edits it cannot take in place.

The preview is one long-lived process: Python, Pelican, Markdown, Jinja and
every plugin are imported once, and each rebuild runs in that process. A
rebuild runs Pelican's whole pipeline again, so its output is by
construction the output of a clean ``kim bangun`` of the same files with
the same settings (``tests/warta_cli/test_preview_resident.py`` proves it byte for
byte after sequences of edits); what makes it short are the caches every
build keeps in the network's ``.cache/``: the check's results per article
(``warta_core.check_cache``: an unchanged file is not read again), the
rendered bodies (``warta_network.rendering``: no Markdown is parsed again)
and the page fingerprints (``warta_output``: only the pages whose
fingerprint changed are rendered and written).

Kept in memory between edits: the imported code, the process itself, and
the last good build's articles generator (:mod:`.quick_render`), from which
a saved edit of a story's text renders that story's page at once, before the
rebuild. The rebuild itself does not reuse Pelican's article objects: a
profile of a one-article edit at 10,000 articles put Pelican's reading of
every article (``read_file`` and its ``Article`` objects) at 7 % of the
rebuild and the check at 10 % (most of it already served by its cache);
reusing them would mean rebinding their private ``settings`` and
``_context`` on each one and trusting every plugin to reset what it sets on
them, for at most that 7 %. The rest of a rebuild is network-wide passes
(listings, related stories, feeds); docs/dev-guide/performance.md has the
figures.

Each batch of saved files is sorted into one :class:`Change`:

- content (articles, pages, ``kim.yml``, data files, images) and the theme:
  rebuild (stories whose text alone changed: their pages first, see
  :mod:`.quick_render`);
- the settings file: read again, then rebuild (an edit of ``pelicanconf.py``
  used to go unnoticed until the preview was restarted);
- plugin code (``.py`` under ``PLUGIN_PATHS``): a running process cannot
  load new code safely (modules are imported once, and half-reloaded plugins
  would mix old and new), so the preview says a restart is needed; content
  saved meanwhile is still rebuilt, with the code it loaded at the start.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from enum import Enum
from typing import Any

Snapshot = dict[str, tuple[int, int]]


class Change(Enum):
    """What a batch of saved files asks of the preview."""

    NONE = "none"  # nothing, or plugin code only (see ``Watched.plugin_code``)
    CONTENT = "content"  # content/ or the theme: rebuild
    SETTINGS = "settings"  # the settings file: read it again, then rebuild


@dataclass(frozen=True)
class Watched:
    """The folders and files a preview watches (absolute paths)."""

    content: str
    settings_file: str
    theme: str = ""
    plugins: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, content: str, settings_file: str, settings: dict[str, Any]) -> Watched:
        """Watch ``content``, the settings file, its theme and its plugin folders (relative to the settings file)."""
        base = os.path.dirname(os.path.abspath(settings_file))
        theme = settings.get("THEME") or ""
        theme = os.path.join(base, theme) if theme and not os.path.isabs(theme) else theme
        plugins = tuple(
            folder
            for folder in (os.path.join(base, path) for path in settings.get("PLUGIN_PATHS") or [])
            if os.path.isdir(folder)
        )
        return cls(content, os.path.abspath(settings_file), theme if os.path.isdir(theme) else "", plugins)

    def snapshot(self) -> Snapshot:
        """Time and size of every watched file (plugin folders: their ``.py`` files only)."""
        seen = snapshot([self.content] + ([self.theme] if self.theme else []))
        seen.update(snapshot(list(self.plugins), suffix=".py"))
        with contextlib.suppress(OSError):
            info = os.stat(self.settings_file)
            seen[self.settings_file] = (info.st_mtime_ns, info.st_size)
        return seen

    def plugin_code(self, changed: list[str]) -> list[str]:
        """The plugin code among ``changed``: it takes a restart, not a rebuild."""
        return [path for path in changed if path.endswith(".py") and _inside(path, self.plugins)]

    def classify(self, changed: list[str]) -> Change:
        """What the files among ``changed`` that a rebuild can take ask for: settings over content."""
        code = set(self.plugin_code(changed))
        rest = [path for path in changed if path not in code]
        if not rest:
            return Change.NONE
        return Change.SETTINGS if self.settings_file in rest else Change.CONTENT


def _inside(path: str, folders: tuple[str, ...]) -> bool:
    return any(os.path.commonpath([path, folder]) == folder for folder in folders)


SKIPPED_FOLDERS = frozenset({"__pycache__", "node_modules"})


def snapshot(folders: list[str], suffix: str = "") -> Snapshot:
    """Modification time and size of every non-hidden file below ``folders`` (ending in ``suffix``).

    ``node_modules`` is skipped: the web editor's npm packages under the theme are 27,000 files, which a poll
    every 0.2 s would stat over and over (they change only with ``make setup``; restart the preview then).
    """
    seen: Snapshot = {}
    for top in folders:
        for folder, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS]
            for name in files:
                if name.startswith(".") or name.endswith("~") or not name.endswith(suffix):
                    continue
                path = os.path.join(folder, name)
                with contextlib.suppress(OSError):  # deleted while walking
                    info = os.stat(path)
                    seen[path] = (info.st_mtime_ns, info.st_size)
    return seen


def changed_paths(before: Snapshot, after: Snapshot) -> list[str]:
    """Files added, removed or modified between two snapshots."""
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
