"""What a build's output depends on, so unchanged pages can be skipped.

Every page written with a fingerprint (an article's digest, a listing page's
items, a feed's items) is recorded in a manifest under CACHE_PATH, keyed by
the output folder. The next build renders a page only when its fingerprint,
combined with the build-wide digest (code, theme, settings, network data),
differs, or the file is missing.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

SETTINGS_THAT_SHAPE_PAGES = (
    "SITEURL", "FEED_DOMAIN", "RELATIVE_URLS", "THEME_STATIC_DIR", "DEFAULT_PAGINATION", "PAGINATED_TEMPLATES",
    "PAGINATION_PATTERNS", "FEED_MAX_ITEMS", "WARTA_SUMMARY_LENGTH", "ARTICLE_URL", "PAGE_URL", "JINJA_ENVIRONMENT",
)  # fmt: skip
CODE_EXTENSIONS = (".py", ".html", ".css", ".json", ".yml", ".yaml", ".csv", ".svg", ".png")


def _hash_tree(digest: Any, root: str, extensions: tuple[str, ...] = CODE_EXTENSIONS) -> None:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for name in sorted(files):
            if name.endswith(extensions):
                path = os.path.join(folder, name)
                digest.update(path.encode())
                with open(path, "rb") as handle:
                    digest.update(handle.read())


def build_digest(settings: dict[str, Any]) -> str:
    """Digest of everything that shapes every page: plugins, theme, settings, network data."""
    digest = hashlib.sha1()
    plugins_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    _hash_tree(digest, plugins_root)
    _hash_tree(digest, settings["THEME"])
    digest.update(repr([(key, settings.get(key)) for key in SETTINGS_THAT_SHAPE_PAGES]).encode())
    content = settings["PATH"]
    for name in sorted(os.listdir(content)):
        if name.startswith("_") and os.path.isdir(os.path.join(content, name)):
            _hash_tree(digest, os.path.join(content, name), extensions=("",))
    return digest.hexdigest()


class Manifest:
    """Fingerprints of the pages in one output folder, from the previous and this build."""

    def __init__(self, cache_dir: str | None, output_path: str, build: str) -> None:
        name = hashlib.sha1(os.path.abspath(output_path).encode()).hexdigest()[:16]
        self.path = os.path.join(cache_dir, f"warta-output-{name}.json") if cache_dir else None
        self.output_path = output_path
        self.build = build
        self.previous: dict[str, str] = {}
        if self.path and os.path.exists(self.path):
            try:
                with open(self.path, encoding="utf-8") as handle:
                    self.previous = json.load(handle)
            except (OSError, ValueError):
                self.previous = {}
        self.current: dict[str, str] = {}

    def key(self, fingerprint: Any) -> str:
        """The fingerprint of one output file within this build."""
        return hashlib.sha1(f"{self.build}|{fingerprint!r}".encode()).hexdigest()

    def unchanged(self, name: str, fingerprint: Any) -> bool:
        """Record the file's fingerprint; True when last build wrote the same and it still exists."""
        key = self.key(fingerprint)
        self.current[name] = key
        return self.previous.get(name) == key and os.path.exists(os.path.join(self.output_path, name))

    def stale(self) -> list[str]:
        """Files written by the previous build that this build no longer produces."""
        return sorted(set(self.previous) - set(self.current))

    def save(self) -> None:
        """Persist this build's fingerprints (only after every write succeeded)."""
        if not self.path:
            return
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        temporary = f"{self.path}.{os.getpid()}"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(self.current, handle, sort_keys=True)
        os.replace(temporary, self.path)
